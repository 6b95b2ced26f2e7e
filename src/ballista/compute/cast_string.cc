// Casts from and to strings: parsing SQL text into typed values and formatting values as text.

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "ballista/arrow/builder.h"
#include "ballista/arrow/decimal_util.h"
#include "ballista/arrow/pretty_print.h"
#include "ballista/arrow/temporal_util.h"
#include "ballista/arrow/validate.h"
#include "ballista/compute/cast.h"
#include "ballista/compute/cast_internal.h"
#include "ballista/compute/temporal_arith.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute::internal {

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

namespace {

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

template <typename T>
bool ParseInteger(std::string_view text, T* out) {
  text = TrimBlanks(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && ptr == text.data() + text.size() && !text.empty();
}

template <typename T>
bool ParseFloat(std::string_view text, T* out) {
  const std::string s(TrimBlanks(text));
  if (s.empty()) return false;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return false;
  *out = static_cast<T>(v);
  return true;
}

// Nanoseconds (or months, for month units) of one interval unit word.
bool IntervalUnit(std::string_view word, int64_t* months, int64_t* days, int64_t* nanos) {
  std::string w;
  for (char c : word) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (w.size() > 1 && w.back() == 's') w.pop_back();
  *months = *days = *nanos = 0;
  if (w == "year" || w == "yr" || w == "y") *months = 12;
  else if (w == "month" || w == "mon") *months = 1;
  else if (w == "week" || w == "w") *days = 7;
  else if (w == "day" || w == "d") *days = 1;
  else if (w == "hour" || w == "hr" || w == "h") *nanos = 3600LL * 1000000000;
  else if (w == "minute" || w == "min" || w == "m") *nanos = 60LL * 1000000000;
  else if (w == "second" || w == "sec" || w == "") *nanos = 1000000000;
  else if (w == "millisecond" || w == "m") *nanos = 1000000;
  else if (w == "microsecond" || w == "u") *nanos = 1000;
  else if (w == "nanosecond") *nanos = 1;
  else if (w == "decade") *months = 120;
  else if (w == "century") *months = 1200;
  else return false;
  return true;
}

}  // namespace

bool ParseBool(std::string_view text, bool* out) {
  text = TrimBlanks(text);
  for (const char* t : {"true", "t", "yes", "y", "on", "1"}) {
    if (EqualsNoCase(text, t)) return *out = true, true;
  }
  for (const char* f : {"false", "f", "no", "n", "off", "0"}) {
    if (EqualsNoCase(text, f)) return *out = false, true;
  }
  return false;
}

Result<MonthDayNanoInterval> ParseInterval(std::string_view text_in) {
  std::string_view text = TrimBlanks(text_in);
  auto bad = [&]() { return Status::InvalidArgument("invalid interval '" + std::string(text_in) + "'"); };
  if (text.empty()) return bad();
  long double months = 0, days = 0, nanos = 0;
  size_t pos = 0;
  bool any = false;
  while (pos < text.size()) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos >= text.size()) break;
    const size_t start = pos;
    while (pos < text.size() && (std::isdigit(static_cast<unsigned char>(text[pos])) ||
                                 text[pos] == '.' || text[pos] == '-' || text[pos] == '+' ||
                                 text[pos] == ':')) {
      ++pos;
    }
    std::string number(text.substr(start, pos - start));
    if (number.empty()) return bad();
    if (number.find(':') != std::string::npos) {
      // hh:mm[:ss[.fff]]
      const bool negative = number[0] == '-';
      if (negative || number[0] == '+') number.erase(0, 1);
      long double parts[3] = {0, 0, 0};
      size_t k = 0, p = 0;
      while (k < 3 && p <= number.size()) {
        size_t colon = number.find(':', p);
        if (colon == std::string::npos) colon = number.size();
        char* end = nullptr;
        const std::string piece = number.substr(p, colon - p);
        parts[k++] = std::strtold(piece.c_str(), &end);
        if (piece.empty() || end != piece.c_str() + piece.size()) return bad();
        p = colon + 1;
      }
      const long double total = (parts[0] * 3600 + parts[1] * 60 + parts[2]) * 1e9L;
      nanos += negative ? -total : total;
      any = true;
      continue;
    }
    char* end = nullptr;
    const long double value = std::strtold(number.c_str(), &end);
    if (end != number.c_str() + number.size()) return bad();
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    const size_t word_start = pos;
    while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos]))) ++pos;
    int64_t um, ud, un;
    if (!IntervalUnit(text.substr(word_start, pos - word_start), &um, &ud, &un)) return bad();
    months += value * um;
    days += value * ud;
    nanos += value * un;
    any = true;
  }
  if (!any) return bad();
  // Fractions of months and days spill into the smaller parts, as PostgreSQL does.
  const long double whole_months = std::trunc(months);
  days += (months - whole_months) * 30;
  const long double whole_days = std::trunc(days);
  nanos += (days - whole_days) * 86400e9L;
  if (std::fabs(whole_months) > 2e9L || std::fabs(whole_days) > 2e9L || std::fabs(nanos) > 9e18L) {
    return bad();
  }
  return MonthDayNanoInterval{static_cast<int32_t>(whole_months), static_cast<int32_t>(whole_days),
                              static_cast<int64_t>(std::llroundl(nanos))};
}

std::string CastValueToString(const ArrayData& data, int64_t i) {
  const TypeId id = data.type->id();
  if (id == TypeId::kBool) return data.IsValid(i) && arrow::FormatValue(data, i) == "true" ? "true" : "false";
  std::string text = arrow::FormatValue(data, i);
  if (id == TypeId::kTimestamp) {
    const size_t t = text.find('T');
    if (t != std::string::npos) text[t] = ' ';
    if (!text.empty() && text.back() == 'Z') {
      text.pop_back();
      text += "+00";
    }
  }
  return text;
}

Status CastValueError(std::string_view value_text, const DataTypePtr& to) {
  return Status::ExecutionError("cannot cast '" + std::string(value_text) + "' to " +
                                SqlTypeName(to));
}

namespace {

template <typename Out, typename Fn>
Result<std::shared_ptr<ArrayData>> ParseRows(const std::shared_ptr<ArrayData>& in,
                                             const DataTypePtr& to, bool safe, ExecContext* ctx,
                                             Fn&& parse) {
  const Datum d(in);
  StringReader r(d);
  const int64_t n = in->length;
  MemoryPool* pool = PoolOf(ctx);
  ASSIGN_OR_RAISE(auto values, AllocateValues<Out>(n, pool));
  ASSIGN_OR_RAISE(auto validity, AllocateBitmap(n, pool));
  Out* out = values->template mutable_data_as<Out>();
  uint8_t* valid = validity->mutable_data();
  for (int64_t i = 0; i < n; ++i) {
    if (!r.IsValid(i)) continue;
    if (parse(r[i], out + i)) {
      arrow::bit_util::SetBit(valid, i);
    } else if (!safe) {
      return CastValueError(r[i], to);
    }
  }
  return MakeFixedWidthArray(to, n, std::move(validity), std::move(values));
}

}  // namespace

Result<std::shared_ptr<ArrayData>> CastFromString(const std::shared_ptr<ArrayData>& in,
                                                  const DataTypePtr& to, bool safe,
                                                  ExecContext* ctx) {
  const TypeId target = to->id();
  if (arrow::IsStringLike(target) || arrow::IsBinaryLike(target)) return CastToString(in, to, ctx);
  if (target == TypeId::kBool) {
    const Datum d(in);
    StringReader r(d);
    const int64_t n = in->length;
    ASSIGN_OR_RAISE(auto values, AllocateBitmap(n, PoolOf(ctx)));
    ASSIGN_OR_RAISE(auto validity, AllocateBitmap(n, PoolOf(ctx)));
    for (int64_t i = 0; i < n; ++i) {
      if (!r.IsValid(i)) continue;
      bool b;
      if (ParseBool(r[i], &b)) {
        arrow::bit_util::SetBit(validity->mutable_data(), i);
        if (b) arrow::bit_util::SetBit(values->mutable_data(), i);
      } else if (!safe) {
        return CastValueError(r[i], to);
      }
    }
    return MakeFixedWidthArray(to, n, std::move(validity), std::move(values));
  }
  if (target == TypeId::kDecimal128) {
    const int32_t p = to->precision(), s = to->scale();
    return ParseRows<__int128>(in, to, safe, ctx, [&](std::string_view text, __int128* out) {
      uint8_t bytes[16];
      if (!arrow::decimal::ParseDecimal(TrimBlanks(text), p, s, 16, bytes).ok()) return false;
      std::memcpy(out, bytes, 16);
      return true;
    });
  }
  if (arrow::IsDecimal(target)) {
    ASSIGN_OR_RAISE(auto d128, CastFromString(in, arrow::Decimal128(std::min(38, to->precision()),
                                                                     to->scale()),
                                              safe, ctx));
    return CastArray(d128, to, safe, ctx);
  }
  if (target == TypeId::kDate32) {
    return ParseRows<int32_t>(in, to, safe, ctx, [](std::string_view text, int32_t* out) {
      text = TrimBlanks(text);
      auto days = arrow::temporal::ParseDate(text);
      if (!days.ok()) {
        auto ts = arrow::temporal::ParseTimestamp(text, arrow::TimeUnit::kSecond);
        if (!ts.ok()) return false;
        days = FloorDiv(*ts, arrow::temporal::kSecondsPerDay);
      }
      if (!std::in_range<int32_t>(*days)) return false;
      *out = static_cast<int32_t>(*days);
      return true;
    });
  }
  if (target == TypeId::kTimestamp) {
    const arrow::TimeUnit unit = to->unit();
    return ParseRows<int64_t>(in, to, safe, ctx, [unit](std::string_view text, int64_t* out) {
      auto v = arrow::temporal::ParseTimestamp(TrimBlanks(text), unit);
      if (!v.ok()) return false;
      *out = *v;
      return true;
    });
  }
  if (target == TypeId::kIntervalMonthDayNano) {
    return ParseRows<MonthDayNanoInterval>(in, to, safe, ctx,
                                           [](std::string_view text, MonthDayNanoInterval* out) {
                                             auto v = ParseInterval(text);
                                             if (!v.ok()) return false;
                                             *out = *v;
                                             return true;
                                           });
  }
  if (target == TypeId::kTime64 || target == TypeId::kTime32) {
    const arrow::TimeUnit unit = to->unit();
    if (target == TypeId::kTime64) {
      return ParseRows<int64_t>(in, to, safe, ctx, [unit](std::string_view text, int64_t* out) {
        auto v = arrow::temporal::ParseTimeOfDay(TrimBlanks(text), unit);
        if (!v.ok()) return false;
        *out = *v;
        return true;
      });
    }
    return ParseRows<int32_t>(in, to, safe, ctx, [unit](std::string_view text, int32_t* out) {
      auto v = arrow::temporal::ParseTimeOfDay(TrimBlanks(text), unit);
      if (!v.ok()) return false;
      *out = static_cast<int32_t>(*v);
      return true;
    });
  }
  Result<std::shared_ptr<ArrayData>> result =
      Status::TypeError("cannot cast " + SqlTypeName(in->type) + " to " + SqlTypeName(to));
  DispatchNumeric(target, [&](auto tag) {
    using T = typename decltype(tag)::type;
    result = ParseRows<T>(in, to, safe, ctx, [](std::string_view text, T* out) {
      if constexpr (std::is_floating_point_v<T>) {
        return ParseFloat(text, out);
      } else {
        if (ParseInteger(text, out)) return true;
        // "12.7" as an integer: parse as a number and round, as PostgreSQL's numeric input does.
        double d;
        if (!ParseFloat(text, &d) || !std::isfinite(d)) return false;
        const double r = std::round(d);
        constexpr double hi = static_cast<double>(std::numeric_limits<T>::max()) + 1.0;
        constexpr double lo = std::is_signed_v<T> ? -hi : 0.0;
        if (!(r >= lo && r < hi)) return false;
        *out = static_cast<T>(r);
        return true;
      }
    });
  });
  return result;
}

Result<std::shared_ptr<ArrayData>> CastToString(const std::shared_ptr<ArrayData>& in,
                                                const DataTypePtr& to, ExecContext* ctx) {
  ASSIGN_OR_RAISE(auto builder, arrow::MakeBuilder(to, PoolOf(ctx)));
  const TypeId from = in->type->id();
  const bool from_text = arrow::IsStringLike(from) || arrow::IsBinaryLike(from);
  const bool to_string = arrow::IsStringLike(to->id());
  std::unique_ptr<StringReader> reader;
  if (from_text) reader = std::make_unique<StringReader>(Datum(in));
  auto append = [&](std::string_view v) -> Status {
    switch (to->id()) {
      case TypeId::kUtf8: return static_cast<arrow::StringBuilder*>(builder.get())->Append(v);
      case TypeId::kLargeUtf8: return static_cast<arrow::LargeStringBuilder*>(builder.get())->Append(v);
      case TypeId::kUtf8View: return static_cast<arrow::StringViewBuilder*>(builder.get())->Append(v);
      case TypeId::kBinary: return static_cast<arrow::BinaryBuilder*>(builder.get())->Append(v);
      case TypeId::kLargeBinary: return static_cast<arrow::LargeBinaryBuilder*>(builder.get())->Append(v);
      case TypeId::kBinaryView: return static_cast<arrow::BinaryViewBuilder*>(builder.get())->Append(v);
      default: return Status::TypeError("cannot cast to " + SqlTypeName(to));
    }
  };
  for (int64_t i = 0; i < in->length; ++i) {
    if (!in->IsValid(i)) {
      RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    if (from_text) {
      const std::string_view v = (*reader)[i];
      if (to_string && !arrow::IsStringLike(from) &&
          !arrow::IsValidUtf8(reinterpret_cast<const uint8_t*>(v.data()), static_cast<int64_t>(v.size()))) {
        return Status::ExecutionError("cannot cast binary value to VARCHAR: invalid UTF-8");
      }
      RETURN_NOT_OK(append(v));
    } else {
      RETURN_NOT_OK(append(CastValueToString(*in, i)));
    }
  }
  return builder->Finish();
}

}  // namespace ballista::compute::internal
