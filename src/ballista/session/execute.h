#pragma once

#include <string>
#include <vector>

#include "ballista/arrow/record_batch_reader.h"
#include "ballista/logical/plan.h"
#include "ballista/optimizer/optimizer.h"
#include "ballista/session/session_config.h"

namespace ballista::session {

/// The plan after the optimizer, as the settings ask (optimizer.enabled, optimizer.skip).
/// `passes`, when given, receives what each pass did (with plan texts when `record_plans`).
Result<logical::LogicalPlanPtr> OptimizePlan(const logical::LogicalPlanPtr& plan,
                                             const SessionConfig& config,
                                             std::vector<optimizer::PassRecord>* passes = nullptr,
                                             bool record_plans = false);

/// Plans and runs an optimized plan on this process's threads; batches stream as produced.
Result<arrow::RecordBatchReaderPtr> ExecuteLogicalPlan(const logical::LogicalPlanPtr& plan,
                                                       const SessionConfig& config);

/// The physical plan as text (EXPLAIN).
Result<std::string> ExplainPhysicalPlan(const logical::LogicalPlanPtr& plan,
                                        const SessionConfig& config);

/// Runs the plan to the end and returns the physical plan annotated with each operator's
/// metrics (EXPLAIN ANALYZE).
Result<std::string> AnalyzePlan(const logical::LogicalPlanPtr& plan, const SessionConfig& config);

}  // namespace ballista::session
