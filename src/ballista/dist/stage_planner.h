#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ballista/common/result.h"
#include "ballista/logical/plan.h"

namespace ballista::dist {

/// How a plan's rows are spread over the partitions of the stage computing it.
///  - kAny: no known placement (split scans, unions);
///  - kSingle: every row in partition 0 (VALUES, the output of a single exchange);
///  - kHash: rows with equal `keys` share a partition (the output of a hash exchange).
struct Distribution {
  enum class Kind { kAny, kSingle, kHash };
  Kind kind = Kind::kAny;
  std::vector<logical::ExprPtr> keys;  ///< kHash: over the plan's output columns

  std::string ToString() const;
};

/// How a stage's ShuffleWriter splits its output: one partition (`hash_columns` == 0), or
/// `partitions` partitions by the hash of the plan's last `hash_columns` output columns, which
/// are dropped from the written rows.
struct ShuffleOutput {
  int partitions = 1;
  int hash_columns = 0;
};

/// One stage of a distributed query: a plan fragment whose leaves are source scans or shuffle
/// reads of earlier stages (TableScans over a ShuffleReadTable), run as `task_count` tasks; task p
/// reads partition p of its partitioned inputs, share p of its source scans, every partition of
/// its broadcast inputs, and its VALUES only when p == 0.
struct StageDefinition {
  int stage_id = 0;
  logical::LogicalPlanPtr plan;
  ShuffleOutput output;
  std::vector<int> input_stages;  ///< stages this one reads (each must finish first)
  int task_count = 1;
  Distribution distribution;      ///< how the plan's output rows lie over the tasks
};

/// A hash join re-decided once its build side has run. It was planned with both sides
/// hash-shuffled while the build side's size was unknown or near the broadcast threshold, so the
/// probe stage waits for the build stage; when the build stage's real output (rows counted,
/// times RowWidthBytes) is within
/// `StagePlannerOptions::adaptive_broadcast_threshold_bytes`, the probe stage's plan moves into the
/// join stage and every task reads the build side whole (MergeProbeForBroadcast), so the probe
/// side is never shuffled. Otherwise the probe stage runs as planned.
struct AdaptiveJoin {
  int join_stage = 0;   ///< the stage that runs the join (reads both)
  int probe_stage = 0;  ///< shuffles the join's left (probe) side
  int build_stage = 0;  ///< shuffles the join's right (build) side
};

/// A query cut at its exchanges. Stages are listed children first; the last one computes the
/// query's result (its tasks' outputs, in task order, are the result; one task when the result
/// is ordered).
struct StageGraph {
  std::vector<StageDefinition> stages;
  /// Joins to re-decide at run time; a build stage is listed before its probe stage.
  std::vector<AdaptiveJoin> adaptive_joins;
  const StageDefinition& final_stage() const { return stages.back(); }
  /// Stages, their dependencies and plans, for EXPLAIN and the REST API.
  std::string ToString() const;
};

/// Bytes one row of `plan`'s output takes in memory, roughly: fixed-width values exactly, text
/// and nested values a typical 32; the last `skip_last` columns left out. Broadcast decisions
/// weigh rows with it, estimated before a job runs and counted after a stage has run (shuffled
/// IPC bytes are compressed, often tenfold for sorted keys, so they understate a hash table).
double RowWidthBytes(const logical::LogicalPlan& plan, int skip_last = 0);

/// The plan as PlanToString prints it, every line prefixed by `indent`.
std::string IndentedPlan(const logical::LogicalPlan& plan, std::string_view indent);

struct StagePlannerOptions {
  /// Partitions of every hash exchange.
  int shuffle_partitions = 4;
  /// Tasks a stage that scans files or tables is split into (fewer when a scan has fewer units).
  int scan_partitions = 4;
  /// Grouped and global aggregations whose input is spread over tasks run in two phases
  /// (partial states per task, shuffled, then merged) where every call can merge states.
  bool two_phase_aggregation = true;
  /// An equi-join whose build (right) side is estimated below this many bytes broadcasts that
  /// side to every task of the probe side instead of hash-shuffling both (inner, left, semi,
  /// anti and mark joins). 0: never by size.
  int64_t broadcast_join_threshold_bytes = 0;
  /// > 0: an equi-join that could broadcast its build side but is planned hash-shuffled because
  /// that side's estimate is unknown or above `broadcast_join_threshold_bytes` (though not far
  /// above this) becomes an AdaptiveJoin, switched to broadcast when the build side's real rows
  /// times RowWidthBytes are at most this many bytes.
  int64_t adaptive_broadcast_threshold_bytes = 0;
};

/// EnforceDistribution for a cluster: walks the optimized plan bottom-up, knowing what each
/// operator needs of its inputs' placement (grouped aggregation, DISTINCT, INTERSECT/EXCEPT and
/// window partitions: rows of a key together; equi-joins: both sides hashed on their keys;
/// global aggregates, sorts, limits and non-equi outer joins: one partition; non-equi inner,
/// left, semi, anti and null-aware anti joins: the right (build) side broadcast to every task),
/// inserts an exchange where an input does not satisfy it, and cuts the plan into stages there.
Result<StageGraph> PlanStages(const logical::LogicalPlanPtr& plan,
                              const StagePlannerOptions& options);

}  // namespace ballista::dist
