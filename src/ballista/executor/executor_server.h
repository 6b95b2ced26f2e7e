#pragma once

#include <memory>
#include <string>

#include "ballista/common/result.h"

namespace ballista::executor {

/// The executor's settings; names and defaults follow Apache Ballista's flags.
struct ExecutorOptions {
  std::string scheduler_host = "localhost";
  int scheduler_port = 50050;
  std::string bind_host = "0.0.0.0";
  std::string external_host;      ///< how peers reach it (default: bind_host, or localhost for 0.0.0.0)
  int bind_port = 50051;          ///< Arrow Flight (0: the OS picks)
  int bind_grpc_port = 50052;     ///< ExecutorGrpc: task launch, cancel, clean-up (0: the OS picks)
  int bind_health_port = 50053;   ///< HTTP /healthz (-1: none, 0: the OS picks)
  int vcores = 0;                 ///< task slots (0: the machine's cores)
  std::string work_dir;           ///< shuffle files (empty: a temporary dir removed at exit)
  std::string task_scheduling_policy = "push-staged";  ///< push-staged | pull-staged
  int64_t memory_pool_size = 0;   ///< bytes for all running tasks (0: unlimited)
  int heartbeat_interval_seconds = 60;
  int job_data_ttl_seconds = 604800;  ///< job dirs older than this are removed at start
  std::string executor_id;        ///< empty: a fresh random id
  /// How long start-up keeps trying to register with the scheduler.
  int register_timeout_seconds = 30;
};

class ExecutorCore;

/// A running executor: Flight (shuffle and results), ExecutorGrpc (push scheduling), health
/// HTTP, heartbeats and the task slots. Thread-safe.
class ExecutorServer {
 public:
  /// Starts the servers and registers with the scheduler (retrying until register_timeout).
  static Result<std::unique_ptr<ExecutorServer>> Start(const ExecutorOptions& options);
  ~ExecutorServer();

  const std::string& executor_id() const;
  int flight_port() const;
  int grpc_port() const;
  int health_port() const;
  const std::string& work_dir() const;
  /// Tasks finished (any outcome) since start.
  int64_t TasksRun() const;

  /// Drains: stops taking tasks, lets running ones finish, deregisters, stops serving.
  void Shutdown();
  /// Blocks until Shutdown (or a StopExecutor request) has completed.
  void Wait();

 private:
  ExecutorServer();
  std::unique_ptr<ExecutorCore> core_;
};

Status ValidateExecutorOptions(const ExecutorOptions& options);

}  // namespace ballista::executor
