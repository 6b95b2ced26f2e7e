#pragma once

#include <string>
#include <vector>

#include "ballista/compute/function.h"
#include "ballista/exec/sink.h"
#include "ballista/exec/spill_manager.h"
#include "ballista/physical/physical_expr.h"

namespace ballista::physical {

namespace internal {
/// Group keys -> dense ids and where each group's key values are stored (defined in the .cc).
struct GroupTable;
}  // namespace internal

/// One aggregate call, compiled against the aggregation's input.
struct PhysicalAggregate {
  std::string display;  ///< for EXPLAIN: "sum(l_quantity)"
  compute::ResolvedAggregate resolved;
  std::vector<PhysicalExprPtr> args;
  PhysicalExprPtr filter;  ///< FILTER (WHERE ...); may be null
  bool distinct = false;
  arrow::DataTypePtr output_type;
};

/// The phase of a two-phase aggregation (logical::AggregateMode): kPartial emits, per group, the
/// keys and each aggregate's State() columns instead of final values; kFinal takes such rows as
/// input (keys first, then the states) and merges them instead of updating from arguments.
enum class AggregatePhase { kSingle, kPartial, kFinal };

/// GROUP BY with hash tables. Each task aggregates its morsels into its own table (group keys
/// encoded row-wise, one GroupedAccumulator per aggregate over dense group ids); Combine merges a
/// task's table into the global one through State()/Merge(); Finalize produces one row per group:
/// the group columns, the aggregates, then (with grouping sets) `__grouping_id`.
///
/// Grouping sets run every input row once per set; a group column outside a row's set is NULL
/// and the set's index is part of the hash key, so (NULL from data) and (NULL from the set)
/// never merge. DISTINCT aggregates deduplicate (group, arguments) per task and again globally in
/// Combine, where the global accumulator is fed only first occurrences. FILTER (WHERE) keeps only
/// the rows where the filter is true. Without GROUP BY (`scalar`) the output is exactly one row,
/// even for an empty input. Ordered aggregates (`agg(x ORDER BY y)`) see rows in input order.
///
/// Memory is reserved as tables grow. Under execution.memory_limit a task's table may use a share
/// of the limit and the combined table a quarter; past that (or when a reservation is refused)
/// the table's partial groups (key values and accumulator State()) are written to spill files,
/// split into partitions by a hash of the group key, and the table starts empty. Finalize then
/// finishes one partition at a time, merging every partial state of its groups, so the memory
/// needed is about one partition's groups. Aggregations with a DISTINCT aggregate keep their
/// tables in memory (a refusal is a ResourcesExhausted error).
class HashAggregateSink final : public exec::Sink {
 public:
  HashAggregateSink(std::vector<PhysicalExprPtr> group_exprs,
                    std::vector<std::vector<int>> grouping_sets, bool emit_grouping_id,
                    std::vector<PhysicalAggregate> aggregates, arrow::SchemaPtr output_schema,
                    bool scalar, AggregatePhase phase = AggregatePhase::kSingle);

  std::string name() const override;
  const arrow::SchemaPtr& output_schema() const { return output_schema_; }

  Result<std::unique_ptr<exec::GlobalSinkState>> MakeGlobalSinkState(
      exec::ExecContext& ctx, exec::OperatorMetrics& metrics) const override;
  Result<std::unique_ptr<exec::LocalSinkState>> MakeLocalSinkState(exec::ExecContext& ctx,
                                                                exec::GlobalSinkState& global,
                                                                int task_index) const override;
  Result<exec::SinkResult> Consume(exec::ExecContext& ctx, const arrow::RecordBatchPtr& batch,
                                   exec::GlobalSinkState& global, exec::LocalSinkState& local,
                                   exec::ResumeSignalPtr* resume) const override;
  /// Locks the global state.
  Status Combine(exec::ExecContext& ctx, exec::GlobalSinkState& global,
                 exec::LocalSinkState& local) const override;
  Status Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const override;

 private:
  using Accumulators = std::vector<std::unique_ptr<compute::GroupedAccumulator>>;
  /// Spill files of partial groups, per partition.
  using SpillPartitions = std::vector<std::vector<exec::SpillFilePtr>>;

  /// No DISTINCT aggregate and some GROUP BY key.
  bool Spillable() const;
  /// Bytes a task's table (`global` false) or the combined table may use before spilling.
  int64_t SpillBudget(exec::ExecContext& ctx, bool global) const;
  /// Writes the groups of `table` to per-partition spill files in `spilled`, then empties the
  /// table and replaces the accumulators with fresh ones.
  Status SpillGroups(exec::ExecContext& ctx, exec::OperatorMetrics* metrics, internal::GroupTable* table,
                     Accumulators* accumulators, SpillPartitions* spilled) const;
  /// Charges a task's table to its reservation, spilling the table when refused.
  Result<exec::SinkResult> AccountLocal(exec::ExecContext& ctx, exec::GlobalSinkState& global,
                                        exec::LocalSinkState& local) const;
  /// Merges a batch of partial groups into `table` and `accumulators`: their keys
  /// `key_columns`, their grouping sets `sets` (null: the one set), and each aggregate's state
  /// columns from `first_state_column` on. Used by the final phase of a two-phase aggregation and
  /// when finishing spilled partitions.
  Status MergeGroupStates(const arrow::RecordBatch& batch, std::vector<arrow::ArrayDataPtr> key_columns,
                          const uint32_t* sets, int first_state_column, internal::GroupTable* table,
                          Accumulators* accumulators) const;
  /// The output rows of `table` (null when it has no groups and the aggregation has GROUP BY).
  Result<arrow::RecordBatchPtr> EmitGroups(exec::ExecContext& ctx, internal::GroupTable* table,
                                           Accumulators* accumulators) const;

  std::vector<PhysicalExprPtr> group_exprs_;
  std::vector<std::vector<int>> grouping_sets_;  ///< never empty: a plain GROUP BY is one set
  bool emit_grouping_id_;
  std::vector<PhysicalAggregate> aggregates_;
  arrow::SchemaPtr output_schema_;
  arrow::SchemaPtr key_schema_;
  bool scalar_;
  AggregatePhase phase_;
};

}  // namespace ballista::physical
