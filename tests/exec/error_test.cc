// Errors: the first error of any operator fails the query with the operator's name, cancels the
// rest, and never hangs.
#include <gtest/gtest.h>

#include "ballista/common/thread_pool.h"
#include "exec_test_util.h"

namespace ballista::exec::testing {
namespace {

TEST(ErrorTest, OperatorErrorFailsTheQueryWithItsName) {
  ThreadPool pool(4);
  auto sum = std::make_shared<SumSink>();
  PipelineGraph graph;
  PipelineId a =
      graph.AddPipeline(MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(1000, 10), 8),
                                     {std::make_shared<FailingOperator>(50)}, sum));
  PipelineId b = graph.AddPipeline(MakePipeline(sum, {}, nullptr));
  EXEC_ASSERT_OK(graph.AddDependency(b, a));
  EXEC_ASSIGN_OR_FAIL(auto execution,
                      QueryExecution::Start(MakeContext(4), std::move(graph), &pool));
  ASSERT_TRUE(execution->WaitReady(kWaitBound));
  auto next = execution->Next();
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.status().ToString(), "Execution error: Failing: boom");
  ASSERT_TRUE(execution->WaitFor(kWaitBound));
  EXPECT_EQ(execution->status().ToString(), "Execution error: Failing: boom");
}

TEST(ErrorTest, ErrorStopsEndlessParallelWork) {
  ThreadPool pool(4);
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(
      std::make_shared<EndlessSource>(10),
      {std::make_shared<DoublingOperator>(), std::make_shared<FailingOperator>(100)}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto execution,
                      QueryExecution::Start(MakeContext(4), std::move(graph), &pool));
  auto collected = execution->Collect();
  ASSERT_FALSE(collected.ok());
  EXPECT_EQ(collected.status().message(), "Failing: boom");
  ASSERT_TRUE(execution->WaitFor(kWaitBound));
  EXPECT_EQ(execution->status().code(), StatusCode::kExecutionError);
}

TEST(ErrorTest, FinalizeErrorStopsDependentPipelines) {
  ThreadPool pool(2);
  auto sum = std::make_shared<SumSink>(/*fail_in_finalize=*/true);
  auto later = std::make_shared<EndlessSource>(1);
  PipelineGraph graph;
  PipelineId a = graph.AddPipeline(
      MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(10, 10), 2), {}, sum));
  PipelineId b = graph.AddPipeline(MakePipeline(later, {}, nullptr));
  EXEC_ASSERT_OK(graph.AddDependency(b, a));
  EXEC_ASSIGN_OR_FAIL(auto execution,
                      QueryExecution::Start(MakeContext(2), std::move(graph), &pool));
  ASSERT_TRUE(execution->WaitFor(kWaitBound));
  EXPECT_EQ(execution->status().ToString(), "Execution error: Sum: finalize failed");
  EXPECT_EQ(later->batches_made(), 0);
}

TEST(ErrorTest, StateErrorsAreReported) {
  // A source whose global state cannot be built, in a pipeline that starts later.
  class BrokenSource final : public Source {
   public:
    std::string name() const override { return "Broken"; }
    arrow::SchemaPtr output_schema() const override { return TestSchema(); }
    Result<std::unique_ptr<GlobalSourceState>> MakeGlobalSourceState(
        ExecContext&, OperatorMetrics&) const override {
      return Status::IOError("cannot open file.parquet");
    }
    Result<SourceResult> GetData(ExecContext&, GlobalSourceState&, LocalSourceState&,
                                 OperatorOutput*) const override {
      return SourceResult::kFinished;
    }
  };
  ThreadPool pool(2);
  auto sum = std::make_shared<SumSink>();
  PipelineGraph graph;
  PipelineId a = graph.AddPipeline(
      MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(4, 4), 2), {}, sum));
  PipelineId b = graph.AddPipeline(MakePipeline(std::make_shared<BrokenSource>(), {}, nullptr));
  EXEC_ASSERT_OK(graph.AddDependency(b, a));
  EXEC_ASSIGN_OR_FAIL(auto execution,
                      QueryExecution::Start(MakeContext(2), std::move(graph), &pool));
  auto collected = execution->Collect();
  EXPECT_EQ(collected.status().ToString(), "IO error: Broken: cannot open file.parquet");
}

TEST(ErrorTest, MissingDependencyIsAnInternalError) {
  // The probe reads a build that never finishes because the graph forgot the dependency.
  ThreadPool pool(2);
  auto build = std::make_shared<SumSink>();
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(std::make_shared<StuckSource>(), {}, build));
  graph.AddPipeline(MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(2, 2), 1),
                                 {std::make_shared<AddSumOperator>(build)}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto execution,
                      QueryExecution::Start(MakeContext(2), std::move(graph), &pool));
  ASSERT_TRUE(execution->WaitFor(kWaitBound));
  EXPECT_EQ(execution->status().code(), StatusCode::kInternal);
  EXPECT_NE(execution->status().message().find("AddSum: sink 'Sum' has not finished"),
            std::string::npos)
      << execution->status().ToString();
}

TEST(ErrorTest, BlockedWithoutSignalIsAnInternalError) {
  class ForgetfulSource final : public Source {
   public:
    std::string name() const override { return "Forgetful"; }
    arrow::SchemaPtr output_schema() const override { return TestSchema(); }
    Result<SourceResult> GetData(ExecContext&, GlobalSourceState&, LocalSourceState&,
                                 OperatorOutput*) const override {
      return SourceResult::kBlocked;
    }
  };
  ThreadPool pool(1);
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(std::make_shared<ForgetfulSource>(), {}, nullptr));
  EXEC_ASSIGN_OR_FAIL(auto execution,
                      QueryExecution::Start(MakeContext(1), std::move(graph), &pool));
  ASSERT_TRUE(execution->WaitFor(kWaitBound));
  EXPECT_EQ(execution->status().ToString(),
            "Internal error: Forgetful returned Blocked without a resume signal");
}

TEST(ErrorTest, SinkStateErrorFailsStart) {
  class UnbuildableSink final : public Sink {
   public:
    std::string name() const override { return "Unbuildable"; }
    Result<std::unique_ptr<GlobalSinkState>> MakeGlobalSinkState(ExecContext&,
                                                                 OperatorMetrics&) const override {
      return Status::ResourcesExhausted("no memory for the hash table");
    }
    Result<SinkResult> Consume(ExecContext&, const arrow::RecordBatchPtr&, GlobalSinkState&,
                               LocalSinkState&, ResumeSignalPtr*) const override {
      return SinkResult::kNeedMoreInput;
    }
  };
  ThreadPool pool(1);
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(1, 1), 1), {},
                                 std::make_shared<UnbuildableSink>()));
  auto started = QueryExecution::Start(MakeContext(1), std::move(graph), &pool);
  EXPECT_EQ(started.status().ToString(),
            "Resources exhausted: Unbuildable: no memory for the hash table");
}

}  // namespace
}  // namespace ballista::exec::testing
