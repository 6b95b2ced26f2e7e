#include "ballista/arrow/array.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "arrow_test_util.h"
#include "ballista/arrow/builder.h"

namespace ballista::arrow {
namespace {

using array_testing::FromJson;

template <typename T>
std::shared_ptr<Buffer> BufferOf(const std::vector<T>& values) {
  return Buffer::CopyOf(
      std::string_view(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T)));
}

std::shared_ptr<Buffer> Bits(std::initializer_list<int> bits) {
  std::vector<uint8_t> bytes((bits.size() + 7) / 8, 0);
  int i = 0;
  for (int b : bits) {
    if (b) bytes[static_cast<size_t>(i / 8)] |= static_cast<uint8_t>(1 << (i % 8));
    ++i;
  }
  return BufferOf(bytes);
}

TEST(ArrayTest, Int32ValuesNullsAndSlice) {
  auto data =
      ArrayData::Make(Int32(), 5, {Bits({1, 0, 1, 1, 0}), BufferOf<int32_t>({10, 0, 30, 40, 0})});
  auto array = MakeArray(data);
  ASSERT_EQ(array->type_id(), TypeId::kInt32);
  auto& ints = static_cast<const Int32Array&>(*array);
  EXPECT_EQ(ints.length(), 5);
  EXPECT_EQ(ints.null_count(), 2);
  EXPECT_EQ(ints.Value(0), 10);
  EXPECT_EQ(ints.Value(3), 40);
  EXPECT_TRUE(ints.IsNull(1));
  EXPECT_TRUE(ints.IsValid(2));
  EXPECT_EQ(ints.ToString(), "[10, null, 30, 40, null]");

  auto slice = array->Slice(2, 2);
  auto& sliced = static_cast<const Int32Array&>(*slice);
  EXPECT_EQ(sliced.length(), 2);
  EXPECT_EQ(sliced.offset(), 2);
  EXPECT_EQ(sliced.null_count(), 0);
  EXPECT_EQ(sliced.Value(0), 30);
  EXPECT_EQ(sliced.raw_values()[1], 40);
  EXPECT_EQ(slice->ToString(), "[30, 40]");
  // Slices clamp to the array.
  EXPECT_EQ(array->Slice(4, 10)->length(), 1);
  EXPECT_EQ(array->Slice(9)->length(), 0);
  BA_EXPECT_OK(slice->ValidateFull());
}

TEST(ArrayTest, NullArrayIsAllNull) {
  auto array = MakeArray(ArrayData::Make(Null(), 3, {}, 3));
  EXPECT_EQ(array->null_count(), 3);
  EXPECT_TRUE(array->IsNull(0));
  EXPECT_FALSE(array->IsValid(2));
  EXPECT_EQ(array->ToString(), "[null, null, null]");
}

TEST(ArrayTest, BooleanArray) {
  auto array = MakeArray(ArrayData::Make(Boolean(), 4, {Bits({1, 1, 0, 1}), Bits({1, 0, 1, 0})}));
  auto& bools = static_cast<const BooleanArray&>(*array);
  EXPECT_TRUE(bools.Value(0));
  EXPECT_FALSE(bools.Value(1));
  EXPECT_TRUE(bools.IsNull(2));
  EXPECT_EQ(bools.true_count(), 1);
  auto tail_array = array->Slice(1);
  auto& tail = static_cast<const BooleanArray&>(*tail_array);
  EXPECT_FALSE(tail.Value(0));
  EXPECT_EQ(tail.ToString(), "[false, null, false]");
}

TEST(ArrayTest, FloatAndTemporalAliases) {
  auto f16 = MakeArray(FromJson(Float16(), "[1.5, -2]"));
  EXPECT_EQ(static_cast<const Float16Array&>(*f16).Value(0), 0x3E00);
  auto f64 = MakeArray(FromJson(Float64(), "[0.25]"));
  EXPECT_EQ(static_cast<const Float64Array&>(*f64).Value(0), 0.25);
  auto d32 = MakeArray(FromJson(Date32(), "[19753]"));
  EXPECT_EQ(static_cast<const Date32Array&>(*d32).Value(0), 19753);
  auto ts = MakeArray(FromJson(Timestamp(TimeUnit::kMilli, "UTC"), "[1000]"));
  EXPECT_EQ(static_cast<const TimestampArray&>(*ts).Value(0), 1000);
  EXPECT_EQ(ts->type()->timezone(), "UTC");
  auto t64 = MakeArray(FromJson(Time64(TimeUnit::kNano), "[5]"));
  EXPECT_EQ(static_cast<const Time64Array&>(*t64).Value(0), 5);
  auto dur = MakeArray(FromJson(Duration(TimeUnit::kSecond), "[-7]"));
  EXPECT_EQ(static_cast<const DurationArray&>(*dur).Value(0), -7);
}

TEST(ArrayTest, IntervalArrays) {
  auto ym = MakeArray(FromJson(IntervalYearMonth(), "[14]"));
  EXPECT_EQ(static_cast<const IntervalYearMonthArray&>(*ym).Value(0), 14);
  auto dt = MakeArray(FromJson(IntervalDayTime(), "[[3, 500]]"));
  EXPECT_EQ(static_cast<const IntervalDayTimeArray&>(*dt).Value(0), (DayTimeInterval{3, 500}));
  auto mdn = MakeArray(FromJson(IntervalMonthDayNano(), "[[1, 2, 3], null]"));
  EXPECT_EQ(static_cast<const IntervalMonthDayNanoArray&>(*mdn).Value(0),
            (MonthDayNanoInterval{1, 2, 3}));
  EXPECT_TRUE(mdn->IsNull(1));
}

TEST(ArrayTest, DecimalArrays) {
  auto d128 = MakeArray(FromJson(Decimal128(10, 2), R"(["123.45", "-0.05", null])"));
  auto& dec = static_cast<const DecimalArray&>(*d128);
  EXPECT_EQ(dec.byte_width(), 16);
  EXPECT_EQ(dec.Value128(0), 12345);
  EXPECT_EQ(dec.Value128(1), -5);
  EXPECT_EQ(dec.FormatValue(0), "123.45");
  EXPECT_EQ(dec.FormatValue(1), "-0.05");
  EXPECT_EQ(dec.precision(), 10);
  EXPECT_EQ(dec.scale(), 2);

  auto d32 = MakeArray(FromJson(Decimal32(5, 3), R"(["-12.5"])"));
  EXPECT_EQ(static_cast<const DecimalArray&>(*d32).Value128(0), -12500);
  EXPECT_EQ(static_cast<const DecimalArray&>(*d32).FormatValue(0), "-12.500");

  auto d256 = MakeArray(
      FromJson(Decimal256(76, 0), R"(["-1", "99999999999999999999999999999999999999999"])"));
  auto& wide = static_cast<const DecimalArray&>(*d256);
  EXPECT_EQ(wide.byte_width(), 32);
  EXPECT_EQ(wide.Value128(0), -1);
  EXPECT_EQ(wide.FormatValue(1), "99999999999999999999999999999999999999999");
  // Sign extension reaches every byte of a negative 256-bit value.
  for (int b = 0; b < 32; ++b) EXPECT_EQ(wide.GetValue(0)[b], 0xFF);
}

TEST(ArrayTest, StringArraysWithOffsets) {
  auto data = ArrayData::Make(
      Utf8(), 3, {Bits({1, 0, 1}), BufferOf<int32_t>({0, 3, 3, 8}), Buffer::CopyOf("abcdefgh")});
  auto array = MakeArray(data);
  auto& strings = static_cast<const StringArray&>(*array);
  EXPECT_EQ(strings.GetView(0), "abc");
  EXPECT_EQ(strings.GetView(2), "defgh");
  EXPECT_EQ(strings.value_offset(2), 3);
  EXPECT_EQ(strings.value_length(2), 5);
  EXPECT_EQ(strings.total_values_length(), 8);
  auto tail_array = array->Slice(1, 2);
  auto& tail = static_cast<const StringArray&>(*tail_array);
  EXPECT_EQ(tail.GetView(1), "defgh");
  EXPECT_EQ(tail.value_offset(0), 3);
  EXPECT_EQ(tail.total_values_length(), 5);

  auto large = MakeArray(FromJson(LargeUtf8(), R"(["x", "", "yz"])"));
  auto& large_strings = static_cast<const LargeStringArray&>(*large);
  EXPECT_EQ(large_strings.GetString(2), "yz");
  EXPECT_EQ(large_strings.raw_value_offsets()[3], 3);

  auto binary = MakeArray(FromJson(LargeBinary(), R"(["ab"])"));
  EXPECT_EQ(static_cast<const LargeBinaryArray&>(*binary).GetView(0), "ab");
  auto binary32 = MakeArray(FromJson(Binary(), R"(["q"])"));
  EXPECT_EQ(static_cast<const BinaryArray&>(*binary32).GetView(0), "q");
}

TEST(ArrayTest, StringViewInlineAndOutOfLine) {
  // One inline view ("short") and one referring to buffer 0 at offset 2.
  BinaryViewValue views[2] = {BinaryViewValue::Inline("short"),
                              BinaryViewValue::Reference("a longer string", 0, 2)};
  auto views_buffer =
      Buffer::CopyOf(std::string_view(reinterpret_cast<const char*>(views), sizeof(views)));
  auto data = ArrayData::Make(Utf8View(), 2,
                              {nullptr, views_buffer, Buffer::CopyOf("--a longer string")}, 0);
  auto array = MakeArray(data);
  auto& strings = static_cast<const StringViewArray&>(*array);
  EXPECT_EQ(strings.GetView(0), "short");
  EXPECT_EQ(strings.GetView(1), "a longer string");
  EXPECT_TRUE(strings.view(0).is_inline());
  EXPECT_FALSE(strings.view(1).is_inline());
  EXPECT_EQ(strings.view(1).buffer_offset(), 2);
  EXPECT_EQ(strings.num_data_buffers(), 1);
  BA_EXPECT_OK(array->ValidateFull());

  auto binary = MakeArray(FromJson(BinaryView(), R"(["exactly12byt", "thirteen byte"])"));
  auto& bin = static_cast<const BinaryViewArray&>(*binary);
  EXPECT_TRUE(bin.view(0).is_inline());
  EXPECT_FALSE(bin.view(1).is_inline());
  EXPECT_EQ(bin.GetView(1), "thirteen byte");
}

TEST(ArrayTest, FixedSizeBinary) {
  auto array = MakeArray(FromJson(FixedSizeBinary(3), R"(["abc", null, "xyz"])"));
  auto& fsb = static_cast<const FixedSizeBinaryArray&>(*array);
  EXPECT_EQ(fsb.byte_width(), 3);
  EXPECT_EQ(fsb.GetView(2), "xyz");
  EXPECT_EQ(std::memcmp(fsb.GetValue(0), "abc", 3), 0);
  auto tail_array = array->Slice(2);
  auto& tail = static_cast<const FixedSizeBinaryArray&>(*tail_array);
  EXPECT_EQ(tail.GetView(0), "xyz");
}

TEST(ArrayTest, ListArrayOffsetsAndValues) {
  auto array = MakeArray(FromJson(List(Int64()), "[[1, 2], null, [], [3]]"));
  auto& list = static_cast<const ListArray&>(*array);
  EXPECT_EQ(list.value_offset(0), 0);
  EXPECT_EQ(list.value_length(0), 2);
  EXPECT_TRUE(list.IsNull(1));
  EXPECT_EQ(list.value_length(2), 0);
  EXPECT_EQ(list.value_offset(3), 2);
  EXPECT_EQ(list.values()->length(), 3);
  auto last = list.value_slice(3);
  EXPECT_EQ(static_cast<const Int64Array&>(*last).Value(0), 3);
  EXPECT_EQ(array->ToString(), "[[1, 2], null, [], [3]]");
  // The child is not sliced with the parent: offsets still address it.
  auto tail_array = array->Slice(3);
  auto& tail = static_cast<const ListArray&>(*tail_array);
  EXPECT_EQ(tail.value_offset(0), 2);
  EXPECT_EQ(tail.values()->length(), 3);

  auto large = MakeArray(FromJson(LargeList(Utf8()), R"([["a"], ["b", "c"]])"));
  auto& large_list = static_cast<const LargeListArray&>(*large);
  EXPECT_EQ(large_list.value_offset(1), 1);
  EXPECT_EQ(large_list.value_length(1), 2);
}

TEST(ArrayTest, FixedSizeListAddressesChildThroughOffset) {
  auto array = MakeArray(FromJson(FixedSizeList(Int32(), 2), "[[1, 2], null, [5, 6]]"));
  auto& fsl = static_cast<const FixedSizeListArray&>(*array);
  EXPECT_EQ(fsl.list_size(), 2);
  EXPECT_EQ(fsl.value_offset(2), 4);
  auto tail_array = array->Slice(2);
  auto& tail = static_cast<const FixedSizeListArray&>(*tail_array);
  EXPECT_EQ(tail.value_offset(0), 4);
  EXPECT_EQ(static_cast<const Int32Array&>(*tail.value_slice(0)).Value(1), 6);
}

TEST(ArrayTest, StructFieldsHonourParentOffset) {
  auto type = Struct({MakeField("a", Int32()), MakeField("b", Utf8())});
  auto array = MakeArray(FromJson(type, R"([{"a": 1, "b": "x"}, null, {"a": 3}])"));
  auto& st = static_cast<const StructArray&>(*array);
  EXPECT_EQ(st.num_fields(), 2);
  EXPECT_TRUE(st.IsNull(1));
  EXPECT_EQ(static_cast<const Int32Array&>(*st.field(0)).Value(2), 3);
  EXPECT_TRUE(st.field(1)->IsNull(2));
  EXPECT_EQ(st.GetFieldByName("b")->type_id(), TypeId::kUtf8);
  EXPECT_EQ(st.GetFieldByName("nope"), nullptr);

  auto tail_array = array->Slice(2, 1);
  auto& tail = static_cast<const StructArray&>(*tail_array);
  EXPECT_EQ(tail.field(0)->length(), 1);
  EXPECT_EQ(static_cast<const Int32Array&>(*tail.field(0)).Value(0), 3);
}

TEST(ArrayTest, MapKeysAndItems) {
  auto array = MakeArray(
      FromJson(Map(Utf8(), Int32()), R"([[["k1", 1], ["k2", null]], null, [["k3", 3]]])"));
  auto& map = static_cast<const MapArray&>(*array);
  EXPECT_EQ(map.value_length(0), 2);
  EXPECT_TRUE(map.IsNull(1));
  EXPECT_EQ(map.value_offset(2), 2);
  auto& keys = static_cast<const StringArray&>(*map.keys());
  EXPECT_EQ(keys.GetView(2), "k3");
  EXPECT_TRUE(map.items()->IsNull(1));
  EXPECT_EQ(array->ToString(), "[{k1: 1, k2: null}, null, {k3: 3}]");
}

TEST(ArrayTest, DictionaryIndicesAndValues) {
  auto type = Dictionary(Int16(), Utf8());
  auto array = MakeArray(FromJson(type, R"(["b", "a", null, "b"])"));
  auto& dict = static_cast<const DictionaryArray&>(*array);
  EXPECT_EQ(dict.dictionary()->length(), 2);
  EXPECT_EQ(dict.GetValueIndex(0), 0);
  EXPECT_EQ(dict.GetValueIndex(1), 1);
  EXPECT_EQ(dict.GetValueIndex(3), 0);
  EXPECT_EQ(dict.indices()->type_id(), TypeId::kInt16);
  EXPECT_TRUE(dict.indices()->IsNull(2));
  EXPECT_EQ(static_cast<const StringArray&>(*dict.dictionary()).GetView(1), "a");
  EXPECT_EQ(array->ToString(), "[b, a, null, b]");
  auto tail_array = array->Slice(1);
  auto& tail = static_cast<const DictionaryArray&>(*tail_array);
  EXPECT_EQ(tail.GetValueIndex(2), 0);
}

TEST(ArrayTest, EqualsAndColumn) {
  auto schema = MakeSchema({MakeField("x", Int32())});
  auto batch = array_testing::BatchFromJson(schema, R"([{"x": 1}, {"x": 2}])");
  ASSERT_NE(batch, nullptr);
  auto column = Column(*batch, 0);
  EXPECT_EQ(column->type_id(), TypeId::kInt32);
  EXPECT_TRUE(column->Equals(MakeArray(FromJson(Int32(), "[1, 2]"))));
  EXPECT_FALSE(column->Equals(MakeArray(FromJson(Int32(), "[1, 3]"))));
  EXPECT_FALSE(column->Equals(std::shared_ptr<Array>()));
}

TEST(ArrayTest, ToStringElidesLongArrays) {
  Int32Builder builder;
  for (int i = 0; i < 25; ++i) BA_ASSERT_OK(builder.Append(i));
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  std::string text = MakeArray(data)->ToString();
  EXPECT_EQ(text.substr(0, 8), "[0, 1, 2");
  EXPECT_TRUE(text.ends_with("19, ... 5 more]")) << text;
}

}  // namespace
}  // namespace ballista::arrow
