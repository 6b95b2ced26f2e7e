#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ballista/common/result.h"
#include "ballista/dist/shuffle_read_table.h"
#include "ballista/dist/stage_planner.h"
#include "proto/ballista.pb.h"

namespace ballista::scheduler {

/// One task handed to an executor.
struct TaskLaunch {
  int stage_id = 0;
  int partition = 0;
  int attempt = 0;
};

/// How a job's graph adapts to what its stages really produced, and how often it retries.
struct ExecutionGraphOptions {
  int task_max_failures = 4;
  int stage_max_failures = 4;
  /// > 0: when a stage that reads only hash shuffles is first resolved, neighbouring input
  /// partitions are grouped into tasks: about as many tasks as `free_vcores` says are free, each
  /// reading at least `min_task_bytes` and at most this many bytes (where partitions allow).
  /// 0 keeps one task per partition.
  int64_t coalesce_target_bytes = 0;
  int64_t min_task_bytes = 1 << 20;
  /// > 0: a dist::AdaptiveJoin whose build stage's output takes at most this many bytes in
  /// memory (OutputMemoryBytes) runs as a
  /// broadcast join (its probe stage merged into the join stage); 0: adaptive joins stay hash
  /// joins (their probe stages still wait for the build stages).
  int64_t adaptive_broadcast_threshold_bytes = 0;
  /// Vcores of the cluster free now, asked when a stage is resolved; null: unknown (coalescing
  /// then goes by bytes alone).
  std::function<int()> free_vcores;
};

/// The state of one job: its stages (Unresolved -> Resolved -> Running -> Successful, or
/// Failed), their tasks, and where finished tasks left their output. Pure bookkeeping, no I/O:
/// the scheduler server drives it under its own lock (not thread-safe by itself).
class ExecutionGraph {
 public:
  enum class StageState { kUnresolved, kResolved, kRunning, kSuccessful, kFailed };

  ExecutionGraph(std::string job_id, std::string job_name, std::string session_id, dist::StageGraph stages,
                 std::vector<protobuf::KeyValue> settings, ExecutionGraphOptions options);

  const std::string& job_id() const { return job_id_; }
  const std::string& job_name() const { return job_name_; }
  const std::string& session_id() const { return session_id_; }
  protobuf::JobState state() const { return state_; }
  bool finished() const;
  const std::string& error() const { return error_; }
  const std::vector<protobuf::KeyValue>& settings() const { return settings_; }
  std::chrono::steady_clock::time_point submitted_at() const { return submitted_at_; }
  std::optional<std::chrono::steady_clock::time_point> ended_at() const { return ended_at_; }

  /// Takes up to `max_tasks` runnable tasks for `executor_id`, preferring tasks whose input
  /// lies on that executor, and marks them running there. Grouped by stage.
  std::vector<protobuf::StageTasks> TakeTasks(const std::string& executor_id, int max_tasks,
                                              const std::function<Result<std::string>(const logical::LogicalPlanPtr&)>& serialize);

  /// Applies a task's report. Stale reports (older attempts) are ignored.
  void UpdateTask(const protobuf::TaskStatus& status);

  /// An executor is gone: its running tasks run again elsewhere, and finished map outputs it
  /// held are recomputed when a later stage still needs them. Returns whether anything changed.
  bool ExecutorLost(const std::string& executor_id);

  void Cancel();
  void Fail(std::string error, uint32_t error_code = 0);

  /// Executors running tasks of this job now.
  std::vector<std::string> ExecutorsRunning() const;
  /// Executors that hold (or held) any of this job's shuffle data.
  std::vector<std::string> ExecutorsWithData() const;
  int RunningTasks() const;
  int PendingTasks() const;

  protobuf::JobStatus Status() const;
  /// Stages with state and task counts, and the stage plans (REST API, EXPLAIN).
  std::string Describe() const;
  std::string StagesJson() const;

 private:
  enum class TaskState { kPending, kRunning, kSuccessful };
  struct Task {
    TaskState state = TaskState::kPending;
    int attempt = 0;      ///< attempts started so far
    int failures = 0;
    std::string executor_id;
    std::vector<protobuf::PartitionLocation> outputs;  ///< one per output partition
  };
  struct Stage {
    dist::StageDefinition definition;
    StageState state = StageState::kUnresolved;
    int attempt = 0;      ///< plan version; bumped when the stage is resolved again
    int failures = 0;     ///< times the stage had to re-run lost inputs
    std::vector<Task> tasks;
    /// Coalesced reads, decided at the first resolution and kept: task t reads input partitions
    /// task_partitions[t]; empty: task p reads partition p.
    std::vector<std::vector<int>> task_partitions;
    bool skipped = false;  ///< every input was empty: no task ran, the output is empty
    int waits_for = 0;     ///< an adaptive join's probe stage: not resolved before this stage is done
    int merged_into = 0;   ///< an adaptive join's probe stage whose plan now runs in that join stage
    bool broadcast_join = false;  ///< an adaptive join switched to broadcast here
    logical::LogicalPlanPtr resolved_plan;
    std::string serialized_plan;  ///< of resolved_plan, built once per attempt
  };

  void ResolveReadyStages();
  /// Decides every adaptive join whose build stage is done: broadcast when it came out small
  /// (and neither its probe nor its join stage has started), else it stays a hash join.
  void DecideAdaptiveJoins();
  /// A finished stage's output as held in memory: rows written times dist::RowWidthBytes.
  static double OutputMemoryBytes(const Stage& stage);
  logical::LogicalPlanPtr ResolvePlan(const Stage& stage) const;
  /// What a stage plan reads and whether it can make rows out of no input rows.
  struct StageShape {
    bool shuffle_reads = false;      ///< reads some earlier stage
    bool hash_reads = false;         ///< reads some earlier stage partition by partition
    bool other_sources = false;      ///< scans files or tables, or has VALUES
    bool rows_from_nothing = false;  ///< a global aggregate, one-row EMPTY, VALUES or a subquery
  };
  static void InspectStage(const logical::LogicalPlan& plan, StageShape* shape);
  /// Adaptive re-planning with the input stages' real sizes, at a stage's first resolution:
  /// groups hash partitions into tasks sized to the free vcores and the bytes to read.
  void CoalescePartitions(Stage& stage, const StageShape& shape);
  /// Completes a stage whose shuffle inputs are all empty without running it, when its plan can
  /// make no row from no input. Returns whether it did.
  bool SkipIfEmpty(Stage& stage, const StageShape& shape);
  void CheckStageDone(Stage& stage);
  void RerunMapOutputs(int stage_id, const std::string& executor_id, std::optional<int> map_partition);
  double LocalityScore(const Stage& stage, int partition, const std::string& executor_id) const;
  void Finish(protobuf::JobState state, std::string error, uint32_t error_code = 0);

  std::string job_id_;
  std::string job_name_;
  std::string session_id_;
  std::vector<protobuf::KeyValue> settings_;
  ExecutionGraphOptions options_;
  std::map<int, Stage> stages_;
  std::vector<dist::AdaptiveJoin> undecided_joins_;
  int final_stage_id_ = 0;
  protobuf::JobState state_ = protobuf::JOB_QUEUED;
  std::string error_;
  uint32_t error_code_ = 0;
  std::chrono::steady_clock::time_point submitted_at_;
  std::optional<std::chrono::steady_clock::time_point> ended_at_;
};

std::string_view StageStateName(ExecutionGraph::StageState state);

}  // namespace ballista::scheduler
