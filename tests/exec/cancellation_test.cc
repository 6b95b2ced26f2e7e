// Cancellation: running, parked and not-yet-started work stops promptly and reports Cancelled.
#include "ballista/exec/cancellation.h"

#include <gtest/gtest.h>

#include <chrono>

#include "ballista/common/thread_pool.h"
#include "ballista/exec/resume_signal.h"
#include "exec_test_util.h"

namespace ballista::exec::testing {
namespace {

using std::chrono::milliseconds;

/// Much more than the 100 ms the runtime aims for, so a loaded machine cannot fail the test.
constexpr milliseconds kStopDeadline{2000};

TEST(CancellationTokenTest, FirstCancelWinsAndCallbacksRunOnce) {
  CancellationToken token;
  int calls = 0;
  uint64_t id = token.Register([&calls] { ++calls; });
  uint64_t removed = token.Register([&calls] { calls += 100; });
  token.Unregister(removed);
  EXPECT_FALSE(token.IsCancelled());
  EXPECT_TRUE(token.reason().ok());
  token.Cancel(Status::ExecutionError("first"));
  token.Cancel(Status::Cancelled("second"));
  EXPECT_TRUE(token.IsCancelled());
  EXPECT_EQ(token.reason().message(), "first");
  EXPECT_EQ(calls, 1);
  // Registering after the cancellation runs the callback at once.
  token.Register([&calls] { calls += 10; });
  EXPECT_EQ(calls, 11);
  token.Unregister(id);
}

TEST(CancellationTokenTest, OkReasonBecomesCancelled) {
  CancellationToken token;
  token.Cancel(Status::OK());
  EXPECT_EQ(token.reason().code(), StatusCode::kCancelled);
}

TEST(ResumeSignalTest, CallbacksRunOnceWhenNotified) {
  auto signal = ResumeSignal::Make();
  int calls = 0;
  signal->OnNotify([&calls] { ++calls; });
  signal->OnNotify([&calls] { calls += 10; });
  EXPECT_FALSE(signal->notified());
  signal->Notify();
  signal->Notify();
  EXPECT_TRUE(signal->notified());
  EXPECT_EQ(calls, 11);
  signal->OnNotify([&calls] { calls += 100; });  // already fired: runs now
  EXPECT_EQ(calls, 111);
}

TEST(CancellationTest, CancelStopsALongRunningPipeline) {
  ThreadPool pool(4);
  auto source = std::make_shared<EndlessSource>(1000);
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(source, {std::make_shared<DoublingOperator>()}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto execution,
                      QueryExecution::Start(MakeContext(4), std::move(graph), &pool));
  // It is running for sure once the first batch arrived.
  ASSERT_TRUE(execution->WaitReady(kWaitBound));
  EXEC_ASSIGN_OR_FAIL(auto first, execution->Next());
  ASSERT_NE(first, nullptr);

  const auto start = std::chrono::steady_clock::now();
  execution->Cancel();
  ASSERT_TRUE(execution->WaitFor(kStopDeadline)) << "tasks still running after cancel";
  const auto stopped_after = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(execution->status().code(), StatusCode::kCancelled);
  auto next = execution->Next();
  EXPECT_EQ(next.status().code(), StatusCode::kCancelled);
  // Informational only: the design goal is < 100 ms.
  std::cout << "stopped "
            << std::chrono::duration_cast<std::chrono::microseconds>(stopped_after).count()
            << " us after Cancel\n";
}

TEST(CancellationTest, CancelStopsASinkOnlyPipeline) {
  ThreadPool pool(2);
  auto source = std::make_shared<EndlessSource>(100);
  auto ctx = MakeContext(2);
  PipelineGraph graph;
  auto sum = std::make_shared<SumSink>();
  PipelineId a = graph.AddPipeline(MakePipeline(source, {}, sum));
  PipelineId b = graph.AddPipeline(MakePipeline(sum, {}, nullptr));
  EXEC_ASSERT_OK(graph.AddDependency(b, a));
  EXEC_ASSIGN_OR_FAIL(auto execution, QueryExecution::Start(ctx, std::move(graph), &pool));
  execution->Cancel(Status::Cancelled("user pressed ctrl-c"));
  ASSERT_TRUE(execution->WaitFor(kStopDeadline));
  EXPECT_EQ(execution->status().ToString(), "Cancelled: user pressed ctrl-c");
  EXPECT_EQ(sum->combines(), 0);  // no task finished its input
}

TEST(CancellationTest, CancelWakesParkedTasks) {
  ThreadPool pool(2);
  auto source = std::make_shared<StuckSource>();
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(source, {}, nullptr));
  auto ctx = MakeContext(4);
  EXEC_ASSIGN_OR_FAIL(auto execution, QueryExecution::Start(ctx, std::move(graph), &pool));
  // Nobody will ever notify the source's signals; only the cancellation can end the query.
  EXPECT_FALSE(execution->WaitFor(milliseconds(20)));
  execution->Cancel();
  ASSERT_TRUE(execution->WaitFor(kStopDeadline));
  EXPECT_EQ(execution->status().code(), StatusCode::kCancelled);
  for (const auto& signal : source->signals()) EXPECT_TRUE(signal->notified());
}

TEST(CancellationTest, CancelledContextNeverStartsWork) {
  ThreadPool pool(2);
  auto ctx = MakeContext(2);
  ctx->cancellation().Cancel(Status::Cancelled("before start"));
  auto source = std::make_shared<EndlessSource>(10);
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(source, {}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto execution, QueryExecution::Start(ctx, std::move(graph), &pool));
  ASSERT_TRUE(execution->WaitFor(kStopDeadline));
  EXPECT_EQ(execution->status().message(), "before start");
  EXPECT_EQ(source->batches_made(), 0);
}

TEST(CancellationTest, ContextTokenCancelsTheExecution) {
  ThreadPool pool(2);
  auto ctx = MakeContext(2);
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(std::make_shared<EndlessSource>(10), {}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto execution, QueryExecution::Start(ctx, std::move(graph), &pool));
  ASSERT_TRUE(execution->WaitReady(kWaitBound));
  ctx->cancellation().Cancel(Status::Cancelled("session closed"));
  ASSERT_TRUE(execution->WaitFor(kStopDeadline));
  EXPECT_EQ(execution->status().message(), "session closed");
}

TEST(CancellationTest, DroppingTheStreamCancelsTheQuery) {
  ThreadPool pool(2);
  auto ctx = MakeContext(2);
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(std::make_shared<EndlessSource>(10), {}, nullptr));
  {
    EXEC_ASSIGN_OR_FAIL(auto stream, ExecuteStream(ctx, std::move(graph), &pool));
    EXEC_ASSIGN_OR_FAIL(auto batch, stream->Next());
    ASSERT_NE(batch, nullptr);
  }  // the destructor cancels and waits for every task
  EXPECT_TRUE(ctx->IsCancelled());
  EXPECT_EQ(ctx->memory_pool()->bytes_allocated(), 0);
}

TEST(CancellationTest, CancelAfterTheEndChangesNothing) {
  ThreadPool pool(2);
  PipelineGraph graph;
  graph.AddPipeline(
      MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(3, 3), 1), {}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto execution,
                      QueryExecution::Start(MakeContext(2), std::move(graph), &pool));
  EXEC_ASSIGN_OR_FAIL(auto batches, execution->Collect());
  EXPECT_EQ(batches.size(), 3u);
  execution->Cancel();
  EXEC_ASSERT_OK(execution->status());
}

}  // namespace
}  // namespace ballista::exec::testing
