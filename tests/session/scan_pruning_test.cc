// Pushed filters reach file scans: Parquet row groups and pages that statistics rule out are
// skipped, and so are hive partitions. Expected answers come from DuckDB over the same rows
// (`range(10000)`), and the skipping is observed in EXPLAIN ANALYZE's scan metrics.

#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "ballista/catalog/listing_table.h"
#include "session_test_util.h"

namespace ballista::session {
namespace {

using testing::ExpectRows;
using std::nullopt;

class ScanPruningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("ballista_prune_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    file_ = (dir_ / "numbers.parquet").string();
    // 10 row groups of 1000 rows, pages of 100 rows, each with min/max statistics.
    ExpectRows(ctx_, "COPY (SELECT range AS x, range % 7 AS y FROM range(10000)) TO '" + file_ +
                         "' STORED AS PARQUET OPTIONS ('row_group_size' '1000', 'data_page_row_count_limit' '100')",
               {{"10000"}});
    ASSERT_TRUE(ctx_.RegisterParquet("numbers", file_).ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  /// The metric `name` of the TableScan line of EXPLAIN ANALYZE for `sql`.
  int64_t ScanMetric(const std::string& sql, const std::string& name) {
    return testing::ExplainAnalyzeMetric(ctx_, sql, "TableScan", name);
  }

  SessionContext ctx_;
  std::filesystem::path dir_;
  std::string file_;
};

TEST_F(ScanPruningTest, RangeFilterReadsOneRowGroupAndItsMatchingPages) {
  const std::string sql = "SELECT count(*), sum(x) FROM numbers WHERE x >= 2550 AND x < 2620";
  ExpectRows(ctx_, sql, {{"70", "180915"}});
  EXPECT_EQ(ScanMetric(sql, "scan_units"), 1);
  // Pages [2500, 2600) and [2600, 2700) overlap the range; the other 8 pages of the group don't.
  EXPECT_EQ(ScanMetric(sql, "rows_out"), 200);
}

TEST_F(ScanPruningTest, InListReadsOnlyRowGroupsHoldingItsValues) {
  const std::string sql = "SELECT count(*), sum(x) FROM numbers WHERE x IN (5, 9005, 20000)";
  ExpectRows(ctx_, sql, {{"2", "9010"}});
  EXPECT_EQ(ScanMetric(sql, "scan_units"), 2);
  EXPECT_EQ(ScanMetric(sql, "rows_out"), 200);
}

TEST_F(ScanPruningTest, LiteralOnTheLeftAndNotEqualStayCorrect) {
  ExpectRows(ctx_, "SELECT count(*) FROM numbers WHERE 9990 < x AND x <> 3", {{"9"}});
  EXPECT_EQ(ScanMetric("SELECT count(*) FROM numbers WHERE 9990 < x AND x <> 3", "scan_units"), 1);
  // A filter no statistics can decide keeps every row group.
  ExpectRows(ctx_, "SELECT count(*) FROM numbers WHERE y = 3", {{"1429"}});
  EXPECT_EQ(ScanMetric("SELECT count(*) FROM numbers WHERE y = 3", "scan_units"), 10);
}

TEST_F(ScanPruningTest, PartitionRangeFilterSkipsDirectories) {
  const std::string parts = (dir_ / "parts").string();
  ExpectRows(ctx_, "COPY (SELECT range AS x, range % 4 AS k FROM range(10000)) TO '" + parts +
                       "' STORED AS PARQUET PARTITIONED BY (k)",
             {{"10000"}});
  ASSERT_TRUE(ctx_.Sql("CREATE EXTERNAL TABLE parts (x BIGINT, k BIGINT) STORED AS PARQUET PARTITIONED BY (k) "
                       "LOCATION '" + parts + "'").ok());
  const std::string sql = "SELECT k, count(*), sum(x) FROM parts WHERE k > 1 AND x < 100 GROUP BY k ORDER BY k";
  ExpectRows(ctx_, sql, {{"2", "25", "1250"}, {"3", "25", "1275"}});
  EXPECT_EQ(ScanMetric(sql, "scan_units"), 2);
}

TEST_F(ScanPruningTest, FooterStatisticsGiveColumnMinMaxAndNullCounts) {
  catalog::ListingTableOptions options;
  options.format = catalog::FileFormat::kParquet;
  auto table = catalog::ListingTable::Make(file_, options);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto stats = (*table)->Statistics();
  ASSERT_EQ(stats.num_rows, 10000);
  ASSERT_EQ(stats.columns.size(), 2u);
  ASSERT_TRUE(stats.columns[0].min && stats.columns[0].max);
  EXPECT_EQ(stats.columns[0].min->ToString(), "0");
  EXPECT_EQ(stats.columns[0].max->ToString(), "9999");
  EXPECT_EQ(stats.columns[0].null_count, 0);
  ASSERT_TRUE(stats.columns[1].min && stats.columns[1].max);
  EXPECT_EQ(stats.columns[1].min->ToString(), "0");
  EXPECT_EQ(stats.columns[1].max->ToString(), "6");
}

}  // namespace
}  // namespace ballista::session
