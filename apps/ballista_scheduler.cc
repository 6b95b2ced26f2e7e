// ballista-scheduler: plans jobs into stages and hands their tasks to executors.
#include <fstream>
#include <iostream>

#include "ballista/common/logging.h"
#include "ballista/scheduler/scheduler_server.h"
#include "flag_parser.h"

int main(int argc, char** argv) {
  using namespace ballista;
  scheduler::SchedulerOptions o;
  std::string log_level;
  apps::FlagParser flags("usage: ballista-scheduler [options]\n"
                         "Runs the scheduler: the SchedulerGrpc service for clients and executors and Arrow\n"
                         "Flight SQL (JDBC, ADBC, pyarrow) on --bind-port, and the REST API, /metrics, /healthz\n"
                         "and /readyz on --http-port.");
  flags.String({"--bind-host"}, "address to listen on", &o.bind_host);
  flags.Int({"-p", "--bind-port"}, "gRPC port (0: any free port, printed at start)", &o.bind_port);
  flags.String({"--external-host"}, "host name executors and clients use for this scheduler", &o.external_host);
  flags.Int({"--http-port"}, "HTTP port for the REST API and metrics (-1: none)", &o.http_port);
  flags.String({"-s", "--scheduler-policy"}, "push-staged or pull-staged", &o.scheduler_policy);
  flags.String({"--task-distribution"}, "bias (fill one executor first) or round-robin", &o.task_distribution);
  flags.Int({"--executor-timeout-seconds"}, "an executor without heartbeat this long is lost", &o.executor_timeout_seconds);
  flags.Int({"--expire-dead-executor-interval-seconds"}, "how often lost executors are looked for",
            &o.expire_dead_executor_interval_seconds);
  flags.Int({"--task-max-failures"}, "a task failing this often fails its job", &o.task_max_failures);
  flags.Int({"--stage-max-failures"}, "a stage re-running lost inputs this often fails its job", &o.stage_max_failures);
  flags.Int({"--finished-job-data-clean-up-interval-seconds"}, "shuffle data of a finished job is removed after this",
            &o.finished_job_data_clean_up_interval_seconds);
  flags.Int({"--finished-job-state-clean-up-interval-seconds"}, "a finished job is forgotten after this",
            &o.finished_job_state_clean_up_interval_seconds);
  flags.Int({"--min-ready-executors"}, "/readyz answers 200 once this many executors are registered",
            &o.min_ready_executors);
  std::string auth_password_file;
  flags.String({"--auth-user"}, "Flight SQL user: clients authenticate (basic auth, then a bearer token); needs "
                "--auth-password-file",
               &o.flight_sql_auth_user);
  flags.String({"--auth-password-file"}, "file holding the Flight SQL password (one line)", &auth_password_file);
  flags.String({"--log-level"}, "trace, debug, info, warn, error or off (or env BALLISTA_LOG)", &log_level);
  flags.Parse(argc, argv);
  if (!log_level.empty()) {
    LogLevel level;
    if (!ParseLogLevel(log_level, &level)) apps::FlagParser::Fail("unknown --log-level " + log_level);
    SetLogLevel(level);
  }
  if (o.flight_sql_auth_user.empty() != auth_password_file.empty()) {
    apps::FlagParser::Fail("--auth-user and --auth-password-file go together");
  }
  if (!auth_password_file.empty()) {
    std::ifstream in(auth_password_file);
    if (!in) apps::FlagParser::Fail("cannot read --auth-password-file " + auth_password_file);
    std::getline(in, o.flight_sql_auth_password);
    if (!o.flight_sql_auth_password.empty() && o.flight_sql_auth_password.back() == '\r') {
      o.flight_sql_auth_password.pop_back();
    }
    if (o.flight_sql_auth_password.empty()) apps::FlagParser::Fail("--auth-password-file holds an empty password");
  }
  apps::BlockStopSignals();
  auto server = scheduler::SchedulerServer::Start(o);
  if (!server.ok()) {
    std::cerr << "Error: " << server.status().message() << "\n";
    return 1;
  }
  std::cout << "ballista-scheduler listening on " << o.bind_host << ":" << (*server)->port() << " (http "
            << (*server)->http_port() << ")" << std::endl;
  int sig = apps::WaitForStopSignal();
  std::cout << "ballista-scheduler stopping (signal " << sig << ")" << std::endl;
  (*server)->Shutdown();
  return 0;
}
