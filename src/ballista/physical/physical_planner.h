#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ballista/arrow/record_batch_reader.h"
#include "ballista/common/thread_pool.h"
#include "ballista/exec/exec_config.h"
#include "ballista/exec/pipeline.h"
#include "ballista/exec/query_execution.h"
#include "ballista/logical/plan.h"
#include "ballista/physical/physical_expr.h"

namespace ballista::physical {

/// What the physical planner needs besides the plan.
struct PlannerOptions {
  /// Values of `$1`, `$2`, ... (prepared statements).
  ParameterValues parameters;
};

/// An executable plan: the pipelines (with their dependencies) that compute a logical plan, the
/// result schema, and the operator tree for EXPLAIN. Immutable and shareable: each execution
/// gets its own states, so one plan may run several times, also concurrently.
class PhysicalPlan {
 public:
  PhysicalPlan(exec::PipelineGraph graph, arrow::SchemaPtr schema, std::string tree)
      : graph_(std::move(graph)), schema_(std::move(schema)), tree_(std::move(tree)) {}

  const exec::PipelineGraph& graph() const { return graph_; }
  /// The result's schema: the logical plan's output (unqualified names).
  const arrow::SchemaPtr& schema() const { return schema_; }
  /// One line per operator, inputs indented below their consumer.
  const std::string& tree() const { return tree_; }

 private:
  exec::PipelineGraph graph_;
  arrow::SchemaPtr schema_;
  std::string tree_;
};

/// Maps a bound (and usually optimized) logical plan onto operators arranged as pipelines:
/// scans, VALUES and breaker outputs are sources; filter, projection and hash-join probes are
/// streaming operators; aggregation, sort/top-k, window, hash-join build, limits and set
/// operations are sinks that become the sources of later pipelines. Errors: expressions the
/// physical layer cannot evaluate (leftover subqueries), unsupported types.
Result<std::shared_ptr<PhysicalPlan>> CreatePhysicalPlan(const logical::LogicalPlanPtr& plan,
                                                         const PlannerOptions& options = {});

/// The operator tree followed by the pipelines ("#1 TableScan(t) -> Filter(..) -> <result>").
std::string ExplainPhysical(const PhysicalPlan& plan);

/// How to run a plan.
struct ExecuteOptions {
  exec::ExecConfig config;
  /// The CPU pool; null means one process-wide pool with a thread per core.
  ThreadPool* pool = nullptr;
  /// Parent of the execution's memory pool.
  MemoryPool* parent_pool = DefaultMemoryPool();
};

/// The process-wide CPU pool used when ExecuteOptions::pool is null (created on first use).
ThreadPool* DefaultCpuPool();

/// Starts `plan` and returns its result as a stream, in order when the plan ends in ORDER BY.
/// Dropping the stream early cancels the query. stream->execution().MetricsToString() gives the
/// per-operator metrics (EXPLAIN ANALYZE) once the stream is drained.
Result<std::unique_ptr<exec::QueryResultStream>> ExecutePlan(const PhysicalPlan& plan,
                                                             const ExecuteOptions& options = {});

/// Runs `plan` to the end and returns every result batch.
Result<std::vector<arrow::RecordBatchPtr>> CollectPlan(const PhysicalPlan& plan,
                                                       const ExecuteOptions& options = {});

/// EXPLAIN ANALYZE: runs `plan`, drops its rows, and returns the operator tree followed by each
/// operator's metrics (rows, batches, time, memory, spills).
Result<std::string> ExplainAnalyze(const PhysicalPlan& plan, const ExecuteOptions& options = {});

}  // namespace ballista::physical
