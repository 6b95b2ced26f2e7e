#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ballista/arrow/scalar.h"

namespace ballista::formats {

/// Comparison of a column with literals, as file scans understand it for pruning.
enum class PredicateOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe, kIsNull, kIsNotNull, kIn };

/// `column op values`: one value for comparisons, any number for kIn, none for the null tests.
/// SQL semantics: a null column value satisfies only kIsNull.
struct ColumnPredicate {
  std::string column;
  PredicateOp op = PredicateOp::kEq;
  std::vector<arrow::Scalar> values;
};

/// A conjunction (AND) of column predicates; empty means "everything".
struct ScanPredicate {
  std::vector<ColumnPredicate> conjuncts;
};

/// What statistics say about the values of one column over some rows (a file, a row group, a
/// page). Absent members are unknown. `min`/`max` are of the column's Arrow type and bound the
/// non-null values exactly (never truncated).
struct ColumnStatistics {
  std::optional<arrow::Scalar> min;
  std::optional<arrow::Scalar> max;
  std::optional<int64_t> null_count;
  /// Values covered (rows, for a flat column); -1 when unknown.
  int64_t num_values = -1;
};

/// Three-way comparison of two non-null scalars when their types compare meaningfully (integers
/// of any width and sign, floats with integers, decimals of equal scale or with integers, equal
/// temporal types and units, strings, binaries, booleans); nullopt otherwise or when a float is
/// NaN. Pure function.
std::optional<int> CompareScalars(const arrow::Scalar& a, const arrow::Scalar& b);

/// False only when `stats` prove that no row can satisfy `predicate` (so the rows can be
/// skipped); true whenever in doubt (unknown statistics, incomparable literal types, ...).
bool StatisticsMayMatch(const ColumnPredicate& predicate, const ColumnStatistics& stats);

}  // namespace ballista::formats
