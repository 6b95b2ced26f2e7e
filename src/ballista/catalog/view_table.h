#pragma once

#include <string>
#include <vector>

#include "ballista/catalog/table_provider.h"
#include "ballista/sql/ast_query.h"

namespace ballista::catalog {

/// A view: a stored query that the binder expands in place wherever the view is named, so the
/// optimizer sees through it. The schema is the query's output when the view was created
/// (column names replaced by the view's column list, if it had one). Scanning a view directly
/// is an error: only the binder reads it.
class ViewTable final : public TableProvider {
 public:
  ViewTable(std::string definition_sql, sql::QueryPtr query, std::vector<std::string> column_names,
            arrow::SchemaPtr schema)
      : definition_sql_(std::move(definition_sql)),
        query_(std::move(query)),
        column_names_(std::move(column_names)),
        schema_(std::move(schema)) {}

  arrow::SchemaPtr schema() const override { return schema_; }
  TableType table_type() const override { return TableType::kView; }
  Result<std::vector<ScanUnitPtr>> PlanScan(const ScanRequest&) const override {
    return Status::Internal("a view is expanded by the binder and cannot be scanned");
  }

  /// The SELECT text as written in CREATE VIEW.
  const std::string& definition_sql() const { return definition_sql_; }
  const sql::Query& query() const { return *query_; }
  /// Names given in CREATE VIEW v (a, b) AS ...; empty when the query's names are used.
  const std::vector<std::string>& column_names() const { return column_names_; }

 private:
  std::string definition_sql_;
  sql::QueryPtr query_;
  std::vector<std::string> column_names_;
  arrow::SchemaPtr schema_;
};

}  // namespace ballista::catalog
