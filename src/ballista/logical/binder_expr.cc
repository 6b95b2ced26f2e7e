#include <algorithm>

#include "ballista/common/parse_number.h"
#include "ballista/arrow/temporal_util.h"
#include "ballista/catalog/sql_type_name.h"
#include "ballista/logical/binder_internal.h"
#include "ballista/logical/literals.h"
#include "ballista/logical/type_names.h"
#include "ballista/sql/sql_printer.h"

namespace ballista::logical {
namespace a = ballista::arrow;

Status Binder::Impl::At(const sql::SourcePos& pos, Status status) {
  if (status.ok() || pos.line <= 0) return status;
  // Nested binding already placed the error; keep the innermost position.
  if (status.message().rfind("line ", 0) == 0) return status;
  return Status(status.code(), "line " + std::to_string(pos.line) + ", column " +
                                   std::to_string(pos.column) + ": " + status.message());
}

// ---- column references ----

Result<ExprPtr> Binder::Impl::BindColumnRef(const sql::ColumnRefExpr& ref, const Scope& scope) {
  const sql::ObjectName& parts = ref.name;
  std::string name = parts.back().value;
  std::string qualifier = parts.size() >= 2 ? parts[parts.size() - 2].value : "";
  auto name_matches = [&](const std::string& candidate, const sql::Ident& ident) {
    return ident.quoted ? candidate == ident.value : AsciiLower(candidate) == AsciiLower(ident.value);
  };
  for (const Scope* s = &scope; s != nullptr; s = s->outer) {
    const ScopeColumn* found = nullptr;
    int matches = 0;
    for (const auto& column : s->columns) {
      if (!name_matches(column.name, parts.back())) continue;
      if (!qualifier.empty()) {
        if (!name_matches(column.qualifier, parts[parts.size() - 2])) continue;
      } else if (column.hidden) {
        continue;
      }
      if (found != nullptr && found->id == column.id) continue;  // same column seen twice
      found = &column;
      ++matches;
    }
    if (matches > 1) {
      return Status::PlanError("column reference \"" + sql::ToSql(ref) + "\" is ambiguous");
    }
    if (found != nullptr) {
      std::string display = found->qualifier.empty() ? found->name
                                                     : found->qualifier + "." + found->name;
      return ExprPtr(std::make_shared<ColumnExpr>(found->id, display, found->type, found->nullable));
    }
  }
  if (select_aliases_ != nullptr && qualifier.empty()) {
    for (const auto& [alias, expr] : *select_aliases_) {
      if (name_matches(alias, parts.back())) return expr;
    }
  }
  // Not found: suggest the closest visible name.
  std::vector<std::string> candidates;
  for (const Scope* s = &scope; s != nullptr; s = s->outer) {
    for (const auto& column : s->columns) {
      if (!column.hidden) candidates.push_back(column.name);
    }
  }
  std::string message = "column \"" + sql::ToSql(ref) + "\" not found";
  std::string hint = catalog::ClosestName(name, candidates);
  if (!hint.empty()) message += "; did you mean \"" + hint + "\"?";
  return Status::PlanError(std::move(message));
}

// ---- literals ----

Result<ExprPtr> Binder::Impl::BindTypedString(const sql::TypedStringExpr& t) {
  ASSIGN_OR_RAISE(auto type, ResolveTypeName(t.type));
  switch (type->id()) {
    case a::TypeId::kDate32: {
      auto days = a::temporal::ParseDate(t.value);
      if (!days.ok()) return Status::PlanError("invalid DATE literal '" + t.value + "'");
      return ExprFactory::Literal(a::Scalar::Date32(static_cast<int32_t>(*days)));
    }
    case a::TypeId::kTimestamp: {
      auto value = a::temporal::ParseTimestamp(t.value, type->unit());
      if (!value.ok()) return Status::PlanError("invalid TIMESTAMP literal '" + t.value + "'");
      return ExprFactory::Literal(a::Scalar::Timestamp(*value, type->unit(), type->timezone()));
    }
    case a::TypeId::kIntervalMonthDayNano: {
      ASSIGN_OR_RAISE(auto interval, IntervalLiteral(t.value, sql::IntervalField::kNone,
                                                     sql::IntervalField::kNone));
      return ExprFactory::Literal(std::move(interval));
    }
    default:
      return factory_.Cast(ExprFactory::Literal(a::Scalar::Utf8(t.value)), type);
  }
}

// ---- conditions and comparisons ----

Result<ExprPtr> Binder::Impl::BindCondition(const sql::Expr& expr, const Scope& scope,
                                            ExprContext context, const char* clause) {
  ASSIGN_OR_RAISE(auto bound, BindExpr(expr, scope, context));
  if (bound->type->id() == a::TypeId::kNull) return factory_.Cast(bound, a::Boolean());
  if (bound->type->id() != a::TypeId::kBool) {
    return At(expr.pos, Status::TypeError(std::string(clause) + " must be type BOOLEAN, not " +
                                          catalog::SqlTypeName(*bound->type)));
  }
  return bound;
}

Result<ExprPtr> Binder::Impl::BindComparison(std::string_view fn, ExprPtr left, ExprPtr right,
                                             const sql::SourcePos& pos) {
  auto result = factory_.Call(fn, {std::move(left), std::move(right)});
  if (!result.ok()) return At(pos, result.status());
  return result;
}

// ---- CASE ----

Result<ExprPtr> Binder::Impl::BindCase(const sql::CaseExpr& c, const Scope& scope,
                                       ExprContext context) {
  ExprPtr operand;
  if (c.operand) {
    ASSIGN_OR_RAISE(operand, BindExpr(*c.operand, scope, context));
  }
  std::vector<ExprPtr> conditions, values;
  for (const auto& when : c.whens) {
    ASSIGN_OR_RAISE(auto cond, BindExpr(*when.condition, scope, context));
    if (operand) {
      ASSIGN_OR_RAISE(cond, BindComparison("eq", operand, cond, when.condition->pos));
    } else if (cond->type->id() != a::TypeId::kBool && cond->type->id() != a::TypeId::kNull) {
      return At(when.condition->pos,
                Status::TypeError("CASE WHEN condition must be type BOOLEAN, not " +
                                  catalog::SqlTypeName(*cond->type)));
    }
    conditions.push_back(factory_.Cast(cond, a::Boolean()));
    ASSIGN_OR_RAISE(auto value, BindExpr(*when.result, scope, context));
    values.push_back(std::move(value));
  }
  ExprPtr else_value;
  if (c.else_result) {
    ASSIGN_OR_RAISE(else_value, BindExpr(*c.else_result, scope, context));
  }
  std::vector<a::DataTypePtr> types;
  for (const auto& v : values) types.push_back(v->type);
  if (else_value) types.push_back(else_value->type);
  auto common = factory_.CommonType(types, "CASE");
  if (!common.ok()) return At(c.pos, common.status());
  std::vector<std::pair<ExprPtr, ExprPtr>> whens;
  for (size_t i = 0; i < values.size(); ++i) {
    whens.emplace_back(conditions[i], factory_.Cast(values[i], *common));
  }
  if (else_value) else_value = factory_.Cast(else_value, *common);
  return ExprPtr(std::make_shared<CaseExpr>(std::move(whens), std::move(else_value), *common));
}

// ---- subqueries ----

Result<ExprPtr> Binder::Impl::BindSubquery(const sql::Query& query, const Scope& scope,
                                           SubqueryExpr::Kind kind, ExprPtr in_value,
                                           bool negated, const sql::SourcePos& pos) {
  ASSIGN_OR_RAISE(auto plan, BindQuery(query, &scope));
  switch (kind) {
    case SubqueryExpr::Kind::kExists:
      return ExprPtr(std::make_shared<SubqueryExpr>(kind, plan, nullptr, negated, a::Boolean(), false));
    case SubqueryExpr::Kind::kScalar: {
      if (plan->output().size() != 1) {
        return At(pos, Status::PlanError("a scalar subquery must return one column, not " +
                                         std::to_string(plan->output().size())));
      }
      const auto& column = plan->output()[0];
      return ExprPtr(std::make_shared<SubqueryExpr>(kind, plan, nullptr, false, column.type, true));
    }
    case SubqueryExpr::Kind::kIn: {
      if (plan->output().size() != 1) {
        return At(pos, Status::PlanError("the subquery of IN must return one column, not " +
                                         std::to_string(plan->output().size())));
      }
      const auto& column = plan->output()[0];
      // Compare in the common type: cast the value, and the subquery column through a
      // projection, so the join the optimizer builds compares equal types.
      auto common = factory_.CommonType({in_value->type, column.type}, "IN");
      if (!common.ok()) {
        return At(pos, Status::TypeError("cannot compare " + catalog::SqlTypeName(*in_value->type) +
                                         " with " + catalog::SqlTypeName(*column.type)));
      }
      in_value = factory_.Cast(in_value, *common);
      if (!column.type->Equals(**common)) {
        plan = MakeProjection(plan, {factory_.Cast(column.ToExpr(), *common)}, {column.name}, {""});
      }
      bool nullable = in_value->nullable || plan->output()[0].nullable;
      return ExprPtr(std::make_shared<SubqueryExpr>(kind, plan, std::move(in_value), negated,
                                                    a::Boolean(), nullable));
    }
  }
  return Status::Internal("unknown subquery kind");
}

Result<ExprPtr> Binder::Impl::BindQuantified(const sql::QuantifiedExpr& q, const Scope& scope,
                                             ExprContext context) {
  static const std::pair<sql::BinaryOp, const char*> kComparisons[] = {
      {sql::BinaryOp::kEq, "eq"}, {sql::BinaryOp::kNotEq, "not_eq"}, {sql::BinaryOp::kLt, "lt"},
      {sql::BinaryOp::kLtEq, "lt_eq"}, {sql::BinaryOp::kGt, "gt"}, {sql::BinaryOp::kGtEq, "gt_eq"}};
  const char* fn = nullptr;
  for (const auto& [op, name] : kComparisons) {
    if (op == q.op) fn = name;
  }
  if (fn == nullptr) return At(q.pos, Status::PlanError("ANY/ALL needs a comparison operator"));
  ASSIGN_OR_RAISE(auto left, BindExpr(*q.left, scope, context));
  if (!q.subquery) {
    return At(q.pos, Status::PlanError("ANY/ALL over an array needs a subquery in this engine"));
  }
  // x = ANY (q) is x IN (q); x <> ALL (q) is x NOT IN (q): both keep SQL's NULL semantics.
  if (q.op == sql::BinaryOp::kEq && q.quantifier == sql::Quantifier::kAny) {
    return BindSubquery(*q.subquery, scope, SubqueryExpr::Kind::kIn, left, false, q.pos);
  }
  if (q.op == sql::BinaryOp::kNotEq && q.quantifier == sql::Quantifier::kAll) {
    return BindSubquery(*q.subquery, scope, SubqueryExpr::Kind::kIn, left, true, q.pos);
  }
  // Other comparisons, with SQL's three-valued answer:
  //   x op ANY (q): TRUE when some row gives TRUE, else NULL when some row gives NULL, else FALSE;
  //   x op ALL (q): FALSE when some row gives FALSE, else NULL when some row gives NULL, else TRUE.
  // Written as CASE over two EXISTS subqueries (each bound afresh, so their columns differ).
  const bool any = q.quantifier == sql::Quantifier::kAny;
  auto exists_where = [&](bool decisive) -> Result<ExprPtr> {
    ASSIGN_OR_RAISE(auto plan, BindQuery(*q.subquery, &scope));
    if (plan->output().size() != 1) {
      return At(q.pos, Status::PlanError("the subquery of ANY/ALL must return one column"));
    }
    ASSIGN_OR_RAISE(auto comparison, BindComparison(fn, left, plan->output()[0].ToExpr(), q.pos));
    ExprPtr predicate;
    if (!decisive) {
      ASSIGN_OR_RAISE(predicate, factory_.Call("is_null", {comparison}));
    } else if (any) {
      predicate = comparison;
    } else {
      ASSIGN_OR_RAISE(predicate, factory_.Not(comparison));
    }
    auto filtered = std::make_shared<FilterPlan>(plan, predicate);
    return ExprPtr(std::make_shared<SubqueryExpr>(SubqueryExpr::Kind::kExists, filtered, nullptr, false,
                                                  a::Boolean(), false));
  };
  ASSIGN_OR_RAISE(auto decisive, exists_where(true));
  ASSIGN_OR_RAISE(auto unknown, exists_where(false));
  std::vector<std::pair<ExprPtr, ExprPtr>> whens = {
      {decisive, ExprFactory::Literal(a::Scalar::Boolean(any))},
      {unknown, ExprFactory::Literal(a::Scalar::Null(a::Boolean()))}};
  return ExprPtr(std::make_shared<CaseExpr>(std::move(whens), ExprFactory::Literal(a::Scalar::Boolean(!any)),
                                            a::Boolean()));
}

// ---- row values ----

Result<ExprPtr> Binder::Impl::BindRowComparison(const sql::Expr& left, const sql::Expr& right,
                                                const Scope& scope, ExprContext context,
                                                const sql::SourcePos& pos) {
  auto elements = [](const sql::Expr& e) {
    std::vector<const sql::Expr*> out;
    if (e.kind == sql::ExprKind::kTuple) {
      for (const auto& x : e.As<sql::TupleExpr>().elements) out.push_back(x.get());
    } else {
      out.push_back(&e);
    }
    return out;
  };
  auto l = elements(left), r = elements(right);
  if (l.size() != r.size()) {
    return At(pos, Status::PlanError("cannot compare rows of " + std::to_string(l.size()) + " and " +
                                     std::to_string(r.size()) + " values"));
  }
  std::vector<ExprPtr> equalities;
  for (size_t i = 0; i < l.size(); ++i) {
    ASSIGN_OR_RAISE(auto a_value, BindExpr(*l[i], scope, context));
    ASSIGN_OR_RAISE(auto b_value, BindExpr(*r[i], scope, context));
    ASSIGN_OR_RAISE(auto eq, BindComparison("eq", a_value, b_value, pos));
    equalities.push_back(std::move(eq));
  }
  return factory_.And(std::move(equalities));
}

// ---- ORDER BY items ----

Result<std::vector<SortExpr>> Binder::Impl::BindOrderItems(
    const std::vector<sql::OrderByItem>& items, const Scope& scope, ExprContext context) {
  std::vector<SortExpr> keys;
  for (const auto& item : items) {
    ASSIGN_OR_RAISE(auto expr, BindExpr(*item.expr, scope, context));
    SortExpr key;
    key.expr = std::move(expr);
    key.ascending = item.ascending.value_or(true);
    key.nulls_first = item.nulls_first.value_or(false);
    keys.push_back(std::move(key));
  }
  return keys;
}

// ---- the expression switch ----

namespace {

const char* BinaryFunction(sql::BinaryOp op) {
  switch (op) {
    case sql::BinaryOp::kOr: return "or";
    case sql::BinaryOp::kAnd: return "and";
    case sql::BinaryOp::kEq: return "eq";
    case sql::BinaryOp::kNotEq: return "not_eq";
    case sql::BinaryOp::kLt: return "lt";
    case sql::BinaryOp::kLtEq: return "lt_eq";
    case sql::BinaryOp::kGt: return "gt";
    case sql::BinaryOp::kGtEq: return "gt_eq";
    case sql::BinaryOp::kPlus: return "add";
    case sql::BinaryOp::kMinus: return "subtract";
    case sql::BinaryOp::kMultiply: return "multiply";
    case sql::BinaryOp::kDivide: return "divide";
    case sql::BinaryOp::kModulo: return "modulo";
    case sql::BinaryOp::kConcat: return "concat_op";
    case sql::BinaryOp::kBitwiseAnd: return "bit_and";
    case sql::BinaryOp::kBitwiseOr: return "bit_or";
    case sql::BinaryOp::kBitwiseXor: return "bit_xor";
    case sql::BinaryOp::kShiftLeft: return "shift_left";
    case sql::BinaryOp::kShiftRight: return "shift_right";
    case sql::BinaryOp::kRegexMatch:
    case sql::BinaryOp::kRegexIMatch:
    case sql::BinaryOp::kRegexNotMatch:
    case sql::BinaryOp::kRegexNotIMatch:
      return "regexp_like";
  }
  return "";
}

}  // namespace

Result<ExprPtr> Binder::Impl::BindExpr(const sql::Expr& expr, const Scope& scope,
                                       ExprContext context) {
  auto bind = [&](const sql::ExprPtr& e) { return BindExpr(*e, scope, context); };
  auto placed = [&](Result<ExprPtr> r) -> Result<ExprPtr> {
    if (!r.ok()) return At(expr.pos, r.status());
    return r;
  };
  switch (expr.kind) {
    case sql::ExprKind::kColumnRef:
      return placed(BindColumnRef(expr.As<sql::ColumnRefExpr>(), scope));
    case sql::ExprKind::kLiteral: {
      const auto& lit = expr.As<sql::LiteralExpr>();
      switch (lit.literal_kind) {
        case sql::LiteralKind::kNull:
          return ExprFactory::Literal(a::Scalar());
        case sql::LiteralKind::kBoolean:
          return ExprFactory::Literal(a::Scalar::Boolean(lit.value == "true"));
        case sql::LiteralKind::kString:
          return ExprFactory::Literal(a::Scalar::Utf8(lit.value));
        case sql::LiteralKind::kNumber: {
          auto value = NumberLiteral(lit.value);
          if (!value.ok()) return At(expr.pos, value.status());
          return ExprFactory::Literal(std::move(value).ValueOrDie());
        }
      }
      return Status::Internal("unknown literal kind");
    }
    case sql::ExprKind::kTypedString:
      return placed(BindTypedString(expr.As<sql::TypedStringExpr>()));
    case sql::ExprKind::kInterval: {
      const auto& iv = expr.As<sql::IntervalExpr>();
      std::string text;
      if (iv.value->kind == sql::ExprKind::kLiteral) {
        text = iv.value->As<sql::LiteralExpr>().value;
      } else if (iv.value->kind == sql::ExprKind::kUnary &&
                 iv.value->As<sql::UnaryExpr>().op == sql::UnaryOp::kMinus &&
                 iv.value->As<sql::UnaryExpr>().operand->kind == sql::ExprKind::kLiteral) {
        text = "-" + iv.value->As<sql::UnaryExpr>().operand->As<sql::LiteralExpr>().value;
      } else {
        return At(expr.pos, Status::PlanError("an INTERVAL literal needs a constant string"));
      }
      auto value = IntervalLiteral(text, iv.leading_field, iv.trailing_field);
      if (!value.ok()) return At(expr.pos, value.status());
      return ExprFactory::Literal(std::move(value).ValueOrDie());
    }
    case sql::ExprKind::kParameter: {
      const auto& p = expr.As<sql::ParameterExpr>();
      // `$n` names its position; each `?` takes the next one, left to right.
      int index = p.name == "?" ? next_question_parameter_++ : 0;
      if (p.name.size() > 1 && p.name[0] == '$') {
        auto position = ParseInt64(std::string_view(p.name).substr(1));
        index = position && *position > 0 && *position <= INT32_MAX ? static_cast<int>(*position - 1) : -1;
      }
      if (index >= 0 && static_cast<size_t>(index) < parameter_values_.size()) {
        ExprPtr value = ExprFactory::Literal(parameter_values_[static_cast<size_t>(index)]);
        if (static_cast<size_t>(index) < parameter_types_.size()) {
          value = factory_.Cast(value, parameter_types_[static_cast<size_t>(index)]);
        }
        return value;
      }
      if (index < 0 || static_cast<size_t>(index) >= parameter_types_.size()) {
        return At(expr.pos, Status::PlanError("no value given for parameter " + p.name));
      }
      return ExprPtr(std::make_shared<ParameterExpr>(index, parameter_types_[static_cast<size_t>(index)]));
    }
    case sql::ExprKind::kUnary: {
      const auto& u = expr.As<sql::UnaryExpr>();
      // -<number> is a literal of its own, so that -2147483648 is an INTEGER.
      if (u.op == sql::UnaryOp::kMinus && u.operand->kind == sql::ExprKind::kLiteral &&
          u.operand->As<sql::LiteralExpr>().literal_kind == sql::LiteralKind::kNumber) {
        auto value = NumberLiteral("-" + u.operand->As<sql::LiteralExpr>().value);
        if (value.ok()) return ExprFactory::Literal(std::move(value).ValueOrDie());
      }
      ASSIGN_OR_RAISE(auto operand, bind(u.operand));
      switch (u.op) {
        case sql::UnaryOp::kNot:
          return placed(factory_.Call("not", {operand}));
        case sql::UnaryOp::kMinus:
          return placed(factory_.Call("negate", {operand}));
        case sql::UnaryOp::kPlus:
          return operand;
        case sql::UnaryOp::kBitwiseNot:
          return placed(factory_.Call("bit_not", {operand}));
      }
      return Status::Internal("unknown unary operator");
    }
    case sql::ExprKind::kBinary: {
      const auto& b = expr.As<sql::BinaryExpr>();
      if ((b.op == sql::BinaryOp::kEq || b.op == sql::BinaryOp::kNotEq) &&
          (b.left->kind == sql::ExprKind::kTuple || b.right->kind == sql::ExprKind::kTuple)) {
        ASSIGN_OR_RAISE(auto eq, BindRowComparison(*b.left, *b.right, scope, context, expr.pos));
        return b.op == sql::BinaryOp::kEq ? eq : placed(factory_.Not(eq));
      }
      ASSIGN_OR_RAISE(auto left, bind(b.left));
      ASSIGN_OR_RAISE(auto right, bind(b.right));
      const char* fn = BinaryFunction(b.op);
      if (b.op == sql::BinaryOp::kRegexIMatch || b.op == sql::BinaryOp::kRegexNotIMatch) {
        ASSIGN_OR_RAISE(auto call, placed(factory_.Call(
                                       fn, {left, right, ExprFactory::Literal(a::Scalar::Utf8("i"))})));
        return b.op == sql::BinaryOp::kRegexNotIMatch ? placed(factory_.Not(call)) : call;
      }
      ASSIGN_OR_RAISE(auto call, placed(factory_.Call(fn, {left, right})));
      if (b.op == sql::BinaryOp::kRegexNotMatch) return placed(factory_.Not(call));
      return call;
    }
    case sql::ExprKind::kIsTest: {
      const auto& t = expr.As<sql::IsTestExpr>();
      ASSIGN_OR_RAISE(auto operand, bind(t.operand));
      ExprPtr result;
      switch (t.test) {
        case sql::IsTestKind::kNull:
        case sql::IsTestKind::kUnknown:
          return placed(factory_.Call(t.negated ? "is_not_null" : "is_null", {operand}));
        case sql::IsTestKind::kTrue:
        case sql::IsTestKind::kFalse: {
          auto value = ExprFactory::Literal(a::Scalar::Boolean(t.test == sql::IsTestKind::kTrue));
          return placed(factory_.Call(t.negated ? "is_distinct_from" : "is_not_distinct_from",
                                      {operand, value}));
        }
      }
      return Status::Internal("unknown IS test");
    }
    case sql::ExprKind::kIsDistinctFrom: {
      const auto& d = expr.As<sql::IsDistinctFromExpr>();
      ASSIGN_OR_RAISE(auto left, bind(d.left));
      ASSIGN_OR_RAISE(auto right, bind(d.right));
      return placed(factory_.Call(d.negated ? "is_not_distinct_from" : "is_distinct_from",
                                  {left, right}));
    }
    case sql::ExprKind::kLike: {
      const auto& l = expr.As<sql::LikeExpr>();
      ASSIGN_OR_RAISE(auto value, bind(l.expr));
      ASSIGN_OR_RAISE(auto pattern, bind(l.pattern));
      std::vector<ExprPtr> args{value, pattern};
      if (l.escape) {
        ASSIGN_OR_RAISE(auto escape, bind(l.escape));
        args.push_back(escape);
      }
      const char* fn = l.like_kind == sql::LikeKind::kLike    ? "like"
                       : l.like_kind == sql::LikeKind::kILike ? "ilike"
                                                              : "similar_to";
      ASSIGN_OR_RAISE(auto call, placed(factory_.Call(fn, std::move(args))));
      return l.negated ? placed(factory_.Not(call)) : call;
    }
    case sql::ExprKind::kInList: {
      const auto& in = expr.As<sql::InListExpr>();
      if (in.expr->kind == sql::ExprKind::kTuple) {
        // (a, b) IN ((1, 2), (3, 4)): row equality against each row of the list.
        std::vector<ExprPtr> matches;
        for (const auto& item : in.list) {
          ASSIGN_OR_RAISE(auto eq, BindRowComparison(*in.expr, *item, scope, context, expr.pos));
          matches.push_back(std::move(eq));
        }
        ASSIGN_OR_RAISE(auto any, factory_.Or(std::move(matches)));
        return in.negated ? placed(factory_.Not(any)) : any;
      }
      ASSIGN_OR_RAISE(auto value, bind(in.expr));
      // x IN (a, b) is x = a OR x = b, which has the three-valued result SQL requires
      // (NULL when nothing matches and the list or x holds a NULL).
      std::vector<ExprPtr> comparisons;
      for (const auto& item : in.list) {
        ASSIGN_OR_RAISE(auto bound, bind(item));
        ASSIGN_OR_RAISE(auto eq, BindComparison("eq", value, bound, item->pos));
        comparisons.push_back(std::move(eq));
      }
      ASSIGN_OR_RAISE(auto any, factory_.Or(std::move(comparisons)));
      return in.negated ? placed(factory_.Not(any)) : any;
    }
    case sql::ExprKind::kInSubquery: {
      const auto& in = expr.As<sql::InSubqueryExpr>();
      if (in.expr->kind == sql::ExprKind::kTuple) {
        // (a, b) IN (SELECT x, y ...) holds when some row matches: EXISTS over the subquery
        // filtered by the row equality (NOT IN: NOT EXISTS, which differs from SQL only when
        // the values hold NULLs).
        const auto& tuple = in.expr->As<sql::TupleExpr>();
        ASSIGN_OR_RAISE(auto plan, BindQuery(*in.query, &scope));
        if (plan->output().size() != tuple.elements.size()) {
          return At(expr.pos, Status::PlanError("the row has " + std::to_string(tuple.elements.size()) +
                                                " values but the subquery returns " +
                                                std::to_string(plan->output().size()) + " columns"));
        }
        std::vector<ExprPtr> equalities;
        for (size_t i = 0; i < tuple.elements.size(); ++i) {
          ASSIGN_OR_RAISE(auto value, bind(tuple.elements[i]));
          ASSIGN_OR_RAISE(auto eq, BindComparison("eq", value, plan->output()[i].ToExpr(), expr.pos));
          equalities.push_back(std::move(eq));
        }
        ASSIGN_OR_RAISE(auto predicate, factory_.And(std::move(equalities)));
        auto filtered = std::make_shared<FilterPlan>(plan, predicate);
        return ExprPtr(std::make_shared<SubqueryExpr>(SubqueryExpr::Kind::kExists, filtered, nullptr,
                                                      in.negated, a::Boolean(), false));
      }
      ASSIGN_OR_RAISE(auto value, bind(in.expr));
      return BindSubquery(*in.query, scope, SubqueryExpr::Kind::kIn, value, in.negated, expr.pos);
    }
    case sql::ExprKind::kBetween: {
      const auto& b = expr.As<sql::BetweenExpr>();
      ASSIGN_OR_RAISE(auto value, bind(b.expr));
      ASSIGN_OR_RAISE(auto low, bind(b.low));
      ASSIGN_OR_RAISE(auto high, bind(b.high));
      ASSIGN_OR_RAISE(auto ge, BindComparison("gt_eq", value, low, expr.pos));
      ASSIGN_OR_RAISE(auto le, BindComparison("lt_eq", value, high, expr.pos));
      ASSIGN_OR_RAISE(auto range, factory_.And({ge, le}));
      if (b.symmetric) {
        ASSIGN_OR_RAISE(auto ge2, BindComparison("gt_eq", value, high, expr.pos));
        ASSIGN_OR_RAISE(auto le2, BindComparison("lt_eq", value, low, expr.pos));
        ASSIGN_OR_RAISE(auto swapped, factory_.And({ge2, le2}));
        ASSIGN_OR_RAISE(range, factory_.Or({range, swapped}));
      }
      return b.negated ? placed(factory_.Not(range)) : range;
    }
    case sql::ExprKind::kQuantified:
      return BindQuantified(expr.As<sql::QuantifiedExpr>(), scope, context);
    case sql::ExprKind::kExists:
      return BindSubquery(*expr.As<sql::ExistsExpr>().query, scope, SubqueryExpr::Kind::kExists,
                          nullptr, false, expr.pos);
    case sql::ExprKind::kSubquery:
      return BindSubquery(*expr.As<sql::SubqueryExpr>().query, scope, SubqueryExpr::Kind::kScalar,
                          nullptr, false, expr.pos);
    case sql::ExprKind::kCase:
      return BindCase(expr.As<sql::CaseExpr>(), scope, context);
    case sql::ExprKind::kCast: {
      const auto& c = expr.As<sql::CastExpr>();
      ASSIGN_OR_RAISE(auto input, bind(c.expr));
      auto type = ResolveTypeName(c.type);
      if (!type.ok()) return At(expr.pos, type.status());
      if (input->type->Equals(**type)) return input;
      return ExprPtr(std::make_shared<CastExpr>(input, *type, c.style == sql::CastStyle::kTryCast));
    }
    case sql::ExprKind::kExtract: {
      const auto& e = expr.As<sql::ExtractExpr>();
      ASSIGN_OR_RAISE(auto input, bind(e.expr));
      return placed(factory_.Call("date_part", {ExprFactory::Literal(a::Scalar::Utf8(e.field)), input}));
    }
    case sql::ExprKind::kSubstring: {
      const auto& s = expr.As<sql::SubstringExpr>();
      ASSIGN_OR_RAISE(auto input, bind(s.expr));
      ExprPtr from = ExprFactory::Literal(a::Scalar::Int64(1));
      if (s.from) {
        ASSIGN_OR_RAISE(from, bind(s.from));
      }
      std::vector<ExprPtr> args{input, from};
      if (s.length) {
        ASSIGN_OR_RAISE(auto length, bind(s.length));
        args.push_back(length);
      }
      return placed(factory_.Call("substr", std::move(args)));
    }
    case sql::ExprKind::kPosition: {
      const auto& p = expr.As<sql::PositionExpr>();
      ASSIGN_OR_RAISE(auto needle, bind(p.needle));
      ASSIGN_OR_RAISE(auto haystack, bind(p.haystack));
      return placed(factory_.Call("strpos", {haystack, needle}));
    }
    case sql::ExprKind::kTrim: {
      const auto& t = expr.As<sql::TrimExpr>();
      ASSIGN_OR_RAISE(auto input, bind(t.expr));
      std::vector<ExprPtr> args{input};
      if (t.chars) {
        ASSIGN_OR_RAISE(auto chars, bind(t.chars));
        args.push_back(chars);
      }
      const char* fn = t.where == sql::TrimWhere::kLeading    ? "ltrim"
                       : t.where == sql::TrimWhere::kTrailing ? "rtrim"
                                                              : "trim";
      return placed(factory_.Call(fn, std::move(args)));
    }
    case sql::ExprKind::kOverlay: {
      // OVERLAY(x PLACING y FROM a FOR b) = substr(x, 1, a - 1) || y || substr(x, a + b), with
      // b defaulting to length(y).
      const auto& o = expr.As<sql::OverlayExpr>();
      ASSIGN_OR_RAISE(auto input, bind(o.expr));
      ASSIGN_OR_RAISE(auto placing, bind(o.placing));
      ASSIGN_OR_RAISE(auto from, bind(o.from));
      ExprPtr length;
      if (o.length) {
        ASSIGN_OR_RAISE(length, bind(o.length));
      } else {
        ASSIGN_OR_RAISE(length, placed(factory_.Call("length", {placing})));
      }
      auto one = ExprFactory::Literal(a::Scalar::Int64(1));
      ASSIGN_OR_RAISE(auto before_len, placed(factory_.Call("subtract", {from, one})));
      ASSIGN_OR_RAISE(auto head, placed(factory_.Call("substr", {input, one, before_len})));
      ASSIGN_OR_RAISE(auto tail_start, placed(factory_.Call("add", {from, length})));
      ASSIGN_OR_RAISE(auto tail, placed(factory_.Call("substr", {input, tail_start})));
      ASSIGN_OR_RAISE(auto joined, placed(factory_.Call("concat_op", {head, placing})));
      return placed(factory_.Call("concat_op", {joined, tail}));
    }
    case sql::ExprKind::kFunction:
      return BindFunction(expr.As<sql::FunctionExpr>(), scope, context);
    case sql::ExprKind::kWildcard:
      return At(expr.pos, Status::PlanError("* is only allowed in a select list or count(*)"));
    case sql::ExprKind::kArray: {
      std::vector<ExprPtr> elements;
      for (const auto& e : expr.As<sql::ArrayExpr>().elements) {
        ASSIGN_OR_RAISE(auto bound, bind(e));
        elements.push_back(std::move(bound));
      }
      return placed(factory_.Call("make_array", std::move(elements)));
    }
    case sql::ExprKind::kSubscript: {
      const auto& s = expr.As<sql::SubscriptExpr>();
      ASSIGN_OR_RAISE(auto base, bind(s.expr));
      ASSIGN_OR_RAISE(auto index, bind(s.index));
      return placed(factory_.Call("array_element", {base, index}));
    }
    case sql::ExprKind::kTuple:
      return At(expr.pos, Status::PlanError("a row value (a, b, ...) is only allowed in IN lists"));
    case sql::ExprKind::kGroupingSet:
      return At(expr.pos,
                Status::PlanError("ROLLUP, CUBE and GROUPING SETS are only allowed in GROUP BY"));
  }
  return Status::Internal("unknown expression kind");
}

}  // namespace ballista::logical
