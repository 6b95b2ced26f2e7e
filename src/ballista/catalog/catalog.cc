#include "ballista/catalog/catalog.h"

#include <algorithm>
#include <cctype>

#include "ballista/common/ascii.h"
#include "ballista/catalog/information_schema.h"

namespace ballista::catalog {
namespace {

/// Exact match first, then a unique case-insensitive one.
template <typename Map>
typename Map::const_iterator FindName(const Map& map, std::string_view name) {
  auto exact = map.find(std::string(name));
  if (exact != map.end()) return exact;
  auto found = map.end();
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (EqualsIgnoreAsciiCase(it->first, name)) {
      if (found != map.end()) return map.end();  // ambiguous: only the exact name will do
      found = it;
    }
  }
  return found;
}

std::string Quote(std::string_view name) { return "\"" + std::string(name) + "\""; }

}  // namespace

// ---- SchemaProvider ----

std::map<std::string, TableProviderPtr>::const_iterator SchemaProvider::FindLocked(
    std::string_view name) const {
  return FindName(tables_, name);
}

std::vector<std::string> SchemaProvider::TableNames() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [name, _] : tables_) names.push_back(name);
  return names;
}

TableProviderPtr SchemaProvider::Table(std::string_view name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = FindLocked(name);
  return it == tables_.end() ? nullptr : it->second;
}

Status SchemaProvider::RegisterTable(const std::string& name, TableProviderPtr table,
                                     bool replace) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = FindLocked(name);
  if (it != tables_.end()) {
    if (!replace) return Status::AlreadyExists("table " + Quote(name) + " already exists");
    tables_.erase(it);
  }
  tables_[name] = std::move(table);
  return Status::OK();
}

Status SchemaProvider::DeregisterTable(std::string_view name) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = FindLocked(name);
  if (it == tables_.end()) return Status::NotFound("table " + Quote(name) + " not found");
  tables_.erase(it);
  return Status::OK();
}

// ---- CatalogProvider ----

std::vector<std::string> CatalogProvider::SchemaNames() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [name, _] : schemas_) names.push_back(name);
  return names;
}

SchemaProviderPtr CatalogProvider::Schema(std::string_view name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = FindName(schemas_, name);
  return it == schemas_.end() ? nullptr : it->second;
}

Status CatalogProvider::RegisterSchema(const std::string& name, SchemaProviderPtr schema,
                                       bool replace) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = FindName(schemas_, name);
  if (it != schemas_.end()) {
    if (!replace) return Status::AlreadyExists("schema " + Quote(name) + " already exists");
    schemas_.erase(it);
  }
  schemas_[name] = std::move(schema);
  return Status::OK();
}

Status CatalogProvider::DeregisterSchema(std::string_view name) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = FindName(schemas_, name);
  if (it == schemas_.end()) return Status::NotFound("schema " + Quote(name) + " not found");
  schemas_.erase(it);
  return Status::OK();
}

// ---- TableReference / CatalogList ----

std::string TableReference::ToString() const {
  std::string out;
  if (!catalog.empty()) out += catalog + ".";
  if (!schema.empty()) out += schema + ".";
  return out + table;
}

CatalogList::CatalogList(std::string default_catalog, std::string default_schema)
    : default_catalog_(std::move(default_catalog)), default_schema_(std::move(default_schema)) {
  auto catalog = std::make_shared<CatalogProvider>();
  (void)catalog->RegisterSchema(default_schema_, std::make_shared<SchemaProvider>(), false);
  catalogs_[default_catalog_] = std::move(catalog);
}

std::vector<std::string> CatalogList::CatalogNames() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [name, _] : catalogs_) names.push_back(name);
  return names;
}

CatalogProviderPtr CatalogList::Catalog(std::string_view name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = FindName(catalogs_, name);
  return it == catalogs_.end() ? nullptr : it->second;
}

Status CatalogList::RegisterCatalog(const std::string& name, CatalogProviderPtr catalog,
                                    bool replace) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = FindName(catalogs_, name);
  if (it != catalogs_.end()) {
    if (!replace) return Status::AlreadyExists("catalog " + Quote(name) + " already exists");
    catalogs_.erase(it);
  }
  catalogs_[name] = std::move(catalog);
  return Status::OK();
}

Result<SchemaProviderPtr> CatalogList::ResolveSchema(const TableReference& ref) const {
  std::string catalog_name = ref.catalog.empty() ? default_catalog_ : ref.catalog;
  std::string schema_name = ref.schema.empty() ? default_schema_ : ref.schema;
  CatalogProviderPtr catalog = Catalog(catalog_name);
  if (!catalog) return Status::NotFound("catalog " + Quote(catalog_name) + " not found");
  SchemaProviderPtr schema = catalog->Schema(schema_name);
  if (!schema) {
    return Status::NotFound("schema " + Quote(catalog_name + "." + schema_name) + " not found");
  }
  return schema;
}

Result<ResolvedTable> CatalogList::ResolveTable(const TableReference& ref) const {
  std::string catalog_name = ref.catalog.empty() ? default_catalog_ : ref.catalog;
  if (EqualsIgnoreAsciiCase(ref.schema, kInformationSchema)) {
    ASSIGN_OR_RAISE(auto provider, MakeInformationSchemaTable(*this, catalog_name, ref.table));
    return ResolvedTable{catalog_name, std::string(kInformationSchema), ref.table,
                         std::move(provider)};
  }
  ASSIGN_OR_RAISE(auto schema, ResolveSchema(ref));
  if (auto table = schema->Table(ref.table)) {
    std::string schema_name = ref.schema.empty() ? default_schema_ : ref.schema;
    return ResolvedTable{catalog_name, schema_name, ref.table, std::move(table)};
  }
  std::string message = "table " + Quote(ref.ToString()) + " not found";
  std::string hint = ClosestName(ref.table, schema->TableNames());
  if (!hint.empty()) message += "; did you mean " + Quote(hint) + "?";
  return Status::NotFound(std::move(message));
}

Status CatalogList::RegisterTable(const TableReference& ref, TableProviderPtr table,
                                  bool replace) {
  if (EqualsIgnoreAsciiCase(ref.schema, kInformationSchema)) {
    return Status::InvalidArgument("information_schema is read-only");
  }
  ASSIGN_OR_RAISE(auto schema, ResolveSchema(ref));
  return schema->RegisterTable(ref.table, std::move(table), replace);
}

Status CatalogList::DeregisterTable(const TableReference& ref) {
  ASSIGN_OR_RAISE(auto schema, ResolveSchema(ref));
  return schema->DeregisterTable(ref.table);
}

std::vector<ResolvedTable> CatalogList::ListTables() const {
  std::vector<ResolvedTable> out;
  for (const auto& catalog_name : CatalogNames()) {
    CatalogProviderPtr catalog = Catalog(catalog_name);
    if (!catalog) continue;
    for (const auto& schema_name : catalog->SchemaNames()) {
      SchemaProviderPtr schema = catalog->Schema(schema_name);
      if (!schema) continue;
      for (const auto& table_name : schema->TableNames()) {
        if (auto table = schema->Table(table_name)) {
          out.push_back({catalog_name, schema_name, table_name, std::move(table)});
        }
      }
    }
  }
  return out;
}

}  // namespace ballista::catalog
