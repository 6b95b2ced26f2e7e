#include "ballista/exec/metrics.h"

#include <gtest/gtest.h>

#include "ballista/common/thread_pool.h"
#include "exec_test_util.h"

namespace ballista::exec::testing {
namespace {

const OperatorMetricsSnapshot* Find(const std::vector<OperatorMetricsSnapshot>& all,
                                    const std::string& name) {
  for (const auto& m : all) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

TEST(MetricsTest, CountsRowsAndBatchesPerOperator) {
  ThreadPool pool(3);
  auto ctx = MakeContext(3);
  auto sum = std::make_shared<SumSink>();
  PipelineGraph graph;
  PipelineId a = graph.AddPipeline(MakePipeline(
      std::make_shared<VectorSource>(MakeRangeBatches(10, 100), 3),
      {std::make_shared<ChunkingOperator>(30), std::make_shared<DoublingOperator>()}, sum));
  PipelineId b = graph.AddPipeline(MakePipeline(sum, {}, nullptr));
  EXEC_ASSERT_OK(graph.AddDependency(b, a));
  EXEC_ASSIGN_OR_FAIL(auto execution, QueryExecution::Start(ctx, std::move(graph), &pool));
  EXEC_ASSIGN_OR_FAIL(auto batches, execution->Collect());
  ASSERT_EQ(batches.size(), 1u);

  auto all = ctx->metrics().Snapshot();
  const auto* source = Find(all, "VectorSource");
  const auto* chunk = Find(all, "Chunk");
  const auto* doubling = Find(all, "Double");
  const auto* sum_metrics = Find(all, "Sum");
  const auto* result = Find(all, "Result");
  ASSERT_TRUE(source && chunk && doubling && sum_metrics && result);
  EXPECT_EQ(source->rows_out, 1000);
  EXPECT_EQ(source->batches_out, 10);
  EXPECT_EQ(chunk->rows_in, 1000);
  EXPECT_EQ(chunk->batches_in, 10);
  EXPECT_EQ(chunk->rows_out, 1000);
  EXPECT_EQ(chunk->batches_out, 40);  // 30 + 30 + 30 + 10 per input
  EXPECT_EQ(doubling->batches_in, 40);
  EXPECT_EQ(doubling->rows_out, 1000);
  // One entry for both roles of the aggregation-like SumSink.
  EXPECT_EQ(sum_metrics->rows_in, 1000);
  EXPECT_EQ(sum_metrics->batches_in, 40);
  EXPECT_EQ(sum_metrics->rows_out, 1);
  EXPECT_EQ(result->rows_in, 1);
  EXPECT_EQ(all.size(), 5u);
  EXPECT_GT(chunk->elapsed_nanos + doubling->elapsed_nanos, 0);

  const std::string text = execution->MetricsToString();
  EXPECT_NE(text.find("Chunk: rows_in=1000 rows_out=1000 batches_in=10 batches_out=40 time="),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("spilled_bytes=0 spill_files=0"), std::string::npos) << text;
}

TEST(MetricsTest, CustomCountersAndSnapshotText) {
  MemoryPool parent("query");
  OperatorMetrics metrics("HashJoin", &parent);
  metrics.AddInput(10);
  metrics.AddOutput(4);
  metrics.AddElapsedNanos(1500000);
  metrics.AddSpill(128);
  metrics.AddCustom("build_rows", 7);
  metrics.AddCustom("build_rows", 3);
  EXEC_ASSERT_OK(metrics.memory_pool()->Reserve(64));
  metrics.memory_pool()->Release(64);
  EXPECT_EQ(parent.peak_bytes(), 64);
  EXPECT_EQ(metrics.Snapshot().ToString(),
            "HashJoin: rows_in=10 rows_out=4 batches_in=1 batches_out=1 time=1.500ms peak_mem=64 "
            "spilled_bytes=128 spill_files=1 build_rows=10");
}

TEST(MetricsTest, RegistryKeepsOneEntryPerObject) {
  MemoryPool pool("query");
  MetricsRegistry registry(&pool);
  int a = 0;
  int b = 0;
  OperatorMetrics* first = registry.ForOperator(&a, "A");
  EXPECT_EQ(registry.ForOperator(&a, "ignored"), first);
  registry.ForOperator(&b, "B");
  auto all = registry.Snapshot();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "A");
  EXPECT_EQ(all[1].name, "B");
  EXPECT_EQ(registry.ToString().find("A: rows_in=0"), 0u);
}

}  // namespace
}  // namespace ballista::exec::testing
