#include "ballista/session/session_state.h"

namespace ballista::session {

SessionState::SessionState()
    : catalogs_(std::make_shared<catalog::CatalogList>()), runner_(LocalQueryRunner()) {}

QueryRunnerPtr SessionState::runner() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return runner_;
}

void SessionState::SetRunner(QueryRunnerPtr runner) {
  std::lock_guard<std::mutex> lock(mutex_);
  runner_ = std::move(runner);
}

SessionConfig SessionState::config() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return config_;
}

Status SessionState::SetConfig(std::string_view key, std::string_view value) {
  std::lock_guard<std::mutex> lock(mutex_);
  return config_.Set(key, value);
}

void SessionState::ReplaceConfig(SessionConfig config) {
  std::lock_guard<std::mutex> lock(mutex_);
  config_ = std::move(config);
}

Status SessionState::Prepare(const std::string& name, PreparedStatement statement) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (prepared_.count(name)) {
    return Status::AlreadyExists("prepared statement \"" + name + "\" already exists");
  }
  prepared_[name] = std::move(statement);
  return Status::OK();
}

Result<PreparedStatement> SessionState::Prepared(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = prepared_.find(name);
  if (it == prepared_.end()) return Status::NotFound("prepared statement \"" + name + "\" does not exist");
  return it->second;
}

Status SessionState::Deallocate(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (prepared_.erase(name) == 0) {
    return Status::NotFound("prepared statement \"" + name + "\" does not exist");
  }
  return Status::OK();
}

}  // namespace ballista::session
