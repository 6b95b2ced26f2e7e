// SpillManager round trips and clean-up, and a sink that spills under a memory limit.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ballista/common/thread_pool.h"
#include "ballista/exec/spill_manager.h"
#include "exec_test_util.h"

namespace ballista::exec::testing {
namespace {

namespace fs = std::filesystem;

/// A fresh work dir under the system temp dir, removed at the end of the test.
class SpillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    work_dir_ = (fs::temp_directory_path() /
                 ("ballista-exec-spill-test-" +
                  std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                    .string();
    fs::remove_all(work_dir_);
    fs::create_directories(work_dir_);
  }
  void TearDown() override { fs::remove_all(work_dir_); }

  int64_t FilesUnderWorkDir() const {
    int64_t count = 0;
    for (const auto& entry : fs::recursive_directory_iterator(work_dir_)) {
      if (entry.is_regular_file()) ++count;
    }
    return count;
  }

  std::string work_dir_;
};

TEST_F(SpillTest, RoundTripInWriteOrder) {
  for (auto codec : {arrow::ipc::CompressionType::kNone, arrow::ipc::CompressionType::kLz4Frame,
                     arrow::ipc::CompressionType::kZstd}) {
    SpillManager spill(work_dir_, codec);
    MemoryPool pool("test");
    OperatorMetrics metrics("Sort", &pool);
    auto batches = MakeRangeBatches(5, 1000);
    EXEC_ASSIGN_OR_FAIL(auto file, spill.SpillBatches(TestSchema(), batches, "Sort", &metrics));
    EXPECT_EQ(file->num_rows(), 5000);
    EXPECT_EQ(file->num_batches(), 5);
    EXPECT_GT(file->size_bytes(), 0);
    EXPECT_TRUE(fs::exists(file->path()));
    EXPECT_EQ(spill.spill_files(), 1);
    EXPECT_EQ(spill.spilled_bytes(), file->size_bytes());
    EXPECT_EQ(metrics.spill_files(), 1);
    EXPECT_EQ(metrics.spilled_bytes(), file->size_bytes());

    EXEC_ASSIGN_OR_FAIL(auto reader, file->OpenReader());
    EXPECT_TRUE(reader->schema()->Equals(*TestSchema()));
    EXEC_ASSIGN_OR_FAIL(auto read, reader->ReadAll());
    ASSERT_EQ(read.size(), 5u);
    for (size_t i = 0; i < read.size(); ++i) EXPECT_EQ(Values(*read[i]), Values(*batches[i]));
  }
}

TEST_F(SpillTest, CompressionShrinksRepetitiveData) {
  SpillManager plain(work_dir_);
  SpillManager compressed(work_dir_, arrow::ipc::CompressionType::kLz4Frame);
  std::vector<arrow::RecordBatchPtr> batches{MakeBatch(std::vector<int64_t>(10000, 7))};
  EXEC_ASSIGN_OR_FAIL(auto a, plain.SpillBatches(TestSchema(), batches, "x"));
  EXEC_ASSIGN_OR_FAIL(auto b, compressed.SpillBatches(TestSchema(), batches, "x"));
  EXPECT_LT(b->size_bytes() * 10, a->size_bytes());
}

TEST_F(SpillTest, FileIsDeletedWithItsLastReference) {
  SpillManager spill(work_dir_);
  EXEC_ASSIGN_OR_FAIL(auto file, spill.SpillBatches(TestSchema(), MakeRangeBatches(1, 10), "Agg"));
  const std::string path = file->path();
  EXEC_ASSIGN_OR_FAIL(auto reader, file->OpenReader());
  file.reset();
  EXPECT_TRUE(fs::exists(path));  // the open reader keeps it
  EXEC_ASSIGN_OR_FAIL(auto read, reader->ReadAll());
  EXPECT_EQ(RowsAll(read), 10);
  reader.reset();
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(spill.live_files(), 0);
  EXPECT_EQ(spill.spill_files(), 1);
}

TEST_F(SpillTest, AbandonedWriterLeavesNothing) {
  SpillManager spill(work_dir_);
  {
    EXEC_ASSIGN_OR_FAIL(auto writer, spill.CreateWriter(TestSchema(), "Join"));
    EXEC_ASSERT_OK(writer->Write(*MakeRangeBatch(0, 100)));
    EXPECT_GT(writer->bytes_written(), 0);
    EXPECT_EQ(spill.live_files(), 1);
    EXPECT_EQ(FilesUnderWorkDir(), 1);
  }  // an error path: the writer is dropped unfinished
  EXPECT_EQ(spill.live_files(), 0);
  EXPECT_EQ(FilesUnderWorkDir(), 0);
  EXPECT_EQ(spill.spill_files(), 0);
}

TEST_F(SpillTest, ManagerRemovesItsDirectoryEvenWithFilesAlive) {
  SpillFilePtr survivor;
  std::string dir;
  {
    SpillManager spill(work_dir_);
    EXEC_ASSIGN_OR_FAIL(survivor,
                        spill.SpillBatches(TestSchema(), MakeRangeBatches(2, 10), "Sort"));
    EXEC_ASSIGN_OR_FAIL(auto other,
                        spill.SpillBatches(TestSchema(), MakeRangeBatches(2, 10), "Sort"));
    dir = spill.directory();
    EXPECT_EQ(spill.live_files(), 2);
    EXPECT_TRUE(fs::is_directory(dir));
  }
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_EQ(FilesUnderWorkDir(), 0);
  survivor.reset();  // deleting an already removed file is harmless
}

TEST_F(SpillTest, UncreatableWorkDirIsAnIOError) {
  const std::string blocker = work_dir_ + "/not-a-dir";
  { std::ofstream(blocker) << "x"; }
  SpillManager spill(blocker + "/sub");
  auto writer = spill.CreateWriter(TestSchema(), "Sort");
  EXPECT_EQ(writer.status().code(), StatusCode::kIOError);
}

TEST_F(SpillTest, SinkSpillsWhenItsReservationIsRefused) {
  ThreadPool pool(4);
  auto ctx = MakeContext(4, [this](ExecConfig& config) {
    config.work_dir = work_dir_;
    // Seven 1000-row int64 batches (8000 bytes each). Each of the 4 tasks holds at most two, so
    // after spilling its own a task always finds room for one more (3 * 16000 + 8000).
    config.memory_limit = 56000;
    config.spill_compression = arrow::ipc::CompressionType::kLz4Frame;
  });
  auto sink = std::make_shared<SpillingSink>(/*max_local_bytes=*/16000);
  PipelineGraph graph;
  graph.AddPipeline(
      MakePipeline(std::make_shared<VectorSource>(MakeRangeBatches(100, 1000), 4), {}, sink));
  EXEC_ASSIGN_OR_FAIL(auto execution, QueryExecution::Start(ctx, std::move(graph), &pool));
  ASSERT_TRUE(execution->WaitFor(kWaitBound));
  EXEC_ASSERT_OK(execution->status());
  EXEC_ASSIGN_OR_FAIL(int64_t sum, SpillingSink::FinishedSum(*ctx, *sink));
  EXPECT_EQ(sum, 100000LL * 99999 / 2);

  EXPECT_GT(ctx->spill_manager().spill_files(), 0);
  EXPECT_LE(ctx->memory_pool()->peak_bytes(), 56000);
  bool found = false;
  for (const auto& m : ctx->metrics().Snapshot()) {
    if (m.name != "SpillingCollect") continue;
    found = true;
    EXPECT_EQ(m.spill_files, ctx->spill_manager().spill_files());
    EXPECT_EQ(m.spilled_bytes, ctx->spill_manager().spilled_bytes());
    EXPECT_GT(m.peak_memory_bytes, 0);
    EXPECT_EQ(m.rows_in, 100000);
  }
  EXPECT_TRUE(found);
  EXPECT_GT(FilesUnderWorkDir(), 0);
  execution.reset();
  ctx.reset();  // the context owns the spill directory
  EXPECT_EQ(FilesUnderWorkDir(), 0);
}

TEST_F(SpillTest, CancelledSpillingQueryCleansUp) {
  ThreadPool pool(2);
  auto ctx = MakeContext(2, [this](ExecConfig& config) {
    config.work_dir = work_dir_;
    config.memory_limit = 16 * 1024;
  });
  auto sink = std::make_shared<SpillingSink>(/*max_local_bytes=*/8000);
  PipelineGraph graph;
  graph.AddPipeline(MakePipeline(std::make_shared<EndlessSource>(1000, 2), {}, sink));
  EXEC_ASSIGN_OR_FAIL(auto execution, QueryExecution::Start(ctx, std::move(graph), &pool));
  execution->Cancel();
  ASSERT_TRUE(execution->WaitFor(kWaitBound));
  EXPECT_EQ(execution->status().code(), StatusCode::kCancelled);
  execution.reset();
  // Every task's local state (its reservation and spill files) is gone with the tasks.
  EXPECT_EQ(ctx->memory_pool()->bytes_allocated(), 0);
  EXPECT_EQ(ctx->spill_manager().live_files(), 0);
  ctx.reset();
  EXPECT_EQ(FilesUnderWorkDir(), 0);
}

}  // namespace
}  // namespace ballista::exec::testing
