#pragma once

#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/common/result.h"
#include "ballista/dist/stage_planner.h"

namespace ballista::dist {

/// Splits one batch of a stage's output by `output`: with hash columns, row r goes to partition
/// hash(last `hash_columns` columns of r) mod partitions (compute::HashColumns, stable across
/// processes); otherwise everything goes to partition 0. The hash columns are dropped; the
/// result has one entry per partition, null where no row went. `data_schema` is the schema of
/// the kept columns.
Result<std::vector<arrow::RecordBatchPtr>> PartitionBatch(const arrow::RecordBatch& batch,
                                                          const ShuffleOutput& output,
                                                          const arrow::SchemaPtr& data_schema);

/// The partition of a row hash (shared by every writer so equal keys always meet).
inline int PartitionOfHash(uint64_t hash, int partitions) {
  // Mix the high bits in: hash tables use the low bits of the same hash.
  uint64_t mixed = hash ^ (hash >> 29) ^ (hash >> 47);
  return static_cast<int>(mixed % static_cast<uint64_t>(partitions));
}

}  // namespace ballista::dist
