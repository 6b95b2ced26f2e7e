// Runs the whole sqllogictest suite with queries cut into stages and run task by task with
// in-memory shuffles (dist::InProcessStageRunner): every answer must equal the expected one
// (from DuckDB), so the stage planner's exchanges and the task binding are checked on every
// query shape the suite has.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "ballista/arrow/pretty_print.h"
#include "ballista/dist/in_process_stages.h"
#include "ballista/session/session_context.h"
#include "ballista/session/slt_runner.h"

namespace ballista::dist {
namespace {

std::vector<std::string> SltFiles() {
  std::vector<std::string> files;
  std::filesystem::path root = std::filesystem::path(BALLISTA_SOURCE_DIR) / "tests" / "sql";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".slt") continue;
    if (entry.path().string().find("known_failures") != std::string::npos) continue;
    files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void RunSuite(StagePlannerOptions options, const std::string& batch_size) {
  auto files = SltFiles();
  ASSERT_GT(files.size(), 10u);
  int queries = 0;
  for (const auto& file : files) {
    auto records = session::ParseSltFile(file);
    ASSERT_TRUE(records.ok()) << records.status().ToString();
    session::SessionConfig config;
    ASSERT_TRUE(config.Set("execution.batch_size", batch_size).ok());
    session::SessionContext context(config);
    context.state()->SetRunner(std::make_shared<InProcessStageRunner>(options));
    session::SltEngine engine = [&](const std::string& sql) { return context.SqlCollect(sql); };
    std::ostringstream log;
    auto result = session::RunSltRecords(*records, engine, log, {"ballista", "distributed"});
    queries += result.queries;
    EXPECT_EQ(result.failures, 0) << file << "\n" << log.str();
  }
  EXPECT_GT(queries, 1500);
}

TEST(StagedSuiteTest, ThreePartitionsEverywhere) { RunSuite(StagePlannerOptions{3, 3}, "8192"); }

TEST(StagedSuiteTest, MorePartitionsThanRowsAndTinyBatches) { RunSuite(StagePlannerOptions{7, 5}, "7"); }

TEST(StagedSuiteTest, SinglePhaseAggregation) {
  StagePlannerOptions options{3, 3};
  options.two_phase_aggregation = false;
  RunSuite(options, "8192");
}

TEST(StagedSuiteTest, SmallBuildSidesBroadcast) {
  StagePlannerOptions options{3, 3};
  options.broadcast_join_threshold_bytes = int64_t{1} << 40;  // every equi-join that can
  RunSuite(options, "8192");
}

TEST(StagedSuiteTest, EveryAdaptiveJoinSwitchesToBroadcastAtRunTime) {
  StagePlannerOptions options{3, 3};
  options.adaptive_broadcast_threshold_bytes = int64_t{1} << 40;  // every hash join that can
  RunSuite(options, "8192");
}

/// The stage graph EXPLAIN shows for `sql` over 3-partition tables t(k, v) and u(k, w).
std::string StagePlanOf(const std::string& sql, StagePlannerOptions options = StagePlannerOptions{3, 3}) {
  session::SessionContext context;
  context.state()->SetRunner(std::make_shared<InProcessStageRunner>(options));
  EXPECT_TRUE(context.SqlCollect("CREATE TABLE t AS SELECT * FROM (VALUES (1, 10), (2, 20), (1, 30)) AS v(k, v)").ok());
  EXPECT_TRUE(context.SqlCollect("CREATE TABLE u AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(k, w)").ok());
  auto batches = context.SqlCollect("EXPLAIN " + sql);
  EXPECT_TRUE(batches.ok()) << batches.status().ToString();
  std::string text;
  for (const auto& b : *batches) {
    for (int64_t r = 0; r < b->num_rows(); ++r) text += arrow::FormatValue(*b->column_data(1), r) + "\n";
  }
  return text;
}

TEST(StagePlannerTest, AggregationsSplitIntoPartialAndFinalPhases) {
  std::string grouped = StagePlanOf("SELECT k, sum(v), avg(v) FROM t GROUP BY k");
  EXPECT_NE(grouped.find("PartialAggregate: groups=[t.k]"), std::string::npos) << grouped;
  EXPECT_NE(grouped.find("FinalAggregate"), std::string::npos) << grouped;
  EXPECT_NE(grouped.find("output=hash(1 keys)"), std::string::npos) << grouped;
  std::string global = StagePlanOf("SELECT count(*), max(v) FROM t");
  EXPECT_NE(global.find("PartialAggregate: groups=[]"), std::string::npos) << global;
  // DISTINCT keeps its seen values outside the partial state: one phase after a hash shuffle.
  std::string distinct = StagePlanOf("SELECT k, count(DISTINCT v) FROM t GROUP BY k");
  EXPECT_EQ(distinct.find("PartialAggregate"), std::string::npos) << distinct;
  EXPECT_NE(distinct.find("Aggregate: groups=[t.k]"), std::string::npos) << distinct;
}

TEST(StagePlannerTest, JoinsBroadcastBuildSidesBelowTheThreshold) {
  const std::string sql = "SELECT t.v, u.w FROM t JOIN u ON t.k = u.k";
  StagePlannerOptions options{3, 3};
  options.broadcast_join_threshold_bytes = 1 << 20;  // u: 2 rows of about 40 bytes
  // u's stage is read whole by every task of t's: t is not shuffled at all.
  std::string small = StagePlanOf(sql, options);
  EXPECT_EQ(small.find("output=hash"), std::string::npos) << small;
  EXPECT_NE(small.find("inputs=[1]"), std::string::npos) << small;
  options.broadcast_join_threshold_bytes = 16;  // below u's estimate: both sides hashed
  std::string large = StagePlanOf(sql, options);
  EXPECT_NE(large.find("output=hash"), std::string::npos) << large;
  EXPECT_NE(large.find("inputs=[1, 2]"), std::string::npos) << large;
}

TEST(StagePlannerTest, JoinsWithBuildSidesThatMayBeSmallAreDecidedAtRunTime) {
  const std::string sql = "SELECT t.v, u.w FROM t JOIN u ON t.k = u.k";
  StagePlannerOptions options{3, 3};
  options.broadcast_join_threshold_bytes = 16;  // below u's estimate: planned as a hash join
  options.adaptive_broadcast_threshold_bytes = 1 << 20;
  // u's stage is made first and t's waits for it.
  std::string plan = StagePlanOf(sql, options);
  EXPECT_NE(plan.find("Adaptive join in stage 3: stage 2 waits for stage 1"), std::string::npos) << plan;
  EXPECT_NE(plan.find("TableScan: stage_1"), std::string::npos) << plan;
  options.adaptive_broadcast_threshold_bytes = 0;
  plan = StagePlanOf(sql, options);
  EXPECT_EQ(plan.find("Adaptive join"), std::string::npos) << plan;
  // A full join cannot broadcast its build side: never adaptive.
  options.adaptive_broadcast_threshold_bytes = 1 << 20;
  plan = StagePlanOf("SELECT t.v, u.w FROM t FULL JOIN u ON t.k = u.k", options);
  EXPECT_EQ(plan.find("Adaptive join"), std::string::npos) << plan;
}

}  // namespace
}  // namespace ballista::dist
