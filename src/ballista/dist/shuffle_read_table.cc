#include "ballista/dist/shuffle_read_table.h"

#include <utility>

namespace ballista::dist {
namespace {

/// Reads one piece and keeps the requested columns.
class PieceUnit final : public catalog::ScanUnit {
 public:
  PieceUnit(ShufflePiece piece, ShufflePieceOpener opener, arrow::SchemaPtr schema,
            std::optional<std::vector<int>> projection)
      : piece_(std::move(piece)),
        opener_(std::move(opener)),
        schema_(std::move(schema)),
        projection_(std::move(projection)) {}

  Result<arrow::RecordBatchReaderPtr> Open() const override {
    ASSIGN_OR_RAISE(auto reader, opener_(piece_));
    if (!projection_) return reader;
    return arrow::RecordBatchReaderPtr(std::make_unique<Projecting>(std::move(reader), schema_, *projection_));
  }

  std::string ToString() const override {
    return "stage output partition " + std::to_string(piece_.output_partition) + " of task " +
           std::to_string(piece_.map_partition) + " on " + piece_.executor_id;
  }

 private:
  class Projecting final : public arrow::RecordBatchReader {
   public:
    Projecting(arrow::RecordBatchReaderPtr input, const arrow::SchemaPtr& full, std::vector<int> columns)
        : input_(std::move(input)), columns_(std::move(columns)) {
      std::vector<arrow::FieldPtr> fields;
      for (int c : columns_) fields.push_back(full->field(c));
      schema_ = std::make_shared<arrow::Schema>(std::move(fields));
    }
    arrow::SchemaPtr schema() const override { return schema_; }
    Result<arrow::RecordBatchPtr> Next() override {
      ASSIGN_OR_RAISE(auto batch, input_->Next());
      if (!batch) return batch;
      std::vector<arrow::ArrayDataPtr> columns;
      for (int c : columns_) {
        if (c >= batch->num_columns()) {
          return Status::IOError("shuffle piece has " + std::to_string(batch->num_columns()) +
                                 " columns, expected at least " + std::to_string(c + 1));
        }
        columns.push_back(batch->column_data(c));
      }
      return std::make_shared<arrow::RecordBatch>(schema_, batch->num_rows(), std::move(columns));
    }

   private:
    arrow::RecordBatchReaderPtr input_;
    std::vector<int> columns_;
    arrow::SchemaPtr schema_;
  };

  ShufflePiece piece_;
  ShufflePieceOpener opener_;
  arrow::SchemaPtr schema_;
  std::optional<std::vector<int>> projection_;
};

}  // namespace

logical::LogicalPlanPtr RewriteShuffleReads(
    const logical::LogicalPlanPtr& plan,
    const std::function<catalog::TableProviderPtr(const ShuffleReadTable&)>& replace) {
  if (plan->kind == logical::PlanKind::kTableScan) {
    const auto& scan = plan->As<logical::TableScan>();
    auto* read = dynamic_cast<const ShuffleReadTable*>(scan.table.provider.get());
    if (!read) return plan;
    catalog::ResolvedTable table = scan.table;
    table.provider = replace(*read);
    return std::make_shared<logical::TableScan>(std::move(table), scan.projection, scan.output(), scan.filters,
                                                scan.fetch);
  }
  std::vector<logical::LogicalPlanPtr> inputs;
  for (const auto& input : plan->inputs()) inputs.push_back(RewriteShuffleReads(input, replace));
  if (inputs.empty()) return plan;
  return plan->WithInputs(std::move(inputs));
}

std::string ShuffleTableName(int stage_id) { return "stage_" + std::to_string(stage_id); }

ShuffleReadTable::ShuffleReadTable(arrow::SchemaPtr schema, int input_stage, bool read_all,
                                   int input_partitions)
    : schema_(std::move(schema)),
      input_stage_(input_stage),
      read_all_(read_all),
      input_partitions_(input_partitions) {}

catalog::TableStatistics ShuffleReadTable::Statistics() const {
  catalog::TableStatistics stats;
  if (pieces_.empty()) return stats;
  int64_t rows = 0;
  for (const auto& partition : pieces_) {
    for (const auto& piece : partition) rows += piece.rows;
  }
  stats.num_rows = rows;
  stats.exact = true;
  return stats;
}

Result<std::vector<catalog::ScanUnitPtr>> ShuffleReadTable::PlanScan(const catalog::ScanRequest& request) const {
  std::vector<catalog::ScanUnitPtr> units;
  if (bound_partition_ < 0) return units;
  auto add_partition = [&](int p) {
    if (p < 0 || static_cast<size_t>(p) >= pieces_.size()) return;
    for (const auto& piece : pieces_[static_cast<size_t>(p)]) {
      if (piece.rows == 0 && piece.length == 0) continue;
      units.push_back(std::make_shared<PieceUnit>(piece, opener_, schema_, request.projection));
    }
  };
  if (read_all_) {
    for (size_t p = 0; p < pieces_.size(); ++p) add_partition(static_cast<int>(p));
  } else if (!task_partitions_.empty()) {
    if (static_cast<size_t>(bound_partition_) < task_partitions_.size()) {
      for (int p : task_partitions_[static_cast<size_t>(bound_partition_)]) add_partition(p);
    }
  } else {
    add_partition(bound_partition_);
  }
  return units;
}

std::shared_ptr<ShuffleReadTable> ShuffleReadTable::WithPieces(std::vector<std::vector<ShufflePiece>> pieces) const {
  auto copy = std::make_shared<ShuffleReadTable>(schema_, input_stage_, read_all_, input_partitions_);
  copy->pieces_ = std::move(pieces);
  copy->task_partitions_ = task_partitions_;
  return copy;
}

std::shared_ptr<ShuffleReadTable> ShuffleReadTable::WithTaskPartitions(
    std::vector<std::vector<int>> task_partitions) const {
  auto copy = std::make_shared<ShuffleReadTable>(schema_, input_stage_, read_all_, input_partitions_);
  copy->pieces_ = pieces_;
  copy->task_partitions_ = std::move(task_partitions);
  return copy;
}

std::shared_ptr<ShuffleReadTable> ShuffleReadTable::BindToTask(int task_partition, ShufflePieceOpener opener) const {
  auto copy = std::make_shared<ShuffleReadTable>(schema_, input_stage_, read_all_, input_partitions_);
  copy->pieces_ = pieces_;
  copy->task_partitions_ = task_partitions_;
  copy->bound_partition_ = task_partition;
  copy->opener_ = std::move(opener);
  return copy;
}

}  // namespace ballista::dist
