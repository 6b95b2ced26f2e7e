#include "ballista/exec/result_queue.h"

#include <algorithm>

namespace ballista::exec {

ResultQueue::ResultQueue(int capacity) : capacity_(static_cast<size_t>(std::max(1, capacity))) {}

bool ResultQueue::TryPush(arrow::RecordBatchPtr batch, ResumeSignalPtr* resume) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) return true;
    if (batches_.size() >= capacity_) {
      *resume = ResumeSignal::Make();
      waiting_producers_.push_back(*resume);
      return false;
    }
    batches_.push_back(std::move(batch));
  }
  ready_.notify_one();
  return true;
}

void ResultQueue::Close(Status status) {
  std::vector<ResumeSignalPtr> to_wake;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) return;
    closed_ = true;
    close_status_ = std::move(status);
    if (!close_status_.ok()) batches_.clear();
    to_wake.swap(waiting_producers_);
  }
  ready_.notify_all();
  for (auto& signal : to_wake) signal->Notify();
}

Result<arrow::RecordBatchPtr> ResultQueue::Pop() {
  arrow::RecordBatchPtr batch;
  std::vector<ResumeSignalPtr> to_wake;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return ReadyLocked(); });
    if (closed_ && !close_status_.ok()) return close_status_;
    if (batches_.empty()) return arrow::RecordBatchPtr();  // closed OK and drained: the end
    batch = std::move(batches_.front());
    batches_.pop_front();
    to_wake.swap(waiting_producers_);
  }
  // Outside the lock: waking a producer schedules its task, which may push again at once.
  for (auto& signal : to_wake) signal->Notify();
  return batch;
}

bool ResultQueue::WaitReady(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return ready_.wait_for(lock, timeout, [this] { return ReadyLocked(); });
}

bool ResultQueue::closed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return closed_;
}

}  // namespace ballista::exec
