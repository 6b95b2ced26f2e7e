#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/common/result.h"
#include "ballista/formats/parquet/column_chunk_writer.h"
#include "ballista/formats/parquet/file_metadata.h"
#include "ballista/formats/parquet/writer_options.h"
#include "ballista/formats/parquet/writer_schema.h"

namespace ballista::formats::parquet {

/// Writes Arrow record batches to a Parquet file: row groups of at most
/// `options.row_group_size` rows, one column chunk per leaf, the page index and the footer on
/// Close. Not thread-safe: one thread drives a writer. A writer destroyed without Close leaves
/// an incomplete file (no footer) behind.
class ParquetWriter {
 public:
  /// Creates (truncates) `path` and writes the leading magic. Unsupported when a field's type has
  /// no Parquet mapping; IOError when the file cannot be created.
  static Result<std::unique_ptr<ParquetWriter>> Open(const std::string& path,
                                                     arrow::SchemaPtr schema,
                                                     ParquetWriteOptions options = {});
  ~ParquetWriter();
  ParquetWriter(const ParquetWriter&) = delete;
  ParquetWriter& operator=(const ParquetWriter&) = delete;

  /// Appends the rows of `batch`, whose fields must match the schema's types. Row groups are
  /// flushed to the file as they fill.
  Status Write(const arrow::RecordBatch& batch);
  /// Flushes the open row group, then writes the page index, footer and trailing magic and
  /// closes the file. Called once; later Writes fail.
  Status Close();

  int64_t rows_written() const { return rows_written_; }
  const FileMetaData& metadata() const { return metadata_; }

 private:
  ParquetWriter() = default;
  Status WriteBytes(std::string_view bytes);
  Status FlushRowGroup();
  Status WritePageIndex();

  std::string path_;
  std::FILE* file_ = nullptr;
  int64_t position_ = 0;
  arrow::SchemaPtr schema_;
  std::unique_ptr<ParquetWriteOptions> options_;
  std::unique_ptr<WriteSchema> write_schema_;
  std::vector<std::unique_ptr<ColumnChunkWriter>> columns_;
  int64_t rows_in_group_ = 0;
  int64_t rows_written_ = 0;
  bool closed_ = false;
  FileMetaData metadata_;
  // Page index of each written chunk, [row group][leaf]; has_column_index says whether usable.
  std::vector<std::vector<EncodedChunk>> page_index_;
};

/// Writes `batches` (all of `schema`) to `path` as one Parquet file.
Status WriteParquetFile(const std::string& path, const arrow::SchemaPtr& schema,
                        const std::vector<arrow::RecordBatchPtr>& batches,
                        const ParquetWriteOptions& options = {});
/// Same, with the schema of the first batch (InvalidArgument when `batches` is empty).
Status WriteParquetFile(const std::string& path, const std::vector<arrow::RecordBatchPtr>& batches,
                        const ParquetWriteOptions& options = {});

}  // namespace ballista::formats::parquet
