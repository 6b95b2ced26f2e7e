#include "ballista/scheduler/flight_sql_metadata.h"

#include <algorithm>

#include "ballista/arrow/builder.h"
#include "ballista/scheduler/flight_sql_ipc.h"

namespace ballista::scheduler {
namespace {

/// One column of strings (nullopt = NULL) as an array.
Result<arrow::ArrayDataPtr> StringColumn(const std::vector<std::optional<std::string>>& values) {
  arrow::StringBuilder builder;
  for (const auto& value : values) {
    if (value) {
      RETURN_NOT_OK(builder.Append(*value));
    } else {
      RETURN_NOT_OK(builder.AppendNull());
    }
  }
  return builder.Finish();
}

Result<arrow::ArrayDataPtr> BinaryColumn(const std::vector<std::string>& values) {
  arrow::BinaryBuilder builder;
  for (const auto& value : values) {
    RETURN_NOT_OK(builder.Append(value));
  }
  return builder.Finish();
}

const std::vector<std::string>& EngineTableTypes() {
  static const std::vector<std::string> types = {
      std::string(catalog::TableTypeName(catalog::TableType::kBaseTable)),
      std::string(catalog::TableTypeName(catalog::TableType::kLocalTemporary)),
      std::string(catalog::TableTypeName(catalog::TableType::kSystem)),
      std::string(catalog::TableTypeName(catalog::TableType::kView)),
  };
  return types;
}

}  // namespace

bool LikeMatches(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) {
    return text.empty();
  }
  char p = pattern[0];
  if (p == '%') {
    for (size_t skip = 0; skip <= text.size(); ++skip) {
      if (LikeMatches(pattern.substr(1), text.substr(skip))) {
        return true;
      }
    }
    return false;
  }
  if (text.empty()) {
    return false;
  }
  if (p == '\\' && pattern.size() > 1) {
    return pattern[1] == text[0] && LikeMatches(pattern.substr(2), text.substr(1));
  }
  if (p == '_' || p == text[0]) {
    return LikeMatches(pattern.substr(1), text.substr(1));
  }
  return false;
}

Result<arrow::RecordBatchPtr> CatalogsBatch(const catalog::CatalogList& catalogs) {
  std::vector<std::optional<std::string>> names;
  auto catalog_names = catalogs.CatalogNames();
  std::sort(catalog_names.begin(), catalog_names.end());
  for (auto& name : catalog_names) {
    names.emplace_back(std::move(name));
  }
  ASSIGN_OR_RAISE(auto column, StringColumn(names));
  auto schema = arrow::MakeSchema({arrow::MakeField("catalog_name", arrow::Utf8(), false)});
  return std::make_shared<arrow::RecordBatch>(schema, static_cast<int64_t>(names.size()),
                                              std::vector<arrow::ArrayDataPtr>{column});
}

Result<arrow::RecordBatchPtr> DbSchemasBatch(const catalog::CatalogList& catalogs,
                                             const std::optional<std::string>& catalog_name,
                                             const std::optional<std::string>& schema_pattern) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& name : catalogs.CatalogNames()) {
    if (catalog_name && *catalog_name != name) {
      continue;
    }
    auto provider = catalogs.Catalog(name);
    if (!provider) {
      continue;
    }
    for (const auto& schema : provider->SchemaNames()) {
      if (!schema_pattern || LikeMatches(*schema_pattern, schema)) {
        rows.emplace_back(name, schema);
      }
    }
  }
  std::sort(rows.begin(), rows.end());
  std::vector<std::optional<std::string>> catalog_column, schema_column;
  for (auto& [catalog, schema] : rows) {
    catalog_column.emplace_back(catalog);
    schema_column.emplace_back(schema);
  }
  ASSIGN_OR_RAISE(auto c0, StringColumn(catalog_column));
  ASSIGN_OR_RAISE(auto c1, StringColumn(schema_column));
  auto schema = arrow::MakeSchema({arrow::MakeField("catalog_name", arrow::Utf8(), true),
                                   arrow::MakeField("db_schema_name", arrow::Utf8(), false)});
  return std::make_shared<arrow::RecordBatch>(schema, static_cast<int64_t>(rows.size()),
                                              std::vector<arrow::ArrayDataPtr>{c0, c1});
}

Result<arrow::RecordBatchPtr> TablesBatch(const catalog::CatalogList& catalogs,
                                          const TablesFilter& filter) {
  std::vector<std::optional<std::string>> catalog_column, schema_column, table_column, type_column;
  std::vector<std::string> table_schemas;
  for (const auto& table : catalogs.ListTables()) {  // sorted by catalog, schema, table
    if (filter.catalog && *filter.catalog != table.catalog) {
      continue;
    }
    if (filter.schema_pattern && !LikeMatches(*filter.schema_pattern, table.schema)) {
      continue;
    }
    if (filter.table_pattern && !LikeMatches(*filter.table_pattern, table.table)) {
      continue;
    }
    std::string type(catalog::TableTypeName(table.provider->table_type()));
    if (!filter.table_types.empty() &&
        std::find(filter.table_types.begin(), filter.table_types.end(), type) ==
            filter.table_types.end()) {
      continue;
    }
    catalog_column.emplace_back(table.catalog);
    schema_column.emplace_back(table.schema);
    table_column.emplace_back(table.table);
    type_column.emplace_back(type);
    if (filter.include_schema) {
      ASSIGN_OR_RAISE(auto bytes, SchemaToIpcBytes(*ToClientTypes(table.provider->schema())));
      table_schemas.push_back(std::move(bytes));
    }
  }
  arrow::FieldVector fields = {
      arrow::MakeField("catalog_name", arrow::Utf8(), true),
      arrow::MakeField("db_schema_name", arrow::Utf8(), true),
      arrow::MakeField("table_name", arrow::Utf8(), false),
      arrow::MakeField("table_type", arrow::Utf8(), false),
  };
  std::vector<arrow::ArrayDataPtr> columns;
  for (const auto* column : {&catalog_column, &schema_column, &table_column, &type_column}) {
    ASSIGN_OR_RAISE(auto array, StringColumn(*column));
    columns.push_back(std::move(array));
  }
  if (filter.include_schema) {
    fields.push_back(arrow::MakeField("table_schema", arrow::Binary(), false));
    ASSIGN_OR_RAISE(auto array, BinaryColumn(table_schemas));
    columns.push_back(std::move(array));
  }
  return std::make_shared<arrow::RecordBatch>(arrow::MakeSchema(std::move(fields)),
                                              static_cast<int64_t>(table_column.size()),
                                              std::move(columns));
}

Result<arrow::RecordBatchPtr> TableTypesBatch() {
  std::vector<std::optional<std::string>> types(EngineTableTypes().begin(),
                                                EngineTableTypes().end());
  ASSIGN_OR_RAISE(auto column, StringColumn(types));
  auto schema = arrow::MakeSchema({arrow::MakeField("table_type", arrow::Utf8(), false)});
  return std::make_shared<arrow::RecordBatch>(schema, static_cast<int64_t>(types.size()),
                                              std::vector<arrow::ArrayDataPtr>{column});
}

Result<arrow::RecordBatchPtr> PrimaryKeysBatch() {
  std::vector<arrow::ArrayDataPtr> columns;
  for (int i = 0; i < 5; ++i) {
    ASSIGN_OR_RAISE(auto column, StringColumn({}));
    columns.push_back(std::move(column));
  }
  arrow::Int32Builder sequence;
  ASSIGN_OR_RAISE(auto sequence_column, sequence.Finish());
  columns.push_back(std::move(sequence_column));
  auto schema = arrow::MakeSchema({
      arrow::MakeField("catalog_name", arrow::Utf8(), true),
      arrow::MakeField("db_schema_name", arrow::Utf8(), true),
      arrow::MakeField("table_name", arrow::Utf8(), false),
      arrow::MakeField("column_name", arrow::Utf8(), false),
      arrow::MakeField("key_name", arrow::Utf8(), true),
      arrow::MakeField("key_sequence", arrow::Int32(), false),
  });
  return std::make_shared<arrow::RecordBatch>(schema, 0, std::move(columns));
}

Result<arrow::RecordBatchPtr> ForeignKeysBatch() {
  arrow::FieldVector fields = {
      arrow::MakeField("pk_catalog_name", arrow::Utf8(), true),
      arrow::MakeField("pk_db_schema_name", arrow::Utf8(), true),
      arrow::MakeField("pk_table_name", arrow::Utf8(), false),
      arrow::MakeField("pk_column_name", arrow::Utf8(), false),
      arrow::MakeField("fk_catalog_name", arrow::Utf8(), true),
      arrow::MakeField("fk_db_schema_name", arrow::Utf8(), true),
      arrow::MakeField("fk_table_name", arrow::Utf8(), false),
      arrow::MakeField("fk_column_name", arrow::Utf8(), false),
      arrow::MakeField("key_sequence", arrow::Int32(), false),
      arrow::MakeField("fk_key_name", arrow::Utf8(), true),
      arrow::MakeField("pk_key_name", arrow::Utf8(), true),
      arrow::MakeField("update_rule", arrow::UInt8(), false),
      arrow::MakeField("delete_rule", arrow::UInt8(), false),
  };
  std::vector<arrow::ArrayDataPtr> columns;
  for (const auto& field : fields) {
    if (field->type()->id() == arrow::TypeId::kUtf8) {
      ASSIGN_OR_RAISE(auto column, StringColumn({}));
      columns.push_back(std::move(column));
    } else if (field->type()->id() == arrow::TypeId::kInt32) {
      arrow::Int32Builder builder;
      ASSIGN_OR_RAISE(auto column, builder.Finish());
      columns.push_back(std::move(column));
    } else {
      arrow::UInt8Builder builder;
      ASSIGN_OR_RAISE(auto column, builder.Finish());
      columns.push_back(std::move(column));
    }
  }
  return std::make_shared<arrow::RecordBatch>(arrow::MakeSchema(std::move(fields)), 0,
                                              std::move(columns));
}

}  // namespace ballista::scheduler
