#include "ballista/formats/csv/csv_writer.h"

#include <gtest/gtest.h>

#include "csv_test_util.h"

namespace ballista::formats::csv {
namespace {

using testing::TempDir;

arrow::SchemaPtr AllTypesSchema() {
  return arrow::MakeSchema(
      {arrow::MakeField("i", arrow::Int64()), arrow::MakeField("f", arrow::Float64()),
       arrow::MakeField("b", arrow::Boolean()), arrow::MakeField("d", arrow::Date32()),
       arrow::MakeField("ts", arrow::Timestamp(arrow::TimeUnit::kMicro)),
       arrow::MakeField("p", arrow::Decimal128(12, 3)), arrow::MakeField("s", arrow::Utf8()),
       arrow::MakeField("i8", arrow::Int8())});
}

arrow::RecordBatchPtr AllTypesBatch() {
  auto batch = arrow::RecordBatchFromJson(AllTypesSchema(), R"([
    [1, 0.1, true, "2024-01-31", "2024-01-31T12:34:56.789", "1.5", "plain", -128],
    [null, null, null, null, null, null, null, null],
    [-9223372036854775808, 1e300, false, "1900-02-28", "1969-12-31T23:59:59", "-0.001", "", 127],
    [3, -2.5, true, "2000-02-29", "2024-01-01T00:00:00", "123456789.123", "a,b \"q\"\nline\r\n", 0],
    [4, 3.0, false, "1970-01-01", "2030-06-15T08:00:00.000001", "0", " padded ", 1]
  ])");
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  return *batch;
}

TEST(CsvWriterTest, WritesExpectedText) {
  auto schema = arrow::MakeSchema(
      {arrow::MakeField("name", arrow::Utf8()), arrow::MakeField("x", arrow::Float64())});
  auto batch = arrow::RecordBatchFromJson(schema, R"([["a", 1.5], ["b,c", null], ["", 2],
                                                      [null, 0.1], ["say \"hi\"", -0.0]])");
  ASSERT_TRUE(batch.ok());
  std::string out;
  auto writer = CsvWriter::OpenString(&out, schema, {});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(**batch).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  EXPECT_EQ(out, "name,x\na,1.5\n\"b,c\",\n\"\",2\n,0.1\n\"say \"\"hi\"\"\",-0\n");

  CsvWriteOptions options;
  options.header = false;
  options.delimiter = '\t';
  options.null_string = "NULL";
  options.quote_surrounding_spaces = true;
  auto spaced = arrow::RecordBatchFromJson(schema, R"([[" x", 1], ["NULL", null], ["a,b", 2]])");
  std::string tsv;
  auto writer2 = CsvWriter::OpenString(&tsv, schema, options);
  ASSERT_TRUE((*writer2)->Write(**spaced).ok());
  ASSERT_TRUE((*writer2)->Close().ok());
  EXPECT_EQ(tsv, "\" x\"\t1\n\"NULL\"\tNULL\na,b\t2\n");
}

TEST(CsvWriterTest, RoundTripEveryTypeThroughAFile) {
  TempDir dir;
  std::string path = dir.Path("round.csv");
  auto batch = AllTypesBatch();
  ASSERT_TRUE(WriteCsvFile(path, AllTypesSchema(), {batch, batch}).ok());
  CsvReadOptions options;
  options.schema = AllTypesSchema();
  auto read = ReadCsvFile(path, options);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 1u);
  ASSERT_EQ((*read)[0]->num_rows(), 10);
  EXPECT_EQ(arrow::DiffRecordBatch(*(*read)[0]->Slice(0, 5), *batch), "");
  EXPECT_EQ(arrow::DiffRecordBatch(*(*read)[0]->Slice(5, 5), *batch), "");
}

TEST(CsvWriterTest, RoundTripWithInferredTypes) {
  auto schema = arrow::MakeSchema(
      {arrow::MakeField("i", arrow::Int64()), arrow::MakeField("f", arrow::Float64()),
       arrow::MakeField("d", arrow::Date32()), arrow::MakeField("s", arrow::Utf8())});
  auto batch = arrow::RecordBatchFromJson(
      schema, R"([[1, 0.30000000000000004, "2024-03-01", "x\ny"], [null, 5e-324, null, ""],
                  [7, 1.7976931348623157e308, "1999-12-31", null]])");
  ASSERT_TRUE(batch.ok());
  std::string out;
  auto writer = CsvWriter::OpenString(&out, schema, {});
  ASSERT_TRUE((*writer)->Write(**batch).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  auto read = ReadCsvBuffer(out, {});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ(arrow::DiffRecordBatch(*(*read)[0], **batch), "");
}

TEST(CsvWriterTest, BadPathAndColumnMismatch) {
  EXPECT_EQ(WriteCsvFile("/nonexistent-dir/x.csv", AllTypesSchema(), {}).code(),
            StatusCode::kIOError);
  std::string out;
  auto writer =
      CsvWriter::OpenString(&out, arrow::MakeSchema({arrow::MakeField("a", arrow::Int64())}), {});
  EXPECT_FALSE((*writer)->Write(*AllTypesBatch()).ok());
}

}  // namespace
}  // namespace ballista::formats::csv
