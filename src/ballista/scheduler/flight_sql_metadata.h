#pragma once
// The result sets of the Flight SQL metadata commands, with exactly the schemas the Flight SQL
// specification gives them (field names, types, nullability), built from a session's catalogs.

#include <optional>
#include <string>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/catalog/catalog.h"
#include "ballista/common/result.h"

namespace ballista::scheduler {

/// CommandGetCatalogs: <catalog_name: utf8 not null>, sorted.
Result<arrow::RecordBatchPtr> CatalogsBatch(const catalog::CatalogList& catalogs);

/// CommandGetDbSchemas: <catalog_name: utf8, db_schema_name: utf8 not null>, sorted by catalog
/// then schema. `schema_pattern` is a SQL LIKE pattern ('%', '_', '\' escapes).
Result<arrow::RecordBatchPtr> DbSchemasBatch(const catalog::CatalogList& catalogs,
                                             const std::optional<std::string>& catalog_name,
                                             const std::optional<std::string>& schema_pattern);

/// What CommandGetTables asks for.
struct TablesFilter {
  std::optional<std::string> catalog;
  std::optional<std::string> schema_pattern;
  std::optional<std::string> table_pattern;
  std::vector<std::string> table_types;  ///< empty: every type
  bool include_schema = false;
};

/// CommandGetTables: <catalog_name: utf8, db_schema_name: utf8, table_name: utf8 not null,
/// table_type: utf8 not null> plus <table_schema: binary not null> (the IPC-encapsulated schema)
/// when include_schema; sorted by catalog, schema, table.
Result<arrow::RecordBatchPtr> TablesBatch(const catalog::CatalogList& catalogs,
                                          const TablesFilter& filter);

/// CommandGetTableTypes: <table_type: utf8 not null>, the types tables of this engine have.
Result<arrow::RecordBatchPtr> TableTypesBatch();

/// CommandGetPrimaryKeys (and the foreign-key commands' key columns): the engine has no keys, so
/// always empty, with the schema <catalog_name: utf8, db_schema_name: utf8, table_name: utf8 not
/// null, column_name: utf8 not null, key_name: utf8, key_sequence: int32 not null>.
Result<arrow::RecordBatchPtr> PrimaryKeysBatch();

/// CommandGetExportedKeys, CommandGetImportedKeys and CommandGetCrossReference: always empty (no
/// keys), with the schema <pk_catalog_name: utf8, pk_db_schema_name: utf8, pk_table_name: utf8
/// not null, pk_column_name: utf8 not null, fk_catalog_name: utf8, fk_db_schema_name: utf8,
/// fk_table_name: utf8 not null, fk_column_name: utf8 not null, key_sequence: int32 not null,
/// fk_key_name: utf8, pk_key_name: utf8, update_rule: uint8 not null, delete_rule: uint8 not null>.
Result<arrow::RecordBatchPtr> ForeignKeysBatch();

/// Whether `text` matches the SQL LIKE `pattern` ('%' any run, '_' one byte, '\' escapes).
bool LikeMatches(std::string_view pattern, std::string_view text);

}  // namespace ballista::scheduler
