// Sorting and aggregating several times more data than execution.memory_limit completes by
// spilling to the work directory, with DuckDB's answers over the same generated rows.
//
// Data: t(k, v, s) = (i, (i * 7919) % 100003, 'row-' || i) for i in range(300000): about 9 MB of
// columns, 4.5x the 2 MB limit set below.

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "session_test_util.h"

namespace ballista::session {
namespace {

using testing::ExpectRows;
using testing::RowsOf;

class SpillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = ctx_.SqlCollect(
        "CREATE TABLE t AS SELECT range AS k, (range * 7919) % 100003 AS v, 'row-' || range AS s FROM range(300000)");
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    ASSERT_TRUE(ctx_.SqlCollect("SET execution.memory_limit = '2MB'").ok());
  }

  /// spill_files of the EXPLAIN ANALYZE line of the operator whose name starts with `op`.
  int64_t SpillFiles(const std::string& sql, const std::string& op) {
    return testing::ExplainAnalyzeMetric(ctx_, sql, op, "spill_files");
  }

  SessionContext ctx_;
};

TEST_F(SpillTest, ExternalSortGivesTheFullOrder) {
  const std::string sql = "SELECT k, v, s FROM t ORDER BY v DESC, k";
  auto batches = ctx_.SqlCollect(sql);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  auto rows = RowsOf(*batches);
  ASSERT_EQ(rows.size(), 300000u);
  // The order itself, row by row (v descending, then k ascending).
  for (size_t i = 1; i < rows.size(); ++i) {
    const int64_t v0 = std::stoll(*rows[i - 1][1]), v1 = std::stoll(*rows[i][1]);
    const int64_t k0 = std::stoll(*rows[i - 1][0]), k1 = std::stoll(*rows[i][0]);
    ASSERT_TRUE(v0 > v1 || (v0 == v1 && k0 < k1)) << "rows " << i - 1 << " and " << i << " out of order";
  }
  // DuckDB: ... LIMIT 3, LIMIT 3 OFFSET 150000, LIMIT 3 OFFSET 299997.
  auto expect_row = [&](size_t i, const std::string& k, const std::string& v) {
    EXPECT_EQ(*rows[i][0], k) << "row " << i;
    EXPECT_EQ(*rows[i][1], v) << "row " << i;
    EXPECT_EQ(*rows[i][2], "row-" + k) << "row " << i;
  };
  expect_row(0, "52685", "100002");
  expect_row(2, "252691", "100002");
  expect_row(150000, "29026", "50000");
  expect_row(150002, "229032", "50000");
  expect_row(299999, "200006", "0");
  EXPECT_GT(SpillFiles(sql, "Sort"), 0);
}

TEST_F(SpillTest, TopKAndStringKeysOverSpilledRuns) {
  ExpectRows(ctx_, "SELECT k, v FROM t ORDER BY v DESC, k LIMIT 3 OFFSET 150000",
             {{"29026", "50000"}, {"129029", "50000"}, {"229032", "50000"}});
  ExpectRows(ctx_, "SELECT s FROM t ORDER BY s LIMIT 3", {{"row-0"}, {"row-1"}, {"row-10"}});
}

TEST_F(SpillTest, TopKKeepsOnlyItsRowsAndNeedsNoSpill) {
  const std::string sql = "SELECT k, v FROM t ORDER BY v DESC, k LIMIT 5";
  ExpectRows(ctx_, sql, {{"52685", "100002"}, {"152688", "100002"}, {"252691", "100002"}, {"5367", "100001"},
                         {"105370", "100001"}});
  EXPECT_EQ(SpillFiles(sql, "TopK"), 0);
}

TEST_F(SpillTest, HashAggregationSpillsPartialGroups) {
  const std::string groups = "SELECT v % 50000 AS g, count(*) AS c, sum(k) AS sk, min(s) AS ms FROM t GROUP BY g";
  ExpectRows(ctx_, "SELECT count(*), sum(c), sum(sk), max(g), min(ms) FROM (" + groups + ")",
             {{"50000", "300000", "44999850000", "49999", "row-0"}});
  ExpectRows(ctx_, "SELECT g, c, sk, ms FROM (" + groups + ") ORDER BY g LIMIT 2",
             {{"0", "9", "1161261", "row-0"}, {"1", "9", "1287114", "row-105370"}});
  EXPECT_GT(SpillFiles(groups, "HashAggregate"), 0);
}

TEST_F(SpillTest, SpilledGroupingSetsKeepTheirSets) {
  // DuckDB's answer; each row is counted once per grouping set (3 sets).
  ExpectRows(ctx_,
             "SELECT count(*), sum(c), sum(sk), count(a), count(b), sum(gid) FROM (SELECT v % 3 AS a, v % 40000 AS b, "
             "count(*) AS c, sum(k) AS sk, GROUPING(v % 3, v % 40000) AS gid FROM t GROUP BY ROLLUP (v % 3, v % 40000))",
             {{"100007", "900000", "134999550000", "100006", "100003", "6"}});
}

}  // namespace
}  // namespace ballista::session
