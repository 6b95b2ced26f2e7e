#pragma once

// Growable buffers that array builders write into: values of a C type, bits, and a validity
// bitmap that is only materialized once the first null arrives. All grow geometrically from a
// MemoryPool, write in place, and hand their bytes over as a 64-byte aligned, zero-padded Buffer.

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <utility>

#include "ballista/arrow/bit_util.h"
#include "ballista/common/buffer.h"

namespace ballista::arrow {

/// A growable array of trivially copyable T in one PoolBuffer. Appends are inline; growth
/// (amortized doubling) is out of line. Single-threaded.
template <typename T>
class TypedBufferBuilder {
 public:
  explicit TypedBufferBuilder(MemoryPool* pool = DefaultMemoryPool()) : pool_(pool) {}
  TypedBufferBuilder(const TypedBufferBuilder&) = delete;
  TypedBufferBuilder& operator=(const TypedBufferBuilder&) = delete;
  TypedBufferBuilder(TypedBufferBuilder&& other) noexcept
      : pool_(other.pool_),
        buffer_(std::move(other.buffer_)),
        data_(std::exchange(other.data_, nullptr)),
        length_(std::exchange(other.length_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  TypedBufferBuilder& operator=(TypedBufferBuilder&& other) noexcept {
    pool_ = other.pool_;
    buffer_ = std::move(other.buffer_);
    data_ = std::exchange(other.data_, nullptr);
    length_ = std::exchange(other.length_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
    return *this;
  }

  /// Number of values written.
  int64_t length() const { return length_; }
  int64_t capacity() const { return capacity_; }
  const T* data() const { return data_; }
  T* mutable_data() { return data_; }
  const T& operator[](int64_t i) const { return data_[i]; }
  T& operator[](int64_t i) { return data_[i]; }

  /// Ensures room for `additional` more values without growing again.
  Status Reserve(int64_t additional) {
    if (additional > capacity_ - length_) return Grow(length_ + additional);
    return Status::OK();
  }
  Status Append(const T& value) {
    if (length_ == capacity_) RETURN_NOT_OK(Grow(length_ + 1));
    data_[length_++] = value;
    return Status::OK();
  }
  /// Append after Reserve.
  void UnsafeAppend(const T& value) { data_[length_++] = value; }
  Status Append(const T* values, int64_t count) {
    if (count <= 0) return Status::OK();
    RETURN_NOT_OK(Reserve(count));
    std::memcpy(data_ + length_, values, static_cast<size_t>(count) * sizeof(T));
    length_ += count;
    return Status::OK();
  }
  Status AppendCopies(int64_t count, const T& value) {
    if (count <= 0) return Status::OK();
    RETURN_NOT_OK(Reserve(count));
    std::fill(data_ + length_, data_ + length_ + count, value);
    length_ += count;
    return Status::OK();
  }

  /// Shrinks to `new_length` values, zeroing the dropped ones to keep the padding contract.
  void Rewind(int64_t new_length) {
    if (new_length >= length_) return;
    std::memset(static_cast<void*>(data_ + new_length), 0,
                static_cast<size_t>(length_ - new_length) * sizeof(T));
    length_ = new_length;
  }

  /// The values written so far as a Buffer of exactly length() * sizeof(T) bytes (zero padded to
  /// the allocation); the builder starts again empty.
  Result<std::shared_ptr<Buffer>> Finish() {
    if (buffer_ == nullptr) {
      ASSIGN_OR_RAISE(buffer_, PoolBuffer::Make(0, pool_));
    }
    RETURN_NOT_OK(buffer_->Resize(length_ * static_cast<int64_t>(sizeof(T))));
    std::shared_ptr<Buffer> out(std::move(buffer_));
    Reset();
    return out;
  }
  /// Drops everything written.
  void Reset() {
    buffer_.reset();
    data_ = nullptr;
    length_ = 0;
    capacity_ = 0;
  }

 private:
  Status Grow(int64_t min_capacity) {
    constexpr int64_t kMaxValues =
        std::numeric_limits<int64_t>::max() / 2 / static_cast<int64_t>(sizeof(T));
    if (min_capacity > kMaxValues) {
      return Status::ResourcesExhausted("buffer builder: " + std::to_string(min_capacity) +
                                        " values do not fit in one buffer");
    }
    if (buffer_ == nullptr) {
      ASSIGN_OR_RAISE(buffer_, PoolBuffer::Make(0, pool_));
    }
    int64_t wanted =
        std::max<int64_t>({min_capacity, capacity_ * 2, 64 / static_cast<int64_t>(sizeof(T)), 1});
    RETURN_NOT_OK(buffer_->Reserve(wanted * static_cast<int64_t>(sizeof(T))));
    data_ = buffer_->template mutable_data_as<T>();
    capacity_ = buffer_->capacity() / static_cast<int64_t>(sizeof(T));
    return Status::OK();
  }

  MemoryPool* pool_;
  std::unique_ptr<PoolBuffer> buffer_;
  T* data_ = nullptr;
  int64_t length_ = 0;
  int64_t capacity_ = 0;
};

/// A growable bitmap (LSB first). New bits start as zero, so appending false is a bounds check.
/// Single-threaded.
class BitmapBuilder {
 public:
  explicit BitmapBuilder(MemoryPool* pool = DefaultMemoryPool()) : bytes_(pool) {}

  /// Number of bits written.
  int64_t length() const { return length_; }
  const uint8_t* data() const { return bytes_.data(); }
  bool GetBit(int64_t i) const { return bit_util::GetBit(bytes_.data(), i); }

  Status Reserve(int64_t additional_bits) {
    int64_t bytes_needed = bit_util::BytesForBits(length_ + additional_bits);
    if (bytes_needed > bytes_.length()) {
      RETURN_NOT_OK(bytes_.AppendCopies(bytes_needed - bytes_.length(), 0));
    }
    return Status::OK();
  }
  Status Append(bool value) {
    if ((length_ >> 3) >= bytes_.length()) RETURN_NOT_OK(bytes_.Append(0));
    if (value) bit_util::SetBit(bytes_.mutable_data(), length_);
    ++length_;
    return Status::OK();
  }
  /// Append after Reserve.
  void UnsafeAppend(bool value) {
    if (value) bit_util::SetBit(bytes_.mutable_data(), length_);
    ++length_;
  }
  Status AppendCopies(int64_t count, bool value) {
    if (count <= 0) return Status::OK();
    RETURN_NOT_OK(Reserve(count));
    if (value) bit_util::SetBitsTo(bytes_.mutable_data(), length_, count, true);
    length_ += count;
    return Status::OK();
  }
  /// Appends `count` bits of `bits` starting at bit `offset`.
  Status AppendBits(const uint8_t* bits, int64_t offset, int64_t count) {
    if (count <= 0) return Status::OK();
    RETURN_NOT_OK(Reserve(count));
    bit_util::CopyBitmap(bits, offset, count, bytes_.mutable_data(), length_);
    length_ += count;
    return Status::OK();
  }

  /// The bits as a Buffer of BytesForBits(length()) bytes; the builder starts again empty.
  Result<std::shared_ptr<Buffer>> Finish() {
    bytes_.Rewind(bit_util::BytesForBits(length_));
    length_ = 0;
    return bytes_.Finish();
  }
  void Reset() {
    bytes_.Reset();
    length_ = 0;
  }

 private:
  TypedBufferBuilder<uint8_t> bytes_;
  int64_t length_ = 0;
};

/// A validity bitmap that costs nothing until the first null: before that only a length is
/// kept, and Finish gives a null buffer ("all valid"), as the Arrow spec allows. Single-threaded.
class ValidityBuilder {
 public:
  explicit ValidityBuilder(MemoryPool* pool = DefaultMemoryPool()) : bits_(pool) {}

  int64_t length() const { return length_; }
  int64_t null_count() const { return null_count_; }
  bool IsValid(int64_t i) const { return !materialized_ || bits_.GetBit(i); }

  Status AppendValid() {
    ++length_;
    return materialized_ ? bits_.Append(true) : Status::OK();
  }
  Status AppendNull() {
    if (!materialized_) RETURN_NOT_OK(Materialize());
    ++length_;
    ++null_count_;
    return bits_.Append(false);
  }
  Status Append(bool is_valid) { return is_valid ? AppendValid() : AppendNull(); }
  Status AppendValid(int64_t count) {
    if (count <= 0) return Status::OK();
    length_ += count;
    return materialized_ ? bits_.AppendCopies(count, true) : Status::OK();
  }
  Status AppendNulls(int64_t count) {
    if (count <= 0) return Status::OK();
    if (!materialized_) RETURN_NOT_OK(Materialize());
    length_ += count;
    null_count_ += count;
    return bits_.AppendCopies(count, false);
  }
  /// Appends `count` validity bits taken from a byte per slot (non-zero = valid); null means all
  /// valid.
  Status AppendValidBytes(const uint8_t* valid_bytes, int64_t count) {
    if (valid_bytes == nullptr) return AppendValid(count);
    for (int64_t i = 0; i < count; ++i) RETURN_NOT_OK(Append(valid_bytes[i] != 0));
    return Status::OK();
  }

  /// The bitmap, or null when there was no null; the builder starts again empty.
  Result<std::shared_ptr<Buffer>> Finish() {
    std::shared_ptr<Buffer> out;
    if (null_count_ > 0) {
      ASSIGN_OR_RAISE(out, bits_.Finish());
    }
    Reset();
    return out;
  }
  void Reset() {
    bits_.Reset();
    materialized_ = false;
    length_ = 0;
    null_count_ = 0;
  }

 private:
  Status Materialize() {
    materialized_ = true;
    return bits_.AppendCopies(length_, true);
  }

  BitmapBuilder bits_;
  bool materialized_ = false;
  int64_t length_ = 0;
  int64_t null_count_ = 0;
};

}  // namespace ballista::arrow
