#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "ballista/formats/parquet/file_reader.h"
#include "test_util.h"

namespace ballista::formats::parquet {
namespace {

// Corrupts valid files at random (fixed seed) and reads them: every outcome must be a clean
// Status, never a crash, hang or sanitizer report.
TEST(ParquetMutation, CorruptedFilesNeverCrash) {
  const char* files[] = {"alltypes_plain.parquet",         "alltypes_dictionary.parquet",
                         "datapage_v2.snappy.parquet",     "nested_lists.snappy.parquet",
                         "delta_byte_array.parquet",       "nullable.impala.parquet",
                         "byte_stream_split.zstd.parquet", "rle_boolean_encoding.parquet"};
  // BALLISTA_PARQUET_MUTATIONS raises the per-file count for longer local fuzzing runs.
  const char* env = std::getenv("BALLISTA_PARQUET_MUTATIONS");
  int iterations = env ? std::atoi(env) : 300;
  std::mt19937 rng(env ? static_cast<unsigned>(std::time(nullptr)) : 12345u);
  int errors = 0;
  int reads = 0;
  auto start = std::chrono::steady_clock::now();
  for (const char* file : files) {
    std::ifstream in(testing::DataDir() + "/" + file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string original = buffer.str();
    ASSERT_GT(original.size(), 100u) << file;
    for (int iteration = 0; iteration < iterations; ++iteration) {
      std::string bytes = original;
      int flips = 1 + static_cast<int>(rng() % 8);
      for (int f = 0; f < flips; ++f) {
        // Half the edits land in the last 512 bytes, where the thrift footer lives.
        size_t tail = std::min<size_t>(bytes.size(), 512);
        size_t pos = (rng() & 1) ? rng() % bytes.size() : bytes.size() - 1 - rng() % tail;
        switch (rng() % 3) {
          case 0:
            bytes[pos] = static_cast<char>(rng());
            break;
          case 1:
            bytes[pos] = static_cast<char>(bytes[pos] ^ (1 << (rng() % 8)));
            break;
          default:
            bytes[pos] = static_cast<char>(0xff);
            break;
        }
      }
      auto reader = ParquetFileReader::OpenBuffer(Buffer::FromString(std::move(bytes)), file);
      if (!reader.ok()) {
        ++errors;
        continue;
      }
      for (int g = 0; g < (*reader)->num_row_groups(); ++g) {
        auto batch = (*reader)->ReadRowGroup(g);
        ++reads;
        if (!batch.ok()) ++errors;
      }
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%d errors, %d row-group reads in %.2f s\n", errors, reads, seconds);
  EXPECT_GT(errors, 0);
}

TEST(ParquetMutation, TruncatedFilesFail) {
  std::ifstream in(testing::DataDir() + "/alltypes_plain.parquet", std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string original = buffer.str();
  for (size_t length : {size_t{0}, size_t{4}, size_t{11}, size_t{100}, original.size() - 1}) {
    auto reader = ParquetFileReader::OpenBuffer(Buffer::CopyOf(original.substr(0, length)), "cut");
    EXPECT_FALSE(reader.ok()) << length;
  }
  EXPECT_EQ(ParquetFileReader::Open("/nonexistent/file.parquet").status().code(),
            StatusCode::kIOError);
}

}  // namespace
}  // namespace ballista::formats::parquet
