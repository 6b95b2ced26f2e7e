#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "ballista/common/result.h"

namespace ballista::client {

/// A real cluster of processes on loopback: one ballista-scheduler and N ballista-executor
/// processes started from `bin_dir`, on ports the OS picks (read back from each process's
/// start-up line). Used by `ballista-slt --mode cluster`, the cluster tests and the TPC-H runner.
/// Stopping (or destroying) sends SIGTERM and waits; processes that do not stop in time are
/// killed.
class LocalCluster {
 public:
  struct Options {
    std::string bin_dir;
    int executors = 2;
    int vcores = 2;
    std::string policy = "push-staged";
    /// Extra scheduler flags (e.g. short timeouts in fault tests).
    std::vector<std::string> scheduler_args;
    std::vector<std::string> executor_args;
    std::chrono::seconds start_timeout{30};
  };

  static Result<std::unique_ptr<LocalCluster>> Start(const Options& options);
  ~LocalCluster();

  int scheduler_port() const { return scheduler_port_; }
  int http_port() const { return http_port_; }
  std::string url() const { return "df://127.0.0.1:" + std::to_string(scheduler_port_); }
  /// Process ids of the executors, in start order (fault tests kill one).
  const std::vector<pid_t>& executor_pids() const { return executor_pids_; }
  /// The work dir of executor i.
  const std::vector<std::string>& executor_work_dirs() const { return work_dirs_; }
  /// Starts one more executor (after one was killed).
  Status AddExecutor();

  void Stop();

 private:
  struct Child {
    pid_t pid = -1;
    int stdout_fd = -1;
  };
  Result<std::string> StartProcess(const std::vector<std::string>& argv, const std::string& ready_prefix, Child* child);

  Options options_;
  std::vector<Child> children_;
  std::vector<pid_t> executor_pids_;
  std::vector<std::string> work_dirs_;
  std::string root_dir_;
  int scheduler_port_ = 0;
  int http_port_ = -1;
};

}  // namespace ballista::client
