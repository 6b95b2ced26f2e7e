#pragma once

// The binder's private state and helpers, shared by its source files (binder_*.cc).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ballista/common/ascii.h"
#include "ballista/logical/binder.h"
#include "ballista/logical/expr_factory.h"
#include "ballista/sql/ast_statement.h"

namespace ballista::logical {

/// A column visible to name resolution.
struct ScopeColumn {
  std::string qualifier;  ///< table name or alias ("" when the column has none)
  std::string name;
  ColumnId id;
  arrow::DataTypePtr type;
  bool nullable = true;
  /// Hidden from unqualified names and `*` (the right copy of a USING/NATURAL join column).
  bool hidden = false;
};

/// The columns a query block can name, and the enclosing block's scope for correlated
/// references.
struct Scope {
  std::vector<ScopeColumn> columns;
  const Scope* outer = nullptr;

  static Scope FromPlan(const LogicalPlan& plan, const Scope* outer);
};

/// Where an expression is bound; decides what it may contain.
enum class ExprContext : uint8_t {
  kPlain,      ///< WHERE, JOIN ON, VALUES, LIMIT: no aggregates, no windows
  kSelect,     ///< select list, ORDER BY, QUALIFY: aggregates and windows
  kHaving,     ///< aggregates, no windows
  kGroupBy,    ///< no aggregates, no windows
};

class Binder::Impl {
 public:
  Impl(const catalog::CatalogList* catalogs, const compute::FunctionRegistry* registry,
       BinderHooks hooks)
      : catalogs_(catalogs), registry_(registry), factory_(registry), hooks_(std::move(hooks)) {}

  // ---- queries (binder_query.cc) ----
  Result<LogicalPlanPtr> BindQuery(const sql::Query& query, const Scope* outer);
  Result<LogicalPlanPtr> BindSetExpr(const sql::SetExpr& body, const Scope* outer,
                                     const std::vector<sql::OrderByItem>* order_by);
  Result<LogicalPlanPtr> BindValues(const sql::Values& values, const Scope* outer);
  Result<LogicalPlanPtr> BindSetOperation(const sql::SetOperation& op, const Scope* outer);
  /// ORDER BY over a finished plan whose output is all the query can see (set operations,
  /// VALUES): names, ordinals and expressions over the output columns.
  Result<LogicalPlanPtr> BindOrderByOnOutput(LogicalPlanPtr plan,
                                             const std::vector<sql::OrderByItem>& items,
                                             const Scope* outer);
  Result<std::optional<int64_t>> BindLimitValue(const sql::ExprPtr& expr, const char* what);

  // ---- SELECT blocks (binder_select.cc) ----
  Result<LogicalPlanPtr> BindSelect(const sql::Select& select, const Scope* outer,
                                    const std::vector<sql::OrderByItem>* order_by);

  // ---- FROM (binder_from.cc) ----
  /// Binds a FROM list (comma items are cross joined; LATERAL items see earlier ones).
  Result<LogicalPlanPtr> BindFrom(const std::vector<sql::TableRefPtr>& from, const Scope* outer,
                                  Scope* scope);
  Result<LogicalPlanPtr> BindTableRef(const sql::TableRef& ref, const Scope* outer,
                                      const Scope* lateral, Scope* scope);
  Result<LogicalPlanPtr> BindJoin(const sql::JoinRef& join, const Scope* outer,
                                  const Scope* lateral, Scope* scope);
  Result<LogicalPlanPtr> ScanProvider(const catalog::ResolvedTable& table,
                                      const std::string& qualifier,
                                      const std::optional<sql::TableAlias>& alias, Scope* scope);
  /// Applies `AS alias (c1, c2)` to a bound relation's scope: new qualifier and column names.
  Status ApplyAlias(const std::optional<sql::TableAlias>& alias, const std::string& default_name,
                    Scope* scope, const sql::SourcePos& pos);

  // ---- expressions (binder_expr.cc) ----
  Result<ExprPtr> BindExpr(const sql::Expr& expr, const Scope& scope, ExprContext context);
  Result<ExprPtr> BindColumnRef(const sql::ColumnRefExpr& ref, const Scope& scope);
  Result<ExprPtr> BindFunction(const sql::FunctionExpr& call, const Scope& scope,
                               ExprContext context);
  Result<ExprPtr> BindWindowCall(const sql::FunctionExpr& call, const Scope& scope);
  Result<ExprPtr> BindSubquery(const sql::Query& query, const Scope& scope, SubqueryExpr::Kind kind,
                               ExprPtr in_value, bool negated, const sql::SourcePos& pos);
  Result<ExprPtr> BindQuantified(const sql::QuantifiedExpr& q, const Scope& scope,
                                 ExprContext context);
  Result<ExprPtr> BindComparison(std::string_view fn, ExprPtr left, ExprPtr right,
                                 const sql::SourcePos& pos);
  /// (a, b) = (c, d) as a = c AND b = d (three-valued, as SQL row comparison).
  Result<ExprPtr> BindRowComparison(const sql::Expr& left, const sql::Expr& right, const Scope& scope,
                                    ExprContext context, const sql::SourcePos& pos);
  Result<ExprPtr> BindCase(const sql::CaseExpr& c, const Scope& scope, ExprContext context);
  Result<ExprPtr> BindTypedString(const sql::TypedStringExpr& t);
  Result<std::vector<SortExpr>> BindOrderItems(const std::vector<sql::OrderByItem>& items,
                                               const Scope& scope, ExprContext context);
  /// A boolean condition (WHERE, ON, HAVING, QUALIFY); `clause` names it in errors.
  Result<ExprPtr> BindCondition(const sql::Expr& expr, const Scope& scope, ExprContext context,
                                const char* clause);

  /// A Status with "line L, column C: " in front when the position is known.
  static Status At(const sql::SourcePos& pos, Status status);

  const catalog::CatalogList* catalogs_;
  const compute::FunctionRegistry* registry_;
  ExprFactory factory_;
  BinderHooks hooks_;
  std::vector<arrow::DataTypePtr> parameter_types_;
  std::vector<arrow::Scalar> parameter_values_;
  int next_question_parameter_ = 0;

  /// Select-list aliases usable by HAVING and QUALIFY (as DuckDB allows) while they are bound:
  /// an unqualified name that no column matches resolves to the aliased expression.
  const std::vector<std::pair<std::string, ExprPtr>>* select_aliases_ = nullptr;

  /// Named windows of the SELECT block being bound (WINDOW w AS (...)).
  const std::vector<sql::NamedWindow>* named_windows_ = nullptr;

  /// CTEs visible at this point, innermost last; a name resolves to the latest definition.
  struct CteBinding {
    std::string name;
    const sql::Cte* cte;
  };
  std::vector<CteBinding> ctes_;
  /// Views being expanded, to refuse a view that refers to itself.
  std::vector<std::string> expanding_views_;
};

/// The output name a select item gets without an alias: a column's name, otherwise the
/// expression's SQL text (as DuckDB names it).
std::string DefaultColumnName(const sql::Expr& expr);

/// The placeholder function GROUPING(...) binds to until its aggregate is planned.
const compute::ScalarFunction* GroupingFunction();


/// A projection computing `exprs` over `input` with output columns named `names`. A bare
/// column reference keeps its id; every other expression gets a fresh one.
LogicalPlanPtr MakeProjection(LogicalPlanPtr input, std::vector<ExprPtr> exprs,
                              const std::vector<std::string>& names,
                              const std::vector<std::string>& qualifiers);

}  // namespace ballista::logical
