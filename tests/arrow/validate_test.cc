#include "ballista/arrow/validate.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "arrow_test_util.h"
#include "ballista/arrow/compare.h"
#include "ballista/arrow/pretty_print.h"
#include "ballista/arrow/type_traits.h"

namespace ballista::arrow {
namespace {

using array_testing::FromJson;

template <typename T>
std::shared_ptr<Buffer> BufferOf(const std::vector<T>& values) {
  return Buffer::CopyOf(
      std::string_view(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T)));
}

std::shared_ptr<Buffer> Byte(uint8_t b) { return BufferOf<uint8_t>({b}); }

std::string Cheap(const ArrayData& d) { return ValidateArrayData(d, false).message(); }
std::string Full(const ArrayData& d) { return ValidateArrayData(d, true).message(); }

TEST(ValidateTest, WellFormedArraysPass) {
  for (const auto& data : {FromJson(Int32(), "[1, null]"), FromJson(Utf8(), R"(["a", null, "ü"])"),
                           FromJson(List(Int8()), "[[1], null]"),
                           FromJson(Struct({MakeField("a", Int32())}), R"([{"a": 1}, null])"),
                           FromJson(Dictionary(Int8(), Utf8()), R"(["x", null, "x"])"),
                           FromJson(Map(Utf8(), Int32()), R"([{"k": 1}, {"j": 2, "i": null}])"),
                           FromJson(Utf8View(), R"(["a string of some length", "s"])"),
                           FromJson(Null(), "[null, null]")}) {
    ASSERT_NE(data, nullptr);
    BA_EXPECT_OK(ValidateArrayData(*data, false));
    BA_EXPECT_OK(ValidateArrayData(*data, true));
    BA_EXPECT_OK(ValidateArrayData(*data->Slice(1, 1), true));
  }
}

TEST(ValidateTest, ShapeErrors) {
  auto values = BufferOf<int32_t>({1, 2, 3});
  auto bad_count = ArrayData::Make(Int32(), 1, {nullptr});
  EXPECT_EQ(Cheap(*bad_count), "int32 array: expected 2 buffers, got 1");
  EXPECT_EQ(ValidateArrayData(*bad_count).code(), StatusCode::kInvalidData);

  auto negative = ArrayData::Make(Int32(), -1, {nullptr, values});
  EXPECT_EQ(Cheap(*negative), "int32 array: negative length -1");
  auto negative_offset = ArrayData::Make(Int32(), 1, {nullptr, values}, 0, -2);
  EXPECT_EQ(Cheap(*negative_offset), "int32 array: negative offset -2");
  auto overflow = ArrayData::Make(Int32(), INT64_MAX, {nullptr, values}, 0, 5);
  EXPECT_EQ(Cheap(*overflow), "int32 array: offset + length overflows");

  auto too_many_nulls = ArrayData::Make(Int32(), 3, {Byte(0), values}, 5);
  EXPECT_EQ(Cheap(*too_many_nulls), "int32 array: null_count 5 is larger than the length 3");
  auto no_bitmap = ArrayData::Make(Int32(), 3, {nullptr, values}, 2);
  EXPECT_EQ(Cheap(*no_bitmap), "int32 array: null_count is 2 but there is no validity buffer");

  auto with_child = ArrayData::Make(Int32(), 3, {nullptr, values}, {FromJson(Int32(), "[1]")}, 0);
  EXPECT_EQ(Cheap(*with_child), "int32 array: expected 0 children, got 1");
  auto null_with_buffers = ArrayData::Make(Null(), 3, {nullptr, values});
  EXPECT_EQ(Cheap(*null_with_buffers), "null array: expected no buffers, got 2");
}

TEST(ValidateTest, BufferSizes) {
  auto small = ArrayData::Make(Int32(), 3, {nullptr, BufferOf<int32_t>({1, 2})});
  EXPECT_EQ(Cheap(*small),
            "int32 array: values buffer has 8 bytes, needs 12 for offset 0 + length 3");
  auto sliced_past = ArrayData::Make(Int32(), 2, {nullptr, BufferOf<int32_t>({1, 2})}, 0, 1);
  EXPECT_EQ(Cheap(*sliced_past),
            "int32 array: values buffer has 8 bytes, needs 12 for offset 1 + length 2");
  auto short_bitmap =
      ArrayData::Make(Int16(), 9, {Byte(0xff), BufferOf<int16_t>(std::vector<int16_t>(9))});
  EXPECT_EQ(Cheap(*short_bitmap),
            "int16 array: validity buffer has 1 bytes, needs 2 for offset 0 + length 9");
  auto bools = ArrayData::Make(Boolean(), 9, {nullptr, Byte(1)});
  EXPECT_EQ(Cheap(*bools),
            "bool array: values buffer has 1 bytes, needs 2 for offset 0 + length 9");
  auto decimals = ArrayData::Make(Decimal128(5, 2), 1, {nullptr, BufferOf<int64_t>({1})});
  EXPECT_EQ(Cheap(*decimals),
            "decimal128(5, 2) array: values buffer has 8 bytes, needs 16 for offset 0 + length 1");
  auto fsb = ArrayData::Make(FixedSizeBinary(3), 2, {nullptr, Buffer::CopyOf("abcde")});
  EXPECT_EQ(
      Cheap(*fsb),
      "fixed_size_binary[3] array: values buffer has 5 bytes, needs 6 for offset 0 + length 2");
  auto missing_values = ArrayData::Make(Int64(), 1, {nullptr, nullptr});
  EXPECT_EQ(Cheap(*missing_values),
            "int64 array: values buffer has 0 bytes, needs 8 for offset 0 + length 1");
  // An empty array may leave its values buffer out.
  BA_EXPECT_OK(ValidateArrayData(*ArrayData::Make(Int64(), 0, {nullptr, nullptr}), true));
}

TEST(ValidateTest, NullCountMustMatchBitmapInFullMode) {
  auto data = ArrayData::Make(Int32(), 3, {Byte(0b001), BufferOf<int32_t>({1, 2, 3})}, 1);
  BA_EXPECT_OK(ValidateArrayData(*data, false));
  EXPECT_EQ(Full(*data), "int32 array: null_count is 1 but the validity buffer has 2 nulls");
}

TEST(ValidateTest, BinaryOffsets) {
  auto data = Buffer::CopyOf("abcdefghijklmnopqrst");
  auto decreasing =
      ArrayData::Make(Utf8(), 4, {nullptr, BufferOf<int32_t>({0, 5, 15, 12, 20}), data});
  BA_EXPECT_OK(ValidateArrayData(*decreasing, false));
  EXPECT_EQ(Full(*decreasing),
            "utf8 array: offset at index 3 (12) is smaller than the previous one (15)");

  auto past_end = ArrayData::Make(Utf8(), 2, {nullptr, BufferOf<int32_t>({0, 5, 25}), data});
  EXPECT_EQ(Cheap(*past_end), "utf8 array: last offset 25 is past the end of the data buffer (20)");
  auto negative = ArrayData::Make(Binary(), 1, {nullptr, BufferOf<int32_t>({-1, 5}), data});
  EXPECT_EQ(Cheap(*negative), "binary array: first offset -1 is negative");
  auto backwards = ArrayData::Make(LargeBinary(), 1, {nullptr, BufferOf<int64_t>({6, 5}), data});
  EXPECT_EQ(Cheap(*backwards), "large_binary array: last offset 5 is smaller than the first (6)");
  auto short_offsets = ArrayData::Make(Utf8(), 2, {nullptr, BufferOf<int32_t>({0, 1}), data});
  EXPECT_EQ(Cheap(*short_offsets),
            "utf8 array: offsets buffer has 8 bytes, needs 12 for offset 0 + length 2");
  auto no_data = ArrayData::Make(Utf8(), 1, {nullptr, BufferOf<int32_t>({0, 1}), nullptr});
  EXPECT_EQ(Cheap(*no_data), "utf8 array: last offset 1 is past the end of the data buffer (0)");
  // An empty array may omit its offsets.
  BA_EXPECT_OK(ValidateArrayData(*ArrayData::Make(Utf8(), 0, {nullptr, nullptr, nullptr}), true));
}

TEST(ValidateTest, Utf8IsCheckedInFullModeForValidSlots) {
  auto offsets = BufferOf<int32_t>({0, 1, 3, 5});
  auto bytes = Buffer::CopyOf(std::string("a\xC3\xA9\xC0\x80", 5));
  auto strings = ArrayData::Make(Utf8(), 3, {nullptr, offsets, bytes});
  BA_EXPECT_OK(ValidateArrayData(*strings, false));
  EXPECT_EQ(Full(*strings), "utf8 array: invalid UTF-8 in value at index 2");
  // The same bytes are fine as binary, or under a null.
  BA_EXPECT_OK(ValidateArrayData(*ArrayData::Make(Binary(), 3, {nullptr, offsets, bytes}), true));
  BA_EXPECT_OK(ValidateArrayData(*ArrayData::Make(Utf8(), 3, {Byte(0b011), offsets, bytes}), true));
  auto large = ArrayData::Make(LargeUtf8(), 1,
                               {nullptr, BufferOf<int64_t>({0, 2}), Buffer::CopyOf("\xE2\x82")});
  EXPECT_EQ(Full(*large), "large_utf8 array: invalid UTF-8 in value at index 0");
}

TEST(ValidateTest, IsValidUtf8) {
  auto check = [](std::string_view s) {
    return IsValidUtf8(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  };
  EXPECT_TRUE(check(""));
  EXPECT_TRUE(check("plain ascii text longer than eight bytes"));
  EXPECT_TRUE(check("\xC3\xA9"));           // é
  EXPECT_TRUE(check("\xE2\x82\xAC"));       // €
  EXPECT_TRUE(check("\xF0\x9F\x98\x80"));   // 😀
  EXPECT_TRUE(check("\xF4\x8F\xBF\xBF"));   // U+10FFFF
  EXPECT_FALSE(check("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(check("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(check("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(check("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(check("\xE2\x82"));          // truncated
  EXPECT_FALSE(check("abc\x80"));           // stray continuation
  EXPECT_FALSE(check("\xFF"));
  EXPECT_FALSE(check("12345678\xC3"));  // truncated after an ASCII word
}

std::shared_ptr<Buffer> Views(std::vector<BinaryViewValue> views) { return BufferOf(views); }

TEST(ValidateTest, ViewsInFullMode) {
  auto block = Buffer::CopyOf("0123456789abcdefghij");
  auto bad_index = ArrayData::Make(
      Utf8View(), 1, {nullptr, Views({BinaryViewValue::Reference("0123456789abc", 3, 0)}), block});
  BA_EXPECT_OK(ValidateArrayData(*bad_index, false));
  EXPECT_EQ(Full(*bad_index),
            "utf8_view array: view at index 0 refers to data buffer 3 but there are 1");

  auto past_end = ArrayData::Make(
      BinaryView(), 1,
      {nullptr, Views({BinaryViewValue::Reference("abcdefghijklmnop", 0, 10)}), block});
  EXPECT_EQ(Full(*past_end),
            "binary_view array: view at index 0 (offset 10, size 16) is past the end of data "
            "buffer 0 (20 bytes)");

  auto bad_prefix = ArrayData::Make(
      Utf8View(), 1, {nullptr, Views({BinaryViewValue::Reference("XXXX456789abc", 0, 0)}), block});
  EXPECT_EQ(Full(*bad_prefix),
            "utf8_view array: view at index 0 has a prefix that does not match its data");

  BinaryViewValue negative;
  negative.size = -4;
  auto negative_size = ArrayData::Make(Utf8View(), 1, {nullptr, Views({negative})});
  EXPECT_EQ(Full(*negative_size), "utf8_view array: view at index 0 has negative size -4");

  auto bad_utf8 =
      ArrayData::Make(Utf8View(), 1, {nullptr, Views({BinaryViewValue::Inline("\xFF")})});
  EXPECT_EQ(Full(*bad_utf8), "utf8_view array: invalid UTF-8 in value at index 0");

  auto good = ArrayData::Make(
      Utf8View(), 2,
      {nullptr,
       Views({BinaryViewValue::Reference("23456789abcdefg", 0, 2), BinaryViewValue::Inline("hi")}),
       block});
  BA_EXPECT_OK(ValidateArrayData(*good, true));

  auto short_views =
      ArrayData::Make(Utf8View(), 2, {nullptr, Views({BinaryViewValue::Inline("a")})});
  EXPECT_EQ(Cheap(*short_views),
            "utf8_view array: views buffer has 16 bytes, needs 32 for offset 0 + length 2");
  auto missing_block =
      ArrayData::Make(Utf8View(), 1, {nullptr, Views({BinaryViewValue::Inline("a")}), nullptr});
  EXPECT_EQ(Cheap(*missing_block), "utf8_view array: variadic data buffer 0 is missing");
  auto one_buffer = ArrayData::Make(BinaryView(), 0, {nullptr});
  EXPECT_EQ(Cheap(*one_buffer), "binary_view array: expected at least 2 buffers, got 1");
}

TEST(ValidateTest, Lists) {
  auto child = FromJson(Int32(), "[1, 2, 3, 4]");
  auto past_child =
      ArrayData::Make(List(Int32()), 2, {nullptr, BufferOf<int32_t>({0, 2, 5})}, {child}, 0);
  EXPECT_EQ(Cheap(*past_child),
            "list<item: int32> array: last offset 5 is past the end of the child array (4)");
  auto wrong_child = ArrayData::Make(List(Int32()), 1, {nullptr, BufferOf<int32_t>({0, 1})},
                                     {FromJson(Int64(), "[1]")}, 0);
  EXPECT_EQ(Cheap(*wrong_child), "list<item: int32> array: child 0 has type int64, expected int32");
  auto no_child = ArrayData::Make(List(Int32()), 1, {nullptr, BufferOf<int32_t>({0, 1})});
  EXPECT_EQ(Cheap(*no_child), "list<item: int32> array: expected 1 children, got 0");
  auto decreasing =
      ArrayData::Make(LargeList(Int32()), 2, {nullptr, BufferOf<int64_t>({0, 3, 2})}, {child}, 0);
  EXPECT_EQ(
      Full(*decreasing),
      "large_list<item: int32> array: offset at index 2 (2) is smaller than the previous one (3)");
  // Errors inside a child are reported by the child.
  auto bad_strings =
      ArrayData::Make(Utf8(), 1, {nullptr, BufferOf<int32_t>({0, 1}), Buffer::CopyOf("\xFF")});
  auto list_of_bad =
      ArrayData::Make(List(Utf8()), 1, {nullptr, BufferOf<int32_t>({0, 1})}, {bad_strings}, 0);
  EXPECT_EQ(Full(*list_of_bad), "utf8 array: invalid UTF-8 in value at index 0");

  auto fsl_short = ArrayData::Make(FixedSizeList(Int32(), 3), 2, {nullptr}, {child}, 0);
  EXPECT_EQ(Cheap(*fsl_short),
            "fixed_size_list<item: int32>[3] array: child array has 4 values, needs 6 for offset 0 "
            "+ length 2 lists of 3");
}

TEST(ValidateTest, Structs) {
  auto type = Struct({MakeField("a", Int32())});
  auto short_field = ArrayData::Make(type, 2, {nullptr}, {FromJson(Int32(), "[1]")}, 0);
  EXPECT_EQ(Cheap(*short_field),
            "struct<a: int32> array: field \"a\" has 1 values, needs 2 for offset 0 + length 2");
  auto sliced = ArrayData::Make(type, 1, {nullptr}, {FromJson(Int32(), "[1, 2]")}, 0, 1);
  BA_EXPECT_OK(ValidateArrayData(*sliced, true));
  auto missing = ArrayData::Make(type, 1, {nullptr});
  EXPECT_EQ(Cheap(*missing), "struct<a: int32> array: expected 1 children, got 0");
  auto null_child = ArrayData::Make(type, 1, {nullptr}, {nullptr}, 0);
  EXPECT_EQ(Cheap(*null_child), "struct<a: int32> array: child 0 is missing");
}

TEST(ValidateTest, Dictionaries) {
  auto type = Dictionary(Int8(), Utf8());
  auto indices = BufferOf<int8_t>({0, 5});
  auto no_dictionary = ArrayData::Make(type, 2, {nullptr, indices});
  EXPECT_EQ(Cheap(*no_dictionary),
            "dictionary<values=utf8, indices=int8> array: the dictionary is missing");

  auto out_of_range = ArrayData::Make(type, 2, {nullptr, indices});
  out_of_range->dictionary = FromJson(Utf8(), R"(["a", "b"])");
  BA_EXPECT_OK(ValidateArrayData(*out_of_range, false));
  EXPECT_EQ(Full(*out_of_range),
            "dictionary<values=utf8, indices=int8> array: dictionary index at index 1 (5) is out "
            "of range for a "
            "dictionary of 2 values");
  // A null slot's index is not checked.
  auto masked = ArrayData::Make(type, 2, {Byte(0b01), indices});
  masked->dictionary = out_of_range->dictionary;
  BA_EXPECT_OK(ValidateArrayData(*masked, true));

  auto negative = ArrayData::Make(type, 1, {nullptr, BufferOf<int8_t>({-1})});
  negative->dictionary = out_of_range->dictionary;
  EXPECT_EQ(Full(*negative),
            "dictionary<values=utf8, indices=int8> array: dictionary index at index 0 (-1) is out "
            "of range for a "
            "dictionary of 2 values");

  auto wrong_type = ArrayData::Make(type, 1, {nullptr, BufferOf<int8_t>({0})});
  wrong_type->dictionary = FromJson(Int32(), "[1]");
  EXPECT_EQ(
      Cheap(*wrong_type),
      "dictionary<values=utf8, indices=int8> array: dictionary has type int32, expected utf8");

  auto bad_values = ArrayData::Make(type, 1, {nullptr, BufferOf<int8_t>({0})});
  bad_values->dictionary =
      ArrayData::Make(Utf8(), 1, {nullptr, BufferOf<int32_t>({0, 9}), Buffer::CopyOf("x")});
  EXPECT_EQ(Cheap(*bad_values),
            "dictionary<values=utf8, indices=int8> dictionary: utf8 array: last offset 9 is past "
            "the end of the data "
            "buffer (1)");

  auto short_indices =
      ArrayData::Make(Dictionary(Int32(), Utf8()), 2, {nullptr, BufferOf<int32_t>({0})});
  short_indices->dictionary = out_of_range->dictionary;
  EXPECT_EQ(Cheap(*short_indices),
            "dictionary<values=utf8, indices=int32> array: indices buffer has 4 bytes, needs 8 for "
            "offset 0 + length 2");
}

TEST(ValidateTest, MapKeysMustNotBeNull) {
  auto type = Map(Utf8(), Int32());
  const DataTypePtr& entries_type = type->field(0)->type();
  auto keys = FromJson(Utf8(), R"(["a", null])");
  auto items = FromJson(Int32(), "[1, 2]");
  auto entries = ArrayData::Make(entries_type, 2, {nullptr}, {keys, items}, 0);
  auto map = ArrayData::Make(type, 1, {nullptr, BufferOf<int32_t>({0, 2})}, {entries}, 0);
  BA_EXPECT_OK(ValidateArrayData(*map, false));
  EXPECT_EQ(Full(*map), "map<utf8, int32> array: key of entry 1 is null");
}

TEST(ValidateTest, RecordBatches) {
  auto schema = MakeSchema({MakeField("x", Int32()), MakeField("s", Utf8())});
  auto x = FromJson(Int32(), "[1, 2]");
  auto s = FromJson(Utf8(), R"(["a", "b"])");
  BA_EXPECT_OK(ValidateRecordBatch(RecordBatch(schema, 2, {x, s}), true));
  EXPECT_EQ(ValidateRecordBatch(RecordBatch(schema, 3, {x, s})).message(),
            "column \"x\" has 2 rows, expected 3");
  EXPECT_EQ(ValidateRecordBatch(RecordBatch(schema, 2, {x})).message(),
            "record batch has 1 columns but its schema has 2 fields");
  EXPECT_EQ(ValidateRecordBatch(RecordBatch(schema, 2, {x, x})).message(),
            "column \"s\" has type int32 but the schema says utf8");
  auto bad =
      ArrayData::Make(Utf8(), 2, {nullptr, BufferOf<int32_t>({0, 1, 2}), Buffer::CopyOf("a\xFF")});
  EXPECT_EQ(ValidateRecordBatch(RecordBatch(schema, 2, {x, bad}), true).message(),
            "column \"s\": utf8 array: invalid UTF-8 in value at index 1");
  BA_EXPECT_OK(ValidateRecordBatch(RecordBatch(schema, 2, {x, bad}), false));
}

// Random buffers and shapes: validation must never read out of bounds (run under ASan), and
// whatever it accepts must be safe to print and compare.
TEST(ValidateTest, RandomMalformedInputNeverCrashes) {
  std::mt19937_64 rng(42);
  auto random_buffer = [&](int max_size) -> std::shared_ptr<Buffer> {
    if (rng() % 5 == 0) return nullptr;
    std::string bytes(static_cast<size_t>(rng() % static_cast<uint64_t>(max_size + 1)), '\0');
    for (char& c : bytes) c = static_cast<char>(rng() % 4 == 0 ? rng() : rng() % 8);
    return Buffer::CopyOf(bytes);
  };
  const std::vector<DataTypePtr> types = {Int32(),
                                          Boolean(),
                                          Utf8(),
                                          LargeBinary(),
                                          Utf8View(),
                                          FixedSizeBinary(3),
                                          Decimal128(10, 2),
                                          List(Int8()),
                                          LargeList(Utf8()),
                                          FixedSizeList(Int8(), 2),
                                          Struct({MakeField("a", Int16()), MakeField("b", Utf8())}),
                                          Dictionary(Int8(), Utf8()),
                                          Map(Int8(), Int8())};
  int accepted = 0;
  for (int iteration = 0; iteration < 4000; ++iteration) {
    const DataTypePtr& type = types[rng() % types.size()];
    auto make = [&](const DataTypePtr& t, auto&& self, int depth) -> std::shared_ptr<ArrayData> {
      auto d = std::make_shared<ArrayData>();
      d->type = t;
      d->length = static_cast<int64_t>(rng() % 6);
      d->offset = static_cast<int64_t>(rng() % 3);
      d->null_count = rng() % 3 == 0 ? kUnknownNullCount : static_cast<int64_t>(rng() % 3);
      size_t buffers = 2;
      if (IsBaseBinary(t->id())) buffers = 3;
      if (IsBinaryView(t->id())) buffers = 2 + rng() % 3;
      if (t->id() == TypeId::kStruct || t->id() == TypeId::kFixedSizeList) buffers = 1;
      if (rng() % 10 == 0) buffers = rng() % 4;
      for (size_t b = 0; b < buffers; ++b) d->buffers.push_back(random_buffer(48));
      if (depth < 3) {
        if (t->id() == TypeId::kDictionary) d->dictionary = self(t->value_type(), self, depth + 1);
        for (const auto& field : t->fields())
          d->child_data.push_back(self(field->type(), self, depth + 1));
      }
      return d;
    };
    auto data = make(type, make, 0);
    for (bool full : {false, true}) {
      Status st = ValidateArrayData(*data, full);
      if (!st.ok()) {
        EXPECT_EQ(st.code(), StatusCode::kInvalidData) << st.ToString();
        continue;
      }
      if (!full) continue;
      ++accepted;
      EXPECT_TRUE(ArrayDataEquals(*data, *data));
      for (int64_t i = 0; i < data->length; ++i) (void)FormatValue(*data, i);
    }
  }
  EXPECT_GT(accepted, 10);
}

}  // namespace
}  // namespace ballista::arrow
