#include "ballista/sql/ast_query.h"

namespace ballista::sql {
namespace {

template <typename T>
TableRefPtr Positioned(std::unique_ptr<T> node, SourcePos pos) {
  node->pos = pos;
  return node;
}

template <typename T, typename Base>
const T* SameKind(const T& self, const Base& other) {
  if (other.kind != self.kind) return nullptr;
  return &other.template As<T>();
}

}  // namespace

bool TableRefEquals(const TableRefPtr& a, const TableRefPtr& b) {
  if (!a || !b) return !a && !b;
  return a->Equals(*b);
}

bool QueryEquals(const QueryPtr& a, const QueryPtr& b) {
  if (!a || !b) return !a && !b;
  return a->Equals(*b);
}

// --- Table references ------------------------------------------------------------------------
TableRefPtr NamedTableRef::Clone() const {
  auto out = std::make_unique<NamedTableRef>(name);
  out->alias = alias;
  return Positioned(std::move(out), pos);
}
bool NamedTableRef::Equals(const TableRef& other) const {
  auto* o = SameKind(*this, other);
  return o && name == o->name && alias == o->alias;
}

TableRefPtr TableFunctionRef::Clone() const {
  auto out = std::make_unique<TableFunctionRef>(name);
  out->args = CloneExprList(args);
  out->alias = alias;
  return Positioned(std::move(out), pos);
}
bool TableFunctionRef::Equals(const TableRef& other) const {
  auto* o = SameKind(*this, other);
  return o && name == o->name && alias == o->alias && ExprListEquals(args, o->args);
}

TableRefPtr FileTableRef::Clone() const {
  auto out = std::make_unique<FileTableRef>(path);
  out->alias = alias;
  return Positioned(std::move(out), pos);
}
bool FileTableRef::Equals(const TableRef& other) const {
  auto* o = SameKind(*this, other);
  return o && path == o->path && alias == o->alias;
}

DerivedTableRef::DerivedTableRef(QueryPtr q)
    : TableRef(TableRefKind::kDerived), query(std::move(q)) {}
DerivedTableRef::~DerivedTableRef() = default;
TableRefPtr DerivedTableRef::Clone() const {
  auto out = std::make_unique<DerivedTableRef>(query->Clone());
  out->lateral = lateral;
  out->alias = alias;
  return Positioned(std::move(out), pos);
}
bool DerivedTableRef::Equals(const TableRef& other) const {
  auto* o = SameKind(*this, other);
  return o && lateral == o->lateral && alias == o->alias && QueryEquals(query, o->query);
}

TableRefPtr JoinRef::Clone() const {
  auto out = std::make_unique<JoinRef>(join_kind, left->Clone(), right->Clone());
  out->natural = natural;
  out->on = CloneExpr(on);
  out->using_columns = using_columns;
  return Positioned(std::move(out), pos);
}
bool JoinRef::Equals(const TableRef& other) const {
  auto* o = SameKind(*this, other);
  return o && join_kind == o->join_kind && natural == o->natural &&
         using_columns == o->using_columns && TableRefEquals(left, o->left) &&
         TableRefEquals(right, o->right) && ExprEquals(on, o->on);
}

// --- Select pieces ---------------------------------------------------------------------------
SelectItem SelectItem::Clone() const { return SelectItem{CloneExpr(expr), alias}; }
bool SelectItem::Equals(const SelectItem& other) const {
  return alias == other.alias && ExprEquals(expr, other.expr);
}

NamedWindow NamedWindow::Clone() const { return NamedWindow{name, spec.Clone()}; }
bool NamedWindow::Equals(const NamedWindow& other) const {
  return name == other.name && spec.Equals(other.spec);
}

SetExprPtr Select::Clone() const {
  auto out = std::make_unique<Select>();
  out->distinct = distinct;
  out->distinct_on = CloneExprList(distinct_on);
  for (const auto& item : items) out->items.push_back(item.Clone());
  for (const auto& ref : from) out->from.push_back(ref->Clone());
  out->where = CloneExpr(where);
  out->group_by_all = group_by_all;
  out->group_by = CloneExprList(group_by);
  out->having = CloneExpr(having);
  for (const auto& w : windows) out->windows.push_back(w.Clone());
  out->qualify = CloneExpr(qualify);
  return out;
}

bool Select::Equals(const SetExpr& other) const {
  auto* o = SameKind(*this, other);
  if (!o || distinct != o->distinct || group_by_all != o->group_by_all) return false;
  if (items.size() != o->items.size() || from.size() != o->from.size() ||
      windows.size() != o->windows.size()) {
    return false;
  }
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].Equals(o->items[i])) return false;
  }
  for (size_t i = 0; i < from.size(); ++i) {
    if (!TableRefEquals(from[i], o->from[i])) return false;
  }
  for (size_t i = 0; i < windows.size(); ++i) {
    if (!windows[i].Equals(o->windows[i])) return false;
  }
  return ExprListEquals(distinct_on, o->distinct_on) && ExprEquals(where, o->where) &&
         ExprListEquals(group_by, o->group_by) && ExprEquals(having, o->having) &&
         ExprEquals(qualify, o->qualify);
}

SetExprPtr Values::Clone() const {
  auto out = std::make_unique<Values>();
  for (const auto& row : rows) out->rows.push_back(CloneExprList(row));
  return out;
}

bool Values::Equals(const SetExpr& other) const {
  auto* o = SameKind(*this, other);
  if (!o || rows.size() != o->rows.size()) return false;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!ExprListEquals(rows[i], o->rows[i])) return false;
  }
  return true;
}

SetExprPtr SetOperation::Clone() const {
  return std::make_unique<SetOperation>(op, quantifier, left->Clone(), right->Clone());
}

bool SetOperation::Equals(const SetExpr& other) const {
  auto* o = SameKind(*this, other);
  return o && op == o->op && quantifier == o->quantifier && left->Equals(*o->left) &&
         right->Equals(*o->right);
}

NestedQuery::NestedQuery(QueryPtr q) : SetExpr(SetExprKind::kNested), query(std::move(q)) {}
NestedQuery::~NestedQuery() = default;
SetExprPtr NestedQuery::Clone() const { return std::make_unique<NestedQuery>(query->Clone()); }
bool NestedQuery::Equals(const SetExpr& other) const {
  auto* o = SameKind(*this, other);
  return o && QueryEquals(query, o->query);
}

// --- Query -----------------------------------------------------------------------------------
Cte Cte::Clone() const { return Cte{name, columns, query->Clone()}; }
bool Cte::Equals(const Cte& other) const {
  return name == other.name && columns == other.columns && QueryEquals(query, other.query);
}

WithClause WithClause::Clone() const {
  WithClause out;
  out.recursive = recursive;
  for (const auto& cte : ctes) out.ctes.push_back(cte.Clone());
  return out;
}

bool WithClause::Equals(const WithClause& other) const {
  if (recursive != other.recursive || ctes.size() != other.ctes.size()) return false;
  for (size_t i = 0; i < ctes.size(); ++i) {
    if (!ctes[i].Equals(other.ctes[i])) return false;
  }
  return true;
}

QueryPtr Query::Clone() const {
  auto out = std::make_unique<Query>();
  if (with) out->with = with->Clone();
  out->body = body->Clone();
  out->order_by = CloneOrderBy(order_by);
  out->limit = CloneExpr(limit);
  out->offset = CloneExpr(offset);
  return out;
}

bool Query::Equals(const Query& other) const {
  if (with.has_value() != other.with.has_value()) return false;
  if (with && !with->Equals(*other.with)) return false;
  return body->Equals(*other.body) && OrderByEquals(order_by, other.order_by) &&
         ExprEquals(limit, other.limit) && ExprEquals(offset, other.offset);
}

}  // namespace ballista::sql
