#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/record_batch_reader.h"
#include "ballista/common/buffer.h"
#include "ballista/common/result.h"
#include "ballista/formats/parquet/column_reader.h"
#include "ballista/formats/parquet/file_metadata.h"
#include "ballista/formats/parquet/schema.h"

namespace ballista::formats::parquet {

/// An open Parquet file: the decoded footer, the resolved schema, and a way to read byte ranges
/// (pread on the open file, or slices of bytes in memory). Only the column chunks a read asks for
/// are read, so a scan of a few columns reads a fraction of the file and nothing is held between
/// reads. Open() does all validation of the footer; afterwards the reader is immutable, so
/// ReadRowGroup may be called concurrently from several threads.
class ParquetFileReader : public std::enable_shared_from_this<ParquetFileReader> {
 public:
  /// Opens `path`, checks the "PAR1" magic at both ends and the footer length, and decodes the
  /// footer and schema (reading only those bytes). IOError when the file cannot be read; InvalidData naming the file when it
  /// is not a valid Parquet file; Unsupported for encrypted footers.
  static Result<std::shared_ptr<ParquetFileReader>> Open(const std::string& path);
  /// Same, over bytes already in memory; `name` is used in error messages.
  static Result<std::shared_ptr<ParquetFileReader>> OpenBuffer(std::shared_ptr<Buffer> bytes,
                                                               std::string name);

  const arrow::SchemaPtr& schema() const { return schema_.arrow_schema(); }
  const ParquetSchema& parquet_schema() const { return schema_; }
  const FileMetaData& metadata() const { return metadata_; }
  int num_row_groups() const { return static_cast<int>(metadata_.row_groups.size()); }
  int64_t num_rows() const { return metadata_.num_rows; }
  const std::string& path() const { return name_; }

  /// Reads row group `i` into one batch. `column_indices` selects top-level fields of schema()
  /// (empty: all); nested fields are assembled from their leaves' levels.
  Result<arrow::RecordBatchPtr> ReadRowGroup(int i,
                                             const std::vector<int>& column_indices = {}) const;

  /// The page index of leaf column `leaf` in row group `row_group`, when the file has one
  /// (NotFound otherwise); offsets and lengths are checked against the file.
  Result<OffsetIndex> ReadOffsetIndex(int row_group, int leaf) const;
  Result<ColumnIndex> ReadColumnIndex(int row_group, int leaf) const;

  /// A reader over `row_groups` (empty: all) and `column_indices` (empty: all) yielding batches
  /// of at most `batch_size` rows.
  Result<arrow::RecordBatchReaderPtr> GetRecordBatchReader(std::vector<int> row_groups = {},
                                                           std::vector<int> column_indices = {},
                                                           int64_t batch_size = 65536) const;

 private:
  ParquetFileReader() = default;
  Result<arrow::ArrayDataPtr> ReadNested(const SchemaNode& node, const RowGroup& rg,
                                         const std::string& where) const;
  Result<std::shared_ptr<Buffer>> IndexBytes(int row_group, int leaf, bool offset_index) const;
  static Result<std::shared_ptr<ParquetFileReader>> OpenRanges(FileRangeReader read_range, int64_t size,
                                                              std::string name);
  Result<arrow::SchemaPtr> ProjectedSchema(const std::vector<int>& column_indices) const;

  FileRangeReader read_range_;
  int64_t file_size_ = 0;
  std::string name_;
  FileMetaData metadata_;
  ParquetSchema schema_;
};

/// Reads every row group of `path`, keeping the top-level fields in `column_indices` (empty: all).
Result<std::vector<arrow::RecordBatchPtr>> ReadParquetFile(
    const std::string& path, const std::vector<int>& column_indices = {});

}  // namespace ballista::formats::parquet
