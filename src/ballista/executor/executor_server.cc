#include "ballista/executor/executor_server.h"

#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "ballista/common/logging.h"
#include "ballista/dist/grpc_status.h"
#include "ballista/dist/in_memory_shuffle.h"
#include "ballista/dist/plan_serde.h"
#include "ballista/dist/shuffle_read_codec.h"
#include "ballista/executor/flight_service.h"
#include "ballista/executor/task_runner.h"
#include "proto/ballista.grpc.pb.h"

namespace ballista::executor {
namespace fs = std::filesystem;

namespace {

std::string RandomId() {
  std::mt19937_64 rng(std::random_device{}());
  static const char* alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string id;
  for (int i = 0; i < 12; ++i) id += alphabet[rng() % 36];
  return id;
}

/// Removes job directories not modified for `ttl` (left by an earlier run of this executor).
void RemoveStaleJobDirs(const std::string& work_dir, int ttl_seconds) {
  std::error_code ec;
  auto now = fs::file_time_type::clock::now();
  for (const auto& entry : fs::directory_iterator(work_dir, ec)) {
    if (!entry.is_directory(ec)) continue;
    auto modified = fs::last_write_time(entry.path(), ec);
    if (ec) continue;
    if (now - modified > std::chrono::seconds(ttl_seconds)) fs::remove_all(entry.path(), ec);
  }
}

}  // namespace

/// The executor's moving parts. Tasks run on `vcores` slot threads fed by a queue; each task's
/// pipelines use the shared CPU pool.
class ExecutorCore : public protobuf::ExecutorGrpc::Service {
 public:
  explicit ExecutorCore(ExecutorOptions options) : options_(std::move(options)) {}
  ~ExecutorCore() override { Shutdown(); }

  Status Start() {
    if (options_.vcores <= 0) options_.vcores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    executor_id_ = options_.executor_id.empty() ? "executor-" + RandomId() : options_.executor_id;
    if (options_.work_dir.empty()) {
      std::string pattern = (fs::temp_directory_path() / "ballista-executor-XXXXXX").string();
      std::vector<char> buffer(pattern.begin(), pattern.end());
      buffer.push_back('\0');
      if (!mkdtemp(buffer.data())) return Status::IOError("cannot create a temporary work dir");
      options_.work_dir = buffer.data();
      owns_work_dir_ = true;
    } else {
      std::error_code ec;
      fs::create_directories(options_.work_dir, ec);
      if (ec) return Status::IOError("cannot create work dir " + options_.work_dir + ": " + ec.message());
      RemoveStaleJobDirs(options_.work_dir, options_.job_data_ttl_seconds);
    }
    host_ = options_.external_host;
    if (host_.empty()) host_ = options_.bind_host == "0.0.0.0" ? "localhost" : options_.bind_host;

    cpu_pool_ = std::make_unique<ThreadPool>(options_.vcores);
    if (options_.memory_pool_size > 0) {
      memory_pool_ = std::make_unique<MemoryPool>("executor", options_.memory_pool_size, DefaultMemoryPool());
    }

    FlightServiceOptions flight;
    flight.host = options_.bind_host;
    flight.port = options_.bind_port;
    flight.work_dir = options_.work_dir;
    ASSIGN_OR_RAISE(flight_, FlightService::Start(flight));

    grpc::ServerBuilder builder;
    builder.AddListeningPort(options_.bind_host + ":" + std::to_string(options_.bind_grpc_port),
                             grpc::InsecureServerCredentials(), &grpc_port_);
    builder.SetMaxReceiveMessageSize(256 << 20);
    builder.RegisterService(this);
    grpc_server_ = builder.BuildAndStart();
    if (!grpc_server_ || grpc_port_ == 0) {
      return Status::Unavailable("executor cannot listen on " + options_.bind_host + ":" +
                                 std::to_string(options_.bind_grpc_port));
    }
    if (options_.bind_health_port >= 0) {
      health_ = std::make_unique<httplib::Server>();
      health_->Get("/healthz", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });
      health_port_ = options_.bind_health_port == 0 ? health_->bind_to_any_port(options_.bind_host)
                                                     : (health_->bind_to_port(options_.bind_host, options_.bind_health_port)
                                                            ? options_.bind_health_port
                                                            : -1);
      if (health_port_ <= 0) return Status::Unavailable("executor cannot listen for health checks");
      health_thread_ = std::thread([this] { health_->listen_after_bind(); });
    }

    auto channel = grpc::CreateChannel(options_.scheduler_host + ":" + std::to_string(options_.scheduler_port),
                                       grpc::InsecureChannelCredentials());
    scheduler_ = protobuf::SchedulerGrpc::NewStub(channel);
    RETURN_NOT_OK(Register(std::chrono::seconds(options_.register_timeout_seconds)));

    for (int i = 0; i < options_.vcores; ++i) slots_.emplace_back([this] { SlotLoop(); });
    heartbeat_ = std::thread([this] { HeartbeatLoop(); });
    if (pull()) poller_ = std::thread([this] { PollLoop(); });
    return Status::OK();
  }

  bool pull() const { return options_.task_scheduling_policy == "pull-staged"; }

  Status Register(std::chrono::seconds timeout) {
    protobuf::ExecutorRegistration registration;
    registration.set_executor_id(executor_id_);
    registration.set_host(host_);
    registration.set_flight_port(static_cast<uint32_t>(flight_->port()));
    registration.set_grpc_port(static_cast<uint32_t>(grpc_port_));
    registration.set_vcores(static_cast<uint32_t>(options_.vcores));
    registration.set_protocol_version(protobuf::PROTOCOL_VERSION_CURRENT);
    registration.set_task_scheduling_policy(pull() ? "pull" : "push");
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string last_error;
    auto backoff = std::chrono::milliseconds(50);
    while (true) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
      protobuf::RegisterExecutorResult result;
      grpc::Status st = scheduler_->RegisterExecutor(&ctx, registration, &result);
      if (st.ok() && result.success()) return Status::OK();
      if (st.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
        return Status::InvalidArgument("scheduler refused the executor: " + st.error_message());
      }
      last_error = st.error_message();
      if (std::chrono::steady_clock::now() + backoff > deadline) break;
      std::unique_lock<std::mutex> lock(mutex_);
      if (cv_.wait_for(lock, backoff, [&] { return stopping_; })) return Status::Cancelled("executor stopping");
      backoff = std::min(backoff * 2, std::chrono::milliseconds(1000));
    }
    return Status::Unavailable("cannot register with the scheduler at " + options_.scheduler_host + ":" +
                               std::to_string(options_.scheduler_port) + ": " + last_error);
  }

  // ---- ExecutorGrpc ----
  grpc::Status LaunchTasks(grpc::ServerContext*, const protobuf::LaunchTasksParams* request,
                           protobuf::LaunchTasksResult* response) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_ || draining_) {
        response->set_accepted(false);
        return grpc::Status::OK;
      }
      for (const auto& work : request->work()) EnqueueLocked(work);
      response->set_accepted(true);
    }
    cv_.notify_all();
    ReportCancelledBeforeStart();
    return grpc::Status::OK;
  }
  grpc::Status CancelTasks(grpc::ServerContext*, const protobuf::CancelTasksParams* request,
                           protobuf::CancelTasksResult* response) override {
    response->set_cancelled(CancelJob(request->job_id()));
    ReportCancelledBeforeStart();
    return grpc::Status::OK;
  }
  grpc::Status RemoveJobData(grpc::ServerContext*, const protobuf::RemoveJobDataParams* request,
                             protobuf::RemoveJobDataResult*) override {
    const std::string& job = request->job_id();
    if (job.empty() || job.find('/') != std::string::npos || job.find("..") != std::string::npos) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad job id \"" + job + "\"");
    }
    std::error_code ec;
    fs::remove_all(fs::path(options_.work_dir) / job, ec);
    dist::InMemoryShuffleStore::Global().RemoveUnder(options_.work_dir + "/" + job + "/");
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = plans_.begin(); it != plans_.end();) {
      it = it->first.rfind(job + "/", 0) == 0 ? plans_.erase(it) : std::next(it);
    }
    return grpc::Status::OK;
  }
  grpc::Status StopExecutor(grpc::ServerContext*, const protobuf::StopExecutorParams*,
                            protobuf::StopExecutorResult*) override {
    std::thread([this] { Shutdown(); }).detach();
    return grpc::Status::OK;
  }

  int CancelJob(const std::string& job_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    // A launch of this job still on its way (sent before the cancel) must not start later.
    cancelled_jobs_.insert(job_id);
    int n = 0;
    for (auto it = queue_.begin(); it != queue_.end();) {
      if (it->work->job_id() == job_id) {
        finished_cancelled_.push_back(CancelledStatus(*it));
        it = queue_.erase(it);
        ++n;
      } else {
        ++it;
      }
    }
    for (auto& [key, running] : running_) {
      if (running.job_id == job_id) {
        running.cancellation->Cancel();
        ++n;
      }
    }
    return n;
  }

  void Shutdown() {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      if (stopped_) return;
      draining_ = true;
      // Let queued and running tasks finish (bounded).
      cv_.wait_for(lock, std::chrono::seconds(30), [&] { return queue_.empty() && running_.empty(); });
      stopping_ = true;
      stopped_ = true;
    }
    cv_.notify_all();
    if (scheduler_) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
      protobuf::ExecutorStoppedParams params;
      params.set_executor_id(executor_id_);
      params.set_reason("executor shut down");
      protobuf::ExecutorStoppedResult result;
      scheduler_->ExecutorStopped(&ctx, params, &result);
    }
    for (auto& t : slots_) {
      if (t.joinable()) t.join();
    }
    if (heartbeat_.joinable()) heartbeat_.join();
    if (poller_.joinable()) poller_.join();
    if (grpc_server_) grpc_server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
    if (flight_) flight_->Shutdown();
    if (health_) health_->stop();
    if (health_thread_.joinable()) health_thread_.join();
    if (owns_work_dir_) {
      std::error_code ec;
      fs::remove_all(options_.work_dir, ec);
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    cv_.notify_all();
  }

  void Wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [&] { return done_; });
  }

  const std::string& executor_id() const { return executor_id_; }
  int flight_port() const { return flight_ ? flight_->port() : 0; }
  int grpc_port() const { return grpc_port_; }
  int health_port() const { return health_port_; }
  const std::string& work_dir() const { return options_.work_dir; }
  int64_t tasks_run() const { return tasks_run_.load(); }

 private:
  struct QueuedTask {
    std::shared_ptr<const protobuf::StageTasks> work;
    uint32_t partition = 0;
    uint32_t attempt = 0;
  };
  struct RunningTask {
    std::string job_id;
    std::shared_ptr<TaskCancellation> cancellation;
  };

  void EnqueueLocked(const protobuf::StageTasks& work) {
    auto shared = std::make_shared<protobuf::StageTasks>(work);
    for (int i = 0; i < work.partitions_size(); ++i) {
      QueuedTask task;
      task.work = shared;
      task.partition = work.partitions(i);
      task.attempt = i < work.attempts_size() ? work.attempts(i) : 1;
      if (cancelled_jobs_.count(work.job_id())) {
        finished_cancelled_.push_back(CancelledStatus(task));
        continue;
      }
      queue_.push_back(std::move(task));
    }
  }

  protobuf::TaskStatus CancelledStatus(const QueuedTask& task) const {
    protobuf::TaskStatus status;
    status.mutable_task()->set_job_id(task.work->job_id());
    status.mutable_task()->set_stage_id(task.work->stage_id());
    status.mutable_task()->set_partition(task.partition);
    status.mutable_task()->set_attempt(task.attempt);
    status.mutable_task()->set_stage_attempt(task.work->stage_attempt());
    status.set_executor_id(executor_id_);
    status.set_state(protobuf::TASK_CANCELLED);
    status.set_error("task cancelled");
    return status;
  }

  /// Reports tasks that were cancelled before they started (their slots are free again).
  void ReportCancelledBeforeStart() {
    std::vector<protobuf::TaskStatus> statuses;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      statuses.swap(finished_cancelled_);
      if (pull()) {
        for (auto& s : statuses) finished_.push_back(std::move(s));
        statuses.clear();
      }
    }
    for (const auto& s : statuses) Report(s);
  }

  /// A deserialized stage plan and when a task last asked for it.
  struct CachedPlan {
    logical::LogicalPlanPtr plan;
    std::chrono::steady_clock::time_point used;
  };
  /// Plans no task asked for this long are dropped: a plan holds its tables' open files (a
  /// Parquet reader holds the file's bytes), which must not pile up over a job's lifetime.
  static constexpr std::chrono::seconds kPlanIdleTime{5};

  /// Drops cached plans idle for kPlanIdleTime. Called with mutex_ held.
  void DropIdlePlans() {
    const auto now = std::chrono::steady_clock::now();
    for (auto it = plans_.begin(); it != plans_.end();) {
      it = now - it->second.used > kPlanIdleTime ? plans_.erase(it) : std::next(it);
    }
  }

  /// The stage plan, deserialized once per stage version (while its tasks keep coming).
  Result<logical::LogicalPlanPtr> PlanFor(const protobuf::StageTasks& work) {
    std::string key = work.job_id() + "/" + std::to_string(work.stage_id()) + "/" + std::to_string(work.stage_attempt());
    {
      std::lock_guard<std::mutex> lock(mutex_);
      DropIdlePlans();
      auto it = plans_.find(key);
      if (it != plans_.end()) {
        it->second.used = std::chrono::steady_clock::now();
        return it->second.plan;
      }
    }
    ASSIGN_OR_RAISE(auto plan, dist::DeserializePlan(work.plan(), dist::StagePlanSerdeOptions()));
    std::lock_guard<std::mutex> lock(mutex_);
    plans_[key] = CachedPlan{plan, std::chrono::steady_clock::now()};
    return plan;
  }

  void SlotLoop() {
    while (true) {
      QueuedTask task;
      std::string key;
      auto cancellation = std::make_shared<TaskCancellation>();
      {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
        key = task.work->job_id() + "/" + std::to_string(task.work->stage_id()) + "/" + std::to_string(task.partition);
        running_[key] = RunningTask{task.work->job_id(), cancellation};
      }
      protobuf::TaskStatus status;
      auto plan = PlanFor(*task.work);
      if (!plan.ok()) {
        status.mutable_task()->set_job_id(task.work->job_id());
        status.mutable_task()->set_stage_id(task.work->stage_id());
        status.mutable_task()->set_partition(task.partition);
        status.mutable_task()->set_attempt(task.attempt);
        status.mutable_task()->set_stage_attempt(task.work->stage_attempt());
        status.set_executor_id(executor_id_);
        status.set_state(protobuf::TASK_FAILED);
        status.set_error("cannot read the stage plan: " + plan.status().message());
        status.set_error_code(static_cast<uint32_t>(StatusCode::kInvalidData));
      } else {
        TaskEnvironment env;
        env.executor_id = executor_id_;
        env.host = host_;
        env.flight_port = flight_->port();
        env.work_dir = options_.work_dir;
        env.cpu_pool = cpu_pool_.get();
        env.memory_pool = memory_pool_.get();
        env.threads_per_task = std::max(1, options_.vcores / std::max<int>(1, static_cast<int>(running_.size())));
        status = RunTask(env, *task.work, *plan, task.partition, task.attempt, cancellation.get());
      }
      tasks_run_++;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        running_.erase(key);
        if (pull()) finished_.push_back(status);
      }
      cv_.notify_all();
      if (!pull()) Report(status);
    }
  }

  void Report(const protobuf::TaskStatus& status) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
      protobuf::UpdateTaskStatusParams params;
      params.set_executor_id(executor_id_);
      *params.add_statuses() = status;
      protobuf::UpdateTaskStatusResult result;
      if (scheduler_->UpdateTaskStatus(&ctx, params, &result).ok()) return;
    }
    BLOG(kWarn) << "executor " << executor_id_ << ": cannot report task status to the scheduler";
  }

  void PollLoop() {
    while (true) {
      protobuf::PollWorkParams params;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait_for(lock, std::chrono::milliseconds(100), [&] { return stopping_ || !finished_.empty(); });
        if (stopping_ && finished_.empty()) return;
        int busy = static_cast<int>(queue_.size() + running_.size());
        params.set_free_vcores(static_cast<uint32_t>(draining_ || stopping_ ? 0 : std::max(0, options_.vcores - busy)));
        for (auto& s : finished_) *params.add_statuses() = std::move(s);
        finished_.clear();
      }
      params.set_executor_id(executor_id_);
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
      protobuf::PollWorkResult result;
      grpc::Status st = scheduler_->PollWork(&ctx, params, &result);
      std::lock_guard<std::mutex> lock(mutex_);
      if (!st.ok()) {
        // Keep the reports for the next poll.
        for (const auto& s : params.statuses()) finished_.push_back(s);
        if (st.error_code() == grpc::StatusCode::NOT_FOUND) reregister_ = true;
        continue;
      }
      for (const auto& work : result.work()) EnqueueLocked(work);
      if (result.work_size() > 0) cv_.notify_all();
      if (stopping_) return;
    }
  }

  void HeartbeatLoop() {
    auto interval = std::chrono::seconds(std::max(1, options_.heartbeat_interval_seconds));
    while (true) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        if (cv_.wait_for(lock, reregister_ ? std::chrono::seconds(0) : interval, [&] { return stopping_; })) return;
      }
      protobuf::HeartBeatParams params;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        DropIdlePlans();
        params.set_executor_id(executor_id_);
        params.set_running_tasks(static_cast<uint32_t>(running_.size()));
        params.set_free_vcores(static_cast<uint32_t>(std::max<int>(0, options_.vcores - static_cast<int>(running_.size()))));
        params.set_status(draining_ ? "terminating" : "active");
      }
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
      protobuf::HeartBeatResult result;
      grpc::Status st = scheduler_->HeartBeatFromExecutor(&ctx, params, &result);
      if ((st.ok() && result.reregister()) || reregister_) {
        reregister_ = !Register(std::chrono::seconds(5)).ok();
      }
    }
  }

  ExecutorOptions options_;
  std::string executor_id_;
  std::string host_;
  bool owns_work_dir_ = false;
  std::unique_ptr<ThreadPool> cpu_pool_;
  std::unique_ptr<MemoryPool> memory_pool_;
  std::unique_ptr<FlightService> flight_;
  std::unique_ptr<grpc::Server> grpc_server_;
  int grpc_port_ = 0;
  std::unique_ptr<httplib::Server> health_;
  std::thread health_thread_;
  int health_port_ = -1;
  std::unique_ptr<protobuf::SchedulerGrpc::Stub> scheduler_;

  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false, draining_ = false, stopped_ = false, done_ = false;
  std::atomic<bool> reregister_{false};
  std::deque<QueuedTask> queue_;
  std::map<std::string, RunningTask> running_;
  std::vector<protobuf::TaskStatus> finished_;
  std::vector<protobuf::TaskStatus> finished_cancelled_;
  std::set<std::string> cancelled_jobs_;
  std::map<std::string, CachedPlan> plans_;
  std::vector<std::thread> slots_;
  std::thread heartbeat_, poller_;
  std::atomic<int64_t> tasks_run_{0};
};

Status ValidateExecutorOptions(const ExecutorOptions& o) {
  if (o.task_scheduling_policy != "push-staged" && o.task_scheduling_policy != "pull-staged") {
    return Status::InvalidArgument("--task-scheduling-policy is push-staged or pull-staged, not '" +
                                   o.task_scheduling_policy + "'");
  }
  if (o.vcores < 0) return Status::InvalidArgument("--vcores must be 0 (all cores) or more");
  for (int port : {o.bind_port, o.bind_grpc_port, o.scheduler_port}) {
    if (port < 0 || port > 65535) return Status::InvalidArgument("port " + std::to_string(port) + " outside 0..65535");
  }
  if (o.heartbeat_interval_seconds < 1) return Status::InvalidArgument("--executor-heartbeat-interval-seconds must be at least 1");
  if (o.memory_pool_size < 0) return Status::InvalidArgument("--memory-pool-size must not be negative");
  return Status::OK();
}

ExecutorServer::ExecutorServer() = default;

Result<std::unique_ptr<ExecutorServer>> ExecutorServer::Start(const ExecutorOptions& options) {
  RETURN_NOT_OK(ValidateExecutorOptions(options));
  std::unique_ptr<ExecutorServer> server(new ExecutorServer());
  server->core_ = std::make_unique<ExecutorCore>(options);
  Status st = server->core_->Start();
  if (!st.ok()) {
    server->core_->Shutdown();
    return st;
  }
  return server;
}

ExecutorServer::~ExecutorServer() {
  if (core_) core_->Shutdown();
}

const std::string& ExecutorServer::executor_id() const { return core_->executor_id(); }
int ExecutorServer::flight_port() const { return core_->flight_port(); }
int ExecutorServer::grpc_port() const { return core_->grpc_port(); }
int ExecutorServer::health_port() const { return core_->health_port(); }
const std::string& ExecutorServer::work_dir() const { return core_->work_dir(); }
int64_t ExecutorServer::TasksRun() const { return core_->tasks_run(); }
void ExecutorServer::Shutdown() { core_->Shutdown(); }
void ExecutorServer::Wait() { core_->Wait(); }

}  // namespace ballista::executor
