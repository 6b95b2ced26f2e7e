#include "ballista/exec/result_queue.h"

#include <gtest/gtest.h>

#include "exec_test_util.h"

namespace ballista::exec::testing {
namespace {

using std::chrono::milliseconds;

TEST(ResultQueueTest, FullQueueHandsOutASignalThatFiresOnPop) {
  ResultQueue queue(2);
  ResumeSignalPtr resume;
  EXPECT_TRUE(queue.TryPush(MakeBatch({1}), &resume));
  EXPECT_TRUE(queue.TryPush(MakeBatch({2}), &resume));
  EXPECT_EQ(resume, nullptr);
  EXPECT_FALSE(queue.TryPush(MakeBatch({3}), &resume));
  ASSERT_NE(resume, nullptr);
  EXPECT_FALSE(resume->notified());
  EXPECT_TRUE(queue.WaitReady(milliseconds(0)));
  EXEC_ASSIGN_OR_FAIL(auto first, queue.Pop());
  EXPECT_EQ(Values(*first), std::vector<int64_t>{1});
  EXPECT_TRUE(resume->notified());
}

TEST(ResultQueueTest, CloseOkDrainsThenEnds) {
  ResultQueue queue(4);
  ResumeSignalPtr resume;
  EXPECT_TRUE(queue.TryPush(MakeBatch({1}), &resume));
  queue.Close(Status::OK());
  EXPECT_TRUE(queue.closed());
  EXPECT_TRUE(queue.TryPush(MakeBatch({2}), &resume));  // accepted and dropped
  EXEC_ASSIGN_OR_FAIL(auto batch, queue.Pop());
  ASSERT_NE(batch, nullptr);
  EXEC_ASSIGN_OR_FAIL(auto end, queue.Pop());
  EXPECT_EQ(end, nullptr);
  EXEC_ASSIGN_OR_FAIL(auto still_end, queue.Pop());
  EXPECT_EQ(still_end, nullptr);
}

TEST(ResultQueueTest, CloseWithErrorWakesEveryone) {
  ResultQueue queue(1);
  ResumeSignalPtr resume;
  EXPECT_FALSE(queue.WaitReady(milliseconds(1)));
  EXPECT_TRUE(queue.TryPush(MakeBatch({1}), &resume));
  EXPECT_FALSE(queue.TryPush(MakeBatch({2}), &resume));
  queue.Close(Status::ExecutionError("overflow"));
  queue.Close(Status::OK());  // only the first close counts
  EXPECT_TRUE(resume->notified());
  auto popped = queue.Pop();
  EXPECT_EQ(popped.status().ToString(), "Execution error: overflow");
}

}  // namespace
}  // namespace ballista::exec::testing
