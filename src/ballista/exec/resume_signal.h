#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace ballista::exec {

/// A one-shot event that a Blocked result carries: the code that will make progress possible (an
/// I/O completion, a network callback, a consumer draining a queue) calls Notify(), and the
/// scheduler, which registered a callback with OnNotify(), then puts the parked task back on the
/// CPU pool. No thread waits on it. All methods may be called concurrently.
class ResumeSignal {
 public:
  ResumeSignal() = default;
  ResumeSignal(const ResumeSignal&) = delete;
  ResumeSignal& operator=(const ResumeSignal&) = delete;

  static std::shared_ptr<ResumeSignal> Make() { return std::make_shared<ResumeSignal>(); }

  /// Marks the signal ready and runs the registered callback, if any, on the calling thread.
  /// Idempotent: later calls do nothing.
  void Notify();

  /// True once Notify() was called.
  bool notified() const;

  /// Registers a callback to run once when the signal fires: right now, on this thread, when it
  /// fired already; otherwise inside the Notify() call. Several callbacks may wait on one signal
  /// (a source may hand the same I/O completion to several tasks); each runs once.
  void OnNotify(std::function<void()> callback);

 private:
  mutable std::mutex mutex_;
  bool notified_ = false;
  std::vector<std::function<void()>> callbacks_;
};

using ResumeSignalPtr = std::shared_ptr<ResumeSignal>;

}  // namespace ballista::exec
