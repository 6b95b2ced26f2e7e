#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace ballista {

/// A fixed set of worker threads running submitted tasks in FIFO order. The engine makes one CPU
/// pool sized to the cores (or an executor's vcores) and a small I/O pool; operators never make
/// threads of their own. All methods may be called concurrently.
class ThreadPool {
 public:
  /// Starts `num_threads` workers (at least 1).
  explicit ThreadPool(int num_threads);
  /// Finishes the queued tasks, then joins the workers.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int num_threads() const { return static_cast<int>(workers_.size()); }

  /// Queues `task`. Tasks must not throw; an escaping exception terminates the process.
  void Spawn(std::function<void()> task);

  /// Queues `fn` and returns a future for its result.
  template <typename Fn>
  auto Submit(Fn fn) -> std::future<decltype(fn())> {
    using R = decltype(fn());
    auto promise = std::make_shared<std::promise<R>>();
    auto future = promise->get_future();
    Spawn([promise, fn = std::move(fn)]() mutable {
      if constexpr (std::is_void_v<R>) {
        fn();
        promise->set_value();
      } else {
        promise->set_value(fn());
      }
    });
    return future;
  }

  /// Blocks until the queue is empty and no task is running.
  void WaitIdle();

  /// Number of hardware threads (at least 1).
  static int HardwareConcurrency();

 private:
  void WorkerLoop();

  std::mutex mutex_;
  std::condition_variable work_available_;
  std::condition_variable idle_;
  std::deque<std::function<void()>> queue_;
  int running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace ballista
