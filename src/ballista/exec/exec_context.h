#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "ballista/common/memory_pool.h"
#include "ballista/common/result.h"
#include "ballista/exec/cancellation.h"
#include "ballista/exec/exec_config.h"
#include "ballista/exec/metrics.h"
#include "ballista/exec/spill_manager.h"

namespace ballista::exec {

class Sink;
class GlobalSinkState;

/// Everything one execution shares: a query in the local engine, one task (a stage fragment) on
/// an executor. Holds the configuration, the execution's memory pool (limit from the config, a
/// child of the session's or executor's pool), the cancellation token, the metrics of every
/// operator, the spill manager, and the finalized sink states that later pipelines read (a hash
/// join's probe reads its build). Shared by the executor and every task; all methods may be
/// called concurrently.
class ExecContext {
 public:
  /// Validates `config` and builds a context whose pool is a child of `parent_pool` (which must
  /// outlive it). `name` names the pool in ResourcesExhausted messages.
  static Result<std::shared_ptr<ExecContext>> Make(ExecConfig config = ExecConfig(),
                                                   MemoryPool* parent_pool = DefaultMemoryPool(),
                                                   std::string name = "query");
  ~ExecContext();
  ExecContext(const ExecContext&) = delete;
  ExecContext& operator=(const ExecContext&) = delete;

  const ExecConfig& config() const { return config_; }
  int64_t batch_size() const { return config_.batch_size; }
  MemoryPool* memory_pool() { return &pool_; }
  CancellationToken& cancellation() { return cancellation_; }
  bool IsCancelled() const { return cancellation_.IsCancelled(); }
  MetricsRegistry& metrics() { return metrics_; }
  SpillManager& spill_manager() { return spill_manager_; }

  /// The global state of `sink` after it was finalized, for the sources and operators of later
  /// pipelines (MakeGlobalOperatorState of a hash join probe, of an aggregation's output source).
  /// An Internal error when the sink has not finalized yet: a missing pipeline dependency.
  Result<GlobalSinkState*> FinishedSinkState(const Sink& sink) const;

  /// Same, cast to the sink's own state type T (an Internal error on a type mismatch).
  template <typename T>
  Result<T*> FinishedSinkStateAs(const Sink& sink) const {
    ASSIGN_OR_RAISE(GlobalSinkState * state, FinishedSinkState(sink));
    T* typed = dynamic_cast<T*>(state);
    if (typed == nullptr) return Status::Internal("finished sink state has an unexpected type");
    return typed;
  }

  /// Called by the executor once `sink` has finalized; the state stays alive with the context.
  void PublishFinishedSinkState(const Sink& sink, std::shared_ptr<GlobalSinkState> state);

 private:
  ExecContext(ExecConfig config, MemoryPool* parent_pool, std::string name);

  ExecConfig config_;
  MemoryPool pool_;
  CancellationToken cancellation_;
  MetricsRegistry metrics_;
  SpillManager spill_manager_;
  mutable std::mutex sink_states_mutex_;
  std::unordered_map<const void*, std::shared_ptr<GlobalSinkState>> finished_sink_states_;
};

using ExecContextPtr = std::shared_ptr<ExecContext>;

}  // namespace ballista::exec
