#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/common/result.h"
#include "ballista/formats/json/json_options.h"

namespace ballista::formats::json {

/// Appends the rows of `batch` to `out` as NDJSON: one object per line, keys in schema order.
/// Integers and floats as JSON numbers (shortest round-trip text; NaN and infinities, which JSON
/// lacks, as null), decimals as exact numbers, bool as true/false, strings escaped (control
/// characters as \uXXXX), binary as a hex string, date32/date64 as "YYYY-MM-DD", time as
/// "HH:MM:SS[.f]", timestamps as ISO 8601 strings the reader parses back, lists as arrays,
/// structs as objects, maps as objects when keys are strings (else arrays of [key, value]).
/// Nulls are left out, or written as null under options.write_nulls. Thread-safe.
Status AppendJsonLines(const arrow::RecordBatch& batch, const JsonWriteOptions& options,
                       std::string* out);

/// Writes batches to a file, one line per row. Not thread-safe.
class JsonWriter {
 public:
  /// Creates (truncates) `path`.
  static Result<std::unique_ptr<JsonWriter>> Open(const std::string& path,
                                                  JsonWriteOptions options = {});
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  Status Write(const arrow::RecordBatch& batch);
  /// Flushes and closes; called once.
  Status Close();

 private:
  JsonWriter() = default;
  std::string path_;
  std::FILE* file_ = nullptr;
  JsonWriteOptions options_;
};

/// Writes `batches` to `path` as NDJSON.
Status WriteJsonFile(const std::string& path, const std::vector<arrow::RecordBatchPtr>& batches,
                     const JsonWriteOptions& options = {});

}  // namespace ballista::formats::json
