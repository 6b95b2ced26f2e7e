#include "ballista/arrow/pretty_print.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "arrow_test_util.h"

namespace ballista::arrow {
namespace {

using array_testing::BatchFromJson;
using array_testing::FromJson;

// Texts of every slot, nulls as "NULL".
std::vector<std::string> Texts(const DataTypePtr& type, std::string_view json) {
  auto data = FromJson(type, json);
  std::vector<std::string> out;
  if (data == nullptr) return out;
  for (int64_t i = 0; i < data->length; ++i) out.push_back(FormatValue(*data, i, "NULL"));
  return out;
}

using Strings = std::vector<std::string>;

TEST(FormatValueTest, Integers) {
  EXPECT_EQ(Texts(Int32(), "[42, -7, null]"), (Strings{"42", "-7", "NULL"}));
  EXPECT_EQ(Texts(UInt64(), "[18446744073709551615]"), (Strings{"18446744073709551615"}));
  EXPECT_EQ(Texts(Int8(), "[-128]"), (Strings{"-128"}));
  EXPECT_EQ(Texts(Boolean(), "[true, false]"), (Strings{"true", "false"}));
}

TEST(FormatValueTest, TopLevelNullUsesNullText) {
  auto data = FromJson(Utf8(), R"([null, "x"])");
  EXPECT_EQ(FormatValue(*data, 0), "");
  EXPECT_EQ(FormatValue(*data, 0, "NULL"), "NULL");
  EXPECT_EQ(FormatValue(*data, 1), "x");
  auto nulls = FromJson(Null(), "[null]");
  EXPECT_EQ(FormatValue(*nulls, 0), "");
}

TEST(FormatValueTest, FloatsUseShortestRoundTrip) {
  EXPECT_EQ(Texts(Float64(),
                  R"([1, 0.1, -2.5, 1e20, 0.3333333333333333, "NaN", "Infinity", "-Infinity"])"),
            (Strings{"1.0", "0.1", "-2.5", "1e+20", "0.3333333333333333", "NaN", "inf", "-inf"}));
  EXPECT_EQ(Texts(Float32(), "[0.1, 3]"), (Strings{"0.1", "3.0"}));
  EXPECT_EQ(Texts(Float16(), "[0.1, 1.5, 65504, -0.5]"),
            (Strings{"0.1", "1.5", "65504.0", "-0.5"}));
}

TEST(FormatValueTest, DecimalsKeepTheirScale) {
  EXPECT_EQ(Texts(Decimal128(5, 2), R"(["12.3", "-0.05", 0, "999.99"])"),
            (Strings{"12.30", "-0.05", "0.00", "999.99"}));
  EXPECT_EQ(Texts(Decimal32(4, 0), "[123, -9]"), (Strings{"123", "-9"}));
  EXPECT_EQ(Texts(Decimal64(10, 5), R"(["-0.00001"])"), (Strings{"-0.00001"}));
  EXPECT_EQ(Texts(Decimal128(5, -2), "[1200]"), (Strings{"1200"}));
  EXPECT_EQ(Texts(Decimal256(40, 1), R"(["-123456789012345678901234567890123456789.5"])"),
            (Strings{"-123456789012345678901234567890123456789.5"}));
}

TEST(FormatValueTest, Dates) {
  EXPECT_EQ(Texts(Date32(), "[19753, 0, -1, 11016]"),
            (Strings{"2024-01-31", "1970-01-01", "1969-12-31", "2000-02-29"}));
  EXPECT_EQ(Texts(Date64(), "[1706659200000, -1]"), (Strings{"2024-01-31", "1969-12-31"}));
}

TEST(FormatValueTest, Timestamps) {
  EXPECT_EQ(Texts(Timestamp(TimeUnit::kSecond), "[1706702400, -1]"),
            (Strings{"2024-01-31T12:00:00", "1969-12-31T23:59:59"}));
  EXPECT_EQ(Texts(Timestamp(TimeUnit::kMilli), "[1706702400123, -1]"),
            (Strings{"2024-01-31T12:00:00.123", "1969-12-31T23:59:59.999"}));
  EXPECT_EQ(Texts(Timestamp(TimeUnit::kMicro), "[1706702400000500]"),
            (Strings{"2024-01-31T12:00:00.000500"}));
  EXPECT_EQ(Texts(Timestamp(TimeUnit::kNano), "[1706702400000000001, 1706702400500000000]"),
            (Strings{"2024-01-31T12:00:00.000000001", "2024-01-31T12:00:00.500"}));
  EXPECT_EQ(Texts(Timestamp(TimeUnit::kSecond, "UTC"), "[1706702400]"),
            (Strings{"2024-01-31T12:00:00Z"}));
  EXPECT_EQ(Texts(Timestamp(TimeUnit::kSecond, "+05:30"), "[1706702400]"),
            (Strings{"2024-01-31T17:30:00+05:30"}));
  EXPECT_EQ(Texts(Timestamp(TimeUnit::kSecond, "-08:00"), "[1706702400]"),
            (Strings{"2024-01-31T04:00:00-08:00"}));
}

TEST(FormatValueTest, TimesDurationsIntervals) {
  EXPECT_EQ(Texts(Time32(TimeUnit::kSecond), "[45296, 0]"), (Strings{"12:34:56", "00:00:00"}));
  EXPECT_EQ(Texts(Time32(TimeUnit::kMilli), "[45296789]"), (Strings{"12:34:56.789"}));
  EXPECT_EQ(Texts(Time64(TimeUnit::kMicro), "[45296000001]"), (Strings{"12:34:56.000001"}));
  EXPECT_EQ(Texts(Duration(TimeUnit::kSecond), "[93784, -90]"),
            (Strings{"1 days 2 hours 3 mins 4 secs", "0 days 0 hours -1 mins -30 secs"}));
  EXPECT_EQ(Texts(Duration(TimeUnit::kMilli), "[1500]"),
            (Strings{"0 days 0 hours 0 mins 1.500 secs"}));
  EXPECT_EQ(Texts(IntervalYearMonth(), "[14, 0, -3]"),
            (Strings{"1 years 2 mons", "0 secs", "-3 mons"}));
  EXPECT_EQ(Texts(IntervalDayTime(), "[[3, 1500]]"), (Strings{"3 days 1.500 secs"}));
  EXPECT_EQ(Texts(IntervalMonthDayNano(), "[[1, 2, 3723000000000], [-1, 0, -500000000]]"),
            (Strings{"1 mons 2 days 1 hours 2 mins 3 secs", "-1 mons -0.500 secs"}));
}

TEST(FormatValueTest, StringsRawBinaryHex) {
  EXPECT_EQ(Texts(Utf8(), R"(["héllo", ""])"), (Strings{"héllo", ""}));
  EXPECT_EQ(Texts(Utf8View(), R"(["a string that does not fit inline"])"),
            (Strings{"a string that does not fit inline"}));
  EXPECT_EQ(Texts(Binary(), R"(["abc"])"), (Strings{"616263"}));
  EXPECT_EQ(Texts(BinaryView(), R"(["\u0001\u00ff"])"), (Strings{"01c3bf"}));
  EXPECT_EQ(Texts(FixedSizeBinary(2), R"(["AZ"])"), (Strings{"415a"}));
}

TEST(FormatValueTest, NestedValues) {
  EXPECT_EQ(Texts(List(Int32()), "[[1, null, 3], null, []]"),
            (Strings{"[1, null, 3]", "NULL", "[]"}));
  EXPECT_EQ(Texts(List(List(Int32())), "[[[1], [2, 3]], [null]]"),
            (Strings{"[[1], [2, 3]]", "[null]"}));
  EXPECT_EQ(Texts(FixedSizeList(Utf8(), 2), R"([["a", null]])"), (Strings{"[a, null]"}));
  auto st = Struct({MakeField("a", Int32()), MakeField("b", Utf8())});
  EXPECT_EQ(Texts(st, R"([{"a": 1, "b": "x"}, {"a": null}, null])"),
            (Strings{"{a: 1, b: x}", "{a: null, b: null}", "NULL"}));
  EXPECT_EQ(Texts(Map(Utf8(), Int32()), R"([{"k1": 1, "k2": null}, {}])"),
            (Strings{"{k1: 1, k2: null}", "{}"}));
  EXPECT_EQ(Texts(Dictionary(Int8(), Utf8()), R"(["b", null, "a", "b"])"),
            (Strings{"b", "NULL", "a", "b"}));
  EXPECT_EQ(Texts(List(Dictionary(Int8(), Int32())), "[[5, 6, 5]]"), (Strings{"[5, 6, 5]"}));
  // Slices keep addressing the right children.
  auto lists = FromJson(List(Int32()), "[[1], [2, 3], [4]]")->Slice(1, 2);
  EXPECT_EQ(FormatValue(*lists, 0), "[2, 3]");
  auto structs = FromJson(st, R"([{"a": 1, "b": "x"}, {"a": 2, "b": "y"}])")->Slice(1, 1);
  EXPECT_EQ(FormatValue(*structs, 0), "{a: 2, b: y}");
}

TEST(PrettyFormatTest, DataFusionTable) {
  auto schema = MakeSchema({MakeField("id", Int32()), MakeField("name", Utf8())});
  auto batch = BatchFromJson(schema, R"([{"id": 1, "name": "alice"}, {"name": "bob"}])");
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(PrettyFormat(*batch),
            "+----+-------+\n"
            "| id | name  |\n"
            "+----+-------+\n"
            "| 1  | alice |\n"
            "|    | bob   |\n"
            "+----+-------+");
}

TEST(PrettyFormatTest, SeveralBatchesAndUtf8Widths) {
  auto schema = MakeSchema({MakeField("n", Int64()), MakeField("city", Utf8())});
  auto first = BatchFromJson(schema, R"([[1, "Zürich"]])");
  auto second = BatchFromJson(schema, R"([[100000, "Oslo"], [null, null]])");
  EXPECT_EQ(PrettyFormat({first, second}),
            "+--------+--------+\n"
            "| n      | city   |\n"
            "+--------+--------+\n"
            "| 1      | Zürich |\n"
            "| 100000 | Oslo   |\n"
            "|        |        |\n"
            "+--------+--------+");
}

TEST(PrettyFormatTest, EmptyResults) {
  auto schema = MakeSchema({MakeField("id", Int32()), MakeField("name", Utf8())});
  auto empty = BatchFromJson(schema, "[]");
  EXPECT_EQ(PrettyFormat(*empty),
            "+----+------+\n"
            "| id | name |\n"
            "+----+------+\n"
            "+----+------+");
  EXPECT_EQ(PrettyFormat(schema, {}),
            "+----+------+\n"
            "| id | name |\n"
            "+----+------+\n"
            "+----+------+");
  EXPECT_EQ(PrettyFormat(std::vector<std::shared_ptr<RecordBatch>>{}), "++\n++");
}

TEST(PrettyFormatTest, NestedAndTemporalCells) {
  auto schema =
      MakeSchema({MakeField("tags", List(Utf8())), MakeField("at", Timestamp(TimeUnit::kMilli)),
                  MakeField("price", Decimal128(10, 2))});
  auto batch = BatchFromJson(
      schema, R"([{"tags": ["a", "b"], "at": "2024-01-31T12:00:00.5", "price": "3.5"}])");
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(PrettyFormat(*batch),
            "+--------+-------------------------+-------+\n"
            "| tags   | at                      | price |\n"
            "+--------+-------------------------+-------+\n"
            "| [a, b] | 2024-01-31T12:00:00.500 | 3.50  |\n"
            "+--------+-------------------------+-------+");
}

TEST(PrettyFormatTest, Schema) {
  auto schema = MakeSchema({MakeField("id", Int32(), false), MakeField("name", Utf8())});
  EXPECT_EQ(PrettyFormatSchema(*schema),
            "+------+----------------+\n"
            "| name | type           |\n"
            "+------+----------------+\n"
            "| id   | int32 not null |\n"
            "| name | utf8           |\n"
            "+------+----------------+");
}

TEST(PrettyFormatTest, Utf8Length) {
  EXPECT_EQ(Utf8Length(""), 0);
  EXPECT_EQ(Utf8Length("abc"), 3);
  EXPECT_EQ(Utf8Length("Zürich"), 6);
  EXPECT_EQ(Utf8Length("日本"), 2);
}

}  // namespace
}  // namespace ballista::arrow
