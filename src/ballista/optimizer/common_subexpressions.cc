// Common subexpression elimination: an expression computed more than once by one projection or
// one aggregate (TPC-H Q1's l_extendedprice * (1 - l_discount) feeds two sums) is computed once
// by a projection below and read as a column by every use.

#include <algorithm>
#include <unordered_map>

#include "ballista/optimizer/optimizer.h"
#include "ballista/optimizer/plan_util.h"

namespace ballista::optimizer {
using namespace ballista::logical;
namespace {

bool Eligible(const ExprPtr& e) {
  if (e->kind != ExprKind::kCall && e->kind != ExprKind::kCast && e->kind != ExprKind::kCase) {
    return false;
  }
  bool ok = true;
  VisitExpr(e, [&](const ExprPtr& n) {
    if (n->kind == ExprKind::kSubquery || n->kind == ExprKind::kAggregate ||
        n->kind == ExprKind::kWindow || n->kind == ExprKind::kParameter) {
      ok = false;
    }
    if (n->kind == ExprKind::kCall && n->As<CallExpr>().function->is_volatile()) ok = false;
  });
  return ok && !IsConstant(e);
}

void Count(const ExprPtr& e, std::unordered_map<ExprPtr, int, ExprHasher, ExprEqualTo>* counts) {
  // Aggregate arguments are counted, the aggregate itself is not a candidate.
  if (Eligible(e)) ++(*counts)[e];
  // CASE branches are evaluated conditionally; hoisting from them could raise errors that the
  // query would never raise (a division guarded by a WHEN).
  if (e->kind == ExprKind::kCase) return;
  for (const auto& child : e->children()) Count(child, counts);
}

ExprPtr Replace(const ExprPtr& e, const ExprPtr& target, const ExprPtr& with) {
  if (e->Equals(*target)) return with;
  if (e->kind == ExprKind::kCase) return e;
  std::vector<ExprPtr> children = e->children();
  if (children.empty()) return e;
  bool changed = false;
  for (auto& c : children) {
    ExprPtr next = Replace(c, target, with);
    changed = changed || next != c;
    c = std::move(next);
  }
  return changed ? e->WithChildren(std::move(children)) : e;
}

/// Finds repeated subexpressions of `exprs` over `input`; returns the projection computing them
/// (or null when there are none) and rewrites `exprs` to read its columns.
LogicalPlanPtr Hoist(const LogicalPlanPtr& input, std::vector<ExprPtr>* exprs) {
  std::unordered_map<ExprPtr, int, ExprHasher, ExprEqualTo> counts;
  for (const auto& e : *exprs) Count(e, &counts);
  std::vector<ExprPtr> candidates;
  for (const auto& [e, n] : counts) {
    if (n >= 2) candidates.push_back(e);
  }
  if (candidates.empty()) return nullptr;
  // Largest first, so that a repeated a*(1-b) is hoisted whole rather than its (1-b) part.
  std::sort(candidates.begin(), candidates.end(), [](const ExprPtr& a, const ExprPtr& b) {
    return a->ToString().size() > b->ToString().size();
  });
  std::vector<ExprPtr> projected;
  std::vector<OutputColumn> output = input->output();
  for (const auto& c : input->output()) projected.push_back(c.ToExpr());
  bool any = false;
  for (const auto& candidate : candidates) {
    // Still repeated after the larger ones were replaced?
    std::unordered_map<ExprPtr, int, ExprHasher, ExprEqualTo> now;
    for (const auto& e : *exprs) Count(e, &now);
    auto it = now.find(candidate);
    if (it == now.end() || it->second < 2) continue;
    OutputColumn column{NextColumnId(), "", candidate->ToString(), candidate->type, candidate->nullable};
    projected.push_back(candidate);
    output.push_back(column);
    ExprPtr ref = column.ToExpr();
    for (auto& e : *exprs) e = Replace(e, candidate, ref);
    any = true;
  }
  if (!any) return nullptr;
  return std::make_shared<ProjectionPlan>(input, std::move(projected), std::move(output));
}

class CommonSubexpressions final : public OptimizerPass {
 public:
  std::string_view name() const override { return "common_subexpressions"; }
  Result<LogicalPlanPtr> Apply(const LogicalPlanPtr& plan, const OptimizerContext&) const override {
    return TransformUp(plan, [&](const LogicalPlanPtr& node) -> Result<LogicalPlanPtr> {
      if (node->kind == PlanKind::kAggregate) {
        const auto& agg = node->As<AggregatePlan>();
        std::vector<ExprPtr> exprs = agg.group_exprs;
        exprs.insert(exprs.end(), agg.aggregates.begin(), agg.aggregates.end());
        LogicalPlanPtr below = Hoist(agg.input, &exprs);
        if (!below) return node;
        std::vector<ExprPtr> groups(exprs.begin(), exprs.begin() + static_cast<std::ptrdiff_t>(agg.group_exprs.size()));
        std::vector<ExprPtr> aggregates(exprs.begin() + static_cast<std::ptrdiff_t>(agg.group_exprs.size()), exprs.end());
        return LogicalPlanPtr(std::make_shared<AggregatePlan>(below, std::move(groups), agg.grouping_sets,
                                                              std::move(aggregates), node->output()));
      }
      if (node->kind == PlanKind::kProjection) {
        const auto& p = node->As<ProjectionPlan>();
        std::vector<ExprPtr> exprs = p.exprs;
        LogicalPlanPtr below = Hoist(p.input, &exprs);
        if (!below) return node;
        return LogicalPlanPtr(std::make_shared<ProjectionPlan>(below, std::move(exprs), node->output()));
      }
      return node;
    });
  }
};

}  // namespace

std::unique_ptr<OptimizerPass> MakeCommonSubexpressions() {
  return std::make_unique<CommonSubexpressions>();
}

}  // namespace ballista::optimizer
