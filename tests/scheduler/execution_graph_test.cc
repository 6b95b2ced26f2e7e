// The job graph's adaptive decisions, driven by hand: tasks are taken and reported with chosen
// output sizes, and the graph's stages and tasks are checked (no processes; the cluster tests
// check the same decisions end to end).
#include <gtest/gtest.h>

#include <algorithm>

#include "ballista/dist/plan_serde.h"
#include "ballista/scheduler/execution_graph.h"
#include "ballista/session/execute.h"
#include "ballista/session/session_context.h"

namespace ballista::scheduler {
namespace {

dist::StageGraph StagesOf(const std::string& sql, const dist::StagePlannerOptions& options) {
  session::SessionContext context;
  auto frame = context.Sql(sql);
  EXPECT_TRUE(frame.ok()) << frame.status().ToString();
  auto plan = session::OptimizePlan(frame->logical_plan(), session::SessionConfig());
  EXPECT_TRUE(plan.ok()) << plan.status().ToString();
  auto stages = dist::PlanStages(*plan, options);
  EXPECT_TRUE(stages.ok()) << stages.status().ToString();
  return std::move(*stages);
}

Result<std::string> NoSerialization(const logical::LogicalPlanPtr&) { return std::string("plan"); }

/// Takes every runnable task, reports each successful with `bytes_per_partition` bytes (and a
/// row per 8 bytes) in each of its stage's output partitions; returns the stages whose tasks ran.
std::vector<int> RunRunnableTasks(ExecutionGraph& graph, int64_t bytes_per_partition) {
  std::vector<int> stages;
  for (const auto& work : graph.TakeTasks("executor-1", 1000, NoSerialization)) {
    stages.push_back(static_cast<int>(work.stage_id()));
    for (int i = 0; i < work.partitions_size(); ++i) {
      protobuf::TaskStatus status;
      status.mutable_task()->set_job_id(work.job_id());
      status.mutable_task()->set_stage_id(work.stage_id());
      status.mutable_task()->set_partition(work.partitions(i));
      status.mutable_task()->set_attempt(work.attempts(i));
      status.mutable_task()->set_stage_attempt(work.stage_attempt());
      status.set_state(protobuf::TASK_SUCCESSFUL);
      status.set_executor_id("executor-1");
      for (uint32_t p = 0; p < work.output_partitions(); ++p) {
        auto* location = status.add_outputs();
        location->set_stage_id(work.stage_id());
        location->set_map_partition(work.partitions(i));
        location->set_output_partition(p);
        location->set_executor_id("executor-1");
        location->mutable_stats()->set_num_rows(std::max<int64_t>(1, bytes_per_partition / 8));
        location->mutable_stats()->set_num_bytes(bytes_per_partition);
      }
      graph.UpdateTask(status);
    }
  }
  return stages;
}

ExecutionGraphOptions Adaptive(int free_vcores) {
  ExecutionGraphOptions options;
  options.coalesce_target_bytes = 32 << 20;
  options.adaptive_broadcast_threshold_bytes = 1 << 20;
  options.free_vcores = [free_vcores] { return free_vcores; };
  return options;
}

/// The number of tasks of stage `id` in StagesJson.
int TasksOfStage(const ExecutionGraph& graph, int id) {
  const std::string json = graph.StagesJson();
  size_t at = json.find("{\"stage_id\":" + std::to_string(id) + ",");
  if (at == std::string::npos) return -1;
  size_t tasks = json.find("\"tasks\":", at);
  return std::stoi(json.substr(tasks + 8));
}

TEST(ExecutionGraphTest, HashPartitionsAreGroupedIntoTasksForTheFreeVcores) {
  dist::StagePlannerOptions planner{8, 2};
  const std::string sql = "SELECT x % 1000 AS k, count(*) FROM generate_series(1, 100000) t(x) GROUP BY k";
  // Stage 1: 2 scan tasks writing 8 partitions of 1 MiB each, so 2 MiB per partition, 16 MiB in all.
  struct Case {
    int free_vcores;
    int tasks;
  };
  for (Case c : {Case{4, 4}, Case{2, 2}, Case{1, 1}, Case{16, 8}}) {
    ExecutionGraph graph("job", "", "", StagesOf(sql, planner), {}, Adaptive(c.free_vcores));
    ASSERT_EQ(RunRunnableTasks(graph, 1 << 20), std::vector<int>{1});
    EXPECT_EQ(TasksOfStage(graph, 2), c.tasks) << "free vcores " << c.free_vcores << "\n" << graph.StagesJson();
    RunRunnableTasks(graph, 100);
    EXPECT_EQ(graph.state(), protobuf::JOB_SUCCESSFUL) << graph.StagesJson();
  }
  // Tiny partitions: one task, however many vcores are free (each task reads at least 1 MiB).
  ExecutionGraph tiny("job", "", "", StagesOf(sql, planner), {}, Adaptive(16));
  RunRunnableTasks(tiny, 1000);
  EXPECT_EQ(TasksOfStage(tiny, 2), 1) << tiny.StagesJson();
}

const char* kJoin =
    "SELECT count(*) FROM generate_series(1, 1000) a(x) JOIN "
    "(SELECT y FROM generate_series(1, 1000) b(y) WHERE y % 7 = 0) s ON a.x = s.y";

dist::StagePlannerOptions HashJoinsDecidedLater() {
  dist::StagePlannerOptions planner{4, 4};
  planner.adaptive_broadcast_threshold_bytes = 1 << 20;
  return planner;
}

TEST(ExecutionGraphTest, ProbeStageWaitsForTheBuildStageAndMergesWhenItIsSmall) {
  dist::StageGraph stages = StagesOf(kJoin, HashJoinsDecidedLater());
  ASSERT_EQ(stages.adaptive_joins.size(), 1u) << stages.ToString();
  const dist::AdaptiveJoin adaptive = stages.adaptive_joins[0];
  ExecutionGraph graph("job", "", "", std::move(stages), {}, Adaptive(4));
  // Only the build side runs first.
  EXPECT_EQ(RunRunnableTasks(graph, 100), std::vector<int>{adaptive.build_stage});
  // It wrote 4 x 4 x 12 rows of one BIGINT: the probe side's scan now runs in the join stage.
  EXPECT_EQ(RunRunnableTasks(graph, 100), std::vector<int>{adaptive.join_stage});
  const std::string json = graph.StagesJson();
  EXPECT_NE(json.find("\"merged_into\":" + std::to_string(adaptive.join_stage)), std::string::npos) << json;
  EXPECT_EQ(TasksOfStage(graph, adaptive.probe_stage), 0) << json;
  EXPECT_EQ(TasksOfStage(graph, adaptive.join_stage), 4) << json;
  RunRunnableTasks(graph, 100);
  EXPECT_EQ(graph.state(), protobuf::JOB_SUCCESSFUL) << graph.StagesJson();
}

TEST(ExecutionGraphTest, ProbeStageRunsAsPlannedWhenTheBuildStageIsLarge) {
  dist::StageGraph stages = StagesOf(kJoin, HashJoinsDecidedLater());
  ASSERT_EQ(stages.adaptive_joins.size(), 1u) << stages.ToString();
  const dist::AdaptiveJoin adaptive = stages.adaptive_joins[0];
  ExecutionGraph graph("job", "", "", std::move(stages), {}, Adaptive(4));
  EXPECT_EQ(RunRunnableTasks(graph, 1 << 20), std::vector<int>{adaptive.build_stage});
  EXPECT_EQ(RunRunnableTasks(graph, 100), std::vector<int>{adaptive.probe_stage});
  EXPECT_EQ(graph.StagesJson().find("\"broadcast_join\":true"), std::string::npos) << graph.StagesJson();
  RunRunnableTasks(graph, 100);
  RunRunnableTasks(graph, 100);
  EXPECT_EQ(graph.state(), protobuf::JOB_SUCCESSFUL) << graph.StagesJson();
}

TEST(ExecutionGraphTest, JoinStaysHashedWhenTheStageGroupsOnItsPlacement) {
  // The aggregate on the join key runs in the join stage on hash-placed rows: broadcasting the
  // build side would spread equal keys over tasks, so the join must stay a hash join.
  dist::StageGraph stages = StagesOf(
      "SELECT a.x, count(*) FROM generate_series(1, 1000) a(x) JOIN "
      "(SELECT y FROM generate_series(1, 1000) b(y) WHERE y % 7 = 0) s ON a.x = s.y GROUP BY a.x",
      HashJoinsDecidedLater());
  ASSERT_EQ(stages.adaptive_joins.size(), 1u) << stages.ToString();
  const dist::AdaptiveJoin adaptive = stages.adaptive_joins[0];
  ExecutionGraph graph("job", "", "", std::move(stages), {}, Adaptive(4));
  EXPECT_EQ(RunRunnableTasks(graph, 100), std::vector<int>{adaptive.build_stage});
  EXPECT_EQ(RunRunnableTasks(graph, 100), std::vector<int>{adaptive.probe_stage});
  EXPECT_EQ(graph.StagesJson().find("\"broadcast_join\":true"), std::string::npos) << graph.StagesJson();
}

}  // namespace
}  // namespace ballista::scheduler
