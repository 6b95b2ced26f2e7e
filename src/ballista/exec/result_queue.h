#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/common/result.h"
#include "ballista/exec/resume_signal.h"

namespace ballista::exec {

/// The hand-over point between an execution's tasks (producers) and the caller reading the
/// result (one consumer). Bounded: when `capacity` batches wait, producers get a ResumeSignal
/// instead of a slot, so a slow reader parks the result pipeline without holding threads.
/// All methods may be called concurrently.
class ResultQueue {
 public:
  explicit ResultQueue(int capacity);

  /// Producer: appends `batch` and returns true, or, when full, returns false and sets *resume to
  /// a signal that fires when a slot frees or the queue closes. After Close, batches are
  /// accepted and dropped (the execution is ending).
  bool TryPush(arrow::RecordBatchPtr batch, ResumeSignalPtr* resume);

  /// Ends the stream. OK: the consumer gets the queued batches, then the end. An error: the
  /// consumer gets the error on its next call; queued batches are dropped. Only the first call
  /// counts. Wakes waiting producers and the consumer.
  void Close(Status status);

  /// Consumer: the next batch, null at the end, or the error. Blocks until one of them is there.
  Result<arrow::RecordBatchPtr> Pop();

  /// Consumer: waits up to `timeout` until Pop() would not block; false on timeout.
  bool WaitReady(std::chrono::milliseconds timeout);

  bool closed() const;

 private:
  bool ReadyLocked() const { return !batches_.empty() || closed_; }

  const size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<arrow::RecordBatchPtr> batches_;
  std::vector<ResumeSignalPtr> waiting_producers_;
  bool closed_ = false;
  Status close_status_;
};

}  // namespace ballista::exec
