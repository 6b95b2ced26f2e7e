#include "ballista/exec/execution_state.h"

#include <algorithm>

#include "ballista/exec/pipeline_task.h"

namespace ballista::exec::internal {
namespace {

using Clock = std::chrono::steady_clock;

int64_t NanosSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
}

/// Metrics are keyed by the most-derived object, so an operator playing two roles (sink of one
/// pipeline, source of the next) has one entry.
template <typename T>
const void* ObjectKey(const T& object) {
  return dynamic_cast<const void*>(&object);
}

template <typename T>
Result<T> Named(Result<T> result, const std::string& name) {
  if (result.ok()) return result;
  return result.status().WithContext(name);
}

}  // namespace

void PipelineRun::StopAt(int index) {
  int current = stop_at.load(std::memory_order_acquire);
  while (current < index &&
         !stop_at.compare_exchange_weak(current, index, std::memory_order_acq_rel)) {
  }
}

ExecutionState::ExecutionState(ExecContextPtr ctx, PipelineGraph graph, ThreadPool* pool)
    : ctx_(std::move(ctx)),
      graph_(std::move(graph)),
      pool_(pool),
      results_(std::make_shared<ResultQueue>(ctx_->config().result_queue_capacity)),
      result_sink_(std::make_shared<ResultSink>(results_)) {}

ExecutionState::~ExecutionState() {
  if (ctx_ && cancel_callback_id_ != 0) ctx_->cancellation().Unregister(cancel_callback_id_);
}

Status ExecutionState::Start() {
  RETURN_NOT_OK(graph_.Validate());
  const int n = graph_.num_pipelines();
  num_pipelines_ = n;

  // One SinkRun per distinct sink object; its global state is built now, before any task runs.
  std::unordered_map<const void*, SinkRun*> sink_runs_by_key;
  sink_run_of_pipeline_.resize(static_cast<size_t>(n));
  for (PipelineId id = 0; id < n; ++id) {
    const Pipeline& p = graph_.pipeline(id);
    const Sink* sink = p.is_result() ? result_sink_.get() : p.sink().get();
    SinkRun*& sink_run = sink_runs_by_key[ObjectKey(*sink)];
    if (sink_run == nullptr) {
      sink_runs_.push_back(std::make_unique<SinkRun>());
      sink_run = sink_runs_.back().get();
      sink_run->sink = sink;
      sink_run->metrics = ctx_->metrics().ForOperator(ObjectKey(*sink), sink->name());
    }
    sink_run->pipelines.push_back(id);
    ++sink_run->pipelines_left;
    sink_run_of_pipeline_[static_cast<size_t>(id)] = sink_run;
  }
  for (auto& sink_run : sink_runs_) {
    ASSIGN_OR_RAISE(auto state,
                    Named(sink_run->sink->MakeGlobalSinkState(*ctx_, *sink_run->metrics),
                          sink_run->sink->name()));
    sink_run->state = std::move(state);
  }

  runs_.resize(static_cast<size_t>(n));
  missing_dependencies_.resize(static_cast<size_t>(n));
  dependents_.resize(static_cast<size_t>(n));
  std::vector<PipelineId> ready;
  for (PipelineId id = 0; id < n; ++id) {
    missing_dependencies_[static_cast<size_t>(id)] =
        static_cast<int>(graph_.dependencies(id).size());
    for (PipelineId dep : graph_.dependencies(id))
      dependents_[static_cast<size_t>(dep)].push_back(id);
    if (graph_.dependencies(id).empty()) ready.push_back(id);
  }

  {
    // The starting thread counts as a task so that the execution cannot complete while it is
    // still starting pipelines.
    std::lock_guard<std::mutex> lock(mutex_);
    active_tasks_ = 1;
  }
  // The token is a member of the context, so the context is alive whenever the callback runs.
  std::weak_ptr<ExecutionState> weak = weak_from_this();
  ExecContext* ctx = ctx_.get();
  cancel_callback_id_ = ctx_->cancellation().Register([weak, ctx] {
    if (auto self = weak.lock()) self->OnCancelled(ctx->cancellation().reason());
  });
  StartPipelines(ready);
  TaskExited();
  return Status::OK();
}

void ExecutionState::StartPipelines(const std::vector<PipelineId>& ids) {
  for (PipelineId id : ids) {
    if (ctx_->IsCancelled()) return;
    Status st = StartPipeline(id);
    if (!st.ok()) {
      Fail(std::move(st));
      return;
    }
  }
}

Status ExecutionState::StartPipeline(PipelineId id) {
  auto run = std::make_unique<PipelineRun>();
  run->id = id;
  run->pipeline = &graph_.pipeline(id);
  run->sink_run = sink_run_of_pipeline_[static_cast<size_t>(id)];

  const Source& source = *run->pipeline->source();
  run->source_metrics = ctx_->metrics().ForOperator(ObjectKey(source), source.name());
  const auto start = Clock::now();
  ASSIGN_OR_RAISE(run->source_state,
                  Named(source.MakeGlobalSourceState(*ctx_, *run->source_metrics), source.name()));
  run->source_metrics->AddElapsedNanos(NanosSince(start));
  for (const auto& op : run->pipeline->operators()) {
    OperatorMetrics* metrics = ctx_->metrics().ForOperator(ObjectKey(*op), op->name());
    ASSIGN_OR_RAISE(auto state, Named(op->MakeGlobalOperatorState(*ctx_, *metrics), op->name()));
    run->operator_states.push_back(std::move(state));
    run->operator_metrics.push_back(metrics);
  }
  run->parallelism =
      std::clamp(run->source_state->MaxParallelism(), 1, ctx_->config().target_partitions);
  run->tasks_left.store(run->parallelism);

  PipelineRun* raw = run.get();
  runs_[static_cast<size_t>(id)] = std::move(run);  // each slot is written by one thread, once
  {
    std::lock_guard<std::mutex> lock(mutex_);
    active_tasks_ += raw->parallelism;
  }
  for (int i = 0; i < raw->parallelism; ++i) {
    Schedule(std::make_shared<PipelineTask>(shared_from_this(), raw, i));
  }
  return Status::OK();
}

void ExecutionState::Schedule(std::shared_ptr<PipelineTask> task) {
  pool_->Spawn([task = std::move(task)] { task->Run(); });
}

void ExecutionState::Park(std::shared_ptr<PipelineTask> task, ResumeSignalPtr signal) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    parked_.push_back(signal);
  }
  // Read before the task is handed to the signal: from then on it may run (and even complete the
  // execution, releasing the context) on another thread. A cancellation that ran before the
  // signal was listed in parked_ did not see it, so it is woken below; OnCancelled reads parked_
  // under the mutex after the token is marked, so one of the two sides always sees the other.
  const bool cancelled = ctx_->IsCancelled();
  // The callback holds the task (which holds this state) and only a weak reference of its own,
  // so it never extends the state's life past the task's.
  std::weak_ptr<ExecutionState> weak = weak_from_this();
  ResumeSignal* raw_signal = signal.get();
  ThreadPool* pool = pool_;
  signal->OnNotify([weak, pool, task = std::move(task), raw_signal]() mutable {
    if (auto self = weak.lock()) {
      std::lock_guard<std::mutex> lock(self->mutex_);
      auto it =
          std::find_if(self->parked_.begin(), self->parked_.end(),
                       [raw_signal](const ResumeSignalPtr& s) { return s.get() == raw_signal; });
      if (it != self->parked_.end()) self->parked_.erase(it);
    }
    pool->Spawn([task = std::move(task)] { task->Run(); });
  });
  if (cancelled) signal->Notify();
}

void ExecutionState::TaskSucceeded(PipelineRun* run) {
  if (run->tasks_left.fetch_sub(1) != 1) return;
  SinkRun* sink_run = run->sink_run;
  bool last_feeder;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    last_feeder = --sink_run->pipelines_left == 0;
  }
  if (last_feeder) FinalizeSink(sink_run);
}

void ExecutionState::FinalizeSink(SinkRun* sink_run) {
  if (ctx_->IsCancelled()) return;
  const auto start = Clock::now();
  Status st = sink_run->sink->Finalize(*ctx_, *sink_run->state);
  sink_run->metrics->AddElapsedNanos(NanosSince(start));
  if (!st.ok()) {
    Fail(st.WithContext(sink_run->sink->name()));
    return;
  }
  if (sink_run->sink != result_sink_.get()) {
    ctx_->PublishFinishedSinkState(*sink_run->sink, sink_run->state);
  }
  std::vector<PipelineId> ready;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (PipelineId finished : sink_run->pipelines) {
      ++pipelines_finished_;
      for (PipelineId next : dependents_[static_cast<size_t>(finished)]) {
        if (--missing_dependencies_[static_cast<size_t>(next)] == 0) ready.push_back(next);
      }
    }
  }
  StartPipelines(ready);
}

void ExecutionState::TaskExited() {
  bool complete = false;
  bool stalled = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    --active_tasks_;
    if (active_tasks_ == 0 && !completed_) {
      complete = true;
      stalled = !ctx_->IsCancelled() && pipelines_finished_ < num_pipelines_;
    }
  }
  if (stalled) {
    // Only a graph whose pipelines wait on each other through a shared sink can get here; fail
    // rather than hang.
    Fail(Status::Internal("pipeline graph stalled: " + std::to_string(pipelines_finished_) +
                          " of " + std::to_string(num_pipelines_) +
                          " pipelines finished and nothing runs\n" + graph_.ToString()));
  }
  if (complete) Complete();
}

void ExecutionState::OnCancelled(const Status& reason) {
  std::vector<ResumeSignalPtr> parked;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    parked = parked_;
  }
  // The reader learns of the cancellation (or error) at once, not when the last task stops.
  results_->Close(reason);
  for (auto& signal : parked) signal->Notify();
}

void ExecutionState::Complete() {
  Status final_status = ctx_->IsCancelled() ? ctx_->cancellation().reason() : Status::OK();
  ctx_->cancellation().Unregister(cancel_callback_id_);
  cancel_callback_id_ = 0;
  results_->Close(final_status);
  // No task is left: release the pipelines' states, the graph's operators and the context (its
  // published sink states, spill files and pools) before anyone learns of the completion. Task
  // objects still being destroyed on pool threads hold only this now-empty shell.
  std::vector<std::unique_ptr<PipelineRun>> runs;
  std::vector<std::unique_ptr<SinkRun>> sink_runs;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    runs.swap(runs_);
    sink_runs.swap(sink_runs_);
    parked_.clear();
  }
  runs.clear();
  sink_runs.clear();
  { PipelineGraph released = std::move(graph_); }
  result_sink_.reset();
  ctx_.reset();
  std::lock_guard<std::mutex> lock(mutex_);
  completed_ = true;
  final_status_ = std::move(final_status);
  completed_cv_.notify_all();
}

bool ExecutionState::WaitFor(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return completed_cv_.wait_for(lock, timeout, [this] { return completed_; });
}

void ExecutionState::Wait() {
  std::unique_lock<std::mutex> lock(mutex_);
  completed_cv_.wait(lock, [this] { return completed_; });
}

bool ExecutionState::completed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return completed_;
}

Status ExecutionState::final_status() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return final_status_;
}

}  // namespace ballista::exec::internal
