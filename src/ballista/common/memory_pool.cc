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
    : name_(std::move(name)), limit_(limit), parent_(parent) {}

MemoryPool::~MemoryPool() = default;

Status MemoryPool::Reserve(int64_t bytes) {
  if (bytes < 0) return Status::InvalidArgument("negative memory reservation");
  int64_t current = used_.load(std::memory_order_relaxed);
  while (true) {
    if (limit_ != kUnlimited && current + bytes > limit_) {
      return Status::ResourcesExhausted("memory pool '" + name_ + "' refused " + FormatBytes(bytes) +
                                        ": " + FormatBytes(current) + " in use of a limit of " +
                                        FormatBytes(limit_));
    }
    if (used_.compare_exchange_weak(current, current + bytes, std::memory_order_relaxed)) break;
  }
  if (parent_ != nullptr) {
    Status st = parent_->Reserve(bytes);
    if (!st.ok()) {
      used_.fetch_sub(bytes, std::memory_order_relaxed);
      return st;
    }
  }
  int64_t now = current + bytes;
  int64_t peak = peak_.load(std::memory_order_relaxed);
  while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
  return Status::OK();
}

void MemoryPool::Release(int64_t bytes) {
  used_.fetch_sub(bytes, std::memory_order_relaxed);
  if (parent_ != nullptr) parent_->Release(bytes);
}

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
                                      name_ + "'");
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

void MemoryPool::Free(uint8_t* ptr, int64_t size) {
  if (ptr == nullptr || size == 0 || ptr == kZeroSizeArea) return;
  std::free(ptr);
  Release(size);
}

MemoryPool* DefaultMemoryPool() {
  static MemoryPool pool("default");
  return &pool;
}

}  // namespace ballista
