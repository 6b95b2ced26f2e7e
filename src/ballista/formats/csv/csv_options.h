#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ballista/arrow/type.h"
#include "ballista/formats/compressed_input.h"

namespace ballista::formats::csv {

/// How a CSV file is read. Plain value type; copy freely.
///
/// Null rules (DuckDB's): an unquoted field equal to `null_string` is NULL in every column; an
/// empty field, quoted or not, is NULL in a non-string column; a quoted field is never NULL in a
/// string column (`""` is the empty string).
///
/// Line ends: LF, CRLF and lone CR are all accepted, mixed freely. Blank lines are skipped.
struct CsvReadOptions {
  /// The first record holds column names (skipped when `schema` is given).
  bool has_header = true;
  char delimiter = ',';
  char quote = '"';
  /// Escape character inside quoted fields (for example '\\'); nullopt: quotes are escaped by
  /// doubling them (RFC 4180).
  std::optional<char> escape;
  /// Lines starting with this character are skipped.
  std::optional<char> comment;
  std::string null_string;
  Compression compression = Compression::kAuto;
  /// Explicit column types and names; null: inferred from the first `infer_rows` records.
  arrow::SchemaPtr schema;
  int64_t infer_rows = 1000;
  /// Inference gives DECIMAL(p, s) instead of DOUBLE to a column whose values are all plain
  /// decimal numbers (`-12.50`, no exponent) fitting 38 digits; s is the most fraction digits
  /// seen. Off by default, as in DuckDB and DataFusion, which infer DOUBLE.
  bool infer_decimals = false;
  /// Only these columns (by name, in this order) are converted and returned; empty: all.
  std::vector<std::string> include_columns;
  /// Malformed records (wrong field count, values that do not convert) are skipped and counted
  /// instead of failing the read.
  bool skip_bad_rows = false;
  /// A record may end with one extra empty field (TPC-H dbgen's `a|b|c|`), which is dropped.
  bool allow_trailing_delimiter = false;
  int64_t batch_size = 8192;
};

/// A slice [offset, offset + length) of an uncompressed file, the unit of parallel scanning. A
/// reader over a range returns the records whose first line starts inside the range.
struct ByteRange {
  int64_t offset = 0;
  int64_t length = 0;
  bool operator==(const ByteRange&) const = default;
};

/// How CsvWriter writes values. Plain value type.
struct CsvWriteOptions {
  bool header = true;
  char delimiter = ',';
  char quote = '"';
  /// Text written for NULL. An empty string value is written as `""` so that it reads back as
  /// the empty string rather than NULL.
  std::string null_string;
  /// Also quote strings with leading or trailing spaces (other tools trim them otherwise).
  bool quote_surrounding_spaces = false;
  std::string line_terminator = "\n";
};

}  // namespace ballista::formats::csv
