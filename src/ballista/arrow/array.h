#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/type_traits.h"

namespace ballista::arrow {

class Array;
using ArrayPtr = std::shared_ptr<Array>;

/// A typed, zero-copy, read-only view over an ArrayData. The concrete class matches the type id
/// (MakeArray picks it); accessors are inline and unchecked, so they expect an index in
/// [0, length()) and data that passed ValidateArrayData. Immutable; thread-safe for reads.
class Array {
 public:
  explicit Array(std::shared_ptr<ArrayData> data);
  /// Arrays are used through shared pointers; destruction releases the ArrayData reference.
  virtual ~Array() = default;
  Array(const Array&) = delete;
  Array& operator=(const Array&) = delete;

  const DataTypePtr& type() const { return data_->type; }
  TypeId type_id() const { return data_->type->id(); }
  int64_t length() const { return data_->length; }
  int64_t offset() const { return data_->offset; }
  /// Number of nulls (counted once from the bitmap when unknown).
  int64_t null_count() const { return data_->GetNullCount(); }
  bool IsValid(int64_t i) const {
    return null_bitmap_ == nullptr ? !is_null_type_
                                   : bit_util::GetBit(null_bitmap_, data_->offset + i);
  }
  bool IsNull(int64_t i) const { return !IsValid(i); }
  /// The validity bitmap (bit 0 is the buffer's first bit, not this array's), or null.
  const uint8_t* null_bitmap_data() const { return null_bitmap_; }
  const std::shared_ptr<ArrayData>& data() const { return data_; }

  /// A zero-copy window of `length` slots from `offset`, both clamped to this array.
  std::shared_ptr<Array> Slice(int64_t offset, int64_t length) const;
  /// The slots from `offset` to the end.
  std::shared_ptr<Array> Slice(int64_t offset) const;

  /// Logical equality (see ArrayDataEquals).
  bool Equals(const Array& other) const;
  bool Equals(const std::shared_ptr<Array>& other) const { return other && Equals(*other); }

  /// Short display form: "[1, null, 3]", at most 20 values then "...".
  std::string ToString() const;

  /// ValidateArrayData(cheap) / ValidateArrayData(full).
  Status Validate() const;
  Status ValidateFull() const;

 protected:
  std::shared_ptr<ArrayData> data_;
  const uint8_t* null_bitmap_;
  bool is_null_type_;
};

/// An array of the Null type: every slot is null and there are no buffers.
class NullArray : public Array {
 public:
  explicit NullArray(std::shared_ptr<ArrayData> data) : Array(std::move(data)) {}
};

/// Bit-packed booleans.
class BooleanArray : public Array {
 public:
  explicit BooleanArray(std::shared_ptr<ArrayData> data);
  bool Value(int64_t i) const { return bit_util::GetBit(values_, data_->offset + i); }
  /// Number of valid slots holding true.
  int64_t true_count() const;

 private:
  const uint8_t* values_;
};

/// Values of one fixed-width C type in a single buffer: integers, floats (Float16 as its uint16
/// bits), dates, times, timestamps, durations and intervals (DayTime and MonthDayNano as structs).
template <TypeId kId>
class NumericArray : public Array {
 public:
  using c_type = PrimitiveCTypeT<kId>;

  explicit NumericArray(std::shared_ptr<ArrayData> data) : Array(std::move(data)) {
    raw_values_ = data_->buffers.size() > 1 ? data_->GetValues<c_type>(1) : nullptr;
  }
  c_type Value(int64_t i) const { return raw_values_[i]; }
  /// Values from this array's first slot (the offset is already applied).
  const c_type* raw_values() const { return raw_values_; }

 private:
  const c_type* raw_values_;
};

using Int8Array = NumericArray<TypeId::kInt8>;
using Int16Array = NumericArray<TypeId::kInt16>;
using Int32Array = NumericArray<TypeId::kInt32>;
using Int64Array = NumericArray<TypeId::kInt64>;
using UInt8Array = NumericArray<TypeId::kUInt8>;
using UInt16Array = NumericArray<TypeId::kUInt16>;
using UInt32Array = NumericArray<TypeId::kUInt32>;
using UInt64Array = NumericArray<TypeId::kUInt64>;
using Float16Array = NumericArray<TypeId::kFloat16>;
using Float32Array = NumericArray<TypeId::kFloat32>;
using Float64Array = NumericArray<TypeId::kFloat64>;
using Date32Array = NumericArray<TypeId::kDate32>;
using Date64Array = NumericArray<TypeId::kDate64>;
using Time32Array = NumericArray<TypeId::kTime32>;
using Time64Array = NumericArray<TypeId::kTime64>;
using TimestampArray = NumericArray<TypeId::kTimestamp>;
using DurationArray = NumericArray<TypeId::kDuration>;
using IntervalYearMonthArray = NumericArray<TypeId::kIntervalYearMonth>;
using IntervalDayTimeArray = NumericArray<TypeId::kIntervalDayTime>;
using IntervalMonthDayNanoArray = NumericArray<TypeId::kIntervalMonthDayNano>;

/// Decimal32/64/128/256: unscaled little-endian two's-complement integers of 4/8/16/32 bytes.
class DecimalArray : public Array {
 public:
  explicit DecimalArray(std::shared_ptr<ArrayData> data);
  int32_t byte_width() const { return byte_width_; }
  int32_t precision() const { return data_->type->precision(); }
  int32_t scale() const { return data_->type->scale(); }
  /// The raw bytes of slot i.
  const uint8_t* GetValue(int64_t i) const { return values_ + (data_->offset + i) * byte_width_; }
  /// The unscaled value, sign-extended; for Decimal256 only the low 128 bits.
  __int128 Value128(int64_t i) const;
  /// "123.45" text of slot i with the type's scale (for a valid slot).
  std::string FormatValue(int64_t i) const;

 private:
  const uint8_t* values_;
  int32_t byte_width_;
};

using Decimal32Array = DecimalArray;
using Decimal64Array = DecimalArray;
using Decimal128Array = DecimalArray;
using Decimal256Array = DecimalArray;

/// Utf8/Binary (int32 offsets) and LargeUtf8/LargeBinary (int64 offsets).
template <TypeId kId>
class BaseBinaryArray : public Array {
 public:
  using offset_type = OffsetCTypeT<kId>;

  explicit BaseBinaryArray(std::shared_ptr<ArrayData> data) : Array(std::move(data)) {
    offsets_ = data_->buffers.size() > 1 ? data_->GetValues<offset_type>(1) : nullptr;
    value_data_ =
        data_->buffers.size() > 2 && data_->buffers[2] ? data_->buffers[2]->data() : nullptr;
  }
  offset_type value_offset(int64_t i) const { return offsets_[i]; }
  offset_type value_length(int64_t i) const { return offsets_[i + 1] - offsets_[i]; }
  std::string_view GetView(int64_t i) const {
    return std::string_view(reinterpret_cast<const char*>(value_data_) + offsets_[i],
                            static_cast<size_t>(offsets_[i + 1] - offsets_[i]));
  }
  std::string GetString(int64_t i) const { return std::string(GetView(i)); }
  /// Offsets from this array's first slot (length() + 1 of them).
  const offset_type* raw_value_offsets() const { return offsets_; }
  const uint8_t* raw_data() const { return value_data_; }
  /// Bytes spanned by this array's values.
  int64_t total_values_length() const {
    return length() == 0 ? 0 : offsets_[length()] - offsets_[0];
  }

 private:
  const offset_type* offsets_;
  const uint8_t* value_data_;
};

using BinaryArray = BaseBinaryArray<TypeId::kBinary>;
using StringArray = BaseBinaryArray<TypeId::kUtf8>;
using LargeBinaryArray = BaseBinaryArray<TypeId::kLargeBinary>;
using LargeStringArray = BaseBinaryArray<TypeId::kLargeUtf8>;

/// Utf8View/BinaryView: 16-byte views, short values inline, longer ones in variadic buffers.
template <TypeId kId>
class BaseBinaryViewArray : public Array {
 public:
  explicit BaseBinaryViewArray(std::shared_ptr<ArrayData> data) : Array(std::move(data)) {
    views_ = data_->buffers.size() > 1 ? data_->GetValues<BinaryViewValue>(1) : nullptr;
    for (size_t b = 2; b < data_->buffers.size(); ++b) {
      variadic_.push_back(data_->buffers[b] ? data_->buffers[b]->data() : nullptr);
    }
  }
  const BinaryViewValue& view(int64_t i) const { return views_[i]; }
  std::string_view GetView(int64_t i) const {
    const BinaryViewValue& v = views_[i];
    const uint8_t* bytes =
        v.is_inline() ? v.inline_data()
                      : variadic_[static_cast<size_t>(v.buffer_index())] + v.buffer_offset();
    return std::string_view(reinterpret_cast<const char*>(bytes), static_cast<size_t>(v.size));
  }
  std::string GetString(int64_t i) const { return std::string(GetView(i)); }
  int num_data_buffers() const { return static_cast<int>(variadic_.size()); }

 private:
  const BinaryViewValue* views_;
  std::vector<const uint8_t*> variadic_;
};

using BinaryViewArray = BaseBinaryViewArray<TypeId::kBinaryView>;
using StringViewArray = BaseBinaryViewArray<TypeId::kUtf8View>;

/// Values of exactly byte_width() bytes each.
class FixedSizeBinaryArray : public Array {
 public:
  explicit FixedSizeBinaryArray(std::shared_ptr<ArrayData> data);
  int32_t byte_width() const { return byte_width_; }
  const uint8_t* GetValue(int64_t i) const { return values_ + (data_->offset + i) * byte_width_; }
  std::string_view GetView(int64_t i) const {
    return std::string_view(reinterpret_cast<const char*>(GetValue(i)),
                            static_cast<size_t>(byte_width_));
  }

 private:
  const uint8_t* values_;
  int32_t byte_width_;
};

/// List/LargeList (and Map, which shares the layout): offsets into one child array. The child is
/// not sliced with the parent: offsets address it directly.
template <TypeId kId>
class BaseListArray : public Array {
 public:
  using offset_type = OffsetCTypeT<kId>;

  explicit BaseListArray(std::shared_ptr<ArrayData> data);
  offset_type value_offset(int64_t i) const { return offsets_[i]; }
  offset_type value_length(int64_t i) const { return offsets_[i + 1] - offsets_[i]; }
  const offset_type* raw_value_offsets() const { return offsets_; }
  /// The whole child array.
  const std::shared_ptr<Array>& values() const { return values_; }
  /// The child values of slot i.
  std::shared_ptr<Array> value_slice(int64_t i) const {
    return values_->Slice(value_offset(i), value_length(i));
  }

 protected:
  const offset_type* offsets_;
  std::shared_ptr<Array> values_;
};

using ListArray = BaseListArray<TypeId::kList>;
using LargeListArray = BaseListArray<TypeId::kLargeList>;

/// A list of key/value entries (a struct child of "key" and "value").
class MapArray : public BaseListArray<TypeId::kMap> {
 public:
  explicit MapArray(std::shared_ptr<ArrayData> data);
  const std::shared_ptr<Array>& keys() const { return keys_; }
  const std::shared_ptr<Array>& items() const { return items_; }

 private:
  std::shared_ptr<Array> keys_;
  std::shared_ptr<Array> items_;
};

/// Lists of exactly list_size() values: slot i owns child slots [(offset+i)*size, +size).
class FixedSizeListArray : public Array {
 public:
  explicit FixedSizeListArray(std::shared_ptr<ArrayData> data);
  int32_t list_size() const { return list_size_; }
  int64_t value_offset(int64_t i) const { return (data_->offset + i) * list_size_; }
  int32_t value_length(int64_t /*i*/ = 0) const { return list_size_; }
  const std::shared_ptr<Array>& values() const { return values_; }
  std::shared_ptr<Array> value_slice(int64_t i) const {
    return values_->Slice(value_offset(i), list_size_);
  }

 private:
  int32_t list_size_;
  std::shared_ptr<Array> values_;
};

/// One child array per field; children are windowed by the parent's offset and length.
class StructArray : public Array {
 public:
  explicit StructArray(std::shared_ptr<ArrayData> data);
  int num_fields() const { return static_cast<int>(fields_.size()); }
  /// Field i as seen through this struct's offset and length (its own validity only).
  const std::shared_ptr<Array>& field(int i) const { return fields_[static_cast<size_t>(i)]; }
  /// The field named `name`, or null.
  std::shared_ptr<Array> GetFieldByName(std::string_view name) const;

 private:
  std::vector<std::shared_ptr<Array>> fields_;
};

/// Integer indices into a dictionary array of the value type.
class DictionaryArray : public Array {
 public:
  explicit DictionaryArray(std::shared_ptr<ArrayData> data);
  /// The indices as an integer array of the index type (same offset and validity).
  const std::shared_ptr<Array>& indices() const { return indices_; }
  const std::shared_ptr<Array>& dictionary() const { return dictionary_; }
  /// The index of slot i widened to int64.
  int64_t GetValueIndex(int64_t i) const;

 private:
  std::shared_ptr<Array> indices_;
  std::shared_ptr<Array> dictionary_;
};

/// The typed Array for `data` (by its type id). `data` must be non-null.
std::shared_ptr<Array> MakeArray(std::shared_ptr<ArrayData> data);

/// Column i of a batch as a typed Array.
std::shared_ptr<Array> Column(const RecordBatch& batch, int i);

/// Reads slot i of an integer array of any width (signed or unsigned) as int64; used for
/// dictionary indices and run-time-typed offsets.
int64_t GetIntegerValue(const ArrayData& data, int64_t i);

/// Reads the dictionary index in slot i of a dictionary-typed array (any index width).
int64_t GetDictionaryIndex(const ArrayData& data, int64_t i);

}  // namespace ballista::arrow
