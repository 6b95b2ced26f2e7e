#include "ballista/catalog/memory_table.h"

#include <algorithm>

namespace ballista::catalog {
namespace a = ballista::arrow;

Result<a::SchemaPtr> ProjectSchema(const a::SchemaPtr& schema,
                                   const std::optional<std::vector<int>>& projection) {
  if (!projection) return schema;
  a::FieldVector fields;
  fields.reserve(projection->size());
  for (int index : *projection) {
    if (index < 0 || index >= schema->num_fields()) {
      return Status::InvalidArgument("projection index " + std::to_string(index) +
                                     " is out of range for a schema of " +
                                     std::to_string(schema->num_fields()) + " fields");
    }
    fields.push_back(schema->field(index));
  }
  return a::MakeSchema(std::move(fields), schema->metadata());
}

Result<a::RecordBatchPtr> ProjectBatch(const a::RecordBatchPtr& batch,
                                       const std::optional<std::vector<int>>& projection,
                                       const a::SchemaPtr& projected_schema) {
  if (!projection) {
    return std::make_shared<a::RecordBatch>(projected_schema, batch->num_rows(), batch->columns());
  }
  std::vector<a::ArrayDataPtr> columns;
  columns.reserve(projection->size());
  for (int index : *projection) columns.push_back(batch->column_data(index));
  return std::make_shared<a::RecordBatch>(projected_schema, batch->num_rows(), std::move(columns));
}

namespace {

/// A contiguous run of a memory table's batches, projected on the fly.
class MemoryScanUnit final : public ScanUnit {
 public:
  MemoryScanUnit(std::vector<a::RecordBatchPtr> batches, std::optional<std::vector<int>> projection,
                 a::SchemaPtr projected_schema, std::optional<int64_t> limit, size_t first)
      : batches_(std::move(batches)),
        projection_(std::move(projection)),
        schema_(std::move(projected_schema)),
        limit_(limit),
        first_(first) {}

  Result<a::RecordBatchReaderPtr> Open() const override {
    std::vector<a::RecordBatchPtr> out;
    int64_t remaining = limit_.value_or(INT64_MAX);
    for (const auto& batch : batches_) {
      if (remaining <= 0) break;
      ASSIGN_OR_RAISE(auto projected, ProjectBatch(batch, projection_, schema_));
      if (projected->num_rows() > remaining) projected = projected->Slice(0, remaining);
      remaining -= projected->num_rows();
      out.push_back(std::move(projected));
    }
    return a::MakeVectorReader(schema_, std::move(out));
  }

  std::string ToString() const override {
    return "memory batches " + std::to_string(first_) + ".." +
           std::to_string(first_ + batches_.size());
  }

 private:
  std::vector<a::RecordBatchPtr> batches_;
  std::optional<std::vector<int>> projection_;
  a::SchemaPtr schema_;
  std::optional<int64_t> limit_;
  size_t first_;
};

}  // namespace

Result<std::shared_ptr<MemoryTable>> MemoryTable::Make(a::SchemaPtr schema,
                                                       std::vector<a::RecordBatchPtr> batches) {
  std::shared_ptr<MemoryTable> table(new MemoryTable(std::move(schema)));
  RETURN_NOT_OK(table->CheckAndAppend(batches));
  return table;
}

Status MemoryTable::CheckAndAppend(const std::vector<a::RecordBatchPtr>& batches) {
  std::vector<a::RecordBatchPtr> relabelled;
  relabelled.reserve(batches.size());
  int64_t rows = 0;
  for (const auto& batch : batches) {
    if (batch->num_columns() != schema_->num_fields()) {
      return Status::InvalidArgument("a batch of " + std::to_string(batch->num_columns()) +
                                     " columns does not fit a table of " +
                                     std::to_string(schema_->num_fields()) + " columns");
    }
    for (int i = 0; i < batch->num_columns(); ++i) {
      const auto& want = schema_->field(i)->type();
      const auto& have = batch->schema()->field(i)->type();
      if (!want->Equals(*have)) {
        return Status::TypeError("column \"" + schema_->field(i)->name() + "\" has type " +
                                 want->ToString() + " but the inserted data has type " +
                                 have->ToString());
      }
      if (!schema_->field(i)->nullable() && batch->column_data(i)->GetNullCount() > 0) {
        return Status::InvalidArgument("column \"" + schema_->field(i)->name() +
                                       "\" is NOT NULL but the inserted data has nulls");
      }
    }
    if (batch->num_rows() == 0) continue;
    rows += batch->num_rows();
    relabelled.push_back(
        std::make_shared<a::RecordBatch>(schema_, batch->num_rows(), batch->columns()));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  batches_.insert(batches_.end(), relabelled.begin(), relabelled.end());
  num_rows_ += rows;
  return Status::OK();
}

Status MemoryTable::Insert(const std::vector<a::RecordBatchPtr>& batches) {
  return CheckAndAppend(batches);
}

std::vector<a::RecordBatchPtr> MemoryTable::batches() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return batches_;
}

TableStatistics MemoryTable::Statistics() const {
  TableStatistics stats;
  std::lock_guard<std::mutex> lock(mutex_);
  stats.num_rows = num_rows_;
  stats.exact = true;
  return stats;
}

Result<std::vector<ScanUnitPtr>> MemoryTable::PlanScan(const ScanRequest& request) const {
  ASSIGN_OR_RAISE(auto projected_schema, ProjectSchema(schema_, request.projection));
  std::vector<a::RecordBatchPtr> snapshot = batches();
  std::vector<ScanUnitPtr> units;
  if (snapshot.empty()) return units;
  // Contiguous runs of whole batches, as even as the batch count allows.
  size_t parts = std::clamp<size_t>(static_cast<size_t>(std::max(1, request.target_partitions)), 1,
                                    snapshot.size());
  size_t per_part = snapshot.size() / parts;
  size_t extra = snapshot.size() % parts;
  size_t begin = 0;
  for (size_t p = 0; p < parts; ++p) {
    size_t count = per_part + (p < extra ? 1 : 0);
    std::vector<a::RecordBatchPtr> run(snapshot.begin() + static_cast<std::ptrdiff_t>(begin),
                                       snapshot.begin() + static_cast<std::ptrdiff_t>(begin + count));
    units.push_back(std::make_shared<MemoryScanUnit>(std::move(run), request.projection,
                                                     projected_schema, request.limit, begin));
    begin += count;
  }
  return units;
}

}  // namespace ballista::catalog
