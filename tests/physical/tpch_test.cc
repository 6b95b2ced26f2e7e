#include <filesystem>

#include "../sql/tpch_queries.h"
#include "ballista/formats/csv/csv_reader.h"
#include "physical_test_util.h"
#include "tpch_expected.h"

// The 22 TPC-H queries at scale factor 0.01 (dbgen files read with the CSV reader), checked
// against DuckDB's answers on the same files (tpch_expected.h).

namespace ballista::physical::testing {
namespace {

constexpr const char* kTpchDir = "/work/shared/testdata/tpch/sf0.01-dbgen";

const char* QueryText(int q) {
  using namespace ballista::sql::testing;  // NOLINT
  static const char* queries[] = {kTpchQ1,  kTpchQ2,  kTpchQ3,  kTpchQ4,  kTpchQ5,  kTpchQ6,
                                  kTpchQ7,  kTpchQ8,  kTpchQ9,  kTpchQ10, kTpchQ11, kTpchQ12,
                                  kTpchQ13, kTpchQ14, kTpchQ15, kTpchQ16, kTpchQ17, kTpchQ18,
                                  kTpchQ19, kTpchQ20, kTpchQ21, kTpchQ22};
  return queries[q - 1];
}

class TpchTest : public SqlTest, public ::testing::WithParamInterface<int> {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kTpchDir)) return;
    auto money = [] { return a::Decimal128(15, 2); };
    auto f = [](const char* name, a::DataTypePtr type) { return a::MakeField(name, std::move(type), false); };
    struct Table {
      const char* name;
      a::FieldVector fields;
    };
    std::vector<Table> tables = {
        {"nation", {f("n_nationkey", a::Int32()), f("n_name", a::Utf8()), f("n_regionkey", a::Int32()),
                    f("n_comment", a::Utf8())}},
        {"region", {f("r_regionkey", a::Int32()), f("r_name", a::Utf8()), f("r_comment", a::Utf8())}},
        {"part", {f("p_partkey", a::Int64()), f("p_name", a::Utf8()), f("p_mfgr", a::Utf8()),
                  f("p_brand", a::Utf8()), f("p_type", a::Utf8()), f("p_size", a::Int32()),
                  f("p_container", a::Utf8()), f("p_retailprice", money()), f("p_comment", a::Utf8())}},
        {"supplier", {f("s_suppkey", a::Int64()), f("s_name", a::Utf8()), f("s_address", a::Utf8()),
                      f("s_nationkey", a::Int32()), f("s_phone", a::Utf8()), f("s_acctbal", money()),
                      f("s_comment", a::Utf8())}},
        {"partsupp", {f("ps_partkey", a::Int64()), f("ps_suppkey", a::Int64()),
                      f("ps_availqty", a::Int32()), f("ps_supplycost", money()),
                      f("ps_comment", a::Utf8())}},
        {"customer", {f("c_custkey", a::Int64()), f("c_name", a::Utf8()), f("c_address", a::Utf8()),
                      f("c_nationkey", a::Int32()), f("c_phone", a::Utf8()), f("c_acctbal", money()),
                      f("c_mktsegment", a::Utf8()), f("c_comment", a::Utf8())}},
        {"orders", {f("o_orderkey", a::Int64()), f("o_custkey", a::Int64()),
                    f("o_orderstatus", a::Utf8()), f("o_totalprice", money()),
                    f("o_orderdate", a::Date32()), f("o_orderpriority", a::Utf8()),
                    f("o_clerk", a::Utf8()), f("o_shippriority", a::Int32()), f("o_comment", a::Utf8())}},
        {"lineitem", {f("l_orderkey", a::Int64()), f("l_partkey", a::Int64()), f("l_suppkey", a::Int64()),
                      f("l_linenumber", a::Int32()), f("l_quantity", money()),
                      f("l_extendedprice", money()), f("l_discount", money()), f("l_tax", money()),
                      f("l_returnflag", a::Utf8()), f("l_linestatus", a::Utf8()),
                      f("l_shipdate", a::Date32()), f("l_commitdate", a::Date32()),
                      f("l_receiptdate", a::Date32()), f("l_shipinstruct", a::Utf8()),
                      f("l_shipmode", a::Utf8()), f("l_comment", a::Utf8())}},
    };
    catalogs_shared_ = std::make_shared<catalog::CatalogList>();
    for (auto& t : tables) {
      formats::csv::CsvReadOptions options;
      options.has_header = false;
      options.delimiter = '|';
      options.allow_trailing_delimiter = true;
      options.schema = a::MakeSchema(t.fields);
      options.batch_size = 4096;
      auto reader = formats::csv::CsvReader::Open(std::string(kTpchDir) + "/" + t.name + ".tbl", options);
      ASSERT_TRUE(reader.ok()) << reader.status().ToString();
      auto batches = (*reader)->ReadAll();
      ASSERT_TRUE(batches.ok()) << batches.status().ToString();
      auto table = catalog::MemoryTable::Make(options.schema, *batches);
      ASSERT_TRUE(table.ok()) << table.status().ToString();
      ASSERT_TRUE(catalogs_shared_->RegisterTable({"", "", t.name}, *table, true).ok());
    }
  }
  static void TearDownTestSuite() { catalogs_shared_.reset(); }

  void SetUp() override {
    if (!catalogs_shared_) GTEST_SKIP() << kTpchDir << " is not there";
    catalogs_ = catalogs_shared_;
  }

  static std::shared_ptr<catalog::CatalogList> catalogs_shared_;
};

std::shared_ptr<catalog::CatalogList> TpchTest::catalogs_shared_;

TEST_P(TpchTest, MatchesDuckDB) {
  const int q = GetParam();
  const TpchAnswer* answer = nullptr;
  for (const auto& a : TpchSf001Answers()) {
    if (a.query == q) answer = &a;
  }
  ASSERT_NE(answer, nullptr);
  auto rows = Run(QueryText(q), 8192, true, 4);
  ASSERT_TRUE(rows.ok()) << "Q" << q << ": " << rows.status().ToString();
  ASSERT_EQ(rows->size(), answer->rows.size()) << "Q" << q;
  for (size_t i = 0; i < rows->size(); ++i) {
    EXPECT_TRUE(RowsMatch((*rows)[i], answer->rows[i]))
        << "Q" << q << " row " << i << "\n got: " << (*rows)[i] << "\nwant: " << answer->rows[i];
  }
}

INSTANTIATE_TEST_SUITE_P(Sf001, TpchTest, ::testing::Range(1, 23),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return "Q" + std::to_string(info.param);
                         });

}  // namespace
}  // namespace ballista::physical::testing
