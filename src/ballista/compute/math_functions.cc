// Math functions: abs, rounding, roots, logarithms, trigonometry, power, sign, random, mod.

#include <cmath>
#include <random>

#include "ballista/compute/arithmetic.h"
#include "ballista/compute/binary_loop.h"
#include "ballista/compute/registry.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::DataTypePtr;
using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

namespace {

bool IsNumericOrNull(const DataTypePtr& t) {
  return arrow::IsNumeric(t->id()) || t->id() == TypeId::kNull;
}

// f(double) -> double; `domain(x)` false raises `domain_error`.
template <typename F, typename D>
ScalarKernel FloatUnary(F f, D domain, std::string domain_error) {
  return [=](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    return UnaryFixedKernel<double, double>(
        args[0], n, arrow::Float64(), ctx,
        [&](double x, double* out) {
          *out = f(x);
          return domain(x);
        },
        [&](double) { return Status::ExecutionError(domain_error); });
  };
}

void AddFloatUnary(FunctionRegistry* r, const char* name, const char* doc, double (*f)(double),
                   bool (*domain)(double) = nullptr, const char* domain_error = "") {
  const std::string sig = std::string(name) + "(x)";
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      name, sig, sig + " - " + doc,
      [=](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckArity(name, types, 1, 1));
        if (!IsNumericOrNull(types[0])) return ArgumentTypeError(name, types);
        auto dom = domain ? domain : +[](double) { return true; };
        return ResolvedScalar{{arrow::Float64()}, arrow::Float64(),
                              FloatUnary(f, dom, std::string(domain_error))};
      }));
}

enum class RoundMode { kRound, kTrunc, kCeil, kFloor };

double RoundDouble(double x, int64_t digits, RoundMode mode) {
  const double scale = std::pow(10.0, static_cast<double>(digits));
  const double y = x * scale;
  double r = 0;
  switch (mode) {
    case RoundMode::kRound: r = std::round(y); break;
    case RoundMode::kTrunc: r = std::trunc(y); break;
    case RoundMode::kCeil: r = std::ceil(y); break;
    case RoundMode::kFloor: r = std::floor(y); break;
  }
  return digits == 0 ? r : r / scale;
}

// Rounds an unscaled decimal to `digits` fractional digits, keeping `scale` (zeros below).
__int128 RoundDecimal(__int128 v, int32_t scale, int64_t digits, RoundMode mode) {
  const int64_t drop = scale - digits;
  if (drop <= 0) return v;
  if (drop > 38) return 0;
  const __int128 d = Pow10(static_cast<int>(drop));
  __int128 q = v / d;
  const __int128 rem = v % d;
  switch (mode) {
    case RoundMode::kRound:
      if (rem * 2 >= d) ++q;
      if (rem * 2 <= -d) --q;
      break;
    case RoundMode::kTrunc: break;
    case RoundMode::kCeil:
      if (rem > 0) ++q;
      break;
    case RoundMode::kFloor:
      if (rem < 0) --q;
      break;
  }
  return q * d;
}

Result<ResolvedScalar> ResolveRound(const char* name, RoundMode mode,
                                    const std::vector<DataTypePtr>& types, bool allow_digits) {
  RETURN_NOT_OK(CheckArity(name, types, 1, allow_digits ? 2 : 1));
  const DataTypePtr t = EngineType(types[0]);
  if (!IsNumericOrNull(t) || (types.size() > 1 && !arrow::IsInteger(types[1]->id()) &&
                              types[1]->id() != TypeId::kNull)) {
    return ArgumentTypeError(name, types);
  }
  std::vector<DataTypePtr> arg_types = {t};
  if (types.size() > 1) arg_types.push_back(arrow::Int64());
  if (arrow::IsDecimal(t->id())) {
    // ceil/floor drop the fraction (scale 0); round/trunc keep the scale and zero the tail.
    const bool to_integer = mode == RoundMode::kCeil || mode == RoundMode::kFloor;
    const int32_t s = t->scale();
    DataTypePtr out = to_integer ? CappedDecimal(t->precision() - s + 1, 0)
                                 : CappedDecimal(std::min(38, t->precision() + 1), s);
    arg_types[0] = arrow::Decimal128(t->precision(), s);
    ScalarKernel k = [=](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
      const Datum digits = args.size() > 1 ? args[1] : Datum(arrow::Scalar::Int64(0));
      return BinaryFixedKernel<__int128, __int128, int64_t>(
          args[0], digits, n, out, ctx,
          [=](__int128 v, int64_t d, __int128* res) {
            const __int128 rounded = RoundDecimal(v, s, to_integer ? 0 : d, mode);
            *res = to_integer ? rounded / Pow10(s) : rounded;
            return true;
          },
          [](__int128, int64_t) { return Status::ExecutionError("decimal overflow in round"); });
    };
    return ResolvedScalar{arg_types, out, k};
  }
  if (arrow::IsInteger(t->id()) && types.size() == 1) {
    // Integers are already whole.
    return ResolvedScalar{arg_types, t, [](const std::vector<Datum>& args, int64_t, ExecContext*) -> Result<Datum> {
                            return args[0];
                          }};
  }
  arg_types[0] = arrow::Float64();
  ScalarKernel k = [=](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
    const Datum digits = args.size() > 1 ? args[1] : Datum(arrow::Scalar::Int64(0));
    return BinaryFixedKernel<double, double, int64_t>(
        args[0], digits, n, arrow::Float64(), ctx,
        [=](double x, int64_t d, double* out) {
          *out = RoundDouble(x, d, mode);
          return true;
        },
        [](double, int64_t) { return Status::OK(); });
  };
  return ResolvedScalar{arg_types, arrow::Float64(), k};
}

void AddRound(FunctionRegistry* r, const char* name, const char* sig, const char* doc, RoundMode mode,
              bool allow_digits) {
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      name, sig, std::string(sig) + " - " + doc,
      [=](const std::vector<DataTypePtr>& types) {
        return ResolveRound(name, mode, types, allow_digits);
      }));
}

Result<ResolvedScalar> ResolveFloatBinary(const char* name, const std::vector<DataTypePtr>& types,
                                          double (*f)(double, double), bool (*domain)(double, double),
                                          const char* error) {
  RETURN_NOT_OK(CheckArity(name, types, 2, 2));
  if (!IsNumericOrNull(types[0]) || !IsNumericOrNull(types[1])) return ArgumentTypeError(name, types);
  ScalarKernel k = [=](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    return BinaryFixedKernel<double, double, double>(
        args[0], args[1], n, arrow::Float64(), ctx,
        [=](double x, double y, double* out) {
          *out = f(x, y);
          return domain == nullptr || domain(x, y);
        },
        [=](double, double) { return Status::ExecutionError(error); });
  };
  return ResolvedScalar{{arrow::Float64(), arrow::Float64()}, arrow::Float64(), k};
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry* r) {
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "abs", "abs(x)", "abs(x) - Absolute value",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckArity("abs", types, 1, 1));
        const DataTypePtr t = EngineType(types[0]);
        if (!IsNumericOrNull(t)) return ArgumentTypeError("abs", types);
        ScalarKernel k;
        if (arrow::IsDecimal(t->id())) {
          k = [t](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
            return UnaryFixedKernel<__int128, __int128>(
                args[0], n, t, ctx, [](__int128 x, __int128* out) { *out = x < 0 ? -x : x; return true; },
                [](__int128) { return Status::OK(); });
          };
        } else if (t->id() == TypeId::kNull) {
          k = [](const std::vector<Datum>& args, int64_t, ExecContext*) -> Result<Datum> { return args[0]; };
        } else {
          DispatchNumeric(t->id(), [&](auto tag) {
            using T = typename decltype(tag)::type;
            k = [t](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
              return UnaryFixedKernel<T, T>(
                  args[0], n, t, ctx,
                  [](T x, T* out) {
                    if constexpr (std::is_unsigned_v<T>) {
                      *out = x;
                      return true;
                    } else if constexpr (std::is_floating_point_v<T>) {
                      *out = std::fabs(x);
                      return true;
                    } else {
                      if (x == std::numeric_limits<T>::min()) return false;
                      *out = x < 0 ? static_cast<T>(-x) : x;
                      return true;
                    }
                  },
                  [](T) { return Status::ExecutionError("integer overflow in abs"); });
            };
          });
        }
        return ResolvedScalar{{t}, t, k};
      }));
  AddRound(r, "round", "round(x [, digits])", "Rounds x to digits decimal places (half away from zero)",
           RoundMode::kRound, true);
  AddRound(r, "trunc", "trunc(x [, digits])", "Truncates x toward zero to digits decimal places",
           RoundMode::kTrunc, true);
  AddRound(r, "ceil", "ceil(x)", "Smallest integer not less than x", RoundMode::kCeil, false);
  r->AddAlias("ceiling", "ceil");
  AddRound(r, "floor", "floor(x)", "Largest integer not greater than x", RoundMode::kFloor, false);

  AddFloatUnary(r, "sqrt", "Square root", [](double x) { return std::sqrt(x); },
                [](double x) { return !(x < 0); }, "cannot take square root of a negative number");
  AddFloatUnary(r, "cbrt", "Cube root", [](double x) { return std::cbrt(x); });
  AddFloatUnary(r, "exp", "e raised to x", [](double x) { return std::exp(x); });
  AddFloatUnary(r, "ln", "Natural logarithm", [](double x) { return std::log(x); },
                [](double x) { return !(x <= 0); }, "cannot take logarithm of zero or a negative number");
  AddFloatUnary(r, "log10", "Base-10 logarithm", [](double x) { return std::log10(x); },
                [](double x) { return !(x <= 0); }, "cannot take logarithm of zero or a negative number");
  AddFloatUnary(r, "log2", "Base-2 logarithm", [](double x) { return std::log2(x); },
                [](double x) { return !(x <= 0); }, "cannot take logarithm of zero or a negative number");
  AddFloatUnary(r, "sin", "Sine (radians)", [](double x) { return std::sin(x); });
  AddFloatUnary(r, "cos", "Cosine (radians)", [](double x) { return std::cos(x); });
  AddFloatUnary(r, "tan", "Tangent (radians)", [](double x) { return std::tan(x); });
  AddFloatUnary(r, "asin", "Arc sine", [](double x) { return std::asin(x); },
                [](double x) { return !(x < -1 || x > 1); }, "input is out of range");
  AddFloatUnary(r, "acos", "Arc cosine", [](double x) { return std::acos(x); },
                [](double x) { return !(x < -1 || x > 1); }, "input is out of range");
  AddFloatUnary(r, "atan", "Arc tangent", [](double x) { return std::atan(x); });
  AddFloatUnary(r, "degrees", "Radians to degrees", [](double x) { return x * 180.0 / M_PI; });
  AddFloatUnary(r, "radians", "Degrees to radians", [](double x) { return x * M_PI / 180.0; });
  AddFloatUnary(r, "sign", "-1, 0 or 1 by the sign of x",
                [](double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); });
  r->AddAlias("signum", "sign");

  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "log", "log([base,] x)", "log([base,] x) - Logarithm of x to base (default 10)",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckArity("log", types, 1, 2));
        if (types.size() == 1) return FunctionRegistry::Default().ResolveScalar("log10", types);
        return ResolveFloatBinary(
            "log", types, [](double b, double x) { return std::log2(x) / std::log2(b); },
            [](double b, double x) { return b > 0 && x > 0 && b != 1; },
            "cannot take logarithm of zero or a negative number");
      }));
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "power", "power(x, y)", "power(x, y) - x raised to y",
      [](const std::vector<DataTypePtr>& types) {
        return ResolveFloatBinary(
            "power", types, [](double x, double y) { return std::pow(x, y); },
            [](double x, double y) { return !(x == 0 && y < 0) && !(x < 0 && y != std::floor(y)); },
            "invalid argument for power");
      }));
  r->AddAlias("pow", "power");
  // gcd/lcm over BIGINT (smaller integers are widened by the resolution), as in DuckDB; results
  // are non-negative, and a result outside BIGINT is an overflow error.
  for (const bool lcm : {false, true}) {
    const char* name = lcm ? "lcm" : "gcd";
    r->AddScalar(std::make_unique<CallableScalarFunction>(
        name, lcm ? "lcm(x, y)" : "gcd(x, y)",
        lcm ? "lcm(x, y) - Least common multiple of two integers" : "gcd(x, y) - Greatest common divisor of two integers",
        [name, lcm](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
          RETURN_NOT_OK(CheckArity(name, types, 2, 2));
          for (const auto& t : types) {
            const DataTypePtr e = EngineType(t);
            if (e->id() != TypeId::kNull && !arrow::IsInteger(e->id())) return ArgumentTypeError(name, types);
          }
          ScalarKernel k = [name, lcm](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
            return BinaryFixedKernel<int64_t, int64_t, int64_t>(
                args[0], args[1], n, arrow::Int64(), ctx,
                [lcm](int64_t x, int64_t y, int64_t* out) {
                  if (x == INT64_MIN || y == INT64_MIN) return false;
                  uint64_t a = static_cast<uint64_t>(x < 0 ? -x : x);
                  uint64_t b = static_cast<uint64_t>(y < 0 ? -y : y);
                  const uint64_t abs_x = a, abs_y = b;
                  while (b != 0) {
                    const uint64_t rest = a % b;
                    a = b;
                    b = rest;
                  }
                  if (!lcm) {
                    *out = static_cast<int64_t>(a);
                    return true;
                  }
                  if (abs_x == 0 || abs_y == 0) {
                    *out = 0;
                    return true;
                  }
                  int64_t product = 0;
                  if (__builtin_mul_overflow(static_cast<int64_t>(abs_x / a), static_cast<int64_t>(abs_y), &product)) {
                    return false;
                  }
                  *out = product;
                  return true;
                },
                [name](int64_t, int64_t) { return Status::ExecutionError(std::string("Overflow in ") + name); });
          };
          return ResolvedScalar{{arrow::Int64(), arrow::Int64()}, arrow::Int64(), k};
        }));
  }
  r->AddAlias("greatest_common_divisor", "gcd");
  r->AddAlias("least_common_multiple", "lcm");
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "atan2", "atan2(y, x)", "atan2(y, x) - Arc tangent of y/x",
      [](const std::vector<DataTypePtr>& types) {
        return ResolveFloatBinary("atan2", types, [](double y, double x) { return std::atan2(y, x); },
                                  nullptr, "");
      }));
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "pi", "pi()", "pi() - The constant pi",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckArity("pi", types, 0, 0));
        return ResolvedScalar{{}, arrow::Float64(), [](const std::vector<Datum>&, int64_t, ExecContext*) -> Result<Datum> {
                                return Datum(arrow::Scalar::Float64(M_PI));
                              }};
      }));
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "random", "random()", "random() - A uniformly distributed value in [0, 1)",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckArity("random", types, 0, 0));
        ScalarKernel k = [](const std::vector<Datum>&, int64_t n, ExecContext* ctx) -> Result<Datum> {
          thread_local std::mt19937_64 engine{std::random_device{}()};
          std::uniform_real_distribution<double> dist(0.0, 1.0);
          ASSIGN_OR_RAISE(auto values, AllocateValues<double>(n, PoolOf(ctx)));
          double* out = values->mutable_data_as<double>();
          for (int64_t i = 0; i < n; ++i) out[i] = dist(engine);
          return Datum(MakeFixedWidthArray(arrow::Float64(), n, nullptr, std::move(values)));
        };
        return ResolvedScalar{{}, arrow::Float64(), k};
      },
      /*is_volatile=*/true));
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "mod", "mod(a, b)", "mod(a, b) - Remainder of a divided by b",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckArity("mod", types, 2, 2));
        return ResolveArithmetic(ArithmeticOp::kModulo, types[0], types[1]);
      }));
}

}  // namespace ballista::compute
