#pragma once

#include "ballista/dist/stage_planner.h"
#include "ballista/session/query_runner.h"

namespace ballista::dist {

/// Runs queries the way a cluster does, inside this process: the plan is cut into stages, each
/// stage's tasks run one after the other over their partitions, and shuffle outputs are kept in
/// memory. It checks the stage planner and task binding against the local engine without
/// processes or network (tests, and `EXPLAIN` of the stage graph).
class InProcessStageRunner final : public session::QueryRunner {
 public:
  explicit InProcessStageRunner(StagePlannerOptions options) : options_(options) {}

  Result<arrow::RecordBatchReaderPtr> Execute(const logical::LogicalPlanPtr& plan,
                                              const session::SessionConfig& config) const override;
  Result<std::string> Explain(const logical::LogicalPlanPtr& plan,
                              const session::SessionConfig& config) const override;
  Result<std::string> Analyze(const logical::LogicalPlanPtr& plan,
                              const session::SessionConfig& config) const override;

 private:
  StagePlannerOptions options_;
};

}  // namespace ballista::dist
