#include "ballista/exec/pipeline_task.h"

#include <algorithm>
#include <chrono>

namespace ballista::exec::internal {
namespace {

using Clock = std::chrono::steady_clock;

/// How long a task runs before it yields its thread to the next queued task. Long enough that
/// re-queueing costs nothing measurable, short enough for fairness between queries.
constexpr auto kTimeSlice = std::chrono::milliseconds(10);

int64_t NanosSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
}

bool HasRows(const arrow::RecordBatchPtr& batch) { return batch && batch->num_rows() > 0; }

/// Prefixes an error with the name of the operator that raised it.
template <typename T>
Result<T> Named(Result<T> result, const std::string& name) {
  if (result.ok()) return result;
  return result.status().WithContext(name);
}

Status MissingResumeSignal(const std::string& name) {
  return Status::Internal(name + " returned Blocked without a resume signal");
}

}  // namespace

PipelineTask::PipelineTask(std::shared_ptr<ExecutionState> execution, PipelineRun* run,
                           int task_index)
    : execution_(std::move(execution)),
      ctx_(execution_->ctx()),
      run_(run),
      pipeline_(*run->pipeline),
      sink_(*run->sink_run->sink),
      task_index_(task_index),
      num_operators_(run->num_operators()),
      inputs_(static_cast<size_t>(num_operators_)) {}

void PipelineTask::Run() {
  if (!initialized_) {
    Status st = Initialize();
    if (!st.ok()) {
      execution_->Fail(std::move(st));
      Exit();
      return;
    }
    initialized_ = true;
  }
  const auto slice_end = Clock::now() + kTimeSlice;
  while (true) {
    // Checked before every batch: a cancellation stops the task within one operator call.
    if (ctx_.IsCancelled()) {
      Exit();
      return;
    }
    auto step = NextStep();
    if (!step.ok()) {
      execution_->Fail(step.status());
      Exit();
      return;
    }
    switch (step->kind) {
      case StepKind::kContinue:
        if (Clock::now() >= slice_end) {
          execution_->Schedule(shared_from_this());
          return;
        }
        break;
      case StepKind::kBlocked:
        execution_->Park(shared_from_this(), std::move(step->resume));
        return;
      case StepKind::kDone:
        Finish();
        return;
    }
  }
}

Status PipelineTask::Initialize() {
  const Source& source = *pipeline_.source();
  ASSIGN_OR_RAISE(
      source_local_,
      Named(source.MakeLocalSourceState(ctx_, *run_->source_state, task_index_), source.name()));
  operator_locals_.reserve(static_cast<size_t>(num_operators_));
  for (int i = 0; i < num_operators_; ++i) {
    const Operator& op = *pipeline_.operators()[static_cast<size_t>(i)];
    ASSIGN_OR_RAISE(auto local,
                    Named(op.MakeLocalOperatorState(
                              ctx_, *run_->operator_states[static_cast<size_t>(i)], task_index_),
                          op.name()));
    operator_locals_.push_back(std::move(local));
  }
  ASSIGN_OR_RAISE(
      sink_local_,
      Named(sink_.MakeLocalSinkState(ctx_, *run_->sink_run->state, task_index_), sink_.name()));
  return Status::OK();
}

Result<PipelineTask::Step> PipelineTask::NextStep() {
  const int stop = run_->stop_at.load(std::memory_order_acquire);
  // Work that is already inside the pipeline goes first, innermost first, so at most one batch
  // per operator is in flight. Anything at or before the stop index is dead and dropped.
  if (pending_sink_batch_) {
    auto batch = std::move(pending_sink_batch_);
    if (stop < num_operators_) return PushToSink(std::move(batch));
  }
  if (blocked_operator_ >= 0) {
    const int op = std::exchange(blocked_operator_, -1);
    if (op > stop) return RunFrom(op, /*fresh=*/false);
    inputs_[static_cast<size_t>(op)].reset();
  }
  while (!in_process_.empty()) {
    const int op = in_process_.back();
    in_process_.pop_back();
    if (op > stop) return RunFrom(op, /*fresh=*/false);
    inputs_[static_cast<size_t>(op)].reset();
  }
  if (!source_done_ && stop == PipelineRun::kRunning) return PullFromSource();
  source_done_ = true;
  return Flush();
}

Result<PipelineTask::Step> PipelineTask::PullFromSource() {
  const Source& source = *pipeline_.source();
  OperatorOutput out;
  const auto start = Clock::now();
  auto result = source.GetData(ctx_, *run_->source_state, *source_local_, &out);
  run_->source_metrics->AddElapsedNanos(NanosSince(start));
  ASSIGN_OR_RAISE(SourceResult code, Named(std::move(result), source.name()));
  if (code == SourceResult::kBlocked) {
    if (!out.resume) return MissingResumeSignal(source.name());
    return Step{StepKind::kBlocked, std::move(out.resume)};
  }
  if (code == SourceResult::kFinished) source_done_ = true;
  if (!HasRows(out.batch)) return Step{};
  run_->source_metrics->AddOutput(out.batch->num_rows());
  if (num_operators_ == 0) return PushToSink(std::move(out.batch));
  inputs_[0] = std::move(out.batch);
  return RunFrom(0, /*fresh=*/true);
}

Result<PipelineTask::Step> PipelineTask::RunFrom(int first, bool fresh) {
  for (int i = first; i < num_operators_; ++i) {
    const auto index = static_cast<size_t>(i);
    const Operator& op = *pipeline_.operators()[index];
    OperatorMetrics* metrics = run_->operator_metrics[index];
    if (fresh) metrics->AddInput(inputs_[index]->num_rows());
    OperatorOutput out;
    const auto start = Clock::now();
    auto result = op.Execute(ctx_, inputs_[index], *run_->operator_states[index],
                             *operator_locals_[index], &out);
    metrics->AddElapsedNanos(NanosSince(start));
    ASSIGN_OR_RAISE(OperatorResult code, Named(std::move(result), op.name()));
    switch (code) {
      case OperatorResult::kBlocked:
        if (!out.resume) return MissingResumeSignal(op.name());
        blocked_operator_ = i;
        return Step{StepKind::kBlocked, std::move(out.resume)};
      case OperatorResult::kHaveMoreOutput:
        in_process_.push_back(i);
        break;
      case OperatorResult::kNeedMoreInput:
        inputs_[index].reset();
        break;
      case OperatorResult::kFinished:
        // Everything upstream of this operator is dead, on every task of the pipeline.
        run_->StopAt(i);
        in_process_.clear();
        for (int j = 0; j <= i; ++j) inputs_[static_cast<size_t>(j)].reset();
        break;
    }
    if (!HasRows(out.batch)) return Step{};
    metrics->AddOutput(out.batch->num_rows());
    if (i + 1 == num_operators_) return PushToSink(std::move(out.batch));
    inputs_[index + 1] = std::move(out.batch);
    fresh = true;
  }
  return Step{};
}

Result<PipelineTask::Step> PipelineTask::PushToSink(arrow::RecordBatchPtr batch) {
  SinkRun* sink_run = run_->sink_run;
  ResumeSignalPtr resume;
  const auto start = Clock::now();
  auto result = sink_.Consume(ctx_, batch, *sink_run->state, *sink_local_, &resume);
  sink_run->metrics->AddElapsedNanos(NanosSince(start));
  ASSIGN_OR_RAISE(SinkResult code, Named(std::move(result), sink_.name()));
  if (code == SinkResult::kBlocked) {
    if (!resume) return MissingResumeSignal(sink_.name());
    pending_sink_batch_ = std::move(batch);
    return Step{StepKind::kBlocked, std::move(resume)};
  }
  sink_run->metrics->AddInput(batch->num_rows());
  if (code == SinkResult::kFinished) {
    run_->StopAt(num_operators_);
    in_process_.clear();
    for (auto& input : inputs_) input.reset();
  }
  return Step{};
}

Result<PipelineTask::Step> PipelineTask::Flush() {
  // Operators at or before the stop index get no flush: nothing downstream wants their rows.
  next_flush_ = std::max(next_flush_, run_->stop_at.load(std::memory_order_acquire) + 1);
  while (next_flush_ < num_operators_ &&
         !pipeline_.operators()[static_cast<size_t>(next_flush_)]->RequiresFinalExecute()) {
    ++next_flush_;
  }
  if (next_flush_ >= num_operators_) return Step{StepKind::kDone, nullptr};
  const int i = next_flush_;
  const auto index = static_cast<size_t>(i);
  const Operator& op = *pipeline_.operators()[index];
  OperatorMetrics* metrics = run_->operator_metrics[index];
  OperatorOutput out;
  const auto start = Clock::now();
  auto result =
      op.FinalExecute(ctx_, *run_->operator_states[index], *operator_locals_[index], &out);
  metrics->AddElapsedNanos(NanosSince(start));
  ASSIGN_OR_RAISE(OperatorResult code, Named(std::move(result), op.name()));
  if (code == OperatorResult::kBlocked) {
    if (!out.resume) return MissingResumeSignal(op.name());
    return Step{StepKind::kBlocked, std::move(out.resume)};
  }
  if (code != OperatorResult::kHaveMoreOutput) ++next_flush_;
  if (!HasRows(out.batch)) return Step{};
  metrics->AddOutput(out.batch->num_rows());
  if (i + 1 == num_operators_) return PushToSink(std::move(out.batch));
  inputs_[index + 1] = std::move(out.batch);
  return RunFrom(i + 1, /*fresh=*/true);
}

void PipelineTask::Finish() {
  SinkRun* sink_run = run_->sink_run;
  const auto start = Clock::now();
  Status st = sink_.Combine(ctx_, *sink_run->state, *sink_local_);
  sink_run->metrics->AddElapsedNanos(NanosSince(start));
  if (!st.ok()) {
    execution_->Fail(st.WithContext(sink_.name()));
    Exit();
    return;
  }
  DropLocalStates();
  execution_->TaskSucceeded(run_);
  execution_->TaskExited();
}

void PipelineTask::Exit() {
  DropLocalStates();
  execution_->TaskExited();
}

void PipelineTask::DropLocalStates() {
  in_process_.clear();
  for (auto& input : inputs_) input.reset();
  pending_sink_batch_.reset();
  source_local_.reset();
  operator_locals_.clear();
  sink_local_.reset();
}

}  // namespace ballista::exec::internal
