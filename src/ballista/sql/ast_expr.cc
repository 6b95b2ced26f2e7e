#include "ballista/sql/ast_expr.h"

#include "ballista/sql/ast_query.h"

namespace ballista::sql {
namespace {

// Every Clone keeps the source position so a copied tree still points into the original text.
template <typename T>
ExprPtr Positioned(std::unique_ptr<T> node, SourcePos pos) {
  node->pos = pos;
  return node;
}

// Casts `other` to the node type of `self` when the kinds agree; null otherwise.
template <typename T>
const T* SameKind(const T& self, const Expr& other) {
  if (other.kind != self.kind) return nullptr;
  return &other.As<T>();
}

}  // namespace

bool ExprEquals(const ExprPtr& a, const ExprPtr& b) {
  if (!a || !b) return !a && !b;
  return a->Equals(*b);
}

bool ExprListEquals(const ExprList& a, const ExprList& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!ExprEquals(a[i], b[i])) return false;
  }
  return true;
}

ExprPtr CloneExpr(const ExprPtr& e) { return e ? e->Clone() : nullptr; }

ExprList CloneExprList(const ExprList& list) {
  ExprList out;
  out.reserve(list.size());
  for (const auto& e : list) out.push_back(CloneExpr(e));
  return out;
}

OrderByItem OrderByItem::Clone() const {
  return OrderByItem{CloneExpr(expr), ascending, nulls_first};
}

bool OrderByItem::Equals(const OrderByItem& other) const {
  return ExprEquals(expr, other.expr) && ascending == other.ascending &&
         nulls_first == other.nulls_first;
}

std::vector<OrderByItem> CloneOrderBy(const std::vector<OrderByItem>& items) {
  std::vector<OrderByItem> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(item.Clone());
  return out;
}

bool OrderByEquals(const std::vector<OrderByItem>& a, const std::vector<OrderByItem>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a[i].Equals(b[i])) return false;
  }
  return true;
}

FrameBound FrameBound::Clone() const { return FrameBound{kind, CloneExpr(offset)}; }

bool FrameBound::Equals(const FrameBound& other) const {
  return kind == other.kind && ExprEquals(offset, other.offset);
}

WindowFrame WindowFrame::Clone() const {
  WindowFrame out;
  out.units = units;
  out.start = start.Clone();
  if (end) out.end = end->Clone();
  out.exclusion = exclusion;
  return out;
}

bool WindowFrame::Equals(const WindowFrame& other) const {
  if (units != other.units || exclusion != other.exclusion) return false;
  if (!start.Equals(other.start)) return false;
  if (end.has_value() != other.end.has_value()) return false;
  return !end || end->Equals(*other.end);
}

WindowSpec WindowSpec::Clone() const {
  WindowSpec out;
  out.base_window = base_window;
  out.partition_by = CloneExprList(partition_by);
  out.order_by = CloneOrderBy(order_by);
  if (frame) out.frame = frame->Clone();
  return out;
}

bool WindowSpec::Equals(const WindowSpec& other) const {
  if (base_window != other.base_window) return false;
  if (!ExprListEquals(partition_by, other.partition_by)) return false;
  if (!OrderByEquals(order_by, other.order_by)) return false;
  if (frame.has_value() != other.frame.has_value()) return false;
  return !frame || frame->Equals(*other.frame);
}

std::string_view BinaryOpText(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return "OR";
    case BinaryOp::kAnd:
      return "AND";
    case BinaryOp::kEq:
      return "=";
    case BinaryOp::kNotEq:
      return "<>";
    case BinaryOp::kLt:
      return "<";
    case BinaryOp::kLtEq:
      return "<=";
    case BinaryOp::kGt:
      return ">";
    case BinaryOp::kGtEq:
      return ">=";
    case BinaryOp::kPlus:
      return "+";
    case BinaryOp::kMinus:
      return "-";
    case BinaryOp::kMultiply:
      return "*";
    case BinaryOp::kDivide:
      return "/";
    case BinaryOp::kModulo:
      return "%";
    case BinaryOp::kConcat:
      return "||";
    case BinaryOp::kBitwiseAnd:
      return "&";
    case BinaryOp::kBitwiseOr:
      return "|";
    case BinaryOp::kBitwiseXor:
      return "^";
    case BinaryOp::kShiftLeft:
      return "<<";
    case BinaryOp::kShiftRight:
      return ">>";
    case BinaryOp::kRegexMatch:
      return "~";
    case BinaryOp::kRegexIMatch:
      return "~*";
    case BinaryOp::kRegexNotMatch:
      return "!~";
    case BinaryOp::kRegexNotIMatch:
      return "!~*";
  }
  return "?";
}

// --- ColumnRefExpr ---------------------------------------------------------------------------
ExprPtr ColumnRefExpr::Clone() const {
  return Positioned(std::make_unique<ColumnRefExpr>(name), pos);
}
bool ColumnRefExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && name == o->name;
}

// --- LiteralExpr -----------------------------------------------------------------------------
ExprPtr LiteralExpr::Clone() const {
  return Positioned(std::make_unique<LiteralExpr>(literal_kind, value), pos);
}
bool LiteralExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && literal_kind == o->literal_kind && value == o->value;
}

// --- TypedStringExpr -------------------------------------------------------------------------
ExprPtr TypedStringExpr::Clone() const {
  return Positioned(std::make_unique<TypedStringExpr>(type, value), pos);
}
bool TypedStringExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && type == o->type && value == o->value;
}

// --- IntervalExpr ----------------------------------------------------------------------------
ExprPtr IntervalExpr::Clone() const {
  auto out = std::make_unique<IntervalExpr>(CloneExpr(value));
  out->leading_field = leading_field;
  out->trailing_field = trailing_field;
  return Positioned(std::move(out), pos);
}
bool IntervalExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && ExprEquals(value, o->value) && leading_field == o->leading_field &&
         trailing_field == o->trailing_field;
}

// --- ParameterExpr ---------------------------------------------------------------------------
ExprPtr ParameterExpr::Clone() const {
  return Positioned(std::make_unique<ParameterExpr>(name), pos);
}
bool ParameterExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && name == o->name;
}

// --- UnaryExpr -------------------------------------------------------------------------------
ExprPtr UnaryExpr::Clone() const {
  return Positioned(std::make_unique<UnaryExpr>(op, CloneExpr(operand)), pos);
}
bool UnaryExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && op == o->op && ExprEquals(operand, o->operand);
}

// --- BinaryExpr ------------------------------------------------------------------------------
ExprPtr BinaryExpr::Clone() const {
  return Positioned(std::make_unique<BinaryExpr>(op, CloneExpr(left), CloneExpr(right)), pos);
}
bool BinaryExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && op == o->op && ExprEquals(left, o->left) && ExprEquals(right, o->right);
}

// --- IsTestExpr ------------------------------------------------------------------------------
ExprPtr IsTestExpr::Clone() const {
  return Positioned(std::make_unique<IsTestExpr>(CloneExpr(operand), test, negated), pos);
}
bool IsTestExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && test == o->test && negated == o->negated && ExprEquals(operand, o->operand);
}

// --- IsDistinctFromExpr ----------------------------------------------------------------------
ExprPtr IsDistinctFromExpr::Clone() const {
  return Positioned(
      std::make_unique<IsDistinctFromExpr>(CloneExpr(left), CloneExpr(right), negated), pos);
}
bool IsDistinctFromExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && negated == o->negated && ExprEquals(left, o->left) && ExprEquals(right, o->right);
}

// --- LikeExpr --------------------------------------------------------------------------------
ExprPtr LikeExpr::Clone() const {
  auto out = std::make_unique<LikeExpr>(like_kind, negated, CloneExpr(expr), CloneExpr(pattern));
  out->escape = CloneExpr(escape);
  return Positioned(std::move(out), pos);
}
bool LikeExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && like_kind == o->like_kind && negated == o->negated && ExprEquals(expr, o->expr) &&
         ExprEquals(pattern, o->pattern) && ExprEquals(escape, o->escape);
}

// --- InListExpr ------------------------------------------------------------------------------
ExprPtr InListExpr::Clone() const {
  return Positioned(std::make_unique<InListExpr>(CloneExpr(expr), CloneExprList(list), negated),
                    pos);
}
bool InListExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && negated == o->negated && ExprEquals(expr, o->expr) && ExprListEquals(list, o->list);
}

// --- InSubqueryExpr --------------------------------------------------------------------------
InSubqueryExpr::InSubqueryExpr(ExprPtr e, QueryPtr q, bool neg)
    : Expr(ExprKind::kInSubquery), expr(std::move(e)), query(std::move(q)), negated(neg) {}
InSubqueryExpr::~InSubqueryExpr() = default;
ExprPtr InSubqueryExpr::Clone() const {
  return Positioned(std::make_unique<InSubqueryExpr>(CloneExpr(expr), query->Clone(), negated),
                    pos);
}
bool InSubqueryExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && negated == o->negated && ExprEquals(expr, o->expr) && QueryEquals(query, o->query);
}

// --- BetweenExpr -----------------------------------------------------------------------------
ExprPtr BetweenExpr::Clone() const {
  auto out =
      std::make_unique<BetweenExpr>(CloneExpr(expr), CloneExpr(low), CloneExpr(high), negated);
  out->symmetric = symmetric;
  return Positioned(std::move(out), pos);
}
bool BetweenExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && negated == o->negated && symmetric == o->symmetric && ExprEquals(expr, o->expr) &&
         ExprEquals(low, o->low) && ExprEquals(high, o->high);
}

// --- QuantifiedExpr --------------------------------------------------------------------------
QuantifiedExpr::QuantifiedExpr(ExprPtr l, BinaryOp o, Quantifier q)
    : Expr(ExprKind::kQuantified), left(std::move(l)), op(o), quantifier(q) {}
QuantifiedExpr::~QuantifiedExpr() = default;
ExprPtr QuantifiedExpr::Clone() const {
  auto out = std::make_unique<QuantifiedExpr>(CloneExpr(left), op, quantifier);
  if (subquery) out->subquery = subquery->Clone();
  out->array = CloneExpr(array);
  return Positioned(std::move(out), pos);
}
bool QuantifiedExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && op == o->op && quantifier == o->quantifier && ExprEquals(left, o->left) &&
         QueryEquals(subquery, o->subquery) && ExprEquals(array, o->array);
}

// --- ExistsExpr / SubqueryExpr ---------------------------------------------------------------
ExistsExpr::ExistsExpr(QueryPtr q) : Expr(ExprKind::kExists), query(std::move(q)) {}
ExistsExpr::~ExistsExpr() = default;
ExprPtr ExistsExpr::Clone() const {
  return Positioned(std::make_unique<ExistsExpr>(query->Clone()), pos);
}
bool ExistsExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && QueryEquals(query, o->query);
}

SubqueryExpr::SubqueryExpr(QueryPtr q) : Expr(ExprKind::kSubquery), query(std::move(q)) {}
SubqueryExpr::~SubqueryExpr() = default;
ExprPtr SubqueryExpr::Clone() const {
  return Positioned(std::make_unique<SubqueryExpr>(query->Clone()), pos);
}
bool SubqueryExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && QueryEquals(query, o->query);
}

// --- CaseExpr --------------------------------------------------------------------------------
ExprPtr CaseExpr::Clone() const {
  auto out = std::make_unique<CaseExpr>();
  out->operand = CloneExpr(operand);
  for (const auto& w : whens)
    out->whens.push_back(CaseWhen{CloneExpr(w.condition), CloneExpr(w.result)});
  out->else_result = CloneExpr(else_result);
  return Positioned(std::move(out), pos);
}
bool CaseExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  if (!o || whens.size() != o->whens.size()) return false;
  for (size_t i = 0; i < whens.size(); ++i) {
    if (!ExprEquals(whens[i].condition, o->whens[i].condition) ||
        !ExprEquals(whens[i].result, o->whens[i].result)) {
      return false;
    }
  }
  return ExprEquals(operand, o->operand) && ExprEquals(else_result, o->else_result);
}

// --- CastExpr --------------------------------------------------------------------------------
ExprPtr CastExpr::Clone() const {
  return Positioned(std::make_unique<CastExpr>(CloneExpr(expr), type, style), pos);
}
bool CastExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && style == o->style && type == o->type && ExprEquals(expr, o->expr);
}

// --- ExtractExpr -----------------------------------------------------------------------------
ExprPtr ExtractExpr::Clone() const {
  return Positioned(std::make_unique<ExtractExpr>(field, CloneExpr(expr)), pos);
}
bool ExtractExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && field == o->field && ExprEquals(expr, o->expr);
}

// --- SubstringExpr ---------------------------------------------------------------------------
ExprPtr SubstringExpr::Clone() const {
  auto out = std::make_unique<SubstringExpr>(CloneExpr(expr));
  out->from = CloneExpr(from);
  out->length = CloneExpr(length);
  return Positioned(std::move(out), pos);
}
bool SubstringExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && ExprEquals(expr, o->expr) && ExprEquals(from, o->from) &&
         ExprEquals(length, o->length);
}

// --- PositionExpr ----------------------------------------------------------------------------
ExprPtr PositionExpr::Clone() const {
  return Positioned(std::make_unique<PositionExpr>(CloneExpr(needle), CloneExpr(haystack)), pos);
}
bool PositionExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && ExprEquals(needle, o->needle) && ExprEquals(haystack, o->haystack);
}

// --- TrimExpr --------------------------------------------------------------------------------
ExprPtr TrimExpr::Clone() const {
  auto out = std::make_unique<TrimExpr>(CloneExpr(expr));
  out->where = where;
  out->chars = CloneExpr(chars);
  return Positioned(std::move(out), pos);
}
bool TrimExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && where == o->where && ExprEquals(chars, o->chars) && ExprEquals(expr, o->expr);
}

// --- OverlayExpr -----------------------------------------------------------------------------
ExprPtr OverlayExpr::Clone() const {
  auto out = std::make_unique<OverlayExpr>(CloneExpr(expr), CloneExpr(placing), CloneExpr(from));
  out->length = CloneExpr(length);
  return Positioned(std::move(out), pos);
}
bool OverlayExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && ExprEquals(expr, o->expr) && ExprEquals(placing, o->placing) &&
         ExprEquals(from, o->from) && ExprEquals(length, o->length);
}

// --- FunctionExpr ----------------------------------------------------------------------------
ExprPtr FunctionExpr::Clone() const {
  auto out = std::make_unique<FunctionExpr>(name);
  out->args = CloneExprList(args);
  out->distinct = distinct;
  out->order_by = CloneOrderBy(order_by);
  out->filter = CloneExpr(filter);
  if (over) out->over = std::make_unique<WindowSpec>(over->Clone());
  out->over_name = over_name;
  return Positioned(std::move(out), pos);
}
bool FunctionExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  if (!o || name != o->name || distinct != o->distinct || over_name != o->over_name) return false;
  if (!ExprListEquals(args, o->args) || !OrderByEquals(order_by, o->order_by)) return false;
  if (!ExprEquals(filter, o->filter)) return false;
  if (!over || !o->over) return !over && !o->over;
  return over->Equals(*o->over);
}

// --- WildcardExpr ----------------------------------------------------------------------------
ExprPtr WildcardExpr::Clone() const {
  auto out = std::make_unique<WildcardExpr>();
  out->qualifier = qualifier;
  out->excluded = excluded;
  return Positioned(std::move(out), pos);
}
bool WildcardExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && qualifier == o->qualifier && excluded == o->excluded;
}

// --- ArrayExpr / SubscriptExpr / TupleExpr ---------------------------------------------------
ExprPtr ArrayExpr::Clone() const {
  return Positioned(std::make_unique<ArrayExpr>(CloneExprList(elements)), pos);
}
bool ArrayExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && ExprListEquals(elements, o->elements);
}

ExprPtr SubscriptExpr::Clone() const {
  return Positioned(std::make_unique<SubscriptExpr>(CloneExpr(expr), CloneExpr(index)), pos);
}
bool SubscriptExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && ExprEquals(expr, o->expr) && ExprEquals(index, o->index);
}

ExprPtr TupleExpr::Clone() const {
  return Positioned(std::make_unique<TupleExpr>(CloneExprList(elements)), pos);
}
bool TupleExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  return o && ExprListEquals(elements, o->elements);
}

// --- GroupingSetExpr -------------------------------------------------------------------------
ExprPtr GroupingSetExpr::Clone() const {
  auto out = std::make_unique<GroupingSetExpr>(grouping_kind);
  for (const auto& set : sets) out->sets.push_back(CloneExprList(set));
  return Positioned(std::move(out), pos);
}
bool GroupingSetExpr::Equals(const Expr& other) const {
  auto* o = SameKind(*this, other);
  if (!o || grouping_kind != o->grouping_kind || sets.size() != o->sets.size()) return false;
  for (size_t i = 0; i < sets.size(); ++i) {
    if (!ExprListEquals(sets[i], o->sets[i])) return false;
  }
  return true;
}

}  // namespace ballista::sql
