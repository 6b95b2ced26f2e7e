#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/record_batch_reader.h"
#include "ballista/common/result.h"
#include "ballista/common/thread_pool.h"
#include "ballista/exec/exec_context.h"
#include "ballista/exec/pipeline.h"

namespace ballista::exec {

namespace internal {
class ExecutionState;
}  // namespace internal

/// One running execution of a PipelineGraph: the handle the session (or an executor's task
/// runner) holds. Every pipeline runs on `pool`, the one CPU pool of the process, as
/// min(source parallelism, execution.target_partitions) tasks; no thread is made per operator or
/// per query. A pipeline starts when the pipelines it depends on have finished. Batches of the
/// result pipelines (those with a null sink) are read with Next() as they are produced.
///
/// Errors: the first error of any operator (prefixed with the operator's name) cancels the rest
/// and becomes the execution's status; Next() returns it. Cancel() stops every task within one
/// operator call. Methods may be called from any thread; Next() by one reader at a time.
class QueryExecution {
 public:
  /// Starts `graph` with `ctx` (one execution per context) on `pool`, which must outlive the
  /// execution. Errors in the graph or in building the sinks' states are returned here.
  static Result<std::unique_ptr<QueryExecution>> Start(ExecContextPtr ctx, PipelineGraph graph,
                                                       ThreadPool* pool);

  /// Cancels the execution if it still runs and waits until every task has stopped. Must not run
  /// on a thread of `pool` (it would wait for itself).
  ~QueryExecution();
  QueryExecution(const QueryExecution&) = delete;
  QueryExecution& operator=(const QueryExecution&) = delete;

  /// Schema of the result batches (an empty schema when no pipeline produces a result).
  arrow::SchemaPtr result_schema() const;

  /// The next result batch; null once every result pipeline has finished; the error when the
  /// execution failed or was cancelled. Blocks until one of them is there.
  Result<arrow::RecordBatchPtr> Next();

  /// Waits up to `timeout` until Next() would not block; false on timeout.
  bool WaitReady(std::chrono::milliseconds timeout);

  /// Reads every remaining result batch, then waits for the execution to finish.
  Result<std::vector<arrow::RecordBatchPtr>> Collect();

  /// Cancels with `reason`: running tasks stop at their next batch, parked ones are woken to
  /// stop, pipelines not started never start, and the reader gets `reason`. No effect once
  /// the execution has finished or failed.
  void Cancel(Status reason = Status::Cancelled("query cancelled"));

  /// Waits until every task has stopped; false when `timeout` passed first.
  bool WaitFor(std::chrono::milliseconds timeout);
  /// Waits until every task has stopped and returns the final status.
  Status Wait();
  bool finished() const;
  /// The final status once finished (OK, the first error, or the cancellation); OK before.
  Status status() const;

  ExecContext& context() const { return *ctx_; }
  /// The per-operator metrics as text (EXPLAIN ANALYZE).
  std::string MetricsToString() const { return ctx_->metrics().ToString(); }

 private:
  QueryExecution(ExecContextPtr ctx, std::shared_ptr<internal::ExecutionState> state,
                 arrow::SchemaPtr result_schema);

  ExecContextPtr ctx_;
  std::shared_ptr<internal::ExecutionState> state_;
  arrow::SchemaPtr result_schema_;
};

/// The result of an execution as a pull stream; owns the execution, so dropping the stream before
/// its end cancels the query. Not thread-safe (one reader).
class QueryResultStream final : public arrow::RecordBatchReader {
 public:
  explicit QueryResultStream(std::unique_ptr<QueryExecution> execution)
      : execution_(std::move(execution)) {}

  arrow::SchemaPtr schema() const override { return execution_->result_schema(); }
  Result<arrow::RecordBatchPtr> Next() override { return execution_->Next(); }
  QueryExecution& execution() { return *execution_; }

 private:
  std::unique_ptr<QueryExecution> execution_;
};

/// Starts `graph` and returns its result as a stream (batches arrive as they are produced).
Result<std::unique_ptr<QueryResultStream>> ExecuteStream(ExecContextPtr ctx, PipelineGraph graph,
                                                         ThreadPool* pool);

/// Runs `graph` to the end and returns every result batch.
Result<std::vector<arrow::RecordBatchPtr>> ExecuteCollect(ExecContextPtr ctx, PipelineGraph graph,
                                                          ThreadPool* pool);

}  // namespace ballista::exec
