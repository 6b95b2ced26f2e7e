#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/compute/function.h"

namespace ballista::compute {

/// The rows of `values` whose `mask` entry is true; a NULL mask entry drops the row (SQL WHERE).
/// `mask` is a BOOLEAN array of the same length. Works for every type in arrow/type.h (nested,
/// views and dictionaries included). Thread-safe.
Result<std::shared_ptr<arrow::ArrayData>> Filter(const arrow::ArrayData& values,
                                                 const arrow::ArrayData& mask,
                                                 ExecContext* ctx = nullptr);

/// Row i of the result is values[indices[i]]; a NULL index gives a NULL row. `indices` is an
/// integer array (int32, uint32, int64 or uint64) with every valid index in [0, values.length);
/// an index out of range is an InvalidArgument error.
Result<std::shared_ptr<arrow::ArrayData>> Take(const arrow::ArrayData& values,
                                               const arrow::ArrayData& indices,
                                               ExecContext* ctx = nullptr);
/// As Take with `count` raw indices (no NULLs), each checked against values.length.
Result<std::shared_ptr<arrow::ArrayData>> Take(const arrow::ArrayData& values,
                                               const uint32_t* indices, int64_t count,
                                               ExecContext* ctx = nullptr);
Result<std::shared_ptr<arrow::ArrayData>> Take(const arrow::ArrayData& values,
                                               const int64_t* indices, int64_t count,
                                               ExecContext* ctx = nullptr);

/// The arrays one after the other. All must have the same type (InvalidArgument otherwise); the
/// empty list is an error (the type would be unknown).
Result<std::shared_ptr<arrow::ArrayData>> Concatenate(
    const std::vector<std::shared_ptr<arrow::ArrayData>>& arrays, ExecContext* ctx = nullptr);

/// Batch versions: every column filtered/taken with the same mask/indices.
Result<std::shared_ptr<arrow::RecordBatch>> FilterRecordBatch(const arrow::RecordBatch& batch,
                                                              const arrow::ArrayData& mask,
                                                              ExecContext* ctx = nullptr);
Result<std::shared_ptr<arrow::RecordBatch>> TakeRecordBatch(const arrow::RecordBatch& batch,
                                                            const arrow::ArrayData& indices,
                                                            ExecContext* ctx = nullptr);
Result<std::shared_ptr<arrow::RecordBatch>> TakeRecordBatch(const arrow::RecordBatch& batch,
                                                            const uint32_t* indices, int64_t count,
                                                            ExecContext* ctx = nullptr);
/// Batches of one schema stacked; `schema` gives the result's schema (used when `batches` is
/// empty).
Result<std::shared_ptr<arrow::RecordBatch>> ConcatenateRecordBatches(
    const arrow::SchemaPtr& schema, const std::vector<std::shared_ptr<arrow::RecordBatch>>& batches,
    ExecContext* ctx = nullptr);

/// Positions of the true (non-NULL) entries of a BOOLEAN mask.
std::vector<uint32_t> MaskToIndices(const arrow::ArrayData& mask);

}  // namespace ballista::compute
