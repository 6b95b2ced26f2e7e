#pragma once

#include <string>
#include <vector>

#include "ballista/compute/function.h"
#include "ballista/exec/sink.h"
#include "ballista/physical/physical_expr.h"

namespace ballista::physical {

/// One aggregate call, compiled against the aggregation's input.
struct PhysicalAggregate {
  std::string display;  ///< for EXPLAIN: "sum(l_quantity)"
  compute::ResolvedAggregate resolved;
  std::vector<PhysicalExprPtr> args;
  PhysicalExprPtr filter;  ///< FILTER (WHERE ...); may be null
  bool distinct = false;
  arrow::DataTypePtr output_type;
};

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
/// even for an empty input. Memory is reserved as tables grow; a refusal is a ResourcesExhausted
/// error (no spilling yet). Ordered aggregates (`agg(x ORDER BY y)`) see rows in input order.
class HashAggregateSink final : public exec::Sink {
 public:
  HashAggregateSink(std::vector<PhysicalExprPtr> group_exprs,
                    std::vector<std::vector<int>> grouping_sets, bool emit_grouping_id,
                    std::vector<PhysicalAggregate> aggregates, arrow::SchemaPtr output_schema,
                    bool scalar);

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
  std::vector<PhysicalExprPtr> group_exprs_;
  std::vector<std::vector<int>> grouping_sets_;  ///< never empty: a plain GROUP BY is one set
  bool emit_grouping_id_;
  std::vector<PhysicalAggregate> aggregates_;
  arrow::SchemaPtr output_schema_;
  arrow::SchemaPtr key_schema_;
  bool scalar_;
};

}  // namespace ballista::physical
