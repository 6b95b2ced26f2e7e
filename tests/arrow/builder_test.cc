#include "ballista/arrow/builder.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "arrow_test_util.h"
#include "ballista/arrow/array.h"

namespace ballista::arrow {
namespace {

using array_testing::FromJson;

TEST(BuilderTest, Int32WithNullsAndReuse) {
  Int32Builder builder;
  BA_ASSERT_OK(builder.Append(1));
  BA_ASSERT_OK(builder.AppendNull());
  BA_ASSERT_OK(builder.Append(3));
  EXPECT_EQ(builder.length(), 3);
  EXPECT_EQ(builder.null_count(), 1);
  EXPECT_EQ(builder.GetValue(2), 3);
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  EXPECT_EQ(data->length, 3);
  EXPECT_EQ(data->GetNullCount(), 1);
  ASSERT_NE(data->buffers[0], nullptr);
  EXPECT_EQ(data->buffers[0]->data()[0], 0b101);
  EXPECT_EQ(data->buffers[1]->size(), 12);
  EXPECT_EQ(data->GetValues<int32_t>(1)[2], 3);
  BA_EXPECT_OK(ValidateArrayData(*data, true));

  // After Finish the builder is empty and reusable; no nulls means no validity buffer.
  EXPECT_EQ(builder.length(), 0);
  BA_ASSERT_OK(builder.Append(7));
  BA_ASSIGN_OR_FAIL(auto second, builder.Finish());
  EXPECT_EQ(second->length, 1);
  EXPECT_EQ(second->buffers[0], nullptr);
  EXPECT_EQ(second->GetNullCount(), 0);
}

TEST(BuilderTest, BuffersAreAlignedAndPadded) {
  Int64Builder builder;
  BA_ASSERT_OK(builder.Append(-1));
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  const auto& values = data->buffers[1];
  EXPECT_EQ(reinterpret_cast<uintptr_t>(values->data()) % 64, 0u);
  EXPECT_EQ(values->size(), 8);
  // Bytes past the size up to the allocation are zero.
  for (int i = 8; i < 64; ++i) EXPECT_EQ(values->data()[i], 0) << i;
}

TEST(BuilderTest, ManyValuesGrowAmortized) {
  UInt16Builder builder;
  for (int i = 0; i < 100000; ++i) {
    if (i % 7 == 0) {
      BA_ASSERT_OK(builder.AppendNull());
    } else {
      BA_ASSERT_OK(builder.Append(static_cast<uint16_t>(i)));
    }
  }
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  EXPECT_EQ(data->length, 100000);
  EXPECT_EQ(data->GetNullCount(), 14286);  // ceil(100000 / 7)
  EXPECT_EQ(data->GetValues<uint16_t>(1)[99999], static_cast<uint16_t>(99999));
  EXPECT_TRUE(data->IsNull(99995));
  BA_EXPECT_OK(ValidateArrayData(*data, true));
}

TEST(BuilderTest, AppendValuesWithValidBytes) {
  Float64Builder builder;
  const double values[] = {1.5, 2.5, 3.5};
  const uint8_t valid[] = {1, 0, 1};
  BA_ASSERT_OK(builder.AppendValues(values, 3, valid));
  BA_ASSERT_OK(builder.AppendValues(std::vector<double>{4.5}));
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  BA_EXPECT_ARRAYS_EQUAL(FromJson(Float64(), "[1.5, null, 3.5, 4.5]"), data);
}

TEST(BuilderTest, NullsAndEmptyValues) {
  Int8Builder builder;
  BA_ASSERT_OK(builder.AppendNulls(3));
  BA_ASSERT_OK(builder.AppendEmptyValues(2));
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  BA_EXPECT_ARRAYS_EQUAL(FromJson(Int8(), "[null, null, null, 0, 0]"), data);

  NullBuilder nulls;
  BA_ASSERT_OK(nulls.AppendNulls(4));
  BA_ASSIGN_OR_FAIL(auto null_data, nulls.Finish());
  EXPECT_EQ(null_data->length, 4);
  EXPECT_EQ(null_data->GetNullCount(), 4);
  EXPECT_TRUE(null_data->buffers.empty());
}

TEST(BuilderTest, Boolean) {
  BooleanBuilder builder;
  BA_ASSERT_OK(builder.Append(true));
  BA_ASSERT_OK(builder.AppendNull());
  BA_ASSERT_OK(builder.AppendValues(std::vector<bool>{false, true}));
  const uint8_t raw[] = {0, 2};
  BA_ASSERT_OK(builder.AppendValues(raw, 2));
  EXPECT_TRUE(builder.GetValue(0));
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  BA_EXPECT_ARRAYS_EQUAL(FromJson(Boolean(), "[true, null, false, true, false, true]"), data);
  EXPECT_EQ(data->buffers[1]->data()[0], 0b101001);
}

TEST(BuilderTest, TemporalBuildersKeepTheirType) {
  TimestampBuilder builder(Timestamp(TimeUnit::kMicro, "UTC"));
  BA_ASSERT_OK(builder.Append(1));
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  EXPECT_TRUE(data->type->Equals(*Timestamp(TimeUnit::kMicro, "UTC")));

  IntervalMonthDayNanoBuilder intervals;
  BA_ASSERT_OK(intervals.Append({1, 2, 3}));
  BA_ASSERT_OK(intervals.AppendNull());
  BA_ASSIGN_OR_FAIL(auto interval_data, intervals.Finish());
  BA_EXPECT_ARRAYS_EQUAL(FromJson(IntervalMonthDayNano(), "[[1, 2, 3], null]"), interval_data);

  IntervalDayTimeBuilder day_time;
  BA_ASSERT_OK(day_time.Append({4, -5}));
  BA_ASSIGN_OR_FAIL(auto day_time_data, day_time.Finish());
  EXPECT_EQ(day_time_data->buffers[1]->size(), 8);
  BA_EXPECT_ARRAYS_EQUAL(FromJson(IntervalDayTime(), "[[4, -5]]"), day_time_data);
}

TEST(BuilderTest, DecimalAppendsRawIntegersAndText) {
  DecimalBuilder builder(Decimal128(10, 2));
  BA_ASSERT_OK(builder.Append(int64_t{12345}));
  BA_ASSERT_OK(builder.AppendString("-0.5"));
  BA_ASSERT_OK(builder.AppendString("7"));
  BA_ASSERT_OK(builder.AppendString("1.005"));  // rounds half away from zero
  BA_ASSERT_OK(builder.AppendString("-1.004"));
  BA_ASSERT_OK(builder.AppendString("2.5e2"));
  BA_ASSERT_OK(builder.AppendNull());
  __int128 big = static_cast<__int128>(1) << 100;
  DecimalBuilder wide(Decimal128(38, 0));
  BA_ASSERT_OK(wide.Append128(big));
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  auto array = MakeArray(data);
  const auto& dec = static_cast<const DecimalArray&>(*array);
  EXPECT_EQ(dec.Value128(0), 12345);
  EXPECT_EQ(dec.Value128(1), -50);
  EXPECT_EQ(dec.Value128(2), 700);
  EXPECT_EQ(dec.Value128(3), 101);
  EXPECT_EQ(dec.Value128(4), -100);
  EXPECT_EQ(dec.Value128(5), 25000);
  EXPECT_TRUE(dec.IsNull(6));
  BA_ASSIGN_OR_FAIL(auto wide_data, wide.Finish());
  auto wide_array = MakeArray(wide_data);
  EXPECT_EQ(static_cast<const DecimalArray&>(*wide_array).Value128(0), big);
}

TEST(BuilderTest, DecimalRejectsBadText) {
  DecimalBuilder builder(Decimal64(5, 2));
  Status st = builder.AppendString("1234.5");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(),
            "decimal64(5, 2): cannot parse \"1234.5\" as a decimal: needs more than 5 digits");
  EXPECT_EQ(builder.AppendString("12x").message(),
            "decimal64(5, 2): cannot parse \"12x\" as a decimal: unexpected character 'x'");
  EXPECT_FALSE(builder.AppendString("").ok());
  EXPECT_FALSE(builder.AppendString("-").ok());
  EXPECT_FALSE(builder.AppendString("1e").ok());
  EXPECT_TRUE(builder.AppendString("999.99").ok());
  EXPECT_EQ(builder.length(), 1);

  DecimalBuilder narrow(Decimal32(9, 0));
  EXPECT_TRUE(narrow.Append(int64_t{2147483647}).ok());
  EXPECT_FALSE(narrow.Append(int64_t{2147483648}).ok());
}

TEST(BuilderTest, Decimal32And256Widths) {
  DecimalBuilder d32(Decimal32(9, 3));
  BA_ASSERT_OK(d32.AppendString("-1.5"));
  BA_ASSIGN_OR_FAIL(auto data32, d32.Finish());
  EXPECT_EQ(data32->buffers[1]->size(), 4);
  EXPECT_EQ(data32->GetValues<int32_t>(1)[0], -1500);

  DecimalBuilder d256(Decimal256(76, 10));
  BA_ASSERT_OK(d256.AppendString("-123456789012345678901234567890.0123456789"));
  BA_ASSIGN_OR_FAIL(auto data256, d256.Finish());
  auto array = MakeArray(data256);
  EXPECT_EQ(static_cast<const DecimalArray&>(*array).FormatValue(0),
            "-123456789012345678901234567890.0123456789");
}

TEST(BuilderTest, StringBuilderOffsets) {
  StringBuilder builder;
  BA_ASSERT_OK(builder.Append("hello"));
  BA_ASSERT_OK(builder.AppendNull());
  BA_ASSERT_OK(builder.Append(""));
  BA_ASSERT_OK(builder.Append("wörld"));
  EXPECT_EQ(builder.value_data_length(), 11);
  EXPECT_EQ(builder.GetView(3), "wörld");
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  ASSERT_EQ(data->buffers.size(), 3u);
  const int32_t* offsets = data->GetValues<int32_t>(1);
  EXPECT_EQ(offsets[0], 0);
  EXPECT_EQ(offsets[1], 5);
  EXPECT_EQ(offsets[2], 5);
  EXPECT_EQ(offsets[3], 5);
  EXPECT_EQ(offsets[4], 11);
  EXPECT_EQ(data->buffers[2]->view(), "hellowörld");
  BA_EXPECT_ARRAYS_EQUAL(FromJson(Utf8(), R"(["hello", null, "", "wörld"])"), data);
}

TEST(BuilderTest, EmptyStringArrayHasOneOffset) {
  LargeBinaryBuilder builder;
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  EXPECT_EQ(data->length, 0);
  EXPECT_EQ(data->buffers[1]->size(), 8);
  EXPECT_EQ(data->GetValues<int64_t>(1)[0], 0);
  BA_EXPECT_OK(ValidateArrayData(*data, true));
}

TEST(BuilderTest, StringViewBuilderInlinesShortValues) {
  StringViewBuilder builder;
  BA_ASSERT_OK(builder.Append("tiny"));
  BA_ASSERT_OK(builder.Append("exactly 12 b"));
  BA_ASSERT_OK(builder.Append("this one is out of line"));
  BA_ASSERT_OK(builder.AppendNull());
  BA_ASSERT_OK(builder.Append("and this one also goes out"));
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  ASSERT_EQ(data->buffers.size(), 3u);  // validity, views, one data block
  const auto* views = data->GetValues<BinaryViewValue>(1);
  EXPECT_TRUE(views[0].is_inline());
  EXPECT_TRUE(views[1].is_inline());
  EXPECT_FALSE(views[2].is_inline());
  EXPECT_EQ(views[2].buffer_index(), 0);
  EXPECT_EQ(views[2].buffer_offset(), 0);
  EXPECT_EQ(views[4].buffer_offset(), 23);
  EXPECT_EQ(std::memcmp(views[4].inline_data(), "and ", 4), 0);
  EXPECT_EQ(data->buffers[2]->size(), 49);
  BA_EXPECT_OK(ValidateArrayData(*data, true));
  BA_EXPECT_ARRAYS_EQUAL(
      FromJson(
          Utf8View(),
          R"(["tiny", "exactly 12 b", "this one is out of line", null, "and this one also goes out"])"),
      data);
}

TEST(BuilderTest, StringViewBuilderStartsNewBlocks) {
  BinaryViewBuilder builder;
  const std::string big(20000, 'x');
  for (int i = 0; i < 5; ++i) BA_ASSERT_OK(builder.Append(big));
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  // 32 KiB blocks hold one 20000-byte value each.
  EXPECT_EQ(data->buffers.size(), 7u);
  BA_EXPECT_OK(ValidateArrayData(*data, true));
  auto array = MakeArray(data);
  EXPECT_EQ(static_cast<const BinaryViewArray&>(*array).GetView(4), big);
}

TEST(BuilderTest, FixedSizeBinaryChecksWidth) {
  FixedSizeBinaryBuilder builder(FixedSizeBinary(2));
  BA_ASSERT_OK(builder.Append("ab"));
  Status st = builder.Append("abc");
  EXPECT_EQ(st.message(), "fixed_size_binary[2] builder: value of 3 bytes, expected 2");
  BA_ASSERT_OK(builder.AppendNull());
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  EXPECT_EQ(data->buffers[1]->size(), 4);
  BA_EXPECT_ARRAYS_EQUAL(FromJson(FixedSizeBinary(2), R"(["ab", null])"), data);
}

TEST(BuilderTest, ListBuilder) {
  ListBuilder builder(std::make_unique<Int32Builder>());
  auto* values = static_cast<Int32Builder*>(builder.value_builder());
  BA_ASSERT_OK(builder.Append());
  BA_ASSERT_OK(values->Append(1));
  BA_ASSERT_OK(values->Append(2));
  BA_ASSERT_OK(builder.AppendNull());
  BA_ASSERT_OK(builder.Append());
  BA_ASSERT_OK(builder.Append());
  BA_ASSERT_OK(values->AppendNull());
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  EXPECT_TRUE(data->type->Equals(*List(Int32())));
  const int32_t* offsets = data->GetValues<int32_t>(1);
  EXPECT_EQ(offsets[4], 3);
  BA_EXPECT_ARRAYS_EQUAL(FromJson(List(Int32()), "[[1, 2], null, [], [null]]"), data);
}

TEST(BuilderTest, LargeListOfStrings) {
  LargeListBuilder builder(LargeList(Utf8()), std::make_unique<StringBuilder>());
  auto* values = static_cast<StringBuilder*>(builder.value_builder());
  BA_ASSERT_OK(builder.Append());
  BA_ASSERT_OK(values->Append("a"));
  BA_ASSERT_OK(builder.AppendEmptyValue());
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  BA_EXPECT_ARRAYS_EQUAL(FromJson(LargeList(Utf8()), R"([["a"], []])"), data);
}

TEST(BuilderTest, FixedSizeListBuilderChecksCount) {
  FixedSizeListBuilder builder(FixedSizeList(Int16(), 2), std::make_unique<Int16Builder>());
  auto* values = static_cast<Int16Builder*>(builder.value_builder());
  BA_ASSERT_OK(builder.Append());
  BA_ASSERT_OK(values->Append(1));
  BA_ASSERT_OK(values->Append(2));
  BA_ASSERT_OK(builder.AppendNull());  // fills two empty child values
  EXPECT_EQ(values->length(), 4);
  BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
  BA_EXPECT_ARRAYS_EQUAL(FromJson(FixedSizeList(Int16(), 2), "[[1, 2], null]"), data);

  BA_ASSERT_OK(builder.Append());
  BA_ASSERT_OK(values->Append(1));
  auto bad = builder.Finish();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "fixed_size_list<item: int16>[2] builder: 1 values for 1 lists of 2 (expected 2)");
}

TEST(BuilderTest, StructBuilder) {
  auto type = Struct({MakeField("id", Int64()), MakeField("name", Utf8())});
  BA_ASSIGN_OR_FAIL(auto builder, MakeBuilder(type));
  auto* st = static_cast<StructBuilder*>(builder.get());
  ASSERT_EQ(st->num_fields(), 2);
  auto* ids = static_cast<Int64Builder*>(st->field_builder(0));
  auto* names = static_cast<StringBuilder*>(st->field_builder(1));
  BA_ASSERT_OK(st->Append());
  BA_ASSERT_OK(ids->Append(1));
  BA_ASSERT_OK(names->Append("alice"));
  BA_ASSERT_OK(st->AppendNull());
  EXPECT_EQ(ids->length(), 2);
  BA_ASSIGN_OR_FAIL(auto data, st->Finish());
  BA_EXPECT_ARRAYS_EQUAL(FromJson(type, R"([{"id": 1, "name": "alice"}, null])"), data);

  BA_ASSERT_OK(st->Append());
  BA_ASSERT_OK(ids->Append(2));
  auto bad = st->Finish();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "struct builder: field \"name\" has 0 values but the struct has 1 slots");
}

TEST(BuilderTest, MapBuilder) {
  auto type = Map(Utf8(), Int32());
  BA_ASSIGN_OR_FAIL(auto builder, MakeBuilder(type));
  auto* map = static_cast<MapBuilder*>(builder.get());
  auto* keys = static_cast<StringBuilder*>(map->key_builder());
  auto* items = static_cast<Int32Builder*>(map->item_builder());
  BA_ASSERT_OK(map->Append());
  BA_ASSERT_OK(keys->Append("a"));
  BA_ASSERT_OK(items->Append(1));
  BA_ASSERT_OK(keys->Append("b"));
  BA_ASSERT_OK(items->AppendNull());
  BA_ASSERT_OK(map->AppendNull());
  BA_ASSIGN_OR_FAIL(auto data, map->Finish());
  BA_EXPECT_OK(ValidateArrayData(*data, true));
  BA_EXPECT_ARRAYS_EQUAL(FromJson(type, R"([[["a", 1], ["b", null]], null])"), data);

  BA_ASSERT_OK(map->Append());
  BA_ASSERT_OK(keys->AppendNull());
  BA_ASSERT_OK(items->Append(1));
  auto bad = map->Finish();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "map builder: 1 null keys; map keys must not be null");
}

TEST(BuilderTest, DictionaryBuilderDeduplicates) {
  auto type = Dictionary(Int8(), Utf8());
  BA_ASSIGN_OR_FAIL(auto builder, DictionaryBuilder::Make(type));
  BA_ASSERT_OK(builder->Append("x"));
  BA_ASSERT_OK(builder->Append("y"));
  BA_ASSERT_OK(builder->AppendNull());
  BA_ASSERT_OK(builder->Append("x"));
  EXPECT_EQ(builder->dictionary_length(), 2);
  BA_ASSIGN_OR_FAIL(auto data, builder->Finish());
  EXPECT_EQ(data->buffers[1]->size(), 4);
  const int8_t* indices = data->GetValues<int8_t>(1);
  EXPECT_EQ(indices[0], 0);
  EXPECT_EQ(indices[1], 1);
  EXPECT_EQ(indices[3], 0);
  BA_EXPECT_ARRAYS_EQUAL(FromJson(Utf8(), R"(["x", "y"])"), data->dictionary);
  BA_EXPECT_OK(ValidateArrayData(*data, true));
}

TEST(BuilderTest, DictionaryBuilderIntegerValuesAndIndexOverflow) {
  BA_ASSIGN_OR_FAIL(auto builder, DictionaryBuilder::Make(Dictionary(Int8(), Int64())));
  for (int i = 0; i < 128; ++i) BA_ASSERT_OK(builder->AppendInt(i));
  BA_ASSERT_OK(builder->AppendInt(5));  // already present
  Status st = builder->AppendInt(1000);
  EXPECT_EQ(st.message(),
            "dictionary builder: more than 128 distinct values do not fit index type int8");
  EXPECT_EQ(builder->length(), 129);
  BA_ASSIGN_OR_FAIL(auto data, builder->Finish());
  EXPECT_EQ(data->dictionary->length, 128);
  EXPECT_EQ(data->GetValues<int8_t>(1)[128], 5);

  BA_ASSIGN_OR_FAIL(auto small, DictionaryBuilder::Make(Dictionary(UInt8(), Int16())));
  EXPECT_FALSE(small->AppendInt(40000).ok());
  EXPECT_EQ(small->AppendInt(-3).code(), StatusCode::kOk);
  EXPECT_EQ(small->AppendDouble(1.0).code(), StatusCode::kTypeError);
}

TEST(BuilderTest, DictionaryBuilderFromArrays) {
  auto type = Dictionary(Int32(), Float64());
  BA_ASSIGN_OR_FAIL(auto builder, DictionaryBuilder::Make(type));
  BA_ASSERT_OK(builder->AppendArray(*FromJson(Float64(), "[1.5, null, 2.5, 1.5]")));
  BA_ASSERT_OK(builder->AppendDouble(2.5));
  BA_ASSIGN_OR_FAIL(auto data, builder->Finish());
  EXPECT_EQ(data->dictionary->length, 2);
  BA_EXPECT_ARRAYS_EQUAL(FromJson(type, "[1.5, null, 2.5, 1.5, 2.5]"), data);
  EXPECT_EQ(builder->AppendArray(*FromJson(Int32(), "[1]")).code(), StatusCode::kTypeError);

  auto view_type = Dictionary(Int16(), Utf8View());
  BA_ASSIGN_OR_FAIL(auto views, DictionaryBuilder::Make(view_type));
  BA_ASSERT_OK(views->AppendArray(
      *FromJson(Utf8View(), R"(["a long string value here", "s", "a long string value here"])")));
  BA_ASSIGN_OR_FAIL(auto view_data, views->Finish());
  EXPECT_EQ(view_data->dictionary->length, 2);
  BA_EXPECT_OK(ValidateArrayData(*view_data, true));
}

TEST(BuilderTest, DictionaryBuilderRejectsNestedValues) {
  auto made = DictionaryBuilder::Make(Dictionary(Int32(), List(Int32())));
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.status().code(), StatusCode::kUnsupported);
}

TEST(BuilderTest, MakeBuilderCoversEveryType) {
  const std::vector<DataTypePtr> types = {
      Null(),
      Boolean(),
      Int8(),
      Int16(),
      Int32(),
      Int64(),
      UInt8(),
      UInt16(),
      UInt32(),
      UInt64(),
      Float16(),
      Float32(),
      Float64(),
      Decimal32(9, 2),
      Decimal64(18, 2),
      Decimal128(38, 2),
      Decimal256(76, 2),
      Utf8(),
      LargeUtf8(),
      Utf8View(),
      Binary(),
      LargeBinary(),
      BinaryView(),
      FixedSizeBinary(4),
      Date32(),
      Date64(),
      Time32(TimeUnit::kSecond),
      Time64(TimeUnit::kNano),
      Timestamp(TimeUnit::kMilli),
      Duration(TimeUnit::kMicro),
      IntervalYearMonth(),
      IntervalDayTime(),
      IntervalMonthDayNano(),
      List(Int32()),
      LargeList(Utf8()),
      FixedSizeList(Boolean(), 3),
      Struct({MakeField("a", Int32()), MakeField("b", List(Utf8()))}),
      Map(Utf8(), Float64()),
      Dictionary(Int32(), Utf8())};
  for (const auto& type : types) {
    BA_ASSIGN_OR_FAIL(auto builder, MakeBuilder(type));
    EXPECT_TRUE(builder->type()->Equals(*type)) << type->ToString();
    // Every builder can take nulls and empty values and yields a valid array.
    BA_ASSERT_OK(builder->AppendNull());
    BA_ASSERT_OK(builder->AppendEmptyValue());
    BA_ASSERT_OK(builder->AppendNulls(2));
    BA_ASSERT_OK(builder->AppendEmptyValues(2));
    BA_ASSIGN_OR_FAIL(auto data, builder->Finish());
    EXPECT_EQ(data->length, 6) << type->ToString();
    EXPECT_TRUE(data->type->Equals(*type)) << type->ToString();
    Status st = ValidateArrayData(*data, true);
    EXPECT_TRUE(st.ok()) << type->ToString() << ": " << st.ToString();
    if (type->id() != TypeId::kNull) {
      EXPECT_EQ(data->GetNullCount(), 3) << type->ToString();
      EXPECT_TRUE(data->IsValid(1)) << type->ToString();
    }
  }
}

TEST(BuilderTest, BuildersUseTheirMemoryPool) {
  MemoryPool pool("builder-test", 1 << 20);
  {
    Int64Builder builder(&pool);
    for (int i = 0; i < 1000; ++i) BA_ASSERT_OK(builder.Append(i));
    EXPECT_GE(pool.bytes_allocated(), 8000);
    BA_ASSIGN_OR_FAIL(auto data, builder.Finish());
    EXPECT_GE(pool.bytes_allocated(), 8000);
  }
  EXPECT_EQ(pool.bytes_allocated(), 0);

  MemoryPool tiny("tiny", 256);
  Int64Builder builder(&tiny);
  Status st;
  for (int i = 0; i < 1000 && st.ok(); ++i) st = builder.Append(i);
  EXPECT_EQ(st.code(), StatusCode::kResourcesExhausted);
}

}  // namespace
}  // namespace ballista::arrow
