#include "ballista/common/json.h"

#include <gtest/gtest.h>

namespace ballista::json {
namespace {

TEST(JsonTest, ParsesNestedDocument) {
  auto parsed = Parse(R"({"a": [1, -2.5e3, null, true], "b": {"c": "x\ny\u00e9"}, "big": 9007199254740993})");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const Value& v = *parsed;
  ASSERT_TRUE(v.IsObject());
  const Value* a = v.Get("a");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->array().size(), 4u);
  EXPECT_EQ(*a->array()[0].AsInt64(), 1);
  EXPECT_DOUBLE_EQ(a->array()[1].AsDouble(), -2500.0);
  EXPECT_TRUE(a->array()[2].IsNull());
  EXPECT_TRUE(a->array()[3].AsBool());
  EXPECT_EQ(v.Get("b")->Get("c")->AsString(), "x\ny\xc3\xa9");
  // Integers beyond double precision survive through their text.
  EXPECT_EQ(*v.Get("big")->AsInt64(), 9007199254740993LL);
  EXPECT_EQ(v.Get("missing"), nullptr);
}

TEST(JsonTest, KeepsMemberOrderAndSerializes) {
  auto parsed = Parse(R"({"z":1,"a":[true,"q\""]})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->object()[0].first, "z");
  EXPECT_EQ(parsed->Serialize(), R"({"z":1,"a":[true,"q\""]})");
}

TEST(JsonTest, ErrorsNamePosition) {
  auto bad = Parse("{\n  \"a\": [1, 2,, 3]\n}");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "JSON line 2, column 14: unexpected character ','");
  EXPECT_FALSE(Parse("[1, 2").ok());
  EXPECT_FALSE(Parse("\"abc").ok());
  EXPECT_FALSE(Parse("1 2").ok());
  EXPECT_FALSE(Parse("").ok());
  EXPECT_FALSE(Parse("-").ok());
}

TEST(JsonTest, DeepNestingIsRefusedNotCrashing) {
  std::string deep(100000, '[');
  auto r = Parse(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("nesting deeper"), std::string::npos);
}

TEST(JsonTest, AsInt64RejectsFractions) {
  auto v = Parse("1.5");
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->AsInt64().ok());
}

}  // namespace
}  // namespace ballista::json
