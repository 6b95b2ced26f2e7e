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

class ParquetUnit final : public ScanUnit {
 public:
  ParquetUnit(std::shared_ptr<const pq::ParquetFileReader> reader, std::vector<int> row_groups,
              std::shared_ptr<const ScanShape> shape, int64_t batch_size)
      : reader_(std::move(reader)), row_groups_(std::move(row_groups)), shape_(std::move(shape)),
        batch_size_(batch_size) {}
  Result<a::RecordBatchReaderPtr> Open() const override {
    ASSIGN_OR_RAISE(auto reader, reader_->GetRecordBatchReader(row_groups_, shape_->file_fields, batch_size_));
    return a::RecordBatchReaderPtr(std::make_shared<AssemblingReader>(std::move(reader), shape_));
  }
  std::string ToString() const override {
    return reader_->path() + " row groups " + std::to_string(row_groups_.front()) + ".." +
           std::to_string(row_groups_.back());
  }

 private:
  std::shared_ptr<const pq::ParquetFileReader> reader_;
  std::vector<int> row_groups_;
  std::shared_ptr<const ScanShape> shape_;
  int64_t batch_size_;
};

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
      try {
        return a::MakeScalar(type, a::Scalar::Value(static_cast<int64_t>(std::stoll(text))));
      } catch (...) {
        return Status::InvalidData("partition value '" + text + "' is not an integer");
      }
    }
    default:
      return Status::InvalidArgument("partition columns of type " + type->ToString() +
                                     " are not supported; use VARCHAR or an integer type");
  }
}

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
    int64_t rows = 0;
    for (const auto& f : files_) {
      auto reader = ParquetReader(f.path);
      if (!reader.ok()) return stats;
      rows += (*reader)->num_rows();
    }
    stats.num_rows = rows;
    stats.exact = true;
  } else if (!files_.empty()) {
    // Estimate from the average line length of the first 256 KB of the first file.
    std::ifstream in(files_.front().path, std::ios::binary);
    std::string sample(256 * 1024, '\0');
    in.read(sample.data(), static_cast<std::streamsize>(sample.size()));
    sample.resize(static_cast<size_t>(in.gcount()));
    int64_t lines = std::count(sample.begin(), sample.end(), '\n');
    if (lines > 0) stats.num_rows = static_cast<int64_t>(static_cast<double>(bytes) * lines / static_cast<double>(sample.size()));
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
      for (const auto& filter : request.filters) {
        if (filter.column != column->name()) continue;
        if (filter.op == ScanFilter::Op::kEq && filter.values.size() == 1 && !value.is_null() &&
            filter.values[0].type()->Equals(*value.type()) && !filter.values[0].Equals(value)) {
          pruned = true;
        }
        if (filter.op == ScanFilter::Op::kIn && !value.is_null()) {
          bool any = false;
          for (const auto& v : filter.values) any = any || v.Equals(value);
          bool comparable = !filter.values.empty() && filter.values[0].type()->Equals(*value.type());
          if (comparable && !any) pruned = true;
        }
      }
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
        for (int g = 0; g < reader->num_row_groups(); ++g) {
          units.push_back(std::make_shared<ParquetUnit>(reader, std::vector<int>{g}, frozen, 65536));
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
