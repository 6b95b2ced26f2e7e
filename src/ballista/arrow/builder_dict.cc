#include "ballista/arrow/builder_dict.h"

#include <cstring>
#include <limits>

#include "ballista/arrow/builder_binary.h"
#include "ballista/arrow/type_traits.h"

namespace ballista::arrow {

namespace {

int64_t MaxIndexFor(TypeId index_id) {
  switch (index_id) {
    case TypeId::kInt8:
      return std::numeric_limits<int8_t>::max();
    case TypeId::kUInt8:
      return std::numeric_limits<uint8_t>::max();
    case TypeId::kInt16:
      return std::numeric_limits<int16_t>::max();
    case TypeId::kUInt16:
      return std::numeric_limits<uint16_t>::max();
    case TypeId::kInt32:
      return std::numeric_limits<int32_t>::max();
    case TypeId::kUInt32:
      return std::numeric_limits<uint32_t>::max();
    default:
      return std::numeric_limits<int64_t>::max();
  }
}

template <typename T>
void NarrowIndices(const int64_t* wide, int64_t count, uint8_t* out) {
  auto* typed = reinterpret_cast<T*>(out);
  for (int64_t i = 0; i < count; ++i) typed[i] = static_cast<T>(wide[i]);
}

std::string_view Bytes(const uint8_t* data, int64_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), static_cast<size_t>(size));
}

}  // namespace

Result<std::unique_ptr<DictionaryBuilder>> DictionaryBuilder::Make(DataTypePtr type,
                                                                   MemoryPool* pool) {
  if (type->id() != TypeId::kDictionary) {
    return Status::InvalidArgument("dictionary builder needs a dictionary type, got " +
                                   type->ToString());
  }
  const DataType& value_type = *type->value_type();
  const TypeId id = value_type.id();
  Layout layout;
  int width = 0;
  if (id == TypeId::kUtf8 || id == TypeId::kBinary) {
    layout = Layout::kOffsets32;
  } else if (id == TypeId::kLargeUtf8 || id == TypeId::kLargeBinary) {
    layout = Layout::kOffsets64;
  } else if (IsBinaryView(id)) {
    layout = Layout::kView;
  } else if (id != TypeId::kBool && IsFixedWidth(id) && value_type.byte_width() > 0) {
    layout = Layout::kFixed;
    width = value_type.byte_width();
  } else {
    return Status::Unsupported("dictionary builder: values of type " + value_type.ToString() +
                               " cannot be dictionary-encoded");
  }
  return std::unique_ptr<DictionaryBuilder>(
      new DictionaryBuilder(std::move(type), layout, width, pool));
}

DictionaryBuilder::DictionaryBuilder(DataTypePtr type, Layout layout, int value_width,
                                     MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool),
      layout_(layout),
      value_width_(value_width),
      max_index_(MaxIndexFor(type_->index_type()->id())),
      indices_(pool) {}

Status DictionaryBuilder::AppendKey(std::string_view key) {
  auto [it, inserted] = memo_.try_emplace(std::string(key), dictionary_length());
  if (inserted) {
    if (it->second > max_index_) {
      memo_.erase(it);
      return Status::InvalidArgument(
          "dictionary builder: more than " + std::to_string(max_index_ + 1) +
          " distinct values do not fit index type " + type_->index_type()->ToString());
    }
    order_.push_back(&it->first);
  }
  RETURN_NOT_OK(indices_.Append(it->second));
  ++length_;
  return validity_.AppendValid();
}

Status DictionaryBuilder::Append(std::string_view value) {
  if (layout_ == Layout::kFixed && static_cast<int>(value.size()) != value_width_) {
    return Status::InvalidArgument("dictionary builder: value of " + std::to_string(value.size()) +
                                   " bytes for " + type_->value_type()->ToString() + " (expected " +
                                   std::to_string(value_width_) + ")");
  }
  if (layout_ == Layout::kView &&
      value.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return Status::ResourcesExhausted("dictionary builder: value too large for a view");
  }
  return AppendKey(value);
}

Status DictionaryBuilder::AppendInt(int64_t value) {
  const DataType& value_type = *type_->value_type();
  const TypeId id = value_type.id();
  const bool integer_stored = IsInteger(id) || id == TypeId::kDate32 || id == TypeId::kDate64 ||
                              id == TypeId::kTime32 || id == TypeId::kTime64 ||
                              id == TypeId::kTimestamp || id == TypeId::kDuration ||
                              id == TypeId::kIntervalYearMonth;
  if (!integer_stored) {
    return Status::TypeError("dictionary builder: AppendInt on values of type " +
                             value_type.ToString());
  }
  const int width = value_type.byte_width();
  bool fits = true;
  if (width < 8) {
    const int64_t bits = width * 8;
    if (IsUnsignedInteger(id)) {
      fits = value >= 0 && value < (int64_t{1} << bits);
    } else {
      fits = value >= -(int64_t{1} << (bits - 1)) && value < (int64_t{1} << (bits - 1));
    }
  } else if (IsUnsignedInteger(id)) {
    fits = value >= 0;
  }
  if (!fits) {
    return Status::InvalidArgument("dictionary builder: " + std::to_string(value) +
                                   " is out of range for " + value_type.ToString());
  }
  // Little-endian: the low `width` bytes of the int64 are the narrowed value.
  return AppendKey(Bytes(reinterpret_cast<const uint8_t*>(&value), width));
}

Status DictionaryBuilder::AppendDouble(double value) {
  switch (type_->value_type()->id()) {
    case TypeId::kFloat64:
      return AppendKey(Bytes(reinterpret_cast<const uint8_t*>(&value), 8));
    case TypeId::kFloat32: {
      auto f = static_cast<float>(value);
      return AppendKey(Bytes(reinterpret_cast<const uint8_t*>(&f), 4));
    }
    case TypeId::kFloat16: {
      uint16_t h = FloatToFloat16(static_cast<float>(value));
      return AppendKey(Bytes(reinterpret_cast<const uint8_t*>(&h), 2));
    }
    default:
      return Status::TypeError("dictionary builder: AppendDouble on values of type " +
                               type_->value_type()->ToString());
  }
}

Status DictionaryBuilder::AppendArray(const ArrayData& values) {
  if (!values.type->Equals(*type_->value_type())) {
    return Status::TypeError("dictionary builder: values of type " + values.type->ToString() +
                             " for a dictionary of " + type_->value_type()->ToString());
  }
  for (int64_t i = 0; i < values.length; ++i) {
    if (values.IsNull(i)) {
      RETURN_NOT_OK(AppendNull());
      continue;
    }
    const int64_t slot = values.offset + i;
    switch (layout_) {
      case Layout::kFixed:
        RETURN_NOT_OK(
            AppendKey(Bytes(values.buffers[1]->data() + slot * value_width_, value_width_)));
        break;
      case Layout::kOffsets32: {
        const auto* offsets = values.buffers[1]->data_as<int32_t>();
        RETURN_NOT_OK(AppendKey(
            Bytes(values.buffers[2]->data() + offsets[slot], offsets[slot + 1] - offsets[slot])));
        break;
      }
      case Layout::kOffsets64: {
        const auto* offsets = values.buffers[1]->data_as<int64_t>();
        RETURN_NOT_OK(AppendKey(
            Bytes(values.buffers[2]->data() + offsets[slot], offsets[slot + 1] - offsets[slot])));
        break;
      }
      case Layout::kView: {
        const BinaryViewValue& view = values.buffers[1]->data_as<BinaryViewValue>()[slot];
        const uint8_t* bytes =
            view.is_inline()
                ? view.inline_data()
                : values.buffers[2 + static_cast<size_t>(view.buffer_index())]->data() +
                      view.buffer_offset();
        RETURN_NOT_OK(AppendKey(Bytes(bytes, view.size)));
        break;
      }
    }
  }
  return Status::OK();
}

Status DictionaryBuilder::AppendNull() {
  RETURN_NOT_OK(indices_.Append(0));
  ++length_;
  return validity_.AppendNull();
}

Status DictionaryBuilder::AppendNulls(int64_t count) {
  RETURN_NOT_OK(indices_.AppendCopies(count, 0));
  length_ += count;
  return validity_.AppendNulls(count);
}

Status DictionaryBuilder::AppendEmptyValue() {
  if (layout_ == Layout::kFixed) {
    std::string zeros(static_cast<size_t>(value_width_), '\0');
    return AppendKey(zeros);
  }
  return AppendKey(std::string_view());
}

Result<std::shared_ptr<ArrayData>> DictionaryBuilder::FinishDictionary() {
  const DataTypePtr& value_type = type_->value_type();
  const auto count = static_cast<int64_t>(order_.size());
  switch (layout_) {
    case Layout::kFixed: {
      TypedBufferBuilder<uint8_t> values(pool_);
      RETURN_NOT_OK(values.Reserve(count * value_width_));
      for (const std::string* key : order_) {
        RETURN_NOT_OK(values.Append(reinterpret_cast<const uint8_t*>(key->data()), value_width_));
      }
      ASSIGN_OR_RAISE(auto buffer, values.Finish());
      return ArrayData::Make(value_type, count, {nullptr, std::move(buffer)}, 0);
    }
    case Layout::kOffsets32:
    case Layout::kOffsets64: {
      auto build = [&](auto& builder) -> Result<std::shared_ptr<ArrayData>> {
        RETURN_NOT_OK(builder.Reserve(count));
        for (const std::string* key : order_) RETURN_NOT_OK(builder.Append(*key));
        ASSIGN_OR_RAISE(auto data, builder.Finish());
        data->type = value_type;  // Utf8 vs Binary: keep the dictionary's own value type
        return data;
      };
      if (layout_ == Layout::kOffsets32) {
        BinaryBuilder builder(pool_);
        return build(builder);
      }
      LargeBinaryBuilder builder(pool_);
      return build(builder);
    }
    case Layout::kView: {
      BinaryViewBuilder builder(pool_);
      RETURN_NOT_OK(builder.Reserve(count));
      for (const std::string* key : order_) RETURN_NOT_OK(builder.Append(*key));
      ASSIGN_OR_RAISE(auto data, builder.Finish());
      data->type = value_type;
      return data;
    }
  }
  return Status::Internal("dictionary builder: unknown layout");
}

Result<std::shared_ptr<ArrayData>> DictionaryBuilder::Finish() {
  ASSIGN_OR_RAISE(auto dictionary, FinishDictionary());
  const DataType& index_type = *type_->index_type();
  const int width = index_type.byte_width();
  const int64_t length = length_;
  TypedBufferBuilder<uint8_t> narrowed(pool_);
  RETURN_NOT_OK(narrowed.AppendCopies(length * width, 0));
  switch (width) {
    case 1:
      NarrowIndices<uint8_t>(indices_.data(), length, narrowed.mutable_data());
      break;
    case 2:
      NarrowIndices<uint16_t>(indices_.data(), length, narrowed.mutable_data());
      break;
    case 4:
      NarrowIndices<uint32_t>(indices_.data(), length, narrowed.mutable_data());
      break;
    default:
      NarrowIndices<uint64_t>(indices_.data(), length, narrowed.mutable_data());
      break;
  }
  const int64_t nulls = validity_.null_count();
  ASSIGN_OR_RAISE(auto validity, FinishValidity());
  ASSIGN_OR_RAISE(auto index_buffer, narrowed.Finish());
  indices_.Reset();
  memo_.clear();
  order_.clear();
  auto data = ArrayData::Make(type_, length, {std::move(validity), std::move(index_buffer)}, nulls);
  data->dictionary = std::move(dictionary);
  return data;
}

void DictionaryBuilder::Reset() {
  ArrayBuilder::Reset();
  indices_.Reset();
  memo_.clear();
  order_.clear();
}

}  // namespace ballista::arrow
