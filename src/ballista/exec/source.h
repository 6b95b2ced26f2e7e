#pragma once

#include <memory>
#include <string>

#include "ballista/arrow/type.h"
#include "ballista/common/result.h"
#include "ballista/exec/exec_context.h"
#include "ballista/exec/metrics.h"
#include "ballista/exec/operator_result.h"
#include "ballista/exec/state.h"

namespace ballista::exec {

/// The shared state of a source: typically the queue of morsels (row-group ranges, byte ranges of
/// a file, shuffle partitions, partitions of a finished hash table) that tasks take from.
class GlobalSourceState : public GlobalState {
 public:
  /// The most tasks that can usefully read this source at once (the number of morsels, 1 for a
  /// source that must emit in order). The executor runs min(this, target_partitions) tasks.
  /// Called once, right after MakeGlobalSourceState.
  virtual int MaxParallelism() const { return 1; }
};

/// A task's view of a source: the morsel it is reading and its position inside it.
class LocalSourceState : public LocalState {};

/// The start of a pipeline: a table scan, a shuffle reader, or the output side of a pipeline
/// breaker (an aggregation's groups, a sort's merged runs, a hash join's unmatched build rows).
/// Const and shareable between executions; all state lives in the two state objects. Each task
/// calls GetData on its own local state until it returns kFinished; the global state decides
/// which morsel each task gets, so the tasks together read everything exactly once.
class Source {
 public:
  virtual ~Source() = default;

  /// Name shown in metrics, errors and EXPLAIN ("ParquetScan", "HashAggregate").
  virtual std::string name() const = 0;

  /// Schema of every batch the source produces.
  virtual arrow::SchemaPtr output_schema() const = 0;

  /// Builds the shared state when the pipeline starts (after the pipelines it depends on have
  /// finished, so a source over a finished sink reads it here with ctx.FinishedSinkStateAs).
  /// `metrics` (valid for the execution) is the source's entry, for its own counters and memory
  /// pool. Called once per execution, single-threaded. The default has MaxParallelism 1.
  virtual Result<std::unique_ptr<GlobalSourceState>> MakeGlobalSourceState(
      ExecContext& ctx, OperatorMetrics& metrics) const;

  /// Builds the state of task `task_index` (0 .. parallelism-1). Called once per task, on the
  /// task's thread; may run concurrently for different tasks. The default is an empty state.
  virtual Result<std::unique_ptr<LocalSourceState>> MakeLocalSourceState(ExecContext& ctx,
                                                                         GlobalSourceState& global,
                                                                         int task_index) const;

  /// Produces the next batch of this task into `out->batch` (may be empty).
  ///   kHaveMoreOutput: call again.
  ///   kFinished: this task's share is done (out->batch may hold a last batch); never called
  ///     again for this local state.
  ///   kBlocked: set out->resume; the task is parked until it fires, then GetData is called again.
  ///     Sources waiting on I/O or the network must block this way rather than wait on a thread.
  /// May be called concurrently for different local states (never for the same one).
  virtual Result<SourceResult> GetData(ExecContext& ctx, GlobalSourceState& global,
                                       LocalSourceState& local, OperatorOutput* out) const = 0;
};

}  // namespace ballista::exec
