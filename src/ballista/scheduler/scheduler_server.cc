#include "ballista/scheduler/scheduler_server.h"

#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include <thread>

#include "ballista/dist/grpc_status.h"
#include "ballista/scheduler/flight_sql_service.h"
#include "ballista/scheduler/scheduler_core.h"

namespace ballista::scheduler {
namespace {

using dist::ToGrpcStatus;

/// The SchedulerGrpc service: each RPC is a thin call into the core.
class SchedulerService final : public protobuf::SchedulerGrpc::Service {
 public:
  explicit SchedulerService(SchedulerCore* core) : core_(core) {}

  grpc::Status CreateSession(grpc::ServerContext*, const protobuf::CreateSessionParams* request,
                             protobuf::CreateSessionResult* response) override {
    std::vector<protobuf::KeyValue> settings(request->settings().begin(), request->settings().end());
    response->set_session_id(core_->CreateSession(settings));
    return grpc::Status::OK;
  }
  grpc::Status RemoveSession(grpc::ServerContext*, const protobuf::RemoveSessionParams* request,
                             protobuf::RemoveSessionResult*) override {
    if (!core_->RemoveSession(request->session_id())) {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, "unknown session \"" + request->session_id() + "\"");
    }
    return grpc::Status::OK;
  }
  grpc::Status ExecuteQuery(grpc::ServerContext*, const protobuf::ExecuteQueryParams* request,
                            protobuf::ExecuteQueryResult* response) override {
    auto job = core_->SubmitJob(*request);
    if (!job.ok()) return ToGrpcStatus(job.status());
    response->set_job_id(*job);
    return grpc::Status::OK;
  }
  grpc::Status GetJobStatus(grpc::ServerContext*, const protobuf::GetJobStatusParams* request,
                            protobuf::JobStatus* response) override {
    auto status = core_->JobStatus(request->job_id(), static_cast<int>(request->wait_ms()));
    if (!status.ok()) return ToGrpcStatus(status.status());
    *response = std::move(*status);
    return grpc::Status::OK;
  }
  grpc::Status CancelJob(grpc::ServerContext*, const protobuf::CancelJobParams* request,
                         protobuf::CancelJobResult* response) override {
    auto cancelled = core_->CancelJob(request->job_id());
    if (!cancelled.ok()) return ToGrpcStatus(cancelled.status());
    response->set_cancelled(*cancelled);
    return grpc::Status::OK;
  }
  grpc::Status ExplainJob(grpc::ServerContext*, const protobuf::ExplainJobParams* request,
                          protobuf::ExplainJobResult* response) override {
    auto text = core_->ExplainJob(*request);
    if (!text.ok()) return ToGrpcStatus(text.status());
    response->set_stages(*text);
    return grpc::Status::OK;
  }
  grpc::Status RegisterExecutor(grpc::ServerContext*, const protobuf::ExecutorRegistration* request,
                                protobuf::RegisterExecutorResult* response) override {
    Status st = core_->RegisterExecutor(*request);
    if (!st.ok()) return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, st.message());
    response->set_success(true);
    return grpc::Status::OK;
  }
  grpc::Status HeartBeatFromExecutor(grpc::ServerContext*, const protobuf::HeartBeatParams* request,
                                     protobuf::HeartBeatResult* response) override {
    response->set_reregister(!core_->HeartBeat(*request));
    return grpc::Status::OK;
  }
  grpc::Status UpdateTaskStatus(grpc::ServerContext*, const protobuf::UpdateTaskStatusParams* request,
                                protobuf::UpdateTaskStatusResult*) override {
    std::vector<protobuf::TaskStatus> statuses(request->statuses().begin(), request->statuses().end());
    core_->UpdateTaskStatuses(request->executor_id(), statuses);
    return grpc::Status::OK;
  }
  grpc::Status PollWork(grpc::ServerContext*, const protobuf::PollWorkParams* request,
                        protobuf::PollWorkResult* response) override {
    auto work = core_->PollWork(*request);
    if (!work.ok()) return ToGrpcStatus(work.status());
    for (auto& w : *work) *response->add_work() = std::move(w);
    return grpc::Status::OK;
  }
  grpc::Status ExecutorStopped(grpc::ServerContext*, const protobuf::ExecutorStoppedParams* request,
                               protobuf::ExecutorStoppedResult*) override {
    core_->ExecutorStopped(request->executor_id(), request->reason());
    return grpc::Status::OK;
  }

 private:
  SchedulerCore* core_;
};

void ServeHttp(httplib::Server& http, SchedulerCore* core) {
  auto json = [](httplib::Response& res, const std::string& body, int status = 200) {
    res.status = status;
    res.set_content(body, "application/json");
  };
  http.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });
  http.Get("/readyz", [core](const httplib::Request&, httplib::Response& res) {
    int alive = core->AliveExecutors();
    bool ready = alive >= core->options().min_ready_executors;
    res.status = ready ? 200 : 503;
    res.set_content(std::string(ready ? "ready" : "not ready") + ": " + std::to_string(alive) + " executors\n",
                    "text/plain");
  });
  http.Get("/api/state", [core, json](const httplib::Request&, httplib::Response& res) { json(res, core->StateJson()); });
  http.Get("/api/executors",
           [core, json](const httplib::Request&, httplib::Response& res) { json(res, core->ExecutorsJson()); });
  http.Get("/api/jobs", [core, json](const httplib::Request&, httplib::Response& res) { json(res, core->JobsJson()); });
  http.Get(R"(/api/job/([A-Za-z0-9_-]+))", [core, json](const httplib::Request& req, httplib::Response& res) {
    auto body = core->JobJson(req.matches[1]);
    if (!body.ok()) return json(res, "{\"error\":\"" + body.status().message() + "\"}", 404);
    json(res, *body);
  });
  http.Patch(R"(/api/job/([A-Za-z0-9_-]+))", [core, json](const httplib::Request& req, httplib::Response& res) {
    auto cancelled = core->CancelJob(req.matches[1]);
    if (!cancelled.ok()) return json(res, "{\"error\":\"" + cancelled.status().message() + "\"}", 404);
    json(res, std::string("{\"cancelled\":") + (*cancelled ? "true" : "false") + "}");
  });
  http.Get(R"(/api/job/([A-Za-z0-9_-]+)/stages)", [core, json](const httplib::Request& req, httplib::Response& res) {
    auto body = core->JobStagesJson(req.matches[1]);
    if (!body.ok()) return json(res, "{\"error\":\"" + body.status().message() + "\"}", 404);
    json(res, *body);
  });
  http.Get("/metrics", [core](const httplib::Request&, httplib::Response& res) {
    res.set_content(core->MetricsText(), "text/plain; version=0.0.4");
  });
}

}  // namespace

/// Everything a running scheduler owns.
struct SchedulerServerParts {
  std::unique_ptr<SchedulerService> service;
  std::unique_ptr<::arrow::flight::protocol::FlightService::Service> flight_sql;
  std::unique_ptr<grpc::Server> grpc_server;
  std::unique_ptr<httplib::Server> http;
  std::thread http_thread;
  int port = 0;
  int http_port = -1;
};

Status ValidateSchedulerOptions(const SchedulerOptions& o) {
  if (o.scheduler_policy != "push-staged" && o.scheduler_policy != "pull-staged") {
    return Status::InvalidArgument("--scheduler-policy is push-staged or pull-staged, not '" + o.scheduler_policy + "'");
  }
  if (o.task_distribution != "bias" && o.task_distribution != "round-robin") {
    return Status::InvalidArgument("--task-distribution is bias or round-robin, not '" + o.task_distribution + "'");
  }
  if (o.bind_port < 0 || o.bind_port > 65535) return Status::InvalidArgument("--bind-port outside 0..65535");
  if (o.http_port < -1 || o.http_port > 65535) return Status::InvalidArgument("--http-port outside 0..65535");
  if (o.task_max_failures < 1) return Status::InvalidArgument("--task-max-failures must be at least 1");
  if (o.stage_max_failures < 1) return Status::InvalidArgument("--stage-max-failures must be at least 1");
  if (o.executor_timeout_seconds < 1) return Status::InvalidArgument("--executor-timeout-seconds must be at least 1");
  return Status::OK();
}

Result<std::unique_ptr<SchedulerServer>> SchedulerServer::Start(const SchedulerOptions& options) {
  RETURN_NOT_OK(ValidateSchedulerOptions(options));
  std::unique_ptr<SchedulerServer> server(new SchedulerServer());
  server->core_ = std::make_unique<SchedulerCore>(options);
  auto parts = std::make_unique<SchedulerServerParts>();
  parts->service = std::make_unique<SchedulerService>(server->core_.get());
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.bind_host + ":" + std::to_string(options.bind_port),
                           grpc::InsecureServerCredentials(), &parts->port);
  builder.SetMaxReceiveMessageSize(256 << 20);
  builder.SetMaxSendMessageSize(256 << 20);
  builder.RegisterService(parts->service.get());
  parts->flight_sql = MakeFlightSqlService(
      server->core_.get(), FlightSqlOptions{options.flight_sql_auth_user, options.flight_sql_auth_password});
  builder.RegisterService(parts->flight_sql.get());
  parts->grpc_server = builder.BuildAndStart();
  if (!parts->grpc_server || parts->port == 0) {
    return Status::Unavailable("scheduler cannot listen on " + options.bind_host + ":" +
                               std::to_string(options.bind_port));
  }
  if (options.http_port >= 0) {
    parts->http = std::make_unique<httplib::Server>();
    ServeHttp(*parts->http, server->core_.get());
    if (options.http_port == 0) {
      parts->http_port = parts->http->bind_to_any_port(options.bind_host);
    } else {
      parts->http_port = parts->http->bind_to_port(options.bind_host, options.http_port) ? options.http_port : -1;
    }
    if (parts->http_port <= 0) {
      parts->grpc_server->Shutdown();
      return Status::Unavailable("scheduler cannot listen for HTTP on " + options.bind_host + ":" +
                                 std::to_string(options.http_port));
    }
    httplib::Server* http = parts->http.get();
    parts->http_thread = std::thread([http] { http->listen_after_bind(); });
  }
  server->parts_ = std::move(parts);
  return server;
}

SchedulerServer::SchedulerServer() = default;

SchedulerServer::~SchedulerServer() { Shutdown(); }

int SchedulerServer::port() const {
  auto* parts = parts_.get();
  return parts ? parts->port : 0;
}

int SchedulerServer::http_port() const {
  auto* parts = parts_.get();
  return parts ? parts->http_port : -1;
}

void SchedulerServer::Wait() {
  auto* parts = parts_.get();
  if (parts && parts->grpc_server) parts->grpc_server->Wait();
}

void SchedulerServer::Shutdown() {
  auto* parts = parts_.get();
  if (core_) core_->Stop();
  if (!parts) return;
  if (parts->http) parts->http->stop();
  if (parts->http_thread.joinable()) parts->http_thread.join();
  if (parts->grpc_server) parts->grpc_server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
}

int SchedulerServer::AliveExecutors() const { return core_ ? core_->AliveExecutors() : 0; }

int64_t SchedulerServer::RerunTasks() const { return core_ ? core_->RerunTasks() : 0; }

}  // namespace ballista::scheduler
