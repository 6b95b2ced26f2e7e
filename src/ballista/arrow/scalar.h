#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/type.h"
#include "ballista/common/logging.h"
#include "ballista/common/result.h"

namespace ballista::arrow {

/// The parts of an interval value. YearMonth uses `months`; DayTime uses `days` and `millis`;
/// MonthDayNano uses `months`, `days` and `nanos`. Unused parts are zero.
struct IntervalValue {
  int32_t months = 0;
  int32_t days = 0;
  int32_t millis = 0;
  int64_t nanos = 0;
  bool operator==(const IntervalValue&) const = default;
};

/// A 256-bit two's-complement integer as 32 little-endian bytes (the Decimal256 storage).
struct Decimal256Value {
  std::array<uint8_t, 32> bytes{};
  bool operator==(const Decimal256Value&) const = default;
  /// Sign-extends a 128-bit integer.
  static Decimal256Value FromInt128(__int128 v);
};

/// One value of any supported type: a constant in an expression, a literal, a partition key, one
/// cell of an array. Stored compactly by physical kind:
///   bool: Bool.  int64_t: signed integers, Date32/64, Time32/64, Timestamp, Duration.
///   uint64_t: unsigned integers.  double: Float16/32/64 (rounded to the type's precision).
///   __int128: Decimal32/64/128 (unscaled).  Decimal256Value: Decimal256 (unscaled).
///   std::string: Utf8/LargeUtf8/Utf8View/Binary/LargeBinary/BinaryView/FixedSizeBinary bytes.
///   IntervalValue: the interval types.
///   ArrayData: List/LargeList/FixedSizeList (the child values of the list), Map (its entries),
///   Struct (a one-row struct array), Dictionary (a one-element array of the value type).
/// A null scalar holds std::monostate. Immutable value type; thread-safe for reads.
class Scalar {
 public:
  using Value =
      std::variant<std::monostate, bool, int64_t, uint64_t, double, __int128, Decimal256Value,
                   std::string, IntervalValue, std::shared_ptr<ArrayData>>;

  /// A null of the null type.
  Scalar();

  /// A null of `type`.
  static Scalar Null(DataTypePtr type);
  /// Valid scalars of the type the factory is named after (Timestamp: of that unit and zone).
  /// They need no checks, so they cannot fail; use MakeScalar for any other type.
  static Scalar Boolean(bool v);
  static Scalar Int8(int8_t v);
  static Scalar Int16(int16_t v);
  static Scalar Int32(int32_t v);
  static Scalar Int64(int64_t v);
  static Scalar UInt8(uint8_t v);
  static Scalar UInt16(uint16_t v);
  static Scalar UInt32(uint32_t v);
  static Scalar UInt64(uint64_t v);
  static Scalar Float32(float v);
  static Scalar Float64(double v);
  static Scalar Utf8(std::string v);
  static Scalar Binary(std::string v);
  static Scalar Date32(int32_t days_since_epoch);
  static Scalar Timestamp(int64_t v, TimeUnit unit, std::string timezone = "");
  /// Decimal128(precision, scale) with the unscaled value; the precision is checked.
  static Result<Scalar> Decimal128(__int128 unscaled, int32_t precision, int32_t scale);

  /// The logical type; never null.
  const DataTypePtr& type() const { return type_; }
  /// Whether the scalar holds a value (a null scalar holds std::monostate).
  bool is_valid() const { return is_valid_; }
  bool is_null() const { return !is_valid_; }
  /// The stored value, of the alternative the class comment lists for the type.
  const Value& value() const { return value_; }

  /// The stored value as T; T must be the alternative the type stores (see the class comment)
  /// and the scalar must be valid. A mismatch is a programming error and aborts.
  template <typename T>
  const T& As() const {
    const T* v = std::get_if<T>(&value_);
    BALLISTA_CHECK(v != nullptr);
    return *v;
  }

  /// Same type, same validity and same value. Floating NaNs equal each other (so that Equals and
  /// Hash agree); nested values compare element by element.
  bool Equals(const Scalar& other) const;
  /// Same as Equals.
  bool operator==(const Scalar& other) const { return Equals(other); }

  /// A hash consistent with Equals.
  size_t Hash() const;

  /// The text a result table cell shows for this value (pretty_print.h FormatValue: "42", "1.5",
  /// "12.30", "2024-01-31", strings raw, "[1, null]", ...); "NULL" for a null scalar.
  std::string ToString() const;

  /// Unchecked constructor used by the factories and MakeScalar; prefer those.
  Scalar(DataTypePtr type, Value value, bool is_valid)
      : type_(std::move(type)), value_(std::move(value)), is_valid_(is_valid) {}

 private:
  DataTypePtr type_;
  Value value_;
  bool is_valid_ = false;
};

/// A valid scalar of `type` from a stored-kind value, checked against the type: integer ranges,
/// decimal precision, fixed-size binary width, list/struct value types and lengths. int64_t and
/// uint64_t are interchangeable for integer, temporal and decimal types when in range; integers
/// are accepted for floating types; a plain value for a Dictionary type is the dictionary value.
Result<Scalar> MakeScalar(DataTypePtr type, Scalar::Value value);

/// Convenience overload taking a C++ value: bool, any integer, floating point, __int128,
/// string-like (std::string, std::string_view, const char*), IntervalValue, Decimal256Value or an
/// ArrayData pointer.
template <typename T>
requires(!std::is_same_v<std::decay_t<T>, Scalar::Value>) Result<Scalar> MakeScalar(
    DataTypePtr type, T&& value) {
  using U = std::decay_t<T>;
  if constexpr (std::is_same_v<U, bool>) {
    return MakeScalar(std::move(type), Scalar::Value(value));
  } else if constexpr (std::is_same_v<U, __int128>) {
    return MakeScalar(std::move(type), Scalar::Value(value));
  } else if constexpr (std::is_integral_v<U> && std::is_signed_v<U>) {
    return MakeScalar(std::move(type), Scalar::Value(static_cast<int64_t>(value)));
  } else if constexpr (std::is_integral_v<U>) {
    return MakeScalar(std::move(type), Scalar::Value(static_cast<uint64_t>(value)));
  } else if constexpr (std::is_floating_point_v<U>) {
    return MakeScalar(std::move(type), Scalar::Value(static_cast<double>(value)));
  } else if constexpr (std::is_convertible_v<const U&, std::string_view>) {
    return MakeScalar(std::move(type), Scalar::Value(std::string(std::string_view(value))));
  } else {
    return MakeScalar(std::move(type), Scalar::Value(std::forward<T>(value)));
  }
}

/// The value at index `i` (relative to the array's offset) of `data`; a null slot gives a null
/// scalar. List, map and struct values are zero-copy slices of `data`. Out-of-range indices and
/// dictionary indices outside the dictionary are InvalidArgument errors.
Result<Scalar> ScalarFromArray(const ArrayData& data, int64_t i);

/// An array of `length` copies of `scalar` (all null when the scalar is null), laid out as
/// ArrayData documents. View-type strings longer than 12 bytes are stored once and shared by all
/// views.
Result<std::shared_ptr<ArrayData>> MakeArrayFromScalar(const Scalar& scalar, int64_t length,
                                                       MemoryPool* pool = DefaultMemoryPool());

}  // namespace ballista::arrow

/// Lets Scalar key unordered containers (hash of Scalar::Hash, equality of Scalar::Equals).
template <>
struct std::hash<ballista::arrow::Scalar> {
  size_t operator()(const ballista::arrow::Scalar& s) const { return s.Hash(); }
};
