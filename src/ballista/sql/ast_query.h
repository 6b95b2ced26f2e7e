#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ballista/sql/ast_common.h"
#include "ballista/sql/ast_expr.h"

namespace ballista::sql {

/// `AS name (col1, col2)` after a table reference; `columns` may be empty.
struct TableAlias {
  Ident name;
  std::vector<Ident> columns;

  bool operator==(const TableAlias& other) const = default;
};

/// Which node a TableRef is.
enum class TableRefKind : uint8_t { kNamed, kFunction, kFile, kDerived, kJoin };

/// An item of a FROM clause. Immutable once parsed; `pos` (ignored by Equals) is where the item
/// starts, so the binder can point at an unknown table.
class TableRef {
 public:
  TableRef(const TableRef&) = delete;
  TableRef& operator=(const TableRef&) = delete;
  virtual ~TableRef() = default;

  /// A deep copy, positions included.
  virtual TableRefPtr Clone() const = 0;
  /// Structural equality ignoring positions.
  virtual bool Equals(const TableRef& other) const = 0;

  /// The node as its concrete type; the caller has checked `kind`.
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  const TableRefKind kind;
  SourcePos pos;

 protected:
  explicit TableRef(TableRefKind k) : kind(k) {}
};

bool TableRefEquals(const TableRefPtr& a, const TableRefPtr& b);

/// A table or view by name: `lineitem`, `s.orders AS o`.
struct NamedTableRef final : TableRef {
  explicit NamedTableRef(ObjectName n) : TableRef(TableRefKind::kNamed), name(std::move(n)) {}
  TableRefPtr Clone() const override;
  bool Equals(const TableRef& other) const override;

  ObjectName name;
  std::optional<TableAlias> alias;
};

/// A table-valued function: `read_csv('x.csv') AS t`.
struct TableFunctionRef final : TableRef {
  explicit TableFunctionRef(ObjectName n) : TableRef(TableRefKind::kFunction), name(std::move(n)) {}
  TableRefPtr Clone() const override;
  bool Equals(const TableRef& other) const override;

  ObjectName name;
  ExprList args;
  std::optional<TableAlias> alias;
};

/// A file named by a string literal: `FROM 'data/trips.parquet'`.
struct FileTableRef final : TableRef {
  explicit FileTableRef(std::string p) : TableRef(TableRefKind::kFile), path(std::move(p)) {}
  TableRefPtr Clone() const override;
  bool Equals(const TableRef& other) const override;

  std::string path;
  std::optional<TableAlias> alias;
};

/// A subquery in FROM: `[LATERAL] (SELECT ...) AS t (a, b)`.
struct DerivedTableRef final : TableRef {
  explicit DerivedTableRef(QueryPtr q);
  ~DerivedTableRef() override;
  TableRefPtr Clone() const override;
  bool Equals(const TableRef& other) const override;

  bool lateral = false;
  QueryPtr query;
  std::optional<TableAlias> alias;
};

enum class JoinKind : uint8_t {
  kInner,
  kLeft,
  kRight,
  kFull,
  kCross,
  kLeftSemi,
  kLeftAnti,
  kRightSemi,
  kRightAnti,
};

/// left JOIN right [ON cond | USING (cols)]; NATURAL joins and CROSS joins have no condition.
struct JoinRef final : TableRef {
  JoinRef(JoinKind k, TableRefPtr l, TableRefPtr r)
      : TableRef(TableRefKind::kJoin), join_kind(k), left(std::move(l)), right(std::move(r)) {}
  TableRefPtr Clone() const override;
  bool Equals(const TableRef& other) const override;

  JoinKind join_kind;
  bool natural = false;
  TableRefPtr left;
  TableRefPtr right;
  ExprPtr on;                        ///< may be null
  std::vector<Ident> using_columns;  ///< USING (a, b)
};

/// One item of a select list: an expression (or wildcard) and its optional alias.
struct SelectItem {
  ExprPtr expr;
  std::optional<Ident> alias;

  SelectItem Clone() const;
  bool Equals(const SelectItem& other) const;
};

/// WINDOW name AS (spec).
struct NamedWindow {
  Ident name;
  WindowSpec spec;

  NamedWindow Clone() const;
  bool Equals(const NamedWindow& other) const;
};

/// Which node a SetExpr is.
enum class SetExprKind : uint8_t { kSelect, kValues, kSetOperation, kNested };

/// The body of a query: a SELECT block, VALUES, a set operation over two bodies, or a
/// parenthesized query with its own WITH / ORDER BY / LIMIT. Immutable once parsed.
class SetExpr {
 public:
  SetExpr(const SetExpr&) = delete;
  SetExpr& operator=(const SetExpr&) = delete;
  virtual ~SetExpr() = default;

  /// A deep copy.
  virtual SetExprPtr Clone() const = 0;
  /// Structural equality ignoring positions.
  virtual bool Equals(const SetExpr& other) const = 0;

  /// The node as its concrete type; the caller has checked `kind`.
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  const SetExprKind kind;

 protected:
  explicit SetExpr(SetExprKind k) : kind(k) {}
};

enum class DistinctKind : uint8_t { kNone, kDistinct, kDistinctOn };

/// SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... WINDOW ... QUALIFY ...
struct Select final : SetExpr {
  Select() : SetExpr(SetExprKind::kSelect) {}
  SetExprPtr Clone() const override;
  bool Equals(const SetExpr& other) const override;

  DistinctKind distinct = DistinctKind::kNone;
  ExprList distinct_on;
  std::vector<SelectItem> items;
  std::vector<TableRefPtr> from;  ///< comma-separated items; empty without FROM
  ExprPtr where;
  bool group_by_all = false;  ///< GROUP BY ALL
  ExprList group_by;          ///< may hold GroupingSetExpr items
  ExprPtr having;
  std::vector<NamedWindow> windows;
  ExprPtr qualify;
};

/// VALUES (a, b), (c, d).
struct Values final : SetExpr {
  Values() : SetExpr(SetExprKind::kValues) {}
  SetExprPtr Clone() const override;
  bool Equals(const SetExpr& other) const override;

  std::vector<ExprList> rows;
};

enum class SetOp : uint8_t { kUnion, kIntersect, kExcept };
/// ALL, DISTINCT, or neither written (which means DISTINCT).
enum class SetQuantifier : uint8_t { kNone, kAll, kDistinct };

/// left UNION | INTERSECT | EXCEPT [ALL | DISTINCT] right.
struct SetOperation final : SetExpr {
  SetOperation(SetOp o, SetQuantifier q, SetExprPtr l, SetExprPtr r)
      : SetExpr(SetExprKind::kSetOperation),
        op(o),
        quantifier(q),
        left(std::move(l)),
        right(std::move(r)) {}
  SetExprPtr Clone() const override;
  bool Equals(const SetExpr& other) const override;

  SetOp op;
  SetQuantifier quantifier;
  SetExprPtr left;
  SetExprPtr right;
};

/// A parenthesized query that has a WITH, ORDER BY, LIMIT or OFFSET of its own. A parenthesized
/// query without them is just its body, since the parentheses change nothing.
struct NestedQuery final : SetExpr {
  explicit NestedQuery(QueryPtr q);
  ~NestedQuery() override;
  SetExprPtr Clone() const override;
  bool Equals(const SetExpr& other) const override;

  QueryPtr query;
};

/// name [(cols)] AS (query) in a WITH clause.
struct Cte {
  Ident name;
  std::vector<Ident> columns;
  QueryPtr query;

  Cte Clone() const;
  bool Equals(const Cte& other) const;
};

/// WITH [RECURSIVE] cte, ...
struct WithClause {
  bool recursive = false;
  std::vector<Cte> ctes;

  WithClause Clone() const;
  bool Equals(const WithClause& other) const;
};

/// A complete query: [WITH ...] body [ORDER BY ...] [LIMIT n] [OFFSET m]. FETCH FIRST n ROWS
/// ONLY is read as LIMIT n. Immutable once parsed.
struct Query {
  std::optional<WithClause> with;
  SetExprPtr body;
  std::vector<OrderByItem> order_by;
  ExprPtr limit;   ///< may be null
  ExprPtr offset;  ///< may be null

  QueryPtr Clone() const;
  bool Equals(const Query& other) const;
  /// True when only the body is set, so parentheses around the query change nothing.
  bool IsBareBody() const { return !with && order_by.empty() && !limit && !offset; }
};

bool QueryEquals(const QueryPtr& a, const QueryPtr& b);

}  // namespace ballista::sql
