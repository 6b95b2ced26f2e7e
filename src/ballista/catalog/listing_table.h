#pragma once

#include <map>
#include <optional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ballista/catalog/table_provider.h"
#include "ballista/formats/csv/csv_options.h"
#include "ballista/formats/json/json_options.h"
#include "ballista/formats/object_store/object_store.h"

namespace ballista::formats::parquet {
class ParquetFileReader;
}

namespace ballista::catalog {

enum class FileFormat : uint8_t { kCsv, kParquet, kJson, kArrow };

/// "CSV", "PARQUET", "JSON" (also NDJSON), "ARROW" (also IPC), any case.
Result<FileFormat> ParseFileFormat(std::string_view name);
/// The format a path's extension implies (.csv, .tsv, .tbl, .parquet, .json, .ndjson, .jsonl,
/// .arrow, .ipc, .feather; compression suffixes .gz/.zst/.bz2 are looked through).
Result<FileFormat> FileFormatFromPath(const std::string& path);
/// ".csv", ".parquet", ".json", ".arrow".
std::string DefaultExtension(FileFormat format);

struct ListingTableOptions {
  FileFormat format = FileFormat::kParquet;
  /// Reader options for CSV (delimiter, header, null string, ...); `csv.schema` doubles as the
  /// explicit schema of any format when set through `schema`.
  formats::csv::CsvReadOptions csv;
  /// Reader options for NDJSON.
  formats::json::JsonReadOptions json;
  /// Only files ending with this are read from a directory ("" = DefaultExtension(format), "*"
  /// = any file).
  std::string file_extension;
  /// The file columns; inferred from the first file when null.
  arrow::SchemaPtr schema;
  /// Hive partition columns (`year=2024/` directories) appended after the file columns. A
  /// column without a type (Utf8) may be declared as such.
  arrow::FieldVector partition_columns;
  /// About this many bytes per scan unit for splittable formats (CSV byte ranges).
  int64_t target_unit_bytes = int64_t{32} << 20;
};

/// A table over files: one file, a directory tree, or a glob, of one format, with optional hive
/// partition columns (files are listed by formats/object_store). The file list is taken when the table is created (a later file is not
/// seen until the table is re-created). Parquet footers are read once and cached. Scans read
/// only the projected columns, skip partitions that a pushed equality on a partition column
/// rules out, and split into units: CSV byte ranges, Parquet row groups, Arrow IPC files.
/// Thread-safe.
class ListingTable final : public TableProvider {
 public:
  static Result<std::shared_ptr<ListingTable>> Make(const std::string& location,
                                                    ListingTableOptions options);

  arrow::SchemaPtr schema() const override { return schema_; }
  TableStatistics Statistics() const override;

  Result<std::vector<ScanUnitPtr>> PlanScan(const ScanRequest& request) const override;

  const std::vector<formats::object_store::FileInfo>& files() const { return files_; }
  const ListingTableOptions& options() const { return options_; }
  /// The file, directory or glob the table was made from (what Make was given).
  const std::string& location() const { return location_; }

  /// The Parquet reader of `path` (footer cached per table).
  Result<std::shared_ptr<const formats::parquet::ParquetFileReader>> ParquetReader(
      const std::string& path) const;

 private:
  ListingTable(std::string location, ListingTableOptions options,
               std::vector<formats::object_store::FileInfo> files)
      : location_(std::move(location)), options_(std::move(options)), files_(std::move(files)) {}
  Status InferSchema();
  /// Distinct count, min and max of a partition column over the files' directory values.
  ColumnStatistics PartitionStatistics(const arrow::FieldPtr& column) const;

  std::string location_;
  ListingTableOptions options_;
  std::vector<formats::object_store::FileInfo> files_;
  arrow::SchemaPtr file_schema_;
  arrow::SchemaPtr schema_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const formats::parquet::ParquetFileReader>> parquet_;
  /// Statistics() of Parquet files, computed once (planning asks many times).
  mutable std::optional<TableStatistics> parquet_statistics_;
};

}  // namespace ballista::catalog
