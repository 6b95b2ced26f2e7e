#pragma once

#include <memory>
#include <string>

#include "ballista/arrow/record_batch.h"
#include "ballista/common/result.h"
#include "ballista/exec/exec_context.h"
#include "ballista/exec/metrics.h"
#include "ballista/exec/operator_result.h"
#include "ballista/exec/state.h"

namespace ballista::exec {

/// Shared state of a sink: the merged hash table, the sorted runs, the result queue. Written by
/// Combine (concurrently, so subclasses synchronize) and Finalize (alone); afterwards read-only
/// and published to later pipelines through ExecContext::FinishedSinkState.
class GlobalSinkState : public GlobalState {};

/// Per-task state of a sink: the task's partial aggregate, its unsorted buffer, its shuffle
/// writer. Merged into the global state by Combine.
class LocalSinkState : public LocalState {};

/// The end of a pipeline and a pipeline breaker: hash join build, aggregation, sort, top-k,
/// window, shuffle write, the query result. A physical operator that is also the source of a
/// later pipeline implements both Sink and Source, and its MakeGlobalSourceState reads the
/// finalized sink state from the context. Several pipelines may feed the same sink object (the
/// inputs of a UNION ALL below an aggregation): they share one global state, and Finalize runs
/// once, after all of them. Each role's methods have their own names (MakeGlobalSinkState,
/// MakeGlobalSourceState, MakeGlobalOperatorState) so one class can implement several roles.
/// Const and shareable between executions.
class Sink {
 public:
  virtual ~Sink() = default;

  /// Name shown in metrics, errors and EXPLAIN.
  virtual std::string name() const = 0;

  /// Builds the shared state when the execution starts, before any pipeline runs. Called once
  /// per execution, single-threaded. The default is an empty state.
  virtual Result<std::unique_ptr<GlobalSinkState>> MakeGlobalSinkState(
      ExecContext& ctx, OperatorMetrics& metrics) const;

  /// Builds the state of task `task_index`. Called once per task, on its thread. The default is
  /// an empty state.
  virtual Result<std::unique_ptr<LocalSinkState>> MakeLocalSinkState(ExecContext& ctx,
                                                                     GlobalSinkState& global,
                                                                     int task_index) const;

  /// Takes one batch (never null, never empty). (Named Consume because a member cannot share its
  /// class's name.)
  ///   kNeedMoreInput: consumed; send the next batch.
  ///   kFinished: no more input is wanted from any task (the batch was consumed); the pipeline
  ///     stops its source everywhere and goes on to Combine and Finalize.
  ///   kBlocked: not consumed; set *resume; the same batch is offered again after it fires.
  /// May be called concurrently for different local states.
  virtual Result<SinkResult> Consume(ExecContext& ctx, const arrow::RecordBatchPtr& batch,
                                     GlobalSinkState& global, LocalSinkState& local,
                                     ResumeSignalPtr* resume) const = 0;

  /// Merges a task's local state into the global state when the task has no more input. Called
  /// once per task, possibly concurrently with other tasks' Combine (lock the global state).
  /// The default does nothing.
  virtual Status Combine(ExecContext& ctx, GlobalSinkState& global, LocalSinkState& local) const;

  /// Completes the global state after every task of every pipeline feeding this sink has
  /// combined (builds the final hash table, merges sorted runs). Called once, single-threaded.
  /// The default does nothing.
  virtual Status Finalize(ExecContext& ctx, GlobalSinkState& global) const;
};

}  // namespace ballista::exec
