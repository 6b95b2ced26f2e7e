#pragma once

#include <cstdint>

#include "ballista/arrow/array_data.h"
#include "ballista/common/result.h"
#include "ballista/formats/parquet/column_reader.h"
#include "ballista/formats/parquet/schema.h"

namespace ballista::formats::parquet {

/// Builds the Arrow array of a flat (non-repeated) leaf column from its decoded chunk: nulls
/// where the definition level is below the maximum, values converted from the physical form to
/// `column.arrow_type`. Thread-safe (pure function).
Result<arrow::ArrayDataPtr> FlatColumnToArrow(const ColumnDescriptor& column,
                                              const ColumnChunkData& chunk);

/// The same for `length` slots whose definition levels are `def_levels` (null when the column's
/// max definition level is 0), taking values in order from `values`.
Result<arrow::ArrayDataPtr> LeafToArrow(const ColumnDescriptor& column, int64_t length,
                                        const int16_t* def_levels, const DecodedValues& values);

}  // namespace ballista::formats::parquet
