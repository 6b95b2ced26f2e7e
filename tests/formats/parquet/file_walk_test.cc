#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>

#include "ballista/formats/parquet/file_reader.h"
#include "test_util.h"

namespace ballista::formats::parquet {
namespace {

// Files we cannot read yet, each with the reason. The list should shrink as features land.
const std::map<std::string, std::string>& KnownExceptions() {
  static const std::map<std::string, std::string> kExceptions = {
      {"nation.dict-malformed.parquet", "malformed on purpose: its dictionary page is corrupt"},
      {"large_string_map.brotli.parquet",
       "its string column decodes to more than 2 GiB, which needs large_utf8 output"},
      {"repeated_no_annotation.parquet",
       "footer num_rows is 0 while its row group holds 6 rows (the rows read fine)"},
  };
  return kExceptions;
}

TEST(ParquetFileWalk, ReadsEveryDataFile) {
  namespace fs = std::filesystem;
  int read_ok = 0;
  for (const auto& entry : fs::recursive_directory_iterator(testing::DataDir())) {
    if (!entry.is_regular_file() || entry.path().extension() != ".parquet") continue;
    std::string name = fs::relative(entry.path(), testing::DataDir()).string();
    int64_t footer_rows = -1;
    auto known = KnownExceptions().find(name);
    if (name == "large_string_map.brotli.parquet") {
      // Decoding it takes many seconds only to hit the 2 GiB limit; opening it is the check.
      auto reader = ParquetFileReader::Open(entry.path().string());
      EXPECT_TRUE(reader.ok()) << reader.status().ToString();
      continue;
    }
    auto rows = testing::ReadAllRows(entry.path().string(), &footer_rows);
    if (known != KnownExceptions().end()) {
      std::string outcome = rows.ok() ? "read " + std::to_string(*rows) + " rows, footer says " +
                                            std::to_string(footer_rows)
                                      : rows.status().ToString();
      std::printf("[ KNOWN EXCEPTION ] %s: %s -- %s\n", name.c_str(), known->second.c_str(),
                  outcome.c_str());
      continue;
    }
    EXPECT_TRUE(rows.ok()) << name << ": " << rows.status().ToString();
    if (rows.ok()) {
      EXPECT_EQ(*rows, footer_rows) << name;
      ++read_ok;
    }
  }
  std::printf("read %d data files\n", read_ok);
}

TEST(ParquetFileWalk, BadDataFilesFailCleanly) {
  namespace fs = std::filesystem;
  for (const auto& entry : fs::directory_iterator(testing::BadDataDir())) {
    if (!entry.is_regular_file() || entry.path().extension() != ".parquet") continue;
    auto start = std::chrono::steady_clock::now();
    int64_t footer_rows = -1;
    auto rows = testing::ReadAllRows(entry.path().string(), &footer_rows);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 5.0) << entry.path();
    // ARROW-GH-43605 uses bit width 0 for dictionary indices, which decodes to index 0 for every
    // row: a legal (if odd) encoding, so reading it is correct.
    if (entry.path().filename() != "ARROW-GH-43605.parquet") {
      EXPECT_FALSE(rows.ok()) << entry.path() << " should be rejected";
    }
    std::printf("%s: %s\n", entry.path().filename().c_str(),
                rows.ok() ? ("read " + std::to_string(*rows) + " rows").c_str()
                          : rows.status().ToString().c_str());
  }
}

}  // namespace
}  // namespace ballista::formats::parquet
