#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ballista/arrow/builder_base.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/record_batch_reader.h"
#include "ballista/common/result.h"
#include "ballista/formats/compressed_input.h"
#include "ballista/formats/json/json_options.h"

namespace ballista::formats::json {

/// Streams NDJSON (one JSON object per line; blank lines skipped; CRLF accepted) as record
/// batches of at most options.batch_size rows. Input is read in blocks; each line is parsed with
/// simdjson's DOM parser and converted straight into column builders. Top-level keys not in the
/// (projected) schema are ignored; missing keys are null; a repeated key keeps its first value.
/// Errors name the source and line: `events.json:12: invalid JSON: ...`,
/// `events.json:40: column "ts" (timestamp[us]): cannot convert 12.5`. Not thread-safe: one
/// consumer calls Next() at a time; readers over separate ByteRanges may run on separate threads.
class JsonReader final : public arrow::RecordBatchReader {
 public:
  /// Opens a whole file (compressed per options.compression); infers the schema from the first
  /// options.infer_rows lines unless options.schema is given.
  static Result<std::unique_ptr<JsonReader>> Open(const std::string& path,
                                                  const JsonReadOptions& options);
  /// Opens one byte range of an uncompressed file: the lines whose first byte lies in
  /// [range.offset, range.offset + range.length). The schema is options.schema or inferred from
  /// the start of the file, so every range agrees. Errors name the byte offset of the line.
  static Result<std::unique_ptr<JsonReader>> OpenRange(const std::string& path, ByteRange range,
                                                       const JsonReadOptions& options);
  /// Reads NDJSON held in memory (not copied: `data` must outlive the reader).
  static Result<std::unique_ptr<JsonReader>> OpenBuffer(std::string_view data,
                                                        const JsonReadOptions& options,
                                                        std::string name = "<memory>");

  /// The projected schema (options.include_columns order).
  arrow::SchemaPtr schema() const override { return schema_; }
  /// The next batch, or null at the end. After an error the reader must not be used.
  Result<arrow::RecordBatchPtr> Next() override;

 private:
  JsonReader(std::unique_ptr<InputStream> stream, const JsonReadOptions& options, std::string name);
  /// Skips to the first line start of a range, infers or projects the schema, makes builders.
  Status Init(bool infer, int64_t start_offset, bool skip_partial_line);
  Status Refill();
  /// The next line at or after `*cursor` (bytes from pos_); false at the end of input or range.
  Result<bool> LineAt(size_t* cursor, std::string_view* line, int64_t* line_offset);
  Status ConvertLine(std::string_view line, int64_t line_offset);
  std::string Where(int64_t line_offset) const;

  std::unique_ptr<InputStream> stream_;
  JsonReadOptions options_;
  std::string name_;
  std::string buffer_;
  size_t pos_ = 0;
  bool eof_ = false;
  int64_t buffer_offset_ = 0;  // absolute offset of buffer_[0]
  int64_t stop_offset_ = INT64_MAX;
  bool range_mode_ = false;
  int64_t line_no_ = 0;  // lines consumed (1-based number of the last one)
  arrow::SchemaPtr schema_;
  std::unordered_map<std::string, int> column_of_;
  std::vector<std::unique_ptr<arrow::ArrayBuilder>> builders_;
  std::vector<uint8_t> seen_;
  simdjson::dom::parser parser_;
};

/// The schema JsonReader::Open would infer for `path` (before projection).
Result<arrow::SchemaPtr> InferJsonSchema(const std::string& path, const JsonReadOptions& options);
/// Reads a whole file into batches.
Result<std::vector<arrow::RecordBatchPtr>> ReadJsonFile(const std::string& path,
                                                        const JsonReadOptions& options = {});
/// Reads NDJSON text from memory into batches.
Result<std::vector<arrow::RecordBatchPtr>> ReadJsonBuffer(std::string_view data,
                                                          const JsonReadOptions& options = {},
                                                          std::string name = "<memory>");
/// Cuts an uncompressed file into ranges of about `target_range_bytes` for JsonReader::OpenRange
/// (plain byte offsets: each range reader finds its first line itself). A compressed file gives
/// one range.
Result<std::vector<ByteRange>> SplitJsonFile(const std::string& path, int64_t target_range_bytes,
                                             const JsonReadOptions& options = {});

}  // namespace ballista::formats::json
