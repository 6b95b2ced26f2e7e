// Moves filter conditions as close to the data as they can go: through projections (by
// substituting the projected expressions), through sorts and distincts, below aggregates when
// they read only group columns, into the sides of joins, into join conditions (turning a cross
// join plus a filter into an inner join, and equalities across the sides into join keys), into
// the inputs of UNION ALL, and into table scans as pruning hints (the filter stays above the
// scan, so providers may ignore them).

#include "ballista/logical/expr_factory.h"
#include "ballista/optimizer/optimizer.h"
#include "ballista/optimizer/plan_util.h"

namespace ballista::optimizer {
using namespace ballista::logical;
namespace {

bool IsVolatile(const ExprPtr& expr) {
  bool found = false;
  VisitExpr(expr, [&](const ExprPtr& e) {
    found = found || (e->kind == ExprKind::kCall && e->As<CallExpr>().function->is_volatile());
  });
  return found;
}

class FilterPusher {
 public:
  Result<LogicalPlanPtr> Push(const LogicalPlanPtr& plan, std::vector<ExprPtr> predicates) {
    switch (plan->kind) {
      case PlanKind::kFilter: {
        const auto& filter = plan->As<FilterPlan>();
        SplitConjunction(filter.predicate, &predicates);
        return Push(filter.input, std::move(predicates));
      }
      case PlanKind::kProjection:
        return PushProjection(plan->As<ProjectionPlan>(), std::move(predicates));
      case PlanKind::kJoin:
        return PushJoin(plan->As<JoinPlan>(), std::move(predicates));
      case PlanKind::kAggregate:
        return PushAggregate(plan->As<AggregatePlan>(), std::move(predicates));
      case PlanKind::kSort: {
        const auto& sort = plan->As<SortPlan>();
        if (sort.fetch) break;  // top-k: filtering first would change which rows are kept
        ASSIGN_OR_RAISE(auto input, Push(sort.input, std::move(predicates)));
        return plan->WithInputs({input});
      }
      case PlanKind::kDistinct: {
        ASSIGN_OR_RAISE(auto input, Push(plan->As<DistinctPlan>().input, std::move(predicates)));
        return plan->WithInputs({input});
      }
      case PlanKind::kSetOperation:
        return PushSetOperation(plan, std::move(predicates));
      case PlanKind::kTableScan:
        return PushScan(plan->As<TableScan>(), std::move(predicates));
      default:
        break;
    }
    // Cannot go further: optimize below with no predicates, keep these on top.
    std::vector<LogicalPlanPtr> inputs = plan->inputs();
    for (auto& input : inputs) {
      ASSIGN_OR_RAISE(input, Push(input, {}));
    }
    LogicalPlanPtr rebuilt = inputs.empty() ? plan : plan->WithInputs(std::move(inputs));
    return Wrap(rebuilt, std::move(predicates));
  }

 private:
  static Result<LogicalPlanPtr> Wrap(LogicalPlanPtr plan, std::vector<ExprPtr> predicates) {
    // Drop literal TRUE conjuncts; the simplifier handles FALSE.
    std::vector<ExprPtr> kept;
    for (auto& p : predicates) {
      if (p->kind == ExprKind::kLiteral && !p->As<LiteralExpr>().value.is_null() &&
          p->type->id() == arrow::TypeId::kBool && p->As<LiteralExpr>().value.As<bool>()) {
        continue;
      }
      bool duplicate = false;
      for (const auto& k : kept) duplicate = duplicate || k->Equals(*p);
      if (!duplicate) kept.push_back(std::move(p));
    }
    if (kept.empty()) return plan;
    ASSIGN_OR_RAISE(auto predicate, Conjunction(std::move(kept)));
    return LogicalPlanPtr(std::make_shared<FilterPlan>(std::move(plan), predicate));
  }

  Result<LogicalPlanPtr> PushProjection(const ProjectionPlan& projection,
                                        std::vector<ExprPtr> predicates) {
    std::map<ColumnId, ExprPtr> by_id;
    std::set<ColumnId> pushable_ids;
    for (size_t i = 0; i < projection.exprs.size(); ++i) {
      const ExprPtr& e = projection.exprs[i];
      by_id[projection.output()[i].id] = e;
      bool ok = !IsVolatile(e) && !HasSubquery(e);
      VisitExpr(e, [&](const ExprPtr& n) {
        ok = ok && n->kind != ExprKind::kWindow && n->kind != ExprKind::kAggregate;
      });
      if (ok) pushable_ids.insert(projection.output()[i].id);
    }
    std::vector<ExprPtr> below, above;
    for (auto& p : predicates) {
      if (!HasSubquery(p) && !IsVolatile(p) && RefersOnlyTo(p, pushable_ids)) {
        below.push_back(ReplaceColumns(p, by_id));
      } else {
        above.push_back(std::move(p));
      }
    }
    ASSIGN_OR_RAISE(auto input, Push(projection.input, std::move(below)));
    auto rebuilt = std::make_shared<ProjectionPlan>(input, projection.exprs, projection.output());
    return Wrap(rebuilt, std::move(above));
  }

  Result<LogicalPlanPtr> PushAggregate(const AggregatePlan& agg, std::vector<ExprPtr> predicates) {
    std::map<ColumnId, ExprPtr> group_by_id;
    for (size_t i = 0; i < agg.group_exprs.size(); ++i) {
      // With grouping sets a group column is NULL in the rows of sets without it, so a
      // condition on it is not the same below the aggregate.
      bool in_every_set = true;
      for (const auto& set : agg.grouping_sets) {
        bool found = false;
        for (int g : set) found = found || g == static_cast<int>(i);
        in_every_set = in_every_set && found;
      }
      if (in_every_set && !IsVolatile(agg.group_exprs[i])) {
        group_by_id[agg.output()[i].id] = agg.group_exprs[i];
      }
    }
    std::set<ColumnId> group_ids;
    for (const auto& [id, _] : group_by_id) group_ids.insert(id);
    std::vector<ExprPtr> below, above;
    for (auto& p : predicates) {
      if (!HasSubquery(p) && !IsVolatile(p) && RefersOnlyTo(p, group_ids) && !ExprColumns(p).empty()) {
        below.push_back(ReplaceColumns(p, group_by_id));
      } else {
        above.push_back(std::move(p));
      }
    }
    ASSIGN_OR_RAISE(auto input, Push(agg.input, std::move(below)));
    return Wrap(agg.WithInputs({input}), std::move(above));
  }

  Result<LogicalPlanPtr> PushJoin(const JoinPlan& join, std::vector<ExprPtr> predicates) {
    std::set<ColumnId> left_ids = OutputIds(*join.left);
    std::set<ColumnId> right_ids = OutputIds(*join.right);
    std::vector<ExprPtr> on;
    for (const auto& [l, r] : join.keys) {
      ASSIGN_OR_RAISE(auto eq, ExprFactory(&compute::FunctionRegistry::Default()).Eq(l, r));
      on.push_back(eq);
    }
    if (join.filter) SplitConjunction(join.filter, &on);

    std::vector<ExprPtr> to_left, to_right, conditions, above;
    auto classify_where = [&](ExprPtr p) {
      bool left_only = RefersOnlyTo(p, left_ids);
      bool right_only = RefersOnlyTo(p, right_ids);
      bool movable = !HasSubquery(p) && !IsVolatile(p) && !ExprColumns(p).empty();
      switch (join.join_type) {
        case JoinType::kInner:
          if (movable && left_only) return to_left.push_back(p);
          if (movable && right_only) return to_right.push_back(p);
          if (movable) return conditions.push_back(p);
          return above.push_back(p);
        case JoinType::kLeft:
        case JoinType::kLeftSemi:
        case JoinType::kLeftAnti:
        case JoinType::kLeftMark:
          if (movable && left_only) return to_left.push_back(p);
          return above.push_back(p);
        case JoinType::kRight:
          if (movable && right_only) return to_right.push_back(p);
          return above.push_back(p);
        case JoinType::kFull:
          return above.push_back(p);
      }
    };
    auto classify_on = [&](ExprPtr p) {
      bool left_only = RefersOnlyTo(p, left_ids) && !ExprColumns(p).empty();
      bool right_only = RefersOnlyTo(p, right_ids) && !ExprColumns(p).empty();
      bool movable = !HasSubquery(p) && !IsVolatile(p);
      switch (join.join_type) {
        case JoinType::kInner:
          if (movable && left_only) return to_left.push_back(p);
          if (movable && right_only) return to_right.push_back(p);
          return conditions.push_back(p);
        case JoinType::kLeft:
        case JoinType::kLeftAnti:
        case JoinType::kLeftMark:
          // A null-aware join (NOT IN, IN as a value) needs the rows where a condition is NULL
          // to tell "no match" from "unknown": its conditions stay in the join.
          if (movable && right_only && !join.null_aware) return to_right.push_back(p);
          return conditions.push_back(p);
        case JoinType::kLeftSemi:
          if (movable && right_only) return to_right.push_back(p);
          if (movable && left_only) return to_left.push_back(p);
          return conditions.push_back(p);
        case JoinType::kRight:
          if (movable && left_only) return to_left.push_back(p);
          return conditions.push_back(p);
        case JoinType::kFull:
          return conditions.push_back(p);
      }
    };
    for (auto& p : predicates) classify_where(std::move(p));
    for (auto& p : on) classify_on(std::move(p));

    ASSIGN_OR_RAISE(auto left, Push(join.left, std::move(to_left)));
    ASSIGN_OR_RAISE(auto right, Push(join.right, std::move(to_right)));
    std::vector<std::pair<ExprPtr, ExprPtr>> keys;
    std::vector<ExprPtr> rest;
    SplitJoinKeys(conditions, OutputIds(*left), OutputIds(*right), &keys, &rest);
    ExprPtr filter;
    if (!rest.empty()) {
      ASSIGN_OR_RAISE(filter, Conjunction(std::move(rest)));
    }
    const OutputColumn* mark = join.join_type == JoinType::kLeftMark ? &join.output().back() : nullptr;
    auto output = JoinPlan::JoinOutput(*left, *right, join.join_type, mark);
    auto rebuilt = std::make_shared<JoinPlan>(left, right, join.join_type, std::move(keys), filter,
                                              join.null_aware, std::move(output));
    return Wrap(rebuilt, std::move(above));
  }

  Result<LogicalPlanPtr> PushSetOperation(const LogicalPlanPtr& plan,
                                          std::vector<ExprPtr> predicates) {
    const auto& set = plan->As<SetOperationPlan>();
    std::vector<LogicalPlanPtr> inputs;
    bool push = set.op != SetOpKind::kExcept;  // EXCEPT: a right-side filter changes the result
    std::vector<ExprPtr> above;
    std::vector<ExprPtr> pushable;
    for (auto& p : predicates) {
      if (push && !HasSubquery(p) && !IsVolatile(p)) {
        pushable.push_back(p);
      } else {
        above.push_back(p);
      }
    }
    for (const auto& input : set.set_inputs) {
      std::map<ColumnId, ExprPtr> mapping;
      for (size_t i = 0; i < set.output().size(); ++i) {
        mapping[set.output()[i].id] = input->output()[i].ToExpr();
      }
      std::vector<ExprPtr> mapped;
      for (const auto& p : pushable) mapped.push_back(ReplaceColumns(p, mapping));
      ASSIGN_OR_RAISE(auto next, Push(input, std::move(mapped)));
      inputs.push_back(std::move(next));
    }
    return Wrap(plan->WithInputs(std::move(inputs)), std::move(above));
  }

  Result<LogicalPlanPtr> PushScan(const TableScan& scan, std::vector<ExprPtr> predicates) {
    std::set<ColumnId> ids = OutputIds(scan);
    std::vector<ExprPtr> hints = scan.filters;
    for (const auto& p : predicates) {
      if (HasSubquery(p) || IsVolatile(p) || !RefersOnlyTo(p, ids)) continue;
      bool seen = false;
      for (const auto& h : hints) seen = seen || h->Equals(*p);
      if (!seen) hints.push_back(p);
    }
    LogicalPlanPtr rebuilt = std::make_shared<TableScan>(scan.table, scan.projection, scan.output(),
                                                         std::move(hints), scan.fetch);
    return Wrap(rebuilt, std::move(predicates));
  }
};

class PushDownFilter final : public OptimizerPass {
 public:
  std::string_view name() const override { return "push_down_filter"; }
  Result<LogicalPlanPtr> Apply(const LogicalPlanPtr& plan, const OptimizerContext&) const override {
    FilterPusher pusher;
    ASSIGN_OR_RAISE(auto result, pusher.Push(plan, {}));
    return ProjectTo(result, plan->output());
  }
};

}  // namespace

std::unique_ptr<OptimizerPass> MakePushDownFilter() { return std::make_unique<PushDownFilter>(); }

}  // namespace ballista::optimizer
