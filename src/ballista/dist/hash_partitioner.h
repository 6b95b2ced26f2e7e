#pragma once

#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/common/result.h"
#include "ballista/dist/stage_planner.h"

namespace ballista::dist {

/// Splits one batch of a stage's output by `output`: with hash columns, row r goes to partition
/// ShufflePartitionForHash(hash of its last `hash_columns` columns), as the shuffle writer
/// does; otherwise everything goes to partition 0. The hash columns are dropped; the
/// result has one entry per partition, null where no row went. `data_schema` is the schema of
/// the kept columns.
Result<std::vector<arrow::RecordBatchPtr>> PartitionBatch(const arrow::RecordBatch& batch,
                                                          const ShuffleOutput& output,
                                                          const arrow::SchemaPtr& data_schema);

}  // namespace ballista::dist
