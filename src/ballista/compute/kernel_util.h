#pragma once

// Building blocks shared by the kernels: reading a Datum (array or broadcast scalar) as typed
// values, dispatching on physical types, and allocating outputs. Internal to compute/.

#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/scalar.h"
#include "ballista/arrow/type_traits.h"
#include "ballista/common/buffer.h"
#include "ballista/compute/datum.h"
#include "ballista/compute/function.h"

namespace ballista::compute::internal {

using arrow::ArrayData;
using arrow::DataTypePtr;
using arrow::MonthDayNanoInterval;
using arrow::Scalar;
using arrow::TypeId;

template <typename T>
struct TypeTag {
  using type = T;
};

/// Pool of a possibly null context.
inline MemoryPool* PoolOf(ExecContext* ctx) { return ctx ? ctx->pool : DefaultMemoryPool(); }

/// Reads a T stored at `p` without assuming alignment (imported buffers may be packed).
template <typename T>
inline T LoadValue(const T* p) {
  if constexpr (sizeof(T) > 8) {
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
  } else {
    return *p;
  }
}

/// The value of a valid scalar as the C type T of its physical storage (integers, floats,
/// __int128 decimals, MonthDayNanoInterval, bool).
template <typename T>
T ScalarAs(const Scalar& s) {
  if constexpr (std::is_same_v<T, MonthDayNanoInterval>) {
    const auto& v = s.As<arrow::IntervalValue>();
    return MonthDayNanoInterval{v.months, v.days, v.nanos + int64_t{v.millis} * 1000000};
  } else {
    T out{};
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_arithmetic_v<V> || std::is_same_v<V, __int128>) {
            out = static_cast<T>(v);
          }
        },
        s.value());
    return out;
  }
}

/// Fixed-width values of an array, or one scalar broadcast to every row. Cheap to copy.
template <typename T>
struct ValuesReader {
  const T* values = nullptr;  // array values from this array's first slot; null for a scalar
  const uint8_t* validity = nullptr;
  int64_t offset = 0;  // bit offset of row 0 in `validity`
  T scalar{};
  bool scalar_valid = true;

  explicit ValuesReader(const Datum& d) {
    if (d.is_scalar()) {
      scalar_valid = d.scalar().is_valid();
      if (scalar_valid) scalar = ScalarAs<T>(d.scalar());
    } else {
      const ArrayData& a = *d.array();
      values = a.GetValues<T>(1);
      validity = a.validity();
      offset = a.offset;
    }
  }
  bool is_scalar() const { return values == nullptr; }
  T operator[](int64_t i) const { return values ? LoadValue(values + i) : scalar; }
  bool IsValid(int64_t i) const {
    return values ? (validity == nullptr || arrow::bit_util::GetBit(validity, offset + i))
                  : scalar_valid;
  }
  bool MayHaveNulls() const { return values ? validity != nullptr : !scalar_valid; }
};

/// Booleans of an array or a broadcast scalar.
struct BoolReader {
  const uint8_t* bits = nullptr;
  const uint8_t* validity = nullptr;
  int64_t offset = 0;
  bool scalar = false;
  bool scalar_valid = true;

  explicit BoolReader(const Datum& d) {
    if (d.is_scalar()) {
      scalar_valid = d.scalar().is_valid();
      if (scalar_valid) scalar = d.scalar().As<bool>();
    } else {
      const ArrayData& a = *d.array();
      bits = a.buffers[1]->data();
      validity = a.validity();
      offset = a.offset;
    }
  }
  bool operator[](int64_t i) const {
    return bits ? arrow::bit_util::GetBit(bits, offset + i) : scalar;
  }
  bool IsValid(int64_t i) const {
    return bits ? (validity == nullptr || arrow::bit_util::GetBit(validity, offset + i))
                : scalar_valid;
  }
};

/// Strings (Utf8, LargeUtf8, Utf8View, and the binary equivalents) of an array or a broadcast
/// scalar, as string_views.
class StringReader {
 public:
  explicit StringReader(const Datum& d);
  std::string_view operator[](int64_t i) const {
    switch (kind_) {
      case Kind::kScalar: return scalar_;
      case Kind::kOffsets32:
        return std::string_view(data_ + offsets32_[i],
                                static_cast<size_t>(offsets32_[i + 1] - offsets32_[i]));
      case Kind::kOffsets64:
        return std::string_view(data_ + offsets64_[i],
                                static_cast<size_t>(offsets64_[i + 1] - offsets64_[i]));
      case Kind::kView: return ViewAt(i);
    }
    return {};
  }
  bool IsValid(int64_t i) const {
    return kind_ == Kind::kScalar
               ? scalar_valid_
               : (validity_ == nullptr || arrow::bit_util::GetBit(validity_, offset_ + i));
  }
  bool is_scalar() const { return kind_ == Kind::kScalar; }

 private:
  enum class Kind { kScalar, kOffsets32, kOffsets64, kView };
  std::string_view ViewAt(int64_t i) const;

  Kind kind_ = Kind::kScalar;
  std::string_view scalar_;
  bool scalar_valid_ = true;
  const char* data_ = nullptr;
  const int32_t* offsets32_ = nullptr;
  const int64_t* offsets64_ = nullptr;
  const arrow::BinaryViewValue* views_ = nullptr;
  std::vector<const char*> view_buffers_;
  const uint8_t* validity_ = nullptr;
  int64_t offset_ = 0;
};

/// Whether every argument is a scalar (the kernel then computes one row and returns a scalar).
bool AllScalar(const std::vector<Datum>& args);

/// The number of rows to compute: 1 when every argument is a scalar, else `num_rows`.
int64_t RowsToCompute(const std::vector<Datum>& args, int64_t num_rows);

/// `out` itself, or its first row as a scalar when `as_scalar`.
Result<Datum> FinishDatum(std::shared_ptr<ArrayData> out, bool as_scalar);

/// A null result of `type` (scalar when `as_scalar`, else `num_rows` nulls).
Result<Datum> NullDatum(const DataTypePtr& type, int64_t num_rows, bool as_scalar,
                        ExecContext* ctx);

/// The AND of the arguments' validity over `num_rows` rows as a new bitmap, or null when no
/// argument has nulls. `*all_null` is set when a null scalar makes every row null.
Result<std::shared_ptr<Buffer>> IntersectValidity(const std::vector<Datum>& args, int64_t num_rows,
                                                  MemoryPool* pool, bool* all_null);

/// A zeroed buffer for `num_rows` values of T.
template <typename T>
Result<std::shared_ptr<Buffer>> AllocateValues(int64_t num_rows, MemoryPool* pool) {
  return AllocateBuffer(num_rows * static_cast<int64_t>(sizeof(T)), pool);
}

/// A zeroed bitmap of `num_rows` bits.
inline Result<std::shared_ptr<Buffer>> AllocateBitmap(int64_t num_rows, MemoryPool* pool) {
  return AllocateBuffer(arrow::bit_util::BytesForBits(num_rows), pool);
}

/// Wraps fixed-width results into an array (null count computed from `validity`).
std::shared_ptr<ArrayData> MakeFixedWidthArray(DataTypePtr type, int64_t num_rows,
                                               std::shared_ptr<Buffer> validity,
                                               std::shared_ptr<Buffer> values);

/// Calls f(TypeTag<T>) with the C type that stores values of `id` (integers, floats, decimals as
/// __int128, date32/time32 as int32, other temporals as int64, MonthDayNano as its struct).
/// Returns false for types without a single fixed-width C type (bool, strings, nested...).
template <typename F>
bool DispatchFixedWidth(TypeId id, F&& f) {
  switch (id) {
    case TypeId::kInt8: f(TypeTag<int8_t>{}); return true;
    case TypeId::kInt16: f(TypeTag<int16_t>{}); return true;
    case TypeId::kInt32:
    case TypeId::kDate32:
    case TypeId::kTime32:
    case TypeId::kIntervalYearMonth:
    case TypeId::kDecimal32: f(TypeTag<int32_t>{}); return true;
    case TypeId::kInt64:
    case TypeId::kDate64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration:
    case TypeId::kIntervalDayTime:
    case TypeId::kDecimal64: f(TypeTag<int64_t>{}); return true;
    case TypeId::kUInt8: f(TypeTag<uint8_t>{}); return true;
    case TypeId::kUInt16:
    case TypeId::kFloat16: f(TypeTag<uint16_t>{}); return true;
    case TypeId::kUInt32: f(TypeTag<uint32_t>{}); return true;
    case TypeId::kUInt64: f(TypeTag<uint64_t>{}); return true;
    case TypeId::kFloat32: f(TypeTag<float>{}); return true;
    case TypeId::kFloat64: f(TypeTag<double>{}); return true;
    case TypeId::kDecimal128: f(TypeTag<__int128>{}); return true;
    case TypeId::kIntervalMonthDayNano: f(TypeTag<MonthDayNanoInterval>{}); return true;
    default: return false;
  }
}

/// As DispatchFixedWidth for the numeric computation types only (integers, Float32/64).
template <typename F>
bool DispatchNumeric(TypeId id, F&& f) {
  switch (id) {
    case TypeId::kInt8: f(TypeTag<int8_t>{}); return true;
    case TypeId::kInt16: f(TypeTag<int16_t>{}); return true;
    case TypeId::kInt32: f(TypeTag<int32_t>{}); return true;
    case TypeId::kInt64: f(TypeTag<int64_t>{}); return true;
    case TypeId::kUInt8: f(TypeTag<uint8_t>{}); return true;
    case TypeId::kUInt16: f(TypeTag<uint16_t>{}); return true;
    case TypeId::kUInt32: f(TypeTag<uint32_t>{}); return true;
    case TypeId::kUInt64: f(TypeTag<uint64_t>{}); return true;
    case TypeId::kFloat32: f(TypeTag<float>{}); return true;
    case TypeId::kFloat64: f(TypeTag<double>{}); return true;
    default: return false;
  }
}

/// Builds a scalar of `type` from a C value of its storage type.
template <typename T>
Result<Scalar> MakeScalarOf(const DataTypePtr& type, T value) {
  if constexpr (std::is_same_v<T, MonthDayNanoInterval>) {
    return arrow::MakeScalar(type, arrow::IntervalValue{value.months, value.days, 0, value.nanos});
  } else {
    return arrow::MakeScalar(type, value);
  }
}

/// Mixes 64 bits (the murmur3 finalizer).
inline uint64_t Mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

/// Hash of a fixed-width value by its bytes (floats: -0.0 and 0.0 hash alike; every NaN alike),
/// for hash containers keyed by C values (__int128 and interval structs included).
template <typename T>
struct FixedHash {
  size_t operator()(const T& v) const {
    if constexpr (std::is_floating_point_v<T>) {
      if (v == 0) return Mix64(0);
      if (v != v) return Mix64(0x7ff8000000000000ULL);
    }
    uint64_t words[(sizeof(T) + 7) / 8] = {};
    std::memcpy(words, &v, sizeof(T));
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (uint64_t w : words) h = Mix64(h ^ w);
    return static_cast<size_t>(h);
  }
};

/// 10^n for n in [0, 38].
__int128 Pow10(int n);

/// "TypeError: function f does not accept (INTEGER, VARCHAR)".
Status ArgumentTypeError(std::string_view function, const std::vector<DataTypePtr>& types);

/// Checks the argument count; TypeError naming the function otherwise.
Status CheckArity(std::string_view function, const std::vector<DataTypePtr>& types, size_t min,
                  size_t max);

}  // namespace ballista::compute::internal
