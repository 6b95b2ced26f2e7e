#include "ballista/common/parse_number.h"
#include "ballista/session/external_tables.h"

#include <cctype>
#include <filesystem>
#include <map>

#include "ballista/common/ascii.h"
#include "ballista/arrow/ipc/io.h"
#include "ballista/arrow/ipc/writer.h"
#include "ballista/arrow/pretty_print.h"
#include "ballista/catalog/series_table.h"
#include "ballista/catalog/listing_table.h"
#include "ballista/compute/selection.h"
#include "ballista/logical/type_names.h"
#include "ballista/session/file_writers.h"
#include "ballista/sql/sql_printer.h"

namespace ballista::session {
namespace a = ballista::arrow;
using catalog::FileFormat;

namespace {


bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Result<bool> ParseBoolOption(const std::string& key, const std::string& value) {
  std::string v = AsciiLower(value);
  if (v == "true" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "0" || v == "no") return false;
  return Status::InvalidArgument("option '" + key + "' takes true or false, not '" + value + "'");
}

Result<char> ParseCharOption(const std::string& key, const std::string& value) {
  if (value == "\\t" || AsciiLower(value) == "tab") return '\t';
  if (value.size() != 1) {
    return Status::InvalidArgument("option '" + key + "' takes one character, not '" + value + "'");
  }
  return value[0];
}

/// CSV defaults by extension: .tsv is tab-separated, .tbl is TPC-H dbgen output.
void CsvDefaultsFor(const std::string& path, formats::csv::CsvReadOptions* csv) {
  std::string p = AsciiLower(path);
  if (EndsWith(p, ".tsv") || EndsWith(p, ".tsv.gz")) csv->delimiter = '\t';
  if (EndsWith(p, ".tbl") || EndsWith(p, ".tbl.gz")) {
    csv->delimiter = '|';
    csv->has_header = false;
    csv->allow_trailing_delimiter = true;
  }
}

Status ApplyCsvOption(const std::string& raw_key, const std::string& value,
                      formats::csv::CsvReadOptions* csv) {
  std::string key = AsciiLower(raw_key);
  if (key.rfind("format.", 0) == 0) key = key.substr(7);
  if (key == "has_header" || key == "header") {
    ASSIGN_OR_RAISE(csv->has_header, ParseBoolOption(raw_key, value));
  } else if (key == "delimiter" || key == "delim" || key == "sep") {
    ASSIGN_OR_RAISE(csv->delimiter, ParseCharOption(raw_key, value));
  } else if (key == "quote") {
    ASSIGN_OR_RAISE(csv->quote, ParseCharOption(raw_key, value));
  } else if (key == "escape") {
    ASSIGN_OR_RAISE(char c, ParseCharOption(raw_key, value));
    csv->escape = c;
  } else if (key == "comment") {
    ASSIGN_OR_RAISE(char c, ParseCharOption(raw_key, value));
    csv->comment = c;
  } else if (key == "null" || key == "null_value" || key == "nullstr") {
    csv->null_string = value;
  } else if (key == "infer_decimals") {
    ASSIGN_OR_RAISE(csv->infer_decimals, ParseBoolOption(raw_key, value));
  } else if (key == "skip_bad_rows" || key == "ignore_errors") {
    ASSIGN_OR_RAISE(csv->skip_bad_rows, ParseBoolOption(raw_key, value));
  } else if (key == "compression" || key == "file_compression_type") {
    // The reader detects gzip/zstd/bz2 from the content.
  } else {
    return Status::InvalidArgument("unknown CSV option '" + raw_key +
                                   "'; options are has_header, delimiter, quote, escape, comment, "
                                   "null, skip_bad_rows, infer_decimals, compression");
  }
  return Status::OK();
}

Result<std::string> OptionText(const sql::Expr& e) {
  if (e.kind == sql::ExprKind::kLiteral) return e.As<sql::LiteralExpr>().value;
  if (e.kind == sql::ExprKind::kColumnRef) return e.As<sql::ColumnRefExpr>().name.back().value;
  return Status::InvalidArgument("option values must be constants, not " + sql::ToSql(e));
}

Result<catalog::TableProviderPtr> OpenListing(const std::string& path, FileFormat format,
                                             catalog::ListingTableOptions options) {
  options.format = format;
  if (format == FileFormat::kCsv) CsvDefaultsFor(path, &options.csv);
  ASSIGN_OR_RAISE(auto table, catalog::ListingTable::Make(path, std::move(options)));
  return catalog::TableProviderPtr(std::move(table));
}

}  // namespace

Result<catalog::TableProviderPtr> CreateExternalTable(const sql::CreateTableStatement& create) {
  if (!create.location) return Status::PlanError("CREATE EXTERNAL TABLE needs a LOCATION");
  const std::string& location = *create.location;
  FileFormat format;
  if (create.stored_as) {
    ASSIGN_OR_RAISE(format, catalog::ParseFileFormat(*create.stored_as));
  } else {
    ASSIGN_OR_RAISE(format, catalog::FileFormatFromPath(location));
  }
  catalog::ListingTableOptions options;
  options.format = format;
  if (format == FileFormat::kCsv) {
    CsvDefaultsFor(location, &options.csv);
    if (create.with_header_row) options.csv.has_header = true;
    if (AsciiLower(create.stored_as.value_or("")) == "tsv") options.csv.delimiter = '\t';
  }
  for (const auto& option : create.options) {
    ASSIGN_OR_RAISE(auto value, OptionText(*option.value));
    if (format == FileFormat::kCsv) {
      RETURN_NOT_OK(ApplyCsvOption(option.key, value, &options.csv));
    } else {
      std::string key = AsciiLower(option.key);
      if (key.rfind("format.", 0) == 0) key = key.substr(7);
      if (key != "compression") {
        return Status::InvalidArgument("unknown option '" + option.key + "' for this file format");
      }
    }
  }
  // Declared columns: the file schema, minus those named in PARTITIONED BY.
  a::FieldVector file_fields;
  for (const auto& column : create.columns) {
    bool is_partition = false;
    for (const auto& p : create.partitioned_by) is_partition = is_partition || p.name.value == column.name.value;
    ASSIGN_OR_RAISE(auto type, logical::ResolveTypeName(column.type));
    auto field = a::MakeField(column.name.value, type, column.nullability != sql::Nullability::kNotNull);
    if (is_partition) {
      options.partition_columns.push_back(field);
    } else {
      file_fields.push_back(field);
    }
  }
  for (const auto& p : create.partitioned_by) {
    bool declared = false;
    for (const auto& f : options.partition_columns) declared = declared || f->name() == p.name.value;
    if (declared) continue;
    a::DataTypePtr type = a::Utf8();
    if (p.type) {
      ASSIGN_OR_RAISE(type, logical::ResolveTypeName(*p.type));
    }
    options.partition_columns.push_back(a::MakeField(p.name.value, type, true));
  }
  if (!file_fields.empty()) {
    options.schema = a::MakeSchema(file_fields);
    if (format == FileFormat::kCsv) options.csv.schema = options.schema;
  }
  ASSIGN_OR_RAISE(auto table, catalog::ListingTable::Make(location, std::move(options)));
  return catalog::TableProviderPtr(std::move(table));
}

Result<catalog::TableProviderPtr> MakeTableFunction(const std::string& name,
                                                    const std::vector<a::Scalar>& args) {
  FileFormat format;
  if (name == "read_csv" || name == "read_csv_auto") {
    format = FileFormat::kCsv;
  } else if (name == "read_parquet" || name == "parquet_scan") {
    format = FileFormat::kParquet;
  } else if (name == "read_json" || name == "read_ndjson" || name == "read_json_auto") {
    format = FileFormat::kJson;
  } else if (name == "read_arrow" || name == "read_ipc") {
    format = FileFormat::kArrow;
  } else if (name == "range" || name == "generate_series") {
    ASSIGN_OR_RAISE(auto series, catalog::SeriesTable::Make(name, args));
    return catalog::TableProviderPtr(std::move(series));
  } else {
    return Status::PlanError("table function " + name + " does not exist; table functions are "
                             "read_csv, read_parquet, read_json, read_arrow, range, generate_series");
  }
  if (args.empty() || args[0].is_null() || args[0].type()->id() != a::TypeId::kUtf8) {
    return Status::PlanError(name + " takes a file path (a string) as its first argument");
  }
  if (args.size() > 1) {
    return Status::PlanError(name + " takes one argument; use CREATE EXTERNAL TABLE ... OPTIONS for "
                             "reader options");
  }
  catalog::ListingTableOptions options;
  options.file_extension = "*";
  return OpenListing(args[0].As<std::string>(), format, std::move(options));
}

Result<catalog::TableProviderPtr> MakeFileTable(const std::string& path) {
  ASSIGN_OR_RAISE(auto format, catalog::FileFormatFromPath(path));
  catalog::ListingTableOptions options;
  options.file_extension = "*";
  return OpenListing(path, format, std::move(options));
}

Result<int64_t> WriteQueryResult(const std::string& target, const std::optional<std::string>& stored_as,
                                 const std::vector<std::pair<std::string, std::string>>& options,
                                 a::RecordBatchReader& reader) {
  FileFormat format;
  if (stored_as) {
    ASSIGN_OR_RAISE(format, catalog::ParseFileFormat(*stored_as));
  } else {
    ASSIGN_OR_RAISE(format, catalog::FileFormatFromPath(target));
  }
  switch (format) {
    case FileFormat::kCsv: {
      formats::csv::CsvWriteOptions csv;
      for (const auto& [raw_key, value] : options) {
        std::string key = AsciiLower(raw_key);
        if (key.rfind("format.", 0) == 0) key = key.substr(7);
        if (key == "header" || key == "has_header") {
          ASSIGN_OR_RAISE(csv.header, ParseBoolOption(raw_key, value));
        } else if (key == "delimiter") {
          ASSIGN_OR_RAISE(csv.delimiter, ParseCharOption(raw_key, value));
        } else {
          return Status::InvalidArgument("unknown CSV write option '" + raw_key + "'");
        }
      }
      return WriteCsvFile(target, reader, csv);
    }
    case FileFormat::kParquet: {
      formats::parquet::ParquetWriteOptions parquet;
      for (const auto& [raw_key, value] : options) {
        std::string key = AsciiLower(raw_key);
        if (key.rfind("format.", 0) == 0) key = key.substr(7);
        if (key == "compression" || key == "codec") {
          std::string v = AsciiLower(value);
          if (v == "snappy") {
            parquet.compression = formats::CompressionCodec::kSnappy;
          } else if (v == "zstd") {
            parquet.compression = formats::CompressionCodec::kZstd;
          } else if (v == "uncompressed" || v == "none") {
            parquet.compression = formats::CompressionCodec::kUncompressed;
          } else if (v == "gzip") {
            parquet.compression = formats::CompressionCodec::kGzip;
          } else {
            return Status::InvalidArgument("unknown Parquet compression '" + value +
                                           "'; use snappy, zstd, gzip or uncompressed");
          }
        } else if (key == "row_group_size") {
          auto rows = ParseInt64(value);
          if (!rows || *rows <= 0) {
            return Status::InvalidArgument("Parquet option row_group_size takes a positive row count, not '" +
                                           value + "'");
          }
          parquet.row_group_size = *rows;
        } else if (key == "data_page_row_count_limit") {
          auto rows = ParseInt64(value);
          if (!rows || *rows <= 0) {
            return Status::InvalidArgument(
                "Parquet option data_page_row_count_limit takes a positive row count, not '" + value + "'");
          }
          parquet.data_page_max_values = *rows;
        } else {
          return Status::InvalidArgument("unknown Parquet write option '" + raw_key + "'");
        }
      }
      return WriteParquetFile(target, reader, parquet);
    }
    case FileFormat::kArrow: {
      ASSIGN_OR_RAISE(auto sink, a::ipc::FileOutputStream::Open(target));
      ASSIGN_OR_RAISE(auto writer, a::ipc::FileWriter::Open(sink.get(), reader.schema()));
      int64_t rows = 0;
      while (true) {
        ASSIGN_OR_RAISE(auto batch, reader.Next());
        if (!batch) break;
        RETURN_NOT_OK(writer->WriteRecordBatch(*batch));
        rows += batch->num_rows();
      }
      RETURN_NOT_OK(writer->Close());
      RETURN_NOT_OK(sink->Close());
      return rows;
    }
    case FileFormat::kJson: {
      formats::json::JsonWriteOptions json;
      for (const auto& [raw_key, value] : options) {
        std::string key = AsciiLower(raw_key);
        if (key == "write_nulls") {
          ASSIGN_OR_RAISE(json.write_nulls, ParseBoolOption(raw_key, value));
        } else {
          return Status::InvalidArgument("unknown JSON write option '" + raw_key + "'");
        }
      }
      return WriteJsonFile(target, reader, json);
    }
  }
  return Status::Internal("unknown format");
}

namespace {

std::string EncodePartitionValue(const std::string& value) {
  std::string out;
  for (unsigned char c : value) {
    if (c == '/' || c == '=' || c == '%' || c < 0x20) {
      char buf[4];
      std::snprintf(buf, sizeof(buf), "%%%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

Result<int64_t> WritePartitionedQueryResult(const std::string& target,
                                            const std::optional<std::string>& stored_as,
                                            const std::vector<std::pair<std::string, std::string>>& options,
                                            const std::vector<std::string>& partition_columns,
                                            a::RecordBatchReader& reader) {
  FileFormat format;
  if (stored_as) {
    ASSIGN_OR_RAISE(format, catalog::ParseFileFormat(*stored_as));
  } else {
    // A directory target has no extension to go by: Parquet unless STORED AS says otherwise.
    auto from_path = catalog::FileFormatFromPath(target);
    format = from_path.ok() ? *from_path : FileFormat::kParquet;
  }
  auto schema = reader.schema();
  std::vector<int> key_columns, data_columns;
  for (const auto& name : partition_columns) {
    int index = schema->GetFieldIndex(name);
    if (index < 0) {
      return Status::PlanError("PARTITIONED BY column \"" + name + "\" is not a column of the query");
    }
    key_columns.push_back(index);
  }
  for (int i = 0; i < schema->num_fields(); ++i) {
    if (std::find(key_columns.begin(), key_columns.end(), i) == key_columns.end()) data_columns.push_back(i);
  }
  if (data_columns.empty()) return Status::PlanError("PARTITIONED BY leaves no columns to write");
  a::FieldVector data_fields;
  for (int i : data_columns) data_fields.push_back(schema->field(i));
  auto data_schema = a::MakeSchema(data_fields);

  // Rows of each partition (the directory path), in arrival order.
  std::map<std::string, std::vector<a::RecordBatchPtr>> partitions;
  while (true) {
    ASSIGN_OR_RAISE(auto batch, reader.Next());
    if (!batch) break;
    std::map<std::string, std::vector<uint32_t>> rows;
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::string dir;
      for (size_t k = 0; k < key_columns.size(); ++k) {
        const auto& column = *batch->column_data(key_columns[k]);
        std::string value = column.IsNull(r) ? "__HIVE_DEFAULT_PARTITION__"
                                             : EncodePartitionValue(a::FormatValue(column, r));
        dir += (k ? "/" : "") + partition_columns[k] + "=" + value;
      }
      rows[dir].push_back(static_cast<uint32_t>(r));
    }
    std::vector<a::ArrayDataPtr> data;
    for (int i : data_columns) data.push_back(batch->column_data(i));
    auto data_batch = std::make_shared<a::RecordBatch>(data_schema, batch->num_rows(), std::move(data));
    for (auto& [dir, indices] : rows) {
      ASSIGN_OR_RAISE(auto part, compute::TakeRecordBatch(*data_batch, indices.data(),
                                                          static_cast<int64_t>(indices.size())));
      partitions[dir].push_back(std::move(part));
    }
  }
  int64_t rows = 0;
  std::string extension = catalog::DefaultExtension(format);
  for (auto& [dir, batches] : partitions) {
    std::filesystem::path folder = std::filesystem::path(target) / dir;
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) return Status::IOError("cannot create " + folder.string() + ": " + ec.message());
    auto part_reader = a::MakeVectorReader(data_schema, std::move(batches));
    ASSIGN_OR_RAISE(int64_t written,
                    WriteQueryResult((folder / ("part-0" + extension)).string(),
                                     std::string(format == FileFormat::kCsv     ? "CSV"
                                                 : format == FileFormat::kJson  ? "JSON"
                                                 : format == FileFormat::kArrow ? "ARROW"
                                                                                : "PARQUET"),
                                     options, *part_reader));
    rows += written;
  }
  return rows;
}

}  // namespace ballista::session
