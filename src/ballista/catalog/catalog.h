#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ballista/catalog/table_provider.h"
#include "ballista/common/result.h"

namespace ballista::catalog {

/// A named collection of tables (a SQL schema). Names are stored as given; lookups first try the
/// exact name and then a case-insensitive match, so `LINEITEM` finds `lineitem` as in DuckDB.
/// Thread-safe.
class SchemaProvider {
 public:
  virtual ~SchemaProvider() = default;

  virtual std::vector<std::string> TableNames() const;
  /// The table, or null when there is none.
  virtual TableProviderPtr Table(std::string_view name) const;
  /// Adds a table; AlreadyExists when the name is taken, unless `replace`.
  virtual Status RegisterTable(const std::string& name, TableProviderPtr table, bool replace);
  /// Removes a table; NotFound when it is absent.
  virtual Status DeregisterTable(std::string_view name);

 private:
  std::map<std::string, TableProviderPtr>::const_iterator FindLocked(std::string_view name) const;

  mutable std::mutex mutex_;
  std::map<std::string, TableProviderPtr> tables_;
};
using SchemaProviderPtr = std::shared_ptr<SchemaProvider>;

/// A named collection of schemas (a SQL catalog / database). Thread-safe.
class CatalogProvider {
 public:
  std::vector<std::string> SchemaNames() const;
  SchemaProviderPtr Schema(std::string_view name) const;
  Status RegisterSchema(const std::string& name, SchemaProviderPtr schema, bool replace);
  Status DeregisterSchema(std::string_view name);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, SchemaProviderPtr> schemas_;
};
using CatalogProviderPtr = std::shared_ptr<CatalogProvider>;

/// A reference to a table as written: `t`, `s.t` or `c.s.t`.
struct TableReference {
  std::string catalog;  ///< empty: the default catalog
  std::string schema;   ///< empty: the default schema
  std::string table;

  /// "c.s.t" with the parts that were given.
  std::string ToString() const;
};

/// A table found by name, with the full name it resolved to.
struct ResolvedTable {
  std::string catalog;
  std::string schema;
  std::string table;
  TableProviderPtr provider;
};

/// The root of the namespace: catalogs by name, plus the defaults unqualified names resolve in.
/// Every catalog also answers for the system schema `information_schema`. Thread-safe.
class CatalogList {
 public:
  /// A list with catalog `default_catalog` holding an empty schema `default_schema`.
  explicit CatalogList(std::string default_catalog = "ballista",
                       std::string default_schema = "public");

  const std::string& default_catalog() const { return default_catalog_; }
  const std::string& default_schema() const { return default_schema_; }

  std::vector<std::string> CatalogNames() const;
  CatalogProviderPtr Catalog(std::string_view name) const;
  Status RegisterCatalog(const std::string& name, CatalogProviderPtr catalog, bool replace);

  /// The table a reference names, or a NotFound error: `table "lineitm" not found; did you
  /// mean "lineitem"?`.
  Result<ResolvedTable> ResolveTable(const TableReference& ref) const;
  /// Registers a table under a reference (defaults fill the unqualified parts). The schema must
  /// exist.
  Status RegisterTable(const TableReference& ref, TableProviderPtr table, bool replace);
  /// NotFound when absent.
  Status DeregisterTable(const TableReference& ref);

  /// Every (catalog, schema, table) for information_schema and SHOW TABLES, sorted.
  std::vector<ResolvedTable> ListTables() const;

 private:
  Result<SchemaProviderPtr> ResolveSchema(const TableReference& ref) const;

  std::string default_catalog_;
  std::string default_schema_;
  mutable std::mutex mutex_;
  std::map<std::string, CatalogProviderPtr> catalogs_;
};

/// Edit distance between two names (case-insensitive), for "did you mean" hints.
size_t NameDistance(std::string_view a, std::string_view b);
/// The candidate closest to `name` when it is close enough to be a likely typo, else "".
std::string ClosestName(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace ballista::catalog
