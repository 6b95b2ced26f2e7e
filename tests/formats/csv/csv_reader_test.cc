#include <gtest/gtest.h>

#include "csv_test_util.h"

namespace ballista::formats::csv {
namespace {

using testing::ExpectColumn;
using testing::ReadError;
using testing::ReadText;
using testing::Rows;

TEST(CsvReaderTest, QuotedFieldsWithDelimitersQuotesAndNewlines) {
  auto batches = ReadText(
      "id,text\n"
      "1,\"a,b\"\n"
      "2,\"say \"\"hi\"\"\"\n"
      "3,\"two\nlines\"\n"
      "4,plain\n");
  ASSERT_EQ(batches.size(), 1u);
  ExpectColumn(*batches[0], 0, arrow::Int64(), "[1, 2, 3, 4]");
  ExpectColumn(*batches[0], 1, arrow::Utf8(), R"(["a,b", "say \"hi\"", "two\nlines", "plain"])");
}

TEST(CsvReaderTest, CrLfAndLoneCrAndNoFinalNewline) {
  auto batches = ReadText("a,b\r\n1,x\r\n2,\"y\r\nz\"\r3,w");
  ASSERT_EQ(batches.size(), 1u);
  ExpectColumn(*batches[0], 0, arrow::Int64(), "[1, 2, 3]");
  ExpectColumn(*batches[0], 1, arrow::Utf8(), R"(["x", "y\r\nz", "w"])");
}

TEST(CsvReaderTest, HeaderAndNoHeader) {
  CsvReadOptions options;
  options.has_header = false;
  auto batches = ReadText("1,x\n2,y\n", options);
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0]->schema()->ToString(),
            arrow::MakeSchema({arrow::MakeField("column_1", arrow::Int64()),
                               arrow::MakeField("column_2", arrow::Utf8())})
                ->ToString());
  EXPECT_EQ(Rows(batches), (std::vector<std::string>{"1|x", "2|y"}));

  auto named = ReadText("a,a,,a\n1,2,3,4\n");
  ASSERT_EQ(named.size(), 1u);
  std::vector<std::string> names;
  for (const auto& f : named[0]->schema()->fields()) names.push_back(f->name());
  EXPECT_EQ(names, (std::vector<std::string>{"a", "a_1", "column_3", "a_2"}));
}

TEST(CsvReaderTest, CommentsAndBlankLines) {
  CsvReadOptions options;
  options.comment = '#';
  auto batches = ReadText("# leading comment\na,b\n1,2\n\n# middle, with \"quote\n3,4\n", options);
  EXPECT_EQ(Rows(batches), (std::vector<std::string>{"1|2", "3|4"}));
}

TEST(CsvReaderTest, NullHandling) {
  // Empty fields are NULL in non-string columns; in string columns only unquoted empties are.
  auto batches = ReadText("i,s,f\n1,,2.5\n,\"\",\n3,x,\"\"\n");
  ASSERT_EQ(batches.size(), 1u);
  ExpectColumn(*batches[0], 0, arrow::Int64(), "[1, null, 3]");
  ExpectColumn(*batches[0], 1, arrow::Utf8(), R"([null, "", "x"])");
  ExpectColumn(*batches[0], 2, arrow::Float64(), "[2.5, null, null]");

  CsvReadOptions options;
  options.null_string = "NA";
  auto na = ReadText("i,s\n1,NA\nNA,\"NA\"\n,\n", options);
  ASSERT_EQ(na.size(), 1u);
  ExpectColumn(*na[0], 0, arrow::Int64(), "[1, null, null]");
  ExpectColumn(*na[0], 1, arrow::Utf8(), R"([null, "NA", ""])");
}

TEST(CsvReaderTest, InfersEveryType) {
  auto batches = ReadText(
      "b,i,f,mix,d,ts,tsd,s,empty\n"
      "true,1,1.5,1,2024-01-31,2024-01-31 12:00:00,2024-01-01,hello,\n"
      "FALSE,-20,2,2.25,1970-01-01,2024-02-29T01:02:03.5,2024-01-02 10:00:00,world,\n"
      ",9223372036854775807,-3e2,,,,,\"\",\n");
  ASSERT_EQ(batches.size(), 1u);
  const auto& schema = *batches[0]->schema();
  std::vector<std::string> types;
  for (const auto& f : schema.fields()) types.push_back(f->type()->ToString());
  EXPECT_EQ(types, (std::vector<std::string>{"bool", "int64", "float64", "float64", "date32",
                                             "timestamp[us]", "timestamp[us]", "utf8", "utf8"}));
  ExpectColumn(*batches[0], 0, arrow::Boolean(), "[true, false, null]");
  ExpectColumn(*batches[0], 1, arrow::Int64(), "[1, -20, 9223372036854775807]");
  ExpectColumn(*batches[0], 2, arrow::Float64(), "[1.5, 2, -300]");
  ExpectColumn(*batches[0], 3, arrow::Float64(), "[1, 2.25, null]");
  ExpectColumn(*batches[0], 4, arrow::Date32(), R"(["2024-01-31", "1970-01-01", null])");
  ExpectColumn(*batches[0], 5, arrow::Timestamp(arrow::TimeUnit::kMicro),
               R"(["2024-01-31T12:00:00", "2024-02-29T01:02:03.5", null])");
  ExpectColumn(*batches[0], 6, arrow::Timestamp(arrow::TimeUnit::kMicro),
               R"(["2024-01-01T00:00:00", "2024-01-02T10:00:00", null])");
  ExpectColumn(*batches[0], 7, arrow::Utf8(), R"(["hello", "world", ""])");
  ExpectColumn(*batches[0], 8, arrow::Utf8(), "[null, null, null]");
}

TEST(CsvReaderTest, InfersDecimalsWhenAsked) {
  CsvReadOptions options;
  options.infer_decimals = true;
  // p: widest integer part 3 digits + 2 fraction digits; z: leading zeros do not count;
  // e: an exponent makes it DOUBLE; i: whole numbers stay BIGINT; w: 39 digits do not fit.
  auto batches = ReadText(
      "p,z,e,i,w\n"
      "123.4,0.25,1.5,7,123456789012345678901234567890123456789.0\n"
      "-5.67,007.5,2e3,-8,1\n"
      ",,,,\n",
      options);
  ASSERT_EQ(batches.size(), 1u);
  std::vector<std::string> types;
  for (const auto& f : batches[0]->schema()->fields()) types.push_back(f->type()->ToString());
  EXPECT_EQ(types, (std::vector<std::string>{"decimal128(5, 2)", "decimal128(3, 2)", "float64", "int64",
                                             "float64"}));
  ExpectColumn(*batches[0], 0, arrow::Decimal128(5, 2), R"(["123.40", "-5.67", null])");
}

TEST(CsvReaderTest, InferenceSamplesOnlyInferRows) {
  CsvReadOptions options;
  options.infer_rows = 2;
  EXPECT_EQ(ReadError("a\n1\n2\nx\n", options),
            "t.csv:4: column \"a\" (int64): cannot parse \"x\"");
  options.infer_rows = 3;
  auto batches = ReadText("a\n1\n2\nx\n", options);
  ExpectColumn(*batches[0], 0, arrow::Utf8(), R"(["1", "2", "x"])");
}

TEST(CsvReaderTest, ExplicitSchemaWithDecimalAndSmallInts) {
  CsvReadOptions options;
  options.schema = arrow::MakeSchema(
      {arrow::MakeField("a", arrow::Int32()), arrow::MakeField("p", arrow::Decimal128(10, 2)),
       arrow::MakeField("u", arrow::UInt8()), arrow::MakeField("s", arrow::LargeUtf8()),
       arrow::MakeField("f", arrow::Float32())});
  auto batches = ReadText("x,y,z,w,v\n7, 12.345 ,255,abc,0.5\n-8,-0.01,0,,\n", options);
  ASSERT_EQ(batches.size(), 1u);
  ExpectColumn(*batches[0], 0, arrow::Int32(), "[7, -8]");
  ExpectColumn(*batches[0], 1, arrow::Decimal128(10, 2), R"(["12.35", "-0.01"])");
  ExpectColumn(*batches[0], 2, arrow::UInt8(), "[255, 0]");
  ExpectColumn(*batches[0], 3, arrow::LargeUtf8(), R"(["abc", null])");
  ExpectColumn(*batches[0], 4, arrow::Float32(), "[0.5, null]");
  EXPECT_EQ(ReadError("x,y,z,w,v\n1,1,256,a,1\n", options),
            "t.csv:2: column \"u\" (uint8): cannot parse \"256\"");
  EXPECT_EQ(ReadError("x,y\n1,1\n", options), "t.csv:1: header has 2 fields but the schema has 5");
}

TEST(CsvReaderTest, ProjectionConvertsOnlyListedColumns) {
  CsvReadOptions options;
  options.include_columns = {"c", "a"};
  options.schema = arrow::MakeSchema({arrow::MakeField("a", arrow::Int64()),
                                      arrow::MakeField("b", arrow::Int64()),
                                      arrow::MakeField("c", arrow::Utf8())});
  // Column b holds text that would not convert: it is skipped, so no error.
  auto batches = ReadText("a,b,c\n1,oops,x\n2,bad,y\n", options);
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0]->num_columns(), 2);
  EXPECT_EQ(batches[0]->column_name(0), "c");
  EXPECT_EQ(Rows(batches), (std::vector<std::string>{"x|1", "y|2"}));
  options.include_columns = {"zz"};
  EXPECT_EQ(ReadError("a,b,c\n1,2,3\n", options), "t.csv: column \"zz\" not found");
}

TEST(CsvReaderTest, ErrorMessages) {
  EXPECT_EQ(ReadError("a,b,c\n1,2,3\n4,5\n"), "t.csv:3: expected 3 fields, found 2");
  EXPECT_EQ(ReadError("a,b\n1,2\n3,4,5\n"), "t.csv:3: expected 2 fields, found 3");
  CsvReadOptions options;
  options.schema = arrow::MakeSchema(
      {arrow::MakeField("id", arrow::Int64()), arrow::MakeField("fare", arrow::Float64())});
  EXPECT_EQ(ReadError("id,fare\n1,2.5\n2,abc\n", options),
            "t.csv:3: column \"fare\" (float64): cannot parse \"abc\"");
  EXPECT_EQ(ReadError("a,b\n1,\"open\n2,3\n"),
            "t.csv:2:3: unterminated quoted field at end of file");
  EXPECT_EQ(ReadError("a,b\n1,\"x\"y\n"),
            "t.csv:2:6: unexpected character 'y' after closing quote");
  // Line numbers count lines inside quoted fields.
  EXPECT_EQ(ReadError("a,b\n1,\"x\ny\nz\"\n4\n"), "t.csv:5: expected 2 fields, found 1");
}

TEST(CsvReaderTest, SkipBadRowsCountsThem) {
  CsvReadOptions options;
  options.skip_bad_rows = true;
  options.schema = arrow::MakeSchema(
      {arrow::MakeField("a", arrow::Int64()), arrow::MakeField("b", arrow::Float64())});
  auto reader = CsvReader::OpenBuffer("a,b\n1,1.5\n2\n3,x\n4,4.5,9\n5,5.5\n", options);
  ASSERT_TRUE(reader.ok());
  auto batches = (*reader)->ReadAll();
  ASSERT_TRUE(batches.ok());
  EXPECT_EQ(Rows(*batches), (std::vector<std::string>{"1|1.5", "5|5.5"}));
  EXPECT_EQ((*reader)->bad_rows(), 3);
}

TEST(CsvReaderTest, EscapeCharacter) {
  CsvReadOptions options;
  options.escape = '\\';
  auto batches = ReadText("a,b\n1,\"x\\\"y\"\n2,\"back\\\\slash\"\n", options);
  ExpectColumn(*batches[0], 1, arrow::Utf8(), R"(["x\"y", "back\\slash"])");
}

TEST(CsvReaderTest, OtherDelimiterAndTrailingDelimiter) {
  CsvReadOptions options;
  options.delimiter = '|';
  options.has_header = false;
  options.allow_trailing_delimiter = true;
  auto batches = ReadText("1|a|\n2|b|\n", options);
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0]->num_columns(), 2);
  EXPECT_EQ(Rows(batches), (std::vector<std::string>{"1|a", "2|b"}));
}

TEST(CsvReaderTest, BatchSizeAndBigInput) {
  std::string text = "n,s\n";
  for (int i = 0; i < 100000; ++i) text += std::to_string(i) + ",\"v" + std::to_string(i) + "\"\n";
  CsvReadOptions options;
  options.batch_size = 7000;
  auto batches = ReadText(text, options);
  ASSERT_EQ(batches.size(), 15u);
  int64_t total = 0;
  int64_t sum = 0;
  for (const auto& b : batches) {
    EXPECT_LE(b->num_rows(), 7000);
    total += b->num_rows();
    const int64_t* v = b->column_data(0)->GetValues<int64_t>(1);
    for (int64_t i = 0; i < b->num_rows(); ++i) sum += v[i];
  }
  EXPECT_EQ(total, 100000);
  EXPECT_EQ(sum, int64_t{100000} * 99999 / 2);
  EXPECT_EQ(Rows({batches.back()}).back(), "99999|v99999");
}

TEST(CsvReaderTest, RejectsConflictingOptions) {
  CsvReadOptions options;
  options.delimiter = '"';
  EXPECT_EQ(ReadError("a\n", options),
            "t.csv: delimiter, quote, escape and comment characters must differ from each other "
            "and from line ends");
  options = {};
  options.batch_size = 0;
  EXPECT_EQ(ReadError("a\n", options), "batch_size must be positive");
}

TEST(CsvReaderTest, FieldLargerThanTheReadBlock) {
  // A 3 MiB quoted field with newlines and doubled quotes spans several 1 MiB read blocks.
  std::string big;
  for (int i = 0; i < 300000; ++i) big += i % 1000 == 0 ? "\"\"\n" : "abcdefghi,";
  std::string raw = big;
  size_t at = 0;
  while ((at = raw.find("\"\"", at)) != std::string::npos) raw.replace(at, 2, "\""), ++at;
  auto batches = ReadText("a,b\n1,\"" + big + "\"\n2,x\n");
  ASSERT_EQ(batches.size(), 1u);
  ExpectColumn(*batches[0], 0, arrow::Int64(), "[1, 2]");
  const auto& column = *batches[0]->column_data(1);
  const int32_t* offsets = column.GetValues<int32_t>(1);
  EXPECT_EQ(std::string(column.buffers[2]->data_as<char>() + offsets[0],
                        static_cast<size_t>(offsets[1] - offsets[0])),
            raw);
  EXPECT_EQ(ReadError("a,b\n1,\"" + big + "\n2,x\n"),
            "t.csv:2:3: unterminated quoted field at end of file");
}

TEST(CsvReaderTest, EmptyInputs) {
  auto none = ReadText("");
  EXPECT_TRUE(none.empty());
  auto reader = CsvReader::OpenBuffer("a,b\n", {});
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->schema()->num_fields(), 2);
  auto next = (*reader)->Next();
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, nullptr);
}

TEST(CsvReaderTest, FileApiAndInferSchema) {
  testing::TempDir dir;
  std::string path = dir.Write("x.csv", "a,b\n1,2024-01-01\n2,2024-01-02\n");
  auto schema = InferSchema(path, {});
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ((*schema)->field(1)->type()->ToString(), "date32");
  auto batches = ReadCsvFile(path, {});
  ASSERT_TRUE(batches.ok());
  EXPECT_EQ(Rows(*batches), (std::vector<std::string>{"1|2024-01-01", "2|2024-01-02"}));
  auto missing = ReadCsvFile(dir.Path("nope.csv"), {});
  EXPECT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIOError);
}

}  // namespace
}  // namespace ballista::formats::csv

namespace ballista::formats::csv {
namespace {

// Found by the csv_reader fuzz target: bytes that are not UTF-8 used to become a utf8 array that
// failed validation. They are now a conversion error naming the line and column (DuckDB also
// refuses such files), or a skipped row when bad rows are skipped.
TEST(CsvReaderTest, InvalidUtf8IsAnErrorNotAnInvalidArray) {
  CsvReadOptions options;
  options.schema = arrow::MakeSchema(
      {arrow::MakeField("id", arrow::Int64()), arrow::MakeField("name", arrow::Utf8())});
  EXPECT_EQ(ReadError("id,name\n1,ok\n2,b\xff" "d\n", options),
            "t.csv:3: column \"name\" (utf8): cannot parse \"b\xff" "d\"");
  options.skip_bad_rows = true;
  auto reader = CsvReader::OpenBuffer("id,name\n1,ok\n2,b\xc3(\n3,\xc3\xa9t\xc3\xa9\n", options);
  ASSERT_TRUE(reader.ok());
  auto batches = (*reader)->ReadAll();
  ASSERT_TRUE(batches.ok());
  EXPECT_EQ(Rows(*batches), (std::vector<std::string>{"1|ok", "3|\xc3\xa9t\xc3\xa9"}));
  EXPECT_EQ((*reader)->bad_rows(), 1);
}

}  // namespace
}  // namespace ballista::formats::csv
