// ballista-executor: runs tasks for a scheduler and serves their shuffle output over Flight.
#include <signal.h>
#include <unistd.h>

#include <iostream>
#include <thread>

#include "ballista/common/logging.h"
#include "ballista/executor/executor_server.h"
#include "flag_parser.h"

int main(int argc, char** argv) {
  using namespace ballista;
  executor::ExecutorOptions o;
  std::string log_level;
  std::string memory;
  apps::FlagParser flags("usage: ballista-executor [options]\n"
                         "Runs an executor: registers with the scheduler, runs up to --vcores tasks at once and\n"
                         "serves shuffle data over Arrow Flight on --bind-port. SIGTERM drains and deregisters.");
  flags.String({"--scheduler-host"}, "scheduler host", &o.scheduler_host);
  flags.Int({"--scheduler-port"}, "scheduler gRPC port", &o.scheduler_port);
  flags.String({"--bind-host"}, "address to listen on", &o.bind_host);
  flags.String({"--external-host"}, "host name other executors and clients use for this one", &o.external_host);
  flags.Int({"-p", "--bind-port"}, "Arrow Flight port (0: any free port)", &o.bind_port);
  flags.Int({"--bind-grpc-port"}, "gRPC port for task launch, cancel and clean-up (0: any)", &o.bind_grpc_port);
  flags.Int({"--bind-health-port"}, "HTTP port for /healthz (-1: none, 0: any)", &o.bind_health_port);
  flags.Int({"-c", "--vcores", "--concurrent-tasks"}, "task slots (0: all cores)", &o.vcores);
  flags.String({"--work-dir"}, "directory for shuffle files (default: a temporary dir removed at exit)", &o.work_dir);
  flags.String({"-s", "--task-scheduling-policy"}, "push-staged or pull-staged (as the scheduler)",
               &o.task_scheduling_policy);
  flags.String({"--memory-pool-size"}, "memory for all running tasks, e.g. 4GB (default: unlimited)", &memory);
  flags.Int({"--executor-heartbeat-interval-seconds"}, "seconds between heartbeats", &o.heartbeat_interval_seconds);
  flags.Int({"--job-data-ttl-seconds"}, "job directories older than this are removed at start", &o.job_data_ttl_seconds);
  flags.String({"--executor-id"}, "this executor's id (default: random)", &o.executor_id);
  flags.String({"--log-level"}, "trace, debug, info, warn, error or off (or env BALLISTA_LOG)", &log_level);
  flags.Parse(argc, argv);
  if (!log_level.empty()) {
    LogLevel level;
    if (!ParseLogLevel(log_level, &level)) apps::FlagParser::Fail("unknown --log-level " + log_level);
    SetLogLevel(level);
  }
  if (!memory.empty()) {
    std::string digits = memory;
    int64_t unit = 1;
    auto ends = [&](const char* s) {
      std::string suffix = s;
      if (digits.size() > suffix.size() && digits.compare(digits.size() - suffix.size(), suffix.size(), suffix) == 0) {
        digits.resize(digits.size() - suffix.size());
        return true;
      }
      return false;
    };
    if (ends("GB") || ends("G")) unit = 1LL << 30;
    else if (ends("MB") || ends("M")) unit = 1LL << 20;
    else if (ends("KB") || ends("K")) unit = 1LL << 10;
    auto value = ParseInt64(digits);
    if (!value || *value < 0) apps::FlagParser::Fail("bad --memory-pool-size " + memory);
    o.memory_pool_size = *value * unit;
  }
  apps::BlockStopSignals();
  auto server = executor::ExecutorServer::Start(o);
  if (!server.ok()) {
    std::cerr << "Error: " << server.status().message() << "\n";
    return 1;
  }
  std::cout << "ballista-executor " << (*server)->executor_id() << " ready: flight " << (*server)->flight_port()
            << " grpc " << (*server)->grpc_port() << " health " << (*server)->health_port() << " work dir "
            << (*server)->work_dir() << std::endl;
  // A StopExecutor request ends the process the same way a signal does.
  executor::ExecutorServer* raw = server->get();
  std::thread([raw] {
    raw->Wait();
    kill(getpid(), SIGTERM);
  }).detach();
  apps::WaitForStopSignal();
  std::cout << "ballista-executor draining" << std::endl;
  (*server)->Shutdown();
  return 0;
}
