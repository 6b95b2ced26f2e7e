#pragma once

#include <map>

#include "ballista/logical/plan.h"

namespace ballista::optimizer {

/// Row-count estimates from table statistics, for join ordering. Without statistics a table is
/// assumed to hold 1000 rows. Selectivities are the textbook guesses: equality with a constant
/// 0.1, ranges 0.33, LIKE 0.25, anything else 0.5; an equi-join divides the product of its
/// inputs by the larger distinct count of its keys. A key's distinct count comes from the
/// table's column statistics (a distinct estimate, or an integer column's min..max range) and
/// is otherwise taken to be the table's row count (so a key join to a filtered primary-key
/// table keeps the filter's selectivity).
class CardinalityEstimator {
 public:
  /// Learns the base row count of every scanned column in `plan`.
  explicit CardinalityEstimator(const logical::LogicalPlanPtr& plan);

  double Rows(const logical::LogicalPlan& plan) const;
  /// Selectivity of a predicate over rows of its inputs.
  double Selectivity(const logical::ExprPtr& predicate) const;
  /// Selectivity of an equi-join key pair.
  double KeySelectivity(const logical::ExprPtr& left, const logical::ExprPtr& right,
                        double left_rows, double right_rows) const;

 private:
  /// Distinct-count estimate of a key expression, or 0 when unknown.
  double DistinctCount(const logical::ExprPtr& key) const;

  /// Distinct-count estimate of each scanned column: the table's statistics, else its row count.
  std::map<logical::ColumnId, double> distinct_;
};

}  // namespace ballista::optimizer
