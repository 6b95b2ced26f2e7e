// Runs the whole sqllogictest suite with queries cut into stages and run task by task with
// in-memory shuffles (dist::InProcessStageRunner): every answer must equal the expected one
// (from DuckDB), so the stage planner's exchanges and the task binding are checked on every
// query shape the suite has.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

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

}  // namespace
}  // namespace ballista::dist
