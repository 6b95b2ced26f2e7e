// Moves the equalities of a join's condition that compare a left-side expression with a
// right-side one into the join's keys, so the join runs as a hash join. This is the one rewrite
// the physical layer relies on for speed even with the optimizer switched off; nothing moves
// between plan nodes. (push_down_filter does the same as part of its work.)

#include "ballista/optimizer/optimizer.h"
#include "ballista/optimizer/plan_util.h"

namespace ballista::optimizer {
using namespace ballista::logical;
namespace {

class ExtractJoinKeys final : public OptimizerPass {
 public:
  std::string_view name() const override { return "extract_join_keys"; }
  Result<LogicalPlanPtr> Apply(const LogicalPlanPtr& plan, const OptimizerContext&) const override {
    return TransformUp(plan, [&](const LogicalPlanPtr& node) -> Result<LogicalPlanPtr> {
      if (node->kind != PlanKind::kJoin) return node;
      const auto& join = node->As<JoinPlan>();
      if (!join.filter) return node;
      std::vector<ExprPtr> conjuncts, rest;
      SplitConjunction(join.filter, &conjuncts);
      std::vector<std::pair<ExprPtr, ExprPtr>> keys = join.keys;
      SplitJoinKeys(conjuncts, OutputIds(*join.left), OutputIds(*join.right), &keys, &rest);
      if (keys.size() == join.keys.size()) return node;
      ASSIGN_OR_RAISE(auto filter, Conjunction(std::move(rest)));
      return LogicalPlanPtr(std::make_shared<JoinPlan>(join.left, join.right, join.join_type,
                                                       std::move(keys), filter, join.null_aware,
                                                       node->output()));
    });
  }
};

}  // namespace

std::unique_ptr<OptimizerPass> MakeExtractJoinKeys() { return std::make_unique<ExtractJoinKeys>(); }

}  // namespace ballista::optimizer
