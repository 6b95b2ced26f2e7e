#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/type.h"
#include "ballista/common/result.h"
#include "ballista/formats/csv/csv_options.h"

namespace ballista::formats::csv {

/// Writes record batches as CSV text (RFC 4180 quoting: a field is quoted when it contains the
/// delimiter, the quote, CR or LF, when it is an empty string or equals the null text, and
/// optionally when it has leading or trailing spaces). Dates are written as YYYY-MM-DD, timestamps
/// as ISO 8601 (YYYY-MM-DDTHH:MM:SS[.fff]), floats in their shortest exact form, so a file read
/// back with CsvReader and the same schema equals what was written. Not thread-safe.
class CsvWriter {
 public:
  /// Creates (truncates) `path` and writes the header if options.header.
  static Result<std::unique_ptr<CsvWriter>> Open(const std::string& path, arrow::SchemaPtr schema,
                                                 const CsvWriteOptions& options);
  /// Appends to `*out` instead of a file (for tests and in-memory export); `out` must outlive the
  /// writer.
  static Result<std::unique_ptr<CsvWriter>> OpenString(std::string* out, arrow::SchemaPtr schema,
                                                       const CsvWriteOptions& options);
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  /// Writes every row of `batch`, whose schema must have the writer's column count and types.
  Status Write(const arrow::RecordBatch& batch);
  /// Flushes and closes the file; later Writes fail. Called by the destructor if needed (which
  /// cannot report errors, so call it explicitly).
  Status Close();

 private:
  CsvWriter(arrow::SchemaPtr schema, const CsvWriteOptions& options)
      : schema_(std::move(schema)), options_(options) {}
  Status WriteHeader();
  Status Flush();
  void AppendText(std::string_view text, bool is_string);

  arrow::SchemaPtr schema_;
  CsvWriteOptions options_;
  std::string path_;
  std::FILE* file_ = nullptr;
  std::string* string_out_ = nullptr;
  std::string buffer_;
  bool closed_ = false;
};

/// Writes `batches` (all with `schema`) to `path`.
Status WriteCsvFile(const std::string& path, const arrow::SchemaPtr& schema,
                    const std::vector<arrow::RecordBatchPtr>& batches,
                    const CsvWriteOptions& options = {});

}  // namespace ballista::formats::csv
