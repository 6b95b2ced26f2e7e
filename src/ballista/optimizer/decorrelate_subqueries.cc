// Turns subquery expressions into joins so that no subquery is left for execution:
//   WHERE [NOT] EXISTS (q)          -> left semi / anti join
//   WHERE x [NOT] IN (q)            -> left semi / null-aware anti join
//   x > (SELECT agg(..) WHERE corr) -> aggregate grouped by the correlation keys + left join
//   other positions (inside OR, in the select list) -> a mark join whose boolean column
//   replaces the EXISTS / IN, or a left join whose column replaces the scalar subquery.
// Correlated conditions are pulled out of the subquery (through projections, filters and,
// for equalities, aggregates) and become join conditions.

#include "ballista/logical/expr_factory.h"
#include "ballista/optimizer/optimizer.h"
#include "ballista/optimizer/plan_util.h"

namespace ballista::optimizer {
using namespace ballista::logical;
namespace {

/// Every column id produced anywhere inside `plan` (its own columns, not outer ones).
std::set<ColumnId> ProducedIds(const LogicalPlanPtr& plan) {
  std::set<ColumnId> ids;
  VisitPlan(plan, [&](const LogicalPlanPtr& node) {
    for (const auto& c : node->output()) ids.insert(c.id);
  });
  return ids;
}

bool IsCorrelated(const ExprPtr& expr, const std::set<ColumnId>& inner) {
  for (ColumnId id : ExprColumns(expr)) {
    if (inner.count(id) == 0) return true;
  }
  return false;
}

bool PlanIsCorrelated(const LogicalPlanPtr& plan, const std::set<ColumnId>& inner) {
  bool correlated = false;
  VisitPlan(plan, [&](const LogicalPlanPtr& node) {
    for (const auto& e : node->expressions()) correlated = correlated || IsCorrelated(e, inner);
  });
  return correlated;
}

/// A subquery with its correlated conditions taken out: `plan` is uncorrelated and outputs the
/// inner columns the conditions read, after its own columns.
struct PulledUp {
  LogicalPlanPtr plan;
  std::vector<ExprPtr> conditions;
};

class Decorrelator {
 public:
  explicit Decorrelator(const ExprFactory& factory) : factory_(factory) {}

  /// Null when the correlation cannot be removed by this pass.
  Result<std::optional<PulledUp>> PullUp(const LogicalPlanPtr& plan,
                                         const std::set<ColumnId>& inner) {
    switch (plan->kind) {
      case PlanKind::kFilter: {
        const auto& filter = plan->As<FilterPlan>();
        ASSIGN_OR_RAISE(auto below, PullUp(filter.input, inner));
        if (!below) return below;
        std::vector<ExprPtr> conjuncts, kept;
        SplitConjunction(filter.predicate, &conjuncts);
        for (auto& c : conjuncts) {
          if (IsCorrelated(c, inner)) {
            below->conditions.push_back(c);
          } else {
            kept.push_back(c);
          }
        }
        if (!kept.empty()) {
          ASSIGN_OR_RAISE(auto predicate, Conjunction(kept));
          below->plan = std::make_shared<FilterPlan>(below->plan, predicate);
        }
        return below;
      }
      case PlanKind::kProjection: {
        const auto& projection = plan->As<ProjectionPlan>();
        for (const auto& e : projection.exprs) {
          if (IsCorrelated(e, inner)) return std::optional<PulledUp>();
        }
        ASSIGN_OR_RAISE(auto below, PullUp(projection.input, inner));
        if (!below) return below;
        std::vector<ExprPtr> exprs = projection.exprs;
        std::vector<OutputColumn> output = projection.output();
        AppendNeeded(below->conditions, *below->plan, inner, &exprs, &output);
        below->plan = std::make_shared<ProjectionPlan>(below->plan, std::move(exprs), std::move(output));
        return below;
      }
      case PlanKind::kAggregate: {
        const auto& agg = plan->As<AggregatePlan>();
        if (!agg.grouping_sets.empty()) {
          return PlanIsCorrelated(plan, inner) ? std::optional<PulledUp>() : Whole(plan);
        }
        for (const auto& e : agg.expressions()) {
          if (IsCorrelated(e, inner)) return std::optional<PulledUp>();
        }
        ASSIGN_OR_RAISE(auto below, PullUp(agg.input, inner));
        if (!below || below->conditions.empty()) {
          if (below) below->plan = plan->WithInputs({below->plan});
          return below;
        }
        // Correlated equalities inner_expr = outer_expr become groups: the aggregate is then
        // computed per correlation key and joined on it.
        std::vector<ExprPtr> groups = agg.group_exprs;
        std::vector<OutputColumn> output(agg.output().begin(),
                                         agg.output().begin() + static_cast<std::ptrdiff_t>(agg.group_exprs.size()));
        std::vector<ExprPtr> conditions;
        std::set<ColumnId> below_ids = OutputIds(*below->plan);
        for (const auto& c : below->conditions) {
          ExprPtr inner_side, outer_side;
          if (!SplitEquality(c, below_ids, &inner_side, &outer_side)) return std::optional<PulledUp>();
          OutputColumn key{NextColumnId(), "", inner_side->ToString(), inner_side->type, inner_side->nullable};
          groups.push_back(inner_side);
          output.push_back(key);
          ASSIGN_OR_RAISE(auto eq, factory_.Eq(key.ToExpr(), outer_side));
          conditions.push_back(eq);
        }
        for (size_t i = agg.group_exprs.size(); i < agg.output().size(); ++i) {
          output.push_back(agg.output()[i]);
        }
        // Keep the original column order: aggregates right after the original groups? The
        // output is addressed by id, so order does not matter to the consumers.
        PulledUp result;
        result.plan = std::make_shared<AggregatePlan>(below->plan, std::move(groups),
                                                      std::vector<std::vector<int>>{},
                                                      agg.aggregates, std::move(output));
        result.conditions = std::move(conditions);
        had_aggregate_ = true;
        return result;
      }
      case PlanKind::kSort: {
        ASSIGN_OR_RAISE(auto below, PullUp(plan->As<SortPlan>().input, inner));
        if (!below) return below;
        if (below->conditions.empty()) {
          below->plan = plan->WithInputs({below->plan});
        }
        // A sort under a correlated subquery orders nothing the join keeps: drop it.
        return below;
      }
      case PlanKind::kLimit:
      case PlanKind::kDistinct:
      case PlanKind::kWindow:
      case PlanKind::kSetOperation:
      case PlanKind::kJoin:
      default:
        if (PlanIsCorrelated(plan, inner)) return std::optional<PulledUp>();
        return Whole(plan);
    }
  }

  bool had_aggregate() const { return had_aggregate_; }

 private:
  static std::optional<PulledUp> Whole(const LogicalPlanPtr& plan) {
    PulledUp p;
    p.plan = plan;
    return p;
  }

  /// For `a = b` with one side over `inner_ids` only and the other over no inner id.
  static bool SplitEquality(const ExprPtr& e, const std::set<ColumnId>& inner_ids,
                            ExprPtr* inner_side, ExprPtr* outer_side) {
    if (!IsCall(e, "eq")) return false;
    const auto& args = e->As<CallExpr>().args;
    auto only_inner = [&](const ExprPtr& x) { return RefersOnlyTo(x, inner_ids) && !ExprColumns(x).empty(); };
    auto no_inner = [&](const ExprPtr& x) {
      for (ColumnId id : ExprColumns(x)) {
        if (inner_ids.count(id)) return false;
      }
      return true;
    };
    if (only_inner(args[0]) && no_inner(args[1])) {
      *inner_side = args[0];
      *outer_side = args[1];
      return true;
    }
    if (only_inner(args[1]) && no_inner(args[0])) {
      *inner_side = args[1];
      *outer_side = args[0];
      return true;
    }
    return false;
  }

  /// Adds pass-through columns for inner columns that `conditions` read but `exprs` drop.
  static void AppendNeeded(const std::vector<ExprPtr>& conditions, const LogicalPlan& input,
                           const std::set<ColumnId>& inner, std::vector<ExprPtr>* exprs,
                           std::vector<OutputColumn>* output) {
    for (const auto& c : conditions) {
      for (ColumnId id : ExprColumns(c)) {
        // Inner columns the conditions read: those of the subquery and the keys the pull-up
        // added below this projection (new ids, so not in `inner`).
        if (!inner.count(id) && input.FindColumn(id) == nullptr) continue;
        bool present = false;
        for (const auto& o : *output) present = present || o.id == id;
        const OutputColumn* source = input.FindColumn(id);
        if (present || source == nullptr) continue;
        exprs->push_back(source->ToExpr());
        output->push_back(*source);
      }
    }
  }

  const ExprFactory& factory_;
  bool had_aggregate_ = false;
};

class DecorrelateSubqueries final : public OptimizerPass {
 public:
  std::string_view name() const override { return "decorrelate_subqueries"; }

  Result<LogicalPlanPtr> Apply(const LogicalPlanPtr& plan,
                               const OptimizerContext& context) const override {
    ExprFactory factory(context.registry);
    return Rewrite(plan, factory);
  }

 private:
  Result<LogicalPlanPtr> Rewrite(const LogicalPlanPtr& plan, const ExprFactory& factory) const {
    return TransformUp(plan, [&](const LogicalPlanPtr& node) -> Result<LogicalPlanPtr> {
      if (node->kind == PlanKind::kFilter) return RewriteFilter(node->As<FilterPlan>(), node, factory);
      if (node->kind == PlanKind::kProjection) {
        return RewriteProjection(node->As<ProjectionPlan>(), node, factory);
      }
      return node;
    });
  }

  /// The subquery's plan with its own subqueries removed first (bottom-up).
  Result<LogicalPlanPtr> InnerPlan(const SubqueryExpr& subquery, const ExprFactory& factory) const {
    return Rewrite(subquery.plan, factory);
  }

  /// Joins `input` with the subquery for a top-level WHERE conjunct; null when not possible.
  Result<LogicalPlanPtr> JoinForConjunct(const LogicalPlanPtr& input, const ExprPtr& conjunct,
                                         const ExprFactory& factory) const {
    bool negated_by_not = false;
    ExprPtr target = conjunct;
    if (IsCall(conjunct, "not") && conjunct->As<CallExpr>().args[0]->kind == ExprKind::kSubquery) {
      negated_by_not = true;
      target = conjunct->As<CallExpr>().args[0];
    }
    if (target->kind != ExprKind::kSubquery) return LogicalPlanPtr();
    const auto& subquery = target->As<SubqueryExpr>();
    if (subquery.subquery_kind == SubqueryExpr::Kind::kScalar) return LogicalPlanPtr();
    bool negated = subquery.negated != negated_by_not;
    ASSIGN_OR_RAISE(auto inner_plan, InnerPlan(subquery, factory));
    std::set<ColumnId> inner = ProducedIds(inner_plan);
    Decorrelator decorrelator(factory);
    ASSIGN_OR_RAISE(auto pulled, decorrelator.PullUp(inner_plan, inner));
    if (!pulled) return LogicalPlanPtr();
    std::vector<ExprPtr> conditions = pulled->conditions;
    bool null_aware = false;
    if (subquery.subquery_kind == SubqueryExpr::Kind::kIn) {
      ASSIGN_OR_RAISE(auto eq, factory.Eq(subquery.in_value, pulled->plan->output()[0].ToExpr()));
      conditions.insert(conditions.begin(), eq);
      null_aware = negated;
    }
    ASSIGN_OR_RAISE(auto filter, Conjunction(conditions));
    JoinType type = negated ? JoinType::kLeftAnti : JoinType::kLeftSemi;
    auto output = JoinPlan::JoinOutput(*input, *pulled->plan, type, nullptr);
    return LogicalPlanPtr(std::make_shared<JoinPlan>(input, pulled->plan, type,
                                                     std::vector<std::pair<ExprPtr, ExprPtr>>{},
                                                     filter, null_aware, std::move(output)));
  }

  /// Replaces every subquery inside `expr` by a column of a join added to `*input`.
  Result<ExprPtr> ReplaceNested(const ExprPtr& expr, LogicalPlanPtr* input,
                                const ExprFactory& factory, bool* failed) const {
    return RewriteExpr(expr, [&](const ExprPtr& e) -> Result<ExprPtr> {
      if (e->kind != ExprKind::kSubquery || *failed) return ExprPtr();
      const auto& subquery = e->As<SubqueryExpr>();
      ASSIGN_OR_RAISE(auto inner_plan, InnerPlan(subquery, factory));
      std::set<ColumnId> inner = ProducedIds(inner_plan);
      Decorrelator decorrelator(factory);
      ASSIGN_OR_RAISE(auto pulled, decorrelator.PullUp(inner_plan, inner));
      if (!pulled) {
        *failed = true;
        return ExprPtr();
      }
      if (subquery.subquery_kind == SubqueryExpr::Kind::kScalar) {
        if (pulled->conditions.empty()) {
          // Uncorrelated: exactly one row, the subquery's value (NULL without rows), and an
          // error when the subquery returns more than one row.
          ASSIGN_OR_RAISE(pulled->plan, SingleValue(pulled->plan, factory));
        }
        const OutputColumn value = pulled->plan->output()[0];
        ASSIGN_OR_RAISE(auto filter, Conjunction(pulled->conditions));
        auto output = JoinPlan::JoinOutput(**input, *pulled->plan, JoinType::kLeft, nullptr);
        *input = std::make_shared<JoinPlan>(*input, pulled->plan, JoinType::kLeft,
                                            std::vector<std::pair<ExprPtr, ExprPtr>>{}, filter,
                                            false, std::move(output));
        ExprPtr ref = std::make_shared<ColumnExpr>(value.id, value.name, value.type, true);
        // count() over no rows is 0, but a group the join does not find gives NULL.
        if (decorrelator.had_aggregate() && IsCountOf(pulled->plan, value.id)) {
          ASSIGN_OR_RAISE(ref, factory.Call("coalesce", {ref, ExprFactory::Literal(arrow::Scalar::Int64(0))}));
        }
        return ref;
      }
      std::vector<ExprPtr> conditions = pulled->conditions;
      if (subquery.subquery_kind == SubqueryExpr::Kind::kIn) {
        ASSIGN_OR_RAISE(auto eq, factory.Eq(subquery.in_value, pulled->plan->output()[0].ToExpr()));
        conditions.insert(conditions.begin(), eq);
      }
      ASSIGN_OR_RAISE(auto filter, Conjunction(conditions));
      OutputColumn mark{NextColumnId(), "", "__mark", arrow::Boolean(),
                        subquery.subquery_kind == SubqueryExpr::Kind::kIn};
      auto output = JoinPlan::JoinOutput(**input, *pulled->plan, JoinType::kLeftMark, &mark);
      *input = std::make_shared<JoinPlan>(*input, pulled->plan, JoinType::kLeftMark,
                                          std::vector<std::pair<ExprPtr, ExprPtr>>{}, filter,
                                          subquery.subquery_kind == SubqueryExpr::Kind::kIn,
                                          std::move(output));
      ExprPtr ref = mark.ToExpr();
      if (subquery.negated) {
        ASSIGN_OR_RAISE(ref, factory.Not(ref));
      }
      return ref;
    });
  }

  /// `plan` (one column) under an aggregate without GROUP BY computing __single_value of it.
  static Result<LogicalPlanPtr> SingleValue(const LogicalPlanPtr& plan, const ExprFactory& factory) {
    const OutputColumn& column = plan->output()[0];
    const compute::AggregateFunction* function = factory.registry().FindAggregate("__single_value");
    if (function == nullptr) return Status::Internal("__single_value is not registered");
    ASSIGN_OR_RAISE(auto resolved, function->Resolve({column.type}, false));
    ExprPtr arg = column.ToExpr();
    if (!(*arg->type == *resolved.arg_types[0])) arg = factory.Cast(arg, resolved.arg_types[0]);
    ExprPtr aggregate = std::make_shared<AggregateExpr>(function, std::vector<ExprPtr>{arg}, false, nullptr,
                                                        std::vector<SortExpr>{}, resolved);
    OutputColumn out{NextColumnId(), "", column.name, resolved.return_type, true};
    return LogicalPlanPtr(std::make_shared<AggregatePlan>(plan, std::vector<ExprPtr>{},
                                                          std::vector<std::vector<int>>{},
                                                          std::vector<ExprPtr>{aggregate},
                                                          std::vector<OutputColumn>{out}));
  }

  static bool IsCountOf(const LogicalPlanPtr& plan, ColumnId id) {
    // The column is produced by a count aggregate somewhere in the pulled-up plan, possibly
    // passed through projections.
    bool found = false;
    VisitPlan(plan, [&](const LogicalPlanPtr& node) {
      if (node->kind != PlanKind::kAggregate) return;
      const auto& agg = node->As<AggregatePlan>();
      for (size_t i = 0; i < agg.aggregates.size(); ++i) {
        const auto& column = agg.output()[agg.group_exprs.size() + i];
        if (column.id == id && agg.aggregates[i]->As<AggregateExpr>().name() == "count") found = true;
      }
    });
    return found;
  }

  Result<LogicalPlanPtr> RewriteFilter(const FilterPlan& filter, const LogicalPlanPtr& node,
                                       const ExprFactory& factory) const {
    if (!HasSubquery(filter.predicate)) return node;
    std::vector<ExprPtr> conjuncts;
    SplitConjunction(filter.predicate, &conjuncts);
    LogicalPlanPtr input = filter.input;
    std::vector<ExprPtr> remaining;
    for (const auto& c : conjuncts) {
      if (!HasSubquery(c)) {
        remaining.push_back(c);
        continue;
      }
      ASSIGN_OR_RAISE(auto joined, JoinForConjunct(input, c, factory));
      if (joined) {
        input = joined;
        continue;
      }
      bool failed = false;
      LogicalPlanPtr candidate = input;
      ASSIGN_OR_RAISE(auto replaced, ReplaceNested(c, &candidate, factory, &failed));
      if (failed) {
        remaining.push_back(c);
        continue;
      }
      input = candidate;
      remaining.push_back(replaced);
    }
    LogicalPlanPtr result = input;
    if (!remaining.empty()) {
      ASSIGN_OR_RAISE(auto predicate, Conjunction(remaining));
      result = std::make_shared<FilterPlan>(input, predicate);
    }
    // Joins added columns; restore the filter's output.
    return ProjectTo(result, node->output());
  }

  Result<LogicalPlanPtr> RewriteProjection(const ProjectionPlan& projection,
                                           const LogicalPlanPtr& node,
                                           const ExprFactory& factory) const {
    bool any = false;
    for (const auto& e : projection.exprs) any = any || HasSubquery(e);
    if (!any) return node;
    LogicalPlanPtr input = projection.input;
    std::vector<ExprPtr> exprs;
    for (const auto& e : projection.exprs) {
      bool failed = false;
      LogicalPlanPtr candidate = input;
      ASSIGN_OR_RAISE(auto replaced, ReplaceNested(e, &candidate, factory, &failed));
      if (failed) {
        exprs.push_back(e);
        continue;
      }
      input = candidate;
      exprs.push_back(replaced);
    }
    return LogicalPlanPtr(std::make_shared<ProjectionPlan>(input, std::move(exprs), node->output()));
  }
};

}  // namespace

std::unique_ptr<OptimizerPass> MakeDecorrelateSubqueries() {
  return std::make_unique<DecorrelateSubqueries>();
}

}  // namespace ballista::optimizer
