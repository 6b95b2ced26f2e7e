#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/type.h"
#include "ballista/common/result.h"
#include "ballista/formats/csv/csv_options.h"
#include "ballista/formats/csv/tokenizer.h"

namespace ballista::formats::csv {

/// Converts one CSV column's fields into an Arrow array, batch by batch. Values accumulate over
/// several Append calls (a batch may span buffer refills) until Finish. Not thread-safe; each
/// reader owns one decoder per projected column.
class ColumnDecoder {
 public:
  /// A decoder for `type`; Unsupported for types CSV cannot hold (nested, binary, ...).
  static Result<std::unique_ptr<ColumnDecoder>> Make(const arrow::DataTypePtr& type,
                                                     const CsvReadOptions& options);
  virtual ~ColumnDecoder() = default;

  /// Appends column `column` of every row of `rows`. Returns -1, or the index of the first row
  /// whose value does not convert (values before it stay appended; the caller truncates).
  virtual int64_t Append(const TokenizedRows& rows, int column) = 0;
  /// Drops values past the first `length` (undoes a failed Append).
  virtual void Truncate(int64_t length) = 0;
  /// Values appended since the last Finish.
  virtual int64_t length() const = 0;
  /// The accumulated values as an array; the decoder starts empty again.
  virtual Result<arrow::ArrayDataPtr> Finish() = 0;
};

/// Trims spaces and tabs around numeric and temporal text.
inline std::string_view TrimBlanks(std::string_view text) {
  size_t b = 0;
  size_t e = text.size();
  while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
  return text.substr(b, e - b);
}

/// Whether `field` is NULL in a string or non-string column under the options' null rules
/// (inline: it runs once per value).
inline bool IsNullField(const FieldRef& field, bool string_column, std::string_view null_string) {
  if (field.quoted) return !string_column && field.size == 0;
  if (field.size == 0) return !string_column || null_string.empty();
  return field.view() == null_string;
}

/// Parsers shared with type inference: exact, whitespace-trimmed, no allocation.
bool ParseInt64(std::string_view text, int64_t* out);
bool ParseFloat64(std::string_view text, double* out);
bool ParseBool(std::string_view text, bool* out);
/// "YYYY-MM-DD" to days since the epoch.
bool ParseDate32(std::string_view text, int32_t* out);

}  // namespace ballista::formats::csv
