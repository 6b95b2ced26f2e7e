#include "ballista/exec/cancellation.h"

#include <vector>

namespace ballista::exec {

void CancellationToken::Cancel(Status reason) {
  if (reason.ok()) reason = Status::Cancelled("cancelled");
  std::vector<std::function<void()>> to_run;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (cancelled_.load(std::memory_order_relaxed)) return;
    reason_ = std::move(reason);
    cancelled_.store(true, std::memory_order_release);
    for (auto& [id, callback] : callbacks_) to_run.push_back(std::move(callback));
    callbacks_.clear();
  }
  // Outside the lock: callbacks may register, unregister or read the reason.
  for (auto& callback : to_run) callback();
}

Status CancellationToken::reason() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return reason_;
}

uint64_t CancellationToken::Register(std::function<void()> callback) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!cancelled_.load(std::memory_order_relaxed)) {
      uint64_t id = next_id_++;
      callbacks_.emplace(id, std::move(callback));
      return id;
    }
  }
  callback();
  return 0;
}

void CancellationToken::Unregister(uint64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  callbacks_.erase(id);
}

}  // namespace ballista::exec
