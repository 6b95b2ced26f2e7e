#pragma once

// Internal to exec/: the scheduler behind QueryExecution. Physical operators never see it.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "ballista/common/thread_pool.h"
#include "ballista/exec/exec_context.h"
#include "ballista/exec/pipeline.h"
#include "ballista/exec/result_queue.h"
#include "ballista/exec/result_sink.h"

namespace ballista::exec::internal {

class PipelineTask;

/// One sink object of the graph and the pipelines feeding it (several for a UNION ALL below a
/// breaker; every result pipeline feeds the ResultSink).
struct SinkRun {
  const Sink* sink = nullptr;
  OperatorMetrics* metrics = nullptr;
  std::shared_ptr<GlobalSinkState> state;
  std::vector<PipelineId> pipelines;
  /// Feeding pipelines whose tasks have not all combined yet (guarded by ExecutionState::mutex_).
  int pipelines_left = 0;
};

/// A started pipeline: its global states, metrics and task bookkeeping.
struct PipelineRun {
  /// Nothing downstream of an operator index <= stop_at wants data any more; -1 while running.
  static constexpr int kRunning = -1;

  PipelineId id = 0;
  const Pipeline* pipeline = nullptr;
  SinkRun* sink_run = nullptr;
  std::unique_ptr<GlobalSourceState> source_state;
  OperatorMetrics* source_metrics = nullptr;
  std::vector<std::unique_ptr<GlobalOperatorState>> operator_states;
  std::vector<OperatorMetrics*> operator_metrics;
  int parallelism = 1;
  /// Highest index of an operator that returned kFinished (operators().size() for the sink).
  std::atomic<int> stop_at{kRunning};
  std::atomic<int> tasks_left{0};

  int num_operators() const { return static_cast<int>(pipeline->operators().size()); }
  /// Raises stop_at to at least `index`.
  void StopAt(int index);
};

/// Runs a PipelineGraph on a ThreadPool: starts pipelines as their dependencies finish, tracks
/// live tasks, parks blocked tasks, turns the first error or a cancellation into the final
/// status, and closes the result queue. Shared by the QueryExecution handle and the tasks; when
/// the last task stops it releases the context, the graph and every state before it reports
/// completion, so nothing heavy outlives the execution even while task objects are still being
/// torn down on pool threads.
class ExecutionState : public std::enable_shared_from_this<ExecutionState> {
 public:
  ExecutionState(ExecContextPtr ctx, PipelineGraph graph, ThreadPool* pool);
  ~ExecutionState();

  /// Validates the graph, builds every sink's global state and starts the pipelines that depend
  /// on nothing. Called once, by the thread that creates the execution.
  Status Start();

  /// Blocks until every task has stopped; false when `timeout` passed first.
  bool WaitFor(std::chrono::milliseconds timeout);
  void Wait();
  bool completed() const;
  /// The final status once completed: OK, the first error, or the cancellation reason.
  Status final_status() const;

  /// The context; only valid until the execution completes (it is released then, so that the
  /// context's spill directory and memory go away with the caller's last reference).
  ExecContext& ctx() { return *ctx_; }
  ResultQueue& results() { return *results_; }

  // ---- Called by tasks ----

  /// Records an error: the first error or cancellation wins and cancels everything.
  void Fail(Status status) { ctx_->cancellation().Cancel(std::move(status)); }
  /// Puts `task` on the CPU pool.
  void Schedule(std::shared_ptr<PipelineTask> task);
  /// Parks `task` until `signal` fires (or the execution is cancelled), holding no thread.
  void Park(std::shared_ptr<PipelineTask> task, ResumeSignalPtr signal);
  /// A task of `run` finished its input and combined its sink state. The last one finalizes the
  /// sink (when it is the last feeding pipeline) and starts the pipelines that were waiting.
  void TaskSucceeded(PipelineRun* run);
  /// Every task calls this exactly once, as the very last thing it does.
  void TaskExited();

 private:
  void StartPipelines(const std::vector<PipelineId>& ids);
  Status StartPipeline(PipelineId id);
  void FinalizeSink(SinkRun* sink_run);
  void OnCancelled(const Status& reason);
  void Complete();

  ExecContextPtr ctx_;
  PipelineGraph graph_;
  ThreadPool* pool_;
  int num_pipelines_ = 0;
  std::shared_ptr<ResultQueue> results_;
  std::shared_ptr<ResultSink> result_sink_;
  uint64_t cancel_callback_id_ = 0;

  std::vector<std::unique_ptr<SinkRun>> sink_runs_;
  std::vector<SinkRun*> sink_run_of_pipeline_;
  std::vector<std::unique_ptr<PipelineRun>> runs_;

  mutable std::mutex mutex_;
  std::condition_variable completed_cv_;
  std::vector<int> missing_dependencies_;
  std::vector<std::vector<PipelineId>> dependents_;
  int pipelines_finished_ = 0;
  int active_tasks_ = 0;
  bool completed_ = false;
  Status final_status_;
  std::vector<ResumeSignalPtr> parked_;
};

}  // namespace ballista::exec::internal
