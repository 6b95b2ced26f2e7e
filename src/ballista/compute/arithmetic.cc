#include "ballista/compute/arithmetic.h"

#include <cmath>
#include <limits>

#include "ballista/compute/binary_loop.h"
#include "ballista/compute/cast.h"
#include "ballista/compute/temporal_arith.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::DataTypePtr;
using arrow::MonthDayNanoInterval;
using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

const char* ArithmeticOpSymbol(ArithmeticOp op) {
  switch (op) {
    case ArithmeticOp::kAdd: return "+";
    case ArithmeticOp::kSubtract: return "-";
    case ArithmeticOp::kMultiply: return "*";
    case ArithmeticOp::kDivide: return "/";
    case ArithmeticOp::kModulo: return "%";
  }
  return "?";
}

namespace {

const char* OpName(ArithmeticOp op) {
  switch (op) {
    case ArithmeticOp::kAdd: return "add";
    case ArithmeticOp::kSubtract: return "subtract";
    case ArithmeticOp::kMultiply: return "multiply";
    case ArithmeticOp::kDivide: return "divide";
    case ArithmeticOp::kModulo: return "modulo";
  }
  return "?";
}

Status DivisionByZero() { return Status::ExecutionError("division by zero"); }

// ---- Integers and floats of one type T. ----

template <typename T>
bool ApplyNumeric(ArithmeticOp op, T x, T y, T* out) {
  if constexpr (std::is_floating_point_v<T>) {
    switch (op) {
      case ArithmeticOp::kAdd: *out = x + y; return true;
      case ArithmeticOp::kSubtract: *out = x - y; return true;
      case ArithmeticOp::kMultiply: *out = x * y; return true;
      case ArithmeticOp::kDivide: *out = x / y; return y != 0;
      case ArithmeticOp::kModulo: *out = std::fmod(x, y); return y != 0;
    }
    return false;
  } else {
    switch (op) {
      case ArithmeticOp::kAdd: return !__builtin_add_overflow(x, y, out);
      case ArithmeticOp::kSubtract: return !__builtin_sub_overflow(x, y, out);
      case ArithmeticOp::kMultiply: return !__builtin_mul_overflow(x, y, out);
      case ArithmeticOp::kDivide:
        if (y == 0) return false;
        if constexpr (std::is_signed_v<T>) {
          if (x == std::numeric_limits<T>::min() && y == T(-1)) return false;
        }
        *out = static_cast<T>(x / y);
        return true;
      case ArithmeticOp::kModulo:
        if (y == 0) return false;
        if constexpr (std::is_signed_v<T>) {
          if (y == T(-1)) {
            *out = 0;
            return true;
          }
        }
        *out = static_cast<T>(x % y);
        return true;
    }
    return false;
  }
}

template <typename T>
ScalarKernel NumericKernel(ArithmeticOp op, DataTypePtr type) {
  return [op, type](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
    // One loop per operator so the compiler sees a fixed operation (and can vectorize it).
    auto run = [&](auto op_constant) {
      constexpr ArithmeticOp kOp = decltype(op_constant)::value;
      return BinaryFixedKernel<T, T, T>(
          args[0], args[1], n, type, ctx,
          [](T x, T y, T* out) { return ApplyNumeric<T>(kOp, x, y, out); },
          [](T, T y) {
            if ((kOp == ArithmeticOp::kDivide || kOp == ArithmeticOp::kModulo) && y == 0) {
              return DivisionByZero();
            }
            return Status::ExecutionError(std::string(std::is_floating_point_v<T> ? "floating"
                                                                                  : "integer") +
                                          " overflow in " + OpName(kOp));
          });
    };
    switch (op) {
      case ArithmeticOp::kAdd:
        return run(std::integral_constant<ArithmeticOp, ArithmeticOp::kAdd>{});
      case ArithmeticOp::kSubtract:
        return run(std::integral_constant<ArithmeticOp, ArithmeticOp::kSubtract>{});
      case ArithmeticOp::kMultiply:
        return run(std::integral_constant<ArithmeticOp, ArithmeticOp::kMultiply>{});
      case ArithmeticOp::kDivide:
        return run(std::integral_constant<ArithmeticOp, ArithmeticOp::kDivide>{});
      case ArithmeticOp::kModulo:
        return run(std::integral_constant<ArithmeticOp, ArithmeticOp::kModulo>{});
    }
    return Status::Internal("bad arithmetic operator");
  };
}

// ---- Decimals (unscaled __int128 values). ----

bool FitsPrecision(__int128 v, int32_t precision) {
  const __int128 limit = Pow10(precision);
  return v < limit && v > -limit;
}

// Divides by 10^digits rounding half away from zero.
__int128 DivRoundPow10(__int128 v, int digits) {
  if (digits <= 0) return v;
  const __int128 d = Pow10(digits);
  __int128 q = v / d;
  const __int128 r = v % d;
  if (r * 2 >= d) ++q;
  if (r * 2 <= -d) --q;
  return q;
}

// round(|x| * 10^extra / |y|) with the sign of x/y by long division, so the scaled dividend
// never has to fit in 128 bits. False on overflow.
bool DecimalDivide(__int128 x, __int128 y, int extra_digits, __int128* out) {
  if (y == 0) return false;
  const bool negative = (x < 0) != (y < 0);
  using U = unsigned __int128;
  const U ux = x < 0 ? U(0) - U(x) : U(x);
  const U uy = y < 0 ? U(0) - U(y) : U(y);
  const U limit = U(Pow10(38));
  U q = ux / uy;
  U r = ux % uy;
  for (int i = 0; i < extra_digits; ++i) {
    if (q > limit || r > (~U(0)) / 10) return false;
    r *= 10;
    q = q * 10 + r / uy;
    r %= uy;
  }
  if (r >= uy - r) ++q;
  if (q >= limit) return false;
  *out = negative ? -__int128(q) : __int128(q);
  return true;
}

ScalarKernel DecimalKernel(ArithmeticOp op, DataTypePtr a, DataTypePtr b, DataTypePtr out_type) {
  const int32_t s1 = a->scale();
  const int32_t s2 = b->scale();
  const int32_t s = out_type->scale();
  const int32_t p = out_type->precision();
  return [=](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
    auto overflow = [op](__int128, __int128 y) {
      if ((op == ArithmeticOp::kDivide || op == ArithmeticOp::kModulo) && y == 0) {
        return DivisionByZero();
      }
      return Status::ExecutionError(std::string("decimal overflow in ") + OpName(op));
    };
    switch (op) {
      case ArithmeticOp::kAdd:
      case ArithmeticOp::kSubtract: {
        const __int128 fa = Pow10(s - s1);
        const __int128 fb = Pow10(s - s2);
        const bool subtract = op == ArithmeticOp::kSubtract;
        return BinaryFixedKernel<__int128, __int128, __int128>(
            args[0], args[1], n, out_type, ctx,
            [=](__int128 x, __int128 y, __int128* out) {
              __int128 xs, ys;
              if (__builtin_mul_overflow(x, fa, &xs) || __builtin_mul_overflow(y, fb, &ys)) {
                return false;
              }
              if (subtract ? __builtin_sub_overflow(xs, ys, out)
                           : __builtin_add_overflow(xs, ys, out)) {
                return false;
              }
              return FitsPrecision(*out, p);
            },
            overflow);
      }
      case ArithmeticOp::kMultiply: {
        const int drop = s1 + s2 - s;
        return BinaryFixedKernel<__int128, __int128, __int128>(
            args[0], args[1], n, out_type, ctx,
            [=](__int128 x, __int128 y, __int128* out) {
              __int128 prod;
              if (__builtin_mul_overflow(x, y, &prod)) return false;
              *out = DivRoundPow10(prod, drop);
              return FitsPrecision(*out, p);
            },
            overflow);
      }
      case ArithmeticOp::kDivide: {
        const int extra = s - s1 + s2;
        return BinaryFixedKernel<__int128, __int128, __int128>(
            args[0], args[1], n, out_type, ctx,
            [=](__int128 x, __int128 y, __int128* out) {
              if (extra < 0) {
                if (!DecimalDivide(DivRoundPow10(x, -extra), y, 0, out)) return false;
              } else if (!DecimalDivide(x, y, extra, out)) {
                return false;
              }
              return FitsPrecision(*out, p);
            },
            overflow);
      }
      case ArithmeticOp::kModulo: {
        const int32_t common = std::max(s1, s2);
        const __int128 fa = Pow10(common - s1);
        const __int128 fb = Pow10(common - s2);
        const int drop = common - s;
        return BinaryFixedKernel<__int128, __int128, __int128>(
            args[0], args[1], n, out_type, ctx,
            [=](__int128 x, __int128 y, __int128* out) {
              __int128 xs, ys;
              if (y == 0 || __builtin_mul_overflow(x, fa, &xs) ||
                  __builtin_mul_overflow(y, fb, &ys)) {
                return false;
              }
              *out = DivRoundPow10(xs % ys, drop);
              return true;
            },
            overflow);
      }
    }
    return Status::Internal("bad arithmetic operator");
  };
}

// A result wider than 38 digits keeps its integer digits and gives up fractional ones, down to
// at least min(scale, min_scale) (Spark's and DataFusion's rule, with 6 digits for products and
// 12 for quotients so that an average computed as sum / count keeps the digits a double would
// show): 100.00 * sum(x) / sum(y) over DECIMAL(38,4) sums is DECIMAL(38,12), not a scale no
// value fits.
DataTypePtr AdjustedDecimal(int32_t precision, int32_t scale, int32_t min_scale) {
  if (precision <= 38) return CappedDecimal(precision, scale);
  const int32_t integer_digits = precision - scale;
  const int32_t kept_scale = std::max(38 - integer_digits, std::min(scale, min_scale));
  return CappedDecimal(38, kept_scale);
}

DataTypePtr DecimalResultType(ArithmeticOp op, const DataTypePtr& a, const DataTypePtr& b) {
  const int32_t p1 = a->precision(), s1 = a->scale();
  const int32_t p2 = b->precision(), s2 = b->scale();
  switch (op) {
    case ArithmeticOp::kAdd:
    case ArithmeticOp::kSubtract: {
      const int32_t s = std::max(s1, s2);
      return CappedDecimal(std::max(p1 - s1, p2 - s2) + s + 1, s);
    }
    case ArithmeticOp::kMultiply: return AdjustedDecimal(p1 + p2 + 1, s1 + s2, 6);
    case ArithmeticOp::kDivide: {
      const int32_t s = std::max(6, s1 + p2 + 1);
      return AdjustedDecimal(p1 - s1 + s2 + s, s, 12);
    }
    case ArithmeticOp::kModulo: {
      const int32_t s = std::max(s1, s2);
      return CappedDecimal(std::min(p1 - s1, p2 - s2) + s, s);
    }
  }
  return nullptr;
}

// ---- Dates, timestamps, intervals and durations. ----

using Iv = MonthDayNanoInterval;

ScalarKernel DateIntKernel(bool subtract) {
  return [subtract](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    return BinaryFixedKernel<int32_t, int32_t, int32_t>(
        args[0], args[1], n, arrow::Date32(), ctx,
        [subtract](int32_t d, int32_t k, int32_t* out) {
          return !(subtract ? __builtin_sub_overflow(d, k, out) : __builtin_add_overflow(d, k, out));
        },
        [](int32_t, int32_t) { return Status::ExecutionError("date out of range"); });
  };
}

ScalarKernel DateIntervalKernel(int sign) {
  return [sign](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    return BinaryFixedKernel<int32_t, int32_t, Iv>(
        args[0], args[1], n, arrow::Date32(), ctx,
        [sign](int32_t d, Iv iv, int32_t* out) {
          *out = AddIntervalToDate(d, iv, sign);
          return true;
        },
        [](int32_t, Iv) { return Status::ExecutionError("date out of range"); });
  };
}

ScalarKernel TimestampIntervalKernel(int sign, DataTypePtr type) {
  const int64_t ups = arrow::temporal::UnitsPerSecond(type->unit());
  return [sign, type, ups](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    return BinaryFixedKernel<int64_t, int64_t, Iv>(
        args[0], args[1], n, type, ctx,
        [sign, ups](int64_t t, Iv iv, int64_t* out) {
          *out = AddIntervalToTimestamp(t, iv, ups, sign);
          return true;
        },
        [](int64_t, Iv) { return Status::ExecutionError("timestamp out of range"); });
  };
}

// Same-typed int64 values (timestamps/durations of one unit) combined into `out_type`.
ScalarKernel Int64Kernel(DataTypePtr out_type, bool subtract, const char* what) {
  return [=](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    return BinaryFixedKernel<int64_t, int64_t, int64_t>(
        args[0], args[1], n, out_type, ctx,
        [subtract](int64_t x, int64_t y, int64_t* out) {
          return !(subtract ? __builtin_sub_overflow(x, y, out) : __builtin_add_overflow(x, y, out));
        },
        [what](int64_t, int64_t) { return Status::ExecutionError(std::string(what) + " out of range"); });
  };
}

ScalarKernel TimestampDiffKernel(arrow::TimeUnit unit) {
  const int64_t nanos_per_unit = 1000000000 / arrow::temporal::UnitsPerSecond(unit);
  return [nanos_per_unit](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    return BinaryFixedKernel<Iv, int64_t, int64_t>(
        args[0], args[1], n, arrow::IntervalMonthDayNano(), ctx,
        [nanos_per_unit](int64_t x, int64_t y, Iv* out) {
          int64_t diff, nanos;
          if (__builtin_sub_overflow(x, y, &diff) ||
              __builtin_mul_overflow(diff, nanos_per_unit, &nanos)) {
            return false;
          }
          constexpr int64_t kNanosPerDay = 86400LL * 1000000000LL;
          *out = Iv{0, static_cast<int32_t>(nanos / kNanosPerDay), nanos % kNanosPerDay};
          return true;
        },
        [](int64_t, int64_t) { return Status::ExecutionError("interval out of range"); });
  };
}

ScalarKernel DateDiffKernel() {
  return [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    return BinaryFixedKernel<int32_t, int32_t, int32_t>(
        args[0], args[1], n, arrow::Int32(), ctx,
        [](int32_t x, int32_t y, int32_t* out) { return !__builtin_sub_overflow(x, y, out); },
        [](int32_t, int32_t) { return Status::ExecutionError("integer overflow in subtract"); });
  };
}

ScalarKernel IntervalAddKernel(bool subtract) {
  return [subtract](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    return BinaryFixedKernel<Iv, Iv, Iv>(
        args[0], args[1], n, arrow::IntervalMonthDayNano(), ctx,
        [subtract](Iv x, Iv y, Iv* out) {
          if (subtract) {
            return !__builtin_sub_overflow(x.months, y.months, &out->months) &&
                   !__builtin_sub_overflow(x.days, y.days, &out->days) &&
                   !__builtin_sub_overflow(x.nanos, y.nanos, &out->nanos);
          }
          return !__builtin_add_overflow(x.months, y.months, &out->months) &&
                 !__builtin_add_overflow(x.days, y.days, &out->days) &&
                 !__builtin_add_overflow(x.nanos, y.nanos, &out->nanos);
        },
        [](Iv, Iv) { return Status::ExecutionError("interval out of range"); });
  };
}

// interval * integer; `interval_first` says which argument is the interval.
ScalarKernel IntervalScaleKernel(bool interval_first) {
  return [interval_first](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    auto scale = [](Iv x, int64_t k, Iv* out) {
      int64_t months, days;
      return !__builtin_mul_overflow(int64_t{x.months}, k, &months) &&
             !__builtin_mul_overflow(int64_t{x.days}, k, &days) &&
             !__builtin_mul_overflow(x.nanos, k, &out->nanos) &&
             !__builtin_mul_overflow(months, 1, &out->months) &&
             !__builtin_mul_overflow(days, 1, &out->days);
    };
    auto error = [](auto, auto) { return Status::ExecutionError("interval out of range"); };
    if (interval_first) {
      return BinaryFixedKernel<Iv, Iv, int64_t>(args[0], args[1], n, arrow::IntervalMonthDayNano(),
                                                ctx, scale, error);
    }
    return BinaryFixedKernel<Iv, int64_t, Iv>(
        args[0], args[1], n, arrow::IntervalMonthDayNano(), ctx,
        [scale](int64_t k, Iv x, Iv* out) { return scale(x, k, out); }, error);
  };
}

ScalarKernel NullKernel() {
  return [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    return NullDatum(arrow::Null(), n, AllScalar(args), ctx);
  };
}

Status OperatorTypeError(ArithmeticOp op, const DataTypePtr& a, const DataTypePtr& b) {
  return Status::TypeError(std::string("cannot apply operator ") + ArithmeticOpSymbol(op) +
                           " to " + SqlTypeName(a) + " and " + SqlTypeName(b));
}

ResolvedScalar Make(DataTypePtr a, DataTypePtr b, DataTypePtr out, ScalarKernel kernel) {
  return ResolvedScalar{{std::move(a), std::move(b)}, std::move(out), std::move(kernel)};
}

Result<ResolvedScalar> ResolveTemporal(ArithmeticOp op, const DataTypePtr& a, const DataTypePtr& b,
                                       const DataTypePtr& a_in, const DataTypePtr& b_in) {
  const TypeId x = a->id();
  const TypeId y = b->id();
  const bool add = op == ArithmeticOp::kAdd;
  const bool sub = op == ArithmeticOp::kSubtract;
  const int sign = add ? 1 : -1;
  const auto interval = arrow::IntervalMonthDayNano();
  if (add || sub) {
    if (x == TypeId::kDate32 && arrow::IsInteger(y)) {
      return Make(a, arrow::Int32(), a, DateIntKernel(sub));
    }
    if (add && arrow::IsInteger(x) && y == TypeId::kDate32) {
      auto r = Make(b, arrow::Int32(), b, DateIntKernel(false));
      auto kernel = r.kernel;
      return Make(arrow::Int32(), b, b, [kernel](const std::vector<Datum>& args, int64_t n,
                                                  ExecContext* ctx) {
        return kernel({args[1], args[0]}, n, ctx);
      });
    }
    if (x == TypeId::kDate32 && arrow::IsInterval(y)) {
      return Make(a, interval, a, DateIntervalKernel(sign));
    }
    if (x == TypeId::kTimestamp && arrow::IsInterval(y)) {
      return Make(a, interval, a, TimestampIntervalKernel(sign, a));
    }
    if (add && arrow::IsInterval(x) && (y == TypeId::kDate32 || y == TypeId::kTimestamp)) {
      ASSIGN_OR_RAISE(auto swapped, ResolveTemporal(op, b, a, b_in, a_in));
      auto kernel = swapped.kernel;
      return Make(interval, b, b, [kernel](const std::vector<Datum>& args, int64_t n,
                                           ExecContext* ctx) {
        return kernel({args[1], args[0]}, n, ctx);
      });
    }
    if (arrow::IsInterval(x) && arrow::IsInterval(y)) {
      return Make(interval, interval, interval, IntervalAddKernel(sub));
    }
    if (x == TypeId::kTimestamp && y == TypeId::kDuration) {
      auto ts = arrow::Timestamp(b->unit(), a->timezone());
      return Make(ts, b, ts, Int64Kernel(ts, sub, "timestamp"));
    }
    if (x == TypeId::kDuration && y == TypeId::kDuration) {
      ASSIGN_OR_RAISE(auto common, CommonSuperType(a, b));
      return Make(common, common, common, Int64Kernel(common, sub, "duration"));
    }
  }
  if (sub) {
    if (x == TypeId::kDate32 && y == TypeId::kDate32) {
      return Make(a, b, arrow::Int32(), DateDiffKernel());
    }
    if ((x == TypeId::kTimestamp || x == TypeId::kDate32) &&
        (y == TypeId::kTimestamp || y == TypeId::kDate32)) {
      ASSIGN_OR_RAISE(auto common, CommonSuperType(a, b));
      return Make(common, common, interval, TimestampDiffKernel(common->unit()));
    }
  }
  if (op == ArithmeticOp::kMultiply) {
    if (arrow::IsInterval(x) && arrow::IsInteger(y)) {
      return Make(interval, arrow::Int64(), interval, IntervalScaleKernel(true));
    }
    if (arrow::IsInteger(x) && arrow::IsInterval(y)) {
      return Make(arrow::Int64(), interval, interval, IntervalScaleKernel(false));
    }
  }
  return OperatorTypeError(op, a_in, b_in);
}

}  // namespace

Result<ResolvedScalar> ResolveArithmetic(ArithmeticOp op, const DataTypePtr& a_in,
                                         const DataTypePtr& b_in) {
  DataTypePtr a = EngineType(a_in);
  DataTypePtr b = EngineType(b_in);
  if (a->id() == TypeId::kNull && b->id() == TypeId::kNull) {
    return Make(a, b, arrow::Null(), NullKernel());
  }
  // NULL takes the other operand's type (date - NULL is a date difference).
  if (a->id() == TypeId::kNull) a = b;
  if (b->id() == TypeId::kNull) b = a;
  if (arrow::IsNumeric(a->id()) && arrow::IsNumeric(b->id())) {
    ASSIGN_OR_RAISE(auto common, CommonNumericType(a, b));
    if (arrow::IsDecimal(common->id())) {
      auto da = DecimalForNumeric(a);
      auto db = DecimalForNumeric(b);
      auto out = DecimalResultType(op, da, db);
      return Make(da, db, out, DecimalKernel(op, da, db, out));
    }
    ScalarKernel kernel;
    DispatchNumeric(common->id(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernel = NumericKernel<T>(op, common);
    });
    return Make(common, common, common, std::move(kernel));
  }
  return ResolveTemporal(op, a, b, a_in, b_in);
}

Result<Datum> Arithmetic(ArithmeticOp op, const Datum& a, const Datum& b, ExecContext* ctx) {
  ASSIGN_OR_RAISE(auto resolved, ResolveArithmetic(op, a.type(), b.type()));
  const int64_t n = a.is_array() ? a.length() : (b.is_array() ? b.length() : 1);
  return CallResolved(resolved, {a, b}, n, ctx);
}

Result<Datum> Add(const Datum& a, const Datum& b, ExecContext* ctx) {
  return Arithmetic(ArithmeticOp::kAdd, a, b, ctx);
}
Result<Datum> Subtract(const Datum& a, const Datum& b, ExecContext* ctx) {
  return Arithmetic(ArithmeticOp::kSubtract, a, b, ctx);
}
Result<Datum> Multiply(const Datum& a, const Datum& b, ExecContext* ctx) {
  return Arithmetic(ArithmeticOp::kMultiply, a, b, ctx);
}
Result<Datum> Divide(const Datum& a, const Datum& b, ExecContext* ctx) {
  return Arithmetic(ArithmeticOp::kDivide, a, b, ctx);
}
Result<Datum> Modulo(const Datum& a, const Datum& b, ExecContext* ctx) {
  return Arithmetic(ArithmeticOp::kModulo, a, b, ctx);
}

Result<ResolvedScalar> ResolveNegate(const DataTypePtr& in) {
  const DataTypePtr type = EngineType(in);
  const TypeId id = type->id();
  ScalarKernel kernel;
  auto overflow = [](auto) { return Status::ExecutionError("integer overflow in negate"); };
  if (id == TypeId::kNull) {
    kernel = NullKernel();
  } else if (arrow::IsDecimal(id)) {
    kernel = [type, overflow](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
      return UnaryFixedKernel<__int128, __int128>(
          args[0], n, type, ctx, [](__int128 x, __int128* out) { *out = -x; return true; },
          overflow);
    };
  } else if (arrow::IsInterval(id)) {
    kernel = [overflow](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
      return UnaryFixedKernel<Iv, Iv>(
          args[0], n, arrow::IntervalMonthDayNano(), ctx,
          [](Iv x, Iv* out) {
            return !__builtin_sub_overflow(0, x.months, &out->months) &&
                   !__builtin_sub_overflow(0, x.days, &out->days) &&
                   !__builtin_sub_overflow(int64_t{0}, x.nanos, &out->nanos);
          },
          overflow);
    };
  } else if (id == TypeId::kDuration) {
    kernel = [type, overflow](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
      return UnaryFixedKernel<int64_t, int64_t>(
          args[0], n, type, ctx,
          [](int64_t x, int64_t* out) { return !__builtin_sub_overflow(int64_t{0}, x, out); },
          overflow);
    };
  } else if (!DispatchNumeric(id, [&](auto tag) {
               using T = typename decltype(tag)::type;
               kernel = [type, overflow](const std::vector<Datum>& args, int64_t n,
                                         ExecContext* ctx) {
                 return UnaryFixedKernel<T, T>(
                     args[0], n, type, ctx,
                     [](T x, T* out) {
                       if constexpr (std::is_floating_point_v<T>) {
                         *out = -x;
                         return true;
                       } else {
                         return !__builtin_sub_overflow(T(0), x, out);
                       }
                     },
                     overflow);
               };
             })) {
    return Status::TypeError("cannot apply operator - to " + SqlTypeName(in));
  }
  return ResolvedScalar{{type}, type, std::move(kernel)};
}

Result<Datum> Negate(const Datum& a, ExecContext* ctx) {
  ASSIGN_OR_RAISE(auto resolved, ResolveNegate(a.type()));
  return CallResolved(resolved, {a}, a.is_array() ? a.length() : 1, ctx);
}

}  // namespace ballista::compute
