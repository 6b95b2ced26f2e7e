#include <gtest/gtest.h>

#include "csv_test_util.h"

namespace ballista::formats::csv {
namespace {

using testing::Rows;
using testing::TempDir;

/// Rows of reading every range of `path` cut at `target` bytes, in order.
std::vector<std::string> ReadByRanges(const std::string& path, int64_t target,
                                      const CsvReadOptions& options) {
  auto ranges = SplitFile(path, target, options);
  EXPECT_TRUE(ranges.ok()) << ranges.status().ToString();
  std::vector<std::string> rows;
  if (!ranges.ok()) return rows;
  for (const ByteRange& range : *ranges) {
    auto reader = CsvReader::OpenRange(path, range, options);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    if (!reader.ok()) return rows;
    auto batches = (*reader)->ReadAll();
    EXPECT_TRUE(batches.ok()) << batches.status().ToString();
    if (!batches.ok()) return rows;
    for (auto& row : Rows(*batches)) rows.push_back(row);
  }
  return rows;
}

std::string TrickyCsv() {
  std::string text = "id,name,note\r\n";
  for (int i = 0; i < 60; ++i) {
    std::string id = std::to_string(i);
    switch (i % 6) {
      case 0:
        text += id + ",plain,x\n";
        break;
      case 1:
        text += id + ",\"multi\nline,\"\"quoted\"\"\nfield\",y\r\n";
        break;
      case 2:
        text += id + ",\"\",\"\n\"\n";
        break;
      case 3:
        text += id + ",\"a\r\nb\",\n\n";
        break;  // CRLF inside quotes, then a blank line
      case 4:
        text += id + ",,\"\"\"\"\r";
        break;  // lone CR line end
      case 5:
        text += id + ",\"x,y\",z\n";
        break;
    }
  }
  return text + "60,last,\"no newline\"";
}

TEST(CsvSplitTest, UnionOfRangesEqualsWholeFile) {
  TempDir dir;
  std::string path = dir.Write("tricky.csv", TrickyCsv());
  CsvReadOptions options;
  options.batch_size = 5;
  auto whole = ReadCsvFile(path, options);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  std::vector<std::string> expected = Rows(*whole);
  ASSERT_EQ(expected.size(), 61u);
  EXPECT_EQ(expected[1], "1|multi\nline,\"quoted\"\nfield|y");
  EXPECT_EQ(expected[4], "4|NULL|\"");
  for (int64_t target : {1, 2, 3, 4, 5, 7, 11, 13, 16, 31, 64, 100, 257, 1000, 100000}) {
    EXPECT_EQ(ReadByRanges(path, target, options), expected) << "target " << target;
  }
}

TEST(CsvSplitTest, NoHeaderExplicitSchemaAndRangeEdges) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 200; ++i) text += std::to_string(i) + ",\"v\n" + std::to_string(i) + "\"\n";
  std::string path = dir.Write("n.csv", text);
  CsvReadOptions options;
  options.has_header = false;
  options.schema = arrow::MakeSchema(
      {arrow::MakeField("n", arrow::Int32()), arrow::MakeField("s", arrow::Utf8())});
  auto whole = ReadCsvFile(path, options);
  ASSERT_TRUE(whole.ok());
  std::vector<std::string> expected = Rows(*whole);
  ASSERT_EQ(expected.size(), 200u);
  for (int64_t target : {1, 6, 9, 10, 17, 333}) {
    EXPECT_EQ(ReadByRanges(path, target, options), expected) << "target " << target;
  }
  // A range past the end, and an empty range, give no rows.
  auto past = CsvReader::OpenRange(path, {static_cast<int64_t>(text.size()) + 5, 10}, options);
  ASSERT_TRUE(past.ok());
  EXPECT_EQ(*(*past)->Next(), nullptr);
  auto empty = CsvReader::OpenRange(path, {0, 0}, options);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*(*empty)->Next(), nullptr);
}

TEST(CsvSplitTest, RangeErrorsCarryFileLineNumbers) {
  TempDir dir;
  std::string text = "a,b\n";
  for (int i = 0; i < 50; ++i) text += std::to_string(i) + ",\"q\nq\"\n";
  text += "bad\n";
  std::string path = dir.Write("bad.csv", text);
  CsvReadOptions options;
  // An explicit schema, so that opening the range does not sample (and fail on) the bad row.
  options.schema = arrow::MakeSchema(
      {arrow::MakeField("a", arrow::Int64()), arrow::MakeField("b", arrow::Utf8())});
  auto whole = ReadCsvFile(path, options);
  ASSERT_FALSE(whole.ok());
  EXPECT_EQ(whole.status().message(), path + ":102: expected 2 fields, found 1");
  auto reader = CsvReader::OpenRange(path, {static_cast<int64_t>(text.size()) - 10, 10}, options);
  ASSERT_TRUE(reader.ok());
  auto batch = (*reader)->Next();
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().message(), whole.status().message());
}

TEST(CsvSplitTest, SplitFileRanges) {
  TempDir dir;
  std::string path = dir.Write("s.csv", std::string(25, 'x'));
  auto ranges = SplitFile(path, 10);
  ASSERT_TRUE(ranges.ok());
  EXPECT_EQ(*ranges, (std::vector<ByteRange>{{0, 10}, {10, 10}, {20, 5}}));
  CsvReadOptions with_comment;
  with_comment.comment = '#';
  EXPECT_EQ(*SplitFile(path, 10, with_comment), (std::vector<ByteRange>{{0, 25}}));
  EXPECT_FALSE(SplitFile(path, 0).ok());
  std::string gz = dir.Write("s.csv.gz", "");
  EXPECT_EQ(*SplitFile(gz, 10), (std::vector<ByteRange>{{0, 0}}));
  EXPECT_FALSE(CsvReader::OpenRange(gz, {5, 5}, {}).ok());
}

}  // namespace
}  // namespace ballista::formats::csv
