#pragma once

#include <string>

#include "../logical/tpch_catalog.h"
#include "ballista/compute/registry.h"
#include "ballista/logical/binder.h"
#include "ballista/optimizer/optimizer.h"
#include "ballista/sql/parser.h"

namespace ballista::testing {

/// Parses and binds `sql` over `catalogs`.
inline Result<logical::LogicalPlanPtr> BindSql(const catalog::CatalogList& catalogs,
                                               const std::string& sql) {
  ASSIGN_OR_RAISE(auto query, sql::ParseQuery(sql));
  logical::Binder binder(&catalogs, &compute::FunctionRegistry::Default());
  return binder.BindQuery(*query);
}

/// Runs one pass (by factory) over a bound query.
inline Result<logical::LogicalPlanPtr> RunPass(const optimizer::OptimizerPass& pass,
                                               const logical::LogicalPlanPtr& plan) {
  return pass.Apply(plan, optimizer::OptimizerContext{});
}

/// Counts plan nodes matching `predicate` (subquery plans included).
template <typename Pred>
int CountNodes(const logical::LogicalPlanPtr& plan, Pred predicate) {
  int n = 0;
  logical::VisitPlan(plan, [&](const logical::LogicalPlanPtr& node) { n += predicate(*node) ? 1 : 0; });
  return n;
}

}  // namespace ballista::testing
