#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/record_batch_reader.h"
#include "ballista/arrow/type.h"
#include "ballista/common/result.h"
#include "ballista/formats/compressed_input.h"
#include "ballista/formats/csv/column_decoder.h"
#include "ballista/formats/csv/csv_options.h"
#include "ballista/formats/csv/tokenizer.h"

namespace ballista::formats::csv {

/// Streams a CSV source as record batches of at most options.batch_size rows. Input is read in
/// blocks into one growing buffer, tokenized, and converted straight into column buffers; a block
/// boundary inside a record just makes the reader fetch more before continuing.
///
/// Errors name the source and line: `trips.csv:1048: expected 7 fields, found 6`,
/// `trips.csv:12: column "fare" (float64): cannot parse "abc"`. Not thread-safe: one consumer
/// calls Next() at a time; separate readers (one per ByteRange) may run on separate threads.
class CsvReader final : public arrow::RecordBatchReader {
 public:
  /// Opens a whole file (compressed per options.compression); infers the schema from the first
  /// options.infer_rows records unless options.schema is given.
  static Result<std::unique_ptr<CsvReader>> Open(const std::string& path,
                                                 const CsvReadOptions& options);
  /// Opens one byte range of an uncompressed file: returns the records whose first line starts
  /// in [range.offset, range.offset + range.length). The schema comes from options.schema or is
  /// inferred from the start of the file, so every range of a file agrees on it.
  static Result<std::unique_ptr<CsvReader>> OpenRange(const std::string& path, ByteRange range,
                                                      const CsvReadOptions& options);
  /// Reads CSV text held in memory (not copied: `data` must outlive the reader).
  /// options.compression kAuto means uncompressed here.
  static Result<std::unique_ptr<CsvReader>> OpenBuffer(std::string_view data,
                                                       const CsvReadOptions& options,
                                                       std::string name = "<memory>");

  /// The projected schema (options.include_columns order), stable for the reader's lifetime.
  arrow::SchemaPtr schema() const override { return schema_; }
  /// The next batch, or null at the end. A malformed record fails the read with file and line
  /// (unless skip_bad_rows), and the reader must not be used afterwards.
  Result<arrow::RecordBatchPtr> Next() override;

  /// Records skipped so far under skip_bad_rows.
  int64_t bad_rows() const { return tokenizer_.bad_rows() + bad_values_; }
  /// The schema of all columns of the file (before projection).
  const arrow::SchemaPtr& file_schema() const { return file_schema_; }

 private:
  CsvReader(std::unique_ptr<InputStream> stream, const CsvReadOptions& options, std::string name);
  /// Reads the header, determines the file schema, builds decoders.
  Status Init(bool at_file_start);
  /// Moves unconsumed bytes to the front and reads more; sets eof_ at the end of input.
  Status Refill();
  /// Tokenizes one record from pos_ without consuming it (the header, or the field count probe).
  Result<bool> PeekRecord(TokenizedRows* rows);
  /// Tokenizes up to `max_rows` records from pos_ without consuming them (schema inference).
  Status PeekRecords(int64_t max_rows, TokenizedRows* rows);
  /// Converts rows_ into the decoders, dropping rows with unconvertible values under
  /// skip_bad_rows.
  Status Convert();
  size_t RelativeStop() const;

  std::unique_ptr<InputStream> stream_;
  CsvReadOptions options_;
  std::string name_;
  Tokenizer tokenizer_;
  std::vector<char> buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  /// Absolute file offset of buffer_[0] and the range end (INT64_MAX: no limit).
  int64_t buffer_offset_ = 0;
  int64_t stop_offset_ = INT64_MAX;
  bool done_ = false;
  arrow::SchemaPtr file_schema_;
  arrow::SchemaPtr schema_;
  std::vector<int> projection_;
  std::vector<std::unique_ptr<ColumnDecoder>> decoders_;
  TokenizedRows rows_;
  int64_t bad_values_ = 0;
};

/// The schema CsvReader::Open would produce before projection: names from the header (or
/// column_1..N), types from options.schema or inferred from the first options.infer_rows records.
Result<arrow::SchemaPtr> InferSchema(const std::string& path, const CsvReadOptions& options);

/// Reads a whole file into batches.
Result<std::vector<arrow::RecordBatchPtr>> ReadCsvFile(const std::string& path,
                                                       const CsvReadOptions& options);
/// Reads CSV text from memory into batches.
Result<std::vector<arrow::RecordBatchPtr>> ReadCsvBuffer(std::string_view data,
                                                         const CsvReadOptions& options,
                                                         std::string name = "<memory>");

/// Cuts an uncompressed file into ranges of about `target_range_bytes` for parallel scanning
/// (CsvReader::OpenRange). The cuts are plain byte offsets; each range reader finds its first
/// record itself. A compressed file, or options with a comment character or an escape character
/// (which break the quote-parity rule OpenRange relies on), gives one range: the whole file.
Result<std::vector<ByteRange>> SplitFile(const std::string& path, int64_t target_range_bytes,
                                         const CsvReadOptions& options = {});

}  // namespace ballista::formats::csv
