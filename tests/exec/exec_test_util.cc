#include "exec_test_util.h"

#include "ballista/arrow/builder_primitive.h"
#include "ballista/common/logging.h"

namespace ballista::exec::testing {

// ---- Batches ----

arrow::SchemaPtr TestSchema() {
  static const arrow::SchemaPtr schema =
      arrow::MakeSchema({arrow::MakeField("x", arrow::Int64(), /*nullable=*/false)});
  return schema;
}

arrow::RecordBatchPtr MakeBatch(const std::vector<int64_t>& values) {
  arrow::Int64Builder builder;
  BALLISTA_CHECK(builder.AppendValues(values).ok());
  auto data = builder.Finish();
  BALLISTA_CHECK(data.ok());
  return std::make_shared<arrow::RecordBatch>(TestSchema(), static_cast<int64_t>(values.size()),
                                              std::vector<arrow::ArrayDataPtr>{*data});
}

arrow::RecordBatchPtr MakeRangeBatch(int64_t first, int64_t count) {
  std::vector<int64_t> values(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) values[static_cast<size_t>(i)] = first + i;
  return MakeBatch(values);
}

std::vector<arrow::RecordBatchPtr> MakeRangeBatches(int num_batches, int64_t rows) {
  std::vector<arrow::RecordBatchPtr> batches;
  for (int i = 0; i < num_batches; ++i) batches.push_back(MakeRangeBatch(i * rows, rows));
  return batches;
}

std::vector<int64_t> Values(const arrow::RecordBatch& batch) {
  const auto& data = *batch.column_data(0);
  const int64_t* values = data.GetValues<int64_t>(1);
  return std::vector<int64_t>(values, values + data.length);
}

int64_t Sum(const arrow::RecordBatch& batch) {
  int64_t sum = 0;
  for (int64_t v : Values(batch)) sum += v;
  return sum;
}

int64_t SumAll(const std::vector<arrow::RecordBatchPtr>& batches) {
  int64_t sum = 0;
  for (const auto& batch : batches) sum += Sum(*batch);
  return sum;
}

int64_t RowsAll(const std::vector<arrow::RecordBatchPtr>& batches) {
  int64_t rows = 0;
  for (const auto& batch : batches) rows += batch->num_rows();
  return rows;
}

int64_t BatchBytes(const arrow::RecordBatch& batch) {
  int64_t bytes = 0;
  for (const auto& column : batch.columns()) {
    for (const auto& buffer : column->buffers) bytes += buffer ? buffer->size() : 0;
  }
  return bytes;
}

ExecContextPtr MakeContext(int partitions, std::function<void(ExecConfig&)> tweak) {
  ExecConfig config;
  config.target_partitions = partitions;
  if (tweak) tweak(config);
  auto ctx = ExecContext::Make(config);
  BALLISTA_CHECK(ctx.ok());
  return *ctx;
}

Pipeline MakePipeline(std::shared_ptr<const Source> source,
                      std::vector<std::shared_ptr<const Operator>> operators,
                      std::shared_ptr<const Sink> sink) {
  return Pipeline(std::move(source), std::move(operators), std::move(sink));
}

// ---- VectorSource ----

namespace {

/// Morsels are batch indexes handed out by one atomic counter.
struct MorselCounter final : GlobalSourceState {
  MorselCounter(int64_t count, int parallelism) : count(count), parallelism(parallelism) {}
  int MaxParallelism() const override { return parallelism; }
  /// The next morsel, or -1 when all were taken.
  int64_t Take() {
    int64_t i = next.fetch_add(1);
    return i < count ? i : -1;
  }
  const int64_t count;
  const int parallelism;
  std::atomic<int64_t> next{0};
};

}  // namespace

Result<std::unique_ptr<GlobalSourceState>> VectorSource::MakeGlobalSourceState(
    ExecContext&, OperatorMetrics&) const {
  return std::make_unique<MorselCounter>(static_cast<int64_t>(batches_.size()), max_parallelism_);
}

Result<SourceResult> VectorSource::GetData(ExecContext&, GlobalSourceState& global,
                                           LocalSourceState&, OperatorOutput* out) const {
  int64_t morsel = static_cast<MorselCounter&>(global).Take();
  if (morsel < 0) return SourceResult::kFinished;
  out->batch = batches_[static_cast<size_t>(morsel)];
  return SourceResult::kHaveMoreOutput;
}

// ---- EndlessSource ----

namespace {
struct FixedParallelism final : GlobalSourceState {
  explicit FixedParallelism(int parallelism) : parallelism(parallelism) {}
  int MaxParallelism() const override { return parallelism; }
  const int parallelism;
};
}  // namespace

Result<std::unique_ptr<GlobalSourceState>> EndlessSource::MakeGlobalSourceState(
    ExecContext&, OperatorMetrics&) const {
  return std::make_unique<FixedParallelism>(max_parallelism_);
}

Result<SourceResult> EndlessSource::GetData(ExecContext&, GlobalSourceState&, LocalSourceState&,
                                            OperatorOutput* out) const {
  out->batch = MakeBatch(std::vector<int64_t>(static_cast<size_t>(rows_), 1));
  batches_made_.fetch_add(1);
  return SourceResult::kHaveMoreOutput;
}

// ---- FakeIoThread ----

FakeIoThread::FakeIoThread()
    : thread_([this] {
        std::unique_lock<std::mutex> lock(mutex_);
        while (true) {
          cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
          if (jobs_.empty()) return;
          auto job = std::move(jobs_.front());
          jobs_.pop_front();
          lock.unlock();
          job();
          lock.lock();
        }
      }) {}

FakeIoThread::~FakeIoThread() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void FakeIoThread::Submit(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  cv_.notify_all();
}

// ---- AsyncSource ----

namespace {

/// A requested read: the flag to set and the signal to fire when its batch is there. The flag is
/// shared so that a read completing after its task was cancelled touches nothing freed.
struct PendingRead {
  std::shared_ptr<std::atomic<bool>> ready;
  ResumeSignalPtr signal;
};

struct AsyncGlobal final : GlobalSourceState {
  AsyncGlobal(int64_t count, int parallelism, int gate) : morsels(count, parallelism), gate(gate) {}
  int MaxParallelism() const override { return morsels.parallelism; }
  MorselCounter morsels;
  const int gate;
  std::mutex mutex;
  /// Reads requested while the gate is closed; once it opened, reads complete as soon as they
  /// are requested.
  std::vector<PendingRead> pending;
  bool gate_open = false;
};

struct AsyncLocal final : LocalSourceState {
  int64_t morsel = -1;
  std::shared_ptr<std::atomic<bool>> ready = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace

Result<std::unique_ptr<GlobalSourceState>> AsyncSource::MakeGlobalSourceState(
    ExecContext&, OperatorMetrics&) const {
  return std::make_unique<AsyncGlobal>(static_cast<int64_t>(batches_.size()), max_parallelism_,
                                       gate_);
}

Result<std::unique_ptr<LocalSourceState>> AsyncSource::MakeLocalSourceState(ExecContext&,
                                                                            GlobalSourceState&,
                                                                            int) const {
  return std::make_unique<AsyncLocal>();
}

Result<SourceResult> AsyncSource::GetData(ExecContext&, GlobalSourceState& global_base,
                                          LocalSourceState& local_base, OperatorOutput* out) const {
  auto& global = static_cast<AsyncGlobal&>(global_base);
  auto& local = static_cast<AsyncLocal&>(local_base);
  if (local.morsel >= 0 && local.ready->load()) {
    out->batch = batches_[static_cast<size_t>(local.morsel)];
    local.morsel = -1;
    local.ready->store(false);
    return SourceResult::kHaveMoreOutput;
  }
  if (local.morsel < 0) {
    local.morsel = global.morsels.Take();
    if (local.morsel < 0) return SourceResult::kFinished;
  }
  // Request the read of local.morsel. While the gate is closed the request waits; the request
  // that makes `gate` of them pending opens it and releases them all to the I/O thread.
  PendingRead read{local.ready, ResumeSignal::Make()};
  out->resume = read.signal;
  std::vector<PendingRead> release;
  {
    std::lock_guard<std::mutex> lock(global.mutex);
    if (!global.gate_open && static_cast<int>(global.pending.size()) + 1 >= global.gate) {
      global.gate_open = true;
      release.swap(global.pending);
    }
    if (global.gate_open) {
      release.push_back(std::move(read));
    } else {
      global.pending.push_back(std::move(read));
    }
  }
  for (auto& done : release) {
    io_->Submit([done] {
      done.ready->store(true);
      done.signal->Notify();
    });
  }
  return SourceResult::kBlocked;
}

// ---- StuckSource ----

Result<SourceResult> StuckSource::GetData(ExecContext&, GlobalSourceState&, LocalSourceState&,
                                          OperatorOutput* out) const {
  auto signal = ResumeSignal::Make();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    signals_.push_back(signal);
  }
  out->resume = std::move(signal);
  return SourceResult::kBlocked;
}

std::vector<ResumeSignalPtr> StuckSource::signals() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return signals_;
}

}  // namespace ballista::exec::testing
