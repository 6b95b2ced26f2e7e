#pragma once

#include <cstdint>

#include "ballista/common/memory_pool.h"
#include "ballista/common/status.h"

namespace ballista::exec {

/// An RAII claim on bytes of a MemoryPool (usually an operator's pool, a child of the execution's
/// pool): what a pipeline breaker holds for the rows it buffers. Breakers reserve *before* they
/// grow; a refused TryGrow (ResourcesExhausted, nothing charged) is the signal to spill and
/// Shrink. Whatever is still held is released when the reservation is destroyed, so an error or
/// a cancellation never leaks accounted memory. Movable, not copyable; one thread at a time (the
/// pool underneath is thread-safe, so many reservations may share it).
class MemoryReservation {
 public:
  /// An empty reservation against `pool`, which must outlive it.
  explicit MemoryReservation(MemoryPool* pool) : pool_(pool) {}
  ~MemoryReservation() { Free(); }
  MemoryReservation(MemoryReservation&& other) noexcept;
  MemoryReservation& operator=(MemoryReservation&& other) noexcept;
  MemoryReservation(const MemoryReservation&) = delete;
  MemoryReservation& operator=(const MemoryReservation&) = delete;

  /// Bytes held.
  int64_t size() const { return size_; }
  MemoryPool* pool() const { return pool_; }

  /// Claims `bytes` more; ResourcesExhausted naming the refusing pool when this pool or an
  /// ancestor would pass its limit, in which case nothing changes.
  Status TryGrow(int64_t bytes);

  /// Gives back `bytes` (clamped to size()).
  void Shrink(int64_t bytes);

  /// Grows or shrinks to exactly `new_size` bytes; a refused growth changes nothing.
  Status TryResize(int64_t new_size);

  /// As TryResize, but also refused (ResourcesExhausted) when `new_size` passes `cap`: the
  /// operator's own share of the limit (ExecConfig::MemoryShare), past which it spills.
  Status TryResizeWithin(int64_t new_size, int64_t cap);

  /// Gives back everything; returns the number of bytes released.
  int64_t Free();

  /// Moves `bytes` (clamped to size()) of this claim into a new reservation on the same pool,
  /// with no round trip through the pool (so it cannot be refused).
  MemoryReservation Split(int64_t bytes);

 private:
  MemoryPool* pool_;
  int64_t size_ = 0;
};

}  // namespace ballista::exec
