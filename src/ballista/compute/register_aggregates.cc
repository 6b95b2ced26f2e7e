// Registration of the built-in aggregate functions.

#include "ballista/compute/aggregates.h"
#include "ballista/compute/registry.h"

namespace ballista::compute {

using arrow::DataTypePtr;

namespace {

void Add(FunctionRegistry* r, const char* name, const char* sig, const char* doc, AggregateResolver res) {
  r->AddAggregate(std::make_unique<CallableAggregateFunction>(name, sig, std::string(sig) + " - " + doc,
                                                              std::move(res)));
}

AggregateResolver Statistic(const char* kind) {
  return [kind](const std::vector<DataTypePtr>& types, bool distinct) {
    return ResolveStatistic(kind, types, distinct);
  };
}

}  // namespace

void RegisterAggregateFunctions(FunctionRegistry* r) {
  Add(r, "__single_value", "__single_value(x)", "The only value of a scalar subquery (internal)",
      ResolveSingleValue);
  Add(r, "count", "count(*) | count([DISTINCT] x)", "Number of rows, or of non-NULL values of x", ResolveCount);
  Add(r, "sum", "sum(x)", "Sum of the non-NULL values", ResolveSum);
  Add(r, "avg", "avg(x)", "Arithmetic mean of the non-NULL values", ResolveAvg);
  r->AddAlias("mean", "avg");
  Add(r, "min", "min(x)", "Smallest non-NULL value",
      [](const std::vector<DataTypePtr>& t, bool d) { return ResolveMinMax(t, d, false); });
  Add(r, "max", "max(x)", "Largest non-NULL value",
      [](const std::vector<DataTypePtr>& t, bool d) { return ResolveMinMax(t, d, true); });
  Add(r, "bool_and", "bool_and(x)", "True when every non-NULL value is true",
      [](const std::vector<DataTypePtr>& t, bool d) { return ResolveBoolAgg(t, d, true); });
  r->AddAlias("every", "bool_and");
  Add(r, "bool_or", "bool_or(x)", "True when any non-NULL value is true",
      [](const std::vector<DataTypePtr>& t, bool d) { return ResolveBoolAgg(t, d, false); });
  Add(r, "stddev_samp", "stddev_samp(x)", "Sample standard deviation", Statistic("stddev_samp"));
  r->AddAlias("stddev", "stddev_samp");
  Add(r, "stddev_pop", "stddev_pop(x)", "Population standard deviation", Statistic("stddev_pop"));
  Add(r, "var_samp", "var_samp(x)", "Sample variance", Statistic("var_samp"));
  r->AddAlias("variance", "var_samp");
  r->AddAlias("var", "var_samp");
  Add(r, "var_pop", "var_pop(x)", "Population variance", Statistic("var_pop"));
  Add(r, "covar_samp", "covar_samp(y, x)", "Sample covariance", Statistic("covar_samp"));
  r->AddAlias("covar", "covar_samp");
  Add(r, "covar_pop", "covar_pop(y, x)", "Population covariance", Statistic("covar_pop"));
  Add(r, "corr", "corr(y, x)", "Pearson correlation coefficient", Statistic("corr"));
  Add(r, "string_agg", "string_agg(x, separator)", "The non-NULL values joined by separator",
      ResolveStringAgg);
  Add(r, "array_agg", "array_agg(x)", "The values (NULLs included) as a list", ResolveArrayAgg);
  Add(r, "median", "median(x)", "The middle value (interpolated)",
      [](const std::vector<DataTypePtr>& t, bool d) { return ResolvePercentile("median", t, d); });
  Add(r, "approx_percentile_cont", "approx_percentile_cont(x, fraction)",
      "The fraction-th percentile with linear interpolation",
      [](const std::vector<DataTypePtr>& t, bool d) {
        return ResolvePercentile("approx_percentile_cont", t, d);
      });
  Add(r, "approx_distinct", "approx_distinct(x)", "Estimated number of distinct values (HyperLogLog)",
      ResolveApproxDistinct);
  Add(r, "first_value", "first_value(x)", "The first non-NULL value in input order",
      [](const std::vector<DataTypePtr>& t, bool d) { return ResolveFirstLast(t, d, false); });
  Add(r, "last_value", "last_value(x)", "The last non-NULL value in input order",
      [](const std::vector<DataTypePtr>& t, bool d) { return ResolveFirstLast(t, d, true); });
}

}  // namespace ballista::compute
