#pragma once

// Calendar arithmetic and text forms of dates, times, timestamps, durations and intervals, shared
// by the pretty printer, ArrayFromJson and (later) casts. Proleptic Gregorian calendar, UTC.

#include <cstdint>
#include <string>
#include <string_view>

#include "ballista/arrow/type.h"
#include "ballista/common/result.h"

namespace ballista::arrow::temporal {

inline constexpr int64_t kSecondsPerDay = 86400;
inline constexpr int64_t kMillisPerDay = kSecondsPerDay * 1000;

/// 1, 1000, 10^6 or 10^9 units per second.
int64_t UnitsPerSecond(TimeUnit unit);

/// Days since 1970-01-01 of a civil date (month 1..12, day 1..31).
int64_t DaysFromCivil(int64_t year, int month, int day);
/// The civil date of a day number (inverse of DaysFromCivil).
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day);

/// "2024-01-31" (years outside 0..9999 get a sign or more digits).
std::string FormatDate(int64_t days_since_epoch);
/// "12:34:56" plus ".123", ".123456" or ".123456789" when the fraction is not zero (the shortest
/// of the three that is exact). `value` counts `unit`s since midnight.
std::string FormatTimeOfDay(int64_t value, TimeUnit unit);
/// "2024-01-31T12:00:00[.fff]". With a time zone the local time is shown followed by "Z" (UTC) or
/// the "+05:30" offset; a named zone other than UTC cannot be resolved without a zone database,
/// so such values are shown in UTC with "Z".
std::string FormatTimestamp(int64_t value, TimeUnit unit, std::string_view timezone);
/// "1 days 2 hours 3 mins 4.500 secs" (every part shown, negative parts signed).
std::string FormatDuration(int64_t value, TimeUnit unit);
/// "1 years 2 mons 3 days 4 hours 5 mins 6.500 secs", only the non-zero parts; "0 secs" when all
/// are zero.
std::string FormatInterval(int32_t months, int32_t days, int64_t nanos);

/// Parses "YYYY-MM-DD" to days since the epoch.
Result<int64_t> ParseDate(std::string_view text);
/// Parses "HH:MM[:SS[.fraction]]" to `unit`s since midnight (extra fraction digits truncated).
Result<int64_t> ParseTimeOfDay(std::string_view text, TimeUnit unit);
/// Parses "YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|(+|-)HH[:MM]]" to `unit`s since the epoch;
/// with an offset the instant is converted to UTC.
Result<int64_t> ParseTimestamp(std::string_view text, TimeUnit unit);
/// Parses a fixed time zone: "UTC", "Z", "GMT", "Etc/UTC", "+05:30", "-0800", "+01"; seconds
/// east of UTC. NotFound for a named zone.
Result<int64_t> ParseTimezoneOffset(std::string_view timezone);

}  // namespace ballista::arrow::temporal
