#include "ballista/client/remote_runner.h"

#include <grpcpp/grpcpp.h>

#include <mutex>
#include <set>

#include "ballista/common/parse_number.h"
#include <google/protobuf/any.pb.h>

#include "ballista/dist/flight_client.h"
#include "ballista/dist/grpc_status.h"
#include "ballista/dist/plan_serde.h"
#include "ballista/dist/shuffle_read_codec.h"
#include "ballista/dist/shuffle_reader.h"
#include "proto/ballista.grpc.pb.h"

namespace ballista::client {

class RemoteQueryRunner::Impl {
 public:
  std::string host;
  int port = 0;
  std::string session_id;
  std::shared_ptr<protobuf::SchedulerGrpc::Stub> stub;
  std::shared_ptr<void> keep_alive;
  mutable std::mutex mutex;
  mutable std::set<std::string> active_jobs;  // guarded by mutex
  ProgressListener listener;          // guarded by mutex

  ProgressListener Listener() const {
    std::lock_guard<std::mutex> lock(mutex);
    return listener;
  }
  void Finished(const std::string& job_id) const {
    std::lock_guard<std::mutex> lock(mutex);
    active_jobs.erase(job_id);
  }

  std::string Where() const { return "scheduler " + host + ":" + std::to_string(port); }

  std::vector<protobuf::KeyValue> Settings(const session::SessionConfig& config) const {
    std::vector<protobuf::KeyValue> out;
    for (const auto& [k, v] : config.All()) {
      protobuf::KeyValue kv;
      kv.set_key(k);
      kv.set_value(v);
      out.push_back(std::move(kv));
    }
    return out;
  }

  Result<std::string> Submit(const logical::LogicalPlanPtr& plan, const session::SessionConfig& config) const {
    ASSIGN_OR_RAISE(auto bytes, dist::SerializePlan(plan, dist::StagePlanSerdeOptions()));
    protobuf::ExecuteQueryParams params;
    params.set_session_id(session_id);
    params.set_logical_plan(std::move(bytes));
    for (auto& kv : Settings(config)) *params.add_settings() = std::move(kv);
    params.set_job_name(config.dist.job_name);
    params.set_protocol_version(protobuf::PROTOCOL_VERSION_CURRENT);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    protobuf::ExecuteQueryResult result;
    RETURN_NOT_OK(dist::FromGrpcStatus(stub->ExecuteQuery(&ctx, params, &result), Where()));
    {
      std::lock_guard<std::mutex> lock(mutex);
      active_jobs.insert(result.job_id());
    }
    return result.job_id();
  }

  Result<protobuf::JobStatus> WaitForJob(const std::string& job_id) const {
    Result<protobuf::JobStatus> status = WaitForJobEnd(job_id);
    Finished(job_id);
    return status;
  }

  Result<protobuf::JobStatus> WaitForJobEnd(const std::string& job_id) const {
    const auto start = std::chrono::steady_clock::now();
    const ProgressListener progress = Listener();
    while (true) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
      protobuf::GetJobStatusParams params;
      params.set_job_id(job_id);
      params.set_wait_ms(progress ? 200 : 10000);
      protobuf::JobStatus status;
      RETURN_NOT_OK(dist::FromGrpcStatus(stub->GetJobStatus(&ctx, params, &status), Where()));
      if (progress) {
        JobProgress p;
        p.job_id = job_id;
        p.stages_done = static_cast<int>(status.stages_done());
        p.stages_total = static_cast<int>(status.stages_total());
        p.tasks_done = static_cast<int>(status.tasks_done());
        p.tasks_total = static_cast<int>(status.tasks_total());
        p.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        p.finished = status.state() == protobuf::JOB_SUCCESSFUL || status.state() == protobuf::JOB_FAILED ||
                     status.state() == protobuf::JOB_CANCELLED;
        progress(p);
      }
      switch (status.state()) {
        case protobuf::JOB_SUCCESSFUL:
          return status;
        case protobuf::JOB_FAILED: {
          uint32_t code = status.error_code();
          if (code > 0 && code <= static_cast<uint32_t>(StatusCode::kInternal)) {
            return Status(static_cast<StatusCode>(code), status.error());
          }
          return Status::ExecutionError("job " + job_id + " failed: " + status.error());
        }
        case protobuf::JOB_CANCELLED:
          return Status::Cancelled("job " + job_id + " was cancelled");
        default:
          break;
      }
    }
  }

  Status Cancel(const std::string& job_id) const {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    protobuf::CancelJobParams params;
    params.set_job_id(job_id);
    protobuf::CancelJobResult result;
    return dist::FromGrpcStatus(stub->CancelJob(&ctx, params, &result), Where());
  }
};

namespace {

/// The result of a job: waits for it on the first Next, then streams each result partition
/// over Flight. Cancels the job when dropped before the end.
class JobResultReader final : public arrow::RecordBatchReader {
 public:
  JobResultReader(std::shared_ptr<RemoteQueryRunner::Impl> impl, std::string job_id, arrow::SchemaPtr schema,
                  bool proxy)
      : impl_(std::move(impl)), job_id_(std::move(job_id)), schema_(std::move(schema)), proxy_(proxy) {}
  ~JobResultReader() override {
    if (!done_) (void)impl_->Cancel(job_id_);
    impl_->Finished(job_id_);
  }

  arrow::SchemaPtr schema() const override { return schema_; }

  Result<arrow::RecordBatchPtr> Next() override {
    if (!started_) {
      started_ = true;
      auto status = impl_->WaitForJob(job_id_);
      if (!status.ok()) {
        done_ = true;
        return status.status();
      }
      locations_.assign(status->result().begin(), status->result().end());
    }
    while (true) {
      if (current_) {
        ASSIGN_OR_RAISE(auto batch, current_->Next());
        if (batch) {
          if (batch->num_rows() == 0) continue;
          // The stage's column names are the plan's; keep the result schema the client planned.
          return std::make_shared<arrow::RecordBatch>(schema_, batch->num_rows(), batch->columns());
        }
        current_.reset();
      }
      if (next_location_ >= locations_.size()) {
        done_ = true;
        return arrow::RecordBatchPtr();
      }
      const auto& location = locations_[next_location_++];
      if (location.stats().num_rows() == 0) continue;
      if (proxy_) {
        // Through the scheduler's Flight service: the ticket is the location packed in an Any.
        google::protobuf::Any ticket;
        ticket.PackFrom(location);
        ASSIGN_OR_RAISE(current_, dist::FlightClient::Default()->DoGet(impl_->host, impl_->port,
                                                                      ticket.SerializeAsString()));
        continue;
      }
      ASSIGN_OR_RAISE(current_, dist::OpenShuffleReader({location}, "", nullptr));
    }
  }

 private:
  std::shared_ptr<RemoteQueryRunner::Impl> impl_;
  std::string job_id_;
  arrow::SchemaPtr schema_;
  const bool proxy_;
  bool started_ = false;
  bool done_ = false;
  std::vector<protobuf::PartitionLocation> locations_;
  size_t next_location_ = 0;
  arrow::RecordBatchReaderPtr current_;
};

}  // namespace

Status ParseSchedulerUrl(const std::string& url, std::string* host, int* port) {
  std::string rest = url;
  for (const char* scheme : {"df://", "grpc://", "ballista://"}) {
    if (rest.rfind(scheme, 0) == 0) {
      rest = rest.substr(std::string(scheme).size());
      break;
    }
  }
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  size_t colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Status::InvalidArgument("scheduler URL \"" + url + "\" is not of the form df://host:port");
  }
  *host = rest.substr(0, colon);
  std::string port_text = rest.substr(colon + 1);
  auto value = ParseInt64(port_text);
  if (!value || *value <= 0 || *value > 65535) {
    return Status::InvalidArgument("scheduler URL \"" + url + "\" has a bad port \"" + port_text + "\"");
  }
  *port = static_cast<int>(*value);
  return Status::OK();
}

Result<std::shared_ptr<RemoteQueryRunner>> RemoteQueryRunner::Connect(const std::string& host, int port,
                                                                      std::shared_ptr<void> keep_alive) {
  auto impl = std::make_shared<Impl>();
  impl->host = host;
  impl->port = port;
  impl->keep_alive = std::move(keep_alive);
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(256 << 20);
  args.SetMaxSendMessageSize(256 << 20);
  impl->stub = protobuf::SchedulerGrpc::NewStub(
      grpc::CreateCustomChannel(host + ":" + std::to_string(port), grpc::InsecureChannelCredentials(), args));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  protobuf::CreateSessionParams params;
  protobuf::CreateSessionResult result;
  RETURN_NOT_OK(dist::FromGrpcStatus(impl->stub->CreateSession(&ctx, params, &result), impl->Where()));
  impl->session_id = result.session_id();
  return std::shared_ptr<RemoteQueryRunner>(new RemoteQueryRunner(std::move(impl)));
}

RemoteQueryRunner::~RemoteQueryRunner() {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  protobuf::RemoveSessionParams params;
  params.set_session_id(impl_->session_id);
  protobuf::RemoveSessionResult result;
  impl_->stub->RemoveSession(&ctx, params, &result);
}

const std::string& RemoteQueryRunner::session_id() const { return impl_->session_id; }

Status RemoteQueryRunner::CancelJob(const std::string& job_id) const { return impl_->Cancel(job_id); }

int RemoteQueryRunner::CancelActiveJobs() const {
  std::set<std::string> jobs;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    jobs = impl_->active_jobs;
  }
  int sent = 0;
  for (const auto& job_id : jobs) {
    if (impl_->Cancel(job_id).ok()) ++sent;
  }
  return sent;
}

bool RemoteQueryRunner::HasActiveJobs() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return !impl_->active_jobs.empty();
}

void RemoteQueryRunner::SetProgressListener(ProgressListener listener) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->listener = std::move(listener);
}

Result<arrow::RecordBatchReaderPtr> RemoteQueryRunner::Execute(const logical::LogicalPlanPtr& plan,
                                                               const session::SessionConfig& config) const {
  ASSIGN_OR_RAISE(auto job_id, impl_->Submit(plan, config));
  return arrow::RecordBatchReaderPtr(
      std::make_unique<JobResultReader>(impl_, job_id, plan->ToArrowSchema(), config.dist.proxy_results));
}

Result<std::string> RemoteQueryRunner::Explain(const logical::LogicalPlanPtr& plan,
                                               const session::SessionConfig& config) const {
  ASSIGN_OR_RAISE(auto bytes, dist::SerializePlan(plan, dist::StagePlanSerdeOptions()));
  protobuf::ExplainJobParams params;
  params.set_logical_plan(std::move(bytes));
  for (auto& kv : impl_->Settings(config)) *params.add_settings() = std::move(kv);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  protobuf::ExplainJobResult result;
  RETURN_NOT_OK(dist::FromGrpcStatus(impl_->stub->ExplainJob(&ctx, params, &result), impl_->Where()));
  return result.stages();
}

Result<std::string> RemoteQueryRunner::Analyze(const logical::LogicalPlanPtr& plan,
                                               const session::SessionConfig& config) const {
  ASSIGN_OR_RAISE(auto stages, Explain(plan, config));
  ASSIGN_OR_RAISE(auto reader, Execute(plan, config));
  int64_t rows = 0;
  while (true) {
    ASSIGN_OR_RAISE(auto batch, reader->Next());
    if (!batch) break;
    rows += batch->num_rows();
  }
  return stages + "output_rows=" + std::to_string(rows) + "\n";
}

}  // namespace ballista::client
