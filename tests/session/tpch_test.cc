// The 22 TPC-H queries over the scale-factor-0.01 dbgen files, checked against DuckDB (npm
// @duckdb/node-api) run on the same files by tests/sql/tpch_duckdb.mjs.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../sql/tpch_oracle.h"
#include "ballista/common/json.h"
#include "ballista/session/slt_runner.h"
#include "session_test_util.h"

namespace ballista::session {
namespace {

using namespace ballista::tpch_testing;

TEST(TpchTest, AllQueriesMatchDuckDb) {
  if (!std::filesystem::exists(SharedTpchDir())) GTEST_SKIP() << "no TPC-H data at " << SharedTpchDir();
  auto answers = DuckDbTpchAnswers(SharedTpchDir());
  if (answers.size() != 22) GTEST_SKIP() << "DuckDB (node @duckdb/node-api) is not available";
  SessionContext ctx;
  for (const auto& sql : TpchTableDdl(SharedTpchDir())) {
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
    bool same = TpchAnswerMatches(rows, expected);
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
