#pragma once

#include <cstdint>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/common/result.h"
#include "ballista/formats/parquet/column_reader.h"
#include "ballista/formats/parquet/schema.h"

namespace ballista::formats::parquet {

/// Rebuilds a nested top-level field (structs, lists, maps, repeated fields) from the decoded
/// chunks of its leaves using repetition and definition levels. `chunks` is indexed by leaf index
/// and must hold every leaf under `node`. Returns an array of `num_rows` slots, or InvalidData when
/// the leaves disagree about the structure. Thread-safe (pure function).
Result<arrow::ArrayDataPtr> AssembleNested(const SchemaNode& node,
                                           const std::vector<ColumnDescriptor>& leaves,
                                           const std::vector<const ColumnChunkData*>& chunks,
                                           int64_t num_rows);

}  // namespace ballista::formats::parquet
