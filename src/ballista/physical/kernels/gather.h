#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/common/memory_pool.h"
#include "ballista/common/result.h"

namespace ballista::physical {

/// One row of a list of array chunks (a buffered input, a hash table's build rows). A negative
/// chunk stands for a NULL row (outer-join padding, CASE rows no branch chose).
struct RowRef {
  int32_t chunk = -1;
  uint32_t row = 0;
};

/// Builds one array of `type` whose row i is chunks[refs[i].chunk] row refs[i].row (NULL for a
/// negative chunk). Supports the flat types the engine computes on: null, boolean, every
/// fixed-width type (integers, floats, decimals, dates, times, timestamps, durations, intervals,
/// fixed-size binary) and Utf8/Binary with 32- or 64-bit offsets; other types are Unsupported.
/// Thread-safe (pure function).
Result<arrow::ArrayDataPtr> Gather(const arrow::DataTypePtr& type,
                                   const std::vector<const arrow::ArrayData*>& chunks,
                                   const RowRef* refs, int64_t num_refs,
                                   MemoryPool* pool = DefaultMemoryPool());

/// Gather over whole batches: column c of the result gathers column c of every chunk.
Result<arrow::RecordBatchPtr> GatherBatch(const arrow::SchemaPtr& schema,
                                          const std::vector<arrow::RecordBatchPtr>& chunks,
                                          const RowRef* refs, int64_t num_refs,
                                          MemoryPool* pool = DefaultMemoryPool());

/// Rows `indices` (in that order) of one array; a negative index gives NULL.
Result<arrow::ArrayDataPtr> TakeArray(const arrow::ArrayDataPtr& array, const int64_t* indices,
                                      int64_t num_indices, MemoryPool* pool = DefaultMemoryPool());

/// Rows `indices` of every column of `batch`.
Result<arrow::RecordBatchPtr> TakeBatch(const arrow::RecordBatchPtr& batch, const int64_t* indices,
                                        int64_t num_indices,
                                        MemoryPool* pool = DefaultMemoryPool());

/// All rows of `arrays` one after the other (all of `type`).
Result<arrow::ArrayDataPtr> ConcatArrays(const arrow::DataTypePtr& type,
                                         const std::vector<arrow::ArrayDataPtr>& arrays,
                                         MemoryPool* pool = DefaultMemoryPool());

/// All rows of `batches` as one batch of `schema` (an empty batch when there are none).
Result<arrow::RecordBatchPtr> ConcatBatches(const arrow::SchemaPtr& schema,
                                            const std::vector<arrow::RecordBatchPtr>& batches,
                                            MemoryPool* pool = DefaultMemoryPool());

/// A batch of `schema` with zero rows.
Result<arrow::RecordBatchPtr> EmptyBatch(const arrow::SchemaPtr& schema,
                                         MemoryPool* pool = DefaultMemoryPool());

}  // namespace ballista::physical
