#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ballista/arrow/scalar.h"
#include "ballista/arrow/type.h"
#include "ballista/compute/function.h"

namespace ballista::logical {

/// Identifies a column of a plan for the whole query. Every column a plan node creates (a scanned
/// column, a computed expression, an aggregate, a join's mark) gets a fresh id, so rewrites can
/// move expressions between nodes without name clashes; the physical planner maps ids to
/// positions. Ids are unique within one bound statement.
using ColumnId = int64_t;

/// A column id never handed out before in this process (thread-safe).
ColumnId NextColumnId();

class LogicalPlan;
using LogicalPlanPtr = std::shared_ptr<const LogicalPlan>;

enum class ExprKind : uint8_t {
  kColumn,
  kLiteral,
  kCall,
  kCast,
  kCase,
  kAggregate,
  kWindow,
  kSubquery,
  kParameter,
};

class Expr;
using ExprPtr = std::shared_ptr<const Expr>;

/// A typed, resolved scalar expression. Immutable and shared; thread-safe. Rewrites build new
/// nodes through WithChildren.
class Expr {
 public:
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;
  virtual ~Expr() = default;

  const ExprKind kind;
  const arrow::DataTypePtr type;
  const bool nullable;

  /// Display form used by plan printing, EXPLAIN and default column names: `l.l_quantity`,
  /// `sum(l.l_extendedprice * (1 - l.l_discount))`, `CAST(x AS DATE)`.
  virtual std::string ToString() const = 0;
  /// Structural equality (column ids, values, functions and children).
  virtual bool Equals(const Expr& other) const = 0;
  virtual size_t Hash() const = 0;

  /// Direct children in a fixed order (subquery plans are not children).
  virtual std::vector<ExprPtr> children() const = 0;
  /// The same node over new children (same count and order as children()).
  virtual ExprPtr WithChildren(std::vector<ExprPtr> children) const = 0;

  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

 protected:
  Expr(ExprKind k, arrow::DataTypePtr t, bool n) : kind(k), type(std::move(t)), nullable(n) {}
};

bool ExprEquals(const ExprPtr& a, const ExprPtr& b);
struct ExprHasher {
  size_t operator()(const ExprPtr& e) const { return e ? e->Hash() : 0; }
};
struct ExprEqualTo {
  bool operator()(const ExprPtr& a, const ExprPtr& b) const { return ExprEquals(a, b); }
};

/// A reference to a column produced by a child plan (or, inside a subquery, by an outer plan:
/// a correlated reference).
class ColumnExpr final : public Expr {
 public:
  ColumnExpr(ColumnId id, std::string name, arrow::DataTypePtr type, bool nullable)
      : Expr(ExprKind::kColumn, std::move(type), nullable), id(id), name(std::move(name)) {}
  std::string ToString() const override { return name; }
  bool Equals(const Expr& other) const override;
  size_t Hash() const override;
  std::vector<ExprPtr> children() const override { return {}; }
  ExprPtr WithChildren(std::vector<ExprPtr>) const override;

  const ColumnId id;
  const std::string name;  ///< display name, qualified when the query qualified it
};

/// A constant. Its type is the scalar's type.
class LiteralExpr final : public Expr {
 public:
  explicit LiteralExpr(arrow::Scalar v)
      : Expr(ExprKind::kLiteral, v.type(), v.is_null()), value(std::move(v)) {}
  std::string ToString() const override;
  bool Equals(const Expr& other) const override;
  size_t Hash() const override;
  std::vector<ExprPtr> children() const override { return {}; }
  ExprPtr WithChildren(std::vector<ExprPtr>) const override;

  const arrow::Scalar value;
};

/// A scalar function or operator call resolved against the function registry. Operators use
/// the registry names: add, subtract, multiply, divide, modulo, negate, eq, not_eq, lt, lt_eq,
/// gt, gt_eq, and, or, not, is_null, is_not_null, like, ... . Arguments already have the types
/// the resolution asked for (the binder inserted casts).
class CallExpr final : public Expr {
 public:
  CallExpr(const compute::ScalarFunction* function, std::vector<ExprPtr> args,
           compute::ResolvedScalar resolved, bool nullable);
  std::string ToString() const override;
  bool Equals(const Expr& other) const override;
  size_t Hash() const override;
  std::vector<ExprPtr> children() const override { return args; }
  ExprPtr WithChildren(std::vector<ExprPtr> children) const override;

  const std::string& name() const { return function->name(); }

  const compute::ScalarFunction* const function;
  const std::vector<ExprPtr> args;
  const compute::ResolvedScalar resolved;
};

/// CAST(input AS type) or TRY_CAST (a bad value becomes NULL instead of an error).
class CastExpr final : public Expr {
 public:
  CastExpr(ExprPtr input, arrow::DataTypePtr to, bool try_cast)
      : Expr(ExprKind::kCast, std::move(to), input->nullable || try_cast),
        input(std::move(input)),
        try_cast(try_cast) {}
  std::string ToString() const override;
  bool Equals(const Expr& other) const override;
  size_t Hash() const override;
  std::vector<ExprPtr> children() const override { return {input}; }
  ExprPtr WithChildren(std::vector<ExprPtr> children) const override;

  const ExprPtr input;
  const bool try_cast;
};

/// CASE WHEN c1 THEN v1 ... ELSE e END (searched form; a simple CASE is bound to equalities).
/// All values and the else share the result type. A missing ELSE means NULL.
class CaseExpr final : public Expr {
 public:
  CaseExpr(std::vector<std::pair<ExprPtr, ExprPtr>> whens, ExprPtr else_value,
           arrow::DataTypePtr type);
  std::string ToString() const override;
  bool Equals(const Expr& other) const override;
  size_t Hash() const override;
  std::vector<ExprPtr> children() const override;
  ExprPtr WithChildren(std::vector<ExprPtr> children) const override;

  const std::vector<std::pair<ExprPtr, ExprPtr>> whens;
  const ExprPtr else_value;  ///< may be null
};

/// One key of ORDER BY (query, window or aggregate). Defaults follow DuckDB: ascending, and
/// NULLS LAST in both directions.
struct SortExpr {
  ExprPtr expr;
  bool ascending = true;
  bool nulls_first = false;

  bool Equals(const SortExpr& other) const;
  std::string ToString() const;
};

/// An aggregate call inside an Aggregate node (sum(x), count(DISTINCT y) FILTER (WHERE z)).
class AggregateExpr final : public Expr {
 public:
  AggregateExpr(const compute::AggregateFunction* function, std::vector<ExprPtr> args,
                bool distinct, ExprPtr filter, std::vector<SortExpr> order_by,
                compute::ResolvedAggregate resolved);
  std::string ToString() const override;
  bool Equals(const Expr& other) const override;
  size_t Hash() const override;
  /// args, then the filter (when set), then the order-by keys.
  std::vector<ExprPtr> children() const override;
  ExprPtr WithChildren(std::vector<ExprPtr> children) const override;

  const std::string& name() const { return function->name(); }

  const compute::AggregateFunction* const function;
  const std::vector<ExprPtr> args;
  const bool distinct;
  const ExprPtr filter;  ///< may be null
  const std::vector<SortExpr> order_by;
  const compute::ResolvedAggregate resolved;
};

/// ROWS, RANGE or GROUPS.
enum class FrameUnits : uint8_t { kRows, kRange, kGroups };

/// One end of a window frame; `offset` is a constant for kPreceding / kFollowing.
struct FrameBound {
  enum class Kind : uint8_t {
    kUnboundedPreceding,
    kPreceding,
    kCurrentRow,
    kFollowing,
    kUnboundedFollowing
  };
  Kind kind = Kind::kCurrentRow;
  ExprPtr offset;
  bool Equals(const FrameBound& other) const;
  std::string ToString() const;
};

struct WindowFrame {
  FrameUnits units = FrameUnits::kRange;
  FrameBound start{FrameBound::Kind::kUnboundedPreceding, nullptr};
  FrameBound end{FrameBound::Kind::kCurrentRow, nullptr};
  bool Equals(const WindowFrame& other) const;
  std::string ToString() const;
};

/// f(args) OVER (PARTITION BY ... ORDER BY ... frame). `function` is either a window-only
/// function (rank, lag, ...) or an aggregate evaluated over the frame.
class WindowExpr final : public Expr {
 public:
  WindowExpr(std::string function_name, const compute::WindowFunction* window_function,
             const compute::AggregateFunction* aggregate_function, std::vector<ExprPtr> args,
             bool distinct, std::vector<ExprPtr> partition_by, std::vector<SortExpr> order_by,
             WindowFrame frame, arrow::DataTypePtr type, bool nullable,
             std::optional<compute::ResolvedAggregate> resolved_aggregate);
  std::string ToString() const override;
  bool Equals(const Expr& other) const override;
  size_t Hash() const override;
  /// args, partition keys, order keys, frame offsets (when set).
  std::vector<ExprPtr> children() const override;
  ExprPtr WithChildren(std::vector<ExprPtr> children) const override;

  const std::string function_name;
  const compute::WindowFunction* const window_function;        ///< set for window-only functions
  const compute::AggregateFunction* const aggregate_function;  ///< set for aggregates
  const std::vector<ExprPtr> args;
  const bool distinct;
  const std::vector<ExprPtr> partition_by;
  const std::vector<SortExpr> order_by;
  const WindowFrame frame;
  const std::optional<compute::ResolvedAggregate> resolved_aggregate;
};

/// A subquery used as a value: scalar `(SELECT ...)`, `EXISTS (...)` or `x [NOT] IN (...)`.
/// The plan may reference columns of enclosing queries (correlation); the optimizer turns these
/// into joins.
class SubqueryExpr final : public Expr {
 public:
  enum class Kind : uint8_t { kScalar, kExists, kIn };
  SubqueryExpr(Kind kind, LogicalPlanPtr plan, ExprPtr in_value, bool negated,
               arrow::DataTypePtr type, bool nullable);
  std::string ToString() const override;
  bool Equals(const Expr& other) const override;
  size_t Hash() const override;
  /// The IN value, when set.
  std::vector<ExprPtr> children() const override;
  ExprPtr WithChildren(std::vector<ExprPtr> children) const override;
  /// The same node over another plan.
  ExprPtr WithPlan(LogicalPlanPtr plan) const;

  const Kind subquery_kind;
  const LogicalPlanPtr plan;
  const ExprPtr in_value;  ///< kIn only
  const bool negated;      ///< NOT EXISTS, NOT IN
};

/// A placeholder ($1, ?) whose type is fixed when the statement is executed with values.
class ParameterExpr final : public Expr {
 public:
  ParameterExpr(int index, arrow::DataTypePtr type)
      : Expr(ExprKind::kParameter, std::move(type), true), index(index) {}
  std::string ToString() const override { return "$" + std::to_string(index + 1); }
  bool Equals(const Expr& other) const override;
  size_t Hash() const override;
  std::vector<ExprPtr> children() const override { return {}; }
  ExprPtr WithChildren(std::vector<ExprPtr>) const override;

  const int index;  ///< 0-based
};

// ---- Helpers over expression trees ----

/// Calls `visit` on every node, parents before children (not descending into subquery plans).
void VisitExpr(const ExprPtr& expr, const std::function<void(const ExprPtr&)>& visit);

/// Rebuilds the tree bottom-up: `rewrite` sees each node after its children were rewritten and
/// returns a replacement or null to keep it. Unchanged subtrees are shared, not copied.
Result<ExprPtr> RewriteExpr(const ExprPtr& expr,
                            const std::function<Result<ExprPtr>(const ExprPtr&)>& rewrite);

/// Column ids the expression reads (including references into enclosing queries).
void CollectColumns(const ExprPtr& expr, std::vector<ColumnId>* out);

/// Splits nested ANDs into their conjuncts.
void SplitConjunction(const ExprPtr& expr, std::vector<ExprPtr>* out);

/// True when this is a call of the registry function `name`.
bool IsCall(const ExprPtr& expr, std::string_view name);

/// True for an expression without column references, subqueries, parameters, aggregates,
/// windows or volatile functions (so it can be evaluated once at planning time).
bool IsConstant(const ExprPtr& expr);

}  // namespace ballista::logical
