#pragma once

#include <string>
#include <string_view>

#include "ballista/catalog/table_provider.h"

namespace ballista::catalog {

class CatalogList;

/// The name of the system schema every catalog answers for.
inline constexpr std::string_view kInformationSchema = "information_schema";

/// A snapshot of one information_schema table of catalog `catalog_name`, built from the catalog
/// list as it is now: `tables`, `columns`, `views`, `schemata`. An unknown name is NotFound.
Result<TableProviderPtr> MakeInformationSchemaTable(const CatalogList& catalogs,
                                                    const std::string& catalog_name,
                                                    std::string_view table_name);

}  // namespace ballista::catalog
