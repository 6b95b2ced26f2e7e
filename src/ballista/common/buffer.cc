#include "ballista/common/buffer.h"

#include <algorithm>

#include "ballista/common/logging.h"

namespace ballista {

std::shared_ptr<Buffer> Buffer::Slice(const std::shared_ptr<Buffer>& parent, int64_t offset,
                                      int64_t length) {
  return std::make_shared<Buffer>(parent->data() + offset, length, parent);
}

std::shared_ptr<Buffer> Buffer::CopyOf(std::string_view bytes) {
  auto made = PoolBuffer::Make(static_cast<int64_t>(bytes.size()));
  // Only an out-of-memory condition fails here; there is no sensible way to continue then.
  BALLISTA_CHECK(made.ok());
  auto buffer = std::move(made).MoveValueUnsafe();
  if (!bytes.empty()) std::memcpy(buffer->mutable_data(), bytes.data(), bytes.size());
  return std::shared_ptr<Buffer>(std::move(buffer));
}

std::shared_ptr<Buffer> Buffer::FromString(std::string text) {
  auto owner = std::make_shared<std::string>(std::move(text));
  const auto* data = reinterpret_cast<const uint8_t*>(owner->data());
  int64_t size = static_cast<int64_t>(owner->size());
  return std::make_shared<Buffer>(data, size, std::move(owner));
}

PoolBuffer::~PoolBuffer() {
  if (capacity_ > 0) MemoryPool::FreeFromAccount(account_, data_, capacity_);
}

Result<std::unique_ptr<PoolBuffer>> PoolBuffer::Make(int64_t size, MemoryPool* pool) {
  std::unique_ptr<PoolBuffer> buffer(new PoolBuffer(pool));
  // Always allocate, so that even an empty buffer has a valid aligned data pointer.
  RETURN_NOT_OK(buffer->Reserve(std::max<int64_t>(size, 1)));
  RETURN_NOT_OK(buffer->Resize(size));
  return buffer;
}

Status PoolBuffer::SetCapacity(int64_t capacity) {
  uint8_t* ptr = data_;
  if (capacity_ == 0) {
    RETURN_NOT_OK(pool_->Allocate(capacity, &ptr));
  } else if (capacity == 0) {
    pool_->Free(ptr, capacity_);
    ptr = nullptr;
  } else {
    RETURN_NOT_OK(pool_->Reallocate(capacity_, capacity, &ptr));
  }
  if (capacity > capacity_ && ptr != nullptr) {
    std::memset(ptr + capacity_, 0, static_cast<size_t>(capacity - capacity_));
  }
  data_ = ptr;
  capacity_ = capacity;
  return Status::OK();
}

Status PoolBuffer::Reserve(int64_t capacity) {
  if (capacity <= capacity_) return Status::OK();
  int64_t grown = std::max(RoundUpToAlignment(capacity), capacity_ * 2);
  return SetCapacity(grown);
}

Status PoolBuffer::Resize(int64_t new_size) {
  if (new_size < 0) return Status::InvalidArgument("negative buffer size");
  if (new_size > capacity_) {
    RETURN_NOT_OK(Reserve(new_size));
  } else if (new_size < size_) {
    // Keep the zero-padding contract for bytes past the new size.
    std::memset(data_ + new_size, 0, static_cast<size_t>(size_ - new_size));
  }
  size_ = new_size;
  return Status::OK();
}

Status PoolBuffer::ShrinkToFit() {
  int64_t wanted = RoundUpToAlignment(size_);
  if (wanted >= capacity_) return Status::OK();
  return SetCapacity(wanted);
}

Result<std::shared_ptr<Buffer>> AllocateBuffer(int64_t size, MemoryPool* pool) {
  ASSIGN_OR_RAISE(auto buffer, PoolBuffer::Make(size, pool));
  return std::shared_ptr<Buffer>(std::move(buffer));
}

}  // namespace ballista
