#include "ballista/common/parse_number.h"
#include "ballista/logical/literals.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "ballista/common/ascii.h"
#include "ballista/arrow/temporal_util.h"

namespace ballista::logical {
namespace a = ballista::arrow;
namespace {

constexpr int64_t kNanosPerSecond = 1000000000LL;
constexpr int64_t kNanosPerMinute = 60 * kNanosPerSecond;
constexpr int64_t kNanosPerHour = 60 * kNanosPerMinute;


/// Adds `amount` of `unit` ("year", "months", "d", ...) to the interval parts.
Status AddUnit(double amount, std::string_view unit_text, a::IntervalValue* out) {
  std::string unit = AsciiLower(unit_text);
  if (unit.size() > 1 && unit.back() == 's') unit.pop_back();
  auto whole = [&](double v) { return static_cast<int64_t>(std::llround(v)); };
  if (unit == "year" || unit == "y" || unit == "yr") {
    out->months += static_cast<int32_t>(whole(amount * 12));
  } else if (unit == "month" || unit == "mon") {
    out->months += static_cast<int32_t>(whole(amount));
  } else if (unit == "week" || unit == "w") {
    out->days += static_cast<int32_t>(whole(amount * 7));
  } else if (unit == "day" || unit == "d") {
    double days = std::trunc(amount);
    out->days += static_cast<int32_t>(days);
    out->nanos += whole((amount - days) * 86400.0 * kNanosPerSecond);
  } else if (unit == "hour" || unit == "h" || unit == "hr") {
    out->nanos += whole(amount * static_cast<double>(kNanosPerHour));
  } else if (unit == "minute" || unit == "min" || unit == "m") {
    out->nanos += whole(amount * static_cast<double>(kNanosPerMinute));
  } else if (unit == "second" || unit == "sec" || unit == "s") {
    out->nanos += whole(amount * static_cast<double>(kNanosPerSecond));
  } else if (unit == "millisecond" || unit == "ms" || unit == "msec") {
    out->nanos += whole(amount * 1e6);
  } else if (unit == "microsecond" || unit == "us" || unit == "usec") {
    out->nanos += whole(amount * 1e3);
  } else if (unit == "decade") {
    out->months += static_cast<int32_t>(whole(amount * 120));
  } else if (unit == "century") {
    out->months += static_cast<int32_t>(whole(amount * 1200));
  } else if (unit == "millennium" || unit == "millennia") {
    out->months += static_cast<int32_t>(whole(amount * 12000));
  } else {
    return Status::PlanError("unknown interval unit \"" + std::string(unit_text) + "\"");
  }
  return Status::OK();
}

/// "hh:mm[:ss[.fff]]" with an optional sign, as nanoseconds.
Result<int64_t> ParseClock(std::string_view text) {
  bool negative = !text.empty() && text[0] == '-';
  if (negative || (!text.empty() && text[0] == '+')) text.remove_prefix(1);
  auto time = a::temporal::ParseTimeOfDay(text, a::TimeUnit::kNano);
  if (!time.ok()) return Status::PlanError("invalid interval time \"" + std::string(text) + "\"");
  return negative ? -*time : *time;
}

const char* FieldName(sql::IntervalField field) {
  switch (field) {
    case sql::IntervalField::kYear:
      return "year";
    case sql::IntervalField::kMonth:
      return "month";
    case sql::IntervalField::kDay:
      return "day";
    case sql::IntervalField::kHour:
      return "hour";
    case sql::IntervalField::kMinute:
      return "minute";
    case sql::IntervalField::kSecond:
      return "second";
    case sql::IntervalField::kNone:
      break;
  }
  return "";
}

}  // namespace

Result<a::Scalar> NumberLiteral(std::string_view text) {
  bool has_point = text.find('.') != std::string_view::npos;
  bool has_exponent = text.find_first_of("eE") != std::string_view::npos;
  auto as_double = [&]() -> Result<a::Scalar> {
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) {
      return Status::PlanError("invalid number \"" + std::string(text) + "\"");
    }
    return a::Scalar::Float64(value);
  };
  if (has_exponent) return as_double();
  if (!has_point) {
    int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && ptr == text.data() + text.size()) {
      if (value >= INT32_MIN && value <= INT32_MAX) return a::Scalar::Int32(static_cast<int32_t>(value));
      return a::Scalar::Int64(value);
    }
  }
  // A decimal with the digits as written; past 38 digits only a double can hold it.
  std::string digits;
  int32_t scale = 0;
  bool after_point = false;
  for (char c : text) {
    if (c == '.') {
      after_point = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
      if (after_point) ++scale;
    } else {
      return Status::PlanError("invalid number \"" + std::string(text) + "\"");
    }
  }
  size_t first = digits.find_first_not_of('0');
  std::string significant = first == std::string::npos ? "" : digits.substr(first);
  int32_t precision = std::max<int32_t>(static_cast<int32_t>(significant.size()), scale);
  precision = std::max(precision, 1);
  if (precision > 38) return as_double();
  __int128 unscaled = 0;
  for (char c : significant) unscaled = unscaled * 10 + (c - '0');
  return a::Scalar::Decimal128(unscaled, precision, scale);
}

Result<a::Scalar> IntervalLiteral(std::string_view text, sql::IntervalField leading,
                                  sql::IntervalField trailing) {
  a::IntervalValue value;
  std::string trimmed(text);
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.pop_back();
  size_t start = trimmed.find_first_not_of(" \t\n");
  trimmed = start == std::string::npos ? "" : trimmed.substr(start);
  if (trimmed.empty()) return Status::PlanError("empty interval literal");

  if (leading != sql::IntervalField::kNone) {
    if (leading == sql::IntervalField::kYear && trailing == sql::IntervalField::kMonth) {
      // 'Y-M'
      int sign = 1;
      std::string_view body = trimmed;
      if (!body.empty() && body[0] == '-') {
        sign = -1;
        body.remove_prefix(1);
      }
      size_t dash = body.find('-');
      int64_t years = 0, months = 0;
      auto y = std::from_chars(body.data(), body.data() + (dash == std::string_view::npos ? body.size() : dash), years);
      if (y.ec != std::errc()) return Status::PlanError("invalid interval \"" + trimmed + "\"");
      if (dash != std::string_view::npos) {
        auto m = std::from_chars(body.data() + dash + 1, body.data() + body.size(), months);
        if (m.ec != std::errc()) return Status::PlanError("invalid interval \"" + trimmed + "\"");
      }
      value.months = static_cast<int32_t>(sign * (years * 12 + months));
      return a::Scalar(a::IntervalMonthDayNano(), value, true);
    }
    if (trimmed.find(':') != std::string::npos) {
      // 'D HH:MM:SS' or 'HH:MM:SS' with DAY/HOUR ... TO SECOND.
      size_t space = trimmed.find(' ');
      std::string clock = trimmed;
      if (space != std::string::npos) {
        auto days = ParseDouble(trimmed.substr(0, space));
        if (!days) return Status::InvalidArgument("invalid interval '" + std::string(text) + "': bad day count");
        RETURN_NOT_OK(AddUnit(*days, "day", &value));
        clock = trimmed.substr(space + 1);
      }
      if (leading == sql::IntervalField::kMinute && std::count(clock.begin(), clock.end(), ':') == 1) {
        clock = "00:" + clock;
      }
      ASSIGN_OR_RAISE(int64_t nanos, ParseClock(clock));
      value.nanos += nanos;
      return a::Scalar(a::IntervalMonthDayNano(), value, true);
    }
    double amount = 0;
    auto r = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), amount);
    if (r.ec != std::errc() || r.ptr != trimmed.data() + trimmed.size()) {
      return Status::PlanError("invalid interval \"" + trimmed + "\"");
    }
    RETURN_NOT_OK(AddUnit(amount, FieldName(leading), &value));
    return a::Scalar(a::IntervalMonthDayNano(), value, true);
  }

  // Free form: number unit pairs, possibly with a clock part ('1 day 02:00:00').
  size_t i = 0;
  bool any = false;
  while (i < trimmed.size()) {
    while (i < trimmed.size() && (std::isspace(static_cast<unsigned char>(trimmed[i])) || trimmed[i] == ',')) ++i;
    if (i >= trimmed.size()) break;
    size_t number_start = i;
    if (trimmed[i] == '-' || trimmed[i] == '+') ++i;
    while (i < trimmed.size() && (std::isdigit(static_cast<unsigned char>(trimmed[i])) || trimmed[i] == '.' || trimmed[i] == ':')) ++i;
    std::string number = trimmed.substr(number_start, i - number_start);
    if (number.empty() || number == "-" || number == "+") {
      return Status::PlanError("invalid interval \"" + trimmed + "\": expected a number");
    }
    if (number.find(':') != std::string::npos) {
      ASSIGN_OR_RAISE(int64_t nanos, ParseClock(number));
      value.nanos += nanos;
      any = true;
      continue;
    }
    while (i < trimmed.size() && std::isspace(static_cast<unsigned char>(trimmed[i]))) ++i;
    size_t unit_start = i;
    while (i < trimmed.size() && std::isalpha(static_cast<unsigned char>(trimmed[i]))) ++i;
    std::string unit = trimmed.substr(unit_start, i - unit_start);
    double amount = 0;
    std::string_view digits = number;
    if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
    auto r = std::from_chars(digits.data(), digits.data() + digits.size(), amount);
    if (r.ec != std::errc()) return Status::PlanError("invalid interval \"" + trimmed + "\"");
    if (unit.empty()) unit = "second";
    RETURN_NOT_OK(AddUnit(amount, unit, &value));
    any = true;
  }
  if (!any) return Status::PlanError("invalid interval \"" + trimmed + "\"");
  return a::Scalar(a::IntervalMonthDayNano(), value, true);
}

}  // namespace ballista::logical
