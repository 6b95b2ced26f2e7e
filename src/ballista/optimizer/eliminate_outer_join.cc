// An outer join under a filter that rejects NULLs of the outer-joined side is an inner join
// (or a left join, for a full join rejected on one side): the rows the outer join adds would be
// removed by the filter anyway. Inner joins let conditions move and joins reorder.

#include "ballista/optimizer/optimizer.h"
#include "ballista/optimizer/plan_util.h"

namespace ballista::optimizer {
using namespace ballista::logical;
namespace {

/// True when the conjunct is NULL or FALSE whenever every column of `side` is NULL: a strict
/// comparison or IS NOT NULL over at least one column of the side, with no NULL-tolerant
/// operator (OR, CASE, COALESCE, IS NULL, IS DISTINCT FROM) in between.
bool RejectsNulls(const ExprPtr& conjunct, const std::set<ColumnId>& side) {
  bool touches = false;
  for (ColumnId id : ExprColumns(conjunct)) touches = touches || side.count(id) > 0;
  if (!touches) return false;
  bool tolerant = false;
  VisitExpr(conjunct, [&](const ExprPtr& e) {
    if (e->kind == ExprKind::kCase || e->kind == ExprKind::kSubquery) tolerant = true;
    if (e->kind == ExprKind::kCall) {
      const std::string& n = e->As<CallExpr>().name();
      if (n == "or" || n == "coalesce" || n == "nvl" || n == "is_null" || n == "is_distinct_from" ||
          n == "is_not_distinct_from" || n == "nullif" || n == "concat" || n == "concat_ws") {
        tolerant = true;
      }
    }
  });
  return !tolerant;
}

class EliminateOuterJoin final : public OptimizerPass {
 public:
  std::string_view name() const override { return "eliminate_outer_join"; }

  Result<LogicalPlanPtr> Apply(const LogicalPlanPtr& plan, const OptimizerContext&) const override {
    return TransformUp(plan, [&](const LogicalPlanPtr& node) -> Result<LogicalPlanPtr> {
      if (node->kind != PlanKind::kFilter) return node;
      const auto& filter = node->As<FilterPlan>();
      if (filter.input->kind != PlanKind::kJoin) return node;
      const auto& join = filter.input->As<JoinPlan>();
      if (join.join_type != JoinType::kLeft && join.join_type != JoinType::kRight &&
          join.join_type != JoinType::kFull) {
        return node;
      }
      std::vector<ExprPtr> conjuncts;
      SplitConjunction(filter.predicate, &conjuncts);
      std::set<ColumnId> left_ids = OutputIds(*join.left), right_ids = OutputIds(*join.right);
      bool left_rejected = false, right_rejected = false;
      for (const auto& c : conjuncts) {
        left_rejected = left_rejected || RejectsNulls(c, left_ids);
        right_rejected = right_rejected || RejectsNulls(c, right_ids);
      }
      JoinType type = join.join_type;
      if (type == JoinType::kLeft && right_rejected) type = JoinType::kInner;
      if (type == JoinType::kRight && left_rejected) type = JoinType::kInner;
      if (type == JoinType::kFull) {
        if (left_rejected && right_rejected) {
          type = JoinType::kInner;
        } else if (left_rejected) {
          type = JoinType::kLeft;
        } else if (right_rejected) {
          type = JoinType::kRight;
        }
      }
      if (type == join.join_type) return node;
      auto output = JoinPlan::JoinOutput(*join.left, *join.right, type, nullptr);
      auto rebuilt = std::make_shared<JoinPlan>(join.left, join.right, type, join.keys, join.filter,
                                                join.null_aware, std::move(output));
      return LogicalPlanPtr(std::make_shared<FilterPlan>(rebuilt, filter.predicate));
    });
  }
};

}  // namespace

std::unique_ptr<OptimizerPass> MakeEliminateOuterJoin() {
  return std::make_unique<EliminateOuterJoin>();
}

}  // namespace ballista::optimizer
