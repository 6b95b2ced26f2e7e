#pragma once

#include <memory>
#include <string>

#include "ballista/session/query_runner.h"

namespace ballista::client {

/// Runs a session's plans on a cluster: each optimized plan is serialized and submitted to the
/// scheduler as a job under the session's id; the result is fetched over Arrow Flight from the
/// executors holding it, one partition after the other, as the reader is drained. Dropping the
/// reader before the end cancels the job. Thread-safe.
class RemoteQueryRunner final : public session::QueryRunner {
 public:
  /// Connects to the scheduler at host:port and opens a session there. `keep_alive` is held as
  /// long as the runner (the in-process cluster of a standalone context).
  static Result<std::shared_ptr<RemoteQueryRunner>> Connect(const std::string& host, int port,
                                                            std::shared_ptr<void> keep_alive = nullptr);
  ~RemoteQueryRunner() override;

  Result<arrow::RecordBatchReaderPtr> Execute(const logical::LogicalPlanPtr& plan,
                                              const session::SessionConfig& config) const override;
  Result<std::string> Explain(const logical::LogicalPlanPtr& plan,
                              const session::SessionConfig& config) const override;
  Result<std::string> Analyze(const logical::LogicalPlanPtr& plan,
                              const session::SessionConfig& config) const override;

  const std::string& session_id() const;
  /// Cancels a job of this runner's scheduler (the CLI's Ctrl-C).
  Status CancelJob(const std::string& job_id) const;

  class Impl;

 private:
  explicit RemoteQueryRunner(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

/// Parses "df://host:port" (also "host:port" and "grpc://host:port").
Status ParseSchedulerUrl(const std::string& url, std::string* host, int* port);

}  // namespace ballista::client
