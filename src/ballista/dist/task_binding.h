#pragma once

#include "ballista/common/result.h"
#include "ballista/dist/shuffle_read_table.h"
#include "ballista/logical/plan.h"

namespace ballista::dist {

/// How many scan units each task of a stage asks its source scans for, per task: enough units
/// for an executor's threads while every task splits the scan identically.
inline constexpr int kScanUnitsPerTask = 4;

/// The plan task `task_partition` of a `task_count`-task stage runs: shuffle reads bound to the
/// task's partition (opening pieces with `opener`), source scans reduced to the task's share of
/// scan units, and VALUES / one-row leaves kept only by task 0 (so they count once).
Result<logical::LogicalPlanPtr> BindStagePlanToTask(const logical::LogicalPlanPtr& plan, int task_partition,
                                                    int task_count, const ShufflePieceOpener& opener);

}  // namespace ballista::dist
