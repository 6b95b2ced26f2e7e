#pragma once

#include <string_view>
#include <vector>

#include "ballista/arrow/builder_base.h"
#include "ballista/arrow/type_traits.h"

namespace ballista::arrow {

/// Builds a Null array: only a length. Single-threaded.
class NullBuilder final : public ArrayBuilder {
 public:
  explicit NullBuilder(MemoryPool* pool = DefaultMemoryPool()) : ArrayBuilder(Null(), pool) {}
  /// Counts one more slot.
  Status AppendNull() override {
    ++length_;
    return Status::OK();
  }
  /// Counts `count` more slots.
  Status AppendNulls(int64_t count) override;
  /// A Null array has no values: same as AppendNull.
  Status AppendEmptyValue() override { return AppendNull(); }
  /// Same as AppendNulls.
  Status AppendEmptyValues(int64_t count) override { return AppendNulls(count); }
  /// A Null array with no buffers.
  Result<std::shared_ptr<ArrayData>> Finish() override;
};

/// Builds a Boolean array (bit-packed values). Single-threaded.
class BooleanBuilder final : public ArrayBuilder {
 public:
  explicit BooleanBuilder(MemoryPool* pool = DefaultMemoryPool())
      : ArrayBuilder(Boolean(), pool), values_(pool) {}

  Status Append(bool value) {
    RETURN_NOT_OK(values_.Append(value));
    ++length_;
    return validity_.AppendValid();
  }
  /// Appends `count` values from a byte per value (non-zero = true) with optional validity bytes.
  Status AppendValues(const uint8_t* values, int64_t count, const uint8_t* valid_bytes = nullptr);
  Status AppendValues(const std::vector<bool>& values);
  /// Appends false under a null.
  Status AppendNull() override;
  Status AppendNulls(int64_t count) override;
  /// Appends false.
  Status AppendEmptyValue() override { return Append(false); }
  Status AppendEmptyValues(int64_t count) override;
  /// Reserves value bits.
  Status Reserve(int64_t additional) override { return values_.Reserve(additional); }
  /// Buffers [validity, values].
  Result<std::shared_ptr<ArrayData>> Finish() override;
  /// Drops the values too.
  void Reset() override;

  bool GetValue(int64_t i) const { return values_.GetBit(i); }

 private:
  BitmapBuilder values_;
};

/// Builds any type with one fixed-width values buffer of a C type: integers, floats (Float16 as
/// its uint16 bits), dates, times, timestamps, durations and intervals. Append is inline and
/// non-virtual. Single-threaded.
template <TypeId kId>
class NumericBuilder final : public ArrayBuilder {
 public:
  using c_type = PrimitiveCTypeT<kId>;

  /// `type` carries the parameters (unit, time zone); its id must be kId.
  explicit NumericBuilder(DataTypePtr type, MemoryPool* pool = DefaultMemoryPool())
      : ArrayBuilder(std::move(type), pool), values_(pool) {}
  /// For parameter-free types (int32, date32, ...).
  explicit NumericBuilder(MemoryPool* pool = DefaultMemoryPool()) requires(IsParameterFree(kId))
      : ArrayBuilder(ParameterFreeType(kId), pool), values_(pool) {}

  Status Append(c_type value) {
    RETURN_NOT_OK(values_.Append(value));
    ++length_;
    return validity_.AppendValid();
  }
  /// Appends `count` values with optional validity bytes (non-zero = valid).
  Status AppendValues(const c_type* values, int64_t count, const uint8_t* valid_bytes = nullptr) {
    RETURN_NOT_OK(values_.Append(values, count));
    length_ += count;
    return validity_.AppendValidBytes(valid_bytes, count);
  }
  Status AppendValues(const std::vector<c_type>& values) {
    return AppendValues(values.data(), static_cast<int64_t>(values.size()));
  }
  /// Appends a zero value under a null.
  Status AppendNull() override {
    RETURN_NOT_OK(values_.Append(c_type{}));
    ++length_;
    return validity_.AppendNull();
  }
  Status AppendNulls(int64_t count) override {
    RETURN_NOT_OK(values_.AppendCopies(count, c_type{}));
    length_ += count;
    return validity_.AppendNulls(count);
  }
  /// Appends zero.
  Status AppendEmptyValue() override { return Append(c_type{}); }
  Status AppendEmptyValues(int64_t count) override {
    RETURN_NOT_OK(values_.AppendCopies(count, c_type{}));
    length_ += count;
    return validity_.AppendValid(count);
  }
  /// Reserves values.
  Status Reserve(int64_t additional) override { return values_.Reserve(additional); }
  /// Buffers [validity, values].
  Result<std::shared_ptr<ArrayData>> Finish() override {
    const int64_t length = length_;
    const int64_t nulls = validity_.null_count();
    ASSIGN_OR_RAISE(auto validity, FinishValidity());
    ASSIGN_OR_RAISE(auto values, values_.Finish());
    return ArrayData::Make(type_, length, {std::move(validity), std::move(values)}, nulls);
  }
  /// Drops the values too.
  void Reset() override {
    ArrayBuilder::Reset();
    values_.Reset();
  }

  /// Value i appended so far (reading back while building).
  c_type GetValue(int64_t i) const { return values_[i]; }

 private:
  TypedBufferBuilder<c_type> values_;
};

using Int8Builder = NumericBuilder<TypeId::kInt8>;
using Int16Builder = NumericBuilder<TypeId::kInt16>;
using Int32Builder = NumericBuilder<TypeId::kInt32>;
using Int64Builder = NumericBuilder<TypeId::kInt64>;
using UInt8Builder = NumericBuilder<TypeId::kUInt8>;
using UInt16Builder = NumericBuilder<TypeId::kUInt16>;
using UInt32Builder = NumericBuilder<TypeId::kUInt32>;
using UInt64Builder = NumericBuilder<TypeId::kUInt64>;
using Float16Builder = NumericBuilder<TypeId::kFloat16>;
using Float32Builder = NumericBuilder<TypeId::kFloat32>;
using Float64Builder = NumericBuilder<TypeId::kFloat64>;
using Date32Builder = NumericBuilder<TypeId::kDate32>;
using Date64Builder = NumericBuilder<TypeId::kDate64>;
using Time32Builder = NumericBuilder<TypeId::kTime32>;
using Time64Builder = NumericBuilder<TypeId::kTime64>;
using TimestampBuilder = NumericBuilder<TypeId::kTimestamp>;
using DurationBuilder = NumericBuilder<TypeId::kDuration>;
using IntervalYearMonthBuilder = NumericBuilder<TypeId::kIntervalYearMonth>;
using IntervalDayTimeBuilder = NumericBuilder<TypeId::kIntervalDayTime>;
using IntervalMonthDayNanoBuilder = NumericBuilder<TypeId::kIntervalMonthDayNano>;

/// Builds Decimal32/64/128/256 (the width comes from the type). Values are unscaled integers;
/// AppendString parses text with the type's scale and checks its precision. Single-threaded.
class DecimalBuilder final : public ArrayBuilder {
 public:
  /// `type` must be a decimal type.
  explicit DecimalBuilder(DataTypePtr type, MemoryPool* pool = DefaultMemoryPool());

  int32_t byte_width() const { return byte_width_; }
  /// An unscaled value; InvalidArgument when it does not fit the width (Decimal32/64).
  Status Append(int64_t unscaled);
  Status Append128(__int128 unscaled);
  /// byte_width() little-endian bytes of an unscaled value.
  Status AppendRaw(const uint8_t* bytes);
  /// "123.45", "-0.5", "1e3": scaled to the type's scale (rounding half away from zero).
  Status AppendString(std::string_view text);
  /// Appends zero bytes under a null.
  Status AppendNull() override;
  Status AppendNulls(int64_t count) override;
  /// Appends zero.
  Status AppendEmptyValue() override;
  Status AppendEmptyValues(int64_t count) override;
  /// Reserves values.
  Status Reserve(int64_t additional) override { return values_.Reserve(additional * byte_width_); }
  /// Buffers [validity, values].
  Result<std::shared_ptr<ArrayData>> Finish() override;
  /// Drops the values too.
  void Reset() override;

 private:
  int32_t byte_width_;
  TypedBufferBuilder<uint8_t> values_;
};

/// Builds FixedSizeBinary: every value exactly byte_width() bytes. Single-threaded.
class FixedSizeBinaryBuilder final : public ArrayBuilder {
 public:
  /// `type` must be a fixed_size_binary type.
  explicit FixedSizeBinaryBuilder(DataTypePtr type, MemoryPool* pool = DefaultMemoryPool());

  int32_t byte_width() const { return byte_width_; }
  /// InvalidArgument when the value is not byte_width() bytes long.
  Status Append(std::string_view value);
  /// byte_width() bytes from `bytes`.
  Status Append(const uint8_t* bytes) {
    RETURN_NOT_OK(values_.Append(bytes, byte_width_));
    ++length_;
    return validity_.AppendValid();
  }
  /// Appends zero bytes under a null.
  Status AppendNull() override;
  Status AppendNulls(int64_t count) override;
  /// Appends byte_width() zero bytes.
  Status AppendEmptyValue() override;
  Status AppendEmptyValues(int64_t count) override;
  /// Reserves values.
  Status Reserve(int64_t additional) override { return values_.Reserve(additional * byte_width_); }
  /// Buffers [validity, values].
  Result<std::shared_ptr<ArrayData>> Finish() override;
  /// Drops the values too.
  void Reset() override;

 private:
  int32_t byte_width_;
  TypedBufferBuilder<uint8_t> values_;
};

}  // namespace ballista::arrow
