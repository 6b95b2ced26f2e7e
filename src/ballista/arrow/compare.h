#pragma once

#include <string>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/record_batch.h"

namespace ballista::arrow {

/// Logical equality of two arrays: same type (field names and nullability included, metadata
/// not), same length, nulls in the same slots, equal values in the valid slots. Offsets are
/// honoured; the bytes under a null are ignored; floats compare by value with NaN equal to NaN;
/// views compare by their bytes, not their buffer layout; dictionary arrays compare their indices
/// and their dictionaries (not the decoded values). Both arrays must be valid. Thread-safe.
bool ArrayDataEquals(const ArrayData& a, const ArrayData& b);

/// Equal schemas (without metadata), row counts and columns.
bool RecordBatchEquals(const RecordBatch& a, const RecordBatch& b);

/// The first difference between two arrays in a few words, for test failure messages: "types
/// differ: int32 vs int64", "lengths differ: 3 vs 4", "first difference at index 2: 3 vs null".
/// Empty when the arrays are equal.
std::string DiffArrayData(const ArrayData& a, const ArrayData& b);

/// As DiffArrayData for batches, naming the column.
std::string DiffRecordBatch(const RecordBatch& a, const RecordBatch& b);

}  // namespace ballista::arrow
