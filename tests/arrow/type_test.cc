#include "ballista/arrow/type.h"

#include <gtest/gtest.h>

#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/type_traits.h"

namespace ballista::arrow {
namespace {

TEST(TypeTest, ToStringOfPrimitiveTypes) {
  EXPECT_EQ(Null()->ToString(), "null");
  EXPECT_EQ(Boolean()->ToString(), "bool");
  EXPECT_EQ(Int8()->ToString(), "int8");
  EXPECT_EQ(UInt64()->ToString(), "uint64");
  EXPECT_EQ(Float16()->ToString(), "float16");
  EXPECT_EQ(Float64()->ToString(), "float64");
  EXPECT_EQ(Utf8()->ToString(), "utf8");
  EXPECT_EQ(LargeUtf8()->ToString(), "large_utf8");
  EXPECT_EQ(Utf8View()->ToString(), "utf8_view");
  EXPECT_EQ(Binary()->ToString(), "binary");
  EXPECT_EQ(BinaryView()->ToString(), "binary_view");
  EXPECT_EQ(Date32()->ToString(), "date32");
  EXPECT_EQ(IntervalMonthDayNano()->ToString(), "interval_month_day_nano");
}

TEST(TypeTest, ToStringOfParametricTypes) {
  EXPECT_EQ(Decimal128(15, 2)->ToString(), "decimal128(15, 2)");
  EXPECT_EQ(Decimal32(9, 0)->ToString(), "decimal32(9, 0)");
  EXPECT_EQ(Timestamp(TimeUnit::kMicro, "UTC")->ToString(), "timestamp[us, tz=UTC]");
  EXPECT_EQ(Timestamp(TimeUnit::kNano)->ToString(), "timestamp[ns]");
  EXPECT_EQ(Time32(TimeUnit::kMilli)->ToString(), "time32[ms]");
  EXPECT_EQ(Duration(TimeUnit::kSecond)->ToString(), "duration[s]");
  EXPECT_EQ(FixedSizeBinary(16)->ToString(), "fixed_size_binary[16]");
  EXPECT_EQ(List(Int32())->ToString(), "list<item: int32>");
  EXPECT_EQ(LargeList(MakeField("x", Utf8(), false))->ToString(), "large_list<x: utf8 not null>");
  EXPECT_EQ(FixedSizeList(Float32(), 3)->ToString(), "fixed_size_list<item: float32>[3]");
  EXPECT_EQ(Struct({MakeField("a", Int64()), MakeField("b", Utf8())})->ToString(),
            "struct<a: int64, b: utf8>");
  EXPECT_EQ(Map(Utf8(), Int32())->ToString(), "map<utf8, int32>");
  EXPECT_EQ(Map(Utf8(), Int32(), true)->ToString(), "map<utf8, int32, keys_sorted>");
  EXPECT_EQ(Dictionary(Int8(), Utf8())->ToString(), "dictionary<values=utf8, indices=int8>");
}

TEST(TypeTest, EqualsComparesParameters) {
  EXPECT_TRUE(Int32()->Equals(*Int32()));
  EXPECT_FALSE(Int32()->Equals(*Int64()));
  EXPECT_TRUE(Decimal128(10, 2)->Equals(*Decimal128(10, 2)));
  EXPECT_FALSE(Decimal128(10, 2)->Equals(*Decimal128(10, 3)));
  EXPECT_FALSE(Decimal128(10, 2)->Equals(*Decimal256(10, 2)));
  EXPECT_FALSE(Timestamp(TimeUnit::kMicro)->Equals(*Timestamp(TimeUnit::kMicro, "UTC")));
  EXPECT_FALSE(Timestamp(TimeUnit::kMicro)->Equals(*Timestamp(TimeUnit::kMilli)));
  EXPECT_FALSE(FixedSizeBinary(3)->Equals(*FixedSizeBinary(4)));
  EXPECT_TRUE(List(Int32())->Equals(*List(Int32())));
  EXPECT_FALSE(List(Int32())->Equals(*List(MakeField("element", Int32()))));
  EXPECT_FALSE(List(Int32())->Equals(*List(MakeField("item", Int32(), false))));
  EXPECT_FALSE(List(Int32())->Equals(*LargeList(Int32())));
  EXPECT_FALSE(FixedSizeList(Int32(), 2)->Equals(*FixedSizeList(Int32(), 3)));
  EXPECT_FALSE(Map(Utf8(), Int32())->Equals(*Map(Utf8(), Int32(), true)));
  EXPECT_FALSE(Dictionary(Int8(), Utf8())->Equals(*Dictionary(Int16(), Utf8())));
  EXPECT_TRUE(*Struct({MakeField("a", Int32())}) == *Struct({MakeField("a", Int32())}));
}

TEST(TypeTest, FieldMetadataOnlyCountsWhenAsked) {
  auto plain = MakeField("a", Int32());
  auto tagged = MakeField("a", Int32(), true, {{"k", "v"}});
  EXPECT_TRUE(plain->Equals(*tagged));
  EXPECT_FALSE(plain->Equals(*tagged, /*check_metadata=*/true));
  EXPECT_EQ(MakeField("a", Int32(), false)->ToString(), "a: int32 not null");
}

TEST(TypeTest, ByteAndBitWidths) {
  EXPECT_EQ(Boolean()->bit_width(), 1);
  EXPECT_EQ(Boolean()->byte_width(), -1);
  EXPECT_EQ(Int16()->byte_width(), 2);
  EXPECT_EQ(Decimal32(5, 1)->byte_width(), 4);
  EXPECT_EQ(Decimal64(15, 1)->byte_width(), 8);
  EXPECT_EQ(Decimal128(5, 1)->byte_width(), 16);
  EXPECT_EQ(Decimal256(5, 1)->byte_width(), 32);
  EXPECT_EQ(IntervalDayTime()->byte_width(), 8);
  EXPECT_EQ(IntervalMonthDayNano()->byte_width(), 16);
  EXPECT_EQ(FixedSizeBinary(5)->bit_width(), 40);
  EXPECT_EQ(Utf8()->byte_width(), -1);
}

TEST(SchemaTest, GetFieldByNameFindsAndSuggests) {
  auto schema = MakeSchema({MakeField("customer_id", Int64()), MakeField("name", Utf8())});
  auto found = schema->GetFieldByName("name");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ((*found)->type()->id(), TypeId::kUtf8);
  EXPECT_EQ(schema->GetFieldIndex("customer_id"), 0);
  EXPECT_EQ(schema->GetFieldIndex("missing"), -1);

  auto typo = schema->GetFieldByName("nmae");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(typo.status().message(), "field \"nmae\" not found; did you mean \"name\"?");

  auto far = schema->GetFieldByName("zzzzzz");
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.status().message(), "field \"zzzzzz\" not found");
}

TEST(SchemaTest, ToStringAndEquals) {
  auto a = MakeSchema({MakeField("x", Int32()), MakeField("y", Utf8(), false)});
  auto b = MakeSchema({MakeField("x", Int32()), MakeField("y", Utf8(), false)});
  auto c = MakeSchema({MakeField("x", Int32())});
  EXPECT_EQ(a->ToString(), "x: int32\ny: utf8 not null");
  EXPECT_TRUE(a->Equals(*b));
  EXPECT_FALSE(a->Equals(*c));
}

TEST(TypeTest, CheckedFactoriesRejectBadParameters) {
  EXPECT_FALSE(MakeDecimal(TypeId::kDecimal32, 10, 2).ok());
  EXPECT_TRUE(MakeDecimal(TypeId::kDecimal32, 9, 2).ok());
  EXPECT_FALSE(MakeFixedSizeBinary(-1).ok());
  EXPECT_FALSE(MakeTime(TypeId::kTime32, TimeUnit::kNano).ok());
  EXPECT_FALSE(MakeDictionary(Utf8(), Utf8(), false).ok());
}

TEST(TypeTest, Predicates) {
  EXPECT_TRUE(IsInteger(TypeId::kUInt16));
  EXPECT_FALSE(IsInteger(TypeId::kFloat32));
  EXPECT_TRUE(IsFloating(TypeId::kFloat16));
  EXPECT_TRUE(IsDecimal(TypeId::kDecimal256));
  EXPECT_TRUE(IsStringLike(TypeId::kUtf8View));
  EXPECT_FALSE(IsStringLike(TypeId::kBinary));
  EXPECT_TRUE(IsBaseBinary(TypeId::kLargeBinary));
  EXPECT_TRUE(IsNested(TypeId::kMap));
  EXPECT_FALSE(IsNested(TypeId::kDictionary));
  EXPECT_TRUE(IsParameterFree(TypeId::kDate64));
  EXPECT_FALSE(IsParameterFree(TypeId::kTimestamp));
  EXPECT_EQ(ParameterFreeType(TypeId::kTimestamp), nullptr);
  EXPECT_EQ(ParameterFreeType(TypeId::kInt32)->id(), TypeId::kInt32);
}

TEST(BitUtilTest, GetSetAndCount) {
  uint8_t bits[3] = {0, 0, 0};
  bit_util::SetBit(bits, 0);
  bit_util::SetBit(bits, 9);
  bit_util::SetBitTo(bits, 17, true);
  EXPECT_EQ(bits[0], 0x01);
  EXPECT_EQ(bits[1], 0x02);
  EXPECT_EQ(bits[2], 0x02);
  EXPECT_TRUE(bit_util::GetBit(bits, 9));
  EXPECT_FALSE(bit_util::GetBit(bits, 8));
  EXPECT_EQ(bit_util::CountSetBits(bits, 0, 24), 3);
  EXPECT_EQ(bit_util::CountSetBits(bits, 1, 16), 1);
  bit_util::ClearBit(bits, 9);
  EXPECT_EQ(bits[1], 0x00);
  bit_util::SetBitsTo(bits, 3, 10, true);
  EXPECT_EQ(bits[0], 0xF9);
  EXPECT_EQ(bits[1], 0x1F);
  EXPECT_EQ(bit_util::BytesForBits(0), 0);
  EXPECT_EQ(bit_util::BytesForBits(9), 2);
}

TEST(BitUtilTest, CopyAndCompareUnaligned) {
  const uint8_t src[2] = {0b10110110, 0b00000011};
  uint8_t dest[2] = {0, 0};
  bit_util::CopyBitmap(src, 1, 9, dest, 3);
  // Bits 1..9 of src are 1,1,0,1,1,0,1,1,1 -> dest bits 3..11.
  EXPECT_EQ(dest[0], 0b11011000);
  EXPECT_EQ(dest[1], 0b00001110);
  EXPECT_TRUE(bit_util::BitmapEquals(src, 1, dest, 3, 9));
  EXPECT_FALSE(bit_util::BitmapEquals(src, 0, dest, 3, 9));
}

TEST(Float16Test, ConvertsBothWays) {
  EXPECT_EQ(FloatToFloat16(1.0f), 0x3C00);
  EXPECT_EQ(FloatToFloat16(-2.0f), 0xC000);
  EXPECT_EQ(FloatToFloat16(65504.0f), 0x7BFF);
  EXPECT_EQ(FloatToFloat16(1e6f), 0x7C00);           // overflow to +inf
  EXPECT_EQ(FloatToFloat16(5.9604645e-8f), 0x0001);  // smallest subnormal
  EXPECT_EQ(FloatToFloat16(1e-9f), 0x0000);          // underflow to zero
  EXPECT_EQ(FloatToFloat16(0.1f), 0x2E66);
  EXPECT_EQ(Float16ToFloat(0x3C00), 1.0f);
  EXPECT_EQ(Float16ToFloat(0x3555), 0.333251953125f);
  EXPECT_EQ(Float16ToFloat(0x0001), 5.9604644775390625e-8f);
  EXPECT_TRUE(std::isinf(Float16ToFloat(0xFC00)));
  EXPECT_TRUE(std::isnan(Float16ToFloat(0x7E00)));
  // Ties go to even: 2049 lies halfway between the halves 2048 and 2050.
  EXPECT_EQ(Float16ToFloat(FloatToFloat16(2049.0f)), 2048.0f);
  EXPECT_EQ(Float16ToFloat(FloatToFloat16(2051.0f)), 2052.0f);
}

}  // namespace
}  // namespace ballista::arrow
