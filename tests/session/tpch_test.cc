// The 22 TPC-H queries over the scale-factor-0.01 dbgen files, checked against DuckDB (npm
// @duckdb/node-api) run on the same files by tests/sql/tpch_duckdb.mjs.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../sql/tpch_queries.h"
#include "ballista/common/json.h"
#include "ballista/session/slt_runner.h"
#include "session_test_util.h"

namespace ballista::session {
namespace {

const char* kTables[][2] = {
    {"nation", "n_nationkey INTEGER, n_name VARCHAR, n_regionkey INTEGER, n_comment VARCHAR"},
    {"region", "r_regionkey INTEGER, r_name VARCHAR, r_comment VARCHAR"},
    {"part", "p_partkey BIGINT, p_name VARCHAR, p_mfgr VARCHAR, p_brand VARCHAR, p_type VARCHAR, p_size INTEGER, "
             "p_container VARCHAR, p_retailprice DECIMAL(15,2), p_comment VARCHAR"},
    {"supplier", "s_suppkey BIGINT, s_name VARCHAR, s_address VARCHAR, s_nationkey INTEGER, s_phone VARCHAR, "
                 "s_acctbal DECIMAL(15,2), s_comment VARCHAR"},
    {"partsupp", "ps_partkey BIGINT, ps_suppkey BIGINT, ps_availqty INTEGER, ps_supplycost DECIMAL(15,2), "
                 "ps_comment VARCHAR"},
    {"customer", "c_custkey BIGINT, c_name VARCHAR, c_address VARCHAR, c_nationkey INTEGER, c_phone VARCHAR, "
                 "c_acctbal DECIMAL(15,2), c_mktsegment VARCHAR, c_comment VARCHAR"},
    {"orders", "o_orderkey BIGINT, o_custkey BIGINT, o_orderstatus VARCHAR, o_totalprice DECIMAL(15,2), "
               "o_orderdate DATE, o_orderpriority VARCHAR, o_clerk VARCHAR, o_shippriority INTEGER, o_comment VARCHAR"},
    {"lineitem", "l_orderkey BIGINT, l_partkey BIGINT, l_suppkey BIGINT, l_linenumber INTEGER, "
                 "l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2), "
                 "l_tax DECIMAL(15,2), l_returnflag VARCHAR, l_linestatus VARCHAR, l_shipdate DATE, "
                 "l_commitdate DATE, l_receiptdate DATE, l_shipinstruct VARCHAR, l_shipmode VARCHAR, "
                 "l_comment VARCHAR"},
};

std::string DataDir() { return std::string(BALLISTA_SHARED_DIR) + "/testdata/tpch/sf0.01-dbgen"; }

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

/// DuckDB's rendered rows per query, or an empty vector when node/DuckDB is unavailable.
std::vector<std::vector<std::string>> DuckDbAnswers() {
  auto tmp = std::filesystem::temp_directory_path() / ("tpch_queries_" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream out(tmp);
    out << "[";
    bool first = true;
    for (const char* q : sql::testing::kTpchQueries) {
      out << (first ? "" : ",") << JsonString(q);
      first = false;
    }
    out << "]";
  }
  std::string command = "cd " + std::string(BALLISTA_SOURCE_DIR) + " && node tests/sql/tpch_duckdb.mjs " +
                        DataDir() + " " + tmp.string() + " 2>/dev/null";
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) output.append(buf, n);
    pclose(pipe);
  }
  std::filesystem::remove(tmp);
  std::vector<std::vector<std::string>> answers;
  auto parsed = json::Parse(output);
  if (!parsed.ok() || !parsed->IsArray()) return answers;
  for (const auto& query : parsed->array()) {
    std::vector<std::string> rows;
    for (const auto& row : query.array()) rows.push_back(row.AsString());
    answers.push_back(std::move(rows));
  }
  return answers;
}

std::vector<std::string> Tokens(const std::string& row) {
  std::istringstream in(row);
  std::vector<std::string> out;
  std::string t;
  while (in >> t) out.push_back(t);
  return out;
}

bool RowsMatch(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (size_t r = 0; r < a.size(); ++r) {
    auto x = Tokens(a[r]), y = Tokens(b[r]);
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i) {
      if (!testing::CellEquals(x[i], y[i])) {
        // Values rendered to 12 significant digits may differ in the last one.
        char* ex = nullptr;
        char* ey = nullptr;
        double dx = std::strtod(x[i].c_str(), &ex), dy = std::strtod(y[i].c_str(), &ey);
        if (*ex || *ey || std::fabs(dx - dy) > 1e-6 * std::max(1.0, std::fabs(dy))) return false;
      }
    }
  }
  return true;
}

TEST(TpchTest, AllQueriesMatchDuckDb) {
  if (!std::filesystem::exists(DataDir())) GTEST_SKIP() << "no TPC-H data at " << DataDir();
  auto answers = DuckDbAnswers();
  if (answers.size() != 22) GTEST_SKIP() << "DuckDB (node @duckdb/node-api) is not available";
  SessionContext ctx;
  for (const auto& [name, columns] : kTables) {
    std::string sql = std::string("CREATE EXTERNAL TABLE ") + name + " (" + columns + ") STORED AS CSV LOCATION '" +
                      DataDir() + "/" + name + ".tbl'";
    auto created = ctx.Sql(sql);
    ASSERT_TRUE(created.ok()) << sql << "\n" << created.status().ToString();
  }
  int number = 0;
  for (const char* query : sql::testing::kTpchQueries) {
    ++number;
    auto batches = ctx.SqlCollect(query);
    ASSERT_TRUE(batches.ok()) << "Q" << number << ": " << batches.status().ToString();
    auto rows = RenderRows(*batches, "");
    const auto& expected = answers[static_cast<size_t>(number - 1)];
    bool same = RowsMatch(rows, expected);
    if (!same) {
      // Rows tied on the ORDER BY keys may come in another order.
      auto sorted_rows = SortRows(rows, "rowsort"), sorted_expected = SortRows(expected, "rowsort");
      same = RowsMatch(sorted_rows, sorted_expected);
    }
    std::string detail;
    for (size_t i = 0; i < std::max(rows.size(), expected.size()) && i < 10; ++i) {
      detail += "  ours:   " + (i < rows.size() ? rows[i] : std::string("-")) + "\n";
      detail += "  duckdb: " + (i < expected.size() ? expected[i] : std::string("-")) + "\n";
    }
    EXPECT_TRUE(same) << "Q" << number << " differs (" << rows.size() << " vs " << expected.size()
                      << " rows)\n" << detail;
  }
}

}  // namespace
}  // namespace ballista::session
