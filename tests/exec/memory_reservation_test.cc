#include "ballista/exec/memory_reservation.h"

#include <gtest/gtest.h>

#include "exec_test_util.h"

namespace ballista::exec::testing {
namespace {

TEST(MemoryReservationTest, GrowShrinkResizeFree) {
  MemoryPool pool("op");
  {
    MemoryReservation r(&pool);
    EXPECT_EQ(r.size(), 0);
    EXEC_ASSERT_OK(r.TryGrow(100));
    EXEC_ASSERT_OK(r.TryGrow(0));
    EXPECT_EQ(r.size(), 100);
    EXPECT_EQ(pool.bytes_allocated(), 100);
    r.Shrink(30);
    EXPECT_EQ(r.size(), 70);
    r.Shrink(1000);  // clamped
    EXPECT_EQ(r.size(), 0);
    EXEC_ASSERT_OK(r.TryResize(500));
    EXEC_ASSERT_OK(r.TryResize(200));
    EXPECT_EQ(pool.bytes_allocated(), 200);
    EXPECT_EQ(r.Free(), 200);
    EXPECT_EQ(pool.bytes_allocated(), 0);
    EXEC_ASSERT_OK(r.TryGrow(40));
    EXPECT_EQ(r.TryGrow(-1).code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.TryResize(-1).code(), StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(pool.bytes_allocated(), 0);  // the destructor released the 40 bytes
  EXPECT_EQ(pool.peak_bytes(), 500);
}

TEST(MemoryReservationTest, RefusalNamesThePoolAndChangesNothing) {
  MemoryPool query("query", 1000);
  MemoryPool op("HashJoin", MemoryPool::kUnlimited, &query);
  MemoryReservation a(&op);
  MemoryReservation b(&op);
  EXEC_ASSERT_OK(a.TryGrow(800));
  Status refused = b.TryGrow(300);
  EXPECT_EQ(refused.code(), StatusCode::kResourcesExhausted);
  EXPECT_NE(refused.message().find("'query'"), std::string::npos) << refused.ToString();
  EXPECT_EQ(b.size(), 0);
  EXPECT_EQ(op.bytes_allocated(), 800);
  EXPECT_EQ(query.bytes_allocated(), 800);
  // The refusal is the cue to spill: after giving memory back the growth succeeds.
  a.Shrink(500);
  EXEC_ASSERT_OK(b.TryGrow(300));
  Status resize_refused = a.TryResize(2000);
  EXPECT_EQ(resize_refused.code(), StatusCode::kResourcesExhausted);
  EXPECT_EQ(a.size(), 300);
}

TEST(MemoryReservationTest, MoveAndSplitKeepTheAccountingExact) {
  MemoryPool pool("op");
  MemoryReservation a(&pool);
  EXEC_ASSERT_OK(a.TryGrow(100));
  MemoryReservation part = a.Split(30);
  EXPECT_EQ(a.size(), 70);
  EXPECT_EQ(part.size(), 30);
  EXPECT_EQ(a.Split(1000).size(), 70);  // clamped, and the temporary released it at once
  EXPECT_EQ(a.size(), 0);
  EXPECT_EQ(pool.bytes_allocated(), 30);
  MemoryReservation moved(std::move(part));
  EXPECT_EQ(part.size(), 0);  // NOLINT(bugprone-use-after-move): moved-from is empty
  EXPECT_EQ(moved.size(), 30);
  MemoryReservation other(&pool);
  EXEC_ASSERT_OK(other.TryGrow(5));
  other = std::move(moved);  // frees the 5 it held
  EXPECT_EQ(other.size(), 30);
  EXPECT_EQ(pool.bytes_allocated(), 30);
  other.Free();
  EXPECT_EQ(pool.bytes_allocated(), 0);
}

TEST(MemoryReservationTest, ContextLimitAppliesToOperatorPools) {
  auto ctx = MakeContext(1, [](ExecConfig& config) { config.memory_limit = 1000; });
  OperatorMetrics* sort = ctx->metrics().ForOperator(&ctx, "Sort");
  OperatorMetrics* agg = ctx->metrics().ForOperator(&sort, "Aggregate");
  MemoryReservation a(sort->memory_pool());
  MemoryReservation b(agg->memory_pool());
  EXEC_ASSERT_OK(a.TryGrow(600));
  EXPECT_EQ(b.TryGrow(600).code(), StatusCode::kResourcesExhausted);
  EXEC_ASSERT_OK(b.TryGrow(400));
  EXPECT_EQ(ctx->memory_pool()->bytes_allocated(), 1000);
  EXPECT_EQ(sort->peak_memory_bytes(), 600);
  EXPECT_EQ(agg->peak_memory_bytes(), 400);
}

}  // namespace
}  // namespace ballista::exec::testing
