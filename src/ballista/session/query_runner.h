#pragma once

#include <memory>
#include <string>

#include "ballista/arrow/record_batch_reader.h"
#include "ballista/logical/plan.h"
#include "ballista/session/session_config.h"

namespace ballista::session {

/// Where a session's optimized query plans run. The local runner plans them physically and runs
/// them on this process's threads; the client layer's runners serialize them and run them on a
/// cluster. Everything before (parsing, binding, DDL, the catalog, optimizing) is the session's,
/// so every context speaks the same SQL and DataFrame API. Implementations are shared by the
/// session's DataFrames and may be called concurrently.
class QueryRunner {
 public:
  virtual ~QueryRunner() = default;
  /// Starts `plan` and returns its result; batches stream as they are produced and dropping the
  /// reader early cancels the query.
  virtual Result<arrow::RecordBatchReaderPtr> Execute(const logical::LogicalPlanPtr& plan,
                                                      const SessionConfig& config) const = 0;
  /// The physical plan as text (EXPLAIN).
  virtual Result<std::string> Explain(const logical::LogicalPlanPtr& plan,
                                      const SessionConfig& config) const = 0;
  /// Runs the plan to the end, drops its rows and returns the plan with each operator's
  /// metrics (EXPLAIN ANALYZE).
  virtual Result<std::string> Analyze(const logical::LogicalPlanPtr& plan,
                                      const SessionConfig& config) const = 0;
};

using QueryRunnerPtr = std::shared_ptr<const QueryRunner>;

/// The in-process runner (the default of every session).
QueryRunnerPtr LocalQueryRunner();

}  // namespace ballista::session
