#pragma once

// Resolvers of the built-in aggregate functions (also reachable through the registry).

#include <string>
#include <vector>

#include "ballista/compute/function.h"

namespace ballista::compute {

/// count(*) (no arguments) or count(x): BIGINT, NULLs not counted.
Result<ResolvedAggregate> ResolveCount(const std::vector<arrow::DataTypePtr>& types, bool distinct);
/// sum: integers -> BIGINT (unsigned -> BIGINT UNSIGNED), DECIMAL(p,s) -> DECIMAL(38,s),
/// floats -> DOUBLE; NULL for a group without values; `integer overflow in sum` on overflow.
Result<ResolvedAggregate> ResolveSum(const std::vector<arrow::DataTypePtr>& types, bool distinct);
/// avg: DECIMAL(p,s) -> DECIMAL(min(p+4,38), min(s+4,38)) rounded half away from zero; other
/// numbers -> DOUBLE.
Result<ResolvedAggregate> ResolveAvg(const std::vector<arrow::DataTypePtr>& types, bool distinct);
/// min/max of any orderable type (numbers, decimals, strings, booleans, dates, timestamps).
Result<ResolvedAggregate> ResolveMinMax(const std::vector<arrow::DataTypePtr>& types, bool distinct,
                                        bool is_max);
Result<ResolvedAggregate> ResolveBoolAgg(const std::vector<arrow::DataTypePtr>& types, bool distinct,
                                         bool is_and);
/// The DISTINCT form of a resolved aggregate (identity when !distinct): distinct values are kept
/// per group (state: a list of them) and aggregated at Finalize.
ResolvedAggregate WithDistinct(ResolvedAggregate resolved, bool distinct);

/// Statistics: kind is one of "var_samp", "var_pop", "stddev_samp", "stddev_pop", "covar_samp",
/// "covar_pop", "corr". DOUBLE results; NULL when too few rows.
Result<ResolvedAggregate> ResolveStatistic(const std::string& kind,
                                           const std::vector<arrow::DataTypePtr>& types, bool distinct);

/// string_agg(x, separator), array_agg(x), median(x), approx_percentile_cont(x, fraction),
/// approx_distinct(x).
Result<ResolvedAggregate> ResolveStringAgg(const std::vector<arrow::DataTypePtr>& types, bool distinct);
Result<ResolvedAggregate> ResolveArrayAgg(const std::vector<arrow::DataTypePtr>& types, bool distinct);
Result<ResolvedAggregate> ResolvePercentile(const std::string& name,
                                            const std::vector<arrow::DataTypePtr>& types, bool distinct);
Result<ResolvedAggregate> ResolveApproxDistinct(const std::vector<arrow::DataTypePtr>& types,
                                                bool distinct);
/// first_value(x) / last_value(x): the first / last non-NULL value in input order.
Result<ResolvedAggregate> ResolveFirstLast(const std::vector<arrow::DataTypePtr>& types, bool distinct,
                                           bool last);

/// __single_value(x): the value of a scalar subquery's only row (NULL without rows); an
/// ExecutionError "more than one row returned by a subquery used as an expression" when a group
/// has more than one row. Used by the optimizer, not meant for queries.
Result<ResolvedAggregate> ResolveSingleValue(const std::vector<arrow::DataTypePtr>& types, bool distinct);

}  // namespace ballista::compute
