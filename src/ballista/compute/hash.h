#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/common/status.h"

namespace ballista::compute {

/// Hashes row i of every column into out[i] (`out` holds the columns' common length), combining
/// column hashes in order. Equal values hash equal whatever their physical layout: Utf8,
/// LargeUtf8 and Utf8View (and the binary kinds) hash their bytes; dictionaries hash their decoded
/// values; -0.0 equals 0.0 and every NaN is alike; NULLs hash to a fixed value. Integers of
/// different widths holding the same value hash alike too (they are widened first). Used for
/// hash joins, hash aggregation and shuffle partitioning, so the function is stable across
/// processes. Thread-safe.
Status HashColumns(const std::vector<std::shared_ptr<arrow::ArrayData>>& columns, uint64_t* out);

/// One column: writes (combine = false) or mixes into (combine = true) out[0..length).
Status HashArray(const arrow::ArrayData& column, uint64_t* out, bool combine);

/// The hash of a byte string used by HashArray (exposed for hash tables keyed by strings).
uint64_t HashBytes(const void* data, size_t size);

}  // namespace ballista::compute
