#include "ballista/logical/plan.h"

namespace ballista::logical {
namespace {

std::string ExprList(const std::vector<ExprPtr>& exprs) {
  std::string out;
  for (size_t i = 0; i < exprs.size(); ++i) out += (i ? ", " : "") + exprs[i]->ToString();
  return out;
}

std::string SortList(const std::vector<SortExpr>& keys) {
  std::string out;
  for (size_t i = 0; i < keys.size(); ++i) out += (i ? ", " : "") + keys[i].ToString();
  return out;
}


}  // namespace

ExprPtr OutputColumn::ToExpr() const {
  return std::make_shared<ColumnExpr>(id, QualifiedName(), type, nullable);
}

const OutputColumn* LogicalPlan::FindColumn(ColumnId id) const {
  for (const auto& column : output_) {
    if (column.id == id) return &column;
  }
  return nullptr;
}

arrow::SchemaPtr LogicalPlan::ToArrowSchema() const {
  arrow::FieldVector fields;
  fields.reserve(output_.size());
  for (const auto& column : output_) {
    fields.push_back(arrow::MakeField(column.name, column.type, column.nullable));
  }
  return arrow::MakeSchema(std::move(fields));
}

// ---- TableScan ----

LogicalPlanPtr TableScan::WithInputs(std::vector<LogicalPlanPtr>) const {
  return std::make_shared<TableScan>(table, projection, output(), filters, fetch);
}
std::string TableScan::Describe() const {
  std::string out = "TableScan: " + table.table;
  out += " projection=[";
  for (size_t i = 0; i < output().size(); ++i) out += (i ? ", " : "") + output()[i].name;
  out += "]";
  if (!filters.empty()) out += " filters=[" + ExprList(filters) + "]";
  if (fetch) out += " fetch=" + std::to_string(*fetch);
  return out;
}

// ---- Values / Empty ----

LogicalPlanPtr ValuesPlan::WithInputs(std::vector<LogicalPlanPtr>) const {
  return std::make_shared<ValuesPlan>(rows, output());
}
std::vector<ExprPtr> ValuesPlan::expressions() const {
  std::vector<ExprPtr> out;
  for (const auto& row : rows) out.insert(out.end(), row.begin(), row.end());
  return out;
}
std::string ValuesPlan::Describe() const {
  std::string out = "Values: ";
  size_t shown = std::min<size_t>(rows.size(), 5);
  for (size_t r = 0; r < shown; ++r) out += (r ? ", " : "") + ("(" + ExprList(rows[r]) + ")");
  if (rows.size() > shown) out += ", ... (" + std::to_string(rows.size()) + " rows)";
  return out;
}

LogicalPlanPtr EmptyPlan::WithInputs(std::vector<LogicalPlanPtr>) const {
  return std::make_shared<EmptyPlan>(produce_one_row, output());
}
std::string EmptyPlan::Describe() const {
  return std::string("EmptyRelation: rows=") + (produce_one_row ? "1" : "0");
}

// ---- Projection / Filter ----

LogicalPlanPtr ProjectionPlan::WithInputs(std::vector<LogicalPlanPtr> inputs) const {
  return std::make_shared<ProjectionPlan>(inputs.at(0), exprs, output());
}
std::string ProjectionPlan::Describe() const {
  std::string out = "Projection: ";
  for (size_t i = 0; i < exprs.size(); ++i) {
    out += (i ? ", " : "") + exprs[i]->ToString();
    // Show the name only where it differs from the expression text.
    const auto& column = output()[i];
    if (column.name != exprs[i]->ToString() && column.QualifiedName() != exprs[i]->ToString()) {
      out += " AS " + column.name;
    }
  }
  return out;
}

LogicalPlanPtr FilterPlan::WithInputs(std::vector<LogicalPlanPtr> inputs) const {
  return std::make_shared<FilterPlan>(inputs.at(0), predicate);
}
std::string FilterPlan::Describe() const { return "Filter: " + predicate->ToString(); }

// ---- Aggregate ----

LogicalPlanPtr AggregatePlan::WithInputs(std::vector<LogicalPlanPtr> inputs) const {
  return std::make_shared<AggregatePlan>(inputs.at(0), group_exprs, grouping_sets, aggregates,
                                         output(), mode);
}
std::vector<ExprPtr> AggregatePlan::expressions() const {
  std::vector<ExprPtr> out = group_exprs;
  out.insert(out.end(), aggregates.begin(), aggregates.end());
  return out;
}
std::string AggregatePlan::Describe() const {
  std::string out = mode == AggregateMode::kPartial ? "PartialAggregate: groups=["
                    : mode == AggregateMode::kFinal ? "FinalAggregate: groups=["
                                                     : "Aggregate: groups=[";
  out += ExprList(group_exprs) + "]";
  if (!grouping_sets.empty()) {
    out += " sets=[";
    for (size_t s = 0; s < grouping_sets.size(); ++s) {
      out += s ? ", (" : "(";
      for (size_t i = 0; i < grouping_sets[s].size(); ++i) {
        out += (i ? ", " : "") + group_exprs[static_cast<size_t>(grouping_sets[s][i])]->ToString();
      }
      out += ")";
    }
    out += "]";
  }
  return out + " aggs=[" + ExprList(aggregates) + "]";
}

// ---- Join ----

std::string_view JoinTypeName(JoinType type) {
  switch (type) {
    case JoinType::kInner:
      return "Inner";
    case JoinType::kLeft:
      return "Left";
    case JoinType::kRight:
      return "Right";
    case JoinType::kFull:
      return "Full";
    case JoinType::kLeftSemi:
      return "LeftSemi";
    case JoinType::kLeftAnti:
      return "LeftAnti";
    case JoinType::kLeftMark:
      return "LeftMark";
  }
  return "Inner";
}

std::vector<OutputColumn> JoinPlan::JoinOutput(const LogicalPlan& left, const LogicalPlan& right,
                                               JoinType type, const OutputColumn* mark) {
  std::vector<OutputColumn> out = left.output();
  bool right_side_nullable = type == JoinType::kLeft || type == JoinType::kFull;
  bool left_side_nullable = type == JoinType::kRight || type == JoinType::kFull;
  if (left_side_nullable) {
    for (auto& column : out) column.nullable = true;
  }
  switch (type) {
    case JoinType::kLeftSemi:
    case JoinType::kLeftAnti:
      return out;
    case JoinType::kLeftMark:
      if (mark) out.push_back(*mark);
      return out;
    default:
      break;
  }
  for (auto column : right.output()) {
    if (right_side_nullable) column.nullable = true;
    out.push_back(std::move(column));
  }
  return out;
}

LogicalPlanPtr JoinPlan::WithInputs(std::vector<LogicalPlanPtr> inputs) const {
  const OutputColumn* mark = join_type == JoinType::kLeftMark ? &output().back() : nullptr;
  auto new_output = JoinOutput(*inputs.at(0), *inputs.at(1), join_type, mark);
  return std::make_shared<JoinPlan>(inputs[0], inputs[1], join_type, keys, filter, null_aware,
                                    std::move(new_output));
}
std::vector<ExprPtr> JoinPlan::expressions() const {
  std::vector<ExprPtr> out;
  for (const auto& [l, r] : keys) {
    out.push_back(l);
    out.push_back(r);
  }
  if (filter) out.push_back(filter);
  return out;
}
std::string JoinPlan::Describe() const {
  if (IsCrossJoin()) return "CrossJoin";
  std::string out = "Join: " + std::string(JoinTypeName(join_type));
  if (!keys.empty()) {
    out += " on=[";
    for (size_t i = 0; i < keys.size(); ++i) {
      out += (i ? ", " : "") + keys[i].first->ToString() + " = " + keys[i].second->ToString();
    }
    out += "]";
  }
  if (filter) out += " filter=" + filter->ToString();
  if (null_aware) out += " null_aware";
  return out;
}

// ---- Sort / Limit ----

LogicalPlanPtr SortPlan::WithInputs(std::vector<LogicalPlanPtr> inputs) const {
  return std::make_shared<SortPlan>(inputs.at(0), keys, fetch);
}
std::vector<ExprPtr> SortPlan::expressions() const {
  std::vector<ExprPtr> out;
  for (const auto& key : keys) out.push_back(key.expr);
  return out;
}
std::string SortPlan::Describe() const {
  std::string out = "Sort: " + SortList(keys);
  if (fetch) out += " fetch=" + std::to_string(*fetch);
  return out;
}

LogicalPlanPtr LimitPlan::WithInputs(std::vector<LogicalPlanPtr> inputs) const {
  return std::make_shared<LimitPlan>(inputs.at(0), skip, fetch);
}
std::string LimitPlan::Describe() const {
  std::string out = "Limit: skip=" + std::to_string(skip);
  out += " fetch=" + (fetch ? std::to_string(*fetch) : std::string("None"));
  return out;
}

// ---- Set operations, distinct, window ----

LogicalPlanPtr SetOperationPlan::WithInputs(std::vector<LogicalPlanPtr> inputs) const {
  return std::make_shared<SetOperationPlan>(op, all, std::move(inputs), output());
}
std::string SetOperationPlan::Describe() const {
  const char* name = op == SetOpKind::kUnion ? "Union" : op == SetOpKind::kIntersect ? "Intersect"
                                                                                      : "Except";
  return std::string(name) + (all ? " All" : "");
}

LogicalPlanPtr DistinctPlan::WithInputs(std::vector<LogicalPlanPtr> inputs) const {
  return std::make_shared<DistinctPlan>(inputs.at(0));
}

LogicalPlanPtr WindowPlan::WithInputs(std::vector<LogicalPlanPtr> inputs) const {
  std::vector<OutputColumn> new_output = inputs.at(0)->output();
  size_t window_count = window_exprs.size();
  new_output.insert(new_output.end(), output().end() - static_cast<std::ptrdiff_t>(window_count),
                    output().end());
  return std::make_shared<WindowPlan>(inputs[0], window_exprs, std::move(new_output));
}
std::string WindowPlan::Describe() const { return "Window: " + ExprList(window_exprs); }

// ---- Printing and visiting ----

namespace {

void PrintPlan(const LogicalPlan& plan, int depth, std::string* out) {
  out->append(static_cast<size_t>(depth) * 2, ' ');
  out->append(plan.Describe());
  out->push_back('\n');
  for (const auto& expr : plan.expressions()) {
    VisitExpr(expr, [&](const ExprPtr& e) {
      if (e->kind == ExprKind::kSubquery) {
        out->append(static_cast<size_t>(depth + 1) * 2, ' ');
        out->append("Subquery:\n");
        PrintPlan(*e->As<SubqueryExpr>().plan, depth + 2, out);
      }
    });
  }
  for (const auto& input : plan.inputs()) PrintPlan(*input, depth + 1, out);
}

}  // namespace

std::string PlanToString(const LogicalPlan& plan) {
  std::string out;
  PrintPlan(plan, 0, &out);
  return out;
}

void VisitPlan(const LogicalPlanPtr& plan,
               const std::function<void(const LogicalPlanPtr&)>& visit) {
  if (!plan) return;
  visit(plan);
  for (const auto& expr : plan->expressions()) {
    VisitExpr(expr, [&](const ExprPtr& e) {
      if (e->kind == ExprKind::kSubquery) VisitPlan(e->As<SubqueryExpr>().plan, visit);
    });
  }
  for (const auto& input : plan->inputs()) VisitPlan(input, visit);
}

}  // namespace ballista::logical
