#pragma once

// Internal to exec/: the per-thread driver that pushes morsels through one pipeline.

#include <memory>
#include <vector>

#include "ballista/exec/execution_state.h"

namespace ballista::exec::internal {

/// One of a pipeline's `parallelism` tasks. Each Run() executes steps (one batch through as many
/// operators as it reaches) until the task finishes, blocks, fails, sees a cancellation, or has
/// used its time slice, in which case it puts itself back at the end of the pool's queue so other
/// tasks (and other queries) get a turn. The resume points below make every call resumable after
/// a kBlocked result. Run() is never executed by two threads at once: a task is either queued,
/// running, or parked.
class PipelineTask : public std::enable_shared_from_this<PipelineTask> {
 public:
  PipelineTask(std::shared_ptr<ExecutionState> execution, PipelineRun* run, int task_index);

  void Run();

 private:
  enum class StepKind { kContinue, kBlocked, kDone };
  struct Step {
    StepKind kind = StepKind::kContinue;
    ResumeSignalPtr resume;
  };

  Status Initialize();
  Result<Step> NextStep();
  /// Pushes inputs_[first] through operators first.. and the sink. `fresh` is false when the
  /// operator is being called again for an input it already counted (kHaveMoreOutput, kBlocked).
  Result<Step> RunFrom(int first, bool fresh);
  Result<Step> PushToSink(arrow::RecordBatchPtr batch);
  Result<Step> PullFromSource();
  Result<Step> Flush();
  /// Combines the sink's local state and reports success; the task is over afterwards.
  void Finish();
  /// Drops local states (they may point into global states) and reports the exit.
  void Exit();
  void DropLocalStates();

  std::shared_ptr<ExecutionState> execution_;
  ExecContext& ctx_;
  PipelineRun* run_;
  const Pipeline& pipeline_;
  const Sink& sink_;
  const int task_index_;
  const int num_operators_;
  bool initialized_ = false;

  std::unique_ptr<LocalSourceState> source_local_;
  std::vector<std::unique_ptr<LocalOperatorState>> operator_locals_;
  std::unique_ptr<LocalSinkState> sink_local_;

  // ---- Resume points ----
  /// inputs_[i]: the batch operator i is working on (kept while it has more output or blocked).
  std::vector<arrow::RecordBatchPtr> inputs_;
  /// Operators that said kHaveMoreOutput, innermost on top: called again before new input.
  std::vector<int> in_process_;
  /// Operator whose Execute returned kBlocked, or -1; it is called again with the same input.
  int blocked_operator_ = -1;
  /// Batch a blocked sink did not take yet.
  arrow::RecordBatchPtr pending_sink_batch_;
  bool source_done_ = false;
  /// Next operator whose FinalExecute is due once the source is done.
  int next_flush_ = 0;
};

}  // namespace ballista::exec::internal
