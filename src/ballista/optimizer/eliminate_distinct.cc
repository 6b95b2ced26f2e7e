// Removes DISTINCT where rows are already unique: over an aggregate whose output is its group
// columns only (without grouping sets), over another DISTINCT, and over a single-row input.
// DISTINCT over UNION ALL of two inputs stays (that is UNION).

#include "ballista/optimizer/optimizer.h"
#include "ballista/optimizer/plan_util.h"

namespace ballista::optimizer {
using namespace ballista::logical;
namespace {

bool RowsAreUnique(const LogicalPlanPtr& plan) {
  switch (plan->kind) {
    case PlanKind::kDistinct:
      return true;
    case PlanKind::kEmpty:
      return true;
    case PlanKind::kAggregate: {
      const auto& agg = plan->As<AggregatePlan>();
      return agg.grouping_sets.empty();  // one row per group; extra aggregate columns keep it so
    }
    case PlanKind::kProjection: {
      // A projection that keeps every column of a unique input (possibly reordered) is unique.
      const auto& p = plan->As<ProjectionPlan>();
      std::set<ColumnId> kept;
      for (const auto& e : p.exprs) {
        if (e->kind == ExprKind::kColumn) kept.insert(e->As<ColumnExpr>().id);
      }
      for (const auto& c : p.input->output()) {
        if (!kept.count(c.id)) return false;
      }
      return RowsAreUnique(p.input);
    }
    case PlanKind::kFilter:
      return RowsAreUnique(plan->As<FilterPlan>().input);
    case PlanKind::kSort:
      return RowsAreUnique(plan->As<SortPlan>().input);
    case PlanKind::kLimit:
      return RowsAreUnique(plan->As<LimitPlan>().input);
    default:
      return false;
  }
}

class EliminateDistinct final : public OptimizerPass {
 public:
  std::string_view name() const override { return "eliminate_distinct"; }
  Result<LogicalPlanPtr> Apply(const LogicalPlanPtr& plan, const OptimizerContext&) const override {
    return TransformUp(plan, [&](const LogicalPlanPtr& node) -> Result<LogicalPlanPtr> {
      if (node->kind != PlanKind::kDistinct) return node;
      const auto& input = node->As<DistinctPlan>().input;
      return RowsAreUnique(input) ? input : node;
    });
  }
};

}  // namespace

std::unique_ptr<OptimizerPass> MakeEliminateDistinct() {
  return std::make_unique<EliminateDistinct>();
}

}  // namespace ballista::optimizer
