#include "ballista/tpch/tables.h"

#include <string>

#include "ballista/common/ascii.h"

namespace ballista::tpch {

std::string_view TableName(Table table) {
  switch (table) {
    case Table::kPart:
      return "part";
    case Table::kPartSupp:
      return "partsupp";
    case Table::kSupplier:
      return "supplier";
    case Table::kCustomer:
      return "customer";
    case Table::kOrders:
      return "orders";
    case Table::kLineItem:
      return "lineitem";
    case Table::kNation:
      return "nation";
    case Table::kRegion:
      return "region";
  }
  return "?";
}

Result<Table> ParseTableName(std::string_view name) {
  for (Table t : kAllTables) {
    if (EqualsIgnoreAsciiCase(name, TableName(t))) return t;
  }
  return Status::InvalidArgument("unknown TPC-H table \"" + std::string(name) +
                                 "\"; expected one of part, partsupp, supplier, customer, "
                                 "orders, lineitem, nation, region");
}

const std::vector<std::string_view>& TableColumns(Table table) {
  static const std::vector<std::string_view> kColumns[] = {
      {"p_partkey", "p_name", "p_mfgr", "p_brand", "p_type", "p_size", "p_container",
       "p_retailprice", "p_comment"},
      {"ps_partkey", "ps_suppkey", "ps_availqty", "ps_supplycost", "ps_comment"},
      {"s_suppkey", "s_name", "s_address", "s_nationkey", "s_phone", "s_acctbal", "s_comment"},
      {"c_custkey", "c_name", "c_address", "c_nationkey", "c_phone", "c_acctbal", "c_mktsegment",
       "c_comment"},
      {"o_orderkey", "o_custkey", "o_orderstatus", "o_totalprice", "o_orderdate", "o_orderpriority",
       "o_clerk", "o_shippriority", "o_comment"},
      {"l_orderkey", "l_partkey", "l_suppkey", "l_linenumber", "l_quantity", "l_extendedprice",
       "l_discount", "l_tax", "l_returnflag", "l_linestatus", "l_shipdate", "l_commitdate",
       "l_receiptdate", "l_shipinstruct", "l_shipmode", "l_comment"},
      {"n_nationkey", "n_name", "n_regionkey", "n_comment"},
      {"r_regionkey", "r_name", "r_comment"},
  };
  return kColumns[static_cast<int>(table)];
}

}  // namespace ballista::tpch
