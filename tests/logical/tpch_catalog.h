#pragma once

// A catalog with the eight TPC-H tables (column types as the specification gives them) and
// scale-factor-1 row counts as statistics, for binder and optimizer tests that need no data.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ballista/catalog/catalog.h"

namespace ballista::testing {

/// A table with a schema, a row count and per-column distinct counts but no rows: scans
/// produce nothing.
class StatisticsOnlyTable final : public catalog::TableProvider {
 public:
  StatisticsOnlyTable(arrow::SchemaPtr schema, int64_t rows, std::map<std::string, int64_t> distinct = {})
      : schema_(std::move(schema)), rows_(rows), distinct_(std::move(distinct)) {}
  arrow::SchemaPtr schema() const override { return schema_; }
  catalog::TableStatistics Statistics() const override {
    catalog::TableStatistics stats;
    stats.num_rows = rows_;
    for (const auto& field : schema_->fields()) {
      catalog::ColumnStatistics column;
      auto it = distinct_.find(field->name());
      if (it != distinct_.end()) column.distinct_count = it->second;
      stats.columns.push_back(std::move(column));
    }
    return stats;
  }
  Result<std::vector<catalog::ScanUnitPtr>> PlanScan(const catalog::ScanRequest&) const override {
    return std::vector<catalog::ScanUnitPtr>{};
  }

 private:
  arrow::SchemaPtr schema_;
  int64_t rows_;
  std::map<std::string, int64_t> distinct_;
};

inline std::shared_ptr<catalog::CatalogList> MakeTpchCatalog() {
  namespace a = ballista::arrow;
  auto money = [] { return a::Decimal128(15, 2); };
  auto f = [](const char* name, a::DataTypePtr type) { return a::MakeField(name, std::move(type), false); };
  struct Table {
    const char* name;
    int64_t rows;
    a::FieldVector fields;
  };
  std::vector<Table> tables = {
      {"nation", 25,
       {f("n_nationkey", a::Int32()), f("n_name", a::Utf8()), f("n_regionkey", a::Int32()),
        f("n_comment", a::Utf8())}},
      {"region", 5, {f("r_regionkey", a::Int32()), f("r_name", a::Utf8()), f("r_comment", a::Utf8())}},
      {"part", 200000,
       {f("p_partkey", a::Int64()), f("p_name", a::Utf8()), f("p_mfgr", a::Utf8()),
        f("p_brand", a::Utf8()), f("p_type", a::Utf8()), f("p_size", a::Int32()),
        f("p_container", a::Utf8()), f("p_retailprice", money()), f("p_comment", a::Utf8())}},
      {"supplier", 10000,
       {f("s_suppkey", a::Int64()), f("s_name", a::Utf8()), f("s_address", a::Utf8()),
        f("s_nationkey", a::Int32()), f("s_phone", a::Utf8()), f("s_acctbal", money()),
        f("s_comment", a::Utf8())}},
      {"partsupp", 800000,
       {f("ps_partkey", a::Int64()), f("ps_suppkey", a::Int64()), f("ps_availqty", a::Int32()),
        f("ps_supplycost", money()), f("ps_comment", a::Utf8())}},
      {"customer", 150000,
       {f("c_custkey", a::Int64()), f("c_name", a::Utf8()), f("c_address", a::Utf8()),
        f("c_nationkey", a::Int32()), f("c_phone", a::Utf8()), f("c_acctbal", money()),
        f("c_mktsegment", a::Utf8()), f("c_comment", a::Utf8())}},
      {"orders", 1500000,
       {f("o_orderkey", a::Int64()), f("o_custkey", a::Int64()), f("o_orderstatus", a::Utf8()),
        f("o_totalprice", money()), f("o_orderdate", a::Date32()), f("o_orderpriority", a::Utf8()),
        f("o_clerk", a::Utf8()), f("o_shippriority", a::Int32()), f("o_comment", a::Utf8())}},
      {"lineitem", 6001215,
       {f("l_orderkey", a::Int64()), f("l_partkey", a::Int64()), f("l_suppkey", a::Int64()),
        f("l_linenumber", a::Int32()), f("l_quantity", money()), f("l_extendedprice", money()),
        f("l_discount", money()), f("l_tax", money()), f("l_returnflag", a::Utf8()),
        f("l_linestatus", a::Utf8()), f("l_shipdate", a::Date32()), f("l_commitdate", a::Date32()),
        f("l_receiptdate", a::Date32()), f("l_shipinstruct", a::Utf8()),
        f("l_shipmode", a::Utf8()), f("l_comment", a::Utf8())}},
  };
  // Distinct counts of the key columns at scale factor 1 (TPC-H specification, clause 4.2.3):
  // what an ANALYZE or a sampling catalog would report.
  std::map<std::string, int64_t> distinct = {
      {"n_nationkey", 25},     {"n_regionkey", 5},      {"r_regionkey", 5},
      {"s_nationkey", 25},     {"c_nationkey", 25},     {"ps_partkey", 200000},
      {"ps_suppkey", 10000},   {"o_custkey", 100000},   {"l_orderkey", 1500000},
      {"l_partkey", 200000},   {"l_suppkey", 10000},    {"p_size", 50},
      {"o_orderdate", 2406},   {"l_shipdate", 2526},    {"c_mktsegment", 5},
      {"p_brand", 25},         {"p_container", 40},     {"p_type", 150},
      {"l_returnflag", 3},     {"l_linestatus", 2},     {"l_shipmode", 7},
      {"o_orderpriority", 5},  {"n_name", 25},          {"r_name", 5},
  };
  auto catalogs = std::make_shared<catalog::CatalogList>();
  for (auto& t : tables) {
    auto table = std::make_shared<StatisticsOnlyTable>(a::MakeSchema(std::move(t.fields)), t.rows, distinct);
    (void)catalogs->RegisterTable({"", "", t.name}, table, false);
  }
  return catalogs;
}

}  // namespace ballista::testing
