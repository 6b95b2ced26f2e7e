#include "ballista/arrow/array.h"

#include <algorithm>

#include "ballista/arrow/compare.h"
#include "ballista/arrow/decimal_util.h"
#include "ballista/arrow/pretty_print.h"
#include "ballista/arrow/validate.h"
#include "ballista/common/logging.h"

namespace ballista::arrow {

namespace {

const uint8_t* BufferData(const ArrayData& data, size_t i) {
  return data.buffers.size() > i && data.buffers[i] ? data.buffers[i]->data() : nullptr;
}

}  // namespace

Array::Array(std::shared_ptr<ArrayData> data)
    : data_(std::move(data)),
      null_bitmap_(data_->validity()),
      is_null_type_(data_->type->id() == TypeId::kNull) {}

std::shared_ptr<Array> Array::Slice(int64_t offset, int64_t length) const {
  offset = std::clamp<int64_t>(offset, 0, data_->length);
  length = std::clamp<int64_t>(length, 0, data_->length - offset);
  return MakeArray(data_->Slice(offset, length));
}

std::shared_ptr<Array> Array::Slice(int64_t offset) const { return Slice(offset, data_->length); }

bool Array::Equals(const Array& other) const { return ArrayDataEquals(*data_, *other.data_); }

std::string Array::ToString() const {
  static constexpr int64_t kMaxShown = 20;
  std::string out = "[";
  const int64_t shown = std::min(length(), kMaxShown);
  for (int64_t i = 0; i < shown; ++i) {
    if (i > 0) out += ", ";
    out += FormatValue(*data_, i, "null");
  }
  if (length() > shown) out += ", ... " + std::to_string(length() - shown) + " more";
  return out + "]";
}

Status Array::Validate() const { return ValidateArrayData(*data_, false); }

Status Array::ValidateFull() const { return ValidateArrayData(*data_, true); }

BooleanArray::BooleanArray(std::shared_ptr<ArrayData> data)
    : Array(std::move(data)), values_(BufferData(*data_, 1)) {}

int64_t BooleanArray::true_count() const {
  int64_t count = 0;
  for (int64_t i = 0; i < length(); ++i) count += (IsValid(i) && Value(i)) ? 1 : 0;
  return count;
}

DecimalArray::DecimalArray(std::shared_ptr<ArrayData> data)
    : Array(std::move(data)),
      values_(BufferData(*data_, 1)),
      byte_width_(data_->type->byte_width()) {}

__int128 DecimalArray::Value128(int64_t i) const {
  return decimal::ToInt128(GetValue(i), byte_width_);
}

std::string DecimalArray::FormatValue(int64_t i) const {
  return decimal::FormatUnscaled(GetValue(i), byte_width_, scale());
}

FixedSizeBinaryArray::FixedSizeBinaryArray(std::shared_ptr<ArrayData> data)
    : Array(std::move(data)),
      values_(BufferData(*data_, 1)),
      byte_width_(data_->type->fixed_size()) {}

template <TypeId kId>
BaseListArray<kId>::BaseListArray(std::shared_ptr<ArrayData> data) : Array(std::move(data)) {
  offsets_ = data_->buffers.size() > 1 ? data_->template GetValues<offset_type>(1) : nullptr;
  BALLISTA_CHECK(data_->child_data.size() == 1);
  values_ = MakeArray(data_->child_data[0]);
}

template class BaseListArray<TypeId::kList>;
template class BaseListArray<TypeId::kLargeList>;
template class BaseListArray<TypeId::kMap>;

MapArray::MapArray(std::shared_ptr<ArrayData> data) : BaseListArray<TypeId::kMap>(std::move(data)) {
  BALLISTA_CHECK(values_->type_id() == TypeId::kStruct);
  const auto& entries = static_cast<const StructArray&>(*values_);
  BALLISTA_CHECK(entries.num_fields() == 2);
  keys_ = entries.field(0);
  items_ = entries.field(1);
}

FixedSizeListArray::FixedSizeListArray(std::shared_ptr<ArrayData> data)
    : Array(std::move(data)), list_size_(data_->type->fixed_size()) {
  BALLISTA_CHECK(data_->child_data.size() == 1);
  values_ = MakeArray(data_->child_data[0]);
}

StructArray::StructArray(std::shared_ptr<ArrayData> data) : Array(std::move(data)) {
  fields_.reserve(data_->child_data.size());
  for (const auto& child : data_->child_data) {
    // Children are addressed through the parent's window; slice only when that changes anything.
    if (data_->offset == 0 && child->length == data_->length) {
      fields_.push_back(MakeArray(child));
    } else {
      fields_.push_back(MakeArray(child->Slice(data_->offset, data_->length)));
    }
  }
}

std::shared_ptr<Array> StructArray::GetFieldByName(std::string_view name) const {
  const auto& type_fields = data_->type->fields();
  for (size_t i = 0; i < type_fields.size() && i < fields_.size(); ++i) {
    if (type_fields[i]->name() == name) return fields_[i];
  }
  return nullptr;
}

DictionaryArray::DictionaryArray(std::shared_ptr<ArrayData> data) : Array(std::move(data)) {
  auto index_data = std::make_shared<ArrayData>(*data_);
  index_data->type = data_->type->index_type();
  index_data->dictionary = nullptr;
  indices_ = MakeArray(std::move(index_data));
  BALLISTA_CHECK(data_->dictionary != nullptr);
  dictionary_ = MakeArray(data_->dictionary);
}

int64_t DictionaryArray::GetValueIndex(int64_t i) const {
  return GetIntegerValue(*indices_->data(), i);
}

namespace {
// Slot i of `data`'s values buffer read as the integer type `id` (the array's own type, or the
// index type of a dictionary array, whose indices share the same buffer layout).
int64_t ReadInteger(TypeId id, const ArrayData& data, int64_t i) {
  switch (id) {
    case TypeId::kInt8:
      return data.GetValues<int8_t>(1)[i];
    case TypeId::kInt16:
      return data.GetValues<int16_t>(1)[i];
    case TypeId::kInt32:
      return data.GetValues<int32_t>(1)[i];
    case TypeId::kInt64:
      return data.GetValues<int64_t>(1)[i];
    case TypeId::kUInt8:
      return data.GetValues<uint8_t>(1)[i];
    case TypeId::kUInt16:
      return data.GetValues<uint16_t>(1)[i];
    case TypeId::kUInt32:
      return data.GetValues<uint32_t>(1)[i];
    case TypeId::kUInt64:
      return static_cast<int64_t>(data.GetValues<uint64_t>(1)[i]);
    default:
      return 0;
  }
}
}  // namespace

int64_t GetIntegerValue(const ArrayData& data, int64_t i) { return ReadInteger(data.type->id(), data, i); }

int64_t GetDictionaryIndex(const ArrayData& data, int64_t i) {
  return ReadInteger(data.type->index_type()->id(), data, i);
}

std::shared_ptr<Array> MakeArray(std::shared_ptr<ArrayData> data) {
  switch (data->type->id()) {
    case TypeId::kNull:
      return std::make_shared<NullArray>(std::move(data));
    case TypeId::kBool:
      return std::make_shared<BooleanArray>(std::move(data));
    case TypeId::kInt8:
      return std::make_shared<Int8Array>(std::move(data));
    case TypeId::kInt16:
      return std::make_shared<Int16Array>(std::move(data));
    case TypeId::kInt32:
      return std::make_shared<Int32Array>(std::move(data));
    case TypeId::kInt64:
      return std::make_shared<Int64Array>(std::move(data));
    case TypeId::kUInt8:
      return std::make_shared<UInt8Array>(std::move(data));
    case TypeId::kUInt16:
      return std::make_shared<UInt16Array>(std::move(data));
    case TypeId::kUInt32:
      return std::make_shared<UInt32Array>(std::move(data));
    case TypeId::kUInt64:
      return std::make_shared<UInt64Array>(std::move(data));
    case TypeId::kFloat16:
      return std::make_shared<Float16Array>(std::move(data));
    case TypeId::kFloat32:
      return std::make_shared<Float32Array>(std::move(data));
    case TypeId::kFloat64:
      return std::make_shared<Float64Array>(std::move(data));
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      return std::make_shared<DecimalArray>(std::move(data));
    case TypeId::kUtf8:
      return std::make_shared<StringArray>(std::move(data));
    case TypeId::kLargeUtf8:
      return std::make_shared<LargeStringArray>(std::move(data));
    case TypeId::kUtf8View:
      return std::make_shared<StringViewArray>(std::move(data));
    case TypeId::kBinary:
      return std::make_shared<BinaryArray>(std::move(data));
    case TypeId::kLargeBinary:
      return std::make_shared<LargeBinaryArray>(std::move(data));
    case TypeId::kBinaryView:
      return std::make_shared<BinaryViewArray>(std::move(data));
    case TypeId::kFixedSizeBinary:
      return std::make_shared<FixedSizeBinaryArray>(std::move(data));
    case TypeId::kDate32:
      return std::make_shared<Date32Array>(std::move(data));
    case TypeId::kDate64:
      return std::make_shared<Date64Array>(std::move(data));
    case TypeId::kTime32:
      return std::make_shared<Time32Array>(std::move(data));
    case TypeId::kTime64:
      return std::make_shared<Time64Array>(std::move(data));
    case TypeId::kTimestamp:
      return std::make_shared<TimestampArray>(std::move(data));
    case TypeId::kDuration:
      return std::make_shared<DurationArray>(std::move(data));
    case TypeId::kIntervalYearMonth:
      return std::make_shared<IntervalYearMonthArray>(std::move(data));
    case TypeId::kIntervalDayTime:
      return std::make_shared<IntervalDayTimeArray>(std::move(data));
    case TypeId::kIntervalMonthDayNano:
      return std::make_shared<IntervalMonthDayNanoArray>(std::move(data));
    case TypeId::kList:
      return std::make_shared<ListArray>(std::move(data));
    case TypeId::kLargeList:
      return std::make_shared<LargeListArray>(std::move(data));
    case TypeId::kFixedSizeList:
      return std::make_shared<FixedSizeListArray>(std::move(data));
    case TypeId::kStruct:
      return std::make_shared<StructArray>(std::move(data));
    case TypeId::kMap:
      return std::make_shared<MapArray>(std::move(data));
    case TypeId::kDictionary:
      return std::make_shared<DictionaryArray>(std::move(data));
  }
  return std::make_shared<Array>(std::move(data));
}

std::shared_ptr<Array> Column(const RecordBatch& batch, int i) {
  return MakeArray(batch.column_data(i));
}

}  // namespace ballista::arrow
