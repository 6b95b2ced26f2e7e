#include "ballista/exec/exec_config.h"

#include <gtest/gtest.h>

#include "ballista/exec/exec_context.h"
#include "exec_test_util.h"

namespace ballista::exec::testing {
namespace {

TEST(ExecConfigTest, DefaultsAndKeys) {
  ExecConfig config;
  EXPECT_EQ(config.batch_size, 8192);
  EXPECT_GE(config.target_partitions, 1);
  EXPECT_FALSE(config.work_dir.empty());
  EXEC_ASSERT_OK(config.Validate());
  EXEC_ASSERT_OK(config.Set("execution.batch_size", "7"));
  EXEC_ASSERT_OK(config.Set("execution.target_partitions", "3"));
  EXEC_ASSERT_OK(config.Set("execution.spill_compression", "zstd"));
  EXPECT_EQ(config.batch_size, 7);
  EXPECT_EQ(config.target_partitions, 3);
  EXPECT_EQ(config.spill_compression, arrow::ipc::CompressionType::kZstd);
}

TEST(ExecConfigTest, BadKeysAndValuesAreRejected) {
  ExecConfig config;
  Status unknown = config.Set("execution.batchsize", "7");
  EXPECT_EQ(unknown.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.message().find("execution.batch_size"), std::string::npos);
  EXPECT_EQ(config.Set("execution.batch_size", "0").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(config.Set("execution.batch_size", "12x").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(config.Set("execution.target_partitions", "100000").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(config.Set("execution.spill_compression", "gzip").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(config.batch_size, 8192);  // failed sets change nothing

  config.target_partitions = 0;
  EXPECT_EQ(ExecContext::Make(config).status().code(), StatusCode::kInvalidArgument);
}

TEST(ExecContextTest, PoolNestsUnderTheParent) {
  MemoryPool session("session", 100);
  ExecConfig config;
  config.memory_limit = 80;
  EXEC_ASSIGN_OR_FAIL(auto ctx, ExecContext::Make(config, &session, "query 42"));
  EXPECT_EQ(ctx->batch_size(), 8192);
  EXPECT_EQ(ctx->memory_pool()->name(), "query 42");
  EXPECT_EQ(ctx->memory_pool()->parent(), &session);
  Status refused = ctx->memory_pool()->Reserve(90);
  EXPECT_NE(refused.message().find("query 42"), std::string::npos);
  EXEC_ASSERT_OK(ctx->memory_pool()->Reserve(50));
  EXPECT_EQ(session.bytes_allocated(), 50);
  ctx->memory_pool()->Release(50);
}

}  // namespace
}  // namespace ballista::exec::testing
