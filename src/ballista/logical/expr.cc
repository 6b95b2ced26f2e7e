#include "ballista/logical/expr.h"

#include <atomic>
#include <functional>
#include <string_view>

#include "ballista/catalog/sql_type_name.h"
#include "ballista/logical/plan.h"

namespace ballista::logical {
namespace {

size_t Combine(size_t seed, size_t value) {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

size_t HashList(size_t seed, const std::vector<ExprPtr>& list) {
  for (const auto& e : list) seed = Combine(seed, e ? e->Hash() : 0);
  return seed;
}

bool ListEquals(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!ExprEquals(a[i], b[i])) return false;
  }
  return true;
}

bool SortListEquals(const std::vector<SortExpr>& a, const std::vector<SortExpr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a[i].Equals(b[i])) return false;
  }
  return true;
}

std::string JoinStrings(const std::vector<ExprPtr>& list, std::string_view sep = ", ") {
  std::string out;
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out += sep;
    out += list[i]->ToString();
  }
  return out;
}

/// Infix spelling of operator functions; null for ordinary functions.
const char* InfixOperator(std::string_view name) {
  static const std::pair<std::string_view, const char*> kOps[] = {
      {"add", "+"},        {"subtract", "-"},      {"multiply", "*"},   {"divide", "/"},
      {"modulo", "%"},     {"eq", "="},            {"not_eq", "<>"},    {"lt", "<"},
      {"lt_eq", "<="},     {"gt", ">"},            {"gt_eq", ">="},     {"and", "AND"},
      {"or", "OR"},        {"concat_op", "||"},    {"like", "LIKE"},    {"not_like", "NOT LIKE"},
      {"ilike", "ILIKE"},  {"not_ilike", "NOT ILIKE"}, {"similar_to", "SIMILAR TO"},
      {"is_distinct_from", "IS DISTINCT FROM"},
      {"is_not_distinct_from", "IS NOT DISTINCT FROM"},
  };
  for (const auto& [fn, op] : kOps) {
    if (fn == name) return op;
  }
  return nullptr;
}

/// Operand text, parenthesized when it is itself an operator expression.
std::string Operand(const ExprPtr& e) {
  std::string text = e->ToString();
  if (e->kind == ExprKind::kCall && InfixOperator(e->As<CallExpr>().name()) != nullptr) {
    return "(" + text + ")";
  }
  return text;
}


}  // namespace

ColumnId NextColumnId() {
  static std::atomic<ColumnId> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

bool ExprEquals(const ExprPtr& a, const ExprPtr& b) {
  if (a == b) return true;
  if (!a || !b) return false;
  return a->kind == b->kind && a->Equals(*b);
}

// ---- ColumnExpr ----

bool ColumnExpr::Equals(const Expr& other) const {
  return other.kind == ExprKind::kColumn && other.As<ColumnExpr>().id == id;
}
size_t ColumnExpr::Hash() const { return Combine(1, std::hash<int64_t>()(id)); }
ExprPtr ColumnExpr::WithChildren(std::vector<ExprPtr>) const {
  return std::make_shared<ColumnExpr>(id, name, type, nullable);
}

// ---- LiteralExpr ----

std::string LiteralExpr::ToString() const {
  if (value.is_null()) return "NULL";
  switch (type->id()) {
    case arrow::TypeId::kUtf8:
    case arrow::TypeId::kLargeUtf8:
    case arrow::TypeId::kUtf8View: {
      std::string out = "'";
      for (char c : value.As<std::string>()) {
        if (c == '\'') out += '\'';
        out += c;
      }
      return out + "'";
    }
    case arrow::TypeId::kDate32:
    case arrow::TypeId::kDate64:
      return "DATE '" + value.ToString() + "'";
    case arrow::TypeId::kTimestamp:
      return "TIMESTAMP '" + value.ToString() + "'";
    case arrow::TypeId::kIntervalMonthDayNano:
    case arrow::TypeId::kIntervalDayTime:
    case arrow::TypeId::kIntervalYearMonth:
      return "INTERVAL '" + value.ToString() + "'";
    default:
      return value.ToString();
  }
}
bool LiteralExpr::Equals(const Expr& other) const {
  return other.kind == ExprKind::kLiteral && other.As<LiteralExpr>().value.Equals(value);
}
size_t LiteralExpr::Hash() const { return Combine(2, value.Hash()); }
ExprPtr LiteralExpr::WithChildren(std::vector<ExprPtr>) const {
  return std::make_shared<LiteralExpr>(value);
}

// ---- CallExpr ----

CallExpr::CallExpr(const compute::ScalarFunction* function, std::vector<ExprPtr> args,
                   compute::ResolvedScalar resolved, bool nullable)
    : Expr(ExprKind::kCall, resolved.return_type, nullable),
      function(function),
      args(std::move(args)),
      resolved(std::move(resolved)) {}

std::string CallExpr::ToString() const {
  const std::string& fn = name();
  if (const char* op = InfixOperator(fn); op != nullptr && args.size() == 2) {
    return Operand(args[0]) + " " + op + " " + Operand(args[1]);
  }
  if (fn == "negate" && args.size() == 1) return "-" + Operand(args[0]);
  if (fn == "not" && args.size() == 1) return "NOT " + Operand(args[0]);
  if (fn == "is_null" && args.size() == 1) return Operand(args[0]) + " IS NULL";
  if (fn == "is_not_null" && args.size() == 1) return Operand(args[0]) + " IS NOT NULL";
  return fn + "(" + JoinStrings(args) + ")";
}
bool CallExpr::Equals(const Expr& other) const {
  if (other.kind != ExprKind::kCall) return false;
  const auto& o = other.As<CallExpr>();
  return o.function == function && o.type->Equals(*type) && ListEquals(o.args, args);
}
size_t CallExpr::Hash() const {
  return HashList(Combine(3, std::hash<std::string>()(name())), args);
}
ExprPtr CallExpr::WithChildren(std::vector<ExprPtr> children) const {
  return std::make_shared<CallExpr>(function, std::move(children), resolved, nullable);
}

// ---- CastExpr ----

std::string CastExpr::ToString() const {
  return std::string(try_cast ? "TRY_CAST(" : "CAST(") + input->ToString() + " AS " +
         catalog::SqlTypeName(*type) + ")";
}
bool CastExpr::Equals(const Expr& other) const {
  if (other.kind != ExprKind::kCast) return false;
  const auto& o = other.As<CastExpr>();
  return o.try_cast == try_cast && o.type->Equals(*type) && ExprEquals(o.input, input);
}
size_t CastExpr::Hash() const { return Combine(Combine(4, input->Hash()), try_cast); }
ExprPtr CastExpr::WithChildren(std::vector<ExprPtr> children) const {
  return std::make_shared<CastExpr>(children.at(0), type, try_cast);
}

// ---- CaseExpr ----

namespace {
bool CaseNullable(const std::vector<std::pair<ExprPtr, ExprPtr>>& whens, const ExprPtr& else_value) {
  if (!else_value || else_value->nullable) return true;
  for (const auto& [_, value] : whens) {
    if (value->nullable) return true;
  }
  return false;
}
}  // namespace

CaseExpr::CaseExpr(std::vector<std::pair<ExprPtr, ExprPtr>> whens, ExprPtr else_value,
                   arrow::DataTypePtr type)
    : Expr(ExprKind::kCase, std::move(type), CaseNullable(whens, else_value)),
      whens(std::move(whens)),
      else_value(std::move(else_value)) {}

std::string CaseExpr::ToString() const {
  std::string out = "CASE";
  for (const auto& [cond, value] : whens) {
    out += " WHEN " + cond->ToString() + " THEN " + value->ToString();
  }
  if (else_value) out += " ELSE " + else_value->ToString();
  return out + " END";
}
bool CaseExpr::Equals(const Expr& other) const {
  if (other.kind != ExprKind::kCase) return false;
  const auto& o = other.As<CaseExpr>();
  return ListEquals(o.children(), children()) && (o.else_value == nullptr) == (else_value == nullptr);
}
size_t CaseExpr::Hash() const { return HashList(5, children()); }
std::vector<ExprPtr> CaseExpr::children() const {
  std::vector<ExprPtr> out;
  for (const auto& [cond, value] : whens) {
    out.push_back(cond);
    out.push_back(value);
  }
  if (else_value) out.push_back(else_value);
  return out;
}
ExprPtr CaseExpr::WithChildren(std::vector<ExprPtr> children) const {
  std::vector<std::pair<ExprPtr, ExprPtr>> new_whens;
  size_t i = 0;
  for (; i + 1 < children.size() && new_whens.size() < whens.size(); i += 2) {
    new_whens.emplace_back(children[i], children[i + 1]);
  }
  ExprPtr new_else = i < children.size() ? children[i] : nullptr;
  return std::make_shared<CaseExpr>(std::move(new_whens), std::move(new_else), type);
}

// ---- SortExpr ----

bool SortExpr::Equals(const SortExpr& other) const {
  return ascending == other.ascending && nulls_first == other.nulls_first &&
         ExprEquals(expr, other.expr);
}
std::string SortExpr::ToString() const {
  return expr->ToString() + (ascending ? " ASC" : " DESC") +
         (nulls_first ? " NULLS FIRST" : " NULLS LAST");
}

// ---- AggregateExpr ----

AggregateExpr::AggregateExpr(const compute::AggregateFunction* function, std::vector<ExprPtr> args,
                             bool distinct, ExprPtr filter, std::vector<SortExpr> order_by,
                             compute::ResolvedAggregate resolved)
    : Expr(ExprKind::kAggregate, resolved.return_type, true),
      function(function),
      args(std::move(args)),
      distinct(distinct),
      filter(std::move(filter)),
      order_by(std::move(order_by)),
      resolved(std::move(resolved)) {}

std::string AggregateExpr::ToString() const {
  std::string out = name() + "(" + (distinct ? "DISTINCT " : "");
  out += args.empty() ? std::string("*") : JoinStrings(args);
  if (!order_by.empty()) {
    out += " ORDER BY ";
    for (size_t i = 0; i < order_by.size(); ++i) {
      out += (i ? ", " : "") + order_by[i].ToString();
    }
  }
  out += ")";
  if (filter) out += " FILTER (WHERE " + filter->ToString() + ")";
  return out;
}
bool AggregateExpr::Equals(const Expr& other) const {
  if (other.kind != ExprKind::kAggregate) return false;
  const auto& o = other.As<AggregateExpr>();
  return o.function == function && o.distinct == distinct && ListEquals(o.args, args) &&
         ExprEquals(o.filter, filter) && SortListEquals(o.order_by, order_by);
}
size_t AggregateExpr::Hash() const {
  return HashList(Combine(Combine(6, std::hash<std::string>()(name())), distinct), children());
}
std::vector<ExprPtr> AggregateExpr::children() const {
  std::vector<ExprPtr> out = args;
  if (filter) out.push_back(filter);
  for (const auto& key : order_by) out.push_back(key.expr);
  return out;
}
ExprPtr AggregateExpr::WithChildren(std::vector<ExprPtr> children) const {
  std::vector<ExprPtr> new_args(children.begin(),
                                children.begin() + static_cast<std::ptrdiff_t>(args.size()));
  size_t i = args.size();
  ExprPtr new_filter = filter ? children.at(i++) : nullptr;
  std::vector<SortExpr> new_order = order_by;
  for (auto& key : new_order) key.expr = children.at(i++);
  return std::make_shared<AggregateExpr>(function, std::move(new_args), distinct,
                                         std::move(new_filter), std::move(new_order), resolved);
}

// ---- Window frames ----

bool FrameBound::Equals(const FrameBound& other) const {
  return kind == other.kind && ExprEquals(offset, other.offset);
}
std::string FrameBound::ToString() const {
  switch (kind) {
    case Kind::kUnboundedPreceding:
      return "UNBOUNDED PRECEDING";
    case Kind::kPreceding:
      return offset->ToString() + " PRECEDING";
    case Kind::kCurrentRow:
      return "CURRENT ROW";
    case Kind::kFollowing:
      return offset->ToString() + " FOLLOWING";
    case Kind::kUnboundedFollowing:
      return "UNBOUNDED FOLLOWING";
  }
  return "";
}
bool WindowFrame::Equals(const WindowFrame& other) const {
  return units == other.units && start.Equals(other.start) && end.Equals(other.end);
}
std::string WindowFrame::ToString() const {
  const char* unit = units == FrameUnits::kRows ? "ROWS" : units == FrameUnits::kRange ? "RANGE"
                                                                                        : "GROUPS";
  return std::string(unit) + " BETWEEN " + start.ToString() + " AND " + end.ToString();
}

// ---- WindowExpr ----

WindowExpr::WindowExpr(std::string function_name, const compute::WindowFunction* window_function,
                       const compute::AggregateFunction* aggregate_function,
                       std::vector<ExprPtr> args, bool distinct, std::vector<ExprPtr> partition_by,
                       std::vector<SortExpr> order_by, WindowFrame frame, arrow::DataTypePtr type,
                       bool nullable, std::optional<compute::ResolvedAggregate> resolved_aggregate)
    : Expr(ExprKind::kWindow, std::move(type), nullable),
      function_name(std::move(function_name)),
      window_function(window_function),
      aggregate_function(aggregate_function),
      args(std::move(args)),
      distinct(distinct),
      partition_by(std::move(partition_by)),
      order_by(std::move(order_by)),
      frame(std::move(frame)),
      resolved_aggregate(std::move(resolved_aggregate)) {}

std::string WindowExpr::ToString() const {
  std::string out = function_name + "(" + (distinct ? "DISTINCT " : "") + JoinStrings(args) +
                    ") OVER (";
  bool space = false;
  if (!partition_by.empty()) {
    out += "PARTITION BY " + JoinStrings(partition_by);
    space = true;
  }
  if (!order_by.empty()) {
    out += std::string(space ? " " : "") + "ORDER BY ";
    for (size_t i = 0; i < order_by.size(); ++i) out += (i ? ", " : "") + order_by[i].ToString();
    space = true;
  }
  out += std::string(space ? " " : "") + frame.ToString() + ")";
  return out;
}
bool WindowExpr::Equals(const Expr& other) const {
  if (other.kind != ExprKind::kWindow) return false;
  const auto& o = other.As<WindowExpr>();
  return o.function_name == function_name && o.distinct == distinct && ListEquals(o.args, args) &&
         ListEquals(o.partition_by, partition_by) && SortListEquals(o.order_by, order_by) &&
         o.frame.Equals(frame);
}
size_t WindowExpr::Hash() const {
  return HashList(Combine(7, std::hash<std::string>()(function_name)), children());
}
std::vector<ExprPtr> WindowExpr::children() const {
  std::vector<ExprPtr> out = args;
  out.insert(out.end(), partition_by.begin(), partition_by.end());
  for (const auto& key : order_by) out.push_back(key.expr);
  if (frame.start.offset) out.push_back(frame.start.offset);
  if (frame.end.offset) out.push_back(frame.end.offset);
  return out;
}
ExprPtr WindowExpr::WithChildren(std::vector<ExprPtr> children) const {
  size_t i = 0;
  std::vector<ExprPtr> new_args, new_partition;
  for (size_t k = 0; k < args.size(); ++k) new_args.push_back(children.at(i++));
  for (size_t k = 0; k < partition_by.size(); ++k) new_partition.push_back(children.at(i++));
  std::vector<SortExpr> new_order = order_by;
  for (auto& key : new_order) key.expr = children.at(i++);
  WindowFrame new_frame = frame;
  if (new_frame.start.offset) new_frame.start.offset = children.at(i++);
  if (new_frame.end.offset) new_frame.end.offset = children.at(i++);
  return std::make_shared<WindowExpr>(function_name, window_function, aggregate_function,
                                      std::move(new_args), distinct, std::move(new_partition),
                                      std::move(new_order), std::move(new_frame), type, nullable,
                                      resolved_aggregate);
}

// ---- SubqueryExpr ----

SubqueryExpr::SubqueryExpr(Kind kind, LogicalPlanPtr plan, ExprPtr in_value, bool negated,
                           arrow::DataTypePtr type, bool nullable)
    : Expr(ExprKind::kSubquery, std::move(type), nullable),
      subquery_kind(kind),
      plan(std::move(plan)),
      in_value(std::move(in_value)),
      negated(negated) {}

std::string SubqueryExpr::ToString() const {
  std::string body = "(<subquery>)";
  switch (subquery_kind) {
    case Kind::kScalar:
      return body;
    case Kind::kExists:
      return std::string(negated ? "NOT " : "") + "EXISTS " + body;
    case Kind::kIn:
      return Operand(in_value) + (negated ? " NOT IN " : " IN ") + body;
  }
  return body;
}
bool SubqueryExpr::Equals(const Expr& other) const {
  if (other.kind != ExprKind::kSubquery) return false;
  const auto& o = other.As<SubqueryExpr>();
  // Plans compare by identity: two separately written subqueries are different expressions.
  return o.subquery_kind == subquery_kind && o.plan == plan && o.negated == negated &&
         ExprEquals(o.in_value, in_value);
}
size_t SubqueryExpr::Hash() const {
  return Combine(Combine(8, std::hash<const void*>()(plan.get())), negated);
}
std::vector<ExprPtr> SubqueryExpr::children() const {
  if (in_value) return {in_value};
  return {};
}
ExprPtr SubqueryExpr::WithChildren(std::vector<ExprPtr> children) const {
  return std::make_shared<SubqueryExpr>(subquery_kind, plan,
                                        children.empty() ? nullptr : children[0], negated, type,
                                        nullable);
}
ExprPtr SubqueryExpr::WithPlan(LogicalPlanPtr new_plan) const {
  return std::make_shared<SubqueryExpr>(subquery_kind, std::move(new_plan), in_value, negated,
                                        type, nullable);
}

// ---- ParameterExpr ----

bool ParameterExpr::Equals(const Expr& other) const {
  return other.kind == ExprKind::kParameter && other.As<ParameterExpr>().index == index;
}
size_t ParameterExpr::Hash() const { return Combine(9, static_cast<size_t>(index)); }
ExprPtr ParameterExpr::WithChildren(std::vector<ExprPtr>) const {
  return std::make_shared<ParameterExpr>(index, type);
}

// ---- Tree helpers ----

void VisitExpr(const ExprPtr& expr, const std::function<void(const ExprPtr&)>& visit) {
  if (!expr) return;
  visit(expr);
  for (const auto& child : expr->children()) VisitExpr(child, visit);
}

Result<ExprPtr> RewriteExpr(const ExprPtr& expr,
                            const std::function<Result<ExprPtr>(const ExprPtr&)>& rewrite) {
  if (!expr) return expr;
  std::vector<ExprPtr> children = expr->children();
  bool changed = false;
  for (auto& child : children) {
    ASSIGN_OR_RAISE(auto new_child, RewriteExpr(child, rewrite));
    if (new_child != child) {
      child = std::move(new_child);
      changed = true;
    }
  }
  ExprPtr node = changed ? expr->WithChildren(std::move(children)) : expr;
  ASSIGN_OR_RAISE(auto replacement, rewrite(node));
  return replacement ? replacement : node;
}

void CollectColumns(const ExprPtr& expr, std::vector<ColumnId>* out) {
  VisitExpr(expr, [&](const ExprPtr& e) {
    if (e->kind == ExprKind::kColumn) {
      out->push_back(e->As<ColumnExpr>().id);
    } else if (e->kind == ExprKind::kSubquery) {
      // Correlated references inside the subquery are reads of this expression's inputs too.
      VisitPlan(e->As<SubqueryExpr>().plan, [&](const LogicalPlanPtr& node) {
        for (const auto& inner : node->expressions()) CollectColumns(inner, out);
      });
    }
  });
}

void SplitConjunction(const ExprPtr& expr, std::vector<ExprPtr>* out) {
  if (IsCall(expr, "and")) {
    for (const auto& arg : expr->As<CallExpr>().args) SplitConjunction(arg, out);
  } else if (expr) {
    out->push_back(expr);
  }
}

bool IsCall(const ExprPtr& expr, std::string_view name) {
  return expr && expr->kind == ExprKind::kCall && expr->As<CallExpr>().name() == name;
}

bool IsConstant(const ExprPtr& expr) {
  bool constant = true;
  VisitExpr(expr, [&](const ExprPtr& e) {
    switch (e->kind) {
      case ExprKind::kColumn:
      case ExprKind::kAggregate:
      case ExprKind::kWindow:
      case ExprKind::kSubquery:
      case ExprKind::kParameter:
        constant = false;
        break;
      case ExprKind::kCall:
        if (e->As<CallExpr>().function->is_volatile()) constant = false;
        break;
      default:
        break;
    }
  });
  return constant;
}

}  // namespace ballista::logical
