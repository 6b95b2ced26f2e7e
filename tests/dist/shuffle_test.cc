// Shuffle files: hash partitioning (every row in exactly one partition, the one its key hash
// names), values read back equal, each partition's byte range a standalone IPC stream, the three
// codecs, empty output, spilling, commit/abort behaviour and local reads with their errors.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "ballista/arrow/ipc/io.h"
#include "ballista/arrow/ipc/reader.h"
#include "ballista/compute/hash.h"
#include "ballista/dist/in_memory_shuffle.h"
#include "ballista/dist/shuffle_reader.h"
#include "ballista/dist/shuffle_writer.h"
#include "shuffle_test_util.h"

namespace ballista::dist {
namespace {

namespace fs = std::filesystem;
namespace pb = ballista::protobuf;
using arrow::ipc::CompressionType;
using testing::RowsById;
using testing::TempDir;
using testing::TestBatch;
using testing::TestSchema;

constexpr uint32_t kPartitions = 7;
// Key columns: k (int32 with nulls) and name (utf8 with nulls).
const std::vector<int> kKeys = {1, 2};

ShuffleWriterOptions Options(const std::string& dir, CompressionType codec,
                             uint32_t partitions = kPartitions) {
  ShuffleWriterOptions options;
  options.work_dir = dir;
  options.task = {"job-1", 2, 3};
  options.num_output_partitions = partitions;
  if (partitions > 1) options.hash_columns = kKeys;
  options.compression = codec;
  return options;
}

/// Writes ids [0, rows) in batches of `batch_rows`.
Result<ShuffleWriteResult> WriteRows(const ShuffleWriterOptions& options, int64_t rows,
                                     int64_t batch_rows) {
  ASSIGN_OR_RAISE(auto writer, ShuffleWriter::Open(TestSchema(), options));
  for (int64_t start = 0; start < rows; start += batch_rows) {
    RETURN_NOT_OK(writer->Write(*TestBatch(start, std::min(batch_rows, rows - start))));
  }
  return writer->Finish();
}

pb::PartitionLocation Location(const ShuffleWriteResult& result, const ShuffleWriterOptions& o,
                               uint32_t output_partition, const std::string& executor = "exec-1") {
  pb::PartitionLocation location;
  location.set_job_id(o.task.job_id);
  location.set_stage_id(o.task.stage_id);
  location.set_map_partition(o.task.map_partition);
  location.set_output_partition(output_partition);
  location.set_executor_id(executor);
  location.set_host("127.0.0.1");
  location.set_flight_port(1);
  location.set_path(result.data_path);
  const auto& stats = result.partitions[output_partition];
  location.mutable_stats()->set_num_rows(stats.num_rows);
  location.mutable_stats()->set_num_batches(stats.num_batches);
  location.mutable_stats()->set_num_bytes(stats.num_bytes);
  return location;
}

Result<std::vector<arrow::RecordBatchPtr>> ReadLocal(std::vector<pb::PartitionLocation> locations,
                                                     arrow::SchemaPtr schema) {
  ASSIGN_OR_RAISE(auto reader, OpenShuffleReader(std::move(locations), "exec-1", schema));
  return reader->ReadAll();
}

/// The partition HashColumns + ShufflePartitionForHash give each row of `batch`.
std::vector<uint32_t> PartitionsOf(const arrow::RecordBatch& batch, std::vector<int> keys,
                                   uint32_t n) {
  std::vector<arrow::ArrayDataPtr> columns;
  for (int k : keys) columns.push_back(batch.column_data(k));
  std::vector<uint64_t> hashes(static_cast<size_t>(batch.num_rows()));
  EXPECT_TRUE(compute::HashColumns(columns, hashes.data()).ok());
  std::vector<uint32_t> out;
  for (uint64_t h : hashes) out.push_back(ShufflePartitionForHash(h, n));
  return out;
}

/// Files in the task directory (names only).
std::set<std::string> TaskFiles(const ShuffleWriterOptions& o) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(ShuffleTaskDir(o.work_dir, o.task))) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

class ShuffleCodecTest : public ::testing::TestWithParam<CompressionType> {};

TEST_P(ShuffleCodecTest, HashPartitionedRoundTrip) {
  TempDir dir;
  auto options = Options(dir.path(), GetParam());
  options.target_batch_rows = 100;
  constexpr int64_t kRows = 1500;
  auto result = WriteRows(options, kRows, 311);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->partitions.size(), kPartitions);
  EXPECT_EQ(TaskFiles(options), (std::set<std::string>{"data.arrow", "index"}));

  auto expected = RowsById({TestBatch(0, kRows)});
  std::map<int64_t, testing::TextRow> seen;
  int64_t offset = 0;
  for (uint32_t p = 0; p < kPartitions; ++p) {
    const auto& stats = result->partitions[p];
    EXPECT_EQ(stats.offset, offset);
    offset += stats.num_bytes;
    auto batches = ReadLocal({Location(*result, options, p)}, TestSchema());
    ASSERT_TRUE(batches.ok()) << batches.status().ToString();
    int64_t rows = 0;
    for (const auto& batch : *batches) {
      rows += batch->num_rows();
      // Every row is in the partition its key hash names.
      for (uint32_t q : PartitionsOf(*batch, kKeys, kPartitions)) EXPECT_EQ(q, p);
    }
    EXPECT_EQ(rows, stats.num_rows);
    EXPECT_EQ(static_cast<int64_t>(batches->size()), stats.num_batches);
    for (auto& [id, row] : RowsById(*batches)) {
      EXPECT_TRUE(seen.emplace(id, row).second) << "row " << id << " in two partitions";
    }
  }
  EXPECT_EQ(offset, static_cast<int64_t>(fs::file_size(result->data_path)));
  // Every row exactly once, with its values.
  EXPECT_EQ(seen, expected);
  // Several partitions are used (the keys spread).
  int used = 0;
  for (const auto& s : result->partitions) used += s.num_rows > 0;
  EXPECT_GE(used, 5);
}

TEST_P(ShuffleCodecTest, EachByteRangeIsAStandaloneStream) {
  TempDir dir;
  auto options = Options(dir.path(), GetParam(), 3);
  auto result = WriteRows(options, 400, 97);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  auto file = arrow::ipc::ReadableFile::Open(result->data_path);
  ASSERT_TRUE(file.ok());
  int64_t total = 0;
  for (const auto& stats : result->partitions) {
    auto bytes = (*file)->ReadAt(stats.offset, stats.num_bytes);
    ASSERT_TRUE(bytes.ok());
    auto reader = arrow::ipc::StreamReader::Open(
        std::make_unique<arrow::ipc::BufferReader>(std::move(*bytes)));
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_TRUE((*reader)->schema()->Equals(*TestSchema()));
    auto batches = (*reader)->ReadAll();
    ASSERT_TRUE(batches.ok()) << batches.status().ToString();
    int64_t rows = 0;
    for (const auto& b : *batches) rows += b->num_rows();
    EXPECT_EQ(rows, stats.num_rows);
    total += rows;
  }
  EXPECT_EQ(total, 400);
}

INSTANTIATE_TEST_SUITE_P(Codecs, ShuffleCodecTest,
                         ::testing::Values(CompressionType::kLz4Frame, CompressionType::kZstd,
                                           CompressionType::kNone),
                         [](const auto& info) {
                           return std::string(arrow::ipc::CompressionTypeName(info.param));
                         });

TEST(ShuffleTest, CompressionShrinksTheFile) {
  std::map<CompressionType, int64_t> sizes;
  for (auto codec : {CompressionType::kNone, CompressionType::kLz4Frame, CompressionType::kZstd}) {
    TempDir dir;
    auto options = Options(dir.path(), codec, 1);
    options.target_batch_rows = 4096;
    auto result = WriteRows(options, 4000, 1000);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    sizes[codec] = static_cast<int64_t>(fs::file_size(result->data_path));
  }
  EXPECT_LT(sizes[CompressionType::kLz4Frame], sizes[CompressionType::kNone]);
  EXPECT_LT(sizes[CompressionType::kZstd], sizes[CompressionType::kNone]);
}

TEST(ShuffleTest, UnpartitionedKeepsOrderAndProjects) {
  TempDir dir;
  auto options = Options(dir.path(), CompressionType::kLz4Frame, 1);
  options.output_columns = {2, 0};  // name, id
  options.target_batch_rows = 64;
  auto result = WriteRows(options, 300, 50);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  auto schema = arrow::MakeSchema({TestSchema()->field(2), TestSchema()->field(0)});
  auto batches = ReadLocal({Location(*result, options, 0)}, schema);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  int64_t next_id = 0;
  auto full = RowsById({TestBatch(0, 300)});
  for (const auto& batch : *batches) {
    ASSERT_EQ(batch->num_columns(), 2);
    EXPECT_LE(batch->num_rows(), 64 + 50);
    for (int64_t r = 0; r < batch->num_rows(); ++r, ++next_id) {
      ASSERT_EQ(batch->column_data(1)->GetValues<int64_t>(1)[r], next_id);
      std::string name =
          batch->column_data(0)->IsNull(r) ? "NULL" : arrow::FormatValue(*batch->column_data(0), r);
      EXPECT_EQ(name, full[next_id][2]);
    }
  }
  EXPECT_EQ(next_id, 300);
}

TEST(ShuffleTest, EmptyOutput) {
  TempDir dir;
  auto options = Options(dir.path(), CompressionType::kZstd, 4);
  auto writer = ShuffleWriter::Open(TestSchema(), options);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(*TestBatch(0, 0)).ok());
  auto result = (*writer)->Finish();
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->partitions.size(), 4u);
  for (uint32_t p = 0; p < 4; ++p) {
    EXPECT_EQ(result->partitions[p].num_rows, 0);
    EXPECT_EQ(result->partitions[p].num_batches, 0);
    EXPECT_GT(result->partitions[p].num_bytes, 0);  // schema + end-of-stream
    // Without a schema, the reader learns it from the (empty) stream.
    auto reader = OpenShuffleReader({Location(*result, options, p)}, "exec-1", nullptr);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_TRUE((*reader)->schema()->Equals(*TestSchema()));
    auto batch = (*reader)->Next();
    ASSERT_TRUE(batch.ok());
    EXPECT_EQ(*batch, nullptr);
  }
  // No locations at all: an empty reader of the given schema.
  auto none = ReadLocal({}, TestSchema());
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  EXPECT_FALSE(OpenShuffleReader({}, "exec-1", nullptr).ok());
}

TEST(ShuffleTest, SpillsPastTheMemoryLimitWithTheSameResult) {
  TempDir dir;
  auto options = Options(dir.path(), CompressionType::kLz4Frame);
  options.target_batch_rows = 16;
  options.partition_buffer_bytes = 2048;
  options.max_buffered_bytes = 8192;
  auto result = WriteRows(options, 2000, 128);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_GT(result->spilled_bytes, 0);
  EXPECT_EQ(TaskFiles(options), (std::set<std::string>{"data.arrow", "index"}));
  std::vector<pb::PartitionLocation> all;
  for (uint32_t p = 0; p < kPartitions; ++p) all.push_back(Location(*result, options, p));
  auto batches = ReadLocal(all, TestSchema());
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  EXPECT_EQ(RowsById(*batches), RowsById({TestBatch(0, 2000)}));
}

TEST(ShuffleTest, OutputWithinTheBudgetStaysInMemory) {
  TempDir dir;
  auto& store = InMemoryShuffleStore::Global();
  const int64_t held_before = store.bytes();
  auto options = Options(dir.path(), CompressionType::kLz4Frame);
  options.keep_in_memory = true;
  auto result = WriteRows(options, 2000, 128);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(result->in_memory);
  EXPECT_TRUE(TaskFiles(options).empty());  // no data.arrow, no index
  EXPECT_GT(store.bytes(), held_before);
  std::vector<pb::PartitionLocation> all;
  for (uint32_t p = 0; p < kPartitions; ++p) all.push_back(Location(*result, options, p));
  auto batches = ReadLocal(all, TestSchema());
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  EXPECT_EQ(RowsById(*batches), RowsById({TestBatch(0, 2000)}));
  // The job's clean-up drops it; then the partition is missing like a deleted file.
  store.RemoveUnder(dir.path() + "/job-1/");
  EXPECT_EQ(store.bytes(), held_before);
  EXPECT_FALSE(ReadLocal({Location(*result, options, 0)}, TestSchema()).ok());
}

TEST(ShuffleTest, OutputPastTheBudgetOrTheStoreGoesToFiles) {
  TempDir dir;
  auto& store = InMemoryShuffleStore::Global();
  // Spilled (past max_buffered_bytes): files, as without keep_in_memory.
  auto spilled = Options(dir.path(), CompressionType::kLz4Frame);
  spilled.keep_in_memory = true;
  spilled.target_batch_rows = 16;
  spilled.partition_buffer_bytes = 2048;
  spilled.max_buffered_bytes = 8192;
  auto result = WriteRows(spilled, 2000, 128);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->in_memory);
  EXPECT_EQ(TaskFiles(spilled), (std::set<std::string>{"data.arrow", "index"}));
  // A full store: files too, with the same rows.
  const int64_t capacity = store.capacity();
  store.SetCapacity(store.bytes());
  auto full = Options(dir.path(), CompressionType::kZstd);
  full.task.map_partition = 4;
  full.keep_in_memory = true;
  auto written = WriteRows(full, 500, 100);
  store.SetCapacity(capacity);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_FALSE(written->in_memory);
  EXPECT_EQ(TaskFiles(full), (std::set<std::string>{"data.arrow", "index"}));
  std::vector<pb::PartitionLocation> all;
  for (uint32_t p = 0; p < kPartitions; ++p) all.push_back(Location(*written, full, p));
  auto batches = ReadLocal(all, TestSchema());
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  EXPECT_EQ(RowsById(*batches), RowsById({TestBatch(0, 500)}));
}

TEST(ShuffleTest, SeveralMapOutputsReadAsOnePartition) {
  TempDir dir;
  std::vector<pb::PartitionLocation> locations;
  int64_t rows = 0;
  for (uint32_t map = 0; map < 3; ++map) {
    auto options = Options(dir.path(), CompressionType::kLz4Frame, 2);
    options.task.map_partition = map;
    auto writer = ShuffleWriter::Open(TestSchema(), options);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Write(*TestBatch(map * 1000, 200)).ok());
    auto result = (*writer)->Finish();
    ASSERT_TRUE(result.ok());
    locations.push_back(Location(*result, options, 1));
    rows += result->partitions[1].num_rows;
  }
  auto batches = ReadLocal(locations, TestSchema());
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  auto read = RowsById(*batches);
  EXPECT_EQ(static_cast<int64_t>(read.size()), rows);
  for (const auto& [id, row] : read) {
    auto one = TestBatch(id, 1);
    EXPECT_EQ(PartitionsOf(*one, kKeys, 2)[0], 1u) << "id " << id;
  }
}

TEST(ShuffleTest, AbandonedWriterLeavesNothingThatLooksDone) {
  TempDir dir;
  auto options = Options(dir.path(), CompressionType::kLz4Frame);
  options.partition_buffer_bytes = 64;  // make it spill, so there is a temporary file
  options.max_buffered_bytes = 256;
  {
    auto writer = ShuffleWriter::Open(TestSchema(), options);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Write(*TestBatch(0, 500)).ok());
    EXPECT_FALSE(TaskFiles(options).empty());
  }
  EXPECT_TRUE(TaskFiles(options).empty());
  auto missing = ReadShuffleIndex(ShuffleIndexPath(options.work_dir, options.task));
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(ShuffleTest, RerunReplacesTheOutput) {
  TempDir dir;
  auto options = Options(dir.path(), CompressionType::kNone, 2);
  ASSERT_TRUE(WriteRows(options, 100, 100).ok());
  auto second = WriteRows(options, 10, 10);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(TaskFiles(options), (std::set<std::string>{"data.arrow", "index"}));
  auto batches =
      ReadLocal({Location(*second, options, 0), Location(*second, options, 1)}, TestSchema());
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  EXPECT_EQ(RowsById(*batches), RowsById({TestBatch(0, 10)}));
}

TEST(ShuffleTest, BadOptions) {
  TempDir dir;
  auto options = Options(dir.path(), CompressionType::kNone);
  options.task.job_id = "../escape";
  EXPECT_EQ(ShuffleWriter::Open(TestSchema(), options).status().code(),
            StatusCode::kInvalidArgument);
  options = Options(dir.path(), CompressionType::kNone);
  options.hash_columns = {9};
  EXPECT_EQ(ShuffleWriter::Open(TestSchema(), options).status().code(),
            StatusCode::kInvalidArgument);
  options = Options(dir.path(), CompressionType::kNone);
  options.hash_columns.clear();
  EXPECT_EQ(ShuffleWriter::Open(TestSchema(), options).status().code(),
            StatusCode::kInvalidArgument);
  options = Options(dir.path(), CompressionType::kNone);
  options.output_columns = {0, -1};
  EXPECT_EQ(ShuffleWriter::Open(TestSchema(), options).status().code(),
            StatusCode::kInvalidArgument);
  options.num_output_partitions = 0;
  EXPECT_FALSE(ShuffleWriter::Open(TestSchema(), options).ok());
}

TEST(ShuffleTest, CodecNames) {
  EXPECT_EQ(*ParseShuffleCompressionCodec("lz4"), CompressionType::kLz4Frame);
  EXPECT_EQ(*ParseShuffleCompressionCodec("ZSTD"), CompressionType::kZstd);
  EXPECT_EQ(*ParseShuffleCompressionCodec("none"), CompressionType::kNone);
  auto bad = ParseShuffleCompressionCodec("snappy");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("ballista.shuffle.compression.codec"), std::string::npos);
  EXPECT_EQ(ShuffleWriterOptions().compression, CompressionType::kLz4Frame);
}

TEST(ShuffleTest, JobIds) {
  EXPECT_TRUE(ValidateJobId("job_1.a-B").ok());
  for (const char* bad : {"", ".", "..", "a/b", "a\\b", "a b", "x\n"}) {
    EXPECT_EQ(ValidateJobId(bad).code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_FALSE(ValidateJobId(std::string(129, 'a')).ok());
}

TEST(ShuffleTest, PartitionForHashIsStableAndSpreads) {
  // Fixed values: the function must not change between builds or processes.
  EXPECT_EQ(ShufflePartitionForHash(0, 7), ShufflePartitionForHash(0, 7));
  std::vector<int> counts(8, 0);
  for (uint64_t h = 0; h < 8000; ++h) ++counts[ShufflePartitionForHash(h << 32, 8)];
  for (int c : counts) EXPECT_GT(c, 800);
  EXPECT_EQ(ShufflePartitionForHash(12345, 1), 0u);
}

TEST(ShuffleTest, IndexFormatIsChecked) {
  ShuffleIndex index;
  index.partitions = {{0, 10, 1, 1}, {10, 5, 0, 0}};
  index.data_file_size = 15;
  std::string bytes = EncodeShuffleIndex(index);
  auto decoded = DecodeShuffleIndex(bytes, "test");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->partitions.size(), 2u);
  EXPECT_EQ(decoded->partitions[1].offset, 10);
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    EXPECT_EQ(DecodeShuffleIndex(bytes.substr(0, cut), "test").status().code(),
              StatusCode::kInvalidData);
  }
  std::string gap = bytes;
  gap[bytes.size() - 32] = 11;  // second partition's offset no longer follows the first
  EXPECT_EQ(DecodeShuffleIndex(gap, "test").status().code(), StatusCode::kInvalidData);
}

TEST(ShuffleTest, LocalFetchFailuresNameTheLocation) {
  TempDir dir;
  auto options = Options(dir.path(), CompressionType::kLz4Frame, 2);
  auto result = WriteRows(options, 50, 50);
  ASSERT_TRUE(result.ok());
  auto location = Location(*result, options, 1);
  fs::remove(result->data_path);
  auto batches = ReadLocal({location}, TestSchema());
  ASSERT_FALSE(batches.ok());
  EXPECT_EQ(batches.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(batches.status().message().rfind(kShuffleFetchFailedPrefix, 0), 0u)
      << batches.status().ToString();
  auto failure = ParseShuffleFetchFailure(batches.status().WithContext("ShuffleRead"));
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->executor_id, "exec-1");
  EXPECT_EQ(failure->host, "127.0.0.1");
  EXPECT_EQ(failure->port, 1u);
  EXPECT_EQ(failure->job_id, "job-1");
  EXPECT_EQ(failure->stage_id, 2u);
  EXPECT_EQ(failure->map_partition, 3u);
  EXPECT_EQ(failure->output_partition, 1u);
  EXPECT_NE(failure->cause.find("does not exist"), std::string::npos) << failure->cause;
  EXPECT_FALSE(ParseShuffleFetchFailure(Status::IOError("disk full")).has_value());

  // Names with spaces survive the round trip.
  location.set_executor_id("exec 2%");
  auto escaped = ParseShuffleFetchFailure(ShuffleFetchFailedError(location, Status::IOError("x")));
  ASSERT_TRUE(escaped.has_value());
  EXPECT_EQ(escaped->executor_id, "exec 2%");
  EXPECT_EQ(escaped->cause, "IO error: x");
}

TEST(ShuffleTest, CorruptDataIsAFetchFailure) {
  TempDir dir;
  auto options = Options(dir.path(), CompressionType::kNone, 1);
  auto result = WriteRows(options, 50, 50);
  ASSERT_TRUE(result.ok());
  {
    std::fstream f(result->data_path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4);
    f.write("\x7f\x7f\x7f\x7f", 4);  // the schema message's length
  }
  auto batches = ReadLocal({Location(*result, options, 0)}, TestSchema());
  ASSERT_FALSE(batches.ok());
  EXPECT_TRUE(ParseShuffleFetchFailure(batches.status()).has_value())
      << batches.status().ToString();
}

}  // namespace
}  // namespace ballista::dist
