#include "ballista/formats/scan_predicate.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ballista::formats {
namespace {

namespace a = ballista::arrow;

a::Scalar Dec(__int128 unscaled, int p, int s) {
  return a::Scalar::Decimal128(unscaled, p, s).ValueOrDie();
}

TEST(CompareScalars, AcrossCompatibleTypes) {
  EXPECT_EQ(CompareScalars(a::Scalar::Int32(5), a::Scalar::Int64(7)), -1);
  EXPECT_EQ(CompareScalars(a::Scalar::UInt64(18446744073709551615ull), a::Scalar::Int64(-1)), 1);
  // 12.50 vs 12 and vs 12.5 at another scale.
  EXPECT_EQ(CompareScalars(Dec(1250, 10, 2), a::Scalar::Int64(12)), 1);
  EXPECT_EQ(CompareScalars(Dec(1250, 10, 2), Dec(125, 10, 1)), 0);
  EXPECT_EQ(CompareScalars(a::Scalar::Float64(2.5), a::Scalar::Int32(3)), -1);
  EXPECT_EQ(CompareScalars(a::Scalar::Float64(NAN), a::Scalar::Float64(1)), std::nullopt);
  // Bytes compare unsigned: "\xc3\xa9" > "z".
  EXPECT_EQ(CompareScalars(a::Scalar::Utf8("\xc3\xa9"), a::Scalar::Utf8("z")), 1);
  EXPECT_EQ(CompareScalars(a::Scalar::Utf8("1"), a::Scalar::Int32(1)), std::nullopt);
  EXPECT_EQ(CompareScalars(a::Scalar::Timestamp(1, a::TimeUnit::kMilli),
                           a::Scalar::Timestamp(1, a::TimeUnit::kMicro)),
            std::nullopt);
  EXPECT_EQ(CompareScalars(a::Scalar::Date32(3), a::Scalar::Date32(2)), 1);
}

TEST(StatisticsMayMatch, EachOperator) {
  ColumnStatistics s;  // values in [10, 20], 3 nulls of 100
  s.min = a::Scalar::Int64(10);
  s.max = a::Scalar::Int64(20);
  s.null_count = 3;
  s.num_values = 100;
  auto may = [&](PredicateOp op, std::vector<a::Scalar> v) {
    return StatisticsMayMatch(ColumnPredicate{"x", op, std::move(v)}, s);
  };
  EXPECT_TRUE(may(PredicateOp::kEq, {a::Scalar::Int64(10)}));
  EXPECT_FALSE(may(PredicateOp::kEq, {a::Scalar::Int64(21)}));
  EXPECT_FALSE(may(PredicateOp::kLt, {a::Scalar::Int64(10)}));
  EXPECT_TRUE(may(PredicateOp::kLe, {a::Scalar::Int64(10)}));
  EXPECT_FALSE(may(PredicateOp::kGt, {a::Scalar::Int64(20)}));
  EXPECT_TRUE(may(PredicateOp::kGe, {a::Scalar::Int64(20)}));
  EXPECT_TRUE(may(PredicateOp::kNe, {a::Scalar::Int64(10)}));
  EXPECT_FALSE(may(PredicateOp::kIn, {a::Scalar::Int64(1), a::Scalar::Int64(30)}));
  EXPECT_TRUE(may(PredicateOp::kIn, {a::Scalar::Int64(1), a::Scalar::Int64(15)}));
  EXPECT_TRUE(may(PredicateOp::kIsNull, {}));
  EXPECT_TRUE(may(PredicateOp::kIsNotNull, {}));
  EXPECT_FALSE(may(PredicateOp::kEq, {a::Scalar::Null(a::Int64())}));
  // Incomparable literal: never prunes.
  EXPECT_TRUE(may(PredicateOp::kEq, {a::Scalar::Utf8("a")}));
  s.null_count = 0;
  EXPECT_FALSE(may(PredicateOp::kIsNull, {}));
  s.min = s.max = a::Scalar::Int64(7);
  EXPECT_FALSE(may(PredicateOp::kNe, {a::Scalar::Int64(7)}));
  ColumnStatistics all_null;
  all_null.null_count = 5;
  all_null.num_values = 5;
  EXPECT_FALSE(StatisticsMayMatch({"x", PredicateOp::kIsNotNull, {}}, all_null));
  EXPECT_FALSE(StatisticsMayMatch({"x", PredicateOp::kGt, {a::Scalar::Int64(0)}}, all_null));
  EXPECT_TRUE(
      StatisticsMayMatch({"x", PredicateOp::kGt, {a::Scalar::Int64(0)}}, ColumnStatistics{}));
}

}  // namespace
}  // namespace ballista::formats
