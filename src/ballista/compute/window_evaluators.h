#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/compute/datum.h"
#include "ballista/compute/function.h"

namespace ballista::compute {

/// One window partition, rows already in the window's ORDER BY order.
struct WindowPartition {
  int64_t num_rows = 0;
  /// peer_start[i]: whether row i starts a new group of ORDER BY peers (row 0 always does). Empty
  /// means every row is its own peer group (no ORDER BY ties known).
  std::vector<uint8_t> peer_start;
  /// The function's arguments, arrays of num_rows rows (or scalars).
  std::vector<Datum> args;
  /// Frame of first_value/last_value/nth_value: false = the SQL default with ORDER BY (partition
  /// start through the current row's last peer); true = the whole partition (no ORDER BY, or
  /// ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING).
  bool whole_partition_frame = false;
};

/// Evaluates a window-only function (row_number, rank, dense_rank, percent_rank, cume_dist,
/// ntile, lag, lead, first_value, last_value, nth_value) over one partition, with PostgreSQL
/// semantics; the result has num_rows rows of FunctionRegistry::FindWindow(name)->ReturnType.
/// lag/lead offsets and ntile/nth_value counts must be constants. Thread-safe.
Result<std::shared_ptr<arrow::ArrayData>> EvaluateWindowFunction(std::string_view name,
                                                                 const WindowPartition& partition,
                                                                 ExecContext* ctx = nullptr);

}  // namespace ballista::compute
