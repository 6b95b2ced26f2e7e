#include <gtest/gtest.h>

#include <random>

#include "csv_test_util.h"

namespace ballista::formats::csv {
namespace {

// Random text over the characters that drive the state machine: every input must end in either
// valid batches or a clean error naming the source (never a crash, hang or sanitizer report).
TEST(CsvRobustnessTest, RandomInputsReadOrFailCleanly) {
  const std::string alphabet = ",,,\"\"\n\r\\#a1 .-:T|";
  std::mt19937 rng(12345);
  int ok = 0;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string text;
    size_t length = rng() % 64;
    for (size_t i = 0; i < length; ++i) text.push_back(alphabet[rng() % alphabet.size()]);
    CsvReadOptions options;
    options.has_header = rng() % 2 == 0;
    options.skip_bad_rows = rng() % 3 == 0;
    options.allow_trailing_delimiter = rng() % 2 == 0;
    options.batch_size = 1 + static_cast<int64_t>(rng() % 4);
    options.infer_rows = 1 + static_cast<int64_t>(rng() % 5);
    if (rng() % 3 == 0) options.comment = '#';
    if (rng() % 3 == 0) options.escape = '\\';
    if (rng() % 4 == 0) options.delimiter = '|';
    auto result = ReadCsvBuffer(text, options, "r.csv");
    if (result.ok()) {
      ++ok;
      for (const auto& batch : *result) {
        EXPECT_TRUE(arrow::ValidateRecordBatch(*batch, true).ok());
        EXPECT_LE(batch->num_rows(), options.batch_size);
      }
    } else {
      EXPECT_EQ(result.status().message().rfind("r.csv", 0), 0u) << result.status().message();
    }
  }
  EXPECT_GT(ok, 100);
}

}  // namespace
}  // namespace ballista::formats::csv
