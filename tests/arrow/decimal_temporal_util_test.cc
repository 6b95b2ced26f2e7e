#include <gtest/gtest.h>

#include <cstring>

#include "ballista/arrow/decimal_util.h"
#include "ballista/arrow/temporal_util.h"

namespace ballista::arrow {
namespace {

std::string Format128(__int128 v, int width, int scale) {
  uint8_t bytes[32];
  decimal::StoreInt128(v, width, bytes);
  return decimal::FormatUnscaled(bytes, width, scale);
}

std::string RoundTrip(std::string_view text, int precision, int scale, int width) {
  uint8_t bytes[32];
  Status st = decimal::ParseDecimal(text, precision, scale, width, bytes);
  if (!st.ok()) return "error: " + st.message();
  return decimal::FormatUnscaled(bytes, width, scale);
}

TEST(DecimalUtilTest, FormatsEveryWidth) {
  EXPECT_EQ(Format128(-2147483648, 4, 2), "-21474836.48");
  EXPECT_EQ(Format128(5, 8, 3), "0.005");
  EXPECT_EQ(Format128(-5, 16, 3), "-0.005");
  EXPECT_EQ(Format128(0, 16, 2), "0.00");
  EXPECT_EQ(Format128(12, 16, -3), "12000");
  EXPECT_EQ(Format128(0, 16, -3), "0");
  // Digits are produced 19 at a time: zeros inside a chunk must not be dropped.
  EXPECT_EQ(Format128(static_cast<__int128>(10000000000000000000ull), 16, 0),
            "10000000000000000000");
  EXPECT_EQ(Format128(static_cast<__int128>(10000000000000000000ull) + 5, 16, 0),
            "10000000000000000005");
  __int128 max128 = static_cast<__int128>((~static_cast<unsigned __int128>(0)) >> 1);
  EXPECT_EQ(Format128(max128, 16, 0), "170141183460469231731687303715884105727");
  EXPECT_EQ(Format128(-max128 - 1, 16, 0), "-170141183460469231731687303715884105728");
  EXPECT_EQ(Format128(-1, 32, 0), "-1");
}

TEST(DecimalUtilTest, Decimal256Extremes) {
  uint8_t min256[32] = {};
  min256[31] = 0x80;
  EXPECT_EQ(decimal::FormatUnscaled(min256, 32, 0),
            "-57896044618658097711785492504343953926634992332820282019728792003956564819968");
  EXPECT_EQ(
      RoundTrip("9999999999999999999999999999999999999999999999999999999999999999999999999999", 76,
                0, 32),
      "9999999999999999999999999999999999999999999999999999999999999999999999999999");
  EXPECT_EQ(RoundTrip("-1.5", 76, 70, 32), "-1.5" + std::string(69, '0'));
}

TEST(DecimalUtilTest, ParsesAndRounds) {
  EXPECT_EQ(RoundTrip("0.125", 5, 2, 16), "0.13");
  EXPECT_EQ(RoundTrip("-0.125", 5, 2, 16), "-0.13");
  EXPECT_EQ(RoundTrip("0.124", 5, 2, 16), "0.12");
  EXPECT_EQ(RoundTrip("9.999", 5, 2, 16), "10.00");
  EXPECT_EQ(RoundTrip("+.5", 3, 1, 4), "0.5");
  EXPECT_EQ(RoundTrip("5.", 3, 1, 4), "5.0");
  EXPECT_EQ(RoundTrip("000123", 3, 0, 4), "123");
  EXPECT_EQ(RoundTrip("1.5E-1", 3, 2, 4), "0.15");
  EXPECT_EQ(RoundTrip("0.0000001", 5, 2, 8), "0.00");
  EXPECT_EQ(RoundTrip("1e-99999", 5, 2, 8), "0.00");
  EXPECT_EQ(RoundTrip("1e99999", 5, 2, 8),
            "error: cannot parse \"1e99999\" as a decimal: needs more than 5 digits");
  EXPECT_EQ(RoundTrip("1e999999", 5, 2, 8),
            "error: cannot parse \"1e999999\" as a decimal: exponent out of range");
  EXPECT_EQ(RoundTrip(".", 5, 2, 8), "error: cannot parse \".\" as a decimal: no digits");
  EXPECT_EQ(RoundTrip("1..2", 5, 2, 8),
            "error: cannot parse \"1..2\" as a decimal: unexpected character '.'");
  EXPECT_EQ(RoundTrip(" 1", 5, 2, 8), "error: cannot parse \" 1\" as a decimal: no digits");
  // Precision 10 in 4 bytes: digits fit the precision but not the width.
  EXPECT_EQ(RoundTrip("9999999999", 10, 0, 4),
            "error: cannot parse \"9999999999\" as a decimal: out of range for 4-byte decimal");
  EXPECT_EQ(RoundTrip("-2147483648", 10, 0, 4), "-2147483648");
  EXPECT_EQ(RoundTrip("2147483648", 10, 0, 4),
            "error: cannot parse \"2147483648\" as a decimal: out of range for 4-byte decimal");
}

TEST(DecimalUtilTest, WidthHelpers) {
  EXPECT_TRUE(decimal::FitsInWidth(127, 1));
  EXPECT_FALSE(decimal::FitsInWidth(128, 1));
  EXPECT_TRUE(decimal::FitsInWidth(-2147483648LL, 4));
  EXPECT_FALSE(decimal::FitsInWidth(-2147483649LL, 4));
  uint8_t bytes[8];
  decimal::StoreInt128(-2, 8, bytes);
  EXPECT_EQ(decimal::ToInt128(bytes, 8), -2);
  decimal::StoreInt128(-2, 4, bytes);
  EXPECT_EQ(decimal::ToInt128(bytes, 4), -2);
}

TEST(TemporalUtilTest, CivilCalendar) {
  EXPECT_EQ(temporal::DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(temporal::DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(temporal::DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(temporal::DaysFromCivil(1600, 1, 1), -135140);
  int64_t y;
  int m;
  int d;
  temporal::CivilFromDays(-135140, &y, &m, &d);
  EXPECT_EQ(y, 1600);
  EXPECT_EQ(m, 1);
  EXPECT_EQ(d, 1);
  // Every day over several centuries round-trips.
  for (int64_t day = -200000; day <= 200000; day += 37) {
    temporal::CivilFromDays(day, &y, &m, &d);
    ASSERT_EQ(temporal::DaysFromCivil(y, m, d), day);
  }
  EXPECT_EQ(temporal::FormatDate(temporal::DaysFromCivil(-44, 3, 15)), "-0044-03-15");
  EXPECT_EQ(temporal::FormatDate(temporal::DaysFromCivil(12345, 6, 7)), "12345-06-07");
}

TEST(TemporalUtilTest, ParsesTimestampsAndZones) {
  EXPECT_EQ(*temporal::ParseTimestamp("1970-01-01T00:00:01.5", TimeUnit::kMilli), 1500);
  EXPECT_EQ(*temporal::ParseTimestamp("1970-01-01T00:00:00.123456789", TimeUnit::kMicro), 123456);
  EXPECT_EQ(*temporal::ParseTimestamp("1970-01-01T01:00:00+01:00", TimeUnit::kSecond), 0);
  EXPECT_EQ(*temporal::ParseTimestamp("1970-01-01T00:00:00-0130", TimeUnit::kSecond), 5400);
  EXPECT_EQ(*temporal::ParseTimestamp("1969-12-31T23:59:59Z", TimeUnit::kNano), -1000000000);
  EXPECT_FALSE(temporal::ParseTimestamp("1970-01-01T", TimeUnit::kSecond).ok());
  EXPECT_FALSE(temporal::ParseTimestamp("1970-01-01T00:00:00+", TimeUnit::kSecond).ok());
  EXPECT_FALSE(temporal::ParseTimestamp("1970-13-01", TimeUnit::kSecond).ok());
  EXPECT_FALSE(temporal::ParseTimestamp("70-01-01", TimeUnit::kSecond).ok());
  EXPECT_EQ(*temporal::ParseTimezoneOffset("utc"), 0);
  EXPECT_EQ(*temporal::ParseTimezoneOffset("+05:30"), 19800);
  EXPECT_EQ(*temporal::ParseTimezoneOffset("-08"), -28800);
  EXPECT_EQ(temporal::ParseTimezoneOffset("Europe/Paris").status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(temporal::ParseTimezoneOffset("+25:00").ok());
  EXPECT_EQ(*temporal::ParseTimeOfDay("23:59", TimeUnit::kSecond), 86340);
  EXPECT_EQ(*temporal::ParseDate("-0001-01-01"), temporal::DaysFromCivil(-1, 1, 1));
}

TEST(TemporalUtilTest, FormatsExtremesWithoutOverflow) {
  EXPECT_EQ(temporal::FormatTimestamp(0, TimeUnit::kNano, "Europe/Paris"), "1970-01-01T00:00:00Z");
  EXPECT_EQ(temporal::FormatTimestamp(INT64_MIN, TimeUnit::kNano, ""),
            "1677-09-21T00:12:43.145224192");
  EXPECT_EQ(temporal::FormatTimestamp(INT64_MAX, TimeUnit::kNano, ""),
            "2262-04-11T23:47:16.854775807");
  EXPECT_EQ(temporal::FormatDuration(INT64_MIN, TimeUnit::kNano),
            "-106751 days -23 hours -47 mins -16.854775808 secs");
  EXPECT_EQ(temporal::FormatInterval(0, 0, INT64_MIN),
            "-2562047 hours -47 mins -16.854775808 secs");
  EXPECT_EQ(temporal::FormatTimeOfDay(-1, TimeUnit::kSecond), "-00:00:01");
}

}  // namespace
}  // namespace ballista::arrow
