#pragma once

#include <memory>
#include <string>

#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/type.h"
#include "ballista/common/result.h"
#include "ballista/exec/exec_context.h"
#include "ballista/exec/metrics.h"
#include "ballista/exec/operator_result.h"
#include "ballista/exec/state.h"

namespace ballista::exec {

/// Shared state of a streaming operator (a LIMIT's global row count, a probe's view of the built
/// hash table).
class GlobalOperatorState : public GlobalState {};

/// Per-task state of a streaming operator (an expression evaluator's scratch buffers, a probe's
/// position in a batch that produces more output than fits one batch).
class LocalOperatorState : public LocalState {};

/// A streaming operator in the middle of a pipeline: filter, projection, hash join probe, limit,
/// unnest. It maps input batches to output batches without needing all its input first. Const
/// and shareable between executions; state lives in the state objects.
class Operator {
 public:
  virtual ~Operator() = default;

  /// Name shown in metrics, errors and EXPLAIN.
  virtual std::string name() const = 0;

  /// Schema of every batch the operator produces.
  virtual arrow::SchemaPtr output_schema() const = 0;

  /// Builds the shared state when the pipeline starts (a probe reads its finished build sink
  /// here with ctx.FinishedSinkStateAs). Called once per execution, single-threaded. The default
  /// is an empty state.
  virtual Result<std::unique_ptr<GlobalOperatorState>> MakeGlobalOperatorState(
      ExecContext& ctx, OperatorMetrics& metrics) const;

  /// Builds the state of task `task_index`. Called once per task, on its thread. The default is
  /// an empty state.
  virtual Result<std::unique_ptr<LocalOperatorState>> MakeLocalOperatorState(
      ExecContext& ctx, GlobalOperatorState& global, int task_index) const;

  /// Processes `input` (never null, never empty: the driver drops empty batches)
  /// into `out->batch`:
  ///   kNeedMoreInput: the input is consumed; out->batch may hold output or be empty.
  ///   kHaveMoreOutput: out->batch holds output and more follows for the same input: the driver
  ///     pushes the output downstream, then calls Execute again with the same input (a join probe
  ///     whose matches exceed one batch).
  ///   kFinished: no more input is wanted from any task (a full LIMIT); out->batch may hold a last
  ///     batch. The driver stops the pipeline's source on every task.
  ///   kBlocked: set out->resume; the same call is repeated after it fires.
  /// May be called concurrently for different local states.
  virtual Result<OperatorResult> Execute(ExecContext& ctx, const arrow::RecordBatchPtr& input,
                                         GlobalOperatorState& global, LocalOperatorState& local,
                                         OperatorOutput* out) const = 0;

  /// True when the operator may hold rows back that must be flushed when its task's input ends
  /// (a streaming top-k per task, a batch coalescer). Only then is FinalExecute called.
  virtual bool RequiresFinalExecute() const { return false; }

  /// Flushes the task's buffered rows after its last input: kHaveMoreOutput to be called again,
  /// kFinished when done (out->batch may hold a batch with either), kBlocked with out->resume.
  /// Called once per task (plus repeats), on the task's thread, only if RequiresFinalExecute().
  virtual Result<OperatorResult> FinalExecute(ExecContext& ctx, GlobalOperatorState& global,
                                              LocalOperatorState& local, OperatorOutput* out) const;
};

}  // namespace ballista::exec
