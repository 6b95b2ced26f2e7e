#pragma once

#include <optional>
#include <vector>

#include "ballista/dist/stage_planner.h"

namespace ballista::dist {

/// Re-plans an AdaptiveJoin as a broadcast join once its build stage has run and turned out
/// small: the probe stage's plan (without the key columns it added for its hash shuffle) takes the
/// place of the probe read in the join stage, the build stage is read whole by every task, and
/// the join stage runs as many tasks as the probe stage did, reading what it read.
///
/// nullopt when the join stage relies on the join's rows being hash-placed: a grouping, DISTINCT,
/// window or set operation above the join within the stage, or another hash-aligned input; the
/// join then stays a hash join. Only inner, left, semi, anti and mark joins are switched.
std::optional<StageDefinition> MergeProbeForBroadcast(const StageDefinition& join_stage,
                                                      const StageDefinition& probe_stage, int build_stage);

/// The memory `rows` rows of `stage`'s output take (rows x RowWidthBytes, hash key columns left
/// out): what an adaptive join's build side is weighed by once it has run.
double StageOutputMemoryBytes(const StageDefinition& stage, int64_t rows);

/// After `probe_stage` was merged into `join_stage`: the joins it ran now run in `join_stage`.
void RedirectAdaptiveJoins(std::vector<AdaptiveJoin>& joins, int probe_stage, int join_stage);

}  // namespace ballista::dist
