#include "ballista/common/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>

namespace ballista {
namespace {

TEST(ThreadPoolTest, RunsEveryTaskAndReturnsResults) {
  ThreadPool pool(3);
  EXPECT_EQ(pool.num_threads(), 3);
  std::atomic<int64_t> sum{0};
  for (int i = 1; i <= 1000; ++i) pool.Spawn([&sum, i] { sum.fetch_add(i); });
  pool.WaitIdle();
  EXPECT_EQ(sum.load(), 500500);
  auto future = pool.Submit([] { return 6 * 7; });
  EXPECT_EQ(future.get(), 42);
}

TEST(ThreadPoolTest, DestructorDrainsQueue) {
  std::atomic<int> done{0};
  {
    ThreadPool pool(2);
    for (int i = 0; i < 100; ++i) pool.Spawn([&done] { done.fetch_add(1); });
  }
  EXPECT_EQ(done.load(), 100);
}

TEST(ThreadPoolTest, AtLeastOneThread) {
  ThreadPool pool(0);
  EXPECT_EQ(pool.num_threads(), 1);
  EXPECT_GE(ThreadPool::HardwareConcurrency(), 1);
}

}  // namespace
}  // namespace ballista
