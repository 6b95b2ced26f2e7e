#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ballista/exec/operator.h"
#include "ballista/logical/plan.h"
#include "ballista/physical/operators/hash_join_build_sink.h"
#include "ballista/physical/physical_expr.h"

namespace ballista::physical {

/// The probe side of a hash join (the LEFT input streams through): looks each row's key up in
/// the finished build table, evaluates the residual filter on the candidate pairs (over the
/// left columns followed by the right columns), and emits by join type:
///   inner: matching pairs; left: pairs plus unmatched left rows padded with NULLs; right/full:
///   pairs (plus unmatched left rows for full) and marks the build rows it matched, whose
///   complement a BufferSink hook (AppendUnmatchedBuildRows) emits after the last probe;
///   semi/anti: left rows with/without a match; mark: every left row plus a boolean `mark`.
/// Keys use SQL equality: a NULL key never matches. `null_aware` (NOT IN) makes an anti join
/// return nothing when the build side has a NULL key and drop left rows with a NULL key when the
/// build side is not empty; for a mark join it makes the mark NULL instead of false in those
/// cases. Stateless per task; may run on many tasks at once.
class HashJoinProbe final : public exec::Operator {
 public:
  HashJoinProbe(logical::JoinType type, bool null_aware, std::vector<PhysicalExprPtr> left_keys,
                PhysicalExprPtr filter, std::shared_ptr<const HashJoinBuildSink> build,
                arrow::SchemaPtr left_schema, arrow::SchemaPtr output_schema);

  std::string name() const override;
  arrow::SchemaPtr output_schema() const override { return output_schema_; }
  /// Reads the finished build table (its pipeline is a dependency of this one).
  Result<std::unique_ptr<exec::GlobalOperatorState>> MakeGlobalOperatorState(
      exec::ExecContext& ctx, exec::OperatorMetrics& metrics) const override;
  Result<exec::OperatorResult> Execute(exec::ExecContext& ctx, const arrow::RecordBatchPtr& input,
                                       exec::GlobalOperatorState& global,
                                       exec::LocalOperatorState& local,
                                       exec::OperatorOutput* out) const override;

 private:
  logical::JoinType type_;
  bool null_aware_;
  std::vector<PhysicalExprPtr> left_keys_;
  PhysicalExprPtr filter_;
  std::shared_ptr<const HashJoinBuildSink> build_;
  arrow::SchemaPtr left_schema_;
  arrow::SchemaPtr candidate_schema_;
  arrow::SchemaPtr output_schema_;
};

/// The build rows no probe matched, with NULLs for the `left_columns` left columns, as batches of
/// `output_schema` (RIGHT and FULL joins).
Result<std::vector<arrow::RecordBatchPtr>> UnmatchedBuildRows(const HashJoinBuildState& build,
                                                              const arrow::SchemaPtr& output_schema,
                                                              int left_columns, MemoryPool* pool);

}  // namespace ballista::physical
