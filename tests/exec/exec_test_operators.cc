// Streaming operators and sinks of exec_test_util.h.
#include "ballista/exec/spill_manager.h"
#include "exec_test_util.h"

namespace ballista::exec::testing {

// ---- DoublingOperator ----

Result<OperatorResult> DoublingOperator::Execute(ExecContext&, const arrow::RecordBatchPtr& input,
                                                 GlobalOperatorState&, LocalOperatorState&,
                                                 OperatorOutput* out) const {
  std::vector<int64_t> values = Values(*input);
  for (auto& v : values) v *= 2;
  out->batch = MakeBatch(values);
  return OperatorResult::kNeedMoreInput;
}

// ---- ChunkingOperator ----

namespace {
struct ChunkPosition final : LocalOperatorState {
  int64_t offset = 0;
};
}  // namespace

Result<std::unique_ptr<LocalOperatorState>> ChunkingOperator::MakeLocalOperatorState(
    ExecContext&, GlobalOperatorState&, int) const {
  return std::make_unique<ChunkPosition>();
}

Result<OperatorResult> ChunkingOperator::Execute(ExecContext&, const arrow::RecordBatchPtr& input,
                                                 GlobalOperatorState&, LocalOperatorState& local,
                                                 OperatorOutput* out) const {
  auto& position = static_cast<ChunkPosition&>(local);
  out->batch = input->Slice(position.offset, chunk_);
  position.offset += chunk_;
  if (position.offset < input->num_rows()) return OperatorResult::kHaveMoreOutput;
  position.offset = 0;
  return OperatorResult::kNeedMoreInput;
}

// ---- LimitOperator ----

namespace {
struct RowsTaken final : GlobalOperatorState {
  std::atomic<int64_t> taken{0};
};
}  // namespace

Result<std::unique_ptr<GlobalOperatorState>> LimitOperator::MakeGlobalOperatorState(
    ExecContext&, OperatorMetrics&) const {
  return std::make_unique<RowsTaken>();
}

Result<OperatorResult> LimitOperator::Execute(ExecContext&, const arrow::RecordBatchPtr& input,
                                              GlobalOperatorState& global, LocalOperatorState&,
                                              OperatorOutput* out) const {
  auto& state = static_cast<RowsTaken&>(global);
  // Claim this batch's rows; only the part below the limit is passed on.
  const int64_t before = state.taken.fetch_add(input->num_rows());
  if (before >= limit_) return OperatorResult::kFinished;
  const int64_t keep = std::min(input->num_rows(), limit_ - before);
  out->batch = input->Slice(0, keep);
  return before + input->num_rows() >= limit_ ? OperatorResult::kFinished
                                              : OperatorResult::kNeedMoreInput;
}

// ---- CoalescingOperator ----

namespace {
struct HeldRows final : LocalOperatorState {
  std::vector<int64_t> values;
};
}  // namespace

Result<std::unique_ptr<LocalOperatorState>> CoalescingOperator::MakeLocalOperatorState(
    ExecContext&, GlobalOperatorState&, int) const {
  return std::make_unique<HeldRows>();
}

Result<OperatorResult> CoalescingOperator::Execute(ExecContext&, const arrow::RecordBatchPtr& input,
                                                   GlobalOperatorState&, LocalOperatorState& local,
                                                   OperatorOutput*) const {
  auto& held = static_cast<HeldRows&>(local);
  for (int64_t v : Values(*input)) held.values.push_back(v);
  return OperatorResult::kNeedMoreInput;
}

Result<OperatorResult> CoalescingOperator::FinalExecute(ExecContext&, GlobalOperatorState&,
                                                        LocalOperatorState& local,
                                                        OperatorOutput* out) const {
  auto& held = static_cast<HeldRows&>(local);
  if (!held.values.empty()) out->batch = MakeBatch(held.values);
  held.values.clear();
  return OperatorResult::kFinished;
}

// ---- FailingOperator ----

namespace {
struct BatchesSeen final : GlobalOperatorState {
  std::atomic<int64_t> seen{0};
};
}  // namespace

Result<std::unique_ptr<GlobalOperatorState>> FailingOperator::MakeGlobalOperatorState(
    ExecContext&, OperatorMetrics&) const {
  return std::make_unique<BatchesSeen>();
}

Result<OperatorResult> FailingOperator::Execute(ExecContext&, const arrow::RecordBatchPtr& input,
                                                GlobalOperatorState& global, LocalOperatorState&,
                                                OperatorOutput* out) const {
  if (static_cast<BatchesSeen&>(global).seen.fetch_add(1) + 1 == fail_at_) {
    return Status::ExecutionError("boom");
  }
  out->batch = input;
  return OperatorResult::kNeedMoreInput;
}

// ---- SumSink ----

namespace {

struct SumGlobal final : GlobalSinkState {
  std::mutex mutex;
  int64_t sum = 0;
  bool finalized = false;
};

struct SumLocal final : LocalSinkState {
  int64_t sum = 0;
};

/// The source side of SumSink: one morsel, the finished sum.
struct SumOutput final : GlobalSourceState {
  explicit SumOutput(int64_t sum) : sum(sum) {}
  const int64_t sum;
  std::atomic<bool> emitted{false};
};

}  // namespace

Result<std::unique_ptr<GlobalSinkState>> SumSink::MakeGlobalSinkState(ExecContext&,
                                                                      OperatorMetrics&) const {
  combines_.store(0);
  return std::make_unique<SumGlobal>();
}

Result<std::unique_ptr<LocalSinkState>> SumSink::MakeLocalSinkState(ExecContext&, GlobalSinkState&,
                                                                    int) const {
  return std::make_unique<SumLocal>();
}

Result<SinkResult> SumSink::Consume(ExecContext&, const arrow::RecordBatchPtr& batch,
                                    GlobalSinkState&, LocalSinkState& local,
                                    ResumeSignalPtr*) const {
  static_cast<SumLocal&>(local).sum += Sum(*batch);
  return SinkResult::kNeedMoreInput;
}

Status SumSink::Combine(ExecContext&, GlobalSinkState& global, LocalSinkState& local) const {
  auto& state = static_cast<SumGlobal&>(global);
  std::lock_guard<std::mutex> lock(state.mutex);
  state.sum += static_cast<SumLocal&>(local).sum;
  combines_.fetch_add(1);
  return Status::OK();
}

Status SumSink::Finalize(ExecContext&, GlobalSinkState& global) const {
  if (fail_in_finalize_) return Status::ExecutionError("finalize failed");
  auto& state = static_cast<SumGlobal&>(global);
  std::lock_guard<std::mutex> lock(state.mutex);
  state.finalized = true;
  return Status::OK();
}

Result<std::unique_ptr<GlobalSourceState>> SumSink::MakeGlobalSourceState(ExecContext& ctx,
                                                                          OperatorMetrics&) const {
  ASSIGN_OR_RAISE(int64_t sum, FinishedSum(ctx, *this));
  return std::make_unique<SumOutput>(sum);
}

Result<SourceResult> SumSink::GetData(ExecContext&, GlobalSourceState& global, LocalSourceState&,
                                      OperatorOutput* out) const {
  auto& state = static_cast<SumOutput&>(global);
  if (!state.emitted.exchange(true)) out->batch = MakeBatch({state.sum});
  return SourceResult::kFinished;
}

Result<int64_t> SumSink::FinishedSum(ExecContext& ctx, const SumSink& sink) {
  ASSIGN_OR_RAISE(SumGlobal * state, ctx.FinishedSinkStateAs<SumGlobal>(sink));
  std::lock_guard<std::mutex> lock(state->mutex);
  if (!state->finalized) return Status::Internal("sum read before Finalize");
  return state->sum;
}

// ---- AddSumOperator ----

namespace {
struct Addend final : GlobalOperatorState {
  explicit Addend(int64_t value) : value(value) {}
  const int64_t value;
};
}  // namespace

Result<std::unique_ptr<GlobalOperatorState>> AddSumOperator::MakeGlobalOperatorState(
    ExecContext& ctx, OperatorMetrics&) const {
  ASSIGN_OR_RAISE(int64_t sum, SumSink::FinishedSum(ctx, *build_));
  return std::make_unique<Addend>(sum);
}

Result<OperatorResult> AddSumOperator::Execute(ExecContext&, const arrow::RecordBatchPtr& input,
                                               GlobalOperatorState& global, LocalOperatorState&,
                                               OperatorOutput* out) const {
  std::vector<int64_t> values = Values(*input);
  for (auto& v : values) v += static_cast<Addend&>(global).value;
  out->batch = MakeBatch(values);
  return OperatorResult::kNeedMoreInput;
}

// ---- SpillingSink ----

namespace {

struct SpillingGlobal final : GlobalSinkState {
  explicit SpillingGlobal(OperatorMetrics* metrics) : metrics(metrics) {}
  OperatorMetrics* metrics;
  std::mutex mutex;
  std::vector<arrow::RecordBatchPtr> in_memory;
  std::vector<SpillFilePtr> spill_files;
  std::vector<MemoryReservation> reservations;
  int64_t sum = -1;
};

struct SpillingLocal final : LocalSinkState {
  explicit SpillingLocal(MemoryPool* pool) : reservation(pool) {}
  MemoryReservation reservation;
  std::vector<arrow::RecordBatchPtr> batches;
  std::vector<SpillFilePtr> spill_files;
};

}  // namespace

Result<std::unique_ptr<GlobalSinkState>> SpillingSink::MakeGlobalSinkState(
    ExecContext&, OperatorMetrics& metrics) const {
  return std::make_unique<SpillingGlobal>(&metrics);
}

Result<std::unique_ptr<LocalSinkState>> SpillingSink::MakeLocalSinkState(ExecContext&,
                                                                         GlobalSinkState& global,
                                                                         int) const {
  return std::make_unique<SpillingLocal>(
      static_cast<SpillingGlobal&>(global).metrics->memory_pool());
}

Result<SinkResult> SpillingSink::Consume(ExecContext& ctx, const arrow::RecordBatchPtr& batch,
                                         GlobalSinkState& global, LocalSinkState& local_base,
                                         ResumeSignalPtr*) const {
  auto& local = static_cast<SpillingLocal&>(local_base);
  OperatorMetrics* metrics = static_cast<SpillingGlobal&>(global).metrics;
  auto spill_held = [&]() -> Status {
    if (local.batches.empty()) return Status::OK();
    ASSIGN_OR_RAISE(auto file, ctx.spill_manager().SpillBatches(batch->schema(), local.batches,
                                                                name(), metrics));
    local.spill_files.push_back(std::move(file));
    local.batches.clear();
    local.reservation.Free();
    return Status::OK();
  };
  const int64_t bytes = BatchBytes(*batch);
  if (local.reservation.size() + bytes > max_local_bytes_) RETURN_NOT_OK(spill_held());
  Status reserved = local.reservation.TryGrow(bytes);
  if (!reserved.ok()) {
    if (reserved.code() != StatusCode::kResourcesExhausted) return reserved;
    // Refused: write what is held to disk, give the memory back, and try once more.
    RETURN_NOT_OK(spill_held());
    RETURN_NOT_OK(local.reservation.TryGrow(bytes));
  }
  local.batches.push_back(batch);
  return SinkResult::kNeedMoreInput;
}

Status SpillingSink::Combine(ExecContext&, GlobalSinkState& global_base,
                             LocalSinkState& local_base) const {
  auto& global = static_cast<SpillingGlobal&>(global_base);
  auto& local = static_cast<SpillingLocal&>(local_base);
  std::lock_guard<std::mutex> lock(global.mutex);
  for (auto& batch : local.batches) global.in_memory.push_back(std::move(batch));
  for (auto& file : local.spill_files) global.spill_files.push_back(std::move(file));
  global.reservations.push_back(std::move(local.reservation));
  return Status::OK();
}

Status SpillingSink::Finalize(ExecContext&, GlobalSinkState& global_base) const {
  auto& global = static_cast<SpillingGlobal&>(global_base);
  int64_t sum = SumAll(global.in_memory);
  for (const auto& file : global.spill_files) {
    ASSIGN_OR_RAISE(auto reader, file->OpenReader());
    ASSIGN_OR_RAISE(auto batches, reader->ReadAll());
    sum += SumAll(batches);
  }
  global.sum = sum;
  return Status::OK();
}

Result<int64_t> SpillingSink::FinishedSum(ExecContext& ctx, const SpillingSink& sink) {
  ASSIGN_OR_RAISE(SpillingGlobal * state, ctx.FinishedSinkStateAs<SpillingGlobal>(sink));
  return state->sum;
}

}  // namespace ballista::exec::testing
