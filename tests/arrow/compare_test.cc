#include "ballista/arrow/compare.h"

#include <gtest/gtest.h>

#include <cmath>

#include "arrow_test_util.h"
#include "ballista/arrow/builder.h"

namespace ballista::arrow {
namespace {

using array_testing::FromJson;

TEST(CompareTest, SameValuesAreEqual) {
  EXPECT_TRUE(
      ArrayDataEquals(*FromJson(Int32(), "[1, null, 3]"), *FromJson(Int32(), "[1, null, 3]")));
  EXPECT_FALSE(
      ArrayDataEquals(*FromJson(Int32(), "[1, null, 3]"), *FromJson(Int32(), "[1, 2, 3]")));
  EXPECT_FALSE(ArrayDataEquals(*FromJson(Int32(), "[1, 2]"), *FromJson(Int32(), "[1, 2, 3]")));
  EXPECT_FALSE(ArrayDataEquals(*FromJson(Int32(), "[1]"), *FromJson(Int64(), "[1]")));
  EXPECT_TRUE(ArrayDataEquals(*FromJson(Int32(), "[]"), *FromJson(Int32(), "[]")));
}

TEST(CompareTest, IgnoresBytesUnderNulls) {
  // Same validity, different garbage under the null slot.
  auto a = FromJson(Int32(), "[1, 2, 3]");
  auto b = FromJson(Int32(), "[1, 99, 3]");
  uint8_t bitmap = 0b101;
  auto with_nulls = [&](const std::shared_ptr<ArrayData>& d) {
    auto copy = std::make_shared<ArrayData>(*d);
    copy->buffers[0] = Buffer::CopyOf(std::string_view(reinterpret_cast<const char*>(&bitmap), 1));
    copy->null_count = kUnknownNullCount;
    return copy;
  };
  EXPECT_TRUE(ArrayDataEquals(*with_nulls(a), *with_nulls(b)));
  EXPECT_FALSE(ArrayDataEquals(*a, *b));
}

TEST(CompareTest, HonoursOffsets) {
  auto whole = FromJson(Utf8(), R"(["x", "a", null, "b"])");
  auto part = FromJson(Utf8(), R"(["a", null, "b"])");
  EXPECT_TRUE(ArrayDataEquals(*whole->Slice(1, 3), *part));
  EXPECT_FALSE(ArrayDataEquals(*whole->Slice(0, 3), *part));
  auto ints = FromJson(Int64(), "[5, 6, 7, 8]");
  EXPECT_TRUE(ArrayDataEquals(*ints->Slice(2, 2), *FromJson(Int64(), "[7, 8]")));
  auto bools = FromJson(Boolean(), "[true, false, true, true]");
  EXPECT_TRUE(ArrayDataEquals(*bools->Slice(1, 3), *FromJson(Boolean(), "[false, true, true]")));
}

TEST(CompareTest, FloatsTreatNaNAsEqual) {
  auto a = FromJson(Float64(), R"([1.0, "NaN", null])");
  auto b = FromJson(Float64(), R"([1.0, "NaN", null])");
  EXPECT_TRUE(ArrayDataEquals(*a, *b));
  EXPECT_FALSE(ArrayDataEquals(*a, *FromJson(Float64(), R"([1.0, 2.0, null])")));
  EXPECT_TRUE(
      ArrayDataEquals(*FromJson(Float32(), R"(["NaN"])"), *FromJson(Float32(), R"(["NaN"])")));
  EXPECT_TRUE(ArrayDataEquals(*FromJson(Float16(), R"(["NaN", 0.5])"),
                              *FromJson(Float16(), R"(["NaN", 0.5])")));
  EXPECT_FALSE(ArrayDataEquals(*FromJson(Float16(), "[0.5]"), *FromJson(Float16(), "[0.25]")));
}

TEST(CompareTest, ViewsCompareByContentNotLayout) {
  // The same strings, one array with one data block and the other built in two.
  auto a = FromJson(Utf8View(), R"(["short", "a string longer than twelve"])");
  StringViewBuilder builder;
  BA_ASSERT_OK(builder.Append("short"));
  BA_ASSERT_OK(builder.Append("a string longer than twelve"));
  BA_ASSIGN_OR_FAIL(auto b, builder.Finish());
  auto padded = std::make_shared<ArrayData>(*b);
  padded->buffers.insert(padded->buffers.begin() + 2, Buffer::CopyOf("unused block"));
  // Re-point the long view at buffer 1 (the original block).
  auto views = Buffer::CopyOf(b->buffers[1]->view());
  auto* raw = views->mutable_data_as<BinaryViewValue>();
  raw[1] = BinaryViewValue::Reference("a string longer than twelve", 1, 0);
  padded->buffers[1] = views;
  BA_EXPECT_OK(ValidateArrayData(*padded, true));
  EXPECT_TRUE(ArrayDataEquals(*a, *padded));
}

TEST(CompareTest, NestedTypes) {
  auto list_type = List(Int32());
  EXPECT_TRUE(ArrayDataEquals(*FromJson(list_type, "[[1, 2], null, []]"),
                              *FromJson(list_type, "[[1, 2], null, []]")));
  EXPECT_FALSE(ArrayDataEquals(*FromJson(list_type, "[[1, 2]]"), *FromJson(list_type, "[[1, 3]]")));
  EXPECT_FALSE(
      ArrayDataEquals(*FromJson(list_type, "[[1], [2]]"), *FromJson(list_type, "[[1, 2], []]")));
  auto lists = FromJson(list_type, "[[9], [1, 2], [3]]");
  EXPECT_TRUE(ArrayDataEquals(*lists->Slice(1, 2), *FromJson(list_type, "[[1, 2], [3]]")));

  auto st = Struct({MakeField("a", Int32()), MakeField("b", Utf8())});
  auto structs = FromJson(st, R"([{"a": 0, "b": "z"}, {"a": 1, "b": "x"}, null])");
  EXPECT_TRUE(
      ArrayDataEquals(*structs->Slice(1, 2), *FromJson(st, R"([{"a": 1, "b": "x"}, null])")));
  EXPECT_FALSE(
      ArrayDataEquals(*structs->Slice(1, 2), *FromJson(st, R"([{"a": 1, "b": "y"}, null])")));

  auto fsl = FixedSizeList(Int8(), 2);
  auto fixed = FromJson(fsl, "[[1, 2], [3, 4]]");
  EXPECT_TRUE(ArrayDataEquals(*fixed->Slice(1, 1), *FromJson(fsl, "[[3, 4]]")));

  auto map = Map(Utf8(), Int64());
  EXPECT_TRUE(ArrayDataEquals(*FromJson(map, R"([{"a": 1}])"), *FromJson(map, R"([[["a", 1]]])")));
  EXPECT_FALSE(ArrayDataEquals(*FromJson(map, R"([{"a": 1}])"), *FromJson(map, R"([{"a": 2}])")));
}

TEST(CompareTest, DictionariesCompareIndicesAndDictionary) {
  auto type = Dictionary(Int8(), Utf8());
  EXPECT_TRUE(ArrayDataEquals(*FromJson(type, R"(["a", "b", "a"])"),
                              *FromJson(type, R"(["a", "b", "a"])")));
  // Same decoded values, different dictionary order: not equal by this definition.
  auto ab = FromJson(type, R"(["a", "b"])");
  auto ba_dict = FromJson(type, R"(["b", "a"])");
  auto reordered = std::make_shared<ArrayData>(*ba_dict);
  reordered->buffers[1] = Buffer::CopyOf(std::string("\x01\x00", 2));
  EXPECT_FALSE(ArrayDataEquals(*ab, *reordered));
  EXPECT_EQ(DiffArrayData(*ab, *reordered),
            "dictionaries differ: first difference at index 0: a vs b");
}

TEST(CompareTest, DecimalsAndTemporal) {
  EXPECT_TRUE(ArrayDataEquals(*FromJson(Decimal128(5, 2), R"(["1.20"])"),
                              *FromJson(Decimal128(5, 2), "[1.2]")));
  EXPECT_FALSE(ArrayDataEquals(*FromJson(Decimal128(5, 2), R"(["1.20"])"),
                               *FromJson(Decimal128(5, 1), "[1.2]")));
  EXPECT_TRUE(
      ArrayDataEquals(*FromJson(Date32(), R"(["2024-01-31"])"), *FromJson(Date32(), "[19753]")));
  EXPECT_TRUE(ArrayDataEquals(*FromJson(IntervalMonthDayNano(), "[[1, 2, 3]]"),
                              *FromJson(IntervalMonthDayNano(), "[[1, 2, 3]]")));
  EXPECT_FALSE(ArrayDataEquals(*FromJson(IntervalMonthDayNano(), "[[1, 2, 3]]"),
                               *FromJson(IntervalMonthDayNano(), "[[1, 2, 4]]")));
}

TEST(CompareTest, DiffNamesTheFirstDifference) {
  EXPECT_EQ(DiffArrayData(*FromJson(Int32(), "[1, 2, 3]"), *FromJson(Int32(), "[1, 2, 3]")), "");
  EXPECT_EQ(DiffArrayData(*FromJson(Int32(), "[1]"), *FromJson(Int64(), "[1]")),
            "types differ: int32 vs int64");
  EXPECT_EQ(DiffArrayData(*FromJson(Int32(), "[1, 2, 3]"), *FromJson(Int32(), "[1, 2, 3, 4]")),
            "lengths differ: 3 vs 4");
  EXPECT_EQ(DiffArrayData(*FromJson(Int32(), "[1, 2, 3]"), *FromJson(Int32(), "[1, 2, null]")),
            "first difference at index 2: 3 vs null");
  EXPECT_EQ(DiffArrayData(*FromJson(List(Utf8()), R"([["a"], ["b", "c"]])"),
                          *FromJson(List(Utf8()), R"([["a"], ["b", null]])")),
            "first difference at index 1: [b, c] vs [b, null]");
}

TEST(CompareTest, RecordBatches) {
  auto schema = MakeSchema({MakeField("id", Int32()), MakeField("name", Utf8())});
  auto a = array_testing::BatchFromJson(schema, R"([{"id": 1, "name": "x"}, {"id": 2}])");
  auto b = array_testing::BatchFromJson(schema, R"([[1, "x"], [2, null]])");
  auto c = array_testing::BatchFromJson(schema, R"([[1, "x"], [2, "y"]])");
  ASSERT_TRUE(a && b && c);
  EXPECT_TRUE(RecordBatchEquals(*a, *b));
  EXPECT_FALSE(RecordBatchEquals(*a, *c));
  EXPECT_EQ(DiffRecordBatch(*a, *c), "column \"name\": first difference at index 1: null vs y");
  EXPECT_TRUE(RecordBatchEquals(*a->Slice(0, 1), *c->Slice(0, 1)));
  EXPECT_FALSE(RecordBatchEquals(*a->Slice(1, 1), *c->Slice(1, 1)));
  auto other_schema = MakeSchema({MakeField("id", Int32()), MakeField("label", Utf8())});
  auto d = array_testing::BatchFromJson(other_schema, R"([[1, "x"], [2, null]])");
  EXPECT_FALSE(RecordBatchEquals(*a, *d));
  EXPECT_EQ(DiffRecordBatch(*a, *a), "");
}

}  // namespace
}  // namespace ballista::arrow
