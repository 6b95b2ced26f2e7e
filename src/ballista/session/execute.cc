#include "ballista/session/execute.h"

#include "ballista/physical/physical_planner.h"

namespace ballista::session {

Result<logical::LogicalPlanPtr> OptimizePlan(const logical::LogicalPlanPtr& plan,
                                             const SessionConfig& config,
                                             std::vector<optimizer::PassRecord>* passes,
                                             bool record_plans) {
  // Built once and kept for the life of the process (passes are stateless).
  static const optimizer::Optimizer* full = new optimizer::Optimizer();
  static const optimizer::Optimizer* required = new optimizer::Optimizer(optimizer::RequiredPasses());
  const optimizer::Optimizer* chosen = config.optimizer_enabled ? full : required;
  std::set<std::string> skip = config.optimizer_enabled ? config.optimizer_skip : std::set<std::string>{};
  ASSIGN_OR_RAISE(auto result, chosen->Optimize(plan, skip, record_plans));
  if (passes) *passes = std::move(result.passes);
  return result.plan;
}

namespace {

physical::ExecuteOptions OptionsFor(const SessionConfig& config) {
  physical::ExecuteOptions options;
  options.config = config.exec;
  return options;
}

}  // namespace

Result<arrow::RecordBatchReaderPtr> ExecuteLogicalPlan(const logical::LogicalPlanPtr& plan,
                                                       const SessionConfig& config) {
  ASSIGN_OR_RAISE(auto physical_plan, physical::CreatePhysicalPlan(plan));
  ASSIGN_OR_RAISE(auto stream, physical::ExecutePlan(*physical_plan, OptionsFor(config)));
  return arrow::RecordBatchReaderPtr(std::move(stream));
}

Result<std::string> ExplainPhysicalPlan(const logical::LogicalPlanPtr& plan, const SessionConfig&) {
  ASSIGN_OR_RAISE(auto physical_plan, physical::CreatePhysicalPlan(plan));
  return physical::ExplainPhysical(*physical_plan);
}

Result<std::string> AnalyzePlan(const logical::LogicalPlanPtr& plan, const SessionConfig& config) {
  ASSIGN_OR_RAISE(auto physical_plan, physical::CreatePhysicalPlan(plan));
  return physical::ExplainAnalyze(*physical_plan, OptionsFor(config));
}

}  // namespace ballista::session
