// LIMIT pushdown: ORDER BY + LIMIT becomes a top-k sort (Sort with fetch); a limit moves below
// projections, into each input of UNION ALL (as a limit of skip + fetch rows, the outer limit
// stays), and into table scans with nothing between them that could drop rows.

#include <algorithm>

#include "ballista/optimizer/optimizer.h"
#include "ballista/optimizer/plan_util.h"

namespace ballista::optimizer {
using namespace ballista::logical;
namespace {

/// `plan` with at most `n` rows needed from it.
LogicalPlanPtr LimitInput(const LogicalPlanPtr& plan, int64_t n) {
  switch (plan->kind) {
    case PlanKind::kProjection: {
      const auto& p = plan->As<ProjectionPlan>();
      return p.WithInputs({LimitInput(p.input, n)});
    }
    case PlanKind::kSort: {
      const auto& s = plan->As<SortPlan>();
      int64_t fetch = s.fetch ? std::min(*s.fetch, n) : n;
      return std::make_shared<SortPlan>(s.input, s.keys, fetch);
    }
    case PlanKind::kTableScan: {
      const auto& scan = plan->As<TableScan>();
      int64_t fetch = scan.fetch ? std::min(*scan.fetch, n) : n;
      return std::make_shared<TableScan>(scan.table, scan.projection, scan.output(), scan.filters, fetch);
    }
    case PlanKind::kLimit: {
      const auto& l = plan->As<LimitPlan>();
      int64_t fetch = l.fetch ? std::min(*l.fetch, n) : n;
      return std::make_shared<LimitPlan>(l.input, l.skip, fetch);
    }
    case PlanKind::kSetOperation: {
      const auto& set = plan->As<SetOperationPlan>();
      if (set.op != SetOpKind::kUnion || !set.all) break;
      std::vector<LogicalPlanPtr> inputs;
      for (const auto& input : set.set_inputs) {
        inputs.push_back(std::make_shared<LimitPlan>(LimitInput(input, n), 0, n));
      }
      return set.WithInputs(std::move(inputs));
    }
    default:
      break;
  }
  return plan;
}

class PushDownLimit final : public OptimizerPass {
 public:
  std::string_view name() const override { return "push_down_limit"; }
  Result<LogicalPlanPtr> Apply(const LogicalPlanPtr& plan, const OptimizerContext&) const override {
    return TransformUp(plan, [&](const LogicalPlanPtr& node) -> Result<LogicalPlanPtr> {
      if (node->kind != PlanKind::kLimit) return node;
      const auto& limit = node->As<LimitPlan>();
      if (!limit.fetch) return node;
      int64_t needed = limit.skip + *limit.fetch;
      if (limit.input->kind == PlanKind::kLimit) {
        // LIMIT over LIMIT: one limit.
        const auto& inner = limit.input->As<LimitPlan>();
        int64_t available = inner.fetch ? std::max<int64_t>(0, *inner.fetch - limit.skip) : INT64_MAX;
        int64_t fetch = std::min(*limit.fetch, available);
        return LogicalPlanPtr(std::make_shared<LimitPlan>(inner.input, inner.skip + limit.skip, fetch));
      }
      return LogicalPlanPtr(std::make_shared<LimitPlan>(LimitInput(limit.input, needed), limit.skip,
                                                        limit.fetch));
    });
  }
};

}  // namespace

std::unique_ptr<OptimizerPass> MakePushDownLimit() { return std::make_unique<PushDownLimit>(); }

}  // namespace ballista::optimizer
