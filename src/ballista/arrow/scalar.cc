// Scalar construction, checking, extraction from arrays, equality, hashing and display. Array
// building lives in scalar_array.cc.

#include "ballista/arrow/scalar.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/pretty_print.h"
#include "ballista/arrow/scalar_internal.h"

namespace ballista::arrow {

namespace scalar_internal {

float HalfToFloat(uint16_t bits) {
  int exponent = (bits >> 10) & 0x1f;
  int mantissa = bits & 0x3ff;
  float magnitude;
  if (exponent == 0) {
    magnitude = std::ldexp(static_cast<float>(mantissa), -24);  // subnormal
  } else if (exponent == 0x1f) {
    magnitude = mantissa == 0 ? std::numeric_limits<float>::infinity()
                              : std::numeric_limits<float>::quiet_NaN();
  } else {
    magnitude = std::ldexp(static_cast<float>(mantissa | 0x400), exponent - 25);
  }
  return (bits & 0x8000) != 0 ? -magnitude : magnitude;
}

uint16_t FloatToHalf(float value) {
  uint32_t f;
  std::memcpy(&f, &value, sizeof(f));
  auto sign = static_cast<uint16_t>((f >> 16) & 0x8000);
  f &= 0x7fffffffu;
  if (f >= 0x7f800000u) {  // infinity or NaN (keep NaN quiet)
    return static_cast<uint16_t>(sign | 0x7c00 | (f > 0x7f800000u ? 0x200 : 0));
  }
  if (f >= 0x477ff000u) return static_cast<uint16_t>(sign | 0x7c00);  // >= 65520 rounds to inf
  if (f < 0x38800000u) {
    // Below the smallest normal half (2^-14): a subnormal, in units of 2^-24. Scaling by a power
    // of two is exact, and nearbyint rounds ties to even in the default rounding mode.
    float magnitude;
    std::memcpy(&magnitude, &f, sizeof(f));
    return static_cast<uint16_t>(sign |
                                 static_cast<uint16_t>(std::nearbyint(magnitude * 16777216.0f)));
  }
  uint32_t rebased = f - ((127u - 15u) << 23);
  uint32_t half = rebased >> 13;
  uint32_t rest = rebased & 0x1fffu;
  if (rest > 0x1000u || (rest == 0x1000u && (half & 1u) != 0)) ++half;  // may carry into exponent
  return static_cast<uint16_t>(sign | half);
}

}  // namespace scalar_internal

namespace {

using scalar_internal::FloatToHalf;
using scalar_internal::HalfToFloat;

template <typename T>
T Load(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));  // buffers of foreign origin may be unaligned
  return v;
}

std::string_view KindName(const Scalar::Value& value) {
  static constexpr std::string_view kNames[] = {"null",     "bool",   "int64",      "uint64",
                                                "double",   "int128", "decimal256", "string",
                                                "interval", "array"};
  return kNames[value.index()];
}

std::optional<__int128> AsInteger(const Scalar::Value& value) {
  if (const auto* v = std::get_if<int64_t>(&value)) return *v;
  if (const auto* v = std::get_if<uint64_t>(&value)) return *v;
  if (const auto* v = std::get_if<__int128>(&value)) return *v;
  return std::nullopt;
}

std::string Int128ToString(__int128 v) {
  bool negative = v < 0;
  auto magnitude =
      negative ? static_cast<unsigned __int128>(-(v + 1)) + 1 : static_cast<unsigned __int128>(v);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  return negative ? "-" + digits : digits;
}

/// Inclusive range of the integer types (and the int-backed temporal types).
bool IntegerRange(TypeId id, __int128* lo, __int128* hi) {
  switch (id) {
    case TypeId::kInt8:
      *lo = INT8_MIN;
      *hi = INT8_MAX;
      return true;
    case TypeId::kInt16:
      *lo = INT16_MIN;
      *hi = INT16_MAX;
      return true;
    case TypeId::kInt32:
    case TypeId::kDate32:
    case TypeId::kTime32:
      *lo = INT32_MIN;
      *hi = INT32_MAX;
      return true;
    case TypeId::kInt64:
    case TypeId::kDate64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration:
      *lo = INT64_MIN;
      *hi = INT64_MAX;
      return true;
    case TypeId::kUInt8:
      *lo = 0;
      *hi = UINT8_MAX;
      return true;
    case TypeId::kUInt16:
      *lo = 0;
      *hi = UINT16_MAX;
      return true;
    case TypeId::kUInt32:
      *lo = 0;
      *hi = UINT32_MAX;
      return true;
    case TypeId::kUInt64:
      *lo = 0;
      *hi = UINT64_MAX;
      return true;
    default: return false;
  }
}

__int128 Pow10(int32_t n) {
  __int128 p = 1;
  for (int32_t i = 0; i < n; ++i) p *= 10;
  return p;
}

Result<Scalar> CheckNestedValue(const DataTypePtr& type, const std::shared_ptr<ArrayData>& array) {
  const DataType& t = *type;
  if (array == nullptr || array->type == nullptr) {
    return Status::TypeError("a " + t.ToString() +
                             " scalar needs an array value, got a null pointer");
  }
  const DataTypePtr& expected = t.id() == TypeId::kStruct ? type : t.field(0)->type();
  if (!array->type->Equals(*expected)) {
    return Status::TypeError("a " + t.ToString() + " scalar needs values of type " +
                             expected->ToString() + ", got " + array->type->ToString());
  }
  if (t.id() == TypeId::kFixedSizeList && array->length != t.fixed_size()) {
    return Status::TypeError("a " + t.ToString() + " scalar needs exactly " +
                             std::to_string(t.fixed_size()) + " values, got " +
                             std::to_string(array->length));
  }
  if (t.id() == TypeId::kStruct && (array->length != 1 || array->IsNull(0))) {
    return Status::TypeError("a struct scalar needs a one-row struct array with a valid row, got " +
                             std::to_string(array->length) + " rows");
  }
  return Scalar(type, array, true);
}

}  // namespace

Decimal256Value Decimal256Value::FromInt128(__int128 v) {
  Decimal256Value out;
  std::memcpy(out.bytes.data(), &v, sizeof(v));
  std::memset(out.bytes.data() + 16, v < 0 ? 0xff : 0, 16);
  return out;
}

Scalar::Scalar() : type_(arrow::Null()) {}

Scalar Scalar::Null(DataTypePtr type) {
  // Built from the default (monostate) value: moving a temporary monostate variant in trips a
  // false maybe-uninitialized warning in GCC 12 under the sanitizers.
  Scalar null;
  null.type_ = std::move(type);
  return null;
}
Scalar Scalar::Boolean(bool v) { return Scalar(arrow::Boolean(), v, true); }
Scalar Scalar::Int8(int8_t v) { return Scalar(arrow::Int8(), int64_t{v}, true); }
Scalar Scalar::Int16(int16_t v) { return Scalar(arrow::Int16(), int64_t{v}, true); }
Scalar Scalar::Int32(int32_t v) { return Scalar(arrow::Int32(), int64_t{v}, true); }
Scalar Scalar::Int64(int64_t v) { return Scalar(arrow::Int64(), v, true); }
Scalar Scalar::UInt8(uint8_t v) { return Scalar(arrow::UInt8(), uint64_t{v}, true); }
Scalar Scalar::UInt16(uint16_t v) { return Scalar(arrow::UInt16(), uint64_t{v}, true); }
Scalar Scalar::UInt32(uint32_t v) { return Scalar(arrow::UInt32(), uint64_t{v}, true); }
Scalar Scalar::UInt64(uint64_t v) { return Scalar(arrow::UInt64(), v, true); }
Scalar Scalar::Float32(float v) { return Scalar(arrow::Float32(), static_cast<double>(v), true); }
Scalar Scalar::Float64(double v) { return Scalar(arrow::Float64(), v, true); }
Scalar Scalar::Utf8(std::string v) { return Scalar(arrow::Utf8(), std::move(v), true); }
Scalar Scalar::Binary(std::string v) { return Scalar(arrow::Binary(), std::move(v), true); }
Scalar Scalar::Date32(int32_t days) { return Scalar(arrow::Date32(), int64_t{days}, true); }
Scalar Scalar::Timestamp(int64_t v, TimeUnit unit, std::string timezone) {
  return Scalar(arrow::Timestamp(unit, std::move(timezone)), v, true);
}
Result<Scalar> Scalar::Decimal128(__int128 unscaled, int32_t precision, int32_t scale) {
  ASSIGN_OR_RAISE(DataTypePtr type, MakeDecimal(TypeId::kDecimal128, precision, scale));
  return MakeScalar(std::move(type), Value(unscaled));
}

Result<Scalar> MakeScalar(DataTypePtr type, Scalar::Value value) {
  if (type == nullptr) return Status::InvalidArgument("MakeScalar: type is null");
  if (std::holds_alternative<std::monostate>(value)) return Scalar::Null(std::move(type));
  const TypeId id = type->id();
  auto mismatch = [&]() {
    return Status::TypeError("cannot make a " + type->ToString() + " scalar from a " +
                             std::string(KindName(value)) + " value");
  };
  __int128 lo = 0;
  __int128 hi = 0;
  if (IntegerRange(id, &lo, &hi)) {
    std::optional<__int128> v = AsInteger(value);
    if (!v) return mismatch();
    if (*v < lo || *v > hi) {
      return Status::InvalidArgument("value " + Int128ToString(*v) + " is out of range for " +
                                     type->ToString());
    }
    if (IsUnsignedInteger(id)) return Scalar(std::move(type), static_cast<uint64_t>(*v), true);
    return Scalar(std::move(type), static_cast<int64_t>(*v), true);
  }
  switch (id) {
    case TypeId::kNull: return Status::TypeError("a scalar of the null type is always null");
    case TypeId::kBool:
      if (!std::holds_alternative<bool>(value)) return mismatch();
      return Scalar(std::move(type), std::move(value), true);
    case TypeId::kFloat16:
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      double d;
      if (const auto* v = std::get_if<double>(&value)) {
        d = *v;
      } else if (auto i = AsInteger(value)) {
        d = static_cast<double>(*i);
      } else {
        return mismatch();
      }
      // Round now so that a scalar equals the value it becomes once stored in an array.
      if (id == TypeId::kFloat32) d = static_cast<float>(d);
      if (id == TypeId::kFloat16) d = HalfToFloat(FloatToHalf(static_cast<float>(d)));
      return Scalar(std::move(type), d, true);
    }
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256: {
      if (id == TypeId::kDecimal256 && std::holds_alternative<Decimal256Value>(value)) {
        return Scalar(std::move(type), std::move(value), true);
      }
      std::optional<__int128> v = AsInteger(value);
      if (!v) return mismatch();
      if (type->precision() <= 38) {
        __int128 limit = Pow10(type->precision());
        if (*v >= limit || *v <= -limit) {
          return Status::InvalidArgument("unscaled value " + Int128ToString(*v) + " does not fit " +
                                         type->ToString());
        }
      }
      if (id == TypeId::kDecimal256)
        return Scalar(std::move(type), Decimal256Value::FromInt128(*v), true);
      return Scalar(std::move(type), *v, true);
    }
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kUtf8View:
    case TypeId::kBinary:
    case TypeId::kLargeBinary:
    case TypeId::kBinaryView:
    case TypeId::kFixedSizeBinary: {
      const auto* s = std::get_if<std::string>(&value);
      if (s == nullptr) return mismatch();
      if (id == TypeId::kFixedSizeBinary && s->size() != static_cast<size_t>(type->fixed_size())) {
        return Status::InvalidArgument(type->ToString() + " scalar needs " +
                                       std::to_string(type->fixed_size()) + " bytes, got " +
                                       std::to_string(s->size()));
      }
      return Scalar(std::move(type), std::move(value), true);
    }
    case TypeId::kIntervalYearMonth:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalMonthDayNano: {
      const auto* v = std::get_if<IntervalValue>(&value);
      if (v == nullptr) return mismatch();
      bool unused_zero = id == TypeId::kIntervalYearMonth
                             ? v->days == 0 && v->millis == 0 && v->nanos == 0
                         : id == TypeId::kIntervalDayTime ? v->months == 0 && v->nanos == 0
                                                          : v->millis == 0;
      if (!unused_zero) {
        return Status::InvalidArgument(type->ToString() +
                                       " scalar sets interval parts its type does not have");
      }
      return Scalar(std::move(type), std::move(value), true);
    }
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kFixedSizeList:
    case TypeId::kMap:
    case TypeId::kStruct: {
      const auto* v = std::get_if<std::shared_ptr<ArrayData>>(&value);
      if (v == nullptr) return mismatch();
      return CheckNestedValue(type, *v);
    }
    case TypeId::kDictionary: {
      if (const auto* v = std::get_if<std::shared_ptr<ArrayData>>(&value)) {
        if (*v == nullptr || (*v)->length != 1 || !(*v)->type->Equals(*type->value_type())) {
          return Status::TypeError("a " + type->ToString() + " scalar needs a one-element " +
                                   type->value_type()->ToString() + " array");
        }
        if ((*v)->IsNull(0)) return Scalar::Null(std::move(type));
        return Scalar(std::move(type), std::move(value), true);
      }
      ASSIGN_OR_RAISE(Scalar decoded, MakeScalar(type->value_type(), std::move(value)));
      ASSIGN_OR_RAISE(auto one, MakeArrayFromScalar(decoded, 1));
      return Scalar(std::move(type), std::move(one), true);
    }
    default: break;
  }
  return mismatch();
}

Result<Scalar> ScalarFromArray(const ArrayData& data, int64_t i) {
  if (data.type == nullptr) return Status::InvalidArgument("ScalarFromArray: array has no type");
  if (i < 0 || i >= data.length) {
    return Status::InvalidArgument("ScalarFromArray: index " + std::to_string(i) +
                                   " is out of bounds for a " + data.type->ToString() +
                                   " array of length " + std::to_string(data.length));
  }
  const DataTypePtr& type = data.type;
  if (data.IsNull(i)) return Scalar::Null(type);
  const int64_t j = data.offset + i;
  const TypeId id = type->id();
  auto values = [&data]() { return data.buffers[1]->data(); };
  switch (id) {
    case TypeId::kBool: return Scalar(type, bit_util::GetBit(values(), j), true);
    case TypeId::kInt8: return Scalar(type, int64_t{Load<int8_t>(values() + j)}, true);
    case TypeId::kInt16: return Scalar(type, int64_t{Load<int16_t>(values() + 2 * j)}, true);
    case TypeId::kInt32:
    case TypeId::kDate32:
    case TypeId::kTime32: return Scalar(type, int64_t{Load<int32_t>(values() + 4 * j)}, true);
    case TypeId::kInt64:
    case TypeId::kDate64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: return Scalar(type, Load<int64_t>(values() + 8 * j), true);
    case TypeId::kUInt8: return Scalar(type, uint64_t{Load<uint8_t>(values() + j)}, true);
    case TypeId::kUInt16: return Scalar(type, uint64_t{Load<uint16_t>(values() + 2 * j)}, true);
    case TypeId::kUInt32: return Scalar(type, uint64_t{Load<uint32_t>(values() + 4 * j)}, true);
    case TypeId::kUInt64: return Scalar(type, Load<uint64_t>(values() + 8 * j), true);
    case TypeId::kFloat16:
      return Scalar(type, static_cast<double>(HalfToFloat(Load<uint16_t>(values() + 2 * j))), true);
    case TypeId::kFloat32:
      return Scalar(type, static_cast<double>(Load<float>(values() + 4 * j)), true);
    case TypeId::kFloat64: return Scalar(type, Load<double>(values() + 8 * j), true);
    case TypeId::kDecimal32: return Scalar(type, __int128{Load<int32_t>(values() + 4 * j)}, true);
    case TypeId::kDecimal64: return Scalar(type, __int128{Load<int64_t>(values() + 8 * j)}, true);
    case TypeId::kDecimal128: return Scalar(type, Load<__int128>(values() + 16 * j), true);
    case TypeId::kDecimal256: {
      Decimal256Value v;
      std::memcpy(v.bytes.data(), values() + 32 * j, 32);
      return Scalar(type, v, true);
    }
    case TypeId::kIntervalYearMonth: {
      IntervalValue v;
      v.months = Load<int32_t>(values() + 4 * j);
      return Scalar(type, v, true);
    }
    case TypeId::kIntervalDayTime: {
      IntervalValue v;
      v.days = Load<int32_t>(values() + 8 * j);
      v.millis = Load<int32_t>(values() + 8 * j + 4);
      return Scalar(type, v, true);
    }
    case TypeId::kIntervalMonthDayNano: {
      IntervalValue v;
      v.months = Load<int32_t>(values() + 16 * j);
      v.days = Load<int32_t>(values() + 16 * j + 4);
      v.nanos = Load<int64_t>(values() + 16 * j + 8);
      return Scalar(type, v, true);
    }
    case TypeId::kFixedSizeBinary: {
      int64_t width = type->fixed_size();
      return Scalar(type,
                    std::string(reinterpret_cast<const char*>(values()) + width * j,
                                static_cast<size_t>(width)),
                    true);
    }
    case TypeId::kUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: {
      bool large = id == TypeId::kLargeUtf8 || id == TypeId::kLargeBinary;
      int64_t start = large ? Load<int64_t>(values() + 8 * j) : Load<int32_t>(values() + 4 * j);
      int64_t end =
          large ? Load<int64_t>(values() + 8 * (j + 1)) : Load<int32_t>(values() + 4 * (j + 1));
      const char* chars = reinterpret_cast<const char*>(data.buffers[2]->data());
      return Scalar(type, std::string(chars + start, static_cast<size_t>(end - start)), true);
    }
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      const uint8_t* view = values() + 16 * j;
      auto length = Load<int32_t>(view);
      if (length <= 12) {
        return Scalar(
            type, std::string(reinterpret_cast<const char*>(view + 4), static_cast<size_t>(length)),
            true);
      }
      auto buffer_index = Load<int32_t>(view + 8);
      auto offset = Load<int32_t>(view + 12);
      size_t n_variadic = data.buffers.size() - 2;
      if (buffer_index < 0 || static_cast<size_t>(buffer_index) >= n_variadic) {
        return Status::InvalidData("ScalarFromArray: view " + std::to_string(i) +
                                   " refers to data buffer " + std::to_string(buffer_index) +
                                   " of " + std::to_string(n_variadic));
      }
      const auto& buffer = data.buffers[2 + static_cast<size_t>(buffer_index)];
      if (offset < 0 || static_cast<int64_t>(offset) + length > buffer->size()) {
        return Status::InvalidData("ScalarFromArray: view " + std::to_string(i) +
                                   " reaches past its data buffer");
      }
      return Scalar(type,
                    std::string(reinterpret_cast<const char*>(buffer->data()) + offset,
                                static_cast<size_t>(length)),
                    true);
    }
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kLargeList: {
      bool large = id == TypeId::kLargeList;
      int64_t start = large ? Load<int64_t>(values() + 8 * j) : Load<int32_t>(values() + 4 * j);
      int64_t end =
          large ? Load<int64_t>(values() + 8 * (j + 1)) : Load<int32_t>(values() + 4 * (j + 1));
      return Scalar(type, data.child_data[0]->Slice(start, end - start), true);
    }
    case TypeId::kFixedSizeList: {
      int64_t size = type->fixed_size();
      return Scalar(type, data.child_data[0]->Slice(j * size, size), true);
    }
    case TypeId::kStruct: return Scalar(type, data.Slice(i, 1), true);
    case TypeId::kDictionary: {
      const uint8_t* p = values();
      int64_t index;
      switch (type->index_type()->id()) {
        case TypeId::kInt8: index = Load<int8_t>(p + j); break;
        case TypeId::kUInt8: index = Load<uint8_t>(p + j); break;
        case TypeId::kInt16: index = Load<int16_t>(p + 2 * j); break;
        case TypeId::kUInt16: index = Load<uint16_t>(p + 2 * j); break;
        case TypeId::kInt32: index = Load<int32_t>(p + 4 * j); break;
        case TypeId::kUInt32: index = Load<uint32_t>(p + 4 * j); break;
        default: index = Load<int64_t>(p + 8 * j); break;  // int64 and uint64 (read as signed)
      }
      if (data.dictionary == nullptr || index < 0 || index >= data.dictionary->length) {
        return Status::InvalidData("ScalarFromArray: dictionary index " + std::to_string(index) +
                                   " at slot " + std::to_string(i) + " is outside the dictionary");
      }
      if (data.dictionary->IsNull(index)) return Scalar::Null(type);
      return Scalar(type, data.dictionary->Slice(index, 1), true);
    }
    case TypeId::kNull: break;
  }
  return Scalar::Null(type);
}

namespace {

/// Element-by-element equality of two arrays of equal type, through scalars.
bool ArrayValuesEqual(const ArrayData& a, const ArrayData& b) {
  if (a.length != b.length) return false;
  for (int64_t i = 0; i < a.length; ++i) {
    auto x = ScalarFromArray(a, i);
    auto y = ScalarFromArray(b, i);
    if (!x.ok() || !y.ok() || !x->Equals(*y)) return false;
  }
  return true;
}

size_t Combine(size_t seed, size_t h) {
  return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

/// Field `k` of the one-row struct array `row` (children are addressed through its offset). A
/// struct value must be taken apart this way: reading row 0 of `row` would give `row` again.
Result<Scalar> StructField(const ArrayData& row, size_t k) {
  return ScalarFromArray(*row.child_data[k], row.offset);
}

}  // namespace

bool Scalar::Equals(const Scalar& other) const {
  if (is_valid_ != other.is_valid_ || !type_->Equals(*other.type_)) return false;
  if (!is_valid_) return true;
  if (value_.index() != other.value_.index()) return false;
  if (const auto* a = std::get_if<double>(&value_)) {
    double b = std::get<double>(other.value_);
    return *a == b || (std::isnan(*a) && std::isnan(b));
  }
  if (const auto* a = std::get_if<std::shared_ptr<ArrayData>>(&value_)) {
    const auto& b = std::get<std::shared_ptr<ArrayData>>(other.value_);
    if (*a == b) return true;
    if (type_->id() != TypeId::kStruct) return ArrayValuesEqual(**a, *b);
    for (size_t k = 0; k < (*a)->child_data.size(); ++k) {
      auto x = StructField(**a, k);
      auto y = StructField(*b, k);
      if (!x.ok() || !y.ok() || !x->Equals(*y)) return false;
    }
    return true;
  }
  return value_ == other.value_;
}

size_t Scalar::Hash() const {
  size_t h = std::hash<int>()(static_cast<int>(type_->id()));
  if (!is_valid_) return Combine(h, 0x6e756c6cU);
  struct Visitor {
    bool is_struct;
    size_t operator()(std::monostate) const { return 0; }
    size_t operator()(bool v) const { return std::hash<bool>()(v); }
    size_t operator()(int64_t v) const { return std::hash<int64_t>()(v); }
    size_t operator()(uint64_t v) const { return std::hash<uint64_t>()(v); }
    size_t operator()(double v) const {
      if (std::isnan(v)) return 0x7ff8;                // every NaN is equal, so all hash alike
      return std::hash<double>()(v == 0.0 ? 0.0 : v);  // and so are 0.0 and -0.0
    }
    size_t operator()(__int128 v) const {
      return Combine(
          std::hash<uint64_t>()(static_cast<uint64_t>(v)),
          std::hash<uint64_t>()(static_cast<uint64_t>(static_cast<unsigned __int128>(v) >> 64)));
    }
    size_t operator()(const Decimal256Value& v) const {
      return std::hash<std::string_view>()(
          std::string_view(reinterpret_cast<const char*>(v.bytes.data()), v.bytes.size()));
    }
    size_t operator()(const std::string& v) const { return std::hash<std::string>()(v); }
    size_t operator()(const IntervalValue& v) const {
      size_t h = std::hash<int32_t>()(v.months);
      h = Combine(h, std::hash<int32_t>()(v.days));
      h = Combine(h, std::hash<int32_t>()(v.millis));
      return Combine(h, std::hash<int64_t>()(v.nanos));
    }
    size_t operator()(const std::shared_ptr<ArrayData>& v) const {
      size_t h = std::hash<int64_t>()(v->length);
      if (is_struct) {
        for (size_t k = 0; k < v->child_data.size(); ++k) {
          auto field = StructField(*v, k);
          h = Combine(h, field.ok() ? field->Hash() : 0);
        }
        return h;
      }
      for (int64_t i = 0; i < v->length; ++i) {
        auto element = ScalarFromArray(*v, i);
        h = Combine(h, element.ok() ? element->Hash() : 0);
      }
      return h;
    }
  };
  return Combine(h, std::visit(Visitor{type_->id() == TypeId::kStruct}, value_));
}

std::string Scalar::ToString() const {
  if (!is_valid_) return "NULL";
  // One formatter for scalars and table cells, so that a literal prints exactly like the same
  // value in a result. (FormatValue works on arrays and must not call back into Scalar.)
  auto one = MakeArrayFromScalar(*this, 1);
  if (!one.ok()) return "<" + one.status().ToString() + ">";
  return FormatValue(**one, 0, "NULL");
}

}  // namespace ballista::arrow
