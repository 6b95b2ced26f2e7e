#include "ballista/optimizer/plan_util.h"

#include "ballista/logical/expr_factory.h"

namespace ballista::optimizer {
using namespace ballista::logical;

std::set<ColumnId> OutputIds(const LogicalPlan& plan) {
  std::set<ColumnId> ids;
  for (const auto& c : plan.output()) ids.insert(c.id);
  return ids;
}

std::set<ColumnId> ExprColumns(const ExprPtr& expr) {
  std::vector<ColumnId> list;
  CollectColumns(expr, &list);
  return std::set<ColumnId>(list.begin(), list.end());
}

bool RefersOnlyTo(const ExprPtr& expr, const std::set<ColumnId>& ids) {
  for (ColumnId id : ExprColumns(expr)) {
    if (ids.count(id) == 0) return false;
  }
  return true;
}

bool HasSubquery(const ExprPtr& expr) {
  bool found = false;
  VisitExpr(expr, [&](const ExprPtr& e) { found = found || e->kind == ExprKind::kSubquery; });
  return found;
}

Result<LogicalPlanPtr> TransformUp(
    const LogicalPlanPtr& plan,
    const std::function<Result<LogicalPlanPtr>(const LogicalPlanPtr&)>& rewrite) {
  std::vector<LogicalPlanPtr> inputs = plan->inputs();
  bool changed = false;
  for (auto& input : inputs) {
    ASSIGN_OR_RAISE(auto next, TransformUp(input, rewrite));
    changed = changed || next != input;
    input = std::move(next);
  }
  LogicalPlanPtr node = changed ? plan->WithInputs(std::move(inputs)) : plan;
  return rewrite(node);
}

ExprPtr ReplaceColumns(const ExprPtr& expr, const std::map<ColumnId, ExprPtr>& replacements) {
  if (expr->kind == ExprKind::kColumn) {
    auto it = replacements.find(expr->As<ColumnExpr>().id);
    return it == replacements.end() ? expr : it->second;
  }
  std::vector<ExprPtr> children = expr->children();
  if (children.empty()) return expr;
  bool changed = false;
  for (auto& child : children) {
    ExprPtr next = ReplaceColumns(child, replacements);
    changed = changed || next != child;
    child = std::move(next);
  }
  return changed ? expr->WithChildren(std::move(children)) : expr;
}

LogicalPlanPtr ProjectTo(const LogicalPlanPtr& plan, const std::vector<OutputColumn>& columns) {
  const auto& have = plan->output();
  bool same = have.size() == columns.size();
  for (size_t i = 0; same && i < columns.size(); ++i) {
    same = have[i].id == columns[i].id && have[i].name == columns[i].name;
  }
  if (same) return plan;
  std::vector<ExprPtr> exprs;
  std::vector<OutputColumn> output;
  for (const auto& c : columns) {
    const OutputColumn* source = plan->FindColumn(c.id);
    OutputColumn out = c;
    if (source) out.nullable = source->nullable;
    exprs.push_back(source ? source->ToExpr() : c.ToExpr());
    output.push_back(std::move(out));
  }
  return std::make_shared<ProjectionPlan>(plan, std::move(exprs), std::move(output));
}

void SplitJoinKeys(const std::vector<ExprPtr>& conditions, const std::set<ColumnId>& left_ids,
                   const std::set<ColumnId>& right_ids,
                   std::vector<std::pair<ExprPtr, ExprPtr>>* keys, std::vector<ExprPtr>* rest) {
  // Which side an expression reads: it must read columns, all of them from one side.
  auto side_of = [&](const ExprPtr& e) {
    std::set<ColumnId> columns = ExprColumns(e);
    if (columns.empty()) return 0;
    bool left = true, right = true;
    for (ColumnId id : columns) {
      left = left && left_ids.count(id) > 0;
      right = right && right_ids.count(id) > 0;
    }
    return left ? 1 : right ? 2 : 0;
  };
  for (const auto& c : conditions) {
    if (IsCall(c, "eq") && !HasSubquery(c)) {
      const auto& args = c->As<CallExpr>().args;
      int first = side_of(args[0]), second = side_of(args[1]);
      if (first == 1 && second == 2) {
        keys->emplace_back(args[0], args[1]);
        continue;
      }
      if (first == 2 && second == 1) {
        keys->emplace_back(args[1], args[0]);
        continue;
      }
    }
    rest->push_back(c);
  }
}

Result<ExprPtr> Conjunction(std::vector<ExprPtr> conjuncts) {
  if (conjuncts.empty()) return ExprPtr();
  ExprFactory factory(&compute::FunctionRegistry::Default());
  return factory.And(std::move(conjuncts));
}

}  // namespace ballista::optimizer
