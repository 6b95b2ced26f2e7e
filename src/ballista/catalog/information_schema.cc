#include "ballista/catalog/information_schema.h"

#include <algorithm>
#include <cctype>

#include "ballista/common/ascii.h"
#include "ballista/arrow/builder.h"
#include "ballista/catalog/catalog.h"
#include "ballista/catalog/memory_table.h"
#include "ballista/catalog/sql_type_name.h"
#include "ballista/catalog/view_table.h"

namespace ballista::catalog {
namespace a = ballista::arrow;
namespace {

/// Rows of string cells (a null cell is std::nullopt) turned into a memory table of VARCHAR
/// columns, except the columns listed in `int_columns`, which are BIGINT.
class TableBuilder {
 public:
  TableBuilder(std::vector<std::string> names, std::vector<bool> is_int)
      : names_(std::move(names)), is_int_(std::move(is_int)) {}

  void AddRow(std::vector<std::optional<std::string>> row) { rows_.push_back(std::move(row)); }

  Result<TableProviderPtr> Finish() {
    a::FieldVector fields;
    std::vector<a::ArrayDataPtr> columns;
    for (size_t c = 0; c < names_.size(); ++c) {
      if (is_int_[c]) {
        a::Int64Builder builder;
        for (const auto& row : rows_) {
          RETURN_NOT_OK(row[c] ? builder.Append(std::stoll(*row[c])) : builder.AppendNull());
        }
        ASSIGN_OR_RAISE(auto array, builder.Finish());
        columns.push_back(std::move(array));
        fields.push_back(a::MakeField(names_[c], a::Int64(), true));
      } else {
        a::StringBuilder builder;
        for (const auto& row : rows_) {
          RETURN_NOT_OK(row[c] ? builder.Append(*row[c]) : builder.AppendNull());
        }
        ASSIGN_OR_RAISE(auto array, builder.Finish());
        columns.push_back(std::move(array));
        fields.push_back(a::MakeField(names_[c], a::Utf8(), true));
      }
    }
    auto schema = a::MakeSchema(std::move(fields));
    std::vector<a::RecordBatchPtr> batches;
    if (!rows_.empty()) {
      ASSIGN_OR_RAISE(auto batch, a::RecordBatch::Make(schema, static_cast<int64_t>(rows_.size()),
                                                       std::move(columns)));
      batches.push_back(std::move(batch));
    }
    ASSIGN_OR_RAISE(auto table, MemoryTable::Make(schema, std::move(batches)));
    return TableProviderPtr(std::move(table));
  }

 private:
  std::vector<std::string> names_;
  std::vector<bool> is_int_;
  std::vector<std::vector<std::optional<std::string>>> rows_;
};

const char* const kSystemTables[] = {"columns", "schemata", "tables", "views"};


}  // namespace

Result<TableProviderPtr> MakeInformationSchemaTable(const CatalogList& catalogs,
                                                    const std::string& catalog_name,
                                                    std::string_view table_name) {
  std::string name = AsciiLower(table_name);
  std::vector<ResolvedTable> tables;
  for (auto& t : catalogs.ListTables()) {
    if (t.catalog == catalog_name) tables.push_back(std::move(t));
  }
  if (name == "tables") {
    TableBuilder out({"table_catalog", "table_schema", "table_name", "table_type"},
                     {false, false, false, false});
    for (const auto& t : tables) {
      out.AddRow({t.catalog, t.schema, t.table,
                  std::string(TableTypeName(t.provider->table_type()))});
    }
    for (const char* system : kSystemTables) {
      out.AddRow({catalog_name, std::string(kInformationSchema), std::string(system),
                  std::string(TableTypeName(TableType::kSystem))});
    }
    return out.Finish();
  }
  if (name == "columns") {
    TableBuilder out({"table_catalog", "table_schema", "table_name", "column_name",
                      "ordinal_position", "data_type", "is_nullable"},
                     {false, false, false, false, true, false, false});
    for (const auto& t : tables) {
      auto schema = t.provider->schema();
      for (int i = 0; i < schema->num_fields(); ++i) {
        const auto& field = schema->field(i);
        out.AddRow({t.catalog, t.schema, t.table, field->name(), std::to_string(i + 1),
                    SqlTypeName(*field->type()), std::string(field->nullable() ? "YES" : "NO")});
      }
    }
    return out.Finish();
  }
  if (name == "views") {
    TableBuilder out({"table_catalog", "table_schema", "table_name", "view_definition"},
                     {false, false, false, false});
    for (const auto& t : tables) {
      if (auto view = std::dynamic_pointer_cast<ViewTable>(t.provider)) {
        out.AddRow({t.catalog, t.schema, t.table, view->definition_sql()});
      }
    }
    return out.Finish();
  }
  if (name == "schemata") {
    TableBuilder out({"catalog_name", "schema_name"}, {false, false});
    if (auto catalog = catalogs.Catalog(catalog_name)) {
      for (const auto& schema_name : catalog->SchemaNames()) {
        out.AddRow({catalog_name, schema_name});
      }
    }
    out.AddRow({catalog_name, std::string(kInformationSchema)});
    return out.Finish();
  }
  std::string message = "table \"information_schema." + std::string(table_name) + "\" not found";
  std::string hint = ClosestName(name, {std::begin(kSystemTables), std::end(kSystemTables)});
  if (!hint.empty()) message += "; did you mean \"" + hint + "\"?";
  return Status::NotFound(std::move(message));
}

}  // namespace ballista::catalog
