#pragma once

#include <simdjson.h>

#include <string>

#include "ballista/arrow/builder_base.h"
#include "ballista/arrow/type.h"
#include "ballista/common/status.h"

namespace ballista::formats::json {

/// Checks that every field of `schema` has a type the JSON reader can fill: bool, integers,
/// float32/64, decimal128, utf8/large_utf8, date32, timestamp, struct, list and large_list of
/// these. Unsupported names the field otherwise.
Status CheckReadableType(const arrow::Field& field);

/// Appends one JSON value to `builder` (made by arrow::MakeBuilder for `type`). JSON null is a
/// null slot; numbers convert to numeric types with range checks (an integral float such as 3.0
/// is accepted for integers); strings parse for date32 ("YYYY-MM-DD"), timestamps (ISO 8601) and
/// decimals; utf8 takes strings as they are and any other value as its minified JSON text;
/// objects fill structs by key (missing keys are null, unknown keys ignored) and arrays lists.
/// A value that cannot convert is InvalidData naming the field path and the value.
Status AppendJsonValue(arrow::ArrayBuilder* builder, const arrow::DataType& type,
                       const simdjson::dom::element& value, const std::string& path);

}  // namespace ballista::formats::json
