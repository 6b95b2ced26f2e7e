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
///
/// The counters live in a shared `Account` that buffers allocated from the pool keep alive, so a
/// buffer may outlive its pool (a query's result batches outlive the query's pools): freeing it
/// later still releases the bytes from the pool's account and its ancestors', which are kept
/// alive by the child accounts that point to them.
class MemoryPool {
 public:
  static constexpr int64_t kUnlimited = -1;

  /// The shared accounting state of a pool.
  struct Account {
    std::string name;
    int64_t limit = kUnlimited;
    std::shared_ptr<Account> parent;
    std::atomic<int64_t> used{0};
    std::atomic<int64_t> peak{0};

    Status Reserve(int64_t bytes);
    void Release(int64_t bytes);
  };

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

  const std::string& name() const { return account_->name; }
  int64_t limit() const { return account_->limit; }
  int64_t bytes_allocated() const { return account_->used.load(std::memory_order_relaxed); }
  int64_t peak_bytes() const { return account_->peak.load(std::memory_order_relaxed); }
  MemoryPool* parent() const { return parent_; }

  /// The pool's account, for buffers that must be able to free after the pool is gone.
  const std::shared_ptr<Account>& account() const { return account_; }
  /// Frees an allocation of `size` bytes made by the pool whose account this is (the pool
  /// itself may be destroyed already).
  static void FreeFromAccount(const std::shared_ptr<Account>& account, uint8_t* ptr, int64_t size);

 private:
  MemoryPool* parent_;
  std::shared_ptr<Account> account_;
};

/// The process-wide pool with no limit; parent of every other pool by default.
MemoryPool* DefaultMemoryPool();

}  // namespace ballista
