#pragma once

#include <memory>
#include <string>

#include "ballista/common/result.h"

namespace ballista::scheduler {

/// The scheduler's settings; the defaults and names are Apache Ballista's flags.
struct SchedulerOptions {
  std::string bind_host = "0.0.0.0";
  int bind_port = 50050;               ///< 0: the OS picks (tests, standalone)
  std::string external_host;           ///< how executors and clients reach it (default bind_host)
  int http_port = 50060;               ///< REST API, /metrics, /healthz; -1: no HTTP server
  std::string scheduler_policy = "push-staged";  ///< push-staged | pull-staged
  std::string task_distribution = "bias";        ///< bias | round-robin
  int executor_timeout_seconds = 180;
  int expire_dead_executor_interval_seconds = 15;
  int task_max_failures = 4;
  int stage_max_failures = 4;
  int finished_job_data_clean_up_interval_seconds = 300;
  int finished_job_state_clean_up_interval_seconds = 3600;
  int min_ready_executors = 1;         ///< /readyz answers 200 once this many are registered
  /// Arrow Flight SQL (served on bind_port): with a user, Handshake takes basic credentials and
  /// every call needs the bearer token it returns (or the credentials); empty: open.
  std::string flight_sql_auth_user;
  std::string flight_sql_auth_password;
};

class SchedulerCore;
struct SchedulerServerParts;

/// A running scheduler: the SchedulerGrpc service and Arrow Flight SQL on one gRPC port, the task
/// launcher and the REST API.
/// Thread-safe; Shutdown stops serving (also done by the destructor).
class SchedulerServer {
 public:
  static Result<std::unique_ptr<SchedulerServer>> Start(const SchedulerOptions& options);
  ~SchedulerServer();

  int port() const;
  int http_port() const;
  /// Blocks until Shutdown.
  void Wait();
  void Shutdown();
  /// Executors registered and alive (tests, /readyz).
  int AliveExecutors() const;
  /// Tasks re-run after a failure or a lost executor since start (tests check fault recovery).
  int64_t RerunTasks() const;

 private:
  SchedulerServer();
  std::unique_ptr<SchedulerCore> core_;
  std::unique_ptr<SchedulerServerParts> parts_;
};

/// Checks an options value set, naming the bad flag.
Status ValidateSchedulerOptions(const SchedulerOptions& options);

}  // namespace ballista::scheduler
