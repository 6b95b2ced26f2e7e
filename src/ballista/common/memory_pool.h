#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "ballista/common/status.h"

namespace ballista {

/// Alignment of every allocation (one cache line; what Arrow recommends for SIMD-friendly buffers).
inline constexpr int64_t kBufferAlignment = 64;

/// Accounts bytes against an optional limit, and optionally against a parent pool, so that memory
/// can be tracked query -> task -> operator. A request that would pass the limit of this pool or
/// of any ancestor is refused with a ResourcesExhausted status naming the pool, and nothing is
/// charged. All methods may be called concurrently.
class MemoryPool {
 public:
  static constexpr int64_t kUnlimited = -1;

  /// `parent` (may be null) must outlive this pool.
  explicit MemoryPool(std::string name, int64_t limit = kUnlimited, MemoryPool* parent = nullptr);
  ~MemoryPool();
  MemoryPool(const MemoryPool&) = delete;
  MemoryPool& operator=(const MemoryPool&) = delete;

  /// Allocates `size` bytes aligned to kBufferAlignment. Size 0 yields a valid non-null pointer.
  Status Allocate(int64_t size, uint8_t** out);
  /// Grows or shrinks an allocation made by this pool, keeping its contents.
  Status Reallocate(int64_t old_size, int64_t new_size, uint8_t** ptr);
  /// Returns an allocation of `size` bytes made by this pool.
  void Free(uint8_t* ptr, int64_t size);

  /// Charges `bytes` without allocating (for memory this pool does not hand out itself).
  Status Reserve(int64_t bytes);
  /// Undoes Reserve(bytes).
  void Release(int64_t bytes);

  const std::string& name() const { return name_; }
  int64_t limit() const { return limit_; }
  int64_t bytes_allocated() const { return used_.load(std::memory_order_relaxed); }
  int64_t peak_bytes() const { return peak_.load(std::memory_order_relaxed); }
  MemoryPool* parent() const { return parent_; }

 private:
  std::string name_;
  int64_t limit_;
  MemoryPool* parent_;
  std::atomic<int64_t> used_{0};
  std::atomic<int64_t> peak_{0};
};

/// The process-wide pool with no limit; parent of every other pool by default.
MemoryPool* DefaultMemoryPool();

}  // namespace ballista
