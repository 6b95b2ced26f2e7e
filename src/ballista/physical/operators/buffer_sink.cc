#include "ballista/physical/operators/buffer_sink.h"

#include <mutex>

#include "ballista/exec/memory_reservation.h"

namespace ballista::physical {
namespace {

struct BufferState final : public MaterializedSinkState {
  explicit BufferState(MemoryPool* pool) : reservation(pool) {}
  std::mutex mutex;
  int64_t skipped = 0;
  int64_t kept = 0;
  exec::MemoryReservation reservation;
};

}  // namespace

Result<std::unique_ptr<exec::GlobalSinkState>> BufferSink::MakeGlobalSinkState(
    exec::ExecContext&, exec::OperatorMetrics& metrics) const {
  return std::make_unique<BufferState>(metrics.memory_pool());
}

Result<exec::SinkResult> BufferSink::Consume(exec::ExecContext&, const arrow::RecordBatchPtr& batch,
                                             exec::GlobalSinkState& global, exec::LocalSinkState&,
                                             exec::ResumeSignalPtr*) const {
  auto& state = static_cast<BufferState&>(global);
  std::lock_guard<std::mutex> lock(state.mutex);
  if (fetch_ && state.kept >= *fetch_) return exec::SinkResult::kFinished;
  arrow::RecordBatchPtr rows = batch;
  if (state.skipped < skip_) {
    const int64_t drop = std::min(skip_ - state.skipped, rows->num_rows());
    state.skipped += drop;
    rows = rows->Slice(drop, rows->num_rows() - drop);
  }
  if (fetch_ && rows->num_rows() > *fetch_ - state.kept) rows = rows->Slice(0, *fetch_ - state.kept);
  if (rows->num_rows() > 0) {
    RETURN_NOT_OK(state.reservation.TryGrow(BatchBytes(*rows)));
    state.kept += rows->num_rows();
    state.output.push_back(std::move(rows));
  }
  if (fetch_ && state.kept >= *fetch_) return exec::SinkResult::kFinished;
  return exec::SinkResult::kNeedMoreInput;
}

Status BufferSink::Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const {
  auto& state = static_cast<BufferState&>(global);
  if (on_finalize_) RETURN_NOT_OK(on_finalize_(ctx, &state.output));
  return Status::OK();
}

}  // namespace ballista::physical
