#pragma once

#include <string>
#include <string_view>

#include "ballista/arrow/type.h"
#include "ballista/tpch/tables.h"

namespace ballista::tpch {

/// The SQL type of each TPC-H column, in table order: part, supplier, customer and order keys
/// BIGINT; nation and region keys, line numbers, sizes, available quantities and ship priorities
/// INTEGER; money and quantities DECIMAL(15,2); dates DATE; text VARCHAR. DuckDB's comparison
/// scripts declare the same types, so both engines read the same files the same way.
const std::vector<std::string_view>& TableColumnTypes(Table table);

/// The Arrow schema of `table` (all columns non-nullable, as the specification has no NULLs).
arrow::SchemaPtr TableSchema(Table table);

/// The column list of a CREATE TABLE statement: "n_nationkey INTEGER, n_name VARCHAR, ...".
std::string TableColumnDefinitions(Table table);

}  // namespace ballista::tpch
