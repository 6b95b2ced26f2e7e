#include "ballista/common/memory_pool.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "ballista/common/buffer.h"

namespace ballista {
namespace {

TEST(MemoryPoolTest, AllocationsAreAlignedAndCounted) {
  MemoryPool pool("test");
  uint8_t* p = nullptr;
  ASSERT_TRUE(pool.Allocate(100, &p).ok());
  EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % kBufferAlignment, 0u);
  EXPECT_EQ(pool.bytes_allocated(), 100);
  ASSERT_TRUE(pool.Reallocate(100, 1000, &p).ok());
  EXPECT_EQ(pool.bytes_allocated(), 1000);
  EXPECT_EQ(pool.peak_bytes(), 1100);  // both blocks live during the copy
  pool.Free(p, 1000);
  EXPECT_EQ(pool.bytes_allocated(), 0);
}

TEST(MemoryPoolTest, LimitRefusesWithClearError) {
  MemoryPool pool("query-1", 1000);
  uint8_t* a = nullptr;
  ASSERT_TRUE(pool.Allocate(600, &a).ok());
  uint8_t* b = nullptr;
  Status st = pool.Allocate(600, &b);
  EXPECT_EQ(st.code(), StatusCode::kResourcesExhausted);
  EXPECT_EQ(st.message(),
            "memory pool 'query-1' refused 600 bytes: 600 bytes in use of a limit of 1000 bytes");
  EXPECT_EQ(pool.bytes_allocated(), 600);  // nothing charged for the refusal
  pool.Free(a, 600);
}

TEST(MemoryPoolTest, ParentLimitAppliesToChildren) {
  MemoryPool query("query", 1000);
  MemoryPool op1("sort", MemoryPool::kUnlimited, &query);
  MemoryPool op2("join", MemoryPool::kUnlimited, &query);
  ASSERT_TRUE(op1.Reserve(700).ok());
  Status st = op2.Reserve(400);
  EXPECT_EQ(st.code(), StatusCode::kResourcesExhausted);
  EXPECT_NE(st.message().find("'query'"), std::string::npos);
  EXPECT_EQ(op2.bytes_allocated(), 0);  // child rolled back when the parent refused
  EXPECT_EQ(query.bytes_allocated(), 700);
  op1.Release(700);
  EXPECT_EQ(query.bytes_allocated(), 0);
}

TEST(MemoryPoolTest, ConcurrentReservationsNeverPassLimit) {
  MemoryPool pool("shared", 10000);
  std::atomic<int> granted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        if (pool.Reserve(7).ok()) granted.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(granted.load(), 10000 / 7);
  EXPECT_EQ(pool.bytes_allocated(), (10000 / 7) * 7);
}

TEST(BufferTest, PoolBufferGrowsZeroPadded) {
  MemoryPool pool("buffers");
  auto made = PoolBuffer::Make(10, &pool);
  ASSERT_TRUE(made.ok());
  auto buffer = std::move(made).MoveValueUnsafe();
  EXPECT_EQ(buffer->size(), 10);
  EXPECT_EQ(buffer->capacity() % kBufferAlignment, 0);
  for (int i = 0; i < buffer->capacity(); ++i) EXPECT_EQ(buffer->data()[i], 0);
  std::memset(buffer->mutable_data(), 0xAB, 10);
  ASSERT_TRUE(buffer->Resize(5000).ok());
  EXPECT_EQ(buffer->data()[9], 0xAB);
  EXPECT_EQ(buffer->data()[10], 0);
  EXPECT_EQ(buffer->data()[4999], 0);
  ASSERT_TRUE(buffer->Resize(4).ok());
  EXPECT_EQ(buffer->data()[5], 0);  // shrinking re-zeroes the tail
  buffer.reset();
  EXPECT_EQ(pool.bytes_allocated(), 0);
}

TEST(BufferTest, AllocationPastLimitFails) {
  MemoryPool pool("small", 128);
  auto made = PoolBuffer::Make(1000, &pool);
  EXPECT_EQ(made.status().code(), StatusCode::kResourcesExhausted);
}

TEST(BufferTest, SliceKeepsParentAlive) {
  std::shared_ptr<Buffer> slice;
  {
    auto whole = Buffer::FromString("hello world");
    slice = Buffer::Slice(whole, 6, 5);
  }
  EXPECT_EQ(slice->view(), "world");
  EXPECT_TRUE(Buffer::CopyOf("world")->Equals(*slice));
  EXPECT_FALSE(Buffer::CopyOf("worle")->Equals(*slice));
}

}  // namespace
}  // namespace ballista

namespace ballista {
namespace {

// A query's result buffers outlive the query's pools: freeing them afterwards must release the
// bytes from the (destroyed) pool's account and its parent's, not touch freed memory.
TEST(MemoryPoolLifetimeTest, BufferOutlivesItsPool) {
  MemoryPool parent("parent");
  std::shared_ptr<Buffer> buffer;
  {
    auto child = std::make_unique<MemoryPool>("child", MemoryPool::kUnlimited, &parent);
    auto allocated = AllocateBuffer(1000, child.get());
    ASSERT_TRUE(allocated.ok());
    buffer = *allocated;
    EXPECT_GE(parent.bytes_allocated(), 1000);
  }
  EXPECT_GE(parent.bytes_allocated(), 1000);
  buffer.reset();
  EXPECT_EQ(parent.bytes_allocated(), 0);
}

}  // namespace
}  // namespace ballista
