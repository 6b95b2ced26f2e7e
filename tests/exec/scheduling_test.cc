// Scheduling corner cases: concurrent executions on one pool, many short executions, early finish
// while operators still hold output, and graphs that cannot make progress.
#include <gtest/gtest.h>

#include "ballista/common/thread_pool.h"
#include "exec_test_util.h"

namespace ballista::exec::testing {
namespace {

int64_t ExpectedRangeSum(int64_t n) { return n * (n - 1) / 2; }

TEST(SchedulingTest, ConcurrentExecutionsShareOnePool) {
  ThreadPool pool(3);
  std::vector<std::unique_ptr<QueryExecution>> executions;
  for (int q = 0; q < 4; ++q) {
    PipelineGraph graph;
    graph.AddPipeline(MakePipeline(
        std::make_shared<VectorSource>(MakeRangeBatches(50, 100), 4),
        {std::make_shared<ChunkingOperator>(9), std::make_shared<DoublingOperator>()}, nullptr));
    EXEC_ASSIGN_OR_FAIL(
        auto execution,
        QueryExecution::Start(MakeContext(3, [](ExecConfig& c) { c.result_queue_capacity = 2; }),
                              std::move(graph), &pool));
    executions.push_back(std::move(execution));
  }
  // Read them round-robin so every execution is blocked on its reader at some point.
  std::vector<int64_t> sums(executions.size(), 0);
  std::vector<bool> done(executions.size(), false);
  size_t remaining = executions.size();
  while (remaining > 0) {
    for (size_t q = 0; q < executions.size(); ++q) {
      if (done[q]) continue;
      ASSERT_TRUE(executions[q]->WaitReady(kWaitBound));
      EXEC_ASSIGN_OR_FAIL(auto batch, executions[q]->Next());
      if (!batch) {
        done[q] = true;
        --remaining;
        continue;
      }
      sums[q] += Sum(*batch);
    }
  }
  for (size_t q = 0; q < executions.size(); ++q) {
    EXPECT_EQ(sums[q], 2 * ExpectedRangeSum(5000));
    ASSERT_TRUE(executions[q]->WaitFor(kWaitBound));
    EXEC_ASSERT_OK(executions[q]->status());
  }
}

TEST(SchedulingTest, ManyShortExecutionsInARow) {
  ThreadPool pool(4);
  FakeIoThread io;
  for (int i = 0; i < 100; ++i) {
    auto sum = std::make_shared<SumSink>();
    PipelineGraph graph;
    PipelineId a = graph.AddPipeline(
        MakePipeline(std::make_shared<AsyncSource>(MakeRangeBatches(4, 10), 4, /*gate=*/2, &io),
                     {std::make_shared<LimitOperator>(25 + i % 10)}, sum));
    PipelineId b = graph.AddPipeline(MakePipeline(sum, {}, nullptr));
    EXEC_ASSERT_OK(graph.AddDependency(b, a));
    EXEC_ASSIGN_OR_FAIL(auto execution,
                        QueryExecution::Start(MakeContext(4), std::move(graph), &pool));
    ASSERT_TRUE(execution->WaitFor(kWaitBound)) << "iteration " << i;
    EXEC_ASSERT_OK(execution->status());
    EXEC_ASSIGN_OR_FAIL(auto batches, execution->Collect());
    ASSERT_EQ(batches.size(), 1u);
  }
}

TEST(SchedulingTest, LimitDropsOutputStillHeldUpstream) {
  ThreadPool pool(2);
  PipelineGraph graph;
  graph.AddPipeline(
      MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(10, 100), 1),
                   {std::make_shared<ChunkingOperator>(3), std::make_shared<LimitOperator>(10),
                    std::make_shared<CoalescingOperator>()},
                   nullptr));
  EXEC_ASSIGN_OR_FAIL(auto execution,
                      QueryExecution::Start(MakeContext(1), std::move(graph), &pool));
  EXEC_ASSIGN_OR_FAIL(auto batches, execution->Collect());
  // The coalescer after the limit is still flushed; the chunker before it is abandoned.
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(Values(*batches[0]), (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST(SchedulingTest, PipelinesWaitingOnTheirOwnSinkAreReportedNotHung) {
  // #1 feeds the same sink as #0 but depends on #0, which only finishes when #1 has: a planner bug.
  ThreadPool pool(2);
  auto sum = std::make_shared<SumSink>();
  PipelineGraph graph;
  PipelineId a = graph.AddPipeline(
      MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(2, 2), 1), {}, sum));
  PipelineId b = graph.AddPipeline(
      MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(2, 2), 1), {}, sum));
  EXEC_ASSERT_OK(graph.AddDependency(b, a));
  EXEC_ASSIGN_OR_FAIL(auto execution,
                      QueryExecution::Start(MakeContext(2), std::move(graph), &pool));
  ASSERT_TRUE(execution->WaitFor(kWaitBound));
  EXPECT_EQ(execution->status().code(), StatusCode::kInternal);
  EXPECT_NE(execution->status().message().find("stalled"), std::string::npos);
}

TEST(SchedulingTest, FinishedSinkStateOfTheWrongTypeIsAnInternalError) {
  class OtherState final : public GlobalSinkState {};
  ThreadPool pool(1);
  auto ctx = MakeContext(1);
  auto sum = std::make_shared<SumSink>();
  PipelineGraph graph;
  graph.AddPipeline(
      MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(1, 1), 1), {}, sum));
  EXEC_ASSIGN_OR_FAIL(auto execution, QueryExecution::Start(ctx, std::move(graph), &pool));
  EXEC_ASSERT_OK(execution->Wait());
  EXPECT_TRUE(ctx->FinishedSinkStateAs<GlobalSinkState>(*sum).ok());
  EXPECT_EQ(ctx->FinishedSinkStateAs<OtherState>(*sum).status().code(), StatusCode::kInternal);
  EXEC_ASSIGN_OR_FAIL(int64_t total, SumSink::FinishedSum(*ctx, *sum));
  EXPECT_EQ(total, 0);
}

}  // namespace
}  // namespace ballista::exec::testing
