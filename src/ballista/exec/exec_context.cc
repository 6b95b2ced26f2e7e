#include "ballista/exec/exec_context.h"

#include "ballista/exec/sink.h"

namespace ballista::exec {

Result<std::shared_ptr<ExecContext>> ExecContext::Make(ExecConfig config, MemoryPool* parent_pool,
                                                       std::string name) {
  RETURN_NOT_OK(config.Validate());
  return std::shared_ptr<ExecContext>(
      new ExecContext(std::move(config), parent_pool, std::move(name)));
}

ExecContext::ExecContext(ExecConfig config, MemoryPool* parent_pool, std::string name)
    : config_(std::move(config)),
      pool_(std::move(name), config_.memory_limit, parent_pool),
      metrics_(&pool_),
      spill_manager_(config_.work_dir, config_.spill_compression) {}

ExecContext::~ExecContext() {
  // Sink states may hold reservations on operator pools and spill files: release them first.
  std::lock_guard<std::mutex> lock(sink_states_mutex_);
  finished_sink_states_.clear();
}

Result<GlobalSinkState*> ExecContext::FinishedSinkState(const Sink& sink) const {
  std::lock_guard<std::mutex> lock(sink_states_mutex_);
  auto it = finished_sink_states_.find(dynamic_cast<const void*>(&sink));
  if (it == finished_sink_states_.end()) {
    return Status::Internal("sink '" + sink.name() +
                            "' has not finished; the reading pipeline lacks a dependency on it");
  }
  return it->second.get();
}

void ExecContext::PublishFinishedSinkState(const Sink& sink,
                                           std::shared_ptr<GlobalSinkState> state) {
  std::lock_guard<std::mutex> lock(sink_states_mutex_);
  finished_sink_states_[dynamic_cast<const void*>(&sink)] = std::move(state);
}

}  // namespace ballista::exec
