#include "ballista/arrow/temporal_util.h"

#include <cstdio>

namespace ballista::arrow::temporal {

namespace {

// Division rounding toward negative infinity, so that instants before 1970 land on the right day.
int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::string TwoDigits(int64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof(buf), "%02lld", static_cast<long long>(v));
  return buf;
}

// ".5" style fraction of a second: nothing when zero, else 3, 6 or 9 digits, the fewest exact.
std::string FormatFraction(int64_t fraction_units, TimeUnit unit) {
  if (fraction_units == 0) return "";
  int64_t nanos = fraction_units * (1000000000 / UnitsPerSecond(unit));
  char buf[32];
  if (nanos % 1000000 == 0) {
    std::snprintf(buf, sizeof(buf), ".%03lld", static_cast<long long>(nanos / 1000000));
  } else if (nanos % 1000 == 0) {
    std::snprintf(buf, sizeof(buf), ".%06lld", static_cast<long long>(nanos / 1000));
  } else {
    std::snprintf(buf, sizeof(buf), ".%09lld", static_cast<long long>(nanos));
  }
  return buf;
}

std::string FormatSecondsOfDay(int64_t seconds_of_day) {
  return TwoDigits(seconds_of_day / 3600) + ":" + TwoDigits(seconds_of_day / 60 % 60) + ":" +
         TwoDigits(seconds_of_day % 60);
}

bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

/// A cursor over text for the small fixed-format parsers below. Single-threaded.
struct Cursor {
  std::string_view text;
  size_t pos = 0;

  bool AtEnd() const { return pos >= text.size(); }
  bool Consume(char c) {
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  // Exactly `count` digits.
  bool Digits(int count, int64_t* out) {
    int64_t v = 0;
    for (int i = 0; i < count; ++i) {
      if (pos >= text.size() || text[pos] < '0' || text[pos] > '9') return false;
      v = v * 10 + (text[pos++] - '0');
    }
    *out = v;
    return true;
  }
  /// One or two digits (a month or day written as 1 or 01, as PostgreSQL and DuckDB accept).
  bool OneOrTwoDigits(int64_t* out) {
    if (!Digits(1, out)) return false;
    if (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') *out = *out * 10 + (text[pos++] - '0');
    return true;
  }
};

Status BadText(std::string_view text, std::string_view what, std::string_view expected) {
  return Status::InvalidArgument("cannot parse \"" + std::string(text) + "\" as a " +
                                 std::string(what) + " (expected " + std::string(expected) + ")");
}

bool ParseDateAt(Cursor* c, int64_t* days) {
  bool negative = false;
  if (c->Consume('-')) {
    negative = true;
  } else {
    c->Consume('+');
  }
  int64_t year = 0;
  int year_digits = 0;
  while (!c->AtEnd() && c->text[c->pos] >= '0' && c->text[c->pos] <= '9') {
    if (++year_digits > 9) return false;
    year = year * 10 + (c->text[c->pos++] - '0');
  }
  if (year_digits < 4) return false;
  if (negative) year = -year;
  int64_t month = 0;
  int64_t day = 0;
  if (!c->Consume('-') || !c->OneOrTwoDigits(&month) || !c->Consume('-') || !c->OneOrTwoDigits(&day)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, static_cast<int>(month))) {
    return false;
  }
  *days = DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day));
  return true;
}

// HH:MM[:SS[.fraction]] -> seconds of day and nanoseconds.
bool ParseTimeAt(Cursor* c, int64_t* seconds, int64_t* nanos) {
  int64_t h = 0;
  int64_t m = 0;
  int64_t s = 0;
  if (!c->Digits(2, &h) || !c->Consume(':') || !c->Digits(2, &m)) return false;
  *nanos = 0;
  if (c->Consume(':')) {
    if (!c->Digits(2, &s)) return false;
    if (c->Consume('.')) {
      int digits = 0;
      int64_t scale = 100000000;
      while (!c->AtEnd() && c->text[c->pos] >= '0' && c->text[c->pos] <= '9') {
        if (digits < 9) *nanos += (c->text[c->pos] - '0') * scale;
        scale /= 10;
        ++digits;
        ++c->pos;
      }
      if (digits == 0) return false;
    }
  }
  if (h > 23 || m > 59 || s > 59) return false;
  *seconds = h * 3600 + m * 60 + s;
  return true;
}

}  // namespace

int64_t UnitsPerSecond(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond:
      return 1;
    case TimeUnit::kMilli:
      return 1000;
    case TimeUnit::kMicro:
      return 1000000;
    case TimeUnit::kNano:
      return 1000000000;
  }
  return 1;
}

int64_t DaysFromCivil(int64_t year, int month, int day) {
  // Count in 400-year eras starting on March 1st so that the leap day is the era's last day.
  year -= month <= 2 ? 1 : 0;
  const int64_t era = FloorDiv(year, 400);
  const int64_t year_of_era = year - era * 400;
  const int64_t shifted_month = month > 2 ? month - 3 : month + 9;  // March = 0
  const int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;  // 719468 days from 0000-03-01 to 1970-01-01
}

void CivilFromDays(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;
  const int64_t era = FloorDiv(days, 146097);
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t shifted_month = (5 * day_of_year + 2) / 153;
  *day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  *month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  *year = year_of_era + era * 400 + (*month <= 2 ? 1 : 0);
}

std::string FormatDate(int64_t days_since_epoch) {
  int64_t y;
  int m;
  int d;
  CivilFromDays(days_since_epoch, &y, &m, &d);
  char buf[48];
  if (y < 0) {
    std::snprintf(buf, sizeof(buf), "-%04lld-%02d-%02d", static_cast<long long>(-y), m, d);
  } else {
    std::snprintf(buf, sizeof(buf), "%04lld-%02d-%02d", static_cast<long long>(y), m, d);
  }
  return buf;
}

std::string FormatTimeOfDay(int64_t value, TimeUnit unit) {
  const int64_t per_second = UnitsPerSecond(unit);
  std::string sign;
  // Values outside a day are invalid data; show them rather than wrap them silently.
  unsigned __int128 magnitude = value < 0 ? -static_cast<__int128>(value) : value;
  if (value < 0) sign = "-";
  auto seconds = static_cast<int64_t>(magnitude / static_cast<unsigned>(per_second));
  auto fraction = static_cast<int64_t>(magnitude % static_cast<unsigned>(per_second));
  return sign + FormatSecondsOfDay(seconds) + FormatFraction(fraction, unit);
}

std::string FormatTimestamp(int64_t value, TimeUnit unit, std::string_view timezone) {
  const int64_t per_second = UnitsPerSecond(unit);
  int64_t seconds = FloorDiv(value, per_second);
  int64_t fraction = value % per_second;  // floor modulo: never overflows, unlike value - s * p
  if (fraction < 0) fraction += per_second;
  std::string suffix;
  if (!timezone.empty()) {
    auto offset = ParseTimezoneOffset(timezone);
    int64_t shift = offset.ok() ? *offset : 0;
    if (shift == 0) {
      suffix = "Z";
    } else {
      int64_t a = shift < 0 ? -shift : shift;
      suffix =
          std::string(shift < 0 ? "-" : "+") + TwoDigits(a / 3600) + ":" + TwoDigits(a / 60 % 60);
    }
    if (__builtin_add_overflow(seconds, shift, &seconds))
      seconds = value < 0 ? INT64_MIN : INT64_MAX;
  }
  const int64_t days = FloorDiv(seconds, kSecondsPerDay);
  const int64_t seconds_of_day = seconds - days * kSecondsPerDay;
  return FormatDate(days) + "T" + FormatSecondsOfDay(seconds_of_day) +
         FormatFraction(fraction, unit) + suffix;
}

std::string FormatDuration(int64_t value, TimeUnit unit) {
  const int64_t per_second = UnitsPerSecond(unit);
  const bool negative = value < 0;
  unsigned __int128 magnitude = negative ? -static_cast<__int128>(value) : value;
  auto total_seconds = static_cast<uint64_t>(magnitude / static_cast<unsigned>(per_second));
  auto fraction = static_cast<int64_t>(magnitude % static_cast<unsigned>(per_second));
  auto part = [negative](uint64_t v) {
    return (negative && v != 0 ? "-" : "") + std::to_string(v);
  };
  const uint64_t seconds = total_seconds % 60;
  std::string out = part(total_seconds / 86400) + " days " + part(total_seconds / 3600 % 24) +
                    " hours " + part(total_seconds / 60 % 60) + " mins ";
  out += (negative && (seconds != 0 || fraction != 0) ? "-" : "") + std::to_string(seconds) +
         FormatFraction(fraction, unit) + " secs";
  return out;
}

std::string FormatInterval(int32_t months, int32_t days, int64_t nanos) {
  std::string out;
  auto add = [&out](std::string text) {
    if (!out.empty()) out += ' ';
    out += text;
  };
  if (months / 12 != 0) add(std::to_string(months / 12) + " years");
  if (months % 12 != 0) add(std::to_string(months % 12) + " mons");
  if (days != 0) add(std::to_string(days) + " days");
  if (nanos != 0) {
    const bool negative = nanos < 0;
    const std::string sign = negative ? "-" : "";
    unsigned __int128 magnitude = negative ? -static_cast<__int128>(nanos) : nanos;
    auto total_seconds = static_cast<uint64_t>(magnitude / 1000000000u);
    auto fraction = static_cast<int64_t>(magnitude % 1000000000u);
    if (total_seconds / 3600 != 0) add(sign + std::to_string(total_seconds / 3600) + " hours");
    if (total_seconds / 60 % 60 != 0) add(sign + std::to_string(total_seconds / 60 % 60) + " mins");
    if (total_seconds % 60 != 0 || fraction != 0) {
      add(sign + std::to_string(total_seconds % 60) + FormatFraction(fraction, TimeUnit::kNano) +
          " secs");
    }
  }
  return out.empty() ? "0 secs" : out;
}

Result<int64_t> ParseDate(std::string_view text) {
  Cursor c{text};
  int64_t days = 0;
  if (!ParseDateAt(&c, &days) || !c.AtEnd()) return BadText(text, "date", "YYYY-MM-DD");
  return days;
}

Result<int64_t> ParseTimeOfDay(std::string_view text, TimeUnit unit) {
  Cursor c{text};
  int64_t seconds = 0;
  int64_t nanos = 0;
  if (!ParseTimeAt(&c, &seconds, &nanos) || !c.AtEnd()) {
    return BadText(text, "time", "HH:MM[:SS[.fraction]]");
  }
  const int64_t per_second = UnitsPerSecond(unit);
  return seconds * per_second + nanos / (1000000000 / per_second);
}

Result<int64_t> ParseTimestamp(std::string_view text, TimeUnit unit) {
  static constexpr std::string_view kExpected = "YYYY-MM-DD[THH:MM[:SS[.fraction]]][Z|+HH:MM]";
  Cursor c{text};
  int64_t days = 0;
  int64_t seconds = 0;
  int64_t nanos = 0;
  int64_t offset = 0;
  if (!ParseDateAt(&c, &days)) return BadText(text, "timestamp", kExpected);
  if (!c.AtEnd()) {
    if (!c.Consume('T') && !c.Consume(' ')) return BadText(text, "timestamp", kExpected);
    if (!ParseTimeAt(&c, &seconds, &nanos)) return BadText(text, "timestamp", kExpected);
    if (!c.AtEnd()) {
      auto parsed = ParseTimezoneOffset(text.substr(c.pos));
      if (!parsed.ok()) return BadText(text, "timestamp", kExpected);
      offset = *parsed;
    }
  }
  const int64_t per_second = UnitsPerSecond(unit);
  int64_t total = 0;
  if (__builtin_mul_overflow(days, kSecondsPerDay, &total) ||
      __builtin_add_overflow(total, seconds - offset, &total) ||
      __builtin_mul_overflow(total, per_second, &total) ||
      __builtin_add_overflow(total, nanos / (1000000000 / per_second), &total)) {
    return Status::InvalidArgument("timestamp \"" + std::string(text) +
                                   "\" is out of range for unit " +
                                   std::string(TimeUnitName(unit)));
  }
  return total;
}

Result<int64_t> ParseTimezoneOffset(std::string_view timezone) {
  auto equals_ci = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      char x = a[i] >= 'a' && a[i] <= 'z' ? static_cast<char>(a[i] - 32) : a[i];
      if (x != b[i]) return false;
    }
    return true;
  };
  for (std::string_view utc : {"UTC", "Z", "GMT", "ETC/UTC", "ETC/GMT"}) {
    if (equals_ci(timezone, utc)) return int64_t{0};
  }
  Cursor c{timezone};
  bool negative = c.Consume('-');
  if (!negative && !c.Consume('+')) {
    return Status::NotFound("time zone \"" + std::string(timezone) + "\" is not a fixed offset");
  }
  int64_t hours = 0;
  int64_t minutes = 0;
  if (!c.Digits(2, &hours))
    return Status::InvalidArgument("bad time zone offset \"" + std::string(timezone) + "\"");
  if (!c.AtEnd()) {
    c.Consume(':');
    if (!c.Digits(2, &minutes) || !c.AtEnd()) {
      return Status::InvalidArgument("bad time zone offset \"" + std::string(timezone) + "\"");
    }
  }
  if (hours > 23 || minutes > 59) {
    return Status::InvalidArgument("bad time zone offset \"" + std::string(timezone) + "\"");
  }
  int64_t seconds = hours * 3600 + minutes * 60;
  return negative ? -seconds : seconds;
}

}  // namespace ballista::arrow::temporal
