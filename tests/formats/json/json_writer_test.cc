#include "ballista/formats/json/json_writer.h"

#include <gtest/gtest.h>

#include <string>

#include "ballista/arrow/array_from_json.h"
#include "ballista/arrow/compare.h"
#include "ballista/formats/json/json_reader.h"
#include "json_test_util.h"

namespace ballista::formats::json {
namespace {

namespace a = ballista::arrow;

TEST(JsonWriter, WritesOneObjectPerLine) {
  auto schema =
      a::MakeSchema({a::MakeField("i", a::Int32()), a::MakeField("f", a::Float64()),
                     a::MakeField("s", a::Utf8()), a::MakeField("d", a::Decimal128(5, 2)),
                     a::MakeField("day", a::Date32()), a::MakeField("l", a::List(a::Int64())),
                     a::MakeField("st", a::Struct({a::MakeField("x", a::Boolean())})),
                     a::MakeField("m", a::Map(a::Utf8(), a::Int32()))});
  auto batch = a::RecordBatchFromJson(
      schema, R"([[1, 0.1, "a\"b\n", "-1.50", 0, [1, null], {"x": true}, [["k", 1]]],
                  [null, "NaN", null, null, null, null, null, null]])");
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  std::string out;
  ASSERT_TRUE(AppendJsonLines(**batch, {}, &out).ok());
  EXPECT_EQ(out,
            "{\"i\":1,\"f\":0.1,\"s\":\"a\\\"b\\n\",\"d\":-1.50,\"day\":\"1970-01-01\","
            "\"l\":[1,null],\"st\":{\"x\":true},\"m\":{\"k\":1}}\n"
            "{\"f\":null}\n");
  out.clear();
  JsonWriteOptions with_nulls;
  with_nulls.write_nulls = true;
  ASSERT_TRUE(AppendJsonLines(*(*batch)->Slice(1, 1), with_nulls, &out).ok());
  EXPECT_EQ(out,
            "{\"i\":null,\"f\":null,\"s\":null,\"d\":null,\"day\":null,\"l\":null,\"st\":null,"
            "\"m\":null}\n");
}

TEST(JsonWriter, RoundTripsThroughTheReader) {
  testing::TempDir dir;
  auto schema = a::MakeSchema({a::MakeField("id", a::Int64()), a::MakeField("v", a::Float64()),
                               a::MakeField("name", a::Utf8()), a::MakeField("ok", a::Boolean()),
                               a::MakeField("ts", a::Timestamp(a::TimeUnit::kMicro)),
                               a::MakeField("tags", a::List(a::Utf8())),
                               a::MakeField("pt", a::Struct({a::MakeField("x", a::Int64()),
                                                             a::MakeField("y", a::Float64())}))});
  auto batch = a::RecordBatchFromJson(
      schema, R"([[1, 1.25, "caf\u00e9", true, 1700000000123456, ["a", "b"], {"x": 1, "y": 2.5}],
                  [2, -1e300, "tab\there", false, -1, [], {"x": null, "y": null}],
                  [3, null, null, null, null, null, null]])");
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  std::string path = dir.Path("out.json");
  ASSERT_TRUE(WriteJsonFile(path, {*batch}).ok());
  JsonReadOptions options;
  options.schema = schema;
  auto read = ReadJsonFile(path, options);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 1u);
  for (int c = 0; c < schema->num_fields(); ++c) {
    EXPECT_TRUE(a::ArrayDataEquals(*(*read)[0]->column_data(c), *(*batch)->column_data(c)))
        << schema->field(c)->name() << ": "
        << a::DiffArrayData(*(*read)[0]->column_data(c), *(*batch)->column_data(c));
  }
}

}  // namespace
}  // namespace ballista::formats::json
