#pragma once

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/common/status.h"

namespace ballista::arrow {

/// Checks that `data` is a well-formed Arrow array, recursively through children and dictionary.
/// The cheap checks (always) cover the buffer count for the type, buffer sizes against offset and
/// length, child count, types and lengths, the presence of a dictionary, the null count, and the
/// first and last offsets. With `full`, every offset (monotonic, within the data), UTF-8 of string
/// values, view buffer indexes and ranges, dictionary indices and map keys are checked too.
/// Never reads outside the buffers, whatever the input (the IPC and C-interface readers call it on
/// untrusted data). Returns InvalidData naming the type, the buffer and the index. Thread-safe.
Status ValidateArrayData(const ArrayData& data, bool full = false);

/// Column count, lengths and types against the schema, then each column (errors name the column).
Status ValidateRecordBatch(const RecordBatch& batch, bool full = false);

/// True when [data, data + size) is valid UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool IsValidUtf8(const uint8_t* data, int64_t size);

}  // namespace ballista::arrow
