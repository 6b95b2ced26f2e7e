#include "ballista/physical/operators/sort_sink.h"

#include <mutex>

#include "ballista/exec/memory_reservation.h"
#include "ballista/physical/kernels/gather.h"
#include "ballista/physical/operators/materialized.h"

namespace ballista::physical {
namespace {

struct SortGlobalState final : public MaterializedSinkState {
  explicit SortGlobalState(MemoryPool* pool) : pool(pool) {}
  MemoryPool* pool;
  std::mutex mutex;
  std::vector<arrow::RecordBatchPtr> input;
  std::vector<exec::MemoryReservation> reservations;
};

struct SortLocalState final : public exec::LocalSinkState {
  explicit SortLocalState(MemoryPool* pool) : reservation(pool) {}
  std::vector<arrow::RecordBatchPtr> batches;
  exec::MemoryReservation reservation;
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
  return std::make_unique<SortGlobalState>(metrics.memory_pool());
}

Result<std::unique_ptr<exec::LocalSinkState>> SortSink::MakeLocalSinkState(exec::ExecContext&,
                                                                      exec::GlobalSinkState& global,
                                                                      int) const {
  return std::make_unique<SortLocalState>(static_cast<SortGlobalState&>(global).pool);
}

Result<exec::SinkResult> SortSink::Consume(exec::ExecContext&, const arrow::RecordBatchPtr& batch,
                                           exec::GlobalSinkState&, exec::LocalSinkState& local,
                                           exec::ResumeSignalPtr*) const {
  auto& l = static_cast<SortLocalState&>(local);
  RETURN_NOT_OK(l.reservation.TryGrow(BatchBytes(*batch)));
  l.batches.push_back(batch);
  return exec::SinkResult::kNeedMoreInput;
}

Status SortSink::Combine(exec::ExecContext&, exec::GlobalSinkState& global,
                         exec::LocalSinkState& local) const {
  auto& g = static_cast<SortGlobalState&>(global);
  auto& l = static_cast<SortLocalState&>(local);
  std::lock_guard<std::mutex> lock(g.mutex);
  for (auto& b : l.batches) g.input.push_back(std::move(b));
  g.reservations.push_back(std::move(l.reservation));
  return Status::OK();
}

Status SortSink::Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const {
  auto& g = static_cast<SortGlobalState&>(global);
  if (g.input.empty()) return Status::OK();
  ASSIGN_OR_RAISE(auto all, ConcatBatches(schema_, g.input, ctx.memory_pool()));
  g.input.clear();
  compute::ExecContext kctx{ctx.memory_pool()};
  std::vector<arrow::ArrayDataPtr> key_columns;
  std::vector<SortOrder> orders;
  for (const auto& key : keys_) {
    ASSIGN_OR_RAISE(auto column, EvaluateToArray(*key.expr, *all, &kctx));
    key_columns.push_back(std::move(column));
    orders.push_back(key.order);
  }
  ASSIGN_OR_RAISE(auto indices, SortIndices(key_columns, orders, all->num_rows()));
  if (fetch_ && static_cast<int64_t>(indices.size()) > *fetch_) {
    indices.resize(static_cast<size_t>(*fetch_));
  }
  ASSIGN_OR_RAISE(auto sorted, TakeBatch(all, indices.data(), static_cast<int64_t>(indices.size()),
                                         ctx.memory_pool()));
  g.output.push_back(std::move(sorted));
  return Status::OK();
}

}  // namespace ballista::physical
