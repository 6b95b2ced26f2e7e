#pragma once

// Compile-time facts about physical layouts (the C type of a value, the offset width) shared by
// arrays, builders and kernels, so that each is written once as a template over the TypeId.

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>

#include "ballista/arrow/type.h"

namespace ballista::arrow {

/// One IntervalDayTime value: two little-endian int32 (days, then milliseconds), 8 bytes.
struct DayTimeInterval {
  int32_t days = 0;
  int32_t millis = 0;
  bool operator==(const DayTimeInterval&) const = default;
};
static_assert(sizeof(DayTimeInterval) == 8);

/// One IntervalMonthDayNano value: int32 months, int32 days, int64 nanoseconds, 16 bytes.
struct MonthDayNanoInterval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t nanos = 0;
  bool operator==(const MonthDayNanoInterval&) const = default;
};
static_assert(sizeof(MonthDayNanoInterval) == 16);

/// One 16-byte view of the Utf8View/BinaryView layout. A value of at most kInlineSize bytes is
/// stored in the view itself (zero padded); a longer one keeps its first 4 bytes as a prefix (for
/// fast comparisons) plus the index of the variadic data buffer and the offset inside it.
struct BinaryViewValue {
  static constexpr int32_t kInlineSize = 12;
  static constexpr int32_t kPrefixSize = 4;

  int32_t size = 0;
  uint8_t rest[12] = {};

  bool is_inline() const { return size <= kInlineSize; }
  const uint8_t* inline_data() const { return rest; }
  int32_t buffer_index() const {
    int32_t v;
    std::memcpy(&v, rest + 4, sizeof(v));
    return v;
  }
  int32_t buffer_offset() const {
    int32_t v;
    std::memcpy(&v, rest + 8, sizeof(v));
    return v;
  }

  /// A view holding `value` inline; `value` must be at most kInlineSize bytes.
  static BinaryViewValue Inline(std::string_view value) {
    BinaryViewValue view;
    view.size = static_cast<int32_t>(value.size());
    if (!value.empty()) std::memcpy(view.rest, value.data(), value.size());
    return view;
  }
  /// A view referring to `value` stored at `offset` of variadic buffer `buffer_index`.
  static BinaryViewValue Reference(std::string_view value, int32_t buffer_index, int32_t offset) {
    BinaryViewValue view;
    view.size = static_cast<int32_t>(value.size());
    std::memcpy(view.rest, value.data(), kPrefixSize);
    std::memcpy(view.rest + 4, &buffer_index, sizeof(buffer_index));
    std::memcpy(view.rest + 8, &offset, sizeof(offset));
    return view;
  }
};
static_assert(sizeof(BinaryViewValue) == 16);

/// C type of one value of a type stored in a single fixed-width values buffer (everything but
/// Bool, decimals and FixedSizeBinary, whose widths are not a C type or not a byte).
template <TypeId kId>
struct PrimitiveCType;

#define BALLISTA_PRIMITIVE_CTYPE(ID, CTYPE) \
  template <>                               \
  struct PrimitiveCType<TypeId::ID> {       \
    using type = CTYPE;                     \
  };
BALLISTA_PRIMITIVE_CTYPE(kInt8, int8_t)
BALLISTA_PRIMITIVE_CTYPE(kInt16, int16_t)
BALLISTA_PRIMITIVE_CTYPE(kInt32, int32_t)
BALLISTA_PRIMITIVE_CTYPE(kInt64, int64_t)
BALLISTA_PRIMITIVE_CTYPE(kUInt8, uint8_t)
BALLISTA_PRIMITIVE_CTYPE(kUInt16, uint16_t)
BALLISTA_PRIMITIVE_CTYPE(kUInt32, uint32_t)
BALLISTA_PRIMITIVE_CTYPE(kUInt64, uint64_t)
BALLISTA_PRIMITIVE_CTYPE(kFloat16, uint16_t)  // IEEE half bits; see Float16ToFloat
BALLISTA_PRIMITIVE_CTYPE(kFloat32, float)
BALLISTA_PRIMITIVE_CTYPE(kFloat64, double)
BALLISTA_PRIMITIVE_CTYPE(kDate32, int32_t)  // days since 1970-01-01
BALLISTA_PRIMITIVE_CTYPE(kDate64, int64_t)  // milliseconds since 1970-01-01
BALLISTA_PRIMITIVE_CTYPE(kTime32, int32_t)  // seconds or milliseconds since midnight
BALLISTA_PRIMITIVE_CTYPE(kTime64, int64_t)  // microseconds or nanoseconds since midnight
BALLISTA_PRIMITIVE_CTYPE(kTimestamp, int64_t)
BALLISTA_PRIMITIVE_CTYPE(kDuration, int64_t)
BALLISTA_PRIMITIVE_CTYPE(kIntervalYearMonth, int32_t)  // months
BALLISTA_PRIMITIVE_CTYPE(kIntervalDayTime, DayTimeInterval)
BALLISTA_PRIMITIVE_CTYPE(kIntervalMonthDayNano, MonthDayNanoInterval)
#undef BALLISTA_PRIMITIVE_CTYPE

template <TypeId kId>
using PrimitiveCTypeT = typename PrimitiveCType<kId>::type;

/// Offset C type of the offset-based layouts (strings, binaries, lists, maps).
template <TypeId kId>
struct OffsetCType {
  using type = int32_t;
};
template <>
struct OffsetCType<TypeId::kLargeUtf8> {
  using type = int64_t;
};
template <>
struct OffsetCType<TypeId::kLargeBinary> {
  using type = int64_t;
};
template <>
struct OffsetCType<TypeId::kLargeList> {
  using type = int64_t;
};
template <TypeId kId>
using OffsetCTypeT = typename OffsetCType<kId>::type;

/// True for the type ids whose DataType has no parameters (one shared instance per id).
constexpr bool IsParameterFree(TypeId id) {
  switch (id) {
    case TypeId::kNull:
    case TypeId::kBool:
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
    case TypeId::kFloat16:
    case TypeId::kFloat32:
    case TypeId::kFloat64:
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kUtf8View:
    case TypeId::kBinary:
    case TypeId::kLargeBinary:
    case TypeId::kBinaryView:
    case TypeId::kDate32:
    case TypeId::kDate64:
    case TypeId::kIntervalYearMonth:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalMonthDayNano:
      return true;
    default:
      return false;
  }
}

/// The shared DataType of a parameter-free type id; null for a parametric one.
DataTypePtr ParameterFreeType(TypeId id);

/// IEEE 754 half-precision bits to float; exact (every half is a float).
inline float Float16ToFloat(uint16_t bits) {
  const bool negative = (bits & 0x8000u) != 0;
  const int exponent = (bits >> 10) & 0x1f;
  const uint32_t mantissa = bits & 0x3ffu;
  float magnitude;
  if (exponent == 0) {
    magnitude = std::ldexp(static_cast<float>(mantissa), -24);  // subnormal: mantissa * 2^-24
  } else if (exponent == 31) {
    magnitude = mantissa != 0 ? std::numeric_limits<float>::quiet_NaN()
                              : std::numeric_limits<float>::infinity();
  } else {
    magnitude = std::ldexp(static_cast<float>(mantissa | 0x400u), exponent - 25);
  }
  return negative ? -magnitude : magnitude;
}

/// Float to IEEE 754 half-precision bits, rounding to nearest with ties to even. Values too
/// large become infinity; NaN stays NaN.
inline uint16_t FloatToFloat16(float value) {
  uint32_t x;
  std::memcpy(&x, &value, sizeof(x));
  const auto sign = static_cast<uint16_t>((x >> 16) & 0x8000u);
  const int exponent = static_cast<int>((x >> 23) & 0xffu);
  uint32_t mantissa = x & 0x7fffffu;
  if (exponent == 0xff)
    return static_cast<uint16_t>(sign | 0x7c00u | (mantissa != 0 ? 0x200u : 0u));
  const int half_exponent = exponent - 127 + 15;
  if (half_exponent >= 31) return static_cast<uint16_t>(sign | 0x7c00u);
  if (half_exponent <= 0) {
    // The result is subnormal (or zero): count units of 2^-24 with the implicit bit restored.
    if (half_exponent < -11 || exponent == 0) return sign;
    mantissa |= 0x800000u;
    const int shift = 14 - half_exponent;
    uint32_t result = mantissa >> shift;
    const uint32_t remainder = mantissa & ((1u << shift) - 1);
    const uint32_t halfway = 1u << (shift - 1);
    if (remainder > halfway || (remainder == halfway && (result & 1u) != 0)) ++result;
    return static_cast<uint16_t>(sign | result);
  }
  uint32_t result = (static_cast<uint32_t>(half_exponent) << 10) | (mantissa >> 13);
  const uint32_t remainder = mantissa & 0x1fffu;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  if (remainder > 0x1000u || (remainder == 0x1000u && (result & 1u) != 0)) ++result;
  return static_cast<uint16_t>(sign | result);
}

}  // namespace ballista::arrow
