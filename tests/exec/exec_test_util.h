#pragma once

// Generic test operators for the exec runtime: sources, streaming operators and sinks over one
// int64 column "x". They exist to exercise the driver (morsels, multi-output, early finish,
// blocking, flushing, errors, spilling), not to be fast.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/exec/memory_reservation.h"
#include "ballista/exec/operator.h"
#include "ballista/exec/pipeline.h"
#include "ballista/exec/query_execution.h"
#include "ballista/exec/sink.h"
#include "ballista/exec/source.h"

namespace ballista::exec::testing {

/// Generous bound for every wait in the tests: reaching it means a hang, not slowness.
inline constexpr std::chrono::milliseconds kWaitBound{10000};

#define EXEC_ASSERT_OK(expr)                                                \
  do {                                                                      \
    ::ballista::Status _st = ::ballista::internal::GenericToStatus((expr)); \
    ASSERT_TRUE(_st.ok()) << _st.ToString();                                \
  } while (false)

#define EXEC_ASSIGN_OR_FAIL_IMPL(tmp, lhs, rexpr)   \
  auto tmp = (rexpr);                               \
  ASSERT_TRUE(tmp.ok()) << tmp.status().ToString(); \
  lhs = std::move(tmp).MoveValueUnsafe();

#define EXEC_ASSIGN_OR_FAIL(lhs, rexpr) \
  EXEC_ASSIGN_OR_FAIL_IMPL(BALLISTA_CONCAT(_exec_result_, __COUNTER__), lhs, rexpr)

/// Schema of every test batch: one int64 column "x".
arrow::SchemaPtr TestSchema();

/// A batch of `values`.
arrow::RecordBatchPtr MakeBatch(const std::vector<int64_t>& values);
/// A batch of the values first .. first + count - 1.
arrow::RecordBatchPtr MakeRangeBatch(int64_t first, int64_t count);
/// `num_batches` batches of `rows` consecutive values starting at 0.
std::vector<arrow::RecordBatchPtr> MakeRangeBatches(int num_batches, int64_t rows);
/// The values of column 0.
std::vector<int64_t> Values(const arrow::RecordBatch& batch);
int64_t Sum(const arrow::RecordBatch& batch);
int64_t SumAll(const std::vector<arrow::RecordBatchPtr>& batches);
int64_t RowsAll(const std::vector<arrow::RecordBatchPtr>& batches);
/// Bytes of the batch's buffers (what a sink reserves for holding it).
int64_t BatchBytes(const arrow::RecordBatch& batch);

/// A context with `partitions` target partitions (plus optional tweaks).
ExecContextPtr MakeContext(int partitions, std::function<void(ExecConfig&)> tweak = nullptr);

/// Hands out pre-built batches, one per morsel, to as many tasks as `max_parallelism` allows.
class VectorSource final : public Source {
 public:
  VectorSource(std::vector<arrow::RecordBatchPtr> batches, int max_parallelism)
      : batches_(std::move(batches)), max_parallelism_(max_parallelism) {}
  std::string name() const override { return "VectorSource"; }
  arrow::SchemaPtr output_schema() const override { return TestSchema(); }
  Result<std::unique_ptr<GlobalSourceState>> MakeGlobalSourceState(
      ExecContext& ctx, OperatorMetrics& metrics) const override;
  Result<SourceResult> GetData(ExecContext& ctx, GlobalSourceState& global, LocalSourceState& local,
                               OperatorOutput* out) const override;

 private:
  std::vector<arrow::RecordBatchPtr> batches_;
  int max_parallelism_;
};

/// Emits batches of `rows` ones forever (until the pipeline stops or the query is cancelled).
/// `batches_made` counts what it produced, for tests that wait for progress.
class EndlessSource final : public Source {
 public:
  explicit EndlessSource(int64_t rows, int max_parallelism = 64)
      : rows_(rows), max_parallelism_(max_parallelism) {}
  std::string name() const override { return "EndlessSource"; }
  arrow::SchemaPtr output_schema() const override { return TestSchema(); }
  Result<std::unique_ptr<GlobalSourceState>> MakeGlobalSourceState(
      ExecContext& ctx, OperatorMetrics& metrics) const override;
  Result<SourceResult> GetData(ExecContext& ctx, GlobalSourceState& global, LocalSourceState& local,
                               OperatorOutput* out) const override;
  int64_t batches_made() const { return batches_made_.load(); }

 private:
  int64_t rows_;
  int max_parallelism_;
  mutable std::atomic<int64_t> batches_made_{0};
};

/// A stand-in for an I/O thread: runs queued jobs in order on its own thread.
class FakeIoThread {
 public:
  FakeIoThread();
  ~FakeIoThread();
  void Submit(std::function<void()> job);

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::thread thread_;
};

/// A source whose every morsel must first be "read" asynchronously: GetData requests the read and
/// returns kBlocked; the read completes on the FakeIoThread, which notifies the resume signal.
/// Reads are only answered once `gate` requests are pending at the same time, so with fewer CPU
/// threads than `gate` the query can only finish if blocked tasks give their thread back.
class AsyncSource final : public Source {
 public:
  AsyncSource(std::vector<arrow::RecordBatchPtr> batches, int max_parallelism, int gate,
              FakeIoThread* io)
      : batches_(std::move(batches)), max_parallelism_(max_parallelism), gate_(gate), io_(io) {}
  std::string name() const override { return "AsyncSource"; }
  arrow::SchemaPtr output_schema() const override { return TestSchema(); }
  Result<std::unique_ptr<GlobalSourceState>> MakeGlobalSourceState(
      ExecContext& ctx, OperatorMetrics& metrics) const override;
  Result<std::unique_ptr<LocalSourceState>> MakeLocalSourceState(ExecContext& ctx,
                                                                 GlobalSourceState& global,
                                                                 int task_index) const override;
  Result<SourceResult> GetData(ExecContext& ctx, GlobalSourceState& global, LocalSourceState& local,
                               OperatorOutput* out) const override;

 private:
  std::vector<arrow::RecordBatchPtr> batches_;
  int max_parallelism_;
  int gate_;
  FakeIoThread* io_;
};

/// Blocks on a signal that nobody ever notifies (a network peer that went silent).
class StuckSource final : public Source {
 public:
  std::string name() const override { return "StuckSource"; }
  arrow::SchemaPtr output_schema() const override { return TestSchema(); }
  Result<SourceResult> GetData(ExecContext& ctx, GlobalSourceState& global, LocalSourceState& local,
                               OperatorOutput* out) const override;
  /// Every signal handed out, so the test can check they were woken by the cancellation.
  std::vector<ResumeSignalPtr> signals() const;

 private:
  mutable std::mutex mutex_;
  mutable std::vector<ResumeSignalPtr> signals_;
};

/// x -> 2x.
class DoublingOperator final : public Operator {
 public:
  std::string name() const override { return "Double"; }
  arrow::SchemaPtr output_schema() const override { return TestSchema(); }
  Result<OperatorResult> Execute(ExecContext& ctx, const arrow::RecordBatchPtr& input,
                                 GlobalOperatorState& global, LocalOperatorState& local,
                                 OperatorOutput* out) const override;
};

/// Emits each input in slices of `chunk` rows, one per call (kHaveMoreOutput until the last).
class ChunkingOperator final : public Operator {
 public:
  explicit ChunkingOperator(int64_t chunk) : chunk_(chunk) {}
  std::string name() const override { return "Chunk"; }
  arrow::SchemaPtr output_schema() const override { return TestSchema(); }
  Result<std::unique_ptr<LocalOperatorState>> MakeLocalOperatorState(ExecContext& ctx,
                                                                     GlobalOperatorState& global,
                                                                     int task_index) const override;
  Result<OperatorResult> Execute(ExecContext& ctx, const arrow::RecordBatchPtr& input,
                                 GlobalOperatorState& global, LocalOperatorState& local,
                                 OperatorOutput* out) const override;

 private:
  int64_t chunk_;
};

/// Passes the first `limit` rows (over all tasks) and then returns kFinished.
class LimitOperator final : public Operator {
 public:
  explicit LimitOperator(int64_t limit) : limit_(limit) {}
  std::string name() const override { return "Limit"; }
  arrow::SchemaPtr output_schema() const override { return TestSchema(); }
  Result<std::unique_ptr<GlobalOperatorState>> MakeGlobalOperatorState(
      ExecContext& ctx, OperatorMetrics& metrics) const override;
  Result<OperatorResult> Execute(ExecContext& ctx, const arrow::RecordBatchPtr& input,
                                 GlobalOperatorState& global, LocalOperatorState& local,
                                 OperatorOutput* out) const override;

 private:
  int64_t limit_;
};

/// Holds back every row of its task and emits them as one batch in FinalExecute.
class CoalescingOperator final : public Operator {
 public:
  std::string name() const override { return "Coalesce"; }
  arrow::SchemaPtr output_schema() const override { return TestSchema(); }
  Result<std::unique_ptr<LocalOperatorState>> MakeLocalOperatorState(ExecContext& ctx,
                                                                     GlobalOperatorState& global,
                                                                     int task_index) const override;
  Result<OperatorResult> Execute(ExecContext& ctx, const arrow::RecordBatchPtr& input,
                                 GlobalOperatorState& global, LocalOperatorState& local,
                                 OperatorOutput* out) const override;
  bool RequiresFinalExecute() const override { return true; }
  Result<OperatorResult> FinalExecute(ExecContext& ctx, GlobalOperatorState& global,
                                      LocalOperatorState& local,
                                      OperatorOutput* out) const override;
};

/// Fails with an ExecutionError on the `fail_at`-th batch it sees (counted over all tasks).
class FailingOperator final : public Operator {
 public:
  explicit FailingOperator(int64_t fail_at) : fail_at_(fail_at) {}
  std::string name() const override { return "Failing"; }
  arrow::SchemaPtr output_schema() const override { return TestSchema(); }
  Result<std::unique_ptr<GlobalOperatorState>> MakeGlobalOperatorState(
      ExecContext& ctx, OperatorMetrics& metrics) const override;
  Result<OperatorResult> Execute(ExecContext& ctx, const arrow::RecordBatchPtr& input,
                                 GlobalOperatorState& global, LocalOperatorState& local,
                                 OperatorOutput* out) const override;

 private:
  int64_t fail_at_;
};

/// Sums x per task, combines into a global sum, and is the source of a later pipeline that
/// emits the one-row batch [sum] (an aggregation in miniature). `fail_in_finalize` makes
/// Finalize fail.
class SumSink final : public Sink, public Source {
 public:
  explicit SumSink(bool fail_in_finalize = false) : fail_in_finalize_(fail_in_finalize) {}
  std::string name() const override { return "Sum"; }
  arrow::SchemaPtr output_schema() const override { return TestSchema(); }

  Result<std::unique_ptr<GlobalSinkState>> MakeGlobalSinkState(
      ExecContext& ctx, OperatorMetrics& metrics) const override;
  Result<std::unique_ptr<LocalSinkState>> MakeLocalSinkState(ExecContext& ctx,
                                                             GlobalSinkState& global,
                                                             int task_index) const override;
  Result<SinkResult> Consume(ExecContext& ctx, const arrow::RecordBatchPtr& batch,
                             GlobalSinkState& global, LocalSinkState& local,
                             ResumeSignalPtr* resume) const override;
  Status Combine(ExecContext& ctx, GlobalSinkState& global, LocalSinkState& local) const override;
  Status Finalize(ExecContext& ctx, GlobalSinkState& global) const override;

  /// The source role reads the finalized sink state of the same object.
  Result<std::unique_ptr<GlobalSourceState>> MakeGlobalSourceState(
      ExecContext& ctx, OperatorMetrics& metrics) const override;
  Result<SourceResult> GetData(ExecContext& ctx, GlobalSourceState& global, LocalSourceState& local,
                               OperatorOutput* out) const override;

  /// Reads a finished execution's sum (the sink's published state).
  static Result<int64_t> FinishedSum(ExecContext& ctx, const SumSink& sink);
  /// Number of Combine calls of the last execution (one per task).
  int combines() const { return combines_.load(); }

 private:
  bool fail_in_finalize_;
  mutable std::atomic<int> combines_{0};
};

/// x -> x + S, where S is the finished sum of `build` (a hash join probe in miniature: an
/// operator of a later pipeline reading a sink's finalized state).
class AddSumOperator final : public Operator {
 public:
  explicit AddSumOperator(std::shared_ptr<const SumSink> build) : build_(std::move(build)) {}
  std::string name() const override { return "AddSum"; }
  arrow::SchemaPtr output_schema() const override { return TestSchema(); }
  Result<std::unique_ptr<GlobalOperatorState>> MakeGlobalOperatorState(
      ExecContext& ctx, OperatorMetrics& metrics) const override;
  Result<OperatorResult> Execute(ExecContext& ctx, const arrow::RecordBatchPtr& input,
                                 GlobalOperatorState& global, LocalOperatorState& local,
                                 OperatorOutput* out) const override;

 private:
  std::shared_ptr<const SumSink> build_;
};

/// Collects every batch under a memory reservation. Before holding more than `max_local_bytes`
/// per task, or when the reservation for the next batch is refused, it spills what the task
/// holds to one file, frees the reservation and tries again. Finalize reads the spill files back
/// and sums x over everything.
class SpillingSink final : public Sink {
 public:
  explicit SpillingSink(int64_t max_local_bytes) : max_local_bytes_(max_local_bytes) {}
  std::string name() const override { return "SpillingCollect"; }
  Result<std::unique_ptr<GlobalSinkState>> MakeGlobalSinkState(
      ExecContext& ctx, OperatorMetrics& metrics) const override;
  Result<std::unique_ptr<LocalSinkState>> MakeLocalSinkState(ExecContext& ctx,
                                                             GlobalSinkState& global,
                                                             int task_index) const override;
  Result<SinkResult> Consume(ExecContext& ctx, const arrow::RecordBatchPtr& batch,
                             GlobalSinkState& global, LocalSinkState& local,
                             ResumeSignalPtr* resume) const override;
  Status Combine(ExecContext& ctx, GlobalSinkState& global, LocalSinkState& local) const override;
  Status Finalize(ExecContext& ctx, GlobalSinkState& global) const override;

  /// Sum of x over the in-memory and spilled batches, as read back in Finalize.
  static Result<int64_t> FinishedSum(ExecContext& ctx, const SpillingSink& sink);

 private:
  int64_t max_local_bytes_;
};

/// Builds a pipeline from shared operators.
Pipeline MakePipeline(std::shared_ptr<const Source> source,
                      std::vector<std::shared_ptr<const Operator>> operators,
                      std::shared_ptr<const Sink> sink);

}  // namespace ballista::exec::testing
