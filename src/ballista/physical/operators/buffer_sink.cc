#include "ballista/physical/operators/buffer_sink.h"

#include <mutex>

#include "ballista/exec/memory_reservation.h"
#include "ballista/exec/spill_manager.h"

namespace ballista::physical {
namespace {

struct BufferState final : public MaterializedSinkState {
  explicit BufferState(exec::OperatorMetrics* metrics) : metrics(metrics), reservation(metrics->memory_pool()) {}
  exec::OperatorMetrics* metrics;
  std::mutex mutex;
  int64_t skipped = 0;
  int64_t kept = 0;
  exec::MemoryReservation reservation;
  /// Rows written to disk when memory ran out; they come before `output`, in this order.
  std::vector<exec::SpillFilePtr> spilled;
};

/// The batches of several readers, one reader after the other.
class ChainedReader final : public arrow::RecordBatchReader {
 public:
  ChainedReader(arrow::SchemaPtr schema, std::vector<arrow::RecordBatchReaderPtr> readers)
      : schema_(std::move(schema)), readers_(std::move(readers)) {}
  arrow::SchemaPtr schema() const override { return schema_; }
  Result<arrow::RecordBatchPtr> Next() override {
    while (next_ < readers_.size()) {
      ASSIGN_OR_RAISE(auto batch, readers_[next_]->Next());
      if (batch) return batch;
      readers_[next_++].reset();
    }
    return arrow::RecordBatchPtr();
  }

 private:
  arrow::SchemaPtr schema_;
  std::vector<arrow::RecordBatchReaderPtr> readers_;
  size_t next_ = 0;
};

}  // namespace

Result<std::unique_ptr<exec::GlobalSinkState>> BufferSink::MakeGlobalSinkState(
    exec::ExecContext&, exec::OperatorMetrics& metrics) const {
  return std::make_unique<BufferState>(&metrics);
}

Result<exec::SinkResult> BufferSink::Consume(exec::ExecContext& ctx, const arrow::RecordBatchPtr& batch,
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
    // Under a memory limit the buffer holds at most a quarter of it, leaving the rest to the
    // operators still producing its input.
    Status reserved = state.reservation.TryResizeWithin(state.reservation.size() + BatchBytes(*rows),
                                                        ctx.config().MemoryShare(4));
    if (!reserved.ok()) {
      if (reserved.code() != StatusCode::kResourcesExhausted) return reserved;
      // Out of memory: what is held goes to disk (in order, with this batch), and the memory
      // is given back.
      state.output.push_back(rows);
      state.kept += rows->num_rows();
      ASSIGN_OR_RAISE(auto file, ctx.spill_manager().SpillBatches(rows->schema(), state.output, name_, state.metrics));
      state.spilled.push_back(std::move(file));
      state.output.clear();
      state.reservation.Free();
    } else {
      state.kept += rows->num_rows();
      state.output.push_back(std::move(rows));
    }
  }
  if (fetch_ && state.kept >= *fetch_) return exec::SinkResult::kFinished;
  return exec::SinkResult::kNeedMoreInput;
}

Status BufferSink::Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const {
  auto& state = static_cast<BufferState&>(global);
  arrow::RecordBatchReaderPtr tail;
  if (on_finalize_) {
    ASSIGN_OR_RAISE(tail, on_finalize_(ctx));
  }
  if (state.spilled.empty() && !tail) return Status::OK();
  // The spilled rows first, then those still in memory, then the hook's rows, read lazily by
  // the source.
  std::vector<arrow::RecordBatchReaderPtr> readers;
  for (const auto& file : state.spilled) {
    ASSIGN_OR_RAISE(auto reader, file->OpenReader());
    readers.push_back(std::move(reader));
  }
  const arrow::SchemaPtr schema = !state.spilled.empty() ? state.spilled.front()->schema() : tail->schema();
  if (!state.output.empty()) readers.push_back(arrow::MakeVectorReader(schema, std::move(state.output)));
  state.output.clear();
  if (tail) readers.push_back(std::move(tail));
  state.stream = std::make_shared<ChainedReader>(schema, std::move(readers));
  return Status::OK();
}

}  // namespace ballista::physical
