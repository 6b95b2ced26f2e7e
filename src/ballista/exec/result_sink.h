#pragma once

#include <memory>
#include <string>

#include "ballista/exec/result_queue.h"
#include "ballista/exec/sink.h"

namespace ballista::exec {

/// The sink of result pipelines (those built with a null sink): hands every batch to the
/// execution's ResultQueue, where the caller reads it as a stream; blocks (parks the task) while
/// the queue is full. The executor makes one per execution. The queue is the only mutable part
/// and is itself thread-safe, so the sink stays const.
class ResultSink final : public Sink {
 public:
  explicit ResultSink(std::shared_ptr<ResultQueue> queue) : queue_(std::move(queue)) {}

  std::string name() const override { return "Result"; }

  Result<SinkResult> Consume(ExecContext& ctx, const arrow::RecordBatchPtr& batch,
                             GlobalSinkState& global, LocalSinkState& local,
                             ResumeSignalPtr* resume) const override;

 private:
  std::shared_ptr<ResultQueue> queue_;
};

}  // namespace ballista::exec
