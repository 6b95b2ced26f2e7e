// Date/time functions: date_part/extract, date_trunc, date_bin, to_date, to_timestamp, now,
// current_date, make_date, age.

#include <chrono>
#include <cmath>
#include <ctime>

#include "ballista/arrow/temporal_util.h"
#include "ballista/compute/cast.h"
#include "ballista/compute/cast_internal.h"
#include "ballista/compute/registry.h"
#include "ballista/compute/string_kernel.h"
#include "ballista/compute/temporal_arith.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::DataTypePtr;
using arrow::MonthDayNanoInterval;
using arrow::TimeUnit;
using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

namespace {

constexpr int64_t kNanosPerSecond = 1000000000;
constexpr int64_t kMicrosPerDay = 86400LL * 1000000;

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A point in time split into calendar fields.
struct Civil {
  int64_t days;     // since the epoch
  int64_t nanos;    // within the day
  int64_t year;
  int month, day;
};

Civil SplitTimestamp(int64_t value, int64_t units_per_second) {
  const int64_t units_per_day = units_per_second * arrow::temporal::kSecondsPerDay;
  Civil c;
  c.days = FloorDiv(value, units_per_day);
  c.nanos = (value - c.days * units_per_day) * (kNanosPerSecond / units_per_second);
  arrow::temporal::CivilFromDays(c.days, &c.year, &c.month, &c.day);
  return c;
}

int DayOfWeek(int64_t days) { return static_cast<int>(FloorMod(days + 4, 7)); }  // 0 = Sunday

// ISO 8601 week number and week-based year.
void IsoWeek(int64_t days, int64_t* iso_year, int* week) {
  const int isodow = DayOfWeek(days) == 0 ? 7 : DayOfWeek(days);
  const int64_t thursday = days - isodow + 4;
  int64_t y;
  int m, d;
  arrow::temporal::CivilFromDays(thursday, &y, &m, &d);
  const int64_t jan1 = arrow::temporal::DaysFromCivil(y, 1, 1);
  *iso_year = y;
  *week = static_cast<int>((thursday - jan1) / 7 + 1);
}

Result<double> PartOfCivil(const std::string& field, const Civil& c) {
  const double secs = static_cast<double>(c.nanos) / kNanosPerSecond;
  if (field == "year" || field == "years") return static_cast<double>(c.year);
  if (field == "quarter") return static_cast<double>((c.month - 1) / 3 + 1);
  if (field == "month" || field == "months") return static_cast<double>(c.month);
  if (field == "day" || field == "days") return static_cast<double>(c.day);
  if (field == "dow") return static_cast<double>(DayOfWeek(c.days));
  if (field == "isodow") return static_cast<double>(DayOfWeek(c.days) == 0 ? 7 : DayOfWeek(c.days));
  if (field == "doy") {
    return static_cast<double>(c.days - arrow::temporal::DaysFromCivil(c.year, 1, 1) + 1);
  }
  if (field == "week" || field == "isoyear") {
    int64_t iso_year;
    int week;
    IsoWeek(c.days, &iso_year, &week);
    return static_cast<double>(field == "week" ? week : iso_year);
  }
  if (field == "hour" || field == "hours") return static_cast<double>(c.nanos / (3600 * kNanosPerSecond));
  if (field == "minute" || field == "minutes") {
    return static_cast<double>(c.nanos / (60 * kNanosPerSecond) % 60);
  }
  if (field == "second" || field == "seconds") return std::fmod(secs, 60.0);
  if (field == "millisecond" || field == "milliseconds") return std::fmod(secs, 60.0) * 1000;
  if (field == "microsecond" || field == "microseconds") return std::fmod(secs, 60.0) * 1000000;
  if (field == "epoch") return static_cast<double>(c.days) * 86400 + secs;
  if (field == "decade") return static_cast<double>(FloorDiv(c.year, 10));
  if (field == "century") return static_cast<double>(c.year > 0 ? (c.year + 99) / 100 : -((99 - c.year) / 100));
  if (field == "millennium") return static_cast<double>(c.year > 0 ? (c.year + 999) / 1000 : -((999 - c.year) / 1000));
  return Status::InvalidArgument("unit \"" + field + "\" not recognized for date_part");
}

Result<double> PartOfInterval(const std::string& field, const MonthDayNanoInterval& iv) {
  const double secs = static_cast<double>(iv.nanos % (60 * kNanosPerSecond)) / kNanosPerSecond;
  if (field == "year" || field == "years") return static_cast<double>(iv.months / 12);
  if (field == "quarter") return static_cast<double>(iv.months % 12 / 3 + 1);
  if (field == "month" || field == "months") return static_cast<double>(iv.months % 12);
  if (field == "day" || field == "days") return static_cast<double>(iv.days);
  if (field == "hour" || field == "hours") return static_cast<double>(iv.nanos / (3600 * kNanosPerSecond));
  if (field == "minute" || field == "minutes") return static_cast<double>(iv.nanos / (60 * kNanosPerSecond) % 60);
  if (field == "second" || field == "seconds") return secs;
  if (field == "millisecond" || field == "milliseconds") return secs * 1000;
  if (field == "microsecond" || field == "microseconds") return secs * 1000000;
  if (field == "epoch") {
    return static_cast<double>(iv.months) * 30 * 86400 + static_cast<double>(iv.days) * 86400 +
           static_cast<double>(iv.nanos) / kNanosPerSecond;
  }
  return Status::InvalidArgument("unit \"" + field + "\" not recognized for interval date_part");
}

Result<ResolvedScalar> ResolveDatePart(const std::vector<DataTypePtr>& types) {
  RETURN_NOT_OK(CheckArity("date_part", types, 2, 2));
  const DataTypePtr t = EngineType(types[1]);
  const TypeId id = t->id();
  if ((EngineType(types[0])->id() != TypeId::kUtf8) ||
      !(id == TypeId::kDate32 || id == TypeId::kTimestamp || id == TypeId::kIntervalMonthDayNano ||
        id == TypeId::kNull || id == TypeId::kTime64 || id == TypeId::kTime32)) {
    return ArgumentTypeError("date_part", types);
  }
  ScalarKernel k = [t, id](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
    StringReader fields(args[0]);
    return FixedResult<double>(args, n, arrow::Float64(), ctx, [&](int64_t i, double* out) -> Result<bool> {
      const std::string field = LowerAscii(fields[i]);
      if (id == TypeId::kIntervalMonthDayNano) {
        ASSIGN_OR_RAISE(*out, PartOfInterval(field, ValuesReader<MonthDayNanoInterval>(args[1])[i]));
        return true;
      }
      Civil c;
      if (id == TypeId::kDate32) {
        c = SplitTimestamp(int64_t{ValuesReader<int32_t>(args[1])[i]} * arrow::temporal::kSecondsPerDay, 1);
      } else if (id == TypeId::kTimestamp) {
        c = SplitTimestamp(ValuesReader<int64_t>(args[1])[i], arrow::temporal::UnitsPerSecond(t->unit()));
      } else {
        const int64_t v = id == TypeId::kTime64 ? ValuesReader<int64_t>(args[1])[i]
                                                : ValuesReader<int32_t>(args[1])[i];
        c = SplitTimestamp(v, arrow::temporal::UnitsPerSecond(t->unit()));
      }
      ASSIGN_OR_RAISE(*out, PartOfCivil(field, c));
      return true;
    });
  };
  return ResolvedScalar{{arrow::Utf8(), t}, arrow::Float64(), k};
}

// Truncates microseconds since the epoch to the start of `field`.
Result<int64_t> TruncateMicros(const std::string& field, int64_t micros) {
  const Civil c = SplitTimestamp(micros, 1000000);
  const int64_t day_start = c.days * kMicrosPerDay;
  auto from_date = [](int64_t y, int m, int d) { return arrow::temporal::DaysFromCivil(y, m, d) * kMicrosPerDay; };
  if (field == "microsecond" || field == "microseconds") return micros;
  if (field == "millisecond" || field == "milliseconds") return FloorDiv(micros, 1000) * 1000;
  if (field == "second" || field == "seconds") return FloorDiv(micros, 1000000) * 1000000;
  if (field == "minute" || field == "minutes") return FloorDiv(micros, 60000000) * 60000000;
  if (field == "hour" || field == "hours") return FloorDiv(micros, 3600000000LL) * 3600000000LL;
  if (field == "day" || field == "days") return day_start;
  if (field == "week" || field == "weeks") {
    const int isodow = DayOfWeek(c.days) == 0 ? 7 : DayOfWeek(c.days);
    return (c.days - (isodow - 1)) * kMicrosPerDay;
  }
  if (field == "month" || field == "months") return from_date(c.year, c.month, 1);
  if (field == "quarter") return from_date(c.year, (c.month - 1) / 3 * 3 + 1, 1);
  if (field == "year" || field == "years") return from_date(c.year, 1, 1);
  if (field == "decade") return from_date(FloorDiv(c.year, 10) * 10, 1, 1);
  if (field == "century") return from_date(FloorDiv(c.year - 1, 100) * 100 + 1, 1, 1);
  if (field == "millennium") return from_date(FloorDiv(c.year - 1, 1000) * 1000 + 1, 1, 1);
  return Status::InvalidArgument("unit \"" + field + "\" not recognized for date_trunc");
}

Result<ResolvedScalar> ResolveDateTrunc(const std::vector<DataTypePtr>& types) {
  RETURN_NOT_OK(CheckArity("date_trunc", types, 2, 2));
  const DataTypePtr t = EngineType(types[1]);
  if (EngineType(types[0])->id() != TypeId::kUtf8 ||
      !(t->id() == TypeId::kDate32 || t->id() == TypeId::kTimestamp || t->id() == TypeId::kNull)) {
    return ArgumentTypeError("date_trunc", types);
  }
  // Dates truncate as timestamps (PostgreSQL); timestamps keep their unit and zone.
  const DataTypePtr out = t->id() == TypeId::kTimestamp ? t : arrow::Timestamp(TimeUnit::kMicro);
  ScalarKernel k = [out](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
    StringReader fields(args[0]);
    ValuesReader<int64_t> ts(args[1]);
    const int64_t ups = arrow::temporal::UnitsPerSecond(out->unit());
    return FixedResult<int64_t>(args, n, out, ctx, [&](int64_t i, int64_t* res) -> Result<bool> {
      const std::string field = LowerAscii(fields[i]);
      const int64_t v = ts[i];
      // Work in microseconds; finer units keep their sub-microsecond part only for those fields.
      if (ups > 1000000 && (field == "microsecond" || field == "microseconds")) {
        *res = FloorDiv(v, ups / 1000000) * (ups / 1000000);
        return true;
      }
      const int64_t micros = ups >= 1000000 ? FloorDiv(v, ups / 1000000) : v * (1000000 / ups);
      ASSIGN_OR_RAISE(int64_t t, TruncateMicros(field, micros));
      *res = ups >= 1000000 ? t * (ups / 1000000) : FloorDiv(t, 1000000 / ups);
      return true;
    });
  };
  return ResolvedScalar{{arrow::Utf8(), out}, out, k};
}

// PostgreSQL-style format ("YYYY-MM-DD HH24:MI:SS") to strptime's ("%Y-%m-%d %H:%M:%S"); a format
// that already uses '%' is taken as is (chrono/strftime style, as DataFusion).
std::string ToStrptimeFormat(std::string_view f) {
  if (f.find('%') != std::string_view::npos) return std::string(f);
  static const std::pair<const char*, const char*> kTokens[] = {
      {"YYYY", "%Y"}, {"HH24", "%H"}, {"HH12", "%I"}, {"MM", "%m"}, {"DD", "%d"}, {"HH", "%H"},
      {"MI", "%M"},   {"SS", "%S"},   {"Mon", "%b"},  {"MON", "%b"}, {"YY", "%y"}, {"AM", "%p"},
      {"PM", "%p"}};
  std::string out;
  size_t i = 0;
  while (i < f.size()) {
    bool matched = false;
    for (const auto& [token, replacement] : kTokens) {
      const std::string_view t(token);
      if (f.substr(i, t.size()) == t) {
        out += replacement;
        i += t.size();
        matched = true;
        break;
      }
    }
    if (!matched) out += f[i++];
  }
  return out;
}

// Parses text with a format into microseconds since the epoch (UTC).
bool ParseWithFormat(std::string_view text, std::string_view format, int64_t* micros) {
  std::tm tm{};
  const std::string s(TrimBlanks(text));
  const std::string f = ToStrptimeFormat(format);
  const char* end = strptime(s.c_str(), f.c_str(), &tm);
  if (end == nullptr) return false;
  int64_t fraction = 0;
  if (*end == '.') {
    ++end;
    int64_t scale = 100000;
    while (*end >= '0' && *end <= '9') {
      if (scale > 0) fraction += (*end - '0') * scale;
      scale /= 10;
      ++end;
    }
  }
  if (*end != '\0') return false;
  const int64_t days = arrow::temporal::DaysFromCivil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  *micros = days * kMicrosPerDay + (tm.tm_hour * 3600LL + tm.tm_min * 60LL + tm.tm_sec) * 1000000 + fraction;
  return true;
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Symbolic difference a - b as PostgreSQL's age(): whole months, then days, then time.
MonthDayNanoInterval Age(int64_t a_micros, int64_t b_micros) {
  const bool negative = a_micros < b_micros;
  if (negative) std::swap(a_micros, b_micros);
  const Civil a = SplitTimestamp(a_micros, 1000000);
  const Civil b = SplitTimestamp(b_micros, 1000000);
  int64_t months = (a.year - b.year) * 12 + (a.month - b.month);
  int64_t days = a.day - b.day;
  int64_t nanos = a.nanos - b.nanos;
  if (nanos < 0) {
    nanos += 86400LL * kNanosPerSecond;
    --days;
  }
  if (days < 0) {
    // Borrow the length of the earlier date's month, as PostgreSQL does.
    --months;
    days += DaysInMonth(b.year, b.month);
  }
  MonthDayNanoInterval out{static_cast<int32_t>(months), static_cast<int32_t>(days), nanos};
  if (negative) out = MonthDayNanoInterval{-out.months, -out.days, -out.nanos};
  return out;
}

void Add(FunctionRegistry* r, const char* name, const char* sig, const char* doc, ScalarResolver res,
         bool is_volatile = false) {
  r->AddScalar(std::make_unique<CallableScalarFunction>(name, sig, std::string(sig) + " - " + doc,
                                                        std::move(res), is_volatile));
}

bool IsTextOrNull(const DataTypePtr& t) {
  return EngineType(t)->id() == TypeId::kUtf8 || t->id() == TypeId::kNull;
}

}  // namespace

void RegisterTemporalFunctions(FunctionRegistry* r) {
  Add(r, "date_part", "date_part(field, source)",
      "Field (year, quarter, month, week, day, dow, doy, hour, minute, second, millisecond, "
      "microsecond, epoch, ...) of a date, timestamp or interval",
      ResolveDatePart);
  r->AddAlias("extract", "date_part");
  r->AddAlias("datepart", "date_part");
  Add(r, "date_trunc", "date_trunc(field, source)",
      "source truncated to the start of field (microsecond .. millennium)", ResolveDateTrunc);
  r->AddAlias("datetrunc", "date_trunc");
  Add(r, "date_bin", "date_bin(stride, source [, origin])",
      "Start of the stride-wide bin (aligned to origin, default 2001-01-01) holding source",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckArity("date_bin", types, 2, 3));
        const DataTypePtr t = EngineType(types[1]);
        if (!arrow::IsInterval(EngineType(types[0])->id()) ||
            !(t->id() == TypeId::kTimestamp || t->id() == TypeId::kDate32)) {
          return ArgumentTypeError("date_bin", types);
        }
        const DataTypePtr ts = t->id() == TypeId::kTimestamp ? t : arrow::Timestamp(TimeUnit::kMicro);
        std::vector<DataTypePtr> arg_types = {arrow::IntervalMonthDayNano(), ts};
        if (types.size() > 2) arg_types.push_back(ts);
        ScalarKernel k = [ts](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
          const int64_t ups = arrow::temporal::UnitsPerSecond(ts->unit());
          const int64_t nanos_per_unit = kNanosPerSecond / ups;
          // PostgreSQL's default origin 2001-01-01 00:00:00.
          const int64_t default_origin = arrow::temporal::DaysFromCivil(2001, 1, 1) * 86400 * ups;
          ValuesReader<MonthDayNanoInterval> stride(args[0]);
          ValuesReader<int64_t> source(args[1]);
          std::unique_ptr<ValuesReader<int64_t>> origin;
          if (args.size() > 2) origin = std::make_unique<ValuesReader<int64_t>>(args[2]);
          return FixedResult<int64_t>(args, n, ts, ctx, [&](int64_t i, int64_t* out) -> Result<bool> {
            const MonthDayNanoInterval s = stride[i];
            if (s.months != 0) return Status::ExecutionError("date_bin: stride must not contain months or years");
            const int64_t width = (s.days * 86400LL * kNanosPerSecond + s.nanos) / nanos_per_unit;
            if (width <= 0) return Status::ExecutionError("date_bin: stride must be greater than zero");
            const int64_t o = origin ? (*origin)[i] : default_origin;
            *out = o + FloorDiv(source[i] - o, width) * width;
            return true;
          });
        };
        return ResolvedScalar{arg_types, ts, k};
      });
  Add(r, "to_date", "to_date(s [, format])",
      "Parses text as a date ('YYYY-MM-DD' by default; PostgreSQL or strftime format)",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckArity("to_date", types, 1, 2));
        for (const auto& t : types) {
          if (!IsTextOrNull(t)) return ArgumentTypeError("to_date", types);
        }
        ScalarKernel k = [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
          if (args.size() == 1) return Cast(args[0], arrow::Date32(), false, ctx);
          StringReader text(args[0]), format(args[1]);
          return FixedResult<int32_t>(args, n, arrow::Date32(), ctx, [&](int64_t i, int32_t* out) -> Result<bool> {
            int64_t micros;
            if (!ParseWithFormat(text[i], format[i], &micros)) {
              return Status::ExecutionError("cannot parse '" + std::string(text[i]) + "' with format '" +
                                            std::string(format[i]) + "'");
            }
            *out = static_cast<int32_t>(FloorDiv(micros, kMicrosPerDay));
            return true;
          });
        };
        return ResolvedScalar{std::vector<DataTypePtr>(types.size(), arrow::Utf8()), arrow::Date32(), k};
      });
  Add(r, "to_timestamp", "to_timestamp(s [, format]) | to_timestamp(seconds)",
      "Parses text as a timestamp, or converts seconds since 1970-01-01",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckArity("to_timestamp", types, 1, 2));
        const DataTypePtr out = arrow::Timestamp(TimeUnit::kMicro);
        if (types.size() == 1 && arrow::IsNumeric(types[0]->id())) {
          ScalarKernel k = [out](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
            ValuesReader<double> secs(args[0]);
            return FixedResult<int64_t>(args, n, out, ctx, [&](int64_t i, int64_t* res) -> Result<bool> {
              const double us = std::round(secs[i] * 1e6);
              if (!(std::fabs(us) < 9.2e18)) return Status::ExecutionError("timestamp out of range");
              *res = static_cast<int64_t>(us);
              return true;
            });
          };
          return ResolvedScalar{{arrow::Float64()}, out, k};
        }
        for (const auto& t : types) {
          if (!IsTextOrNull(t)) return ArgumentTypeError("to_timestamp", types);
        }
        ScalarKernel k = [out](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
          if (args.size() == 1) return Cast(args[0], out, false, ctx);
          StringReader text(args[0]), format(args[1]);
          return FixedResult<int64_t>(args, n, out, ctx, [&](int64_t i, int64_t* res) -> Result<bool> {
            if (!ParseWithFormat(text[i], format[i], res)) {
              return Status::ExecutionError("cannot parse '" + std::string(text[i]) + "' with format '" +
                                            std::string(format[i]) + "'");
            }
            return true;
          });
        };
        return ResolvedScalar{std::vector<DataTypePtr>(types.size(), arrow::Utf8()), out, k};
      });
  Add(
      r, "now", "now()", "The current time (UTC)",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckArity("now", types, 0, 0));
        const DataTypePtr out = arrow::Timestamp(TimeUnit::kMicro, "UTC");
        return ResolvedScalar{{}, out, [out](const std::vector<Datum>&, int64_t, ExecContext*) -> Result<Datum> {
                                return Datum(arrow::Scalar::Timestamp(NowMicros(), TimeUnit::kMicro, "UTC"));
                              }};
      },
      true);
  r->AddAlias("current_timestamp", "now");
  Add(
      r, "current_date", "current_date()", "Today's date (UTC)",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckArity("current_date", types, 0, 0));
        return ResolvedScalar{{}, arrow::Date32(), [](const std::vector<Datum>&, int64_t, ExecContext*) -> Result<Datum> {
                                return Datum(arrow::Scalar::Date32(
                                    static_cast<int32_t>(FloorDiv(NowMicros(), kMicrosPerDay))));
                              }};
      },
      true);
  Add(r, "make_date", "make_date(year, month, day)", "The date with these fields",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckArity("make_date", types, 3, 3));
        for (const auto& t : types) {
          if (!arrow::IsInteger(t->id()) && t->id() != TypeId::kNull) return ArgumentTypeError("make_date", types);
        }
        ScalarKernel k = [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
          ValuesReader<int64_t> y(args[0]), m(args[1]), d(args[2]);
          return FixedResult<int32_t>(args, n, arrow::Date32(), ctx, [&](int64_t i, int32_t* out) -> Result<bool> {
            if (m[i] < 1 || m[i] > 12 || d[i] < 1 || d[i] > DaysInMonth(y[i], static_cast<int>(m[i])) ||
                y[i] < -5000000 || y[i] > 5000000) {
              return Status::ExecutionError("date field value out of range: " + std::to_string(y[i]) + "-" +
                                            std::to_string(m[i]) + "-" + std::to_string(d[i]));
            }
            *out = static_cast<int32_t>(
                arrow::temporal::DaysFromCivil(y[i], static_cast<int>(m[i]), static_cast<int>(d[i])));
            return true;
          });
        };
        return ResolvedScalar{{arrow::Int64(), arrow::Int64(), arrow::Int64()}, arrow::Date32(), k};
      });
  Add(r, "age", "age(a [, b])",
      "Symbolic difference a - b in years, months and days (b defaults to today at midnight)",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckArity("age", types, 1, 2));
        for (const auto& t : types) {
          const TypeId id = EngineType(t)->id();
          if (id != TypeId::kTimestamp && id != TypeId::kDate32 && id != TypeId::kNull) {
            return ArgumentTypeError("age", types);
          }
        }
        const DataTypePtr ts = arrow::Timestamp(TimeUnit::kMicro);
        ScalarKernel k = [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
          ValuesReader<int64_t> a(args[0]);
          std::unique_ptr<ValuesReader<int64_t>> b;
          if (args.size() > 1) b = std::make_unique<ValuesReader<int64_t>>(args[1]);
          const int64_t today = FloorDiv(NowMicros(), kMicrosPerDay) * kMicrosPerDay;
          return FixedResult<MonthDayNanoInterval>(
              args, n, arrow::IntervalMonthDayNano(), ctx,
              [&](int64_t i, MonthDayNanoInterval* out) -> Result<bool> {
                *out = b ? Age(a[i], (*b)[i]) : Age(today, a[i]);
                return true;
              });
        };
        return ResolvedScalar{std::vector<DataTypePtr>(types.size(), ts), arrow::IntervalMonthDayNano(), k};
      });
}

}  // namespace ballista::compute
