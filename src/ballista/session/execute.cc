#include "ballista/session/execute.h"

#include "ballista/physical/physical_planner.h"

namespace ballista::session {

Result<logical::LogicalPlanPtr> OptimizePlan(const logical::LogicalPlanPtr& plan,
                                             const SessionConfig& config,
                                             std::vector<optimizer::PassRecord>* passes,
                                             bool record_plans) {
  if (!config.optimizer_enabled) return plan;
  static const optimizer::Optimizer* optimizer = new optimizer::Optimizer();
  ASSIGN_OR_RAISE(auto result, optimizer->Optimize(plan, config.optimizer_skip, record_plans));
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
