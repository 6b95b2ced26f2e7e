// ParquetFileReader over a file on disk: it reads byte ranges as scans ask for them, so a file
// that changes under an open reader must give a clean error, never a crash or wrong rows.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "ballista/formats/parquet/file_reader.h"
#include "test_util.h"

namespace ballista::formats::parquet {
namespace {

TEST(ParquetFileReaderTest, FileTruncatedAfterOpeningGivesAClearError) {
  testing::TempDir dir;
  const std::string path = dir.Path("t.parquet");
  std::filesystem::copy_file(testing::DataDir() + "/alltypes_plain.parquet", path);
  auto reader = ParquetFileReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto before = (*reader)->ReadRowGroup(0);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ((*before)->num_rows(), 8);
  ASSERT_EQ(::truncate(path.c_str(), 100), 0);
  auto after = (*reader)->ReadRowGroup(0);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.status().code(), StatusCode::kIOError) << after.status().ToString();
  EXPECT_NE(after.status().message().find(path), std::string::npos) << after.status().ToString();
  EXPECT_NE(after.status().message().find("changed since it was opened"), std::string::npos)
      << after.status().ToString();
}

TEST(ParquetFileReaderTest, TooSmallOrMissingFilesAreRefusedByName) {
  testing::TempDir dir;
  const std::string path = dir.Path("small.parquet");
  std::filesystem::copy_file(testing::DataDir() + "/alltypes_plain.parquet", path);
  ASSERT_EQ(::truncate(path.c_str(), 8), 0);
  auto small = ParquetFileReader::Open(path);
  ASSERT_FALSE(small.ok());
  EXPECT_EQ(small.status().code(), StatusCode::kInvalidData);
  EXPECT_NE(small.status().message().find("too small to be a parquet file"), std::string::npos)
      << small.status().ToString();
  auto missing = ParquetFileReader::Open(dir.Path("missing.parquet"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIOError);
  EXPECT_NE(missing.status().message().find("missing.parquet"), std::string::npos) << missing.status().ToString();
}

}  // namespace
}  // namespace ballista::formats::parquet
