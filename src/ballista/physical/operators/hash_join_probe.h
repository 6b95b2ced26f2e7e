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
///   complement a BufferSink hook (UnmatchedBuildRows) emits after the last probe;
///   semi/anti: left rows with/without a match; mark: every left row plus a boolean `mark`.
/// Keys use SQL equality: a NULL key never matches. `null_aware` (NOT IN) makes an anti join
/// return nothing when the build side has a NULL key and drop left rows with a NULL key when the
/// build side is not empty; for a mark join it makes the mark NULL instead of false in those
/// cases. May run on many tasks at once.
///
/// When the build side spilled (HashJoinBuildState::spilled), Execute only partitions its input
/// rows by key hash, as the build did, into per-task spill files, and FinalExecute (after the
/// task's last input) joins them partition by partition: it loads build partition p, builds its
/// table (reserving memory for it; a partition that does not fit is ResourcesExhausted), streams
/// the task's spilled probe rows of p through the same per-batch join, and emits the results
/// (kHaveMoreOutput while more follows). The NULL-key facts of NOT IN come from the whole build
/// side, and RIGHT/FULL joins record matches in the build state's per-partition flags.
///
/// Build-side semi and anti joins (`build_side_output`): a LEFT SEMI/ANTI join whose left input
/// is the smaller one is planned with the left input as the build side and the right input
/// streaming through this probe, which emits nothing and only marks the build rows that have a
/// match (the candidates are then probe columns followed by build columns); BuildSideRows emits
/// the marked rows (semi) or the others (anti) after the last probe. Not for null-aware joins.
class HashJoinProbe final : public exec::Operator {
 public:
  HashJoinProbe(logical::JoinType type, bool null_aware, std::vector<PhysicalExprPtr> left_keys,
                PhysicalExprPtr filter, std::shared_ptr<const HashJoinBuildSink> build,
                arrow::SchemaPtr left_schema, arrow::SchemaPtr output_schema, bool build_side_output = false);

  std::string name() const override;
  arrow::SchemaPtr output_schema() const override { return output_schema_; }
  /// Reads the finished build table (its pipeline is a dependency of this one).
  Result<std::unique_ptr<exec::GlobalOperatorState>> MakeGlobalOperatorState(
      exec::ExecContext& ctx, exec::OperatorMetrics& metrics) const override;
  Result<std::unique_ptr<exec::LocalOperatorState>> MakeLocalOperatorState(
      exec::ExecContext& ctx, exec::GlobalOperatorState& global, int task_index) const override;
  Result<exec::OperatorResult> Execute(exec::ExecContext& ctx, const arrow::RecordBatchPtr& input,
                                       exec::GlobalOperatorState& global,
                                       exec::LocalOperatorState& local,
                                       exec::OperatorOutput* out) const override;
  /// Always true; a no-op unless the build side spilled.
  bool RequiresFinalExecute() const override { return true; }
  /// Joins the task's spilled probe rows, one partition at a time.
  Result<exec::OperatorResult> FinalExecute(exec::ExecContext& ctx, exec::GlobalOperatorState& global,
                                            exec::LocalOperatorState& local,
                                            exec::OperatorOutput* out) const override;

 private:
  /// Joins `input` against `table` (all of the build side, or one partition of it); `build`
  /// supplies the facts about the whole build side. Null or empty when nothing is output.
  Result<arrow::RecordBatchPtr> ProbeBatch(const arrow::RecordBatch& input,
                                           const HashJoinTable& table,
                                           const HashJoinBuildState& build,
                                           MemoryPool* pool) const;

  /// RIGHT and FULL joins, and build-side semi/anti joins, record which build rows matched.
  bool MarksBuildRows() const;

  logical::JoinType type_;
  bool null_aware_;
  bool build_side_output_;
  std::vector<PhysicalExprPtr> left_keys_;
  PhysicalExprPtr filter_;
  std::shared_ptr<const HashJoinBuildSink> build_;
  arrow::SchemaPtr left_schema_;
  arrow::SchemaPtr candidate_schema_;
  arrow::SchemaPtr output_schema_;
};

/// The build rows no probe matched, with NULLs for the `left_columns` left columns, as a stream
/// of batches of `output_schema` (RIGHT and FULL joins). Read it after the last probe; when the
/// build side spilled it loads one partition at a time (`sink` is the build sink of `build`).
/// The reader refers to `sink` and `build`, which must outlive it.
/// The build rows of a build-side semi join that some probe row matched (`matched` true) or of a
/// build-side anti join that none did (`matched` false), as batches of `output_schema` (the build
/// side's columns). Same reading rules as UnmatchedBuildRows.
arrow::RecordBatchReaderPtr BuildSideRows(const HashJoinBuildSink& sink, const HashJoinBuildState& build,
                                          const arrow::SchemaPtr& output_schema, bool matched, MemoryPool* pool);

arrow::RecordBatchReaderPtr UnmatchedBuildRows(const HashJoinBuildSink& sink, const HashJoinBuildState& build,
                                               const arrow::SchemaPtr& output_schema, int left_columns,
                                               MemoryPool* pool);

}  // namespace ballista::physical
