// Constant folding and boolean simplification: calls and casts over constants are evaluated
// once (an evaluation error, such as 1/0, leaves the expression for run time, where it fails
// only if a row reaches it); TRUE/FALSE absorb in AND/OR; NOT NOT x is x; a filter that is
// always TRUE goes away and one that is FALSE or NULL becomes an empty relation.

#include "ballista/compute/cast.h"
#include "ballista/compute/registry.h"
#include "ballista/logical/expr_factory.h"
#include "ballista/optimizer/optimizer.h"
#include "ballista/optimizer/plan_util.h"

namespace ballista::optimizer {
using namespace ballista::logical;
namespace {

std::optional<bool> BoolLiteral(const ExprPtr& e) {
  if (e->kind != ExprKind::kLiteral || e->type->id() != arrow::TypeId::kBool) return std::nullopt;
  const auto& v = e->As<LiteralExpr>().value;
  if (v.is_null()) return std::nullopt;
  return v.As<bool>();
}

bool IsNullLiteral(const ExprPtr& e) {
  return e->kind == ExprKind::kLiteral && e->As<LiteralExpr>().value.is_null();
}

bool IsComparison(const std::string& name) {
  return name == "eq" || name == "not_eq" || name == "lt" || name == "lt_eq" || name == "gt" ||
         name == "gt_eq";
}

/// CAST(x AS wider) op constant is x op constant' when the constant converts to x's type and
/// back without change: the column is compared as stored (no per-row cast) and the condition
/// stays usable for pruning. Only exact, order-preserving widenings qualify: integers to wider
/// integers or decimals, decimals to decimals of the same scale.
Result<ExprPtr> UnwrapCastInComparison(const CallExpr& call) {
  const ExprPtr* cast_side = nullptr;
  const ExprPtr* literal_side = nullptr;
  if (call.args[0]->kind == ExprKind::kCast && call.args[1]->kind == ExprKind::kLiteral) {
    cast_side = &call.args[0];
    literal_side = &call.args[1];
  } else if (call.args[1]->kind == ExprKind::kCast && call.args[0]->kind == ExprKind::kLiteral) {
    cast_side = &call.args[1];
    literal_side = &call.args[0];
  } else {
    return ExprPtr();
  }
  const auto& cast = (*cast_side)->As<CastExpr>();
  if (cast.try_cast) return ExprPtr();
  const auto& from = cast.input->type;
  const auto& to = cast.type;
  auto id_from = from->id(), id_to = to->id();
  bool exact_widening =
      (arrow::IsInteger(id_from) && (arrow::IsInteger(id_to) || arrow::IsDecimal(id_to))) ||
      (arrow::IsDecimal(id_from) && arrow::IsDecimal(id_to) && from->scale() == to->scale());
  if (!exact_widening) return ExprPtr();
  const auto& literal = (*literal_side)->As<LiteralExpr>().value;
  if (literal.is_null()) return ExprPtr();
  auto narrowed = compute::CastScalar(literal, from);
  if (!narrowed.ok()) return ExprPtr();
  auto back = compute::CastScalar(*narrowed, to);
  if (!back.ok() || !back->Equals(literal)) return ExprPtr();
  ExprFactory factory(&compute::FunctionRegistry::Default());
  std::vector<ExprPtr> args(2);
  size_t cast_index = cast_side == &call.args[0] ? 0 : 1;
  args[cast_index] = cast.input;
  args[1 - cast_index] = ExprFactory::Literal(std::move(narrowed).ValueOrDie());
  auto rewritten = factory.Call(call.name(), std::move(args));
  if (!rewritten.ok()) return ExprPtr();
  return rewritten;
}

Result<ExprPtr> Fold(const ExprPtr& e) {
  switch (e->kind) {
    case ExprKind::kCall: {
      const auto& call = e->As<CallExpr>();
      const std::string& name = call.name();
      if (IsComparison(name) && call.args.size() == 2) {
        ASSIGN_OR_RAISE(auto unwrapped, UnwrapCastInComparison(call));
        if (unwrapped) return unwrapped;
      }
      if ((name == "and" || name == "or") && call.args.size() == 2) {
        bool is_and = name == "and";
        for (int side = 0; side < 2; ++side) {
          auto value = BoolLiteral(call.args[static_cast<size_t>(side)]);
          if (!value) continue;
          const ExprPtr& other = call.args[static_cast<size_t>(1 - side)];
          if (*value == is_and) return other;            // x AND TRUE, x OR FALSE
          return ExprFactory::Literal(arrow::Scalar::Boolean(*value));  // x AND FALSE, x OR TRUE
        }
        if (call.args[0]->Equals(*call.args[1])) return call.args[0];  // x AND x
      }
      if (name == "not" && IsCall(call.args[0], "not")) {
        return call.args[0]->As<CallExpr>().args[0];
      }
      if (call.function->is_volatile()) return ExprPtr();
      for (const auto& arg : call.args) {
        if (arg->kind != ExprKind::kLiteral) return ExprPtr();
      }
      std::vector<compute::Datum> args;
      for (const auto& arg : call.args) args.emplace_back(arg->As<LiteralExpr>().value);
      auto value = call.resolved.kernel(args, 1, nullptr);
      if (!value.ok() || !value->is_scalar()) return ExprPtr();
      if (!value->scalar().type()->Equals(*e->type)) return ExprPtr();
      return ExprFactory::Literal(value->scalar());
    }
    case ExprKind::kCast: {
      const auto& cast = e->As<CastExpr>();
      if (cast.input->kind != ExprKind::kLiteral) return ExprPtr();
      auto value = compute::CastScalar(cast.input->As<LiteralExpr>().value, e->type, cast.try_cast);
      if (!value.ok()) return ExprPtr();
      return ExprFactory::Literal(std::move(value).ValueOrDie());
    }
    case ExprKind::kCase: {
      // Drop arms whose condition is constantly FALSE/NULL; a first arm that is TRUE decides.
      const auto& c = e->As<CaseExpr>();
      std::vector<std::pair<ExprPtr, ExprPtr>> whens;
      bool changed = false;
      for (const auto& [cond, value] : c.whens) {
        auto b = BoolLiteral(cond);
        if (IsNullLiteral(cond) || (b && !*b)) {
          changed = true;
          continue;
        }
        if (b && *b && whens.empty()) return value;
        whens.emplace_back(cond, value);
      }
      if (!changed) return ExprPtr();
      if (whens.empty()) return c.else_value ? c.else_value : ExprFactory::Literal(arrow::Scalar::Null(e->type));
      return ExprPtr(std::make_shared<CaseExpr>(std::move(whens), c.else_value, e->type));
    }
    default:
      return ExprPtr();
  }
}

void FlattenOr(const ExprPtr& e, std::vector<ExprPtr>* out) {
  if (IsCall(e, "or")) {
    for (const auto& arg : e->As<CallExpr>().args) FlattenOr(arg, out);
  } else {
    out->push_back(e);
  }
}

/// (a AND b) OR (a AND c) is a AND (b OR c): a condition every disjunct requires is taken out,
/// so that a join key hidden in the branches of an OR (TPC-H Q19) becomes a key.
Result<ExprPtr> FactorDisjunction(const ExprPtr& e) {
  if (!IsCall(e, "or")) return e;
  std::vector<ExprPtr> disjuncts;
  FlattenOr(e, &disjuncts);
  std::vector<std::vector<ExprPtr>> conjuncts(disjuncts.size());
  for (size_t i = 0; i < disjuncts.size(); ++i) SplitConjunction(disjuncts[i], &conjuncts[i]);
  std::vector<ExprPtr> common;
  for (const auto& candidate : conjuncts[0]) {
    bool everywhere = true;
    for (size_t i = 1; i < conjuncts.size() && everywhere; ++i) {
      bool found = false;
      for (const auto& c : conjuncts[i]) found = found || c->Equals(*candidate);
      everywhere = found;
    }
    bool seen = false;
    for (const auto& c : common) seen = seen || c->Equals(*candidate);
    if (everywhere && !seen) common.push_back(candidate);
  }
  if (common.empty()) return e;
  ExprFactory factory(&compute::FunctionRegistry::Default());
  std::vector<ExprPtr> rest_disjuncts;
  bool some_branch_empty = false;
  for (const auto& list : conjuncts) {
    std::vector<ExprPtr> rest;
    for (const auto& c : list) {
      bool is_common = false;
      for (const auto& k : common) is_common = is_common || k->Equals(*c);
      if (!is_common) rest.push_back(c);
    }
    if (rest.empty()) some_branch_empty = true;
    ASSIGN_OR_RAISE(auto conjunction, factory.And(std::move(rest)));
    rest_disjuncts.push_back(std::move(conjunction));
  }
  std::vector<ExprPtr> result = common;
  // A branch left with nothing is TRUE, and so is the whole OR.
  if (!some_branch_empty) {
    ASSIGN_OR_RAISE(auto disjunction, factory.Or(std::move(rest_disjuncts)));
    result.push_back(std::move(disjunction));
  }
  return factory.And(std::move(result));
}

Result<ExprPtr> Simplify(const ExprPtr& e) {
  ASSIGN_OR_RAISE(auto folded, RewriteExpr(e, Fold));
  std::vector<ExprPtr> conjuncts;
  SplitConjunction(folded, &conjuncts);
  bool changed = false;
  for (auto& c : conjuncts) {
    ASSIGN_OR_RAISE(auto factored, FactorDisjunction(c));
    changed = changed || factored != c;
    c = std::move(factored);
  }
  if (!changed) return folded;
  ExprFactory factory(&compute::FunctionRegistry::Default());
  return factory.And(std::move(conjuncts));
}

class SimplifyExpressions final : public OptimizerPass {
 public:
  std::string_view name() const override { return "simplify_expressions"; }

  Result<LogicalPlanPtr> Apply(const LogicalPlanPtr& plan, const OptimizerContext&) const override {
    return TransformUp(plan, [&](const LogicalPlanPtr& node) -> Result<LogicalPlanPtr> {
      switch (node->kind) {
        case PlanKind::kFilter: {
          const auto& filter = node->As<FilterPlan>();
          ASSIGN_OR_RAISE(auto predicate, Simplify(filter.predicate));
          auto value = BoolLiteral(predicate);
          if (value && *value) return filter.input;
          if ((value && !*value) || IsNullLiteral(predicate)) {
            return LogicalPlanPtr(std::make_shared<EmptyPlan>(false, node->output()));
          }
          if (predicate == filter.predicate) return node;
          return LogicalPlanPtr(std::make_shared<FilterPlan>(filter.input, predicate));
        }
        case PlanKind::kProjection: {
          const auto& projection = node->As<ProjectionPlan>();
          std::vector<ExprPtr> exprs;
          bool changed = false;
          for (const auto& e : projection.exprs) {
            ASSIGN_OR_RAISE(auto s, Simplify(e));
            changed = changed || s != e;
            exprs.push_back(std::move(s));
          }
          if (!changed) return node;
          return LogicalPlanPtr(std::make_shared<ProjectionPlan>(projection.input, std::move(exprs),
                                                                 node->output()));
        }
        case PlanKind::kJoin: {
          const auto& join = node->As<JoinPlan>();
          if (!join.filter) return node;
          ASSIGN_OR_RAISE(auto filter, Simplify(join.filter));
          auto value = BoolLiteral(filter);
          if (value && *value) filter = nullptr;
          if (filter == join.filter) return node;
          return LogicalPlanPtr(std::make_shared<JoinPlan>(join.left, join.right, join.join_type,
                                                           join.keys, filter, join.null_aware,
                                                           node->output()));
        }
        default:
          return node;
      }
    });
  }
};

}  // namespace

std::unique_ptr<OptimizerPass> MakeSimplifyExpressions() {
  return std::make_unique<SimplifyExpressions>();
}

}  // namespace ballista::optimizer
