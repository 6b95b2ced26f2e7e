#include "ballista/physical/operators/sort_sink.h"

#include <algorithm>
#include <mutex>

#include "ballista/exec/memory_reservation.h"
#include "ballista/physical/kernels/gather.h"
#include "ballista/physical/operators/materialized.h"
#include "ballista/physical/operators/sorted_run_merger.h"

namespace ballista::physical {
namespace {

/// Rows per batch of a spilled run (the merge holds one such batch per run).
constexpr int64_t kRunBatchRows = 8192;

struct SortGlobalState final : public MaterializedSinkState {
  explicit SortGlobalState(exec::OperatorMetrics* metrics) : metrics(metrics), pool(metrics->memory_pool()) {}
  exec::OperatorMetrics* metrics;
  MemoryPool* pool;
  std::mutex mutex;
  std::vector<arrow::RecordBatchPtr> input;
  std::vector<exec::MemoryReservation> reservations;
  std::vector<exec::SpillFilePtr> runs;  ///< sorted runs on disk, in the order they were cut
};

struct SortLocalState final : public exec::LocalSinkState {
  explicit SortLocalState(MemoryPool* pool) : reservation(pool) {}
  std::vector<arrow::RecordBatchPtr> batches;
  int64_t buffered_rows = 0;
  exec::MemoryReservation reservation;
  std::vector<exec::SpillFilePtr> runs;
};

}  // namespace

std::string SortSink::name() const {
  std::string out = fetch_ ? "TopK(fetch=" + std::to_string(*fetch_) + ", " : "Sort(";
  for (size_t i = 0; i < keys_.size(); ++i) {
    out += (i ? ", " : "") + keys_[i].expr->ToString() + (keys_[i].order.ascending ? " ASC" : " DESC") +
           (keys_[i].order.nulls_first ? " NULLS FIRST" : " NULLS LAST");
  }
  return out + ")";
}

Result<std::unique_ptr<exec::GlobalSinkState>> SortSink::MakeGlobalSinkState(
    exec::ExecContext&, exec::OperatorMetrics& metrics) const {
  return std::make_unique<SortGlobalState>(&metrics);
}

Result<std::unique_ptr<exec::LocalSinkState>> SortSink::MakeLocalSinkState(exec::ExecContext&,
                                                                      exec::GlobalSinkState& global,
                                                                      int) const {
  return std::make_unique<SortLocalState>(static_cast<SortGlobalState&>(global).pool);
}

Result<arrow::RecordBatchPtr> SortSink::SortRows(const std::vector<arrow::RecordBatchPtr>& batches,
                                                 MemoryPool* pool) const {
  // Only the key columns are concatenated; the rows are gathered once, in order, straight from
  // the buffered batches (so sorting needs one extra copy of the rows, not two).
  compute::ExecContext kctx{pool};
  std::vector<std::vector<arrow::ArrayDataPtr>> key_chunks(keys_.size());
  std::vector<int64_t> first_row;
  int64_t total = 0;
  for (const auto& batch : batches) {
    first_row.push_back(total);
    total += batch->num_rows();
    for (size_t k = 0; k < keys_.size(); ++k) {
      ASSIGN_OR_RAISE(auto column, EvaluateToArray(*keys_[k].expr, *batch, &kctx));
      key_chunks[k].push_back(std::move(column));
    }
  }
  std::vector<arrow::ArrayDataPtr> key_columns;
  std::vector<SortOrder> orders;
  for (size_t k = 0; k < keys_.size(); ++k) {
    if (key_chunks[k].size() == 1) {
      key_columns.push_back(key_chunks[k][0]);
    } else {
      ASSIGN_OR_RAISE(auto column, ConcatArrays(keys_[k].expr->type(), key_chunks[k], pool));
      key_columns.push_back(std::move(column));
    }
    orders.push_back(keys_[k].order);
  }
  ASSIGN_OR_RAISE(auto indices, SortIndices(key_columns, orders, total));
  key_columns.clear();
  key_chunks.clear();
  // Rows past the first `fetch` of any sorted subset can never be in the overall first `fetch`.
  if (fetch_ && static_cast<int64_t>(indices.size()) > *fetch_) indices.resize(static_cast<size_t>(*fetch_));
  std::vector<RowRef> refs(indices.size());
  for (size_t i = 0; i < indices.size(); ++i) {
    const auto chunk = std::upper_bound(first_row.begin(), first_row.end(), indices[i]) - first_row.begin() - 1;
    refs[i] = {static_cast<int32_t>(chunk), static_cast<uint32_t>(indices[i] - first_row[static_cast<size_t>(chunk)])};
  }
  return GatherBatch(schema_, batches, refs.data(), static_cast<int64_t>(refs.size()), pool);
}

Result<exec::SinkResult> SortSink::Consume(exec::ExecContext& ctx, const arrow::RecordBatchPtr& batch,
                                           exec::GlobalSinkState& global, exec::LocalSinkState& local,
                                           exec::ResumeSignalPtr*) const {
  auto& g = static_cast<SortGlobalState&>(global);
  auto& l = static_cast<SortLocalState&>(local);
  // Under a memory limit each task buffers at most a share of it, so that sorting a buffer
  // (which briefly needs about twice its size) and the final merge still fit.
  const int64_t budget = ctx.config().MemoryShare(4 * ctx.config().target_partitions);
  l.batches.push_back(batch);
  l.buffered_rows += batch->num_rows();
  int64_t held = l.reservation.size() + BatchBytes(*batch);
  if (fetch_ && (held > budget || l.buffered_rows > std::max<int64_t>(2 * *fetch_, 4 * ctx.batch_size()))) {
    // Top-k: only the first `fetch` rows of what is buffered can survive, so keep just those.
    // Compacting at twice the kept size keeps the work per input row constant.
    ASSIGN_OR_RAISE(auto kept, SortRows(l.batches, ctx.memory_pool()));
    l.batches.assign(1, kept);
    l.buffered_rows = kept->num_rows();
    held = BatchBytes(*kept);
  }
  Status reserved = l.reservation.TryResizeWithin(held, budget);
  if (reserved.ok()) return exec::SinkResult::kNeedMoreInput;
  if (reserved.code() != StatusCode::kResourcesExhausted) return reserved;
  // Over the memory limit: sort what this task holds into a run on disk, give the memory back,
  // and keep going. A batch that alone exceeds the limit becomes a run by itself.
  ASSIGN_OR_RAISE(auto sorted, SortRows(l.batches, ctx.memory_pool()));
  l.batches.clear();
  l.buffered_rows = 0;
  l.reservation.Free();
  std::vector<arrow::RecordBatchPtr> pieces;
  for (int64_t offset = 0; offset < sorted->num_rows(); offset += kRunBatchRows) {
    pieces.push_back(sorted->Slice(offset, std::min(kRunBatchRows, sorted->num_rows() - offset)));
  }
  ASSIGN_OR_RAISE(auto run, ctx.spill_manager().SpillBatches(schema_, pieces, "sort", g.metrics));
  l.runs.push_back(std::move(run));
  return exec::SinkResult::kNeedMoreInput;
}

Status SortSink::Combine(exec::ExecContext&, exec::GlobalSinkState& global,
                         exec::LocalSinkState& local) const {
  auto& g = static_cast<SortGlobalState&>(global);
  auto& l = static_cast<SortLocalState&>(local);
  std::lock_guard<std::mutex> lock(g.mutex);
  for (auto& b : l.batches) g.input.push_back(std::move(b));
  for (auto& r : l.runs) g.runs.push_back(std::move(r));
  g.reservations.push_back(std::move(l.reservation));
  return Status::OK();
}

Status SortSink::Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const {
  auto& g = static_cast<SortGlobalState&>(global);
  arrow::RecordBatchPtr in_memory;
  // With runs on disk the buffered rows are about to be copied into sorted order; that copy is
  // charged to the pool as it is allocated, so the buffers' reservations can go now.
  if (!g.runs.empty()) g.reservations.clear();
  if (!g.input.empty()) {
    ASSIGN_OR_RAISE(in_memory, SortRows(g.input, ctx.memory_pool()));
    g.input.clear();
  }
  if (g.runs.empty()) {
    if (in_memory) g.output.push_back(std::move(in_memory));
    return Status::OK();
  }
  // External merge: the spilled runs and the rows still in memory, merged lazily as the
  // output is read.
  std::vector<arrow::RecordBatchReaderPtr> runs;
  for (const auto& run : g.runs) {
    ASSIGN_OR_RAISE(auto reader, run->OpenReader());
    runs.push_back(std::move(reader));
  }
  if (in_memory) runs.push_back(arrow::MakeVectorReader(schema_, {in_memory}));
  std::vector<PhysicalExprPtr> exprs;
  std::vector<SortOrder> orders;
  for (const auto& key : keys_) {
    exprs.push_back(key.expr);
    orders.push_back(key.order);
  }
  g.stream = std::make_shared<SortedRunMerger>(schema_, std::move(runs), std::move(exprs), std::move(orders),
                                               ctx.batch_size(), fetch_, ctx.memory_pool());
  return Status::OK();
}

}  // namespace ballista::physical
