// Arrow types, fields, schemas and scalars through their messages.
#include "ballista/dist/type_serde.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ballista/arrow/array_from_json.h"
#include "ballista/dist/scalar_serde.h"

namespace ballista::dist {
namespace {

namespace a = ballista::arrow;
namespace pb = ballista::protobuf;

a::DataTypePtr RoundTripType(const a::DataTypePtr& type) {
  pb::ArrowType proto;
  auto status = TypeToProto(*type, &proto);
  EXPECT_TRUE(status.ok()) << status.ToString();
  // Through bytes too, as the wire does.
  pb::ArrowType parsed;
  EXPECT_TRUE(parsed.ParseFromString(proto.SerializeAsString()));
  auto back = TypeFromProto(parsed);
  EXPECT_TRUE(back.ok()) << back.status().ToString();
  return back.ok() ? *back : nullptr;
}

std::vector<a::DataTypePtr> AllTypes() {
  auto item = a::MakeField("element", a::Int32(), false, {{"k", "v"}});
  return {
      a::Null(),
      a::Boolean(),
      a::Int8(),
      a::Int16(),
      a::Int32(),
      a::Int64(),
      a::UInt8(),
      a::UInt16(),
      a::UInt32(),
      a::UInt64(),
      a::Float16(),
      a::Float32(),
      a::Float64(),
      a::Decimal32(9, 2),
      a::Decimal64(18, 4),
      a::Decimal128(38, 10),
      a::Decimal256(76, 0),
      a::Utf8(),
      a::LargeUtf8(),
      a::Utf8View(),
      a::Binary(),
      a::LargeBinary(),
      a::BinaryView(),
      a::FixedSizeBinary(16),
      a::Date32(),
      a::Date64(),
      a::Time32(a::TimeUnit::kSecond),
      a::Time32(a::TimeUnit::kMilli),
      a::Time64(a::TimeUnit::kMicro),
      a::Time64(a::TimeUnit::kNano),
      a::Timestamp(a::TimeUnit::kMicro),
      a::Timestamp(a::TimeUnit::kNano, "Europe/Berlin"),
      a::Timestamp(a::TimeUnit::kSecond, "UTC"),
      a::Duration(a::TimeUnit::kMilli),
      a::IntervalYearMonth(),
      a::IntervalDayTime(),
      a::IntervalMonthDayNano(),
      a::List(a::Utf8()),
      a::List(item),
      a::LargeList(a::Float64()),
      a::FixedSizeList(a::Int16(), 3),
      a::Struct({a::MakeField("x", a::Int64()), a::MakeField("y", a::List(a::Utf8()), false)}),
      a::Struct({}),
      a::Map(a::Utf8(), a::Int32()),
      a::Map(a::Int64(), a::List(a::Utf8()), true),
      a::Dictionary(a::Int32(), a::Utf8()),
      a::Dictionary(a::UInt16(), a::LargeUtf8(), true),
  };
}

TEST(TypeSerdeTest, EveryTypeRoundTrips) {
  for (const auto& type : AllTypes()) {
    auto back = RoundTripType(type);
    ASSERT_NE(back, nullptr) << type->ToString();
    EXPECT_TRUE(back->Equals(*type, /*check_metadata=*/true))
        << type->ToString() << " vs " << back->ToString();
  }
}

TEST(TypeSerdeTest, SchemaWithMetadataRoundTrips) {
  auto schema = a::MakeSchema(
      {a::MakeField("a", a::Int32(), false, {{"origin", "csv"}}),
       a::MakeField("b", a::Map(a::Utf8(), a::Float64())), a::MakeField("", a::Utf8())},
      {{"z", "1"}, {"a", "2"}});
  auto bytes = SerializeSchema(*schema);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto back = DeserializeSchema(*bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE((*back)->Equals(*schema, /*check_metadata=*/true));
  EXPECT_EQ((*back)->metadata(), schema->metadata());  // order kept
}

TEST(TypeSerdeTest, BadSchemaBytesAreErrors) {
  auto bytes = SerializeSchema(*a::MakeSchema({a::MakeField("a", a::Int32())}));
  ASSERT_TRUE(bytes.ok());
  for (size_t n = 0; n < bytes->size(); ++n) {
    auto back = DeserializeSchema(std::string_view(*bytes).substr(0, n));
    EXPECT_FALSE(back.ok()) << "prefix of " << n << " bytes";
  }
  EXPECT_FALSE(DeserializeSchema("\xff\xff\xff\xff garbage").ok());
  pb::SerializedSchema message;
  ASSERT_TRUE(message.ParseFromString(*bytes));
  message.set_version(kPlanSerdeVersion + 1);
  auto wrong = DeserializeSchema(message.SerializeAsString());
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("version 2"), std::string::npos)
      << wrong.status().ToString();
}

TEST(TypeSerdeTest, InvalidTypesAreErrors) {
  auto expect_invalid = [](const pb::ArrowType& proto, const std::string& what) {
    auto type = TypeFromProto(proto);
    ASSERT_FALSE(type.ok()) << what;
    EXPECT_EQ(type.status().code(), StatusCode::kInvalidData) << type.status().ToString();
  };
  pb::ArrowType proto;
  expect_invalid(proto, "no kind");
  proto.set_simple(static_cast<pb::SimpleType>(999));
  expect_invalid(proto, "unknown simple type");
  proto.set_simple(pb::SIMPLE_TYPE_UNSPECIFIED);
  expect_invalid(proto, "unspecified simple type");
  proto.mutable_decimal()->set_bit_width(100);
  expect_invalid(proto, "decimal width");
  proto.mutable_decimal()->set_bit_width(128);
  proto.mutable_decimal()->set_precision(60);
  expect_invalid(proto, "decimal precision");
  proto.mutable_time32()->set_unit(pb::TIME_UNIT_NANO);
  expect_invalid(proto, "time32 in ns");
  proto.mutable_timestamp()->set_unit(static_cast<pb::TimeUnit>(7));
  expect_invalid(proto, "unknown unit");
  proto.mutable_list();
  expect_invalid(proto, "list without item");
  proto.mutable_map()->mutable_entries()->mutable_type()->set_simple(pb::SIMPLE_TYPE_INT32);
  expect_invalid(proto, "map entries not a struct");
  proto.mutable_dictionary()->mutable_index_type()->set_simple(pb::SIMPLE_TYPE_UTF8);
  proto.mutable_dictionary()->mutable_value_type()->set_simple(pb::SIMPLE_TYPE_UTF8);
  expect_invalid(proto, "dictionary with a string index");
  // Nesting past the limit.
  pb::ArrowType deep;
  pb::ArrowType* at = &deep;
  for (int i = 0; i < 200; ++i) at = at->mutable_list()->mutable_item()->mutable_type();
  at->set_simple(pb::SIMPLE_TYPE_INT32);
  expect_invalid(deep, "deep nesting");
}

a::Scalar RoundTripScalar(const a::Scalar& scalar) {
  pb::ScalarValue proto;
  auto status = ScalarToProto(scalar, &proto);
  EXPECT_TRUE(status.ok()) << status.ToString();
  pb::ScalarValue parsed;
  EXPECT_TRUE(parsed.ParseFromString(proto.SerializeAsString()));
  auto back = ScalarFromProto(parsed);
  EXPECT_TRUE(back.ok()) << scalar.type()->ToString() << ": " << back.status().ToString();
  return back.ok() ? *back : a::Scalar();
}

a::Scalar Make(const a::DataTypePtr& type, a::Scalar::Value value) {
  auto scalar = a::MakeScalar(type, std::move(value));
  EXPECT_TRUE(scalar.ok()) << type->ToString() << ": " << scalar.status().ToString();
  return scalar.ok() ? *scalar : a::Scalar();
}

a::Scalar FromJson(const a::DataTypePtr& type, std::string_view json) {
  auto array = a::ArrayFromJson(type, json);
  EXPECT_TRUE(array.ok()) << array.status().ToString();
  auto scalar = a::ScalarFromArray(**array, 0);
  EXPECT_TRUE(scalar.ok()) << scalar.status().ToString();
  return *scalar;
}

TEST(ScalarSerdeTest, NullsOfEveryTypeRoundTrip) {
  for (const auto& type : AllTypes()) {
    auto back = RoundTripScalar(a::Scalar::Null(type));
    EXPECT_TRUE(back.is_null());
    EXPECT_TRUE(back.type()->Equals(*type)) << type->ToString();
  }
}

TEST(ScalarSerdeTest, ValuesRoundTrip) {
  a::Decimal256Value big;
  for (size_t i = 0; i < big.bytes.size(); ++i) big.bytes[i] = static_cast<uint8_t>(i * 7 + 1);
  big.bytes[31] = 0x0f;
  __int128 negative = -(static_cast<__int128>(1) << 100) - 12345;
  std::vector<a::Scalar> scalars = {
      a::Scalar::Boolean(true),
      a::Scalar::Boolean(false),
      a::Scalar::Int8(-128),
      a::Scalar::Int16(32767),
      a::Scalar::Int32(-7),
      a::Scalar::Int64(std::numeric_limits<int64_t>::min()),
      a::Scalar::UInt8(255),
      a::Scalar::UInt64(std::numeric_limits<uint64_t>::max()),
      Make(a::Float16(), 1.5),
      a::Scalar::Float32(3.25f),
      a::Scalar::Float64(-0.0),
      a::Scalar::Float64(std::numeric_limits<double>::infinity()),
      a::Scalar::Float64(std::nan("")),
      *a::Scalar::Decimal128(negative, 38, 5),
      Make(a::Decimal32(9, 2), __int128{-99999}),
      Make(a::Decimal64(18, 0), __int128{123456789012345678}),
      Make(a::Decimal256(76, 3), big),
      a::Scalar::Utf8("héllo, wörld"),
      a::Scalar::Utf8(""),
      Make(a::LargeUtf8(), std::string("large")),
      Make(a::Utf8View(), std::string("a view string longer than twelve bytes")),
      a::Scalar::Binary(std::string("\x00\xff\x80 bytes", 9)),
      Make(a::FixedSizeBinary(3), std::string("abc")),
      a::Scalar::Date32(19000),
      Make(a::Date64(), int64_t{1641600000000}),
      Make(a::Time32(a::TimeUnit::kMilli), int64_t{1234}),
      Make(a::Time64(a::TimeUnit::kNano), int64_t{86399999999999}),
      a::Scalar::Timestamp(1700000000000000, a::TimeUnit::kMicro),
      a::Scalar::Timestamp(-5, a::TimeUnit::kSecond, "America/New_York"),
      Make(a::Duration(a::TimeUnit::kNano), int64_t{-42}),
      Make(a::IntervalYearMonth(), a::IntervalValue{14, 0, 0, 0}),
      Make(a::IntervalDayTime(), a::IntervalValue{0, -3, 500, 0}),
      Make(a::IntervalMonthDayNano(), a::IntervalValue{1, 2, 0, 3000000000}),
      FromJson(a::List(a::Int32()), "[[1, null, 3]]"),
      FromJson(a::List(a::Int32()), "[[]]"),
      FromJson(a::LargeList(a::Utf8()), R"([["x", "yz"]])"),
      FromJson(a::FixedSizeList(a::Float64(), 2), "[[1.5, null]]"),
      FromJson(a::Struct({a::MakeField("a", a::Int64()), a::MakeField("b", a::List(a::Utf8()))}),
               R"([{"a": 5, "b": ["p", null]}])"),
      FromJson(a::Map(a::Utf8(), a::Int32()), R"([[["k1", 1], ["k2", null]]])"),
      FromJson(a::Dictionary(a::Int32(), a::Utf8()), R"(["dict value"])"),
  };
  for (const auto& scalar : scalars) {
    auto back = RoundTripScalar(scalar);
    EXPECT_TRUE(back.Equals(scalar))
        << scalar.type()->ToString() << " " << scalar.ToString() << " came back as "
        << back.type()->ToString() << " " << back.ToString();
  }
}

TEST(ScalarSerdeTest, MismatchedValuesAreErrors) {
  auto expect_invalid = [](const pb::ScalarValue& proto, const std::string& what) {
    auto scalar = ScalarFromProto(proto);
    EXPECT_FALSE(scalar.ok()) << what;
    if (!scalar.ok()) {
      EXPECT_EQ(scalar.status().code(), StatusCode::kInvalidData) << scalar.status().ToString();
    }
  };
  pb::ScalarValue proto;
  proto.set_int_value(1);
  expect_invalid(proto, "no type");
  ASSERT_TRUE(TypeToProto(*a::Int8(), proto.mutable_type()).ok());
  proto.set_int_value(1000);
  expect_invalid(proto, "int8 out of range");
  proto.set_bool_value(true);
  expect_invalid(proto, "bool for int8");
  proto.set_bytes_value("x");
  expect_invalid(proto, "string for int8");
  proto.set_double_value(1.0);
  expect_invalid(proto, "double for int8");
  ASSERT_TRUE(TypeToProto(*a::Decimal128(10, 2), proto.mutable_type()).ok());
  proto.set_decimal_value("short");
  expect_invalid(proto, "decimal bytes");
  proto.set_decimal_value(std::string(16, '\x7f'));
  expect_invalid(proto, "decimal over its precision");
  ASSERT_TRUE(TypeToProto(*a::List(a::Int32()), proto.mutable_type()).ok());
  proto.set_nested_ipc("not an ipc stream");
  expect_invalid(proto, "bad IPC");
  proto.set_int_value(3);
  expect_invalid(proto, "list from an int");
  ASSERT_TRUE(TypeToProto(*a::FixedSizeBinary(4), proto.mutable_type()).ok());
  proto.set_bytes_value("abc");
  expect_invalid(proto, "fixed-size binary width");
  // A nested value of another type than declared.
  pb::ScalarValue list;
  ASSERT_TRUE(ScalarToProto(FromJson(a::List(a::Int32()), "[[1]]"), &list).ok());
  ASSERT_TRUE(TypeToProto(*a::List(a::Utf8()), list.mutable_type()).ok());
  expect_invalid(list, "nested type mismatch");
}

}  // namespace
}  // namespace ballista::dist
