#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ballista/exec/sink.h"
#include "ballista/physical/kernels/row_comparator.h"
#include "ballista/physical/physical_expr.h"

namespace ballista::physical {

/// One ORDER BY key, compiled.
struct PhysicalSortKey {
  PhysicalExprPtr expr;
  SortOrder order;
};

/// ORDER BY (and top-k with `fetch`): each task buffers its input, Combine gathers the buffers,
/// Finalize sorts all rows once (stable, by the keys in order) and keeps the first `fetch` rows.
/// With `fetch`, a task whose buffer passes twice that many rows sorts it and keeps only the
/// first `fetch` (so top-k holds O(fetch) rows, not its whole input).
/// The output (a MaterializedSinkState) is emitted in order by a MaterializedSource.
/// Memory is reserved per buffered batch. When a reservation is refused (execution.memory_limit)
/// the task sorts what it holds into a run, writes the run to a spill file and frees the memory
/// (an external merge sort); Finalize then merges the runs and the rows still in memory lazily,
/// one batch per run at a time, as the MaterializedSinkState's `stream`.
class SortSink final : public exec::Sink {
 public:
  SortSink(std::vector<PhysicalSortKey> keys, arrow::SchemaPtr schema, std::optional<int64_t> fetch)
      : keys_(std::move(keys)), schema_(std::move(schema)), fetch_(fetch) {}

  std::string name() const override;
  Result<std::unique_ptr<exec::GlobalSinkState>> MakeGlobalSinkState(
      exec::ExecContext& ctx, exec::OperatorMetrics& metrics) const override;
  Result<std::unique_ptr<exec::LocalSinkState>> MakeLocalSinkState(exec::ExecContext& ctx,
                                                                exec::GlobalSinkState& global,
                                                                int task_index) const override;
  Result<exec::SinkResult> Consume(exec::ExecContext& ctx, const arrow::RecordBatchPtr& batch,
                                   exec::GlobalSinkState& global, exec::LocalSinkState& local,
                                   exec::ResumeSignalPtr* resume) const override;
  Status Combine(exec::ExecContext& ctx, exec::GlobalSinkState& global,
                 exec::LocalSinkState& local) const override;
  Status Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const override;

 private:
  /// `batches` sorted by the keys, cut to `fetch_` rows.
  Result<arrow::RecordBatchPtr> SortRows(const std::vector<arrow::RecordBatchPtr>& batches,
                                         MemoryPool* pool) const;

  std::vector<PhysicalSortKey> keys_;
  arrow::SchemaPtr schema_;
  std::optional<int64_t> fetch_;
};

}  // namespace ballista::physical
