#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/common/result.h"

namespace ballista::compute {

/// How one sort column orders: ascending unless `descending`; NULLs after the values unless
/// `nulls_first` (PostgreSQL's defaults are nulls_first = descending; the caller decides).
struct SortKey {
  bool descending = false;
  bool nulls_first = false;
};

/// Row positions in sorted order by `columns` (equal length), key i for column i. Stable: rows
/// that compare equal keep their input order. Floats order NaN after every other value (as
/// PostgreSQL); strings bytewise. Key by key, each run of rows equal so far is sorted through
/// order-preserving 64-bit keys (integers, floats, dates, timestamps; an 8-byte prefix for strings,
/// finished by full compares); decimals, booleans and intervals use typed comparators.
/// Thread-safe.
Result<std::vector<uint32_t>> SortIndices(const std::vector<std::shared_ptr<arrow::ArrayData>>& columns,
                                          const std::vector<SortKey>& keys);

/// Compares rows of typed columns (the comparator SortIndices uses, exposed for merges and
/// top-k): Compare(a, b) < 0 when row a of the left side sorts first. Immutable; thread-safe.
class RowComparator {
 public:
  /// `left` and `right` hold the same column types; the same arrays may be given twice.
  static Result<std::unique_ptr<RowComparator>> Make(
      const std::vector<std::shared_ptr<arrow::ArrayData>>& left,
      const std::vector<std::shared_ptr<arrow::ArrayData>>& right, const std::vector<SortKey>& keys);
  virtual ~RowComparator();
  /// <0, 0 or >0 as row a of `left` sorts before, with, or after row b of `right`.
  virtual int Compare(int64_t a, int64_t b) const = 0;
};

/// A batch sorted by the given columns (every column taken in the sorted order).
Result<std::shared_ptr<arrow::RecordBatch>> SortRecordBatch(const arrow::RecordBatch& batch,
                                                            const std::vector<int>& key_columns,
                                                            const std::vector<SortKey>& keys);

}  // namespace ballista::compute
