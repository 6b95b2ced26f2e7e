#pragma once

#include <cstdint>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/common/status.h"
#include "ballista/formats/parquet/writer_schema.h"

namespace ballista::formats::parquet {

/// The shredded form of one leaf over a batch: definition/repetition levels (repetition empty
/// when the leaf is not repeated) and, for each level at the maximum definition level, the index
/// of its value in `values` (absolute: the array's offset already added).
struct ShreddedLeaf {
  std::vector<int16_t> def;
  std::vector<int16_t> rep;
  std::vector<int64_t> value_index;
  const arrow::ArrayData* values = nullptr;
};

/// Shreds one top-level column (`array`, described by `node`) into its leaves (Dremel
/// striping): `leaves` is indexed by leaf number and must span node.leaf_end. Appends to the
/// vectors already there. InvalidArgument when a non-nullable field holds a null. Single-threaded.
Status ShredColumn(const WriteNode& node, const arrow::ArrayData& array,
                   std::vector<ShreddedLeaf>* leaves);

}  // namespace ballista::formats::parquet
