// Runs the sqllogictest corpus (tests/sql/**/*.slt, known_failures/ excluded) through a session
// whose every plan is serialized, deserialized, checked to print identically (and to serialize
// to the same bytes again), and only then run by the local runner. Every answer must stay right.
// Corpus/ runs the optimized plans (what a cluster is sent); CorpusOptimizerOff/ the plans as
// bound, so subquery expressions and the other shapes the optimizer removes travel too.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "ballista/dist/plan_serde.h"
#include "ballista/session/session_context.h"
#include "ballista/session/slt_runner.h"

namespace ballista::dist {
namespace {

namespace fs = std::filesystem;

std::atomic<int64_t> g_round_trips{0};
std::atomic<int64_t> g_bytes{0};

/// Round-trips every plan through the serde before the local runner sees it; a plan that does
/// not survive fails its query with the difference.
class SerdeRoundTripRunner final : public session::QueryRunner {
 public:
  Result<arrow::RecordBatchReaderPtr> Execute(const logical::LogicalPlanPtr& plan,
                                              const session::SessionConfig& config) const override {
    ASSIGN_OR_RAISE(auto decoded, RoundTrip(plan));
    return session::LocalQueryRunner()->Execute(decoded, config);
  }
  Result<std::string> Explain(const logical::LogicalPlanPtr& plan,
                              const session::SessionConfig& config) const override {
    ASSIGN_OR_RAISE(auto decoded, RoundTrip(plan));
    return session::LocalQueryRunner()->Explain(decoded, config);
  }
  Result<std::string> Analyze(const logical::LogicalPlanPtr& plan,
                              const session::SessionConfig& config) const override {
    ASSIGN_OR_RAISE(auto decoded, RoundTrip(plan));
    return session::LocalQueryRunner()->Analyze(decoded, config);
  }

 private:
  static Result<logical::LogicalPlanPtr> RoundTrip(const logical::LogicalPlanPtr& plan) {
    auto bytes = SerializePlan(plan);
    if (!bytes.ok()) return bytes.status().WithContext("plan serde round trip: serializing");
    auto decoded = DeserializePlan(*bytes);
    if (!decoded.ok()) return decoded.status().WithContext("plan serde round trip: deserializing");
    const std::string before = logical::PlanToString(*plan);
    const std::string after = logical::PlanToString(**decoded);
    if (before != after) {
      return Status::Internal("plan serde round trip changed the plan:\n--- before\n" + before +
                              "--- after\n" + after);
    }
    // Stronger than the printed form (types, nullability, ids, literals' exact values): the
    // decoded plan encodes to the very same bytes.
    auto again = SerializePlan(*decoded);
    if (!again.ok()) return again.status().WithContext("plan serde round trip: re-serializing");
    if (*again != *bytes) {
      return Status::Internal("plan serde round trip: the decoded plan serializes differently (" +
                              std::to_string(bytes->size()) + " vs " +
                              std::to_string(again->size()) + " bytes):\n" + before);
    }
    ++g_round_trips;
    g_bytes += static_cast<int64_t>(bytes->size());
    return decoded;
  }
};

std::vector<std::string> SltFiles() {
  std::vector<std::string> files;
  const fs::path root = fs::path(BALLISTA_SOURCE_DIR) / "tests" / "sql";
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".slt") continue;
    const std::string relative = fs::relative(entry.path(), root).string();
    if (relative.rfind("known_failures", 0) == 0) continue;
    files.push_back(relative);
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Totals {
  int files = 0;
  int queries = 0;
  int records = 0;
  int failures = 0;
};
Totals g_totals;

/// (file under tests/sql, optimizer on).
using SltParam = std::tuple<std::string, bool>;

class PlanSerdeSltTest : public ::testing::TestWithParam<SltParam> {
 public:
  /// Each instantiation is its own suite: report its totals, then start afresh.
  static void TearDownTestSuite() {
    std::cout << "[plan serde slt] " << g_totals.files << " files, " << g_totals.records
              << " records (" << g_totals.queries << " queries), " << g_totals.failures
              << " failures; " << g_round_trips.load() << " plans round-tripped, " << g_bytes.load()
              << " bytes\n";
    g_totals = Totals();
    g_round_trips = 0;
    g_bytes = 0;
  }
};

TEST_P(PlanSerdeSltTest, AnswersSurviveRoundTrip) {
  const auto& [file, optimize] = GetParam();
  const fs::path path = fs::path(BALLISTA_SOURCE_DIR) / "tests" / "sql" / file;
  auto records = session::ParseSltFile(path.string());
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  session::SessionConfig config;
  config.optimizer_enabled = optimize;
  session::SessionContext context(config);
  context.state()->SetRunner(std::make_shared<SerdeRoundTripRunner>());
  session::SltEngine engine = [&](const std::string& sql) { return context.SqlCollect(sql); };
  std::ostringstream log;
  const int64_t before = g_round_trips.load();
  auto result = session::RunSltRecords(*records, engine, log);
  ++g_totals.files;
  g_totals.queries += result.queries;
  g_totals.records += result.records;
  g_totals.failures += result.failures;
  EXPECT_EQ(result.failures, 0) << log.str();
  if (result.queries > 0) {
    EXPECT_GT(g_round_trips.load(), before) << "no plan went through the serde";
  }
}

std::string TestName(const ::testing::TestParamInfo<SltParam>& info) {
  std::string name = std::get<0>(info.param);
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, PlanSerdeSltTest,
                         ::testing::Combine(::testing::ValuesIn(SltFiles()),
                                            ::testing::Values(true)),
                         TestName);
INSTANTIATE_TEST_SUITE_P(CorpusOptimizerOff, PlanSerdeSltTest,
                         ::testing::Combine(::testing::ValuesIn(SltFiles()),
                                            ::testing::Values(false)),
                         TestName);

}  // namespace
}  // namespace ballista::dist
