#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/common/result.h"

namespace ballista::physical {

/// Direction and NULL placement of one sort key.
struct SortOrder {
  bool ascending = true;
  bool nulls_first = false;
};

/// Compares rows of one set of key columns (all of the same length) by several keys. Built once
/// per set of columns: the per-type comparison is chosen when the comparator is built, so a
/// comparison is a call through one function object per key. Read-only after construction, so
/// it may be shared between threads.
class RowComparator {
 public:
  /// Fails (Unsupported) for a key type without an ordering here.
  static Result<RowComparator> Make(std::vector<arrow::ArrayDataPtr> keys,
                                    std::vector<SortOrder> orders);

  /// <0, 0 or >0 as row `a` sorts before, with, or after row `b`.
  int Compare(int64_t a, int64_t b) const {
    for (const auto& key : compare_) {
      int c = key(a, b);
      if (c != 0) return c;
    }
    return 0;
  }

 private:
  std::vector<arrow::ArrayDataPtr> keys_;
  std::vector<std::function<int(int64_t, int64_t)>> compare_;
};

/// The stable order of rows [0, n) of `keys` by `orders`.
Result<std::vector<int64_t>> SortIndices(const std::vector<arrow::ArrayDataPtr>& keys,
                                         const std::vector<SortOrder>& orders, int64_t n);

/// Compares value `a` of column `x` with value `b` of column `y` (same type, both valid): <0, 0,
/// >0. For RANGE frames and merging. Unsupported types compare equal.
using ValueCompare = int (*)(const arrow::ArrayData& x, int64_t a, const arrow::ArrayData& y, int64_t b);

/// The comparison CompareValues does for values of `type`, chosen once (for loops that compare
/// the same columns many times, like a merge).
ValueCompare ValueComparatorFor(const arrow::DataType& type);

int CompareValues(const arrow::ArrayData& x, int64_t a, const arrow::ArrayData& y, int64_t b);

}  // namespace ballista::physical
