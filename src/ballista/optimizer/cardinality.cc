#include "ballista/optimizer/cardinality.h"

#include <algorithm>

#include "ballista/optimizer/plan_util.h"

namespace ballista::optimizer {
using namespace ballista::logical;
namespace {

constexpr double kDefaultTableRows = 1000;

double TableRows(const TableScan& scan) {
  auto stats = scan.table.provider->Statistics();
  return stats.num_rows ? static_cast<double>(*stats.num_rows) : kDefaultTableRows;
}

}  // namespace

/// A distinct-count estimate from column statistics: the provider's estimate, else the width of
/// an integer column's [min, max] range; 0 when unknown.
double StatisticsDistinct(const catalog::ColumnStatistics& column) {
  if (column.distinct_count) return static_cast<double>(*column.distinct_count);
  if (column.min && column.max && !column.min->is_null() && !column.max->is_null() &&
      arrow::IsInteger(column.min->type()->id()) && arrow::IsInteger(column.max->type()->id())) {
    auto as_double = [](const arrow::Scalar& s) {
      return arrow::IsSignedInteger(s.type()->id()) ? static_cast<double>(s.As<int64_t>())
                                                    : static_cast<double>(s.As<uint64_t>());
    };
    return std::max(1.0, as_double(*column.max) - as_double(*column.min) + 1);
  }
  return 0;
}

CardinalityEstimator::CardinalityEstimator(const LogicalPlanPtr& plan) {
  VisitPlan(plan, [&](const LogicalPlanPtr& node) {
    if (node->kind != PlanKind::kTableScan) return;
    const auto& scan = node->As<TableScan>();
    auto stats = scan.table.provider->Statistics();
    double rows = stats.num_rows ? static_cast<double>(*stats.num_rows) : kDefaultTableRows;
    for (size_t i = 0; i < scan.output().size(); ++i) {
      ColumnId id = scan.output()[i].id;
      double distinct = rows;
      size_t field = static_cast<size_t>(scan.projection[i]);
      if (field < stats.columns.size()) {
        double known = StatisticsDistinct(stats.columns[field]);
        if (known > 0) distinct = std::min(rows, known);
      }
      distinct_[id] = distinct;
    }
  });
}

double CardinalityEstimator::Selectivity(const ExprPtr& predicate) const {
  std::vector<ExprPtr> conjuncts;
  SplitConjunction(predicate, &conjuncts);
  double selectivity = 1.0;
  for (const auto& c : conjuncts) {
    double s = 0.5;
    if (c->kind == ExprKind::kCall) {
      const std::string& n = c->As<CallExpr>().name();
      const auto& args = c->As<CallExpr>().args;
      bool has_constant = false;
      for (const auto& a : args) has_constant = has_constant || IsConstant(a);
      if (n == "eq") {
        if (has_constant) {
          double distinct = DistinctCount(IsConstant(args[0]) ? args[1] : args[0]);
          s = distinct > 0 ? std::max(1.0 / distinct, 0.001) : 0.1;
          s = std::min(s, 0.1);
        } else {
          s = 0.1;
        }
      } else if (n == "lt" || n == "lt_eq" || n == "gt" || n == "gt_eq") {
        s = 0.33;
      } else if (n == "like" || n == "ilike" || n == "similar_to") {
        s = 0.25;
      } else if (n == "not") {
        s = 0.9;
      } else if (n == "or") {
        s = 0.4;
      } else if (n == "is_not_null") {
        s = 0.95;
      } else if (n == "is_null") {
        s = 0.05;
      }
    }
    selectivity *= s;
  }
  return selectivity;
}

double CardinalityEstimator::DistinctCount(const ExprPtr& key) const {
  if (key->kind != ExprKind::kColumn) return 0;
  auto it = distinct_.find(key->As<ColumnExpr>().id);
  return it == distinct_.end() ? 0 : it->second;
}

double CardinalityEstimator::KeySelectivity(const ExprPtr& left, const ExprPtr& right,
                                            double left_rows, double right_rows) const {
  double distinct = std::max(DistinctCount(left), DistinctCount(right));
  if (distinct <= 0) distinct = std::max(left_rows, right_rows);
  return 1.0 / std::max(distinct, 1.0);
}

double CardinalityEstimator::Rows(const LogicalPlan& plan) const {
  switch (plan.kind) {
    case PlanKind::kTableScan: {
      const auto& scan = plan.As<TableScan>();
      double rows = TableRows(scan);
      if (scan.fetch) rows = std::min(rows, static_cast<double>(*scan.fetch));
      return rows;
    }
    case PlanKind::kValues:
      return static_cast<double>(plan.As<ValuesPlan>().rows.size());
    case PlanKind::kEmpty:
      return plan.As<EmptyPlan>().produce_one_row ? 1 : 0;
    case PlanKind::kFilter: {
      const auto& filter = plan.As<FilterPlan>();
      return std::max(1.0, Rows(*filter.input) * Selectivity(filter.predicate));
    }
    case PlanKind::kProjection:
      return Rows(*plan.As<ProjectionPlan>().input);
    case PlanKind::kWindow:
      return Rows(*plan.As<WindowPlan>().input);
    case PlanKind::kSort:
      return Rows(*plan.As<SortPlan>().input);
    case PlanKind::kDistinct:
      return std::max(1.0, Rows(*plan.As<DistinctPlan>().input) * 0.5);
    case PlanKind::kLimit: {
      const auto& limit = plan.As<LimitPlan>();
      double rows = Rows(*limit.input);
      return limit.fetch ? std::min(rows, static_cast<double>(*limit.fetch)) : rows;
    }
    case PlanKind::kAggregate: {
      const auto& agg = plan.As<AggregatePlan>();
      if (agg.group_exprs.empty()) return 1;
      double input = Rows(*agg.input);
      double distinct = 1;
      for (const auto& g : agg.group_exprs) {
        double d = DistinctCount(g);
        distinct *= d > 0 ? d : input * 0.1;
      }
      return std::max(1.0, std::min(input, distinct));
    }
    case PlanKind::kSetOperation: {
      double rows = 0;
      for (const auto& input : plan.inputs()) rows += Rows(*input);
      return rows;
    }
    case PlanKind::kJoin: {
      const auto& join = plan.As<JoinPlan>();
      double l = Rows(*join.left), r = Rows(*join.right);
      double rows = l * r;
      double key_selectivity = 1.0;
      for (const auto& [a, b] : join.keys) {
        key_selectivity = std::min(key_selectivity, KeySelectivity(a, b, l, r));
      }
      rows *= key_selectivity;
      if (join.filter) rows *= Selectivity(join.filter);
      switch (join.join_type) {
        case JoinType::kLeftSemi:
          return std::max(1.0, std::min(l, rows) * 0.5 + 0.5);
        case JoinType::kLeftAnti:
          return std::max(1.0, l * 0.5);
        case JoinType::kLeftMark:
          return l;
        case JoinType::kLeft:
          return std::max(l, rows);
        case JoinType::kRight:
          return std::max(r, rows);
        case JoinType::kFull:
          return std::max(l + r, rows);
        case JoinType::kInner:
          return std::max(1.0, rows);
      }
      return rows;
    }
  }
  return kDefaultTableRows;
}

}  // namespace ballista::optimizer
