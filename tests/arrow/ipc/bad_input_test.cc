// Malformed input: the clusterfuzz files shipped with arrow-testing, hand-made corruptions and
// random mutations. Each must end in an error or in valid batches; never a crash or a hang.

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <random>

#include "ballista/arrow/ipc/message.h"
#include "ballista/arrow/ipc/reader.h"
#include "ballista/arrow/ipc/writer.h"
#include "ballista/arrow/validate.h"
#include "test_util.h"

namespace ballista::arrow::ipc {
namespace {

namespace fs = std::filesystem;
using namespace testing;  // NOLINT(build/namespaces)

/// Reads everything `bytes` holds as a stream; returns the final status. Valid batches are
/// re-validated so a reader bug that returns garbage is caught too.
Status DrainStream(const std::shared_ptr<Buffer>& bytes, int64_t* batches_read) {
  BufferReader input(bytes);
  ASSIGN_OR_RAISE(auto reader, StreamReader::Open(&input));
  for (int i = 0; i < 100000; ++i) {
    ASSIGN_OR_RAISE(auto batch, reader->ReadNext());
    if (batch == nullptr) return Status::OK();
    RETURN_NOT_OK(ValidateRecordBatch(*batch, true));
    ++*batches_read;
  }
  return Status::Internal("stream did not end after 100000 batches");
}

Status DrainFile(const std::shared_ptr<Buffer>& bytes, int64_t* batches_read) {
  ASSIGN_OR_RAISE(auto reader, FileReader::Open(bytes));
  for (int i = 0; i < reader->num_record_batches(); ++i) {
    ASSIGN_OR_RAISE(auto batch, reader->ReadRecordBatch(i));
    RETURN_NOT_OK(ValidateRecordBatch(*batch, true));
    ++*batches_read;
  }
  return Status::OK();
}

std::shared_ptr<Buffer> ReadWhole(const fs::path& path) {
  auto file = ReadableFile::Open(path.string());
  if (!file.ok()) return nullptr;
  auto all = (*file)->ReadAll();
  return all.ok() ? *all : nullptr;
}

TEST(FuzzCorpus, EveryFileEndsInErrorOrValidBatches) {
  fs::path root = fs::path(BALLISTA_SHARED_DIR) / "testdata" / "arrow-ipc";
  auto start = std::chrono::steady_clock::now();
  int files = 0;
  int errors = 0;
  int64_t batches = 0;
  for (const char* dir : {"arrow-ipc-stream", "arrow-ipc-file"}) {
    if (!fs::is_directory(root / dir)) continue;
    for (const auto& entry : fs::directory_iterator(root / dir)) {
      if (entry.path().filename() == "README.md" || !entry.is_regular_file()) continue;
      auto bytes = ReadWhole(entry.path());
      ASSERT_NE(bytes, nullptr) << entry.path();
      ++files;
      auto file_start = std::chrono::steady_clock::now();
      // Both readers on every file: a stream fuzz case is also a malformed file and vice versa.
      Status stream_status = DrainStream(bytes, &batches);
      Status file_status = DrainFile(bytes, &batches);
      EXPECT_NE(stream_status.code(), StatusCode::kInternal) << entry.path() << ": " << stream_status;
      EXPECT_NE(file_status.code(), StatusCode::kInternal) << entry.path() << ": " << file_status;
      errors += !stream_status.ok();
      errors += !file_status.ok();
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - file_start).count();
      EXPECT_LT(seconds, 20.0) << entry.path() << " took too long";
    }
  }
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "[ fuzz corpus ] " << files << " files, " << errors << " reader errors, " << batches
            << " valid batches, " << total << " s\n";
  EXPECT_GT(files, 0);
  EXPECT_LT(total, 120.0);
}

std::shared_ptr<Buffer> SampleStream(bool file_format, CompressionType codec = CompressionType::kNone) {
  auto type = Dictionary(Int32(), Utf8());
  auto batch = MakeBatch({
      {"i", MakePrimitive<int32_t>(Int32(), {1, 2, 3, 4}, {true, false, true, true})},
      {"s", MakeStrings(Utf8(), {"a", "bb", "", "dddd"})},
      {"l", MakeList(List(Int64()), {0, 1, 3, 3, 4}, MakePrimitive<int64_t>(Int64(), {7, 8, 9, 10}))},
      {"d", MakeDictionaryArray(type, {0, 1, 0, 1}, MakeStrings(Utf8(), {"x", "y"}))},
      {"v", MakeViews(Utf8View(), {"short", "a string longer than twelve", "", "x"})},
  });
  IpcWriteOptions options;
  options.compression = codec;
  BufferOutputStream out;
  if (file_format) {
    auto writer = FileWriter::Open(&out, batch->schema(), options);
    EXPECT_TRUE((*writer)->WriteRecordBatch(*batch).ok());
    EXPECT_TRUE((*writer)->WriteRecordBatch(*batch).ok());
    EXPECT_TRUE((*writer)->Close().ok());
  } else {
    auto writer = StreamWriter::Open(&out, batch->schema(), options);
    EXPECT_TRUE((*writer)->WriteRecordBatch(*batch).ok());
    EXPECT_TRUE((*writer)->WriteRecordBatch(*batch).ok());
    EXPECT_TRUE((*writer)->Close().ok());
  }
  return *out.Finish();
}

TEST(BadInput, TruncatedStreamsFailCleanly) {
  auto bytes = SampleStream(false);
  int64_t batches = 0;
  ASSERT_TRUE(DrainStream(bytes, &batches).ok());
  EXPECT_EQ(batches, 2);
  for (int64_t cut = 0; cut < bytes->size() - 8; ++cut) {
    int64_t read = 0;
    Status st = DrainStream(Buffer::Slice(bytes, 0, cut), &read);
    // A cut exactly between messages is a legal (unterminated) stream.
    if (st.ok()) continue;
    EXPECT_TRUE(st.code() == StatusCode::kInvalidData) << "cut at " << cut << ": " << st;
  }
}

TEST(BadInput, TruncatedFilesFailCleanly) {
  auto bytes = SampleStream(true);
  int64_t batches = 0;
  ASSERT_TRUE(DrainFile(bytes, &batches).ok());
  EXPECT_EQ(batches, 2);
  for (int64_t cut = 0; cut < bytes->size(); ++cut) {
    int64_t read = 0;
    Status st = DrainFile(Buffer::Slice(bytes, 0, cut), &read);
    EXPECT_EQ(st.code(), StatusCode::kInvalidData) << "cut at " << cut << ": " << st;
  }
}

TEST(BadInput, ErrorsNameThePlace) {
  auto bytes = SampleStream(false);
  // Message 1 (the dictionary batch) cut short: the error names the stream and the message.
  int64_t ignored = 0;
  Status st = DrainStream(Buffer::Slice(bytes, 0, bytes->size() - 100), &ignored);
  EXPECT_EQ(st.code(), StatusCode::kInvalidData);
  EXPECT_NE(st.message().find("IPC stream: message"), std::string::npos) << st;
  std::string garbage = "not an arrow file at all, just text";
  int64_t read = 0;
  Status file_st = DrainFile(Buffer::CopyOf(garbage), &read);
  EXPECT_EQ(file_st.code(), StatusCode::kInvalidData);
  EXPECT_NE(file_st.message().find("ARROW1"), std::string::npos) << file_st;
}

TEST(BadInput, LegacyFramingWithoutContinuationMarker) {
  auto bytes = SampleStream(false);
  // Rewrite every "FFFFFFFF <len>" prefix as the pre-0.15 "<len>" prefix: walk the messages
  // with the message reader to learn where each one ends.
  std::string legacy;
  BufferReader walker(bytes);
  for (int64_t index = 0;; ++index) {
    int64_t begin = walker.Tell();
    auto message = ReadMessage(&walker, index);
    ASSERT_TRUE(message.ok()) << message.status();
    legacy.append(bytes->view().substr(static_cast<size_t>(begin + 4),
                                       static_cast<size_t>(walker.Tell() - begin - 4)));
    if (*message == nullptr) break;
  }
  int64_t batches = 0;
  Status st = DrainStream(Buffer::CopyOf(legacy), &batches);
  EXPECT_TRUE(st.ok()) << st;
  EXPECT_EQ(batches, 2);
}

/// Overwrites a few random bytes of `original` (deterministically from `rng`).
std::shared_ptr<Buffer> Mutate(const Buffer& original, std::mt19937* rng) {
  std::string bytes(original.view());
  int flips = 1 + static_cast<int>((*rng)() % 8);
  for (int f = 0; f < flips; ++f) {
    size_t at = (*rng)() % bytes.size();
    switch ((*rng)() % 3) {
      case 0:
        bytes[at] = static_cast<char>((*rng)());
        break;
      case 1:
        bytes[at] = static_cast<char>(0xFF);
        break;
      default:
        bytes[at] = static_cast<char>(bytes[at] ^ (1 << ((*rng)() % 8)));
        break;
    }
  }
  return Buffer::CopyOf(bytes);
}

TEST(BadInput, MutatedGoldenFilesNeverCrash) {
  // Gold files cover types the sample above does not (views, decimals, maps, nested
  // dictionaries, compressed bodies); corrupt each a few hundred times.
  fs::path root = fs::path(BALLISTA_SHARED_DIR) / "testdata" / "arrow-ipc" / "integration";
  const char* cases[] = {"cpp-21.0.0/generated_binary_view", "cpp-21.0.0/generated_nested_dictionary",
                         "cpp-21.0.0/generated_map", "cpp-21.0.0/generated_decimal256",
                         "cpp-21.0.0/generated_recursive_nested", "2.0.0-compression/generated_lz4",
                         "2.0.0-compression/generated_zstd", "cpp-21.0.0/generated_datetime"};
  std::mt19937 rng(99);
  int refused = 0;
  int readable = 0;
  for (const char* name : cases) {
    for (const char* ext : {".stream", ".arrow_file"}) {
      auto original = ReadWhole(root / (std::string(name) + ext));
      if (original == nullptr) continue;
      bool file_format = std::string(ext) == ".arrow_file";
      for (int round = 0; round < 150; ++round) {
        int64_t batches = 0;
        auto mutated = Mutate(*original, &rng);
        Status st = file_format ? DrainFile(mutated, &batches) : DrainStream(mutated, &batches);
        EXPECT_NE(st.code(), StatusCode::kInternal) << name << ext << ": " << st;
        (st.ok() ? readable : refused)++;
      }
    }
  }
  std::cout << "[ golden mutations ] " << readable << " still readable, " << refused << " refused\n";
  EXPECT_GT(refused + readable, 0);
}

TEST(BadInput, RandomMutationsNeverCrash) {
  std::mt19937 rng(1234);
  int ok = 0;
  int failed = 0;
  for (bool file_format : {false, true}) {
    for (CompressionType codec : {CompressionType::kNone, CompressionType::kLz4Frame, CompressionType::kZstd}) {
      auto original = SampleStream(file_format, codec);
      for (int round = 0; round < 1000; ++round) {
        int64_t batches = 0;
        auto buffer = Mutate(*original, &rng);
        Status st = file_format ? DrainFile(buffer, &batches) : DrainStream(buffer, &batches);
        EXPECT_NE(st.code(), StatusCode::kInternal) << st;
        (st.ok() ? ok : failed)++;
      }
    }
  }
  std::cout << "[ mutations ] " << ok << " still readable, " << failed << " refused\n";
}

}  // namespace
}  // namespace ballista::arrow::ipc
