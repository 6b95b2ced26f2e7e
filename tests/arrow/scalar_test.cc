#include "ballista/arrow/scalar.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <unordered_set>
#include <vector>

#include "ballista/arrow/array_from_json.h"
#include "c_bridge_test_util.h"

namespace ballista::arrow {
namespace {

using std::nullopt;
using testing::Bools;
using testing::ListOf;
using testing::Primitive;
using testing::Strings;
using testing::StructOf;
using testing::Texts;
using testing::Views;

Scalar Make(DataTypePtr type, Scalar::Value value) {
  auto made = MakeScalar(std::move(type), std::move(value));
  EXPECT_TRUE(made.ok()) << made.status().ToString();
  return made.ok() ? *made : Scalar();
}

TEST(Scalar, FactoriesAndAccessors) {
  Scalar s = Scalar::Int64(-42);
  EXPECT_TRUE(s.type()->Equals(*Int64()));
  EXPECT_TRUE(s.is_valid());
  EXPECT_EQ(s.As<int64_t>(), -42);
  EXPECT_EQ(Scalar::UInt8(200).As<uint64_t>(), 200u);
  EXPECT_EQ(Scalar::Utf8("hi").As<std::string>(), "hi");
  EXPECT_EQ(Scalar::Float32(0.1f).As<double>(), static_cast<double>(0.1f));
  Scalar null = Scalar::Null(Utf8());
  EXPECT_TRUE(null.is_null());
  EXPECT_TRUE(null.type()->Equals(*Utf8()));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(null.value()));
  Scalar default_scalar;
  EXPECT_TRUE(default_scalar.is_null());
  EXPECT_EQ(default_scalar.type()->id(), TypeId::kNull);
  auto decimal = Scalar::Decimal128(1230, 15, 2);
  ASSERT_TRUE(decimal.ok());
  EXPECT_EQ(decimal->As<__int128>(), 1230);
  EXPECT_FALSE(Scalar::Decimal128(1, 40, 2).ok());  // precision above 38
}

TEST(Scalar, MakeScalarChecksTheValueAgainstTheType) {
  EXPECT_EQ(Make(Int8(), int64_t{-128}).As<int64_t>(), -128);
  EXPECT_EQ(MakeScalar(Int8(), 5)->As<int64_t>(), 5);
  EXPECT_EQ(MakeScalar(UInt32(), 7)->As<uint64_t>(), 7u);  // a signed literal for an unsigned type
  EXPECT_EQ(MakeScalar(Timestamp(TimeUnit::kMilli), 1000)->As<int64_t>(), 1000);
  EXPECT_EQ(MakeScalar(Float64(), 3)->As<double>(), 3.0);
  EXPECT_EQ(MakeScalar(Decimal128(10, 2), 12345)->As<__int128>(), 12345);
  EXPECT_TRUE(MakeScalar(Int32(), Scalar::Value())->is_null());  // monostate: a null

  struct Bad {
    Result<Scalar> made;
    StatusCode code;
    const char* fragment;
  };
  const Bad bad[] = {
      {MakeScalar(Int8(), 200), StatusCode::kInvalidArgument, "value 200 is out of range for int8"},
      {MakeScalar(UInt8(), -1), StatusCode::kInvalidArgument, "value -1 is out of range for uint8"},
      {MakeScalar(Int64(), std::numeric_limits<uint64_t>::max()), StatusCode::kInvalidArgument,
       "out of range for int64"},
      {MakeScalar(Utf8(), 5), StatusCode::kTypeError,
       "cannot make a utf8 scalar from a int64 value"},
      {MakeScalar(Int32(), "5"), StatusCode::kTypeError, "from a string value"},
      {MakeScalar(Boolean(), 1), StatusCode::kTypeError, "cannot make a bool scalar"},
      {MakeScalar(FixedSizeBinary(3), "ab"), StatusCode::kInvalidArgument, "needs 3 bytes, got 2"},
      {MakeScalar(Decimal128(5, 2), 100000), StatusCode::kInvalidArgument,
       "does not fit decimal128(5, 2)"},
      {MakeScalar(IntervalYearMonth(), IntervalValue{1, 2, 0, 0}), StatusCode::kInvalidArgument,
       "interval parts its type does not have"},
      {MakeScalar(Null(), 1), StatusCode::kTypeError, "always null"},
      {MakeScalar(List(Int32()), Primitive<int64_t>(Int64(), {1})), StatusCode::kTypeError,
       "needs values of type int32, got int64"},
      {MakeScalar(FixedSizeList(Int32(), 2), Primitive<int32_t>(Int32(), {1})),
       StatusCode::kTypeError, "needs exactly 2 values, got 1"},
      {MakeScalar(nullptr, 1), StatusCode::kInvalidArgument, "type is null"},
  };
  for (const Bad& b : bad) {
    ASSERT_FALSE(b.made.ok()) << "expected: " << b.fragment;
    EXPECT_EQ(b.made.status().code(), b.code) << b.made.status().ToString();
    EXPECT_NE(b.made.status().message().find(b.fragment), std::string::npos)
        << b.made.status().ToString();
  }
}

TEST(Scalar, FloatsAreRoundedToTheirType) {
  EXPECT_EQ(MakeScalar(Float32(), 0.1)->As<double>(), static_cast<double>(0.1f));
  EXPECT_EQ(MakeScalar(Float16(), 1.0 / 3)->As<double>(), 0.333251953125);
  EXPECT_EQ(MakeScalar(Float16(), 65504.0)->As<double>(), 65504.0);  // largest half
  EXPECT_EQ(MakeScalar(Float16(), 65519.0)->As<double>(), 65504.0);
  EXPECT_TRUE(std::isinf(MakeScalar(Float16(), 65520.0)->As<double>()));
  EXPECT_EQ(MakeScalar(Float16(), 6e-8)->As<double>(),
            5.960464477539063e-08);  // smallest subnormal
  EXPECT_EQ(MakeScalar(Float16(), 1e-8)->As<double>(), 0.0);
  EXPECT_EQ(MakeScalar(Float16(), -2.5)->As<double>(), -2.5);
  EXPECT_TRUE(std::isnan(MakeScalar(Float16(), std::nan(""))->As<double>()));
}

// ToString is the result table's cell text (pretty_print.h FormatValue); one value per storage
// kind shows that the scalar reaches the printer intact.
TEST(Scalar, ToStringLikeATableCell) {
  EXPECT_EQ(Scalar::Null(Int32()).ToString(), "NULL");
  EXPECT_EQ(Scalar::Boolean(true).ToString(), "true");
  EXPECT_EQ(Scalar::Int64(-42).ToString(), "-42");
  EXPECT_EQ(Scalar::Int8(-128).ToString(), "-128");
  EXPECT_EQ(Scalar::UInt64(std::numeric_limits<uint64_t>::max()).ToString(),
            "18446744073709551615");
  EXPECT_EQ(Scalar::Float64(1.5).ToString(), "1.5");
  EXPECT_EQ(Scalar::Float64(2).ToString(), "2.0");
  EXPECT_EQ(Scalar::Float64(std::nan("")).ToString(), "NaN");
  EXPECT_EQ(Scalar::Float32(0.1f).ToString(), "0.1");
  EXPECT_EQ(MakeScalar(Float16(), 1.0 / 3)->ToString(), "0.3333");

  EXPECT_EQ(MakeScalar(Decimal128(15, 2), 1230)->ToString(), "12.30");
  EXPECT_EQ(MakeScalar(Decimal128(15, 2), -5)->ToString(), "-0.05");
  EXPECT_EQ(MakeScalar(Decimal32(5, 0), 5)->ToString(), "5");
  EXPECT_EQ(MakeScalar(Decimal64(10, -2), 123)->ToString(), "12300");
  EXPECT_EQ(MakeScalar(Decimal128(38, 0), static_cast<__int128>(-1) << 100)->ToString(),
            "-1267650600228229401496703205376");
  EXPECT_EQ(MakeScalar(Decimal256(76, 2), -12345)->ToString(), "-123.45");
  Decimal256Value two_to_200;
  two_to_200.bytes[25] = 1;  // bit 200 = byte 25, bit 0
  EXPECT_EQ(Make(Decimal256(76, 0), two_to_200).ToString(),
            "1606938044258990275541962092341162602522202993782792835301376");

  EXPECT_EQ(Scalar::Date32(19753).ToString(), "2024-01-31");
  EXPECT_EQ(Scalar::Date32(19782).ToString(), "2024-02-29");
  EXPECT_EQ(Scalar::Date32(-1).ToString(), "1969-12-31");
  EXPECT_EQ(MakeScalar(Date64(), 1706659200000LL)->ToString(), "2024-01-31");
  EXPECT_EQ(MakeScalar(Time32(TimeUnit::kSecond), 45296)->ToString(), "12:34:56");
  EXPECT_EQ(MakeScalar(Time32(TimeUnit::kMilli), 45296500)->ToString(), "12:34:56.500");
  EXPECT_EQ(Scalar::Timestamp(1706704496500000LL, TimeUnit::kMicro, "UTC").ToString(),
            "2024-01-31T12:34:56.500Z");
  EXPECT_EQ(Scalar::Timestamp(-1, TimeUnit::kSecond).ToString(), "1969-12-31T23:59:59");
  EXPECT_EQ(MakeScalar(Duration(TimeUnit::kMilli), 1500)->ToString(),
            "0 days 0 hours 0 mins 1.500 secs");
  EXPECT_EQ(Make(IntervalYearMonth(), IntervalValue{14, 0, 0, 0}).ToString(), "1 years 2 mons");
  EXPECT_EQ(Make(IntervalDayTime(), IntervalValue{0, 3, 1500, 0}).ToString(), "3 days 1.500 secs");
  EXPECT_EQ(Make(IntervalMonthDayNano(), IntervalValue{1, 1, 0, -3600000000000LL}).ToString(),
            "1 mons 1 days -1 hours");

  EXPECT_EQ(Scalar::Utf8("héllo, world").ToString(), "héllo, world");
  EXPECT_EQ(Scalar::Binary(std::string("\x00"
                                       "A\\",
                                       3))
                .ToString(),
            "00415c");
  EXPECT_EQ(MakeScalar(FixedSizeBinary(3), std::string("ab\x01"))->ToString(), "616201");
  EXPECT_EQ(MakeScalar(Dictionary(Int8(), Utf8()), "decoded")->ToString(), "decoded");
}

TEST(Scalar, NestedValuesFromArrays) {
  auto ints = Primitive<int32_t>(Int32(), {1, nullopt, 3, 4});
  auto list = ListOf(List(Int32()), {0, 3, 3, 4}, {true, false, true}, ints);
  EXPECT_EQ(Texts(*list), (std::vector<std::string>{"[1, null, 3]", "NULL", "[4]"}));
  auto first = ScalarFromArray(*list, 0);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->As<std::shared_ptr<ArrayData>>()->length, 3);  // the child slice

  auto struct_type = Struct({MakeField("a", Int32()), MakeField("b", Utf8())});
  auto structs = StructOf(struct_type, 3, {true, true, false},
                          {ints, Strings(Utf8(), {"x", nullopt, "z", "w"})});
  EXPECT_EQ(Texts(*structs),
            (std::vector<std::string>{"{a: 1, b: x}", "{a: null, b: null}", "NULL"}));
  EXPECT_EQ(Texts(*structs->Slice(1, 2)), (std::vector<std::string>{"{a: null, b: null}", "NULL"}));

  auto entries =
      StructOf(Map(Utf8(), Int32())->field(0)->type(), 3, {},
               {Strings(Utf8(), {"k", "a", "b"}), Primitive<int32_t>(Int32(), {1, 2, nullopt})});
  auto map = ListOf(Map(Utf8(), Int32()), {0, 1, 3}, {}, entries);
  EXPECT_EQ(Texts(*map), (std::vector<std::string>{"{k: 1}", "{a: 2, b: null}"}));

  auto fsl = ArrayData::Make(FixedSizeList(Int32(), 2), 2, {nullptr}, {ints});
  EXPECT_EQ(Texts(*fsl->Slice(1, 1)), (std::vector<std::string>{"[3, 4]"}));

  auto dict = Primitive<int8_t>(Dictionary(Int8(), Utf8()), {1, 0, nullopt, 2});
  dict->dictionary = Strings(Utf8(), {"a", "b", nullopt});
  EXPECT_EQ(Texts(*dict), (std::vector<std::string>{"b", "a", "NULL", "NULL"}));
  auto bad_index = Primitive<int8_t>(Dictionary(Int8(), Utf8()), {5});
  bad_index->dictionary = Strings(Utf8(), {"a"});
  auto out_of_dictionary = ScalarFromArray(*bad_index, 0);
  ASSERT_FALSE(out_of_dictionary.ok());
  EXPECT_NE(out_of_dictionary.status().message().find(
                "dictionary index 5 at slot 0 is outside the dictionary"),
            std::string::npos);
}

TEST(Scalar, ScalarFromArrayReadsEveryLayout) {
  EXPECT_EQ(Texts(*Bools({true, nullopt, false})),
            (std::vector<std::string>{"true", "NULL", "false"}));
  EXPECT_EQ(Texts(*Primitive<uint16_t>(Float16(), {0x3c00, 0xc000})),
            (std::vector<std::string>{"1.0", "-2.0"}));
  EXPECT_EQ(Texts(*Strings(LargeBinary(), {"ab", nullopt})),
            (std::vector<std::string>{"6162", "NULL"}));
  EXPECT_EQ(Texts(*Views(Utf8View(),
                         {"short", "a string longer than twelve", nullopt, "second long string!"})),
            (std::vector<std::string>{"short", "a string longer than twelve", "NULL",
                                      "second long string!"}));
  EXPECT_EQ(Texts(*ArrayData::Make(Null(), 2, {}, 2)), (std::vector<std::string>{"NULL", "NULL"}));
  EXPECT_EQ(Texts(*Primitive<int32_t>(Date32(), {19753})->Slice(0, 1)),
            (std::vector<std::string>{"2024-01-31"}));

  auto ints = Primitive<int32_t>(Int32(), {1, 2, 3});
  auto out_of_bounds = ScalarFromArray(*ints->Slice(1, 2), 2);
  ASSERT_FALSE(out_of_bounds.ok());
  EXPECT_EQ(out_of_bounds.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(out_of_bounds.status().message().find(
                "index 2 is out of bounds for a int32 array of length 2"),
            std::string::npos);
  EXPECT_EQ(ScalarFromArray(*ints->Slice(1, 2), 1)->As<int64_t>(), 3);
}

TEST(Scalar, MakeArrayFromScalarRepeatsTheValue) {
  std::vector<Scalar> scalars = {
      Scalar::Boolean(true),
      Scalar::Int8(-3),
      Scalar::UInt64(9),
      Scalar::Float32(2.5f),
      *MakeScalar(Float16(), 0.5),
      *MakeScalar(Decimal128(15, 2), 1230),
      *MakeScalar(Decimal256(50, 1), -7),
      *MakeScalar(Decimal32(4, 1), 12),
      Scalar::Utf8("abc"),
      *MakeScalar(LargeUtf8(), "large"),
      Scalar::Binary(std::string("\x00\x01", 2)),
      *MakeScalar(Utf8View(), "a string longer than twelve"),
      *MakeScalar(BinaryView(), "short"),
      *MakeScalar(FixedSizeBinary(2), "xy"),
      Scalar::Date32(19753),
      Scalar::Timestamp(5, TimeUnit::kNano, "UTC"),
      *MakeScalar(Time64(TimeUnit::kMicro), 1),
      Make(IntervalMonthDayNano(), IntervalValue{1, 2, 0, 3}),
      Make(IntervalDayTime(), IntervalValue{0, 4, 5, 0}),
      Make(IntervalYearMonth(), IntervalValue{7, 0, 0, 0}),
      *ScalarFromArray(
          *ListOf(List(Int32()), {0, 2}, {}, Primitive<int32_t>(Int32(), {1, nullopt})), 0),
      *ScalarFromArray(*ListOf(LargeList(Utf8()), {0, 0}, {}, Strings(Utf8(), {})), 0),
      *ScalarFromArray(*StructOf(Struct({MakeField("a", Int32())}), 2, {},
                                 {Primitive<int32_t>(Int32(), {7, 8})}),
                       1),
      *MakeScalar(Dictionary(Int32(), Utf8()), "dict value"),
      Scalar::Null(Int32()),
      Scalar::Null(Utf8View()),
      Scalar::Null(List(Utf8())),
      Scalar::Null(Null()),
      Scalar::Null(Struct({MakeField("a", Int32()), MakeField("b", FixedSizeList(Int8(), 2))})),
      Scalar::Null(Dictionary(Int8(), Utf8())),
      Scalar::Null(Map(Utf8(), Int32())),
  };
  for (const Scalar& scalar : scalars) {
    SCOPED_TRACE(scalar.type()->ToString() + " " + scalar.ToString());
    auto array = MakeArrayFromScalar(scalar, 3);
    ASSERT_TRUE(array.ok()) << array.status().ToString();
    EXPECT_EQ((*array)->length, 3);
    EXPECT_TRUE((*array)->type->Equals(*scalar.type()));
    EXPECT_EQ((*array)->GetNullCount(), scalar.is_valid() ? 0 : 3);
    for (int64_t i = 0; i < 3; ++i) {
      auto element = ScalarFromArray(**array, i);
      ASSERT_TRUE(element.ok()) << element.status().ToString();
      EXPECT_TRUE(element->Equals(scalar)) << "slot " << i << ": " << element->ToString();
    }
    auto empty = MakeArrayFromScalar(scalar, 0);
    ASSERT_TRUE(empty.ok());
    EXPECT_EQ((*empty)->length, 0);
  }
}

TEST(Scalar, MakeArrayFromScalarMatchesArrayFromJson) {
  struct Case {
    Scalar scalar;
    DataTypePtr type;
    const char* json;
  };
  auto list_type = List(Int32());
  auto list_scalar = *ScalarFromArray(
      *ListOf(list_type, {0, 2}, {}, Primitive<int32_t>(Int32(), {1, nullopt})), 0);
  auto struct_type = Struct({MakeField("a", Int32()), MakeField("b", Utf8())});
  auto row = *ScalarFromArray(
      *StructOf(struct_type, 1, {}, {Primitive<int32_t>(Int32(), {5}), Strings(Utf8(), {"s"})}), 0);
  const Case cases[] = {
      {Scalar::Utf8("ab"), Utf8(), R"(["ab", "ab", "ab"])"},
      {Scalar::Int16(-7), Int16(), "[-7, -7, -7]"},
      {*MakeScalar(Decimal128(10, 2), 1230), Decimal128(10, 2), R"(["12.30", "12.30", "12.30"])"},
      {Scalar::Date32(19753), Date32(), R"(["2024-01-31", "2024-01-31", "2024-01-31"])"},
      {*MakeScalar(Utf8View(), "a string longer than twelve"), Utf8View(),
       R"(["a string longer than twelve", "a string longer than twelve", "a string longer than twelve"])"},
      {list_scalar, list_type, "[[1, null], [1, null], [1, null]]"},
      {row, struct_type, R"([{"a": 5, "b": "s"}, {"a": 5, "b": "s"}, {"a": 5, "b": "s"}])"},
      {Scalar::Null(struct_type), struct_type, "[null, null, null]"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    auto expected = ArrayFromJson(c.type, c.json);
    ASSERT_TRUE(expected.ok()) << expected.status().ToString();
    auto actual = MakeArrayFromScalar(c.scalar, 3);
    ASSERT_TRUE(actual.ok()) << actual.status().ToString();
    EXPECT_TRUE(ArrayDataEquals(**expected, **actual)) << DiffArrayData(**expected, **actual);
  }
}

TEST(Scalar, MakeArrayFromScalarLayouts) {
  auto strings = MakeArrayFromScalar(Scalar::Utf8("ab"), 3);
  ASSERT_TRUE(strings.ok());
  const auto* offsets = (*strings)->buffers[1]->data_as<int32_t>();
  EXPECT_EQ(std::vector<int32_t>(offsets, offsets + 4), (std::vector<int32_t>{0, 2, 4, 6}));
  EXPECT_EQ((*strings)->buffers[2]->view(), "ababab");
  EXPECT_EQ((*strings)->buffers[0], nullptr);  // no nulls, no bitmap

  // A long view string is stored once and shared by every view.
  auto views = MakeArrayFromScalar(*MakeScalar(Utf8View(), "a string longer than twelve"), 100);
  ASSERT_TRUE(views.ok());
  ASSERT_EQ((*views)->buffers.size(), 3u);
  EXPECT_EQ((*views)->buffers[2]->size(), 27);

  auto list_scalar =
      ScalarFromArray(*ListOf(List(Int32()), {0, 2}, {}, Primitive<int32_t>(Int32(), {1, 2})), 0);
  auto lists = MakeArrayFromScalar(*list_scalar, 2);
  ASSERT_TRUE(lists.ok());
  EXPECT_EQ(Texts(**lists), (std::vector<std::string>{"[1, 2]", "[1, 2]"}));
  EXPECT_EQ((*lists)->child_data[0]->length, 4);

  auto nulls = MakeArrayFromScalar(Scalar::Null(FixedSizeList(Int16(), 3)), 2);
  ASSERT_TRUE(nulls.ok());
  EXPECT_EQ((*nulls)->child_data[0]->length, 6);  // children keep the fixed size

  auto negative = MakeArrayFromScalar(Scalar::Int64(1), -1);
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.status().message().find("negative length -1"), std::string::npos);
}

TEST(Scalar, EveryArraySlotSurvivesScalarAndBack) {
  auto ints = Primitive<int32_t>(Int32(), {1, nullopt, 3, 4});
  std::vector<std::shared_ptr<ArrayData>> arrays = {
      Strings(Binary(), {"a", nullopt, "ccc"}),
      Views(BinaryView(), {"0123456789abcdef", nullopt, "x"}),
      ListOf(LargeList(Int32()), {0, 1, 1, 4}, {true, false, true}, ints),
      StructOf(Struct({MakeField("a", Int32())}), 4, {true, false, true, true}, {ints})
          ->Slice(1, 3),
  };
  for (const auto& array : arrays) {
    for (int64_t i = 0; i < array->length; ++i) {
      auto scalar = ScalarFromArray(*array, i);
      ASSERT_TRUE(scalar.ok());
      auto repeated = MakeArrayFromScalar(*scalar, 2);
      ASSERT_TRUE(repeated.ok()) << repeated.status().ToString();
      EXPECT_EQ(Texts(**repeated),
                (std::vector<std::string>{scalar->ToString(), scalar->ToString()}));
    }
  }
}

TEST(Scalar, EqualsAndHash) {
  EXPECT_EQ(Scalar::Int64(1), Scalar::Int64(1));
  EXPECT_FALSE(Scalar::Int64(1) == Scalar::Int32(1));  // types differ
  EXPECT_FALSE(Scalar::Int64(1) == Scalar::Int64(2));
  EXPECT_FALSE(Scalar::Int64(1) == Scalar::Null(Int64()));
  EXPECT_EQ(Scalar::Null(Int64()), Scalar::Null(Int64()));
  EXPECT_FALSE(Scalar::Null(Int64()) == Scalar::Null(Int32()));
  EXPECT_EQ(Scalar::Float64(std::nan("")), Scalar::Float64(-std::nan("")));
  EXPECT_EQ(Scalar::Float64(std::nan("")).Hash(), Scalar::Float64(-std::nan("")).Hash());
  EXPECT_EQ(Scalar::Float64(0.0), Scalar::Float64(-0.0));
  EXPECT_EQ(Scalar::Float64(0.0).Hash(), Scalar::Float64(-0.0).Hash());
  EXPECT_FALSE(Scalar::Timestamp(1, TimeUnit::kSecond, "UTC") ==
               Scalar::Timestamp(1, TimeUnit::kSecond));

  // Lists equal by value, wherever the values live.
  auto a = ListOf(List(Int32()), {0, 2}, {}, Primitive<int32_t>(Int32(), {1, 2}));
  auto b = ListOf(List(Int32()), {0, 1, 3}, {}, Primitive<int32_t>(Int32(), {9, 1, 2}));
  auto la = *ScalarFromArray(*a, 0);
  auto lb = *ScalarFromArray(*b, 1);
  EXPECT_EQ(la, lb);
  EXPECT_EQ(la.Hash(), lb.Hash());
  EXPECT_FALSE(la == *ScalarFromArray(*b, 0));

  std::unordered_set<Scalar> set = {Scalar::Utf8("x"),
                                    Scalar::Utf8("x"),
                                    Scalar::Utf8("y"),
                                    Scalar::Null(Utf8()),
                                    Scalar::Null(Utf8()),
                                    la,
                                    lb};
  EXPECT_EQ(set.size(), 4u);
  EXPECT_EQ(set.count(Scalar::Utf8("y")), 1u);
}

}  // namespace
}  // namespace ballista::arrow
