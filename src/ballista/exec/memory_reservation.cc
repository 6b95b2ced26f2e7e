#include "ballista/exec/memory_reservation.h"

#include <string>

#include <algorithm>
#include <utility>

namespace ballista::exec {

MemoryReservation::MemoryReservation(MemoryReservation&& other) noexcept
    : pool_(other.pool_), size_(std::exchange(other.size_, 0)) {}

MemoryReservation& MemoryReservation::operator=(MemoryReservation&& other) noexcept {
  if (this != &other) {
    Free();
    pool_ = other.pool_;
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

Status MemoryReservation::TryGrow(int64_t bytes) {
  if (bytes < 0) return Status::InvalidArgument("negative memory reservation growth");
  if (bytes == 0) return Status::OK();
  Status st = pool_->Reserve(bytes);
  if (st.ok()) size_ += bytes;
  return st;
}

void MemoryReservation::Shrink(int64_t bytes) {
  bytes = std::clamp<int64_t>(bytes, 0, size_);
  if (bytes == 0) return;
  pool_->Release(bytes);
  size_ -= bytes;
}

Status MemoryReservation::TryResizeWithin(int64_t new_size, int64_t cap) {
  if (new_size > cap) {
    return Status::ResourcesExhausted("over its share (" + std::to_string(cap) + " bytes) of execution.memory_limit");
  }
  return TryResize(new_size);
}

Status MemoryReservation::TryResize(int64_t new_size) {
  if (new_size < 0) return Status::InvalidArgument("negative memory reservation size");
  if (new_size > size_) return TryGrow(new_size - size_);
  Shrink(size_ - new_size);
  return Status::OK();
}

int64_t MemoryReservation::Free() {
  int64_t released = size_;
  Shrink(size_);
  return released;
}

MemoryReservation MemoryReservation::Split(int64_t bytes) {
  bytes = std::clamp<int64_t>(bytes, 0, size_);
  MemoryReservation part(pool_);
  part.size_ = bytes;
  size_ -= bytes;
  return part;
}

}  // namespace ballista::exec
