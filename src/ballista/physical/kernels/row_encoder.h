#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/common/result.h"

namespace ballista::physical {

/// Encodes the values of several columns, row by row, into byte strings that are equal exactly
/// when the rows are equal with NULLs equal to each other (GROUP BY, DISTINCT and set-operation
/// semantics). Join keys use the same encoding and check for NULLs separately (RowHasNull), since
/// SQL equality never matches a NULL. Columns compared against each other must have the same type.
/// Thread-safe (pure functions).
///
/// Appends the encoding of rows [0, num_rows) of `columns` to keys[0..num_rows) (so the caller
/// can prefix a grouping-set tag). `keys` must hold num_rows strings.
Status EncodeRows(const std::vector<arrow::ArrayDataPtr>& columns, int64_t num_rows,
                  std::vector<std::string>* keys);

/// For each row, whether any of `columns` is NULL there (out must hold num_rows entries).
void RowsWithNull(const std::vector<arrow::ArrayDataPtr>& columns, int64_t num_rows,
                  std::vector<uint8_t>* out);

}  // namespace ballista::physical
