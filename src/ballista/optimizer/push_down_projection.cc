// Column pruning: every node keeps only the columns something above it reads, so scans read
// only the needed columns of a file, aggregates compute only used aggregates, and joins carry
// no dead columns. The plan's own output is kept whole.

#include "ballista/optimizer/optimizer.h"
#include "ballista/optimizer/plan_util.h"

namespace ballista::optimizer {
using namespace ballista::logical;
namespace {

void AddColumns(const ExprPtr& e, std::set<ColumnId>* out) {
  for (ColumnId id : ExprColumns(e)) out->insert(id);
}

class Pruner {
 public:
  /// A plan equivalent to `plan` for the columns in `required` (its output may have more).
  Result<LogicalPlanPtr> Prune(const LogicalPlanPtr& plan, const std::set<ColumnId>& required) {
    switch (plan->kind) {
      case PlanKind::kTableScan: {
        const auto& scan = plan->As<TableScan>();
        std::set<ColumnId> needed = required;
        for (const auto& f : scan.filters) AddColumns(f, &needed);
        std::vector<int> projection;
        std::vector<OutputColumn> output;
        for (size_t i = 0; i < scan.output().size(); ++i) {
          if (needed.count(scan.output()[i].id)) {
            projection.push_back(scan.projection[i]);
            output.push_back(scan.output()[i]);
          }
        }
        if (output.empty() && !scan.output().empty()) {
          // COUNT(*) and friends still need the row count: read the narrowest column.
          projection.push_back(scan.projection[0]);
          output.push_back(scan.output()[0]);
        }
        if (output.size() == scan.output().size()) return plan;
        return LogicalPlanPtr(std::make_shared<TableScan>(scan.table, std::move(projection),
                                                          std::move(output), scan.filters, scan.fetch));
      }
      case PlanKind::kProjection: {
        const auto& p = plan->As<ProjectionPlan>();
        std::vector<ExprPtr> exprs;
        std::vector<OutputColumn> output;
        std::set<ColumnId> needed;
        for (size_t i = 0; i < p.exprs.size(); ++i) {
          if (!required.count(p.output()[i].id)) continue;
          exprs.push_back(p.exprs[i]);
          output.push_back(p.output()[i]);
          AddColumns(p.exprs[i], &needed);
        }
        ASSIGN_OR_RAISE(auto input, Prune(p.input, needed));
        if (exprs.size() == p.exprs.size() && input == p.input) return plan;
        return LogicalPlanPtr(std::make_shared<ProjectionPlan>(input, std::move(exprs), std::move(output)));
      }
      case PlanKind::kFilter: {
        const auto& f = plan->As<FilterPlan>();
        std::set<ColumnId> needed = required;
        AddColumns(f.predicate, &needed);
        ASSIGN_OR_RAISE(auto input, Prune(f.input, needed));
        return input == f.input ? plan : plan->WithInputs({input});
      }
      case PlanKind::kSort: {
        const auto& s = plan->As<SortPlan>();
        std::set<ColumnId> needed = required;
        for (const auto& k : s.keys) AddColumns(k.expr, &needed);
        ASSIGN_OR_RAISE(auto input, Prune(s.input, needed));
        return input == s.input ? plan : plan->WithInputs({input});
      }
      case PlanKind::kLimit: {
        const auto& l = plan->As<LimitPlan>();
        ASSIGN_OR_RAISE(auto input, Prune(l.input, required));
        return input == l.input ? plan : plan->WithInputs({input});
      }
      case PlanKind::kAggregate: {
        const auto& agg = plan->As<AggregatePlan>();
        std::vector<ExprPtr> aggregates;
        std::vector<OutputColumn> output(agg.output().begin(),
                                         agg.output().begin() + static_cast<std::ptrdiff_t>(agg.group_exprs.size()));
        std::set<ColumnId> needed;
        for (const auto& g : agg.group_exprs) AddColumns(g, &needed);
        for (size_t i = 0; i < agg.aggregates.size(); ++i) {
          const auto& column = agg.output()[agg.group_exprs.size() + i];
          if (!required.count(column.id)) continue;
          aggregates.push_back(agg.aggregates[i]);
          output.push_back(column);
          AddColumns(agg.aggregates[i], &needed);
        }
        if (!agg.grouping_sets.empty()) output.push_back(agg.output().back());
        ASSIGN_OR_RAISE(auto input, Prune(agg.input, needed));
        if (aggregates.size() == agg.aggregates.size() && input == agg.input) return plan;
        return LogicalPlanPtr(std::make_shared<AggregatePlan>(input, agg.group_exprs, agg.grouping_sets,
                                                              std::move(aggregates), std::move(output)));
      }
      case PlanKind::kJoin: {
        const auto& j = plan->As<JoinPlan>();
        std::set<ColumnId> needed = required;
        for (const auto& e : j.expressions()) AddColumns(e, &needed);
        std::set<ColumnId> left_needed, right_needed;
        for (ColumnId id : needed) {
          if (j.left->FindColumn(id)) left_needed.insert(id);
          if (j.right->FindColumn(id)) right_needed.insert(id);
        }
        ASSIGN_OR_RAISE(auto left, Prune(j.left, left_needed));
        ASSIGN_OR_RAISE(auto right, Prune(j.right, right_needed));
        if (left == j.left && right == j.right) return plan;
        return plan->WithInputs({left, right});
      }
      case PlanKind::kWindow: {
        const auto& w = plan->As<WindowPlan>();
        std::vector<ExprPtr> windows;
        std::vector<OutputColumn> window_columns;
        size_t base = w.input->output().size();
        std::set<ColumnId> needed;
        for (ColumnId id : required) {
          if (w.input->FindColumn(id)) needed.insert(id);
        }
        for (size_t i = 0; i < w.window_exprs.size(); ++i) {
          const auto& column = w.output()[base + i];
          if (!required.count(column.id)) continue;
          windows.push_back(w.window_exprs[i]);
          window_columns.push_back(column);
          AddColumns(w.window_exprs[i], &needed);
        }
        ASSIGN_OR_RAISE(auto input, Prune(w.input, needed));
        if (windows.empty()) return input;
        std::vector<OutputColumn> output = input->output();
        output.insert(output.end(), window_columns.begin(), window_columns.end());
        return LogicalPlanPtr(std::make_shared<WindowPlan>(input, std::move(windows), std::move(output)));
      }
      case PlanKind::kDistinct:
      case PlanKind::kSetOperation:
      case PlanKind::kValues:
      case PlanKind::kEmpty:
      default: {
        // Every column matters (duplicates are judged on whole rows; set operations match
        // columns by position): prune below with all of each input's columns.
        std::vector<LogicalPlanPtr> inputs = plan->inputs();
        bool changed = false;
        for (auto& input : inputs) {
          ASSIGN_OR_RAISE(auto next, Prune(input, OutputIds(*input)));
          changed = changed || next != input;
          input = std::move(next);
        }
        return changed ? plan->WithInputs(std::move(inputs)) : plan;
      }
    }
  }
};

class PushDownProjection final : public OptimizerPass {
 public:
  std::string_view name() const override { return "push_down_projection"; }
  Result<LogicalPlanPtr> Apply(const LogicalPlanPtr& plan, const OptimizerContext&) const override {
    Pruner pruner;
    ASSIGN_OR_RAISE(auto pruned, pruner.Prune(plan, OutputIds(*plan)));
    return ProjectTo(pruned, plan->output());
  }
};

}  // namespace

std::unique_ptr<OptimizerPass> MakePushDownProjection() {
  return std::make_unique<PushDownProjection>();
}

}  // namespace ballista::optimizer
