#include "ballista/common/memory_pool.h"
#include "ballista/common/result.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace ballista {
namespace {

// Shared by every zero-size allocation so that callers never see a null pointer.
alignas(kBufferAlignment) uint8_t kZeroSizeArea[kBufferAlignment];

std::string FormatBytes(int64_t bytes) { return std::to_string(bytes) + " bytes"; }

}  // namespace

MemoryPool::MemoryPool(std::string name, int64_t limit, MemoryPool* parent)
    : parent_(parent), account_(std::make_shared<Account>()) {
  account_->name = std::move(name);
  account_->limit = limit;
  if (parent != nullptr) account_->parent = parent->account_;
}

MemoryPool::~MemoryPool() = default;

Status MemoryPool::Account::Reserve(int64_t bytes) {
  if (bytes < 0) return Status::InvalidArgument("negative memory reservation");
  int64_t current = used.load(std::memory_order_relaxed);
  while (true) {
    if (limit != kUnlimited && current + bytes > limit) {
      return Status::ResourcesExhausted("memory pool '" + name + "' refused " + FormatBytes(bytes) +
                                        ": " + FormatBytes(current) + " in use of a limit of " +
                                        FormatBytes(limit));
    }
    if (used.compare_exchange_weak(current, current + bytes, std::memory_order_relaxed)) break;
  }
  if (parent != nullptr) {
    Status st = parent->Reserve(bytes);
    if (!st.ok()) {
      used.fetch_sub(bytes, std::memory_order_relaxed);
      return st;
    }
  }
  int64_t now = current + bytes;
  int64_t seen = peak.load(std::memory_order_relaxed);
  while (now > seen && !peak.compare_exchange_weak(seen, now, std::memory_order_relaxed)) {
  }
  return Status::OK();
}

void MemoryPool::Account::Release(int64_t bytes) {
  used.fetch_sub(bytes, std::memory_order_relaxed);
  if (parent != nullptr) parent->Release(bytes);
}

Status MemoryPool::Reserve(int64_t bytes) { return account_->Reserve(bytes); }

void MemoryPool::Release(int64_t bytes) { account_->Release(bytes); }

Status MemoryPool::Allocate(int64_t size, uint8_t** out) {
  if (size < 0) return Status::InvalidArgument("negative allocation size");
  if (size == 0) {
    *out = kZeroSizeArea;
    return Status::OK();
  }
  RETURN_NOT_OK(Reserve(size));
  // Round up so aligned_alloc's size-multiple-of-alignment contract holds.
  size_t rounded = static_cast<size_t>((size + kBufferAlignment - 1) / kBufferAlignment * kBufferAlignment);
  void* ptr = std::aligned_alloc(kBufferAlignment, rounded);
  if (ptr == nullptr) {
    Release(size);
    return Status::ResourcesExhausted("out of memory allocating " + FormatBytes(size) + " in pool '" +
                                      name() + "'");
  }
  *out = static_cast<uint8_t*>(ptr);
  return Status::OK();
}

Status MemoryPool::Reallocate(int64_t old_size, int64_t new_size, uint8_t** ptr) {
  if (new_size < 0) return Status::InvalidArgument("negative allocation size");
  uint8_t* fresh = nullptr;
  RETURN_NOT_OK(Allocate(new_size, &fresh));
  int64_t keep = old_size < new_size ? old_size : new_size;
  if (keep > 0) std::memcpy(fresh, *ptr, static_cast<size_t>(keep));
  Free(*ptr, old_size);
  *ptr = fresh;
  return Status::OK();
}

void MemoryPool::Free(uint8_t* ptr, int64_t size) { FreeFromAccount(account_, ptr, size); }

void MemoryPool::FreeFromAccount(const std::shared_ptr<Account>& account, uint8_t* ptr, int64_t size) {
  if (ptr == nullptr || size == 0 || ptr == kZeroSizeArea) return;
  std::free(ptr);
  account->Release(size);
}

MemoryPool* DefaultMemoryPool() {
  static MemoryPool pool("default");
  return &pool;
}

}  // namespace ballista
