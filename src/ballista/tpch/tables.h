#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "ballista/common/result.h"

namespace ballista::tpch {

/// The eight TPC-H tables.
enum class Table { kPart, kPartSupp, kSupplier, kCustomer, kOrders, kLineItem, kNation, kRegion };

inline constexpr std::array<Table, 8> kAllTables = {
    Table::kPart,   Table::kPartSupp, Table::kSupplier, Table::kCustomer,
    Table::kOrders, Table::kLineItem, Table::kNation,   Table::kRegion};

/// Lower-case table name as in file names: "lineitem", "partsupp", ...
std::string_view TableName(Table table);

/// Parses a table name (case-insensitive).
Result<Table> ParseTableName(std::string_view name);

/// The table's column names in order ("l_orderkey", ...).
const std::vector<std::string_view>& TableColumns(Table table);

}  // namespace ballista::tpch
