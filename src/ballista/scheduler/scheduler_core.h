#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ballista/scheduler/execution_graph.h"
#include "ballista/scheduler/scheduler_server.h"
#include "proto/ballista.grpc.pb.h"

namespace ballista::scheduler {

/// What the scheduler knows of one executor.
struct ExecutorInfo {
  protobuf::ExecutorRegistration registration;
  int free_slots = 0;
  bool draining = false;
  std::chrono::steady_clock::time_point last_seen;
  std::shared_ptr<protobuf::ExecutorGrpc::Stub> stub;  ///< its gRPC port (launch, cancel, clean up)
};

/// The scheduler's state and background work, shared by the gRPC service and the REST API.
/// One mutex guards jobs, sessions and executors; RPCs to executors are made outside it.
class SchedulerCore {
 public:
  explicit SchedulerCore(SchedulerOptions options);
  ~SchedulerCore();

  const SchedulerOptions& options() const { return options_; }

  // ---- client requests ----
  std::string CreateSession(const std::vector<protobuf::KeyValue>& settings);
  bool RemoveSession(const std::string& session_id);
  Result<std::string> SubmitJob(const protobuf::ExecuteQueryParams& params);
  Result<protobuf::JobStatus> JobStatus(const std::string& job_id, int wait_ms);
  Result<bool> CancelJob(const std::string& job_id);
  Result<std::string> ExplainJob(const protobuf::ExplainJobParams& params);
  /// Counts a result partition streamed to a client through the scheduler (proxy_results).
  void CountProxiedPartition() { proxied_partitions_.fetch_add(1); }

  // ---- executor requests ----
  Status RegisterExecutor(const protobuf::ExecutorRegistration& registration);
  /// False when the executor is unknown (it must register again).
  bool HeartBeat(const protobuf::HeartBeatParams& params);
  void UpdateTaskStatuses(const std::string& executor_id, const std::vector<protobuf::TaskStatus>& statuses);
  Result<std::vector<protobuf::StageTasks>> PollWork(const protobuf::PollWorkParams& params);
  void ExecutorStopped(const std::string& executor_id, const std::string& reason);

  // ---- introspection (REST API, tests) ----
  int AliveExecutors() const;
  int64_t RerunTasks() const { return rerun_tasks_.load(); }
  std::string StateJson() const;
  std::string ExecutorsJson() const;
  std::string JobsJson() const;
  Result<std::string> JobJson(const std::string& job_id) const;
  Result<std::string> JobStagesJson(const std::string& job_id) const;
  std::string MetricsText() const;

  /// Stops the background loop.
  void Stop();

 private:
  struct Launch {
    std::string executor_id;
    std::shared_ptr<protobuf::ExecutorGrpc::Stub> stub;
    protobuf::LaunchTasksParams params;
  };

  void Loop();
  /// Takes tasks for executors with free slots (push policy) under the lock.
  std::vector<Launch> PlanLaunches();
  std::vector<protobuf::StageTasks> TakeTasksLocked(const std::string& executor_id, int slots);
  void LoseExecutorLocked(const std::string& executor_id, const std::string& reason);
  /// Vcores of live, non-draining executors not running a task now.
  int FreeVcoresLocked() const;
  int TotalVcoresLocked() const;
  int TotalVcores() const;
  void Notify();

  SchedulerOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;  ///< job states changed (GetJobStatus waits on it)
  std::condition_variable wake_;     ///< work to do for the loop
  bool wake_pending_ = false;
  bool stopping_ = false;
  std::map<std::string, std::vector<protobuf::KeyValue>> sessions_;
  std::map<std::string, std::unique_ptr<ExecutionGraph>> jobs_;
  std::vector<std::string> job_order_;  ///< submission order (FIFO scheduling)
  std::map<std::string, ExecutorInfo> executors_;
  std::map<std::string, bool> data_cleaned_;
  std::atomic<int64_t> rerun_tasks_{0};
  std::atomic<int64_t> proxied_partitions_{0};
  int64_t jobs_submitted_ = 0, jobs_completed_ = 0, jobs_failed_ = 0, jobs_cancelled_ = 0;
  double job_seconds_total_ = 0;
  std::thread loop_;
};

}  // namespace ballista::scheduler
