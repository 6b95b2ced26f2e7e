#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ballista/catalog/catalog.h"
#include "ballista/compute/registry.h"
#include "ballista/logical/plan.h"
#include "ballista/sql/ast_query.h"

namespace ballista::logical {

/// Hooks the session provides for FROM items that are not catalog tables.
struct BinderHooks {
  /// `read_csv('x.csv', ...)`, `read_parquet(...)`, `read_json(...)` and other table functions:
  /// the function name (lower case) and its constant arguments.
  std::function<Result<catalog::TableProviderPtr>(const std::string& name,
                                                  const std::vector<arrow::Scalar>& args)>
      table_function;
  /// `FROM 'data/trips.parquet'`: a table over the file (format from its extension).
  std::function<Result<catalog::TableProviderPtr>(const std::string& path)> file_table;
  /// Names that stand for already bound plans (the DataFrame API binds its operations as SQL
  /// over the frames involved). Looked up before CTEs and catalog tables; the plan's columns
  /// keep their ids, so each plan should be named once per statement.
  std::map<std::string, LogicalPlanPtr> plan_tables;
};

/// Turns a parsed query into a logical plan: resolves tables, columns and functions, checks
/// GROUP BY validity, types every expression and inserts the casts coercion needs. Errors name
/// the object and, where known, the place: `line 1, column 8: column "l_quantiy" not found; did
/// you mean "l_quantity"?`. One Binder binds one statement (column ids are unique within it).
class Binder {
 public:
  Binder(const catalog::CatalogList* catalogs, const compute::FunctionRegistry* registry,
         BinderHooks hooks = {});
  ~Binder();

  /// Types of `$1`, `$2`, ... (PREPARE/EXECUTE); a parameter without a type is an error.
  void SetParameterTypes(std::vector<arrow::DataTypePtr> types);
  /// Values of `$1`, `$2`, ... (EXECUTE): parameters bind as these constants, cast to the
  /// declared types when SetParameterTypes gave some.
  void SetParameterValues(std::vector<arrow::Scalar> values);

  /// The plan of a query; its output columns carry the names the user sees.
  Result<LogicalPlanPtr> BindQuery(const sql::Query& query);

  /// A scalar expression over the columns of `input` (DataFrame expressions, defaults). No
  /// aggregates or windows.
  Result<ExprPtr> BindExpr(const sql::Expr& expr, const LogicalPlan& input);

  /// A fresh column id for nodes built outside the binder (DataFrame API, optimizer).
  ColumnId NewColumnId();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ballista::logical
