// Parallel morsel execution, multi-pipeline graphs, early finish, flushing, blocking and the
// result stream.
#include <gtest/gtest.h>

#include "ballista/common/thread_pool.h"
#include "ballista/exec/cpu_pool.h"
#include "exec_test_util.h"

namespace ballista::exec::testing {
namespace {

/// Runs `graph` to the end (bounded) and returns the result batches.
Result<std::vector<arrow::RecordBatchPtr>> RunToEnd(ExecContextPtr ctx, PipelineGraph graph,
                                                    ThreadPool* pool) {
  ASSIGN_OR_RAISE(auto execution, QueryExecution::Start(std::move(ctx), std::move(graph), pool));
  std::vector<arrow::RecordBatchPtr> batches;
  while (true) {
    if (!execution->WaitReady(kWaitBound)) return Status::Internal("no result within the bound");
    ASSIGN_OR_RAISE(auto batch, execution->Next());
    if (!batch) break;
    batches.push_back(std::move(batch));
  }
  if (!execution->WaitFor(kWaitBound)) return Status::Internal("execution did not finish");
  RETURN_NOT_OK(execution->status());
  return batches;
}

int64_t ExpectedRangeSum(int64_t n) { return n * (n - 1) / 2; }

TEST(PipelineExecutorTest, ParallelMorselsGiveTheExactSum) {
  ThreadPool pool(4);
  auto ctx = MakeContext(4);
  auto sum = std::make_shared<SumSink>();
  PipelineGraph graph;
  PipelineId build =
      graph.AddPipeline(MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(100, 1000), 8),
                                     {std::make_shared<DoublingOperator>()}, sum));
  PipelineId output = graph.AddPipeline(MakePipeline(sum, {}, nullptr));
  EXEC_ASSERT_OK(graph.AddDependency(output, build));

  EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(ctx, std::move(graph), &pool));
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(Values(*batches[0]), std::vector<int64_t>{2 * ExpectedRangeSum(100000)});
  // min(source parallelism 8, target partitions 4) tasks, each combined once.
  EXPECT_EQ(sum->combines(), 4);
}

TEST(PipelineExecutorTest, StreamsEveryBatchToTheCaller) {
  ThreadPool pool(3);
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(50, 100), 16),
                                 {std::make_shared<DoublingOperator>()}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(MakeContext(3), std::move(graph), &pool));
  EXPECT_EQ(batches.size(), 50u);
  EXPECT_EQ(RowsAll(batches), 5000);
  EXPECT_EQ(SumAll(batches), 2 * ExpectedRangeSum(5000));
}

TEST(PipelineExecutorTest, ExecuteStreamIsARecordBatchReader) {
  ThreadPool pool(2);
  PipelineGraph graph;
  graph.AddPipeline(
      MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(10, 10), 2), {}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto stream, ExecuteStream(MakeContext(2), std::move(graph), &pool));
  EXPECT_TRUE(stream->schema()->Equals(*TestSchema()));
  EXEC_ASSIGN_OR_FAIL(auto batches, stream->ReadAll());
  EXPECT_EQ(SumAll(batches), ExpectedRangeSum(100));
  EXPECT_TRUE(stream->execution().WaitFor(kWaitBound));
  EXEC_ASSERT_OK(stream->execution().status());
}

TEST(PipelineExecutorTest, ExecuteCollectRunsToTheEnd) {
  ThreadPool pool(2);
  PipelineGraph graph;
  graph.AddPipeline(
      MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(7, 3), 4), {}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto batches, ExecuteCollect(MakeContext(2), std::move(graph), &pool));
  EXPECT_EQ(RowsAll(batches), 21);
}

TEST(PipelineExecutorTest, RunsOnTheDefaultCpuPool) {
  ThreadPool* pool = DefaultCpuThreadPool();
  EXPECT_EQ(pool, DefaultCpuThreadPool());
  EXPECT_EQ(pool->num_threads(), ThreadPool::HardwareConcurrency());
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(8, 8), 8),
                                 {std::make_shared<DoublingOperator>()}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(MakeContext(8), std::move(graph), pool));
  EXPECT_EQ(SumAll(batches), 2 * ExpectedRangeSum(64));
}

TEST(PipelineExecutorTest, OperatorWithSeveralOutputsPerInput) {
  ThreadPool pool(2);
  PipelineGraph graph;
  graph.AddPipeline(
      MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(20, 100), 4),
                   {std::make_shared<ChunkingOperator>(7), std::make_shared<ChunkingOperator>(3),
                    std::make_shared<DoublingOperator>()},
                   nullptr));
  EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(MakeContext(2), std::move(graph), &pool));
  EXPECT_EQ(RowsAll(batches), 2000);
  EXPECT_EQ(SumAll(batches), 2 * ExpectedRangeSum(2000));
  // Per 100-row input: 14 chunks of 7 (+ one of 2); each 7 -> 3 of (3,3,1), the 2 -> 1.
  EXPECT_EQ(batches.size(), 20u * (14 * 3 + 1));
  for (const auto& batch : batches) EXPECT_LE(batch->num_rows(), 3);
}

TEST(PipelineExecutorTest, LimitFinishesAnEndlessSource) {
  ThreadPool pool(4);
  auto source = std::make_shared<EndlessSource>(100);
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(source, {std::make_shared<LimitOperator>(1050)}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(MakeContext(4), std::move(graph), &pool));
  EXPECT_EQ(RowsAll(batches), 1050);
}

TEST(PipelineExecutorTest, LimitStopsTheSourceEarly) {
  ThreadPool pool(2);
  auto ctx = MakeContext(1);
  auto source = std::make_shared<VectorSource>(MakeRangeBatches(1000, 100), 1);
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(source, {std::make_shared<LimitOperator>(250)}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(ctx, std::move(graph), &pool));
  EXPECT_EQ(RowsAll(batches), 250);
  EXPECT_EQ(SumAll(batches), ExpectedRangeSum(250));
  // One task: the source produced exactly the three batches the limit needed.
  bool found = false;
  for (const auto& m : ctx->metrics().Snapshot()) {
    if (m.name != "VectorSource") continue;
    found = true;
    EXPECT_EQ(m.batches_out, 3);
  }
  EXPECT_TRUE(found);
}

TEST(PipelineExecutorTest, SinkFinishedStopsThePipeline) {
  // A sink that wants only its first batch.
  class FirstBatchSink final : public Sink {
   public:
    std::string name() const override { return "FirstBatch"; }
    Result<SinkResult> Consume(ExecContext&, const arrow::RecordBatchPtr&, GlobalSinkState&,
                               LocalSinkState&, ResumeSignalPtr*) const override {
      return SinkResult::kFinished;
    }
  };
  ThreadPool pool(3);
  auto ctx = MakeContext(3);
  PipelineGraph graph;
  graph.AddPipeline(
      MakePipeline(std::make_shared<EndlessSource>(10), {}, std::make_shared<FirstBatchSink>()));
  EXEC_ASSIGN_OR_FAIL(auto execution, QueryExecution::Start(ctx, std::move(graph), &pool));
  ASSERT_TRUE(execution->WaitFor(kWaitBound));
  EXEC_ASSERT_OK(execution->status());
}

TEST(PipelineExecutorTest, FinalExecuteFlushesHeldRows) {
  ThreadPool pool(3);
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(
      std::make_shared<VectorSource>(MakeRangeBatches(40, 25), 3),
      {std::make_shared<CoalescingOperator>(), std::make_shared<DoublingOperator>()}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(MakeContext(3), std::move(graph), &pool));
  EXPECT_LE(batches.size(), 3u);  // one flush per task
  EXPECT_EQ(RowsAll(batches), 1000);
  EXPECT_EQ(SumAll(batches), 2 * ExpectedRangeSum(1000));
}

TEST(PipelineExecutorTest, LaterPipelineReadsAFinishedSink) {
  ThreadPool pool(4);
  auto build = std::make_shared<SumSink>();
  PipelineGraph graph;
  PipelineId build_id = graph.AddPipeline(MakePipeline(
      std::make_shared<VectorSource>(std::vector{MakeBatch({1, 2, 3, 4})}, 1), {}, build));
  PipelineId probe_id =
      graph.AddPipeline(MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(10, 10), 4),
                                     {std::make_shared<AddSumOperator>(build)}, nullptr));
  EXEC_ASSERT_OK(graph.AddDependency(probe_id, build_id));
  EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(MakeContext(4), std::move(graph), &pool));
  EXPECT_EQ(RowsAll(batches), 100);
  EXPECT_EQ(SumAll(batches), ExpectedRangeSum(100) + 100 * 10);
}

TEST(PipelineExecutorTest, ChainOfThreePipelines) {
  ThreadPool pool(2);
  auto first = std::make_shared<SumSink>();
  auto second = std::make_shared<SumSink>();
  PipelineGraph graph;
  PipelineId a = graph.AddPipeline(
      MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(10, 10), 4), {}, first));
  PipelineId b =
      graph.AddPipeline(MakePipeline(first, {std::make_shared<DoublingOperator>()}, second));
  PipelineId c = graph.AddPipeline(MakePipeline(second, {}, nullptr));
  EXEC_ASSERT_OK(graph.AddDependency(b, a));
  EXEC_ASSERT_OK(graph.AddDependency(c, b));
  EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(MakeContext(2), std::move(graph), &pool));
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(Values(*batches[0]), std::vector<int64_t>{2 * ExpectedRangeSum(100)});
}

TEST(PipelineExecutorTest, UnionOfPipelinesIntoOneSink) {
  ThreadPool pool(4);
  auto sum = std::make_shared<SumSink>();
  PipelineGraph graph;
  PipelineId left = graph.AddPipeline(
      MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(30, 10), 4), {}, sum));
  PipelineId right =
      graph.AddPipeline(MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(30, 10), 4),
                                     {std::make_shared<DoublingOperator>()}, sum));
  PipelineId output = graph.AddPipeline(MakePipeline(sum, {}, nullptr));
  EXEC_ASSERT_OK(graph.AddDependency(output, left));
  EXEC_ASSERT_OK(graph.AddDependency(output, right));
  EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(MakeContext(4), std::move(graph), &pool));
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(Values(*batches[0]), std::vector<int64_t>{3 * ExpectedRangeSum(300)});
  EXPECT_EQ(sum->combines(), 8);  // both pipelines' tasks combined into the one state
}

TEST(PipelineExecutorTest, SeveralResultPipelinesShareTheStream) {
  ThreadPool pool(2);
  PipelineGraph graph;
  graph.AddPipeline(
      MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(5, 10), 2), {}, nullptr));
  graph.AddPipeline(MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(5, 10), 2),
                                 {std::make_shared<DoublingOperator>()}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(MakeContext(2), std::move(graph), &pool));
  EXPECT_EQ(batches.size(), 10u);
  EXPECT_EQ(SumAll(batches), 3 * ExpectedRangeSum(50));
}

TEST(PipelineExecutorTest, EmptyInputsAndEmptyGraph) {
  ThreadPool pool(2);
  {
    auto sum = std::make_shared<SumSink>();
    PipelineGraph graph;
    PipelineId a = graph.AddPipeline(MakePipeline(
        std::make_shared<VectorSource>(std::vector<arrow::RecordBatchPtr>{}, 4), {}, sum));
    PipelineId b = graph.AddPipeline(MakePipeline(sum, {}, nullptr));
    EXEC_ASSERT_OK(graph.AddDependency(b, a));
    EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(MakeContext(2), std::move(graph), &pool));
    ASSERT_EQ(batches.size(), 1u);
    EXPECT_EQ(Values(*batches[0]), std::vector<int64_t>{0});
  }
  {
    EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(MakeContext(2), PipelineGraph(), &pool));
    EXPECT_TRUE(batches.empty());
  }
}

TEST(PipelineExecutorTest, TinyResultQueueAppliesBackpressure) {
  ThreadPool pool(4);
  auto ctx = MakeContext(4, [](ExecConfig& config) { config.result_queue_capacity = 1; });
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(200, 10), 8),
                                 {std::make_shared<ChunkingOperator>(4)}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(ctx, std::move(graph), &pool));
  EXPECT_EQ(RowsAll(batches), 2000);
  EXPECT_EQ(SumAll(batches), ExpectedRangeSum(2000));
}

TEST(PipelineExecutorTest, BlockedTasksGiveTheirThreadBack) {
  // One CPU thread and four tasks whose reads are answered only once all four are pending at
  // the same time: that happens only if a blocked task holds no thread.
  ThreadPool pool(1);
  FakeIoThread io;
  PipelineGraph graph;
  graph.AddPipeline(
      MakePipeline(std::make_shared<AsyncSource>(MakeRangeBatches(32, 10), 4, /*gate=*/4, &io),
                   {std::make_shared<DoublingOperator>()}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(MakeContext(4), std::move(graph), &pool));
  EXPECT_EQ(batches.size(), 32u);
  EXPECT_EQ(SumAll(batches), 2 * ExpectedRangeSum(320));
}

TEST(PipelineExecutorTest, BlockedOperatorResumesWithTheSameInput) {
  // Blocks on every first call for an input, then passes the input through.
  class BlockOnceOperator final : public Operator {
   public:
    explicit BlockOnceOperator(FakeIoThread* io) : io_(io) {}
    std::string name() const override { return "BlockOnce"; }
    arrow::SchemaPtr output_schema() const override { return TestSchema(); }
    Result<std::unique_ptr<LocalOperatorState>> MakeLocalOperatorState(ExecContext&,
                                                                       GlobalOperatorState&,
                                                                       int) const override {
      return std::make_unique<Flag>();
    }
    Result<OperatorResult> Execute(ExecContext&, const arrow::RecordBatchPtr& input,
                                   GlobalOperatorState&, LocalOperatorState& local,
                                   OperatorOutput* out) const override {
      auto& flag = static_cast<Flag&>(local);
      if (!flag.waited) {
        flag.waited = true;
        out->resume = ResumeSignal::Make();
        io_->Submit([signal = out->resume] { signal->Notify(); });
        return OperatorResult::kBlocked;
      }
      flag.waited = false;
      out->batch = input;
      return OperatorResult::kNeedMoreInput;
    }

   private:
    struct Flag final : LocalOperatorState {
      bool waited = false;
    };
    FakeIoThread* io_;
  };
  ThreadPool pool(2);
  FakeIoThread io;
  auto ctx = MakeContext(2);
  auto block = std::make_shared<BlockOnceOperator>(&io);
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(20, 5), 2),
                                 {std::make_shared<ChunkingOperator>(2), block}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto batches, RunToEnd(ctx, std::move(graph), &pool));
  EXPECT_EQ(RowsAll(batches), 100);
  EXPECT_EQ(SumAll(batches), ExpectedRangeSum(100));
  // Inputs are counted once even though every one was offered twice.
  for (const auto& m : ctx->metrics().Snapshot()) {
    if (m.name == "BlockOnce") {
      EXPECT_EQ(m.batches_in, 60);
      EXPECT_EQ(m.batches_out, 60);
    }
  }
}

TEST(PipelineExecutorTest, RejectsCyclesAndNullParts) {
  ThreadPool pool(1);
  auto sum = std::make_shared<SumSink>();
  PipelineGraph graph;
  PipelineId a = graph.AddPipeline(MakePipeline(sum, {}, sum));
  PipelineId b = graph.AddPipeline(MakePipeline(sum, {}, nullptr));
  EXEC_ASSERT_OK(graph.AddDependency(a, b));
  EXEC_ASSERT_OK(graph.AddDependency(b, a));
  EXPECT_EQ(graph.AddDependency(a, a).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(graph.AddDependency(a, 7).code(), StatusCode::kInvalidArgument);
  auto started = QueryExecution::Start(MakeContext(1), std::move(graph), &pool);
  ASSERT_FALSE(started.ok());
  EXPECT_NE(started.status().message().find("cycle"), std::string::npos);

  PipelineGraph null_source;
  null_source.AddPipeline(MakePipeline(nullptr, {}, nullptr));
  EXPECT_EQ(QueryExecution::Start(MakeContext(1), std::move(null_source), &pool).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(PipelineExecutorTest, GraphPrintsItsPipelines) {
  auto sum = std::make_shared<SumSink>();
  PipelineGraph graph;
  PipelineId a =
      graph.AddPipeline(MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(1, 1), 1),
                                     {std::make_shared<DoublingOperator>()}, sum));
  PipelineId b = graph.AddPipeline(MakePipeline(sum, {}, nullptr));
  EXEC_ASSERT_OK(graph.AddDependency(b, a));
  EXPECT_EQ(graph.ToString(), "#0 VectorSource -> Double -> Sum\n#1 Sum -> <result> (after #0)\n");
  EXPECT_TRUE(graph.result_schema()->Equals(*TestSchema()));
}

}  // namespace
}  // namespace ballista::exec::testing
