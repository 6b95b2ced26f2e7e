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
      if (!pulled && subquery.subquery_kind == SubqueryExpr::Kind::kScalar) {
        ASSIGN_OR_RAISE(pulled, AggregateOverDomain(inner_plan, inner, *input, factory));
      }
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
        // The value column keeps its id through decorrelation (key columns may have been
        // added); the single-value aggregate gives it a new one, as its only column.
        const OutputColumn* found = pulled->plan->FindColumn(inner_plan->output()[0].id);
        const OutputColumn value = found != nullptr ? *found : pulled->plan->output()[0];
        ASSIGN_OR_RAISE(auto filter, Conjunction(pulled->conditions));
        auto output = JoinPlan::JoinOutput(**input, *pulled->plan, JoinType::kLeft, nullptr);
        *input = std::make_shared<JoinPlan>(*input, pulled->plan, JoinType::kLeft,
                                            std::vector<std::pair<ExprPtr, ExprPtr>>{}, filter,
                                            false, std::move(output));
        ExprPtr ref = std::make_shared<ColumnExpr>(value.id, value.name, value.type, true);
        // An aggregate over no rows has a value (count() is 0, count() + 1 is 1), but an outer
        // row whose group the join does not find gets NULL: put the empty-input value back.
        if (!pulled->conditions.empty()) {
          ExprPtr match = MatchColumn(pulled->conditions[0], *pulled->plan);
          ExprPtr without_rows = ValueOverNoRows(inner_plan);
          if (match != nullptr && without_rows != nullptr) return ValueOrEmpty(ref, without_rows, match, factory);
          if (decorrelator.had_aggregate() && IsCountOf(pulled->plan, value.id)) {
            ASSIGN_OR_RAISE(ref, factory.Call("coalesce", {ref, ExprFactory::Literal(arrow::Scalar::Int64(0))}));
          }
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

  /// For a subquery `[projections] -> aggregate without GROUP BY -> ...`: its value when the
  /// aggregate sees no rows (count() is 0, other aggregates NULL, pushed through the
  /// projections: `count(*) + 1` gives 1). Null for other shapes.
  static ExprPtr ValueOverNoRows(const LogicalPlanPtr& subquery) {
    std::vector<const ProjectionPlan*> projections;
    const AggregatePlan* scalar_aggregate = ScalarAggregateUnder(subquery, &projections);
    if (scalar_aggregate == nullptr) return nullptr;
    const AggregatePlan& agg = *scalar_aggregate;
    std::map<ColumnId, ExprPtr> without_rows;
    for (size_t i = 0; i < agg.aggregates.size(); ++i) {
      const auto& call = agg.aggregates[i]->As<AggregateExpr>();
      const OutputColumn& column = agg.output()[i];
      without_rows[column.id] = call.name() == "count" ? ExprFactory::Literal(arrow::Scalar::Int64(0))
                                                       : ExprFactory::Literal(arrow::Scalar::Null(column.type));
    }
    for (auto it = projections.rbegin(); it != projections.rend(); ++it) {
      std::map<ColumnId, ExprPtr> next;
      for (size_t j = 0; j < (*it)->exprs.size(); ++j) {
        next[(*it)->output()[j].id] = ReplaceColumns((*it)->exprs[j], without_rows);
      }
      without_rows = std::move(next);
    }
    auto it = without_rows.find(subquery->output()[0].id);
    return it == without_rows.end() ? nullptr : it->second;
  }

  /// The aggregate without GROUP BY that `plan` is (under projections, listed top first into
  /// `projections`), or null.
  static const AggregatePlan* ScalarAggregateUnder(const LogicalPlanPtr& plan,
                                                   std::vector<const ProjectionPlan*>* projections) {
    const LogicalPlan* node = plan.get();
    while (node->kind == PlanKind::kProjection) {
      projections->push_back(&node->As<ProjectionPlan>());
      node = node->As<ProjectionPlan>().input.get();
    }
    if (node->kind != PlanKind::kAggregate) return nullptr;
    const auto& agg = node->As<AggregatePlan>();
    return agg.group_exprs.empty() && agg.grouping_sets.empty() ? &agg : nullptr;
  }

  /// `value` for outer rows the left join matched (`match` not NULL), else `without_rows`;
  /// just `value` when `without_rows` is NULL anyway.
  static Result<ExprPtr> ValueOrEmpty(const ExprPtr& value, const ExprPtr& without_rows, const ExprPtr& match,
                                      const ExprFactory& factory) {
    if (without_rows == nullptr ||
        (without_rows->kind == ExprKind::kLiteral && without_rows->As<LiteralExpr>().value.is_null())) {
      return value;
    }
    ASSIGN_OR_RAISE(auto matched, factory.Call("is_not_null", {match}));
    return ExprPtr(std::make_shared<CaseExpr>(std::vector<std::pair<ExprPtr, ExprPtr>>{{matched, value}},
                                              factory.Cast(without_rows, value->type), value->type));
  }

  /// A scalar subquery `[projections] -> aggregate without GROUP BY -> X` whose correlated
  /// conditions are not all equalities (`r.k <= l.k`): the aggregate is computed once per
  /// distinct combination of the outer values it reads (the domain), by joining the domain with
  /// X on the correlated conditions and grouping by the domain columns. The result is joined back
  /// to the outer rows on equality with those columns. Null when the subquery has another shape
  /// or reads outer columns `input` does not produce.
  static Result<std::optional<PulledUp>> AggregateOverDomain(const LogicalPlanPtr& subquery,
                                                             const std::set<ColumnId>& inner,
                                                             const LogicalPlanPtr& input, const ExprFactory& factory) {
    std::vector<const ProjectionPlan*> projections;
    const AggregatePlan* scalar_aggregate = ScalarAggregateUnder(subquery, &projections);
    if (scalar_aggregate == nullptr) return std::optional<PulledUp>();
    const AggregatePlan& agg = *scalar_aggregate;
    for (const auto* projection : projections) {
      for (const auto& e : projection->exprs) {
        if (IsCorrelated(e, inner)) return std::optional<PulledUp>();
      }
    }
    for (const auto& e : agg.aggregates) {
      if (IsCorrelated(e, inner)) return std::optional<PulledUp>();
    }
    Decorrelator decorrelator(factory);
    ASSIGN_OR_RAISE(auto below, decorrelator.PullUp(agg.input, inner));
    if (!below || below->conditions.empty()) return std::optional<PulledUp>();
    // The outer columns the conditions read, all of which `input` must produce.
    const std::set<ColumnId> below_ids = OutputIds(*below->plan);
    std::vector<OutputColumn> outer_columns;
    for (const auto& c : below->conditions) {
      for (ColumnId id : ExprColumns(c)) {
        if (below_ids.count(id) || inner.count(id)) continue;
        const OutputColumn* column = input->FindColumn(id);
        if (column == nullptr) return std::optional<PulledUp>();
        bool seen = false;
        for (const auto& o : outer_columns) seen = seen || o.id == id;
        if (!seen) outer_columns.push_back(*column);
      }
    }
    if (outer_columns.empty()) return std::optional<PulledUp>();
    // The domain keeps the outer columns' ids, so the conditions read it unchanged; its rows are
    // joined with the subquery's rows and grouped per domain row.
    std::vector<ExprPtr> domain_exprs;
    for (const auto& o : outer_columns) domain_exprs.push_back(o.ToExpr());
    LogicalPlanPtr domain = std::make_shared<DistinctPlan>(
        std::make_shared<ProjectionPlan>(input, domain_exprs, outer_columns));
    ASSIGN_OR_RAISE(auto on, Conjunction(below->conditions));
    auto joined_output = JoinPlan::JoinOutput(*domain, *below->plan, JoinType::kInner, nullptr);
    LogicalPlanPtr joined = std::make_shared<JoinPlan>(domain, below->plan, JoinType::kInner,
                                                       std::vector<std::pair<ExprPtr, ExprPtr>>{}, on, false,
                                                       std::move(joined_output));
    std::vector<OutputColumn> keys;
    std::vector<OutputColumn> output;
    for (const auto& o : outer_columns) {
      OutputColumn key{NextColumnId(), "", o.name, o.type, o.nullable};
      keys.push_back(key);
      output.push_back(key);
    }
    for (const auto& column : agg.output()) output.push_back(column);
    LogicalPlanPtr plan = std::make_shared<AggregatePlan>(joined, domain_exprs, std::vector<std::vector<int>>{},
                                                          agg.aggregates, std::move(output));
    // The projections above the aggregate again, passing the key columns through.
    for (auto it = projections.rbegin(); it != projections.rend(); ++it) {
      std::vector<ExprPtr> exprs = (*it)->exprs;
      std::vector<OutputColumn> columns = (*it)->output();
      for (const auto& key : keys) {
        exprs.push_back(key.ToExpr());
        columns.push_back(key);
      }
      plan = std::make_shared<ProjectionPlan>(plan, std::move(exprs), std::move(columns));
    }
    PulledUp result;
    result.plan = plan;
    for (size_t i = 0; i < keys.size(); ++i) {
      ASSIGN_OR_RAISE(auto eq, factory.Eq(keys[i].ToExpr(), outer_columns[i].ToExpr()));
      result.conditions.push_back(eq);
    }
    return std::optional<PulledUp>(std::move(result));
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

  /// The side of the join condition `condition` (an equality) that is a column of `plan`: not
  /// NULL exactly when the join matched. Null when there is none.
  static ExprPtr MatchColumn(const ExprPtr& condition, const LogicalPlan& plan) {
    if (!IsCall(condition, "eq")) return nullptr;
    for (const auto& arg : condition->As<CallExpr>().args) {
      if (arg->kind == ExprKind::kColumn && plan.FindColumn(arg->As<ColumnExpr>().id) != nullptr) return arg;
    }
    return nullptr;
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
