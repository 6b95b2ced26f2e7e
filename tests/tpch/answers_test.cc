// The benchmark runner's answer checks: the answer-file format of dbgen's answers/qN.out and the
// cell rules (integers exact, numbers to 2 decimals within 0.01, text trimmed, tied rows in any
// order). Expected values are literals written by hand.
#include "ballista/tpch/answers.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "ballista/arrow/array_from_json.h"

namespace ballista::tpch {
namespace {

namespace fs = std::filesystem;

arrow::SchemaPtr ResultSchema() {
  return std::make_shared<arrow::Schema>(arrow::FieldVector{
      std::make_shared<arrow::Field>("name", arrow::Utf8()),
      std::make_shared<arrow::Field>("cnt", arrow::Int64()),
      std::make_shared<arrow::Field>("total", arrow::Decimal128(15, 2)),
      std::make_shared<arrow::Field>("avg", arrow::Float64()),
      std::make_shared<arrow::Field>("day", arrow::Date32()),
  });
}

std::vector<arrow::RecordBatchPtr> Result(std::string_view json) {
  auto batch = arrow::RecordBatchFromJson(ResultSchema(), json);
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  return {*batch};
}

/// Writes `text` to a temporary answer file and parses it.
ExpectedAnswer Answer(const std::string& text) {
  std::string pattern = (fs::temp_directory_path() / "tpch_answer_XXXXXX").string();
  const int fd = mkstemp(pattern.data());
  EXPECT_GE(fd, 0);
  {
    std::ofstream out(pattern);
    out << text;
  }
  auto answer = ReadAnswerFile(pattern);
  fs::remove(pattern);
  ::close(fd);
  EXPECT_TRUE(answer.ok()) << answer.status().ToString();
  return *answer;
}

// Two rows in dbgen's padded answer format (the 1995-03-15 date is day 9204 since 1970-01-01).
constexpr const char* kTwoRows =
    "name      |cnt       |total          |avg     |day       \n"
    "alpha     |         3|1234.56|25.52|1995-03-15\n"
    "beta      |        10|7.00|0.05|1995-03-16\n";

TEST(TpchAnswersTest, ReadsHeaderAndTrimmedCells) {
  ExpectedAnswer answer = Answer(kTwoRows);
  ASSERT_EQ(answer.columns.size(), 5u);
  EXPECT_EQ(answer.columns[0], "name");
  ASSERT_EQ(answer.rows.size(), 2u);
  EXPECT_EQ(answer.rows[0][1], "3");
  EXPECT_EQ(answer.rows[1][0], "beta");
}

TEST(TpchAnswersTest, MatchesWithinRoundingTolerance) {
  ExpectedAnswer answer = Answer(kTwoRows);
  auto result = Result(R"([["alpha", 3, "1234.56", 25.5220058, 9204], ["beta", 10, "7.00", 0.0499, 9205]])");
  EXPECT_TRUE(CheckAnswer(result, answer).ok());
  // 1234.57 rounds 0.01 away: still inside the tolerance, as dbgen's answers are rounded.
  auto near = Result(R"([["alpha", 3, "1234.57", 25.52, 9204], ["beta", 10, "7.00", 0.05, 9205]])");
  EXPECT_TRUE(CheckAnswer(near, answer).ok());
}

TEST(TpchAnswersTest, ReportsTheFirstDifference) {
  ExpectedAnswer answer = Answer(kTwoRows);
  auto money = Result(R"([["alpha", 3, "1234.59", 25.52, 9204], ["beta", 10, "7.00", 0.05, 9205]])");
  Status st = CheckAnswer(money, answer);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("row 1, column 3 (total): 1234.59, expected 1234.56"), std::string::npos)
      << st.message();
  auto count = Result(R"([["alpha", 4, "1234.56", 25.52, 9204], ["beta", 10, "7.00", 0.05, 9205]])");
  EXPECT_FALSE(CheckAnswer(count, answer).ok());  // integers are exact
  auto day = Result(R"([["alpha", 3, "1234.56", 25.52, 9205], ["beta", 10, "7.00", 0.05, 9205]])");
  EXPECT_FALSE(CheckAnswer(day, answer).ok());
  auto text = Result(R"([["alpha ", 3, "1234.56", 25.52, 9204], ["bet", 10, "7.00", 0.05, 9205]])");
  EXPECT_FALSE(CheckAnswer(text, answer).ok());
}

TEST(TpchAnswersTest, RowCountMustMatch) {
  ExpectedAnswer answer = Answer(kTwoRows);
  Status st = CheckAnswer(Result(R"([["alpha", 3, "1234.56", 25.52, 9204]])"), answer);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("got 1 rows, expected 2"), std::string::npos) << st.message();
}

TEST(TpchAnswersTest, TiedRowsMayComeInAnyOrder) {
  ExpectedAnswer answer = Answer(kTwoRows);
  auto swapped = Result(R"([["beta", 10, "7.00", 0.05, 9205], ["alpha", 3, "1234.56", 25.52, 9204]])");
  EXPECT_TRUE(CheckAnswer(swapped, answer).ok());
}

TEST(TpchAnswersTest, MissingFileIsAnIoError) {
  auto answer = ReadAnswerFile("/nonexistent/q1.out");
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.status().code(), StatusCode::kIOError);
  EXPECT_NE(answer.status().message().find("/nonexistent/q1.out"), std::string::npos);
}

}  // namespace
}  // namespace ballista::tpch
