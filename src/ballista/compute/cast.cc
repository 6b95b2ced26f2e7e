#include "ballista/compute/cast.h"

#include <cmath>
#include <limits>
#include <utility>

#include "ballista/arrow/builder.h"
#include "ballista/arrow/decimal_util.h"
#include "ballista/arrow/temporal_util.h"
#include "ballista/compute/cast_internal.h"
#include "ballista/compute/selection.h"
#include "ballista/compute/temporal_arith.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::ArrayData;
using arrow::DataTypePtr;
using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

namespace {

/// Converts each valid row with fn(i, &out) -> bool; a failing row is NULL when `safe`, else the
/// error error(i). Null rows stay null.
template <typename Out, typename Fn, typename ErrorFn>
Result<std::shared_ptr<ArrayData>> ConvertRows(const ArrayData& in, const DataTypePtr& to,
                                               bool safe, ExecContext* ctx, Fn&& fn,
                                               ErrorFn&& error) {
  const int64_t n = in.length;
  MemoryPool* pool = PoolOf(ctx);
  ASSIGN_OR_RAISE(auto values, AllocateValues<Out>(n, pool));
  Out* out = values->template mutable_data_as<Out>();
  std::shared_ptr<Buffer> validity;
  const uint8_t* in_valid = in.validity();
  auto ensure_validity = [&]() -> Status {
    if (validity) return Status::OK();
    ASSIGN_OR_RAISE(validity, AllocateBitmap(n, pool));
    if (in_valid) {
      arrow::bit_util::CopyBitmap(in_valid, in.offset, n, validity->mutable_data(), 0);
    } else {
      arrow::bit_util::SetBitsTo(validity->mutable_data(), 0, n, true);
    }
    return Status::OK();
  };
  if (in_valid != nullptr && in.GetNullCount() > 0) RETURN_NOT_OK(ensure_validity());
  for (int64_t i = 0; i < n; ++i) {
    if (in_valid && !arrow::bit_util::GetBit(in_valid, in.offset + i)) continue;
    if (!fn(i, out + i)) {
      if (!safe) return error(i);
      RETURN_NOT_OK(ensure_validity());
      arrow::bit_util::ClearBit(validity->mutable_data(), i);
      out[i] = Out{};
    }
  }
  return MakeFixedWidthArray(to, n, std::move(validity), std::move(values));
}

Status OutOfRange(const ArrayData& in, int64_t i, const DataTypePtr& to) {
  return Status::ExecutionError("value " + CastValueToString(in, i) + " is out of range for " +
                                SqlTypeName(to));
}

template <typename To, typename From>
bool ConvertNumber(From v, To* out) {
  if constexpr (std::is_floating_point_v<To>) {
    *out = static_cast<To>(v);
    return true;
  } else if constexpr (std::is_floating_point_v<From>) {
    if (!std::isfinite(v)) return false;
    // Halfway values round to even (-0.5 -> 0, 2.5 -> 2), as PostgreSQL's and DuckDB's casts do.
    const double r = std::nearbyint(static_cast<double>(v));
    constexpr double hi = static_cast<double>(std::numeric_limits<To>::max()) + 1.0;
    constexpr double lo = std::is_signed_v<To> ? -hi : 0.0;
    if (!(r >= lo && r < hi)) return false;
    *out = static_cast<To>(r);
    return true;
  } else {
    if (!std::in_range<To>(v)) return false;
    *out = static_cast<To>(v);
    return true;
  }
}

// Reads the unscaled value of decimal slot i of any width.
struct DecimalReader {
  const uint8_t* values;
  int width;
  explicit DecimalReader(const ArrayData& a)
      : values(a.buffers[1]->data() + a.offset * a.type->byte_width()),
        width(a.type->byte_width()) {}
  __int128 operator[](int64_t i) const { return arrow::decimal::ToInt128(values + i * width, width); }
};

bool FitsPrecision(__int128 v, int32_t precision) {
  const __int128 limit = Pow10(precision);
  return v < limit && v > -limit;
}

__int128 DivRound(__int128 v, int digits) {
  if (digits <= 0) return v;
  const __int128 d = Pow10(digits);
  __int128 q = v / d;
  const __int128 r = v % d;
  if (r * 2 >= d) ++q;
  if (r * 2 <= -d) --q;
  return q;
}

bool Rescale(__int128 v, int32_t from_scale, int32_t to_scale, int32_t precision, __int128* out) {
  if (to_scale >= from_scale) {
    if (to_scale - from_scale > 38 || __builtin_mul_overflow(v, Pow10(to_scale - from_scale), out)) {
      return false;
    }
  } else {
    *out = from_scale - to_scale > 38 ? 0 : DivRound(v, from_scale - to_scale);
  }
  return FitsPrecision(*out, precision);
}

// Numbers, decimals and booleans to a decimal128(p, s).
Result<std::shared_ptr<ArrayData>> CastToDecimal128(const ArrayData& in, const DataTypePtr& to,
                                                    bool safe, ExecContext* ctx) {
  const int32_t p = to->precision();
  const int32_t s = to->scale();
  auto error = [&](int64_t i) { return OutOfRange(in, i, to); };
  const TypeId from = in.type->id();
  if (arrow::IsDecimal(from)) {
    DecimalReader r(in);
    const int32_t fs = in.type->scale();
    return ConvertRows<__int128>(
        in, to, safe, ctx, [&](int64_t i, __int128* out) { return Rescale(r[i], fs, s, p, out); },
        error);
  }
  if (from == TypeId::kBool) {
    return ConvertRows<__int128>(
        in, to, safe, ctx,
        [&](int64_t i, __int128* out) {
          *out = arrow::bit_util::GetBit(in.buffers[1]->data(), in.offset + i) ? Pow10(s) : 0;
          return FitsPrecision(*out, p);
        },
        error);
  }
  Result<std::shared_ptr<ArrayData>> result = Status::TypeError("unsupported cast");
  DispatchNumeric(from, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* v = in.GetValues<T>(1);
    if constexpr (std::is_floating_point_v<T>) {
      const long double scale = static_cast<long double>(std::pow(10.0L, s));
      const long double limit = std::pow(10.0L, p);
      result = ConvertRows<__int128>(
          in, to, safe, ctx,
          [&](int64_t i, __int128* out) {
            const long double x = std::roundl(static_cast<long double>(v[i]) * scale);
            if (!std::isfinite(x) || !(std::fabs(x) < limit)) return false;
            *out = static_cast<__int128>(x);
            return true;
          },
          error);
    } else {
      result = ConvertRows<__int128>(
          in, to, safe, ctx,
          [&](int64_t i, __int128* out) {
            return Rescale(static_cast<__int128>(v[i]), 0, s, p, out);
          },
          error);
    }
  });
  return result;
}

// Decimals to integers (rounded), floats or booleans.
Result<std::shared_ptr<ArrayData>> CastFromDecimal(const ArrayData& in, const DataTypePtr& to,
                                                   bool safe, ExecContext* ctx) {
  DecimalReader r(in);
  const int32_t s = in.type->scale();
  auto error = [&](int64_t i) { return OutOfRange(in, i, to); };
  if (to->id() == TypeId::kBool) {
    ASSIGN_OR_RAISE(auto bytes, ConvertRows<uint8_t>(
                                    in, arrow::UInt8(), safe, ctx,
                                    [&](int64_t i, uint8_t* out) {
                                      *out = r[i] != 0;
                                      return true;
                                    },
                                    error));
    return CastArray(bytes, to, safe, ctx);
  }
  Result<std::shared_ptr<ArrayData>> result =
      Status::TypeError("cannot cast " + SqlTypeName(in.type) + " to " + SqlTypeName(to));
  DispatchNumeric(to->id(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_floating_point_v<T>) {
      const long double div = std::pow(10.0L, s);
      result = ConvertRows<T>(
          in, to, safe, ctx,
          [&](int64_t i, T* out) {
            *out = static_cast<T>(static_cast<long double>(r[i]) / div);
            return true;
          },
          error);
    } else {
      result = ConvertRows<T>(
          in, to, safe, ctx,
          [&](int64_t i, T* out) {
            const __int128 v = DivRound(r[i], s);
            if (v < static_cast<__int128>(std::numeric_limits<T>::min()) ||
                v > static_cast<__int128>(std::numeric_limits<T>::max())) {
              return false;
            }
            *out = static_cast<T>(v);
            return true;
          },
          error);
    }
  });
  return result;
}

// Integers, floats and booleans between each other.
Result<std::shared_ptr<ArrayData>> CastNumeric(const ArrayData& in, const DataTypePtr& to, bool safe,
                                               ExecContext* ctx) {
  auto error = [&](int64_t i) { return OutOfRange(in, i, to); };
  const TypeId from = in.type->id();
  if (to->id() == TypeId::kBool) {
    ASSIGN_OR_RAISE(auto bits, AllocateBitmap(in.length, PoolOf(ctx)));
    DispatchNumeric(from, [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* v = in.GetValues<T>(1);
      for (int64_t i = 0; i < in.length; ++i) {
        if (v[i] != 0) arrow::bit_util::SetBit(bits->mutable_data(), i);
      }
    });
    std::shared_ptr<Buffer> validity;
    if (in.validity() && in.GetNullCount() > 0) {
      ASSIGN_OR_RAISE(validity, AllocateBitmap(in.length, PoolOf(ctx)));
      arrow::bit_util::CopyBitmap(in.validity(), in.offset, in.length, validity->mutable_data(), 0);
    }
    return MakeFixedWidthArray(to, in.length, std::move(validity), std::move(bits));
  }
  Result<std::shared_ptr<ArrayData>> result =
      Status::TypeError("cannot cast " + SqlTypeName(in.type) + " to " + SqlTypeName(to));
  DispatchNumeric(to->id(), [&](auto to_tag) {
    using To = typename decltype(to_tag)::type;
    if (from == TypeId::kBool) {
      const uint8_t* bits = in.buffers[1]->data();
      result = ConvertRows<To>(
          in, to, safe, ctx,
          [&](int64_t i, To* out) {
            *out = static_cast<To>(arrow::bit_util::GetBit(bits, in.offset + i) ? 1 : 0);
            return true;
          },
          error);
      return;
    }
    DispatchNumeric(from, [&](auto from_tag) {
      using From = typename decltype(from_tag)::type;
      const From* v = in.GetValues<From>(1);
      result = ConvertRows<To>(
          in, to, safe, ctx, [&](int64_t i, To* out) { return ConvertNumber<To, From>(v[i], out); },
          error);
    });
  });
  return result;
}

// Reinterprets int64-stored values with a multiplier/divisor (timestamp/duration units, dates).
template <typename From, typename To>
Result<std::shared_ptr<ArrayData>> ScaleTemporal(const ArrayData& in, const DataTypePtr& to,
                                                 bool safe, ExecContext* ctx, int64_t multiply,
                                                 int64_t divide) {
  const From* v = in.GetValues<From>(1);
  return ConvertRows<To>(
      in, to, safe, ctx,
      [&](int64_t i, To* out) {
        int64_t x = static_cast<int64_t>(v[i]);
        if (multiply != 1 && __builtin_mul_overflow(x, multiply, &x)) return false;
        if (divide != 1) x = FloorDiv(x, divide);
        if (!std::in_range<To>(x)) return false;
        *out = static_cast<To>(x);
        return true;
      },
      [&](int64_t i) { return OutOfRange(in, i, to); });
}

Result<std::shared_ptr<ArrayData>> CastTemporal(const ArrayData& in, const DataTypePtr& to, bool safe,
                                                ExecContext* ctx) {
  const TypeId from = in.type->id();
  const TypeId target = to->id();
  auto ups = [](const DataTypePtr& t) { return arrow::temporal::UnitsPerSecond(t->unit()); };
  constexpr int64_t kDay = arrow::temporal::kSecondsPerDay;
  if (from == TypeId::kDate32 && target == TypeId::kTimestamp) {
    return ScaleTemporal<int32_t, int64_t>(in, to, safe, ctx, kDay * ups(to), 1);
  }
  if (from == TypeId::kTimestamp && target == TypeId::kDate32) {
    return ScaleTemporal<int64_t, int32_t>(in, to, safe, ctx, 1, kDay * ups(in.type));
  }
  if (from == TypeId::kDate64 && target == TypeId::kDate32) {
    return ScaleTemporal<int64_t, int32_t>(in, to, safe, ctx, 1, kDay * 1000);
  }
  if (from == TypeId::kDate64 && target == TypeId::kTimestamp) {
    const int64_t u = ups(to);
    return u >= 1000 ? ScaleTemporal<int64_t, int64_t>(in, to, safe, ctx, u / 1000, 1)
                     : ScaleTemporal<int64_t, int64_t>(in, to, safe, ctx, 1, 1000 / u);
  }
  if (from == TypeId::kDate32 && target == TypeId::kDate64) {
    return ScaleTemporal<int32_t, int64_t>(in, to, safe, ctx, kDay * 1000, 1);
  }
  if ((from == TypeId::kTimestamp && target == TypeId::kTimestamp) ||
      (from == TypeId::kDuration && target == TypeId::kDuration)) {
    const int64_t a = ups(in.type);
    const int64_t b = ups(to);
    return b >= a ? ScaleTemporal<int64_t, int64_t>(in, to, safe, ctx, b / a, 1)
                  : ScaleTemporal<int64_t, int64_t>(in, to, safe, ctx, 1, a / b);
  }
  if (from == TypeId::kDuration && target == TypeId::kIntervalMonthDayNano) {
    const int64_t mult = 1000000000 / ups(in.type);
    const int64_t* v = in.GetValues<int64_t>(1);
    return ConvertRows<MonthDayNanoInterval>(
        in, to, safe, ctx,
        [&](int64_t i, MonthDayNanoInterval* out) {
          *out = MonthDayNanoInterval{};
          return !__builtin_mul_overflow(v[i], mult, &out->nanos);
        },
        [&](int64_t i) { return OutOfRange(in, i, to); });
  }
  if (from == TypeId::kIntervalYearMonth && target == TypeId::kIntervalMonthDayNano) {
    const int32_t* v = in.GetValues<int32_t>(1);
    return ConvertRows<MonthDayNanoInterval>(
        in, to, safe, ctx,
        [&](int64_t i, MonthDayNanoInterval* out) {
          *out = MonthDayNanoInterval{v[i], 0, 0};
          return true;
        },
        [&](int64_t i) { return OutOfRange(in, i, to); });
  }
  if (from == TypeId::kIntervalDayTime && target == TypeId::kIntervalMonthDayNano) {
    const auto* v = in.GetValues<arrow::DayTimeInterval>(1);
    return ConvertRows<MonthDayNanoInterval>(
        in, to, safe, ctx,
        [&](int64_t i, MonthDayNanoInterval* out) {
          *out = MonthDayNanoInterval{0, v[i].days, int64_t{v[i].millis} * 1000000};
          return true;
        },
        [&](int64_t i) { return OutOfRange(in, i, to); });
  }
  // Integers to and from dates and timestamps: days or units since the epoch.
  if (arrow::IsInteger(from) && (target == TypeId::kDate32 || target == TypeId::kTimestamp ||
                                 target == TypeId::kDuration)) {
    const DataTypePtr storage = target == TypeId::kDate32 ? arrow::Int32() : arrow::Int64();
    ASSIGN_OR_RAISE(auto ints, CastArray(std::make_shared<ArrayData>(in), storage, safe, ctx));
    auto out = std::make_shared<ArrayData>(*ints);
    out->type = to;
    return out;
  }
  if ((from == TypeId::kDate32 || from == TypeId::kTimestamp || from == TypeId::kDuration) &&
      arrow::IsInteger(target)) {
    auto raw = std::make_shared<ArrayData>(in);
    raw->type = from == TypeId::kDate32 ? arrow::Int32() : arrow::Int64();
    return CastArray(raw, to, safe, ctx);
  }
  return Status::TypeError("cannot cast " + SqlTypeName(in.type) + " to " + SqlTypeName(to));
}

// Decimal128 values re-stored in another decimal width (Decimal32/64/256 targets).
Result<std::shared_ptr<ArrayData>> StoreDecimal(const ArrayData& d128, const DataTypePtr& to,
                                                ExecContext* ctx) {
  arrow::DecimalBuilder builder(to, PoolOf(ctx));
  DecimalReader r(d128);
  for (int64_t i = 0; i < d128.length; ++i) {
    RETURN_NOT_OK(d128.IsValid(i) ? builder.Append128(r[i]) : builder.AppendNull());
  }
  return builder.Finish();
}

}  // namespace

Result<std::shared_ptr<ArrayData>> CastArray(const std::shared_ptr<ArrayData>& value,
                                             const DataTypePtr& to, bool safe, ExecContext* ctx) {
  const ArrayData& in = *value;
  const TypeId from = in.type->id();
  const TypeId target = to->id();
  if (in.type->Equals(*to)) return value;
  if (from == TypeId::kNull) {
    return arrow::MakeArrayFromScalar(arrow::Scalar::Null(to), in.length, PoolOf(ctx));
  }
  if (from == TypeId::kDictionary) {
    auto indices = std::make_shared<ArrayData>(in);
    indices->type = in.type->index_type();
    indices->dictionary.reset();
    ASSIGN_OR_RAISE(auto decoded, Take(*in.dictionary, *indices, ctx));
    return CastArray(decoded, to, safe, ctx);
  }
  if (arrow::IsStringLike(target) || (arrow::IsBinaryLike(target) && !arrow::IsNumeric(from))) {
    return CastToString(value, to, ctx);
  }
  if (arrow::IsStringLike(from) || arrow::IsBinaryLike(from)) {
    return CastFromString(value, to, safe, ctx);
  }
  if (arrow::IsDecimal(target)) {
    if (target != TypeId::kDecimal128) {
      ASSIGN_OR_RAISE(auto d128, CastArray(value, arrow::Decimal128(std::min(to->precision(), 38),
                                                                    to->scale()),
                                           safe, ctx));
      return StoreDecimal(*d128, to, ctx);
    }
    if (arrow::IsNumeric(from) || from == TypeId::kBool) return CastToDecimal128(in, to, safe, ctx);
  }
  if (arrow::IsDecimal(from) && (arrow::IsNumeric(target) || target == TypeId::kBool)) {
    return CastFromDecimal(in, to, safe, ctx);
  }
  if (from == TypeId::kFloat16) {
    const uint16_t* bits = in.GetValues<uint16_t>(1);
    ASSIGN_OR_RAISE(auto floats, ConvertRows<float>(
                                     in, arrow::Float32(), safe, ctx,
                                     [&](int64_t i, float* out) {
                                       *out = arrow::Float16ToFloat(bits[i]);
                                       return true;
                                     },
                                     [](int64_t) { return Status::OK(); }));
    return CastArray(floats, to, safe, ctx);
  }
  const bool from_num = arrow::IsNumeric(from) || from == TypeId::kBool;
  const bool to_num = arrow::IsNumeric(target) || target == TypeId::kBool;
  if (from_num && to_num && target != TypeId::kFloat16) return CastNumeric(in, to, safe, ctx);
  return CastTemporal(in, to, safe, ctx);
}

Result<arrow::Scalar> CastScalar(const arrow::Scalar& value, const DataTypePtr& to, bool safe) {
  if (value.type()->Equals(*to)) return value;
  if (value.is_null()) return arrow::Scalar::Null(to);
  ASSIGN_OR_RAISE(auto array, arrow::MakeArrayFromScalar(value, 1));
  ASSIGN_OR_RAISE(auto cast, CastArray(array, to, safe, nullptr));
  return arrow::ScalarFromArray(*cast, 0);
}

Result<Datum> Cast(const Datum& value, const DataTypePtr& to, bool safe, ExecContext* ctx) {
  if (value.type()->Equals(*to)) return value;
  if (value.is_scalar()) {
    ASSIGN_OR_RAISE(auto s, CastScalar(value.scalar(), to, safe));
    return Datum(std::move(s));
  }
  ASSIGN_OR_RAISE(auto a, CastArray(value.array(), to, safe, ctx));
  return Datum(std::move(a));
}

}  // namespace ballista::compute
