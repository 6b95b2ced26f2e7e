#include "ballista/formats/json/json_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ballista/arrow/array_from_json.h"
#include "ballista/arrow/compare.h"
#include "ballista/arrow/validate.h"
#include "json_test_util.h"

namespace ballista::formats::json {
namespace {

namespace a = ballista::arrow;

/// Concatenates batches into one by re-reading them as rows through RecordBatchFromJson is not
/// available, so tests compare column by column over slices.
void ExpectRows(const std::vector<a::RecordBatchPtr>& batches, const a::SchemaPtr& schema,
                const std::string& rows_json) {
  auto expected = a::RecordBatchFromJson(schema, rows_json);
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();
  int64_t row = 0;
  for (const auto& batch : batches) {
    ASSERT_TRUE(a::ValidateRecordBatch(*batch, true).ok());
    ASSERT_TRUE(batch->schema()->Equals(*schema)) << batch->schema()->ToString();
    auto want = (*expected)->Slice(row, batch->num_rows());
    for (int c = 0; c < batch->num_columns(); ++c) {
      EXPECT_TRUE(a::ArrayDataEquals(*batch->column_data(c), *want->column_data(c)))
          << batch->column_name(c) << ": "
          << a::DiffArrayData(*batch->column_data(c), *want->column_data(c));
    }
    row += batch->num_rows();
  }
  EXPECT_EQ(row, (*expected)->num_rows());
}

TEST(JsonReader, InfersTypesByTheDocumentedRules) {
  std::string text =
      "{\"i\": 1, \"f\": 1, \"b\": true, \"s\": \"x\", \"o\": {\"a\": 1}, \"l\": [1, 2], "
      "\"c\": 1, \"n\": null, \"d\": \"2024-01-31\", \"ts\": \"2024-01-31 12:00:00\", "
      "\"tz\": \"2024-01-31T12:00:00Z\"}\n"
      "\n"
      "{\"i\": -5, \"f\": 2.5, \"b\": false, \"s\": null, \"o\": {\"b\": \"q\"}, \"l\": [3.5], "
      "\"c\": \"two\", \"n\": null, \"d\": \"2024-02-01\", \"ts\": \"2024-02-01\", "
      "\"tz\": \"2024-01-31T12:00:00+01:00\", \"late\": [{\"k\": true}]}\r\n";
  auto batches = ReadJsonBuffer(text);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  auto schema = (*batches)[0]->schema();
  EXPECT_EQ(schema->ToString(),
            a::MakeSchema(
                {a::MakeField("i", a::Int64()), a::MakeField("f", a::Float64()),
                 a::MakeField("b", a::Boolean()), a::MakeField("s", a::Utf8()),
                 a::MakeField(
                     "o", a::Struct({a::MakeField("a", a::Int64()), a::MakeField("b", a::Utf8())})),
                 a::MakeField("l", a::List(a::Float64())), a::MakeField("c", a::Utf8()),
                 a::MakeField("n", a::Utf8()), a::MakeField("d", a::Date32()),
                 a::MakeField("ts", a::Timestamp(a::TimeUnit::kMicro)),
                 a::MakeField("tz", a::Timestamp(a::TimeUnit::kMicro, "UTC")),
                 a::MakeField("late", a::List(a::Struct({a::MakeField("k", a::Boolean())})))})
                ->ToString());
  // 2024-01-31 is day 19753; 12:00 that day is 1706702400 s; +01:00 is an hour earlier in UTC.
  ExpectRows(*batches, schema,
             R"([[1, 1.0, true, "x", {"a": 1, "b": null}, [1.0, 2.0], "1", null, 19753,
                  1706702400000000, 1706702400000000, null],
                 [-5, 2.5, false, null, {"a": null, "b": "q"}, [3.5], "two", null, 19754,
                  1706745600000000, 1706698800000000, [{"k": true}]]])");
}

TEST(JsonReader, ExplicitSchemaConvertsAndReportsFileAndLine) {
  testing::TempDir dir;
  auto schema =
      a::MakeSchema({a::MakeField("id", a::Int32()), a::MakeField("price", a::Decimal128(10, 2)),
                     a::MakeField("at", a::Timestamp(a::TimeUnit::kMilli)),
                     a::MakeField("tags", a::List(a::Utf8())), a::MakeField("raw", a::Utf8())});
  std::string path = dir.Write("events.json",
                               "{\"id\": 1, \"price\": 12.5, \"at\": \"1970-01-01 00:00:01.5\", "
                               "\"tags\": [\"a\", null], \"raw\": {\"x\": [1, 2]}, \"extra\": 9}\n"
                               "{\"id\": 2.0, \"price\": \"-0.01\", \"at\": 7, \"raw\": 3}\n");
  JsonReadOptions options;
  options.schema = schema;
  auto batches = ReadJsonFile(path, options);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  ExpectRows(*batches, schema,
             R"([[1, "12.50", 1500, ["a", null], "{\"x\":[1,2]}"],
                 [2, "-0.01", 7, null, "3"]])");

  std::string bad = dir.Write("bad.json", "{\"id\": 1}\n\n{\"id\": 3000000000}\n");
  auto failed = ReadJsonFile(bad, options);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kInvalidData);
  EXPECT_NE(failed.status().message().find("bad.json:3: column \"id\" (int32)"), std::string::npos)
      << failed.status().ToString();

  std::string broken = dir.Write("broken.json", "{\"id\": 1}\n{\"id\": }\n");
  auto parse_error = ReadJsonFile(broken, options);
  ASSERT_FALSE(parse_error.ok());
  EXPECT_NE(parse_error.status().message().find("broken.json:2: invalid JSON"), std::string::npos)
      << parse_error.status().ToString();
  auto not_object = ReadJsonBuffer("[1, 2]\n", options, "arr.json");
  ASSERT_FALSE(not_object.ok());
  EXPECT_NE(not_object.status().message().find("arr.json:1: expected a JSON object"),
            std::string::npos);
}

TEST(JsonReader, ProjectionKeepsRequestedColumnsInOrder) {
  JsonReadOptions options;
  options.include_columns = {"c", "a"};
  auto batches =
      ReadJsonBuffer("{\"a\": 1, \"b\": \"x\", \"c\": true}\n{\"c\": false, \"a\": 2}\n", options);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  auto schema = a::MakeSchema({a::MakeField("c", a::Boolean()), a::MakeField("a", a::Int64())});
  ExpectRows(*batches, schema, "[[true, 1], [false, 2]]");
  options.include_columns = {"zz"};
  EXPECT_EQ(ReadJsonBuffer("{\"a\": 1}\n", options).status().code(), StatusCode::kNotFound);
}

TEST(JsonReader, ByteRangesCoverEveryLineExactlyOnce) {
  testing::TempDir dir;
  std::string text;
  std::string expected = "[";
  for (int i = 0; i < 1000; ++i) {
    std::string pad(static_cast<size_t>(i % 37), 'p');
    text += "{\"id\": " + std::to_string(i) + ", \"pad\": \"" + pad + "\"}\n";
    expected += std::string(i ? "," : "") + "[" + std::to_string(i) + ", \"" + pad + "\"]";
  }
  expected += "]";
  std::string path = dir.Write("lines.json", text);
  auto schema = a::MakeSchema({a::MakeField("id", a::Int64()), a::MakeField("pad", a::Utf8())});
  for (int64_t target : {5, 100, 4096, 1 << 20}) {
    SCOPED_TRACE(target);
    auto ranges = SplitJsonFile(path, target);
    ASSERT_TRUE(ranges.ok());
    std::vector<a::RecordBatchPtr> all;
    for (const auto& range : *ranges) {
      JsonReadOptions options;
      options.batch_size = 64;
      // Tiny ranges: schema given once rather than inferred by each of thousands of readers.
      if (target < 100) options.schema = schema;
      auto reader = JsonReader::OpenRange(path, range, options);
      ASSERT_TRUE(reader.ok()) << reader.status().ToString();
      auto batches = (*reader)->ReadAll();
      ASSERT_TRUE(batches.ok()) << batches.status().ToString();
      all.insert(all.end(), batches->begin(), batches->end());
    }
    ExpectRows(all, schema, expected);
  }
}

TEST(JsonReader, CompressedFilesAndBatchSizes) {
  testing::TempDir dir;
  std::string path = dir.Write("z.json", "{\"v\": 1}\n{\"v\": 2}\n{\"v\": 3}\n");
  if (std::system(("gzip -k '" + path + "'").c_str()) != 0) GTEST_SKIP() << "gzip unavailable";
  JsonReadOptions options;
  options.batch_size = 2;
  auto batches = ReadJsonFile(path + ".gz", options);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  ASSERT_EQ(batches->size(), 2u);
  ExpectRows(*batches, a::MakeSchema({a::MakeField("v", a::Int64())}), "[[1], [2], [3]]");
  auto empty = ReadJsonBuffer("\n\n", {});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(JsonReader, UnsupportedSchemaTypeIsNamed) {
  JsonReadOptions options;
  options.schema = a::MakeSchema({a::MakeField("m", a::Map(a::Utf8(), a::Int32()))});
  auto result = ReadJsonBuffer("{}\n", options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(result.status().message().find("\"m\""), std::string::npos);
}

}  // namespace
}  // namespace ballista::formats::json
