#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ballista/arrow/type.h"
#include "ballista/formats/compressed_input.h"
#include "ballista/formats/csv/csv_options.h"

namespace ballista::formats::json {

/// A byte slice of an uncompressed file, the unit of parallel scanning (same as CSV's).
using ByteRange = csv::ByteRange;

/// How an NDJSON (one JSON object per line) source is read. Plain value type.
///
/// Inference (when `schema` is null) samples the first `infer_rows` non-blank lines: numbers
/// without fraction or exponent that fit int64 are int64, other numbers float64 (int64 mixed with
/// float64 gives float64), true/false bool, strings utf8, objects struct (fields in order of first
/// appearance), arrays list of their merged element type. Conflicting kinds (a number and a
/// string, a struct and a list, ...) give utf8, into which non-string values are written as their
/// JSON text. A key only ever null is utf8. With `infer_temporal`, strings that all parse as
/// dates ("2024-01-31") are date32 and as timestamps ("2024-01-31 12:00:00[.fff][Z|+hh:mm]")
/// timestamp[us] (zoned ones normalized to UTC with time zone "UTC").
struct JsonReadOptions {
  arrow::SchemaPtr schema;
  int64_t infer_rows = 1000;
  bool infer_temporal = true;
  /// Only these top-level keys (in this order) become columns; empty: all.
  std::vector<std::string> include_columns;
  int64_t batch_size = 8192;
  Compression compression = Compression::kAuto;
};

/// How NDJSON is written: one object per line, keys in schema order.
struct JsonWriteOptions {
  /// Write `"key":null` for nulls instead of leaving the key out.
  bool write_nulls = false;
};

}  // namespace ballista::formats::json
