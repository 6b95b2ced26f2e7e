#pragma once

// Calendar arithmetic on day numbers and timestamps shared by the arithmetic operators and the
// date/time functions. Proleptic Gregorian calendar, UTC. Internal to compute/.

#include <cstdint>

#include "ballista/arrow/temporal_util.h"
#include "ballista/arrow/type_traits.h"

namespace ballista::compute::internal {

/// Floor division and modulo (the remainder has the divisor's sign).
inline int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}
inline int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

inline bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

inline int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

/// The day `months` months after `days` (day of month clamped to the target month's length, as
/// PostgreSQL does: Jan 31 + 1 month = Feb 28/29).
inline int64_t AddMonthsToDays(int64_t days, int64_t months) {
  if (months == 0) return days;
  int64_t year;
  int month, day;
  arrow::temporal::CivilFromDays(days, &year, &month, &day);
  const int64_t total = year * 12 + (month - 1) + months;
  const int64_t new_year = FloorDiv(total, 12);
  const int new_month = static_cast<int>(FloorMod(total, 12)) + 1;
  const int max_day = DaysInMonth(new_year, new_month);
  return arrow::temporal::DaysFromCivil(new_year, new_month, day > max_day ? max_day : day);
}

/// A timestamp of `units_per_second` resolution plus an interval.
inline int64_t AddIntervalToTimestamp(int64_t ts, const arrow::MonthDayNanoInterval& iv,
                                      int64_t units_per_second, int sign) {
  const int64_t units_per_day = units_per_second * arrow::temporal::kSecondsPerDay;
  int64_t days = FloorDiv(ts, units_per_day);
  const int64_t time_of_day = ts - days * units_per_day;
  days = AddMonthsToDays(days, sign * int64_t{iv.months}) + sign * int64_t{iv.days};
  const int64_t nanos_per_unit = 1000000000 / units_per_second;
  return days * units_per_day + time_of_day + sign * (iv.nanos / nanos_per_unit);
}

/// A date plus an interval, truncated to the day (DataFusion's Date32 + Interval).
inline int32_t AddIntervalToDate(int32_t date, const arrow::MonthDayNanoInterval& iv, int sign) {
  constexpr int64_t kNanosPerDay = 86400LL * 1000000000LL;
  int64_t days = AddMonthsToDays(date, sign * int64_t{iv.months}) + sign * int64_t{iv.days};
  days += FloorDiv(sign * iv.nanos, kNanosPerDay);
  return static_cast<int32_t>(days);
}

}  // namespace ballista::compute::internal
