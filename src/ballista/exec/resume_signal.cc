#include "ballista/exec/resume_signal.h"

namespace ballista::exec {

void ResumeSignal::Notify() {
  std::vector<std::function<void()>> callbacks;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (notified_) return;
    notified_ = true;
    callbacks.swap(callbacks_);
  }
  // Run outside the lock: a callback may spawn work that inspects this signal.
  for (auto& callback : callbacks) callback();
}

bool ResumeSignal::notified() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return notified_;
}

void ResumeSignal::OnNotify(std::function<void()> callback) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!notified_) {
      callbacks_.push_back(std::move(callback));
      return;
    }
  }
  callback();
}

}  // namespace ballista::exec
