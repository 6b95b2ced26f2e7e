#include "ballista/session/query_runner.h"

#include "ballista/session/execute.h"

namespace ballista::session {
namespace {

class InProcessRunner final : public QueryRunner {
 public:
  Result<arrow::RecordBatchReaderPtr> Execute(const logical::LogicalPlanPtr& plan,
                                              const SessionConfig& config) const override {
    return ExecuteLogicalPlan(plan, config);
  }
  Result<std::string> Explain(const logical::LogicalPlanPtr& plan,
                              const SessionConfig& config) const override {
    return ExplainPhysicalPlan(plan, config);
  }
  Result<std::string> Analyze(const logical::LogicalPlanPtr& plan,
                              const SessionConfig& config) const override {
    return AnalyzePlan(plan, config);
  }
};

}  // namespace

QueryRunnerPtr LocalQueryRunner() {
  static const QueryRunnerPtr runner = std::make_shared<InProcessRunner>();
  return runner;
}

}  // namespace ballista::session
