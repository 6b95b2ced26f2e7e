#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "arrow_test_util.h"
#include "ballista/arrow/array.h"
#include "ballista/arrow/builder.h"

namespace ballista::arrow {
namespace {

using array_testing::FromJson;

Status JsonError(const DataTypePtr& type, std::string_view json) {
  return ArrayFromJson(type, json).status();
}

TEST(ArrayFromJsonTest, IntegersWithNulls) {
  auto data = FromJson(Int32(), "[1, null, 3]");
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data->length, 3);
  EXPECT_EQ(data->GetNullCount(), 1);
  EXPECT_EQ(data->GetValues<int32_t>(1)[0], 1);
  EXPECT_EQ(data->GetValues<int32_t>(1)[2], 3);
  auto u64 = FromJson(UInt64(), "[18446744073709551615, 0]");
  EXPECT_EQ(u64->GetValues<uint64_t>(1)[0], UINT64_MAX);
  auto i64 = FromJson(Int64(), "[-9223372036854775808]");
  EXPECT_EQ(i64->GetValues<int64_t>(1)[0], INT64_MIN);
  EXPECT_EQ(FromJson(Int16(), "[]")->length, 0);
}

TEST(ArrayFromJsonTest, IntegerErrors) {
  Status st = JsonError(Int8(), "[1, 2, 300]");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "ArrayFromJson(int8): [2]: value 300 is out of range for int8");
  EXPECT_EQ(JsonError(UInt8(), "[-1]").message(),
            "ArrayFromJson(uint8): [0]: value -1 is out of range for uint8");
  EXPECT_EQ(JsonError(UInt64(), "[-1]").message(),
            "ArrayFromJson(uint64): [0]: value -1 is out of range for uint64");
  EXPECT_EQ(JsonError(Int32(), "[1.5]").message(),
            "ArrayFromJson(int32): [0]: int32 value: expected an integer, got 1.5");
  EXPECT_EQ(JsonError(Int32(), R"(["x"])").message(),
            "ArrayFromJson(int32): [0]: int32 value: expected an integer, got \"x\"");
  EXPECT_EQ(JsonError(Int64(), "[99999999999999999999]").message(),
            "ArrayFromJson(int64): [0]: value 99999999999999999999 is out of range for int64");
  EXPECT_EQ(JsonError(Int32(), "{}").message(), "ArrayFromJson: expected a JSON array, got {}");
  EXPECT_FALSE(JsonError(Int32(), "[1, 2").ok());
}

TEST(ArrayFromJsonTest, BooleansAndNull) {
  auto data = FromJson(Boolean(), "[true, false, null, 1]");
  auto array = MakeArray(data);
  const auto& bools = static_cast<const BooleanArray&>(*array);
  EXPECT_TRUE(bools.Value(0));
  EXPECT_FALSE(bools.Value(1));
  EXPECT_TRUE(bools.IsNull(2));
  EXPECT_TRUE(bools.Value(3));
  EXPECT_EQ(JsonError(Boolean(), R"(["yes"])").message(),
            "ArrayFromJson(bool): [0]: bool value: expected true or false, got \"yes\"");
  EXPECT_EQ(FromJson(Null(), "[null, null]")->length, 2);
  EXPECT_EQ(JsonError(Null(), "[1]").message(),
            "ArrayFromJson(null): [0]: null value: expected null, got 1");
}

TEST(ArrayFromJsonTest, Floats) {
  auto data = FromJson(Float64(), R"([1.5, -0.25, 1e300, "NaN", "-Infinity", 3])");
  const double* v = data->GetValues<double>(1);
  EXPECT_EQ(v[0], 1.5);
  EXPECT_EQ(v[1], -0.25);
  EXPECT_EQ(v[2], 1e300);
  EXPECT_TRUE(std::isnan(v[3]));
  EXPECT_EQ(v[4], -INFINITY);
  EXPECT_EQ(v[5], 3.0);
  EXPECT_EQ(FromJson(Float32(), "[0.1]")->GetValues<float>(1)[0], 0.1f);
  EXPECT_EQ(FromJson(Float16(), "[-2]")->GetValues<uint16_t>(1)[0], 0xC000);
  EXPECT_EQ(JsonError(Float64(), "[true]").message(),
            "ArrayFromJson(float64): [0]: float64 value: expected a number, got true");
}

TEST(ArrayFromJsonTest, Decimals) {
  auto data = FromJson(Decimal128(10, 3), R"(["1.23", 4, -0.0005, null, "1e2"])");
  auto array = MakeArray(data);
  const auto& dec = static_cast<const DecimalArray&>(*array);
  EXPECT_EQ(dec.Value128(0), 1230);
  EXPECT_EQ(dec.Value128(1), 4000);
  EXPECT_EQ(dec.Value128(2), -1);  // -0.5 thousandths rounds away from zero
  EXPECT_TRUE(dec.IsNull(3));
  EXPECT_EQ(dec.Value128(4), 100000);
  EXPECT_EQ(JsonError(Decimal32(3, 1), R"(["123.4"])").message(),
            "ArrayFromJson(decimal32(3, 1)): [0]: decimal32(3, 1): cannot parse \"123.4\" as a "
            "decimal: needs more "
            "than 3 digits");
  EXPECT_EQ(JsonError(Decimal64(3, 1), "[[1]]").message(),
            "ArrayFromJson(decimal64(3, 1)): [0]: decimal64(3, 1) value: expected a number or a "
            "decimal string, got [1]");
}

TEST(ArrayFromJsonTest, DatesTimesTimestamps) {
  EXPECT_EQ(FromJson(Date32(), R"(["2024-01-31", 5, "1969-12-31"])")->GetValues<int32_t>(1)[0],
            19753);
  EXPECT_EQ(FromJson(Date32(), R"(["1969-12-31"])")->GetValues<int32_t>(1)[0], -1);
  EXPECT_EQ(FromJson(Date64(), R"(["2024-01-31"])")->GetValues<int64_t>(1)[0], 1706659200000);
  EXPECT_EQ(FromJson(Time32(TimeUnit::kSecond), R"(["12:34:56"])")->GetValues<int32_t>(1)[0],
            45296);
  EXPECT_EQ(FromJson(Time32(TimeUnit::kMilli), R"(["12:34:56.7"])")->GetValues<int32_t>(1)[0],
            45296700);
  EXPECT_EQ(
      FromJson(Time64(TimeUnit::kNano), R"(["00:00:01.000000002"])")->GetValues<int64_t>(1)[0],
      1000000002);
  EXPECT_EQ(FromJson(Timestamp(TimeUnit::kSecond), R"(["2024-01-31T12:00:00"])")
                ->GetValues<int64_t>(1)[0],
            1706702400);
  EXPECT_EQ(
      FromJson(Timestamp(TimeUnit::kSecond), R"(["2024-01-31 12:00"])")->GetValues<int64_t>(1)[0],
      1706702400);
  EXPECT_EQ(FromJson(Timestamp(TimeUnit::kMilli, "UTC"), R"(["2024-01-31T12:00:00.25Z"])")
                ->GetValues<int64_t>(1)[0],
            1706702400250);
  // An offset converts the instant to UTC.
  EXPECT_EQ(FromJson(Timestamp(TimeUnit::kSecond), R"(["2024-01-31T17:30:00+05:30"])")
                ->GetValues<int64_t>(1)[0],
            1706702400);
  EXPECT_EQ(FromJson(Timestamp(TimeUnit::kMicro), R"(["1970-01-01"])")->GetValues<int64_t>(1)[0],
            0);
  EXPECT_EQ(FromJson(Timestamp(TimeUnit::kNano), "[123]")->GetValues<int64_t>(1)[0], 123);
  EXPECT_EQ(
      JsonError(Date32(), R"(["2024-02-30"])").message(),
      "ArrayFromJson(date32): [0]: cannot parse \"2024-02-30\" as a date (expected YYYY-MM-DD)");
  EXPECT_EQ(
      JsonError(Timestamp(TimeUnit::kNano), R"(["3000-01-01"])").message(),
      "ArrayFromJson(timestamp[ns]): [0]: timestamp \"3000-01-01\" is out of range for unit ns");
  EXPECT_FALSE(JsonError(Time32(TimeUnit::kSecond), R"(["25:00:00"])").ok());
  EXPECT_EQ(JsonError(Date64(), R"(["999999999-01-01"])").message(),
            "ArrayFromJson(date64): [0]: value \"999999999-01-01\" is out of range for date64");
  EXPECT_EQ(JsonError(Date32(), R"(["999999999-01-01"])").message(),
            "ArrayFromJson(date32): [0]: value \"999999999-01-01\" is out of range for date32");
  EXPECT_FALSE(JsonError(Duration(TimeUnit::kSecond), R"(["1 day"])").ok());
  EXPECT_EQ(FromJson(Duration(TimeUnit::kMilli), "[-5]")->GetValues<int64_t>(1)[0], -5);
}

TEST(ArrayFromJsonTest, Intervals) {
  EXPECT_EQ(FromJson(IntervalYearMonth(), "[13]")->GetValues<int32_t>(1)[0], 13);
  auto day_time = FromJson(IntervalDayTime(), R"([[1, 2], {"days": 3, "milliseconds": 4}])");
  EXPECT_EQ(day_time->GetValues<DayTimeInterval>(1)[0], (DayTimeInterval{1, 2}));
  EXPECT_EQ(day_time->GetValues<DayTimeInterval>(1)[1], (DayTimeInterval{3, 4}));
  auto mdn = FromJson(IntervalMonthDayNano(), R"([[1, -2, 3000000000000], {"months": 4}])");
  EXPECT_EQ(mdn->GetValues<MonthDayNanoInterval>(1)[0],
            (MonthDayNanoInterval{1, -2, 3000000000000}));
  EXPECT_EQ(mdn->GetValues<MonthDayNanoInterval>(1)[1], (MonthDayNanoInterval{4, 0, 0}));
  EXPECT_EQ(JsonError(IntervalDayTime(), "[[1]]").message(),
            "ArrayFromJson(interval_day_time): [0]: interval_day_time value: expected [days, "
            "milliseconds], got [1]");
}

TEST(ArrayFromJsonTest, StringsAndBinaries) {
  for (const auto& type :
       {Utf8(), LargeUtf8(), Utf8View(), Binary(), LargeBinary(), BinaryView()}) {
    auto data = FromJson(type, R"(["a", null, "", "a value longer than twelve bytes", "\u00e9"])");
    ASSERT_NE(data, nullptr) << type->ToString();
    EXPECT_EQ(data->length, 5);
    EXPECT_EQ(data->GetNullCount(), 1);
    auto array = MakeArray(data);
    EXPECT_EQ(array->ToString(),
              IsStringLike(type->id())
                  ? "[a, null, , a value longer than twelve bytes, é]"
                  : "[61, null, , "
                    "612076616c7565206c6f6e676572207468616e207477656c7665206279746573, c3a9]")
        << type->ToString();
  }
  EXPECT_EQ(JsonError(Utf8(), "[1]").message(),
            "ArrayFromJson(utf8): [0]: utf8 value: expected a string, got 1");
  auto fsb = FromJson(FixedSizeBinary(3), R"(["abc", null])");
  EXPECT_EQ(std::memcmp(fsb->buffers[1]->data(), "abc", 3), 0);
  EXPECT_EQ(JsonError(FixedSizeBinary(3), R"(["ab"])").message(),
            "ArrayFromJson(fixed_size_binary[3]): [0]: fixed_size_binary[3] builder: value of 2 "
            "bytes, expected 3");
}

TEST(ArrayFromJsonTest, Lists) {
  auto data = FromJson(List(Int32()), "[[1, 2], null, [], [null]]");
  ASSERT_NE(data, nullptr);
  const int32_t* offsets = data->GetValues<int32_t>(1);
  EXPECT_EQ(offsets[0], 0);
  EXPECT_EQ(offsets[1], 2);
  EXPECT_EQ(offsets[2], 2);
  EXPECT_EQ(offsets[3], 2);
  EXPECT_EQ(offsets[4], 3);
  EXPECT_EQ(data->child_data[0]->length, 3);
  EXPECT_TRUE(data->child_data[0]->IsNull(2));
  auto large = FromJson(LargeList(List(Utf8())), R"([[["a"], []], [null]])");
  EXPECT_EQ(large->child_data[0]->length, 3);
  auto fixed = FromJson(FixedSizeList(Int64(), 2), "[[1, 2], null, [3, 4]]");
  EXPECT_EQ(fixed->child_data[0]->length, 6);
  EXPECT_EQ(JsonError(FixedSizeList(Int64(), 2), "[[1, 2, 3]]").message(),
            "ArrayFromJson(fixed_size_list<item: int64>[2]): [0]: fixed_size_list<item: int64>[2] "
            "value: expected 2 "
            "elements, got 3");
  EXPECT_EQ(JsonError(List(Int8()), "[[1, 999]]").message(),
            "ArrayFromJson(list<item: int8>): [0]: [1]: value 999 is out of range for int8");
  EXPECT_EQ(
      JsonError(List(Int8()), "[5]").message(),
      "ArrayFromJson(list<item: int8>): [0]: list<item: int8> value: expected an array, got 5");
}

TEST(ArrayFromJsonTest, Structs) {
  auto type = Struct({MakeField("a", Int32()), MakeField("b", Utf8())});
  auto by_name = FromJson(type, R"([{"a": 1, "b": "x"}, {"b": "y"}, null, {}])");
  auto by_position = FromJson(type, R"([[1, "x"], [null, "y"], null, [null, null]])");
  BA_EXPECT_ARRAYS_EQUAL(by_name, by_position);
  EXPECT_TRUE(by_name->IsNull(2));
  EXPECT_TRUE(by_name->child_data[0]->IsNull(1));
  EXPECT_EQ(JsonError(type, R"([{"a": 1, "c": 2}])").message(),
            "ArrayFromJson(struct<a: int32, b: utf8>): [0]: struct<a: int32, b: utf8> value: "
            "unknown field \"c\"");
  EXPECT_EQ(JsonError(type, R"([{"a": "one"}])").message(),
            "ArrayFromJson(struct<a: int32, b: utf8>): [0]: a: int32 value: expected an integer, "
            "got \"one\"");
  EXPECT_EQ(JsonError(type, "[[1]]").message(),
            "ArrayFromJson(struct<a: int32, b: utf8>): [0]: struct<a: int32, b: utf8> value: "
            "expected 2 fields, got 1");
}

TEST(ArrayFromJsonTest, Maps) {
  auto type = Map(Utf8(), Int32());
  auto pairs = FromJson(type, R"([[["k1", 1], ["k2", 2]], null, []])");
  auto objects = FromJson(type, R"([{"k1": 1, "k2": 2}, null, {}])");
  auto entries =
      FromJson(type, R"([[{"key": "k1", "value": 1}, {"key": "k2", "value": 2}], null, []])");
  BA_EXPECT_ARRAYS_EQUAL(pairs, objects);
  BA_EXPECT_ARRAYS_EQUAL(pairs, entries);
  EXPECT_EQ(pairs->child_data[0]->length, 2);
  // Object keys are parsed for non-string key types.
  auto int_keys = FromJson(Map(Int64(), Utf8()), R"([{"1": "one", "20": "twenty"}])");
  EXPECT_EQ(int_keys->child_data[0]->child_data[0]->GetValues<int64_t>(1)[1], 20);
  EXPECT_EQ(JsonError(type, R"([[[null, 1]]])").message(),
            "ArrayFromJson(map<utf8, int32>): [0]: [0]: map<utf8, int32> value: map keys must not "
            "be null");
  EXPECT_EQ(JsonError(type, R"([[["k"]]])").message(),
            "ArrayFromJson(map<utf8, int32>): [0]: [0]: map<utf8, int32> value: expected a [key, "
            "value] entry, got [\"k\"]");
}

TEST(ArrayFromJsonTest, DictionariesFromDecodedValues) {
  auto type = Dictionary(Int32(), Utf8());
  auto data = FromJson(type, R"(["a", "b", null, "a"])");
  ASSERT_NE(data, nullptr);
  const int32_t* indices = data->GetValues<int32_t>(1);
  EXPECT_EQ(indices[0], 0);
  EXPECT_EQ(indices[1], 1);
  EXPECT_EQ(indices[3], 0);
  BA_EXPECT_ARRAYS_EQUAL(FromJson(Utf8(), R"(["a", "b"])"), data->dictionary);
  auto nested = FromJson(List(Dictionary(Int8(), Int64())), "[[7, 8], [7]]");
  EXPECT_EQ(nested->child_data[0]->dictionary->length, 2);
  EXPECT_EQ(JsonError(type, "[1]").message(),
            "ArrayFromJson(utf8): [0]: utf8 value: expected a string, got 1");
}

TEST(ArrayFromJsonTest, RecordBatchFromRowsObjectsAndArrays) {
  auto schema = MakeSchema(
      {MakeField("id", Int64()), MakeField("name", Utf8()), MakeField("score", Float64())});
  auto batch = array_testing::BatchFromJson(
      schema, R"([{"id": 1, "name": "a", "score": 0.5}, [2, null, 1.5], {"id": 3}])");
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(batch->num_rows(), 3);
  EXPECT_EQ(batch->num_columns(), 3);
  BA_EXPECT_ARRAYS_EQUAL(FromJson(Int64(), "[1, 2, 3]"), batch->column_data(0));
  BA_EXPECT_ARRAYS_EQUAL(FromJson(Utf8(), R"(["a", null, null])"), batch->column_data(1));
  BA_EXPECT_ARRAYS_EQUAL(FromJson(Float64(), "[0.5, 1.5, null]"), batch->column_data(2));

  auto empty = RecordBatchFromJson(schema, "[]");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ((*empty)->num_rows(), 0);

  EXPECT_EQ(RecordBatchFromJson(schema, R"([{"nmae": "x"}])").status().message(),
            "RecordBatchFromJson: row 0: field \"nmae\" not found; did you mean \"name\"?");
  EXPECT_EQ(
      RecordBatchFromJson(schema, R"([{"id": 1}, {"id": "x"}])").status().message(),
      "RecordBatchFromJson: row 1, column \"id\": int64 value: expected an integer, got \"x\"");
  EXPECT_EQ(RecordBatchFromJson(schema, "[[1, 2]]").status().message(),
            "RecordBatchFromJson: row 0: expected 3 values, got 2");
  EXPECT_EQ(RecordBatchFromJson(schema, "[5]").status().message(),
            "RecordBatchFromJson: row 0: expected an object or an array, got 5");
  EXPECT_EQ(RecordBatchFromJson(schema, "{}").status().message(),
            "RecordBatchFromJson: expected a JSON array of rows, got {}");
}

TEST(ArrayFromJsonTest, EveryTypeRoundTripsThroughValidation) {
  const std::vector<std::pair<DataTypePtr, std::string>> cases = {
      {Int16(), "[1, null]"},
      {UInt32(), "[4294967295]"},
      {Decimal256(50, 5), R"(["-1.5", null])"},
      {Date64(), "[86400000]"},
      {Timestamp(TimeUnit::kMicro, "+01:00"), R"(["2020-02-29T23:59:59.999999+01:00"])"},
      {Struct({MakeField("l", List(Map(Utf8(), Boolean())))}),
       R"([{"l": [{"x": true}, null]}, {"l": null}])"},
      {FixedSizeList(Struct({MakeField("v", Utf8View())}), 1),
       R"([[{"v": "inner value, not inline"}]])"},
  };
  for (const auto& [type, json] : cases) {
    auto data = FromJson(type, json);
    ASSERT_NE(data, nullptr) << type->ToString();
    EXPECT_TRUE(data->type->Equals(*type));
  }
}

}  // namespace
}  // namespace ballista::arrow
