#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/record_batch.h"

namespace ballista::arrow {

/// Display text of slot i: integers; floats in the shortest form that reads back exactly ("1.0",
/// "0.1", "1e+20", "NaN", "inf"); decimals with their scale ("12.30"); dates "2024-01-31";
/// timestamps "2024-01-31T12:00:00[.fraction][zone]"; times "12:00:00"; durations and intervals
/// as parts ("1 days 2 hours ..."); strings raw; binary as lowercase hex; lists "[1, 2, null]";
/// structs "{a: 1, b: x}"; maps "{k: v}"; dictionaries decoded. A null slot gives `null_text`,
/// a null inside a nested value gives "null". `data` must be valid. Thread-safe.
std::string FormatValue(const ArrayData& data, int64_t i, std::string_view null_text = "");

/// The DataFusion/Ballista result table of the batches (schema from the first batch): a box of
/// '+', '-' and '|' with a header row, cells left aligned with one space of padding, NULL shown as
/// an empty cell, column width the longest text in UTF-8 code points. No batches: "++\n++"; no
/// rows: the header box alone. No trailing newline.
std::string PrettyFormat(const std::vector<std::shared_ptr<RecordBatch>>& batches);
std::string PrettyFormat(const RecordBatch& batch);

/// As PrettyFormat, with the schema given (so an empty result still shows its header).
std::string PrettyFormat(const SchemaPtr& schema,
                         const std::vector<std::shared_ptr<RecordBatch>>& batches);

/// A two-column table "name | type" (plus " not null") of the schema's fields.
std::string PrettyFormatSchema(const Schema& schema);

/// Number of UTF-8 code points in `text` (continuation bytes not counted).
int64_t Utf8Length(std::string_view text);

}  // namespace ballista::arrow
