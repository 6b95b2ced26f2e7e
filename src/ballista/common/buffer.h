#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "ballista/common/memory_pool.h"
#include "ballista/common/result.h"

namespace ballista {

/// A contiguous byte range: the unit of Arrow memory. Immutable once shared; `owner` keeps the
/// memory alive (a parent buffer, a mapped file, an imported C array, a string). Thread-safe for
/// reads.
class Buffer {
 public:
  /// Wraps `size` bytes at `data`, kept alive by `owner` (null: the caller guarantees lifetime).
  Buffer(const uint8_t* data, int64_t size, std::shared_ptr<const void> owner = nullptr)
      : data_(const_cast<uint8_t*>(data)), size_(size), owner_(std::move(owner)) {}
  virtual ~Buffer() = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  const uint8_t* data() const { return data_; }
  int64_t size() const { return size_; }
  std::string_view view() const {
    return std::string_view(reinterpret_cast<const char*>(data_), static_cast<size_t>(size_));
  }
  template <typename T>
  const T* data_as() const { return reinterpret_cast<const T*>(data_); }

  /// Writable pointer, for the producer that still holds the only reference (builders, readers
  /// filling a freshly allocated buffer). Writing after the buffer is shared is a bug.
  uint8_t* mutable_data() { return data_; }
  template <typename T>
  T* mutable_data_as() { return reinterpret_cast<T*>(data_); }

  /// Byte-wise equality of contents (sizes must match).
  bool Equals(const Buffer& other) const {
    return size_ == other.size_ && (size_ == 0 || std::memcmp(data_, other.data_, size_) == 0);
  }

  /// A zero-copy view of [offset, offset + length) that keeps `parent` alive.
  static std::shared_ptr<Buffer> Slice(const std::shared_ptr<Buffer>& parent, int64_t offset,
                                       int64_t length);
  /// A buffer owning a copy of `bytes`, padded and aligned like a pool buffer.
  static std::shared_ptr<Buffer> CopyOf(std::string_view bytes);
  /// A buffer that owns `text` (moved in, no copy of the characters).
  static std::shared_ptr<Buffer> FromString(std::string text);

 protected:
  uint8_t* data_;
  int64_t size_;
  std::shared_ptr<const void> owner_;
};

/// A growable buffer from a MemoryPool: 64-byte aligned, capacity a multiple of 64 bytes, bytes
/// past size() up to capacity() zeroed so IPC padding and SIMD over-reads are defined.
/// Single-threaded while being built.
class PoolBuffer final : public Buffer {
 public:
  ~PoolBuffer() override;

  /// Allocates a buffer of `size` bytes (contents zeroed).
  static Result<std::unique_ptr<PoolBuffer>> Make(int64_t size, MemoryPool* pool = DefaultMemoryPool());

  int64_t capacity() const { return capacity_; }
  MemoryPool* pool() const { return pool_; }

  /// Sets the size, growing capacity geometrically when needed; new bytes are zero.
  Status Resize(int64_t new_size);
  /// Ensures capacity() >= `capacity` without changing size().
  Status Reserve(int64_t capacity);
  /// Releases capacity beyond size() (rounded up to the alignment).
  Status ShrinkToFit();

 private:
  explicit PoolBuffer(MemoryPool* pool) : Buffer(nullptr, 0), pool_(pool), account_(pool->account()) {}
  Status SetCapacity(int64_t capacity);

  /// Used while the buffer is built (its pool is alive then).
  MemoryPool* pool_;
  /// Keeps the accounting alive so a finished buffer can outlive its pool.
  std::shared_ptr<MemoryPool::Account> account_;
  int64_t capacity_ = 0;
};

/// Allocates a zeroed buffer of `size` bytes as a shared Buffer.
Result<std::shared_ptr<Buffer>> AllocateBuffer(int64_t size, MemoryPool* pool = DefaultMemoryPool());

/// Rounds up to a multiple of kBufferAlignment.
inline int64_t RoundUpToAlignment(int64_t n) {
  return (n + kBufferAlignment - 1) / kBufferAlignment * kBufferAlignment;
}

}  // namespace ballista
