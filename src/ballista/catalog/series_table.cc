#include "ballista/catalog/series_table.h"

#include <algorithm>

#include "ballista/arrow/builder_primitive.h"
#include "ballista/arrow/record_batch.h"

namespace ballista::catalog {
namespace a = ballista::arrow;

namespace {

constexpr int64_t kBatchRows = 65536;
constexpr int64_t kUnitRows = 1 << 20;

/// Generates rows [first, first + count) of the series, in batches.
class SeriesReader final : public a::RecordBatchReader {
 public:
  SeriesReader(a::SchemaPtr schema, int copies, int64_t start, int64_t step, int64_t first,
               int64_t count)
      : schema_(std::move(schema)), copies_(copies), start_(start), step_(step),
        next_(first), end_(first + count) {}
  a::SchemaPtr schema() const override { return schema_; }
  Result<a::RecordBatchPtr> Next() override {
    if (next_ >= end_) return a::RecordBatchPtr();
    const int64_t rows = std::min(kBatchRows, end_ - next_);
    std::vector<a::ArrayDataPtr> columns;
    if (copies_ > 0) {
      a::Int64Builder builder;
      RETURN_NOT_OK(builder.Reserve(rows));
      // start + i * step stays inside [start, stop] by construction, so it cannot overflow;
      // computed in unsigned arithmetic to keep intermediate products defined.
      for (int64_t i = next_; i < next_ + rows; ++i) {
        RETURN_NOT_OK(builder.Append(static_cast<int64_t>(static_cast<uint64_t>(start_) +
                                                          static_cast<uint64_t>(i) * static_cast<uint64_t>(step_))));
      }
      ASSIGN_OR_RAISE(auto array, builder.Finish());
      // Each projected copy of the column shares the same values.
      columns.assign(static_cast<size_t>(copies_), array);
    }
    next_ += rows;
    return std::make_shared<a::RecordBatch>(schema_, rows, std::move(columns));
  }

 private:
  a::SchemaPtr schema_;
  int copies_;
  int64_t start_;
  int64_t step_;
  int64_t next_;
  int64_t end_;
};

class SeriesUnit final : public ScanUnit {
 public:
  SeriesUnit(a::SchemaPtr schema, int copies, int64_t start, int64_t step, int64_t first,
             int64_t count)
      : schema_(std::move(schema)), copies_(copies), start_(start), step_(step),
        first_(first), count_(count) {}
  Result<a::RecordBatchReaderPtr> Open() const override {
    return a::RecordBatchReaderPtr(
        std::make_shared<SeriesReader>(schema_, copies_, start_, step_, first_, count_));
  }
  std::string ToString() const override {
    return "series rows " + std::to_string(first_) + ".." + std::to_string(first_ + count_);
  }

 private:
  a::SchemaPtr schema_;
  int copies_;
  int64_t start_;
  int64_t step_;
  int64_t first_;
  int64_t count_;
};

Result<int64_t> IntegerArgument(const std::string& function, const a::Scalar& arg, size_t position) {
  if (arg.is_null()) return Status::InvalidArgument(function + " argument " + std::to_string(position + 1) + " is NULL");
  if (!a::IsInteger(arg.type()->id())) {
    return Status::InvalidArgument(function + " takes integer arguments; argument " + std::to_string(position + 1) +
                                   " is " + arg.type()->ToString());
  }
  if (const auto* u = std::get_if<uint64_t>(&arg.value())) {
    if (*u > static_cast<uint64_t>(INT64_MAX)) return Status::InvalidArgument(function + " argument out of range");
    return static_cast<int64_t>(*u);
  }
  return arg.As<int64_t>();
}

}  // namespace

Result<std::shared_ptr<SeriesTable>> SeriesTable::Make(const std::string& function_name,
                                                       const std::vector<a::Scalar>& args) {
  const bool inclusive = function_name == "generate_series";
  if (args.empty() || args.size() > 3) {
    return Status::InvalidArgument(function_name + " takes (stop), (start, stop) or (start, stop, step)");
  }
  std::vector<int64_t> values;
  for (size_t i = 0; i < args.size(); ++i) {
    ASSIGN_OR_RAISE(auto v, IntegerArgument(function_name, args[i], i));
    values.push_back(v);
  }
  const int64_t start = values.size() == 1 ? 0 : values[0];
  const int64_t stop = values.size() == 1 ? values[0] : values[1];
  const int64_t step = values.size() == 3 ? values[2] : 1;
  if (step == 0) return Status::InvalidArgument(function_name + " step must not be zero");
  // Number of values start + k*step before (or up to) stop, in 128-bit arithmetic.
  __int128 span = static_cast<__int128>(stop) - start;
  __int128 count = 0;
  if ((step > 0 && span > 0) || (step < 0 && span < 0)) {
    __int128 magnitude = span < 0 ? -span : span;
    __int128 stride = step < 0 ? -static_cast<__int128>(step) : step;
    count = (magnitude + stride - 1) / stride;                  // values strictly before stop
    if (inclusive && magnitude % stride == 0) count += 1;       // stop itself is on the grid
  } else if (span == 0 && inclusive) {
    count = 1;
  }
  if (count > INT64_MAX) return Status::InvalidArgument(function_name + " has too many rows");
  auto schema = a::MakeSchema({a::MakeField(function_name, a::Int64(), false)});
  return std::shared_ptr<SeriesTable>(new SeriesTable(std::move(schema), start, step, static_cast<int64_t>(count)));
}

Result<std::shared_ptr<SeriesTable>> SeriesTable::FromParts(const std::string& column_name,
                                                            int64_t start, int64_t step,
                                                            int64_t num_rows) {
  if (step == 0) return Status::InvalidArgument("series step must not be zero");
  if (num_rows < 0) return Status::InvalidArgument("series row count is negative");
  if (num_rows > 0) {
    const __int128 last = static_cast<__int128>(start) + static_cast<__int128>(num_rows - 1) * step;
    if (last > INT64_MAX || last < INT64_MIN) {
      return Status::InvalidArgument("series values would overflow BIGINT");
    }
  }
  auto schema = a::MakeSchema({a::MakeField(column_name, a::Int64(), false)});
  return std::shared_ptr<SeriesTable>(new SeriesTable(std::move(schema), start, step, num_rows));
}

TableStatistics SeriesTable::Statistics() const {
  TableStatistics stats;
  stats.num_rows = num_rows_;
  stats.exact = true;
  ColumnStatistics column;
  column.null_count = 0;
  column.distinct_count = num_rows_;
  if (num_rows_ > 0) {
    const int64_t last = static_cast<int64_t>(static_cast<uint64_t>(start_) +
                                              static_cast<uint64_t>(num_rows_ - 1) * static_cast<uint64_t>(step_));
    column.min = a::Scalar::Int64(std::min(start_, last));
    column.max = a::Scalar::Int64(std::max(start_, last));
  }
  stats.columns.push_back(std::move(column));
  return stats;
}

Result<std::vector<ScanUnitPtr>> SeriesTable::PlanScan(const ScanRequest& request) const {
  int copies = 1;
  a::SchemaPtr schema = schema_;
  if (request.projection) {
    for (int f : *request.projection) {
      if (f != 0) return Status::InvalidArgument("series table has one column; field " + std::to_string(f) + " asked");
    }
    copies = static_cast<int>(request.projection->size());
    schema = a::MakeSchema(a::FieldVector(static_cast<size_t>(copies), schema_->field(0)));
  }
  const int64_t rows = std::min(num_rows_, request.limit.value_or(INT64_MAX));
  std::vector<ScanUnitPtr> units;
  for (int64_t first = 0; first < rows; first += kUnitRows) {
    const int64_t count = std::min(kUnitRows, rows - first);
    units.push_back(std::make_shared<SeriesUnit>(schema, copies, start_, step_, first, count));
  }
  return units;
}

}  // namespace ballista::catalog
