#pragma once

#include <functional>
#include <memory>
#include <string>

#include "ballista/session/query_runner.h"

namespace ballista::client {

/// Where a running job stands (the scheduler's JobStatus), for progress displays.
struct JobProgress {
  std::string job_id;
  int stages_done = 0;
  int stages_total = 0;
  int tasks_done = 0;
  int tasks_total = 0;
  double elapsed_seconds = 0;
  bool finished = false;  ///< the last call for this job
};
using ProgressListener = std::function<void(const JobProgress&)>;

/// Runs a session's plans on a cluster: each optimized plan is serialized and submitted to the
/// scheduler as a job under the session's id; the result is fetched over Arrow Flight from the
/// executors holding it (through the scheduler's Flight service when the session sets
/// ballista.client.proxy_results), one partition after the other, as the reader is drained. Dropping the
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
  /// Cancels a job of this runner's scheduler.
  Status CancelJob(const std::string& job_id) const;
  /// Cancels every job this runner submitted that has not finished yet (the CLI's Ctrl-C; safe
  /// to call from any thread). Returns how many cancel requests were sent.
  int CancelActiveJobs() const;
  /// Whether a job this runner submitted has not finished yet.
  bool HasActiveJobs() const;
  /// While a job is waited for, `listener` is called from the waiting thread about every 200 ms
  /// with its progress, and once with `finished` set when it ends. Null: no progress calls.
  void SetProgressListener(ProgressListener listener) const;

  class Impl;

 private:
  explicit RemoteQueryRunner(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

/// Parses "df://host:port" (also "host:port" and "grpc://host:port").
Status ParseSchedulerUrl(const std::string& url, std::string* host, int* port);

}  // namespace ballista::client
