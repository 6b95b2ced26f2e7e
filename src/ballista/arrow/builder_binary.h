#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/arrow/builder_base.h"
#include "ballista/arrow/type_traits.h"

namespace ballista::arrow {

/// Builds Utf8/Binary (int32 offsets) and LargeUtf8/LargeBinary (int64 offsets). Strings are not
/// checked for UTF-8 here (that is ValidateArrayData(full)'s job), so appends stay a copy.
/// Single-threaded.
template <TypeId kId>
class BaseBinaryBuilder final : public ArrayBuilder {
 public:
  using offset_type = OffsetCTypeT<kId>;
  static constexpr int64_t kMaxDataLength = std::numeric_limits<offset_type>::max();

  explicit BaseBinaryBuilder(MemoryPool* pool = DefaultMemoryPool())
      : ArrayBuilder(ParameterFreeType(kId), pool), offsets_(pool), data_(pool) {}

  Status Append(std::string_view value) {
    return Append(reinterpret_cast<const uint8_t*>(value.data()),
                  static_cast<int64_t>(value.size()));
  }
  Status Append(const uint8_t* value, int64_t size) {
    RETURN_NOT_OK(AppendOffset(size));
    RETURN_NOT_OK(data_.Append(value, size));
    ++length_;
    return validity_.AppendValid();
  }
  /// Appends strings with optional validity bytes (non-zero = valid; a null gets no bytes).
  Status AppendValues(const std::vector<std::string>& values,
                      const uint8_t* valid_bytes = nullptr) {
    for (size_t i = 0; i < values.size(); ++i) {
      RETURN_NOT_OK(valid_bytes == nullptr || valid_bytes[i] != 0 ? Append(values[i])
                                                                  : AppendNull());
    }
    return Status::OK();
  }
  /// An empty value under a null.
  Status AppendNull() override {
    RETURN_NOT_OK(AppendOffset(0));
    ++length_;
    return validity_.AppendNull();
  }
  Status AppendNulls(int64_t count) override {
    RETURN_NOT_OK(offsets_.AppendCopies(count, static_cast<offset_type>(data_.length())));
    length_ += count;
    return validity_.AppendNulls(count);
  }
  /// Appends "".
  Status AppendEmptyValue() override { return Append(std::string_view()); }
  Status AppendEmptyValues(int64_t count) override {
    RETURN_NOT_OK(offsets_.AppendCopies(count, static_cast<offset_type>(data_.length())));
    length_ += count;
    return validity_.AppendValid(count);
  }
  /// Reserves offsets.
  Status Reserve(int64_t additional) override { return offsets_.Reserve(additional + 1); }
  /// Reserves value bytes.
  Status ReserveData(int64_t additional_bytes) { return data_.Reserve(additional_bytes); }
  /// Bytes appended so far.
  int64_t value_data_length() const { return data_.length(); }
  /// Value i appended so far.
  std::string_view GetView(int64_t i) const {
    const int64_t start = offsets_[i];
    const int64_t end = i + 1 < offsets_.length() ? offsets_[i + 1] : data_.length();
    return std::string_view(reinterpret_cast<const char*>(data_.data()) + start,
                            static_cast<size_t>(end - start));
  }

  /// Buffers [validity, offsets (length + 1), data].
  Result<std::shared_ptr<ArrayData>> Finish() override {
    RETURN_NOT_OK(offsets_.Append(static_cast<offset_type>(data_.length())));
    const int64_t length = length_;
    const int64_t nulls = validity_.null_count();
    ASSIGN_OR_RAISE(auto validity, FinishValidity());
    ASSIGN_OR_RAISE(auto offsets, offsets_.Finish());
    ASSIGN_OR_RAISE(auto data, data_.Finish());
    return ArrayData::Make(type_, length,
                           {std::move(validity), std::move(offsets), std::move(data)}, nulls);
  }
  /// Drops offsets and data too.
  void Reset() override {
    ArrayBuilder::Reset();
    offsets_.Reset();
    data_.Reset();
  }

 private:
  // Records where the next value starts, refusing data past what the offset type can address.
  Status AppendOffset(int64_t next_size) {
    if (next_size > kMaxDataLength - data_.length()) {
      return Status::ResourcesExhausted(type_->ToString() + " builder: values exceed " +
                                        std::to_string(kMaxDataLength) +
                                        " bytes; use a large type");
    }
    return offsets_.Append(static_cast<offset_type>(data_.length()));
  }

  TypedBufferBuilder<offset_type> offsets_;
  TypedBufferBuilder<uint8_t> data_;
};

using BinaryBuilder = BaseBinaryBuilder<TypeId::kBinary>;
using StringBuilder = BaseBinaryBuilder<TypeId::kUtf8>;
using LargeBinaryBuilder = BaseBinaryBuilder<TypeId::kLargeBinary>;
using LargeStringBuilder = BaseBinaryBuilder<TypeId::kLargeUtf8>;

/// Builds Utf8View/BinaryView: values of up to 12 bytes live in their view; longer ones are
/// copied into data blocks of at least kBlockSize bytes, each a variadic buffer. Single-threaded.
template <TypeId kId>
class BaseBinaryViewBuilder final : public ArrayBuilder {
 public:
  static constexpr int64_t kBlockSize = 32 * 1024;

  explicit BaseBinaryViewBuilder(MemoryPool* pool = DefaultMemoryPool())
      : ArrayBuilder(ParameterFreeType(kId), pool), views_(pool), block_(pool) {}

  Status Append(std::string_view value) {
    if (value.size() <= static_cast<size_t>(BinaryViewValue::kInlineSize)) {
      RETURN_NOT_OK(views_.Append(BinaryViewValue::Inline(value)));
    } else {
      RETURN_NOT_OK(AppendOutOfLine(value));
    }
    ++length_;
    return validity_.AppendValid();
  }
  Status Append(const uint8_t* value, int64_t size) {
    return Append(
        std::string_view(reinterpret_cast<const char*>(value), static_cast<size_t>(size)));
  }
  /// An empty view under a null.
  Status AppendNull() override {
    RETURN_NOT_OK(views_.Append(BinaryViewValue{}));
    ++length_;
    return validity_.AppendNull();
  }
  Status AppendNulls(int64_t count) override {
    RETURN_NOT_OK(views_.AppendCopies(count, BinaryViewValue{}));
    length_ += count;
    return validity_.AppendNulls(count);
  }
  /// Appends "".
  Status AppendEmptyValue() override { return Append(std::string_view()); }
  Status AppendEmptyValues(int64_t count) override {
    RETURN_NOT_OK(views_.AppendCopies(count, BinaryViewValue{}));
    length_ += count;
    return validity_.AppendValid(count);
  }
  /// Reserves views.
  Status Reserve(int64_t additional) override { return views_.Reserve(additional); }

  /// Buffers [validity, views, data blocks...].
  Result<std::shared_ptr<ArrayData>> Finish() override {
    RETURN_NOT_OK(FlushBlock());
    const int64_t length = length_;
    const int64_t nulls = validity_.null_count();
    ASSIGN_OR_RAISE(auto validity, FinishValidity());
    ASSIGN_OR_RAISE(auto views, views_.Finish());
    std::vector<std::shared_ptr<Buffer>> buffers = {std::move(validity), std::move(views)};
    for (auto& block : blocks_) buffers.push_back(std::move(block));
    blocks_.clear();
    return ArrayData::Make(type_, length, std::move(buffers), nulls);
  }
  /// Drops views and blocks too.
  void Reset() override {
    ArrayBuilder::Reset();
    views_.Reset();
    block_.Reset();
    blocks_.clear();
  }

 private:
  Status AppendOutOfLine(std::string_view value) {
    const auto size = static_cast<int64_t>(value.size());
    if (size > std::numeric_limits<int32_t>::max()) {
      return Status::ResourcesExhausted(type_->ToString() + " builder: a value of " +
                                        std::to_string(size) +
                                        " bytes is larger than a view can address");
    }
    // Start a new block when this one cannot take the value; blocks never pass 2^31 bytes, so
    // the int32 offset in the view always fits.
    if (block_.length() > 0 && (size > block_.capacity() - block_.length() ||
                                size > std::numeric_limits<int32_t>::max() - block_.length())) {
      RETURN_NOT_OK(FlushBlock());
    }
    if (block_.length() == 0) RETURN_NOT_OK(block_.Reserve(std::max(kBlockSize, size)));
    const auto offset = static_cast<int32_t>(block_.length());
    RETURN_NOT_OK(block_.Append(reinterpret_cast<const uint8_t*>(value.data()), size));
    return views_.Append(
        BinaryViewValue::Reference(value, static_cast<int32_t>(blocks_.size()), offset));
  }
  Status FlushBlock() {
    if (block_.length() == 0) return Status::OK();
    ASSIGN_OR_RAISE(auto block, block_.Finish());
    blocks_.push_back(std::move(block));
    return Status::OK();
  }

  TypedBufferBuilder<BinaryViewValue> views_;
  TypedBufferBuilder<uint8_t> block_;
  std::vector<std::shared_ptr<Buffer>> blocks_;
};

using BinaryViewBuilder = BaseBinaryViewBuilder<TypeId::kBinaryView>;
using StringViewBuilder = BaseBinaryViewBuilder<TypeId::kUtf8View>;

}  // namespace ballista::arrow
