#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

#include "ballista/common/status.h"

namespace ballista::exec {

/// Cancels one execution (a query locally, a task on an executor). The first Cancel() wins and
/// records its reason; workers poll IsCancelled() between batches (cheap: one atomic load) and
/// long-running loops inside operators may poll it too. Components that wait on something
/// outside the CPU pool (parked tasks, result consumers, I/O) register a callback to be woken.
/// All methods may be called concurrently.
class CancellationToken {
 public:
  CancellationToken() = default;
  CancellationToken(const CancellationToken&) = delete;
  CancellationToken& operator=(const CancellationToken&) = delete;

  /// Cancels with `reason` (an error status; an OK status becomes Cancelled("cancelled")) and runs
  /// every registered callback once, on this thread. Later calls do nothing.
  void Cancel(Status reason);

  bool IsCancelled() const { return cancelled_.load(std::memory_order_acquire); }

  /// The reason given to the first Cancel(); OK while not cancelled.
  Status reason() const;

  /// Registers `callback` to run on cancellation; runs it immediately (on this thread) when the
  /// token is cancelled already. Returns an id for Unregister.
  uint64_t Register(std::function<void()> callback);

  /// Removes a callback. It may still be running on another thread when this returns, so a
  /// callback must hold (weak) ownership of whatever it touches.
  void Unregister(uint64_t id);

 private:
  std::atomic<bool> cancelled_{false};
  mutable std::mutex mutex_;
  Status reason_;
  uint64_t next_id_ = 1;
  std::map<uint64_t, std::function<void()>> callbacks_;
};

}  // namespace ballista::exec
