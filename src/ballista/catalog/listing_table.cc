#include "ballista/common/parse_number.h"
#include "ballista/catalog/listing_table.h"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "ballista/common/ascii.h"
#include "ballista/arrow/ipc/reader.h"
#include "ballista/arrow/scalar.h"
#include "ballista/catalog/memory_table.h"
#include "ballista/formats/csv/csv_reader.h"
#include "ballista/formats/json/json_reader.h"
#include "ballista/formats/parquet/file_reader.h"
#include "ballista/formats/parquet/statistics.h"
#include "ballista/formats/scan_predicate.h"

namespace ballista::catalog {
namespace a = ballista::arrow;
namespace csv = ballista::formats::csv;
namespace pq = ballista::formats::parquet;
namespace json = ballista::formats::json;

namespace {


bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Which columns a unit reads and how it assembles the requested output.
struct ScanShape {
  a::SchemaPtr output_schema;
  /// Per output column: the position among the file columns read, or -1 for a partition column.
  std::vector<int> file_position;
  /// Per output column that is a partition column: its value.
  std::vector<a::Scalar> partition_value;
  /// File field indices to read, in read order.
  std::vector<int> file_fields;
  std::optional<int64_t> limit;
};

/// Wraps a file reader: reorders its columns into the requested output, appends partition
/// values, and stops after `limit` rows.
class AssemblingReader final : public a::RecordBatchReader {
 public:
  AssemblingReader(a::RecordBatchReaderPtr input, std::shared_ptr<const ScanShape> shape)
      : input_(std::move(input)), shape_(std::move(shape)), remaining_(shape_->limit.value_or(INT64_MAX)) {}

  a::SchemaPtr schema() const override { return shape_->output_schema; }

  Result<a::RecordBatchPtr> Next() override {
    if (remaining_ <= 0) return a::RecordBatchPtr();
    ASSIGN_OR_RAISE(auto batch, input_->Next());
    if (!batch) return batch;
    if (batch->num_rows() > remaining_) batch = batch->Slice(0, remaining_);
    remaining_ -= batch->num_rows();
    std::vector<a::ArrayDataPtr> columns;
    for (size_t i = 0; i < shape_->file_position.size(); ++i) {
      int pos = shape_->file_position[i];
      if (pos >= 0) {
        columns.push_back(batch->column_data(pos));
      } else {
        ASSIGN_OR_RAISE(auto array, a::MakeArrayFromScalar(shape_->partition_value[i], batch->num_rows()));
        columns.push_back(std::move(array));
      }
    }
    return std::make_shared<a::RecordBatch>(shape_->output_schema, batch->num_rows(), std::move(columns));
  }

 private:
  a::RecordBatchReaderPtr input_;
  std::shared_ptr<const ScanShape> shape_;
  int64_t remaining_;
};

class CsvUnit final : public ScanUnit {
 public:
  CsvUnit(std::string path, std::optional<csv::ByteRange> range, csv::CsvReadOptions options,
          std::shared_ptr<const ScanShape> shape)
      : path_(std::move(path)), range_(range), options_(std::move(options)), shape_(std::move(shape)) {}
  Result<a::RecordBatchReaderPtr> Open() const override {
    std::unique_ptr<csv::CsvReader> reader;
    if (range_) {
      ASSIGN_OR_RAISE(reader, csv::CsvReader::OpenRange(path_, *range_, options_));
    } else {
      ASSIGN_OR_RAISE(reader, csv::CsvReader::Open(path_, options_));
    }
    return a::RecordBatchReaderPtr(std::make_shared<AssemblingReader>(std::move(reader), shape_));
  }
  std::string ToString() const override {
    if (!range_) return path_;
    return path_ + " bytes " + std::to_string(range_->offset) + "+" + std::to_string(range_->length);
  }

 private:
  std::string path_;
  std::optional<csv::ByteRange> range_;
  csv::CsvReadOptions options_;
  std::shared_ptr<const ScanShape> shape_;
};

class JsonUnit final : public ScanUnit {
 public:
  JsonUnit(std::string path, std::optional<csv::ByteRange> range, json::JsonReadOptions options,
           std::shared_ptr<const ScanShape> shape)
      : path_(std::move(path)), range_(range), options_(std::move(options)), shape_(std::move(shape)) {}
  Result<a::RecordBatchReaderPtr> Open() const override {
    std::unique_ptr<json::JsonReader> reader;
    if (range_) {
      ASSIGN_OR_RAISE(reader, json::JsonReader::OpenRange(path_, *range_, options_));
    } else {
      ASSIGN_OR_RAISE(reader, json::JsonReader::Open(path_, options_));
    }
    return a::RecordBatchReaderPtr(std::make_shared<AssemblingReader>(std::move(reader), shape_));
  }
  std::string ToString() const override { return path_; }

 private:
  std::string path_;
  std::optional<csv::ByteRange> range_;
  json::JsonReadOptions options_;
  std::shared_ptr<const ScanShape> shape_;
};

/// Keeps only the rows of a row group inside `ranges` (sorted, disjoint, row numbers within the
/// row group): the rows of pages the page index could not rule out.
class RowRangeReader final : public a::RecordBatchReader {
 public:
  RowRangeReader(a::RecordBatchReaderPtr input, std::vector<pq::RowRange> ranges)
      : input_(std::move(input)), ranges_(std::move(ranges)) {}
  a::SchemaPtr schema() const override { return input_->schema(); }
  Result<a::RecordBatchPtr> Next() override {
    while (true) {
      if (!pending_.empty()) {
        auto batch = std::move(pending_.front());
        pending_.erase(pending_.begin());
        return batch;
      }
      if (next_range_ >= ranges_.size()) return a::RecordBatchPtr();
      ASSIGN_OR_RAISE(auto batch, input_->Next());
      if (!batch) return batch;
      const int64_t begin = row_;
      const int64_t end = row_ + batch->num_rows();
      row_ = end;
      for (size_t r = next_range_; r < ranges_.size() && ranges_[r].begin < end; ++r) {
        const int64_t from = std::max(begin, ranges_[r].begin);
        const int64_t to = std::min(end, ranges_[r].end);
        if (from < to) pending_.push_back(batch->Slice(from - begin, to - from));
      }
      while (next_range_ < ranges_.size() && ranges_[next_range_].end <= end) ++next_range_;
    }
  }

 private:
  a::RecordBatchReaderPtr input_;
  std::vector<pq::RowRange> ranges_;
  size_t next_range_ = 0;
  int64_t row_ = 0;
  std::vector<a::RecordBatchPtr> pending_;
};

class ParquetUnit final : public ScanUnit {
 public:
  /// `ranges` are the rows of `row_group` to keep; empty means all of them.
  ParquetUnit(std::shared_ptr<const pq::ParquetFileReader> reader, int row_group,
              std::vector<pq::RowRange> ranges, std::shared_ptr<const ScanShape> shape, int64_t batch_size)
      : reader_(std::move(reader)), row_group_(row_group), ranges_(std::move(ranges)), shape_(std::move(shape)),
        batch_size_(batch_size) {}
  Result<a::RecordBatchReaderPtr> Open() const override {
    ASSIGN_OR_RAISE(auto reader, reader_->GetRecordBatchReader({row_group_}, shape_->file_fields, batch_size_));
    if (!ranges_.empty()) reader = std::make_shared<RowRangeReader>(std::move(reader), ranges_);
    return a::RecordBatchReaderPtr(std::make_shared<AssemblingReader>(std::move(reader), shape_));
  }
  std::string ToString() const override {
    std::string text = reader_->path() + " row group " + std::to_string(row_group_);
    if (!ranges_.empty()) text += " (" + std::to_string(ranges_.size()) + " row ranges)";
    return text;
  }

 private:
  std::shared_ptr<const pq::ParquetFileReader> reader_;
  int row_group_;
  std::vector<pq::RowRange> ranges_;
  std::shared_ptr<const ScanShape> shape_;
  int64_t batch_size_;
};

/// The pushed filters on file columns as the Parquet pruning predicate (partition columns are
/// pruned separately, per file).
formats::ScanPredicate ToFilePredicate(const std::vector<ScanFilter>& filters, const a::Schema& file_schema) {
  formats::ScanPredicate predicate;
  for (const auto& f : filters) {
    if (file_schema.GetFieldIndex(f.column) >= 0) predicate.conjuncts.push_back(f);
  }
  return predicate;
}

/// False when a pushed filter on partition column `name` rules out every row of a file whose
/// directory gives the column `value`.
bool PartitionMayMatch(const std::vector<ScanFilter>& filters, const std::string& name, const a::Scalar& value) {
  formats::ColumnStatistics stats;
  stats.num_values = 1;
  stats.null_count = value.is_null() ? 1 : 0;
  if (!value.is_null()) {
    stats.min = value;
    stats.max = value;
  }
  for (const auto& f : filters) {
    if (f.column == name && !formats::StatisticsMayMatch(f, stats)) return false;
  }
  return true;
}

class ArrowFileUnit final : public ScanUnit {
 public:
  ArrowFileUnit(std::string path, std::shared_ptr<const ScanShape> shape)
      : path_(std::move(path)), shape_(std::move(shape)) {}
  Result<a::RecordBatchReaderPtr> Open() const override {
    ASSIGN_OR_RAISE(auto reader, a::ipc::FileReader::Open(path_));
    ASSIGN_OR_RAISE(auto batches, reader->ReadAll());
    // Keep only the columns read, in read order, so AssemblingReader positions line up.
    std::vector<a::RecordBatchPtr> projected;
    a::FieldVector fields;
    for (int f : shape_->file_fields) fields.push_back(reader->schema()->field(f));
    auto schema = a::MakeSchema(fields);
    for (const auto& b : batches) {
      std::vector<a::ArrayDataPtr> columns;
      for (int f : shape_->file_fields) columns.push_back(b->column_data(f));
      projected.push_back(std::make_shared<a::RecordBatch>(schema, b->num_rows(), std::move(columns)));
    }
    return a::RecordBatchReaderPtr(
        std::make_shared<AssemblingReader>(a::MakeVectorReader(schema, std::move(projected)), shape_));
  }
  std::string ToString() const override { return path_; }

 private:
  std::string path_;
  std::shared_ptr<const ScanShape> shape_;
};

/// The value of a partition directory as the column's type (NULL for __HIVE_DEFAULT_PARTITION__).
Result<a::Scalar> PartitionScalar(const std::string& text, const a::DataTypePtr& type) {
  if (text == "__HIVE_DEFAULT_PARTITION__") return a::Scalar::Null(type);
  switch (type->id()) {
    case a::TypeId::kUtf8:
      return a::Scalar::Utf8(text);
    case a::TypeId::kInt32:
    case a::TypeId::kInt64:
    case a::TypeId::kInt16:
    case a::TypeId::kInt8: {
      auto number = ParseInt64(text);
      if (!number) return Status::InvalidData("partition value '" + text + "' is not an integer");
      return a::MakeScalar(type, a::Scalar::Value(*number));
    }
    default:
      return Status::InvalidArgument("partition columns of type " + type->ToString() +
                                     " are not supported; use VARCHAR or an integer type");
  }
}

/// Folds one file's statistics of a column into `merged` (`first`: the first file seen). A
/// figure stays known only while every file knows it.
void MergeColumnStatistics(const formats::ColumnStatistics& file, bool first, ColumnStatistics* merged) {
  if (first) {
    merged->min = file.min;
    merged->max = file.max;
    merged->null_count = file.null_count;
    return;
  }
  if (merged->min && file.min) {
    auto cmp = formats::CompareScalars(*file.min, *merged->min);
    if (!cmp) {
      merged->min.reset();
    } else if (*cmp < 0) {
      merged->min = file.min;
    }
  } else {
    merged->min.reset();
  }
  if (merged->max && file.max) {
    auto cmp = formats::CompareScalars(*file.max, *merged->max);
    if (!cmp) {
      merged->max.reset();
    } else if (*cmp > 0) {
      merged->max = file.max;
    }
  } else {
    merged->max.reset();
  }
  if (merged->null_count && file.null_count) {
    merged->null_count = *merged->null_count + *file.null_count;
  } else {
    merged->null_count.reset();
  }
}

}  // namespace

/// Distinct values, min and max of a partition column over the listed files' directory values.
ColumnStatistics ListingTable::PartitionStatistics(const a::FieldPtr& column) const {
  ColumnStatistics stats;
  std::vector<a::Scalar> distinct;
  int64_t nulls = 0;
  for (const auto& file : files_) {
    std::string text;
    for (const auto& [k, v] : file.partition_values) {
      if (k == column->name()) text = v;
    }
    auto value = PartitionScalar(text, column->type());
    if (!value.ok()) return ColumnStatistics{};
    if (value->is_null()) {
      ++nulls;
      continue;
    }
    bool seen = false;
    for (const auto& d : distinct) seen = seen || d.Equals(*value);
    if (!seen) distinct.push_back(*value);
    if (!stats.min || formats::CompareScalars(*value, *stats.min).value_or(0) < 0) stats.min = *value;
    if (!stats.max || formats::CompareScalars(*value, *stats.max).value_or(0) > 0) stats.max = *value;
  }
  stats.distinct_count = static_cast<int64_t>(distinct.size());
  if (nulls > 0) stats.min.reset(), stats.max.reset();
  return stats;
}

namespace {
}  // namespace

Result<FileFormat> ParseFileFormat(std::string_view name) {
  std::string n = AsciiLower(name);
  if (n == "csv" || n == "tsv") return FileFormat::kCsv;
  if (n == "parquet") return FileFormat::kParquet;
  if (n == "json" || n == "ndjson" || n == "jsonl") return FileFormat::kJson;
  if (n == "arrow" || n == "ipc" || n == "feather") return FileFormat::kArrow;
  return Status::InvalidArgument("unknown file format \"" + std::string(name) +
                                 "\"; formats are CSV, PARQUET, JSON, ARROW");
}

Result<FileFormat> FileFormatFromPath(const std::string& path) {
  std::string p = AsciiLower(path);
  for (const char* suffix : {".gz", ".zst", ".bz2", ".zstd", ".gzip"}) {
    if (EndsWith(p, suffix)) p = p.substr(0, p.size() - std::string(suffix).size());
  }
  if (EndsWith(p, ".csv") || EndsWith(p, ".tsv") || EndsWith(p, ".tbl") || EndsWith(p, ".txt")) {
    return FileFormat::kCsv;
  }
  if (EndsWith(p, ".parquet") || EndsWith(p, ".pq")) return FileFormat::kParquet;
  if (EndsWith(p, ".json") || EndsWith(p, ".ndjson") || EndsWith(p, ".jsonl")) return FileFormat::kJson;
  if (EndsWith(p, ".arrow") || EndsWith(p, ".ipc") || EndsWith(p, ".feather")) return FileFormat::kArrow;
  return Status::InvalidArgument("cannot tell the format of '" + path +
                                 "' from its extension; name it with STORED AS or read_csv/read_parquet");
}

std::string DefaultExtension(FileFormat format) {
  switch (format) {
    case FileFormat::kCsv: return ".csv";
    case FileFormat::kParquet: return ".parquet";
    case FileFormat::kJson: return ".json";
    case FileFormat::kArrow: return ".arrow";
  }
  return "";
}

Result<std::shared_ptr<ListingTable>> ListingTable::Make(const std::string& location,
                                                         ListingTableOptions options) {
  std::string extension = options.file_extension.empty() ? DefaultExtension(options.format)
                          : options.file_extension == "*" ? std::string()
                                                           : options.file_extension;
  ASSIGN_OR_RAISE(auto files, formats::object_store::ListFiles(location, extension));
  if (files.empty() && !options.schema) {
    return Status::NotFound("no " + (extension.empty() ? std::string("data") : extension) +
                            " files match " + location + "; give the columns to create an empty table");
  }
  std::shared_ptr<ListingTable> table(new ListingTable(location, std::move(options), std::move(files)));
  RETURN_NOT_OK(table->InferSchema());
  return table;
}

Status ListingTable::InferSchema() {
  if (options_.schema) {
    file_schema_ = options_.schema;
  } else {
    const std::string& first = files_.front().path;
    switch (options_.format) {
      case FileFormat::kCsv: {
        ASSIGN_OR_RAISE(file_schema_, csv::InferSchema(first, options_.csv));
        break;
      }
      case FileFormat::kParquet: {
        ASSIGN_OR_RAISE(auto reader, ParquetReader(first));
        file_schema_ = reader->schema();
        break;
      }
      case FileFormat::kArrow: {
        ASSIGN_OR_RAISE(auto reader, a::ipc::FileReader::Open(first));
        file_schema_ = reader->schema();
        break;
      }
      case FileFormat::kJson: {
        ASSIGN_OR_RAISE(file_schema_, json::InferJsonSchema(first, options_.json));
        break;
      }
    }
  }
  a::FieldVector fields;
  for (int i = 0; i < file_schema_->num_fields(); ++i) fields.push_back(file_schema_->field(i));
  // Partition columns: the declared ones, else every key seen in the directory names (VARCHAR).
  a::FieldVector partitions = options_.partition_columns;
  if (partitions.empty() && !files_.empty()) {
    for (const auto& [key, _] : files_.front().partition_values) {
      partitions.push_back(a::MakeField(key, a::Utf8(), true));
    }
    options_.partition_columns = partitions;
  }
  for (const auto& p : partitions) {
    for (const auto& f : fields) {
      if (f->name() == p->name()) {
        return Status::InvalidArgument("partition column \"" + p->name() + "\" is also a column of the files");
      }
    }
    fields.push_back(p);
  }
  schema_ = a::MakeSchema(std::move(fields));
  return Status::OK();
}

Result<std::shared_ptr<const pq::ParquetFileReader>> ListingTable::ParquetReader(const std::string& path) const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = parquet_.find(path);
    if (it != parquet_.end()) return it->second;
  }
  ASSIGN_OR_RAISE(auto reader, pq::ParquetFileReader::Open(path));
  std::lock_guard<std::mutex> lock(mutex_);
  parquet_[path] = reader;
  return std::shared_ptr<const pq::ParquetFileReader>(reader);
}

TableStatistics ListingTable::Statistics() const {
  TableStatistics stats;
  int64_t bytes = 0;
  for (const auto& f : files_) bytes += f.size;
  stats.total_bytes = bytes;
  if (options_.format == FileFormat::kParquet) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (parquet_statistics_) return *parquet_statistics_;
    }
    int64_t rows = 0;
    // Per file column: min/max/null count merged over the files' footers; any file without a
    // figure makes it unknown.
    std::vector<ColumnStatistics> columns(static_cast<size_t>(file_schema_->num_fields()));
    std::vector<bool> known(columns.size(), true);
    for (size_t fi = 0; fi < files_.size(); ++fi) {
      // A reader cached for scans if there is one; otherwise one just for the footer figures, not
      // kept: planning (a scheduler sizing joins) must not pin every file's bytes for as long
      // as the plan lives.
      std::shared_ptr<const pq::ParquetFileReader> cached;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = parquet_.find(files_[fi].path);
        if (it != parquet_.end()) cached = it->second;
      }
      Result<std::shared_ptr<const pq::ParquetFileReader>> reader = cached;
      if (!cached) {
        auto opened = pq::ParquetFileReader::Open(files_[fi].path);
        if (!opened.ok()) return stats;
        reader = std::shared_ptr<const pq::ParquetFileReader>(std::move(*opened));
      }
      rows += (*reader)->num_rows();
      const pq::FileStatistics file_stats = pq::ComputeFileStatistics(**reader);
      const a::Schema& schema = *(*reader)->schema();
      for (size_t c = 0; c < columns.size(); ++c) {
        const int field = schema.GetFieldIndex(file_schema_->field(static_cast<int>(c))->name());
        if (field < 0 || static_cast<size_t>(field) >= file_stats.columns.size()) {
          known[c] = false;
          continue;
        }
        MergeColumnStatistics(file_stats.columns[static_cast<size_t>(field)], fi == 0, &columns[c]);
      }
    }
    for (size_t c = 0; c < columns.size(); ++c) {
      if (!known[c]) columns[c] = ColumnStatistics{};
    }
    stats.columns = std::move(columns);
    stats.num_rows = rows;
    stats.exact = true;
    std::lock_guard<std::mutex> lock(mutex_);
    parquet_statistics_ = stats;
  } else if (!files_.empty()) {
    stats.columns.assign(static_cast<size_t>(file_schema_->num_fields()), ColumnStatistics{});
    // Estimate from the average line length of the first 256 KB of the first file.
    std::ifstream in(files_.front().path, std::ios::binary);
    std::string sample(256 * 1024, '\0');
    in.read(sample.data(), static_cast<std::streamsize>(sample.size()));
    sample.resize(static_cast<size_t>(in.gcount()));
    int64_t lines = std::count(sample.begin(), sample.end(), '\n');
    if (lines > 0) stats.num_rows = static_cast<int64_t>(static_cast<double>(bytes) * lines / static_cast<double>(sample.size()));
  }
  if (!stats.columns.empty()) {
    for (const auto& column : options_.partition_columns) stats.columns.push_back(PartitionStatistics(column));
  }
  return stats;
}

Result<std::vector<ScanUnitPtr>> ListingTable::PlanScan(const ScanRequest& request) const {
  std::vector<int> projection;
  if (request.projection) {
    projection = *request.projection;
  } else {
    for (int i = 0; i < schema_->num_fields(); ++i) projection.push_back(i);
  }
  ASSIGN_OR_RAISE(auto output_schema, ProjectSchema(schema_, projection));
  const int file_fields = file_schema_->num_fields();
  const formats::ScanPredicate file_predicate = ToFilePredicate(request.filters, *file_schema_);

  std::vector<ScanUnitPtr> units;
  for (const auto& file : files_) {
    // Partition values of this file, and pruning by pushed equalities on partition columns.
    std::vector<a::Scalar> partition_values;
    bool pruned = false;
    for (size_t p = 0; p < options_.partition_columns.size(); ++p) {
      const auto& column = options_.partition_columns[p];
      std::string text;
      for (const auto& [k, v] : file.partition_values) {
        if (k == column->name()) text = v;
      }
      ASSIGN_OR_RAISE(auto value, PartitionScalar(text, column->type()));
      if (!PartitionMayMatch(request.filters, column->name(), value)) pruned = true;
      partition_values.push_back(std::move(value));
    }
    if (pruned) continue;

    auto shape = std::make_shared<ScanShape>();
    shape->output_schema = output_schema;
    shape->limit = request.limit;
    for (int index : projection) {
      if (index < file_fields) {
        auto it = std::find(shape->file_fields.begin(), shape->file_fields.end(), index);
        int pos = static_cast<int>(it - shape->file_fields.begin());
        if (it == shape->file_fields.end()) shape->file_fields.push_back(index);
        shape->file_position.push_back(pos);
        shape->partition_value.emplace_back();
      } else {
        shape->file_position.push_back(-1);
        shape->partition_value.push_back(partition_values[static_cast<size_t>(index - file_fields)]);
      }
    }
    // A scan of only partition columns (or none) still needs the row count: read one column.
    if (shape->file_fields.empty() && file_fields > 0) shape->file_fields.push_back(0);
    std::shared_ptr<const ScanShape> frozen = shape;

    switch (options_.format) {
      case FileFormat::kCsv: {
        csv::CsvReadOptions opts = options_.csv;
        opts.schema = file_schema_;
        opts.include_columns.clear();
        for (int f : frozen->file_fields) opts.include_columns.push_back(file_schema_->field(f)->name());
        auto ranges = csv::SplitFile(file.path, options_.target_unit_bytes, opts);
        if (!ranges.ok() || ranges->size() <= 1) {
          units.push_back(std::make_shared<CsvUnit>(file.path, std::nullopt, opts, frozen));
        } else {
          for (const auto& range : *ranges) units.push_back(std::make_shared<CsvUnit>(file.path, range, opts, frozen));
        }
        break;
      }
      case FileFormat::kParquet: {
        ASSIGN_OR_RAISE(auto reader, ParquetReader(file.path));
        // Row groups whose statistics rule out the pushed filters are never read; within the
        // others, rows of pages the page index rules out are dropped.
        for (int g : pq::PruneRowGroups(*reader, file_predicate)) {
          std::vector<pq::RowRange> ranges;
          if (!file_predicate.conjuncts.empty()) {
            ranges = pq::SelectPageRows(*reader, g, file_predicate);
            if (ranges.empty()) continue;
            const int64_t rows = reader->metadata().row_groups[static_cast<size_t>(g)].num_rows;
            if (ranges.size() == 1 && ranges[0].begin == 0 && ranges[0].end >= rows) ranges.clear();
          }
          units.push_back(std::make_shared<ParquetUnit>(reader, g, std::move(ranges), frozen, 65536));
        }
        break;
      }
      case FileFormat::kArrow:
        units.push_back(std::make_shared<ArrowFileUnit>(file.path, frozen));
        break;
      case FileFormat::kJson: {
        json::JsonReadOptions opts = options_.json;
        opts.schema = file_schema_;
        opts.include_columns.clear();
        for (int f : frozen->file_fields) opts.include_columns.push_back(file_schema_->field(f)->name());
        auto ranges = json::SplitJsonFile(file.path, options_.target_unit_bytes, opts);
        if (!ranges.ok() || ranges->size() <= 1) {
          units.push_back(std::make_shared<JsonUnit>(file.path, std::nullopt, opts, frozen));
        } else {
          for (const auto& range : *ranges) units.push_back(std::make_shared<JsonUnit>(file.path, range, opts, frozen));
        }
        break;
      }
    }
  }
  return units;
}

}  // namespace ballista::catalog
