#include "ballista/client/session_context.h"

#include "ballista/client/remote_runner.h"
#include "ballista/executor/executor_server.h"
#include "ballista/scheduler/scheduler_server.h"

namespace ballista {
namespace {

/// The in-process cluster of a standalone context; executors stop before the scheduler.
struct StandaloneCluster {
  std::unique_ptr<scheduler::SchedulerServer> scheduler;
  std::vector<std::unique_ptr<executor::ExecutorServer>> executors;
  ~StandaloneCluster() {
    for (auto& e : executors) e->Shutdown();
    executors.clear();
    if (scheduler) scheduler->Shutdown();
  }
};

}  // namespace

Result<SessionContext> SessionContext::Remote(const std::string& url, session::SessionConfig config) {
  std::string host;
  int port = 0;
  RETURN_NOT_OK(client::ParseSchedulerUrl(url, &host, &port));
  ASSIGN_OR_RAISE(auto runner, client::RemoteQueryRunner::Connect(host, port));
  SessionContext context(std::move(config));
  context.state()->SetRunner(std::move(runner));
  return context;
}

Result<SessionContext> SessionContext::Standalone(session::SessionConfig config, StandaloneOptions options) {
  auto cluster = std::make_shared<StandaloneCluster>();
  scheduler::SchedulerOptions scheduler_options;
  scheduler_options.bind_host = "127.0.0.1";
  scheduler_options.bind_port = 0;
  scheduler_options.http_port = -1;
  scheduler_options.scheduler_policy = options.scheduler_policy;
  ASSIGN_OR_RAISE(cluster->scheduler, scheduler::SchedulerServer::Start(scheduler_options));
  for (int i = 0; i < std::max(1, options.executors); ++i) {
    executor::ExecutorOptions executor_options;
    executor_options.scheduler_host = "127.0.0.1";
    executor_options.scheduler_port = cluster->scheduler->port();
    executor_options.bind_host = "127.0.0.1";
    executor_options.bind_port = 0;
    executor_options.bind_grpc_port = 0;
    executor_options.bind_health_port = -1;
    executor_options.vcores = options.vcores_per_executor;
    executor_options.task_scheduling_policy = options.scheduler_policy;
    ASSIGN_OR_RAISE(auto executor, executor::ExecutorServer::Start(executor_options));
    cluster->executors.push_back(std::move(executor));
  }
  ASSIGN_OR_RAISE(auto runner, client::RemoteQueryRunner::Connect("127.0.0.1", cluster->scheduler->port(), cluster));
  SessionContext context(std::move(config));
  context.state()->SetRunner(std::move(runner));
  return context;
}

}  // namespace ballista
