#pragma once

#include <memory>
#include <string_view>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/builder_base.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/common/json.h"

namespace ballista::arrow {

/// Builds an array of `type` from a JSON array, one element per slot, `null` for a null slot:
///   integers/floats: numbers (floats also "NaN", "Infinity", "-Infinity");  bool: true/false;
///   decimals: numbers or strings ("1.23"), rounded to the scale;  strings and binaries: strings
///   (binary takes the string's bytes);  fixed_size_binary: strings of the exact width;
///   date32/date64: day/millisecond numbers or "2024-01-31";  time32/time64: numbers or
///   "12:30:00.5";  timestamp: numbers or ISO strings ("2024-01-31T12:00:00Z", offsets converted
///   to UTC);  duration and year-month interval: numbers;  day-time interval: [days, millis];
///   month-day-nano interval: [months, days, nanos];  list/large_list/fixed_size_list: arrays;
///   struct: objects by field name (missing fields are null) or arrays by position;  map: arrays
///   of [key, value] pairs, or objects (keys then parsed for the key type);  dictionary: the
///   decoded values.
/// Errors are InvalidArgument naming the element ("[2]: value 300 is out of range for int8").
/// A test and tooling helper: convenient, not fast. Thread-safe.
Result<std::shared_ptr<ArrayData>> ArrayFromJson(DataTypePtr type, std::string_view json);

/// Builds a batch from a JSON array of rows: objects keyed by column name (missing columns are
/// null, unknown ones an error) or arrays of values by position.
Result<std::shared_ptr<RecordBatch>> RecordBatchFromJson(SchemaPtr schema, std::string_view json);

/// Appends one parsed JSON value to `builder` (made by MakeBuilder for its type).
Status AppendJsonValue(ArrayBuilder* builder, const json::Value& value);

}  // namespace ballista::arrow
