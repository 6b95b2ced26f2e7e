// Cost-based join ordering. A maximal tree of inner joins is flattened into its inputs and its
// conditions; then, greedily, the pair of connected inputs whose join has the fewest estimated
// rows is joined first (GOO), with the smaller input on the right (the hash table's build
// side). Inputs with no condition between them are joined last, so a cross join remains only
// where the query has no condition at all.

#include <algorithm>

#include "ballista/logical/expr_factory.h"
#include "ballista/optimizer/cardinality.h"
#include "ballista/optimizer/optimizer.h"
#include "ballista/optimizer/plan_util.h"

namespace ballista::optimizer {
using namespace ballista::logical;
namespace {

struct Component {
  LogicalPlanPtr plan;
  std::set<ColumnId> ids;
  double rows;
};

class JoinReorderer {
 public:
  JoinReorderer(const CardinalityEstimator& estimator, const ExprFactory& factory)
      : estimator_(estimator), factory_(factory) {}

  Result<LogicalPlanPtr> Reorder(const LogicalPlanPtr& plan) {
    if (plan->kind == PlanKind::kJoin && plan->As<JoinPlan>().join_type == JoinType::kInner) {
      return ReorderRegion(plan);
    }
    std::vector<LogicalPlanPtr> inputs = plan->inputs();
    if (inputs.empty()) return plan;
    for (auto& input : inputs) {
      ASSIGN_OR_RAISE(input, Reorder(input));
    }
    return plan->WithInputs(std::move(inputs));
  }

 private:
  Status Flatten(const LogicalPlanPtr& plan, std::vector<LogicalPlanPtr>* leaves,
                 std::vector<ExprPtr>* conditions) {
    if (plan->kind == PlanKind::kJoin && plan->As<JoinPlan>().join_type == JoinType::kInner) {
      const auto& join = plan->As<JoinPlan>();
      RETURN_NOT_OK(Flatten(join.left, leaves, conditions));
      RETURN_NOT_OK(Flatten(join.right, leaves, conditions));
      for (const auto& [l, r] : join.keys) {
        ASSIGN_OR_RAISE(auto eq, factory_.Eq(l, r));
        conditions->push_back(eq);
      }
      if (join.filter) SplitConjunction(join.filter, conditions);
      return Status::OK();
    }
    ASSIGN_OR_RAISE(auto leaf, Reorder(plan));
    leaves->push_back(std::move(leaf));
    return Status::OK();
  }

  static bool Connects(const ExprPtr& condition, const Component& a, const Component& b) {
    std::set<ColumnId> cols = ExprColumns(condition);
    bool touches_a = false, touches_b = false;
    for (ColumnId id : cols) {
      bool in_a = a.ids.count(id) > 0, in_b = b.ids.count(id) > 0;
      if (!in_a && !in_b) return false;  // needs a third input (or an outer query)
      touches_a = touches_a || in_a;
      touches_b = touches_b || in_b;
    }
    return touches_a && touches_b;
  }

  /// Estimated rows of joining a and b under the conditions that connect them.
  double JoinRows(const Component& a, const Component& b,
                  const std::vector<ExprPtr>& conditions) const {
    double key_selectivity = 1.0, other = 1.0;
    for (const auto& c : conditions) {
      if (!Connects(c, a, b)) continue;
      if (IsCall(c, "eq")) {
        const auto& args = c->As<CallExpr>().args;
        key_selectivity = std::min(key_selectivity,
                                   estimator_.KeySelectivity(args[0], args[1], a.rows, b.rows));
      } else {
        other *= estimator_.Selectivity(c);
      }
    }
    return std::max(1.0, a.rows * b.rows * key_selectivity * other);
  }

  Result<LogicalPlanPtr> ReorderRegion(const LogicalPlanPtr& plan) {
    std::vector<LogicalPlanPtr> leaves;
    std::vector<ExprPtr> conditions;
    RETURN_NOT_OK(Flatten(plan, &leaves, &conditions));
    std::vector<Component> comps;
    for (const auto& leaf : leaves) comps.push_back({leaf, OutputIds(*leaf), estimator_.Rows(*leaf)});
    std::vector<bool> used(conditions.size(), false);

    while (comps.size() > 1) {
      size_t best_i = 0, best_j = 1;
      double best_rows = -1;
      bool best_connected = false;
      for (size_t i = 0; i < comps.size(); ++i) {
        for (size_t j = i + 1; j < comps.size(); ++j) {
          bool connected = false;
          for (size_t c = 0; c < conditions.size(); ++c) {
            connected = connected || (!used[c] && Connects(conditions[c], comps[i], comps[j]));
          }
          double rows = connected ? JoinRows(comps[i], comps[j], conditions)
                                  : comps[i].rows * comps[j].rows;
          bool better = best_rows < 0 || (connected && !best_connected) ||
                        (connected == best_connected && rows < best_rows);
          if (better) {
            best_i = i;
            best_j = j;
            best_rows = rows;
            best_connected = connected;
          }
        }
      }
      Component a = comps[best_i], b = comps[best_j];
      // The larger input probes; the smaller one is built into the hash table.
      if (a.rows < b.rows) std::swap(a, b);
      std::vector<ExprPtr> applied;
      std::set<ColumnId> both = a.ids;
      both.insert(b.ids.begin(), b.ids.end());
      for (size_t c = 0; c < conditions.size(); ++c) {
        if (!used[c] && RefersOnlyTo(conditions[c], both)) {
          applied.push_back(conditions[c]);
          used[c] = true;
        }
      }
      ExprPtr filter;
      if (!applied.empty()) {
        ASSIGN_OR_RAISE(filter, Conjunction(applied));
      }
      auto output = JoinPlan::JoinOutput(*a.plan, *b.plan, JoinType::kInner, nullptr);
      LogicalPlanPtr joined = std::make_shared<JoinPlan>(
          a.plan, b.plan, JoinType::kInner, std::vector<std::pair<ExprPtr, ExprPtr>>{}, filter,
          false, std::move(output));
      Component merged{joined, both, best_rows};
      comps.erase(comps.begin() + static_cast<std::ptrdiff_t>(best_j));
      comps.erase(comps.begin() + static_cast<std::ptrdiff_t>(best_i));
      comps.push_back(std::move(merged));
    }
    LogicalPlanPtr result = comps[0].plan;
    std::vector<ExprPtr> leftover;
    for (size_t c = 0; c < conditions.size(); ++c) {
      if (!used[c]) leftover.push_back(conditions[c]);
    }
    if (!leftover.empty()) {
      ASSIGN_OR_RAISE(auto predicate, Conjunction(leftover));
      result = std::make_shared<FilterPlan>(result, predicate);
    }
    return ProjectTo(result, plan->output());
  }

  const CardinalityEstimator& estimator_;
  const ExprFactory& factory_;
};

class ReorderJoins final : public OptimizerPass {
 public:
  std::string_view name() const override { return "reorder_joins"; }
  Result<LogicalPlanPtr> Apply(const LogicalPlanPtr& plan, const OptimizerContext& context) const override {
    CardinalityEstimator estimator(plan);
    ExprFactory factory(context.registry);
    JoinReorderer reorderer(estimator, factory);
    ASSIGN_OR_RAISE(auto result, reorderer.Reorder(plan));
    return ProjectTo(result, plan->output());
  }
};

}  // namespace

std::unique_ptr<OptimizerPass> MakeReorderJoins() { return std::make_unique<ReorderJoins>(); }

}  // namespace ballista::optimizer
