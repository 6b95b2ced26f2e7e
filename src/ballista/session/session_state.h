#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "ballista/catalog/catalog.h"
#include "ballista/logical/plan.h"
#include "ballista/session/query_runner.h"
#include "ballista/session/session_config.h"
#include "ballista/sql/ast_statement.h"

namespace ballista::session {

/// A prepared statement: its parsed text and parameter types.
struct PreparedStatement {
  std::shared_ptr<const sql::Statement> statement;
  std::vector<arrow::DataTypePtr> parameter_types;
};

/// What a session owns and its DataFrames share: the catalogs, the settings and the prepared
/// statements. Thread-safe: the settings are copied out under the lock.
class SessionState {
 public:
  SessionState();

  catalog::CatalogList& catalogs() { return *catalogs_; }
  const std::shared_ptr<catalog::CatalogList>& catalogs_ptr() const { return catalogs_; }

  SessionConfig config() const;
  Status SetConfig(std::string_view key, std::string_view value);
  void ReplaceConfig(SessionConfig config);

  /// Where this session's queries run (the local runner unless a client layer replaced it).
  QueryRunnerPtr runner() const;
  void SetRunner(QueryRunnerPtr runner);

  Status Prepare(const std::string& name, PreparedStatement statement);
  Result<PreparedStatement> Prepared(const std::string& name) const;
  Status Deallocate(const std::string& name);

 private:
  std::shared_ptr<catalog::CatalogList> catalogs_;
  mutable std::mutex mutex_;
  SessionConfig config_;
  QueryRunnerPtr runner_;
  std::map<std::string, PreparedStatement> prepared_;
};

}  // namespace ballista::session
