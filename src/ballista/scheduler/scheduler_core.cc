#include "ballista/scheduler/scheduler_core.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "ballista/common/json.h"
#include "ballista/common/logging.h"
#include "ballista/dist/plan_serde.h"
#include "ballista/dist/shuffle_read_codec.h"
#include "ballista/session/session_config.h"

namespace ballista::scheduler {
namespace {

std::string RandomId(size_t length) {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  static const char* alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string id;
  for (size_t i = 0; i < length; ++i) id += alphabet[rng() % 36];
  return id;
}

/// `text` as a JSON string literal, quotes included.
std::string JsonString(std::string_view text) {
  std::string out;
  json::AppendQuoted(text, &out);
  return out;
}

std::string_view JobStateName(protobuf::JobState state) {
  switch (state) {
    case protobuf::JOB_QUEUED:
      return "Queued";
    case protobuf::JOB_RUNNING:
      return "Running";
    case protobuf::JOB_SUCCESSFUL:
      return "Successful";
    case protobuf::JOB_FAILED:
      return "Failed";
    case protobuf::JOB_CANCELLED:
      return "Cancelled";
    default:
      return "Unknown";
  }
}

}  // namespace

SchedulerCore::SchedulerCore(SchedulerOptions options) : options_(std::move(options)) {
  loop_ = std::thread([this] { Loop(); });
}

SchedulerCore::~SchedulerCore() { Stop(); }

void SchedulerCore::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  changed_.notify_all();
  if (loop_.joinable()) loop_.join();
}

void SchedulerCore::Notify() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    wake_pending_ = true;
  }
  wake_.notify_all();
  changed_.notify_all();
}

std::string SchedulerCore::CreateSession(const std::vector<protobuf::KeyValue>& settings) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string id = "s-" + RandomId(12);
  sessions_[id] = settings;
  return id;
}

bool SchedulerCore::RemoveSession(const std::string& session_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return sessions_.erase(session_id) > 0;
}

namespace {
/// How a job of a session with `config` is cut into stages on a cluster of `vcores` vcores.
dist::StagePlannerOptions PlannerOptions(const session::SessionConfig& config, int vcores) {
  dist::StagePlannerOptions planner;
  // Hash exchanges get at least one partition per vcore of the cluster; stages reading them
  // group partitions into tasks by the free vcores and real sizes once their inputs are done.
  planner.shuffle_partitions = config.dist.shuffle_partitions > 0
                                   ? config.dist.shuffle_partitions
                                   : std::max({1, config.exec.target_partitions, vcores});
  planner.scan_partitions = std::max(1, vcores > 0 ? vcores : config.exec.target_partitions);
  planner.broadcast_join_threshold_bytes = config.dist.broadcast_join_threshold_bytes;
  planner.adaptive_broadcast_threshold_bytes = config.dist.adaptive_broadcast_join_threshold_bytes;
  return planner;
}
}  // namespace

int SchedulerCore::TotalVcoresLocked() const {
  int vcores = 0;
  for (const auto& [id, e] : executors_) vcores += static_cast<int>(e.registration.vcores());
  return vcores;
}

int SchedulerCore::TotalVcores() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return TotalVcoresLocked();
}

Result<std::string> SchedulerCore::SubmitJob(const protobuf::ExecuteQueryParams& params) {
  if (params.protocol_version() != protobuf::PROTOCOL_VERSION_CURRENT) {
    return Status::InvalidArgument("client protocol version " + std::to_string(params.protocol_version()) +
                                   " does not match the scheduler's " +
                                   std::to_string(protobuf::PROTOCOL_VERSION_CURRENT));
  }
  session::SessionConfig config;
  for (const auto& kv : params.settings()) {
    Status st = config.Set(kv.key(), kv.value());
    if (!st.ok()) return st;
  }
  ASSIGN_OR_RAISE(auto plan, dist::DeserializePlan(params.logical_plan(), dist::StagePlanSerdeOptions()));
  std::unique_lock<std::mutex> lock(mutex_);
  if (!params.session_id().empty() && !sessions_.count(params.session_id())) {
    return Status::NotFound("unknown session \"" + params.session_id() + "\"");
  }
  int vcores = TotalVcoresLocked();
  lock.unlock();
  ASSIGN_OR_RAISE(auto stages, dist::PlanStages(plan, PlannerOptions(config, vcores)));
  std::string job_id = "job-" + RandomId(10);
  std::string name = !params.job_name().empty() ? params.job_name() : config.dist.job_name;
  std::vector<protobuf::KeyValue> settings(params.settings().begin(), params.settings().end());
  ExecutionGraphOptions graph_options;
  graph_options.task_max_failures = options_.task_max_failures;
  graph_options.stage_max_failures = options_.stage_max_failures;
  graph_options.coalesce_target_bytes = config.dist.coalesce_target_bytes;
  graph_options.adaptive_broadcast_threshold_bytes = config.dist.adaptive_broadcast_join_threshold_bytes;
  graph_options.free_vcores = [this] { return FreeVcoresLocked(); };  // graphs are driven under mutex_
  auto graph = std::make_unique<ExecutionGraph>(job_id, name, params.session_id(), std::move(stages), settings,
                                                std::move(graph_options));
  lock.lock();
  jobs_[job_id] = std::move(graph);
  job_order_.push_back(job_id);
  ++jobs_submitted_;
  lock.unlock();
  Notify();
  return job_id;
}

Result<protobuf::JobStatus> SchedulerCore::JobStatus(const std::string& job_id, int wait_ms) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::clamp(wait_ms, 0, 60000));
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return Status::NotFound("unknown job \"" + job_id + "\"");
  auto before = it->second->Status();
  while (!stopping_) {
    it = jobs_.find(job_id);
    if (it == jobs_.end()) return Status::NotFound("job \"" + job_id + "\" was removed");
    auto now = it->second->Status();
    if (it->second->finished() || now.tasks_done() != before.tasks_done() || now.state() != before.state()) {
      return now;
    }
    if (changed_.wait_until(lock, deadline) == std::cv_status::timeout) return it->second->Status();
  }
  return Status::Unavailable("scheduler is shutting down");
}

Result<bool> SchedulerCore::CancelJob(const std::string& job_id) {
  std::vector<std::pair<std::string, std::shared_ptr<protobuf::ExecutorGrpc::Stub>>> targets;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = jobs_.find(job_id);
    if (it == jobs_.end()) return Status::NotFound("unknown job \"" + job_id + "\"");
    if (it->second->finished()) return false;
    for (const auto& id : it->second->ExecutorsRunning()) {
      auto e = executors_.find(id);
      if (e != executors_.end()) targets.emplace_back(id, e->second.stub);
    }
    it->second->Cancel();
    ++jobs_cancelled_;
    // Their slots come back as the cancelled tasks report.
  }
  for (auto& [id, stub] : targets) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
    protobuf::CancelTasksParams params;
    params.set_job_id(job_id);
    protobuf::CancelTasksResult result;
    stub->CancelTasks(&ctx, params, &result);
  }
  Notify();
  return true;
}

Result<std::string> SchedulerCore::ExplainJob(const protobuf::ExplainJobParams& params) {
  session::SessionConfig config;
  for (const auto& kv : params.settings()) RETURN_NOT_OK(config.Set(kv.key(), kv.value()));
  ASSIGN_OR_RAISE(auto plan, dist::DeserializePlan(params.logical_plan(), dist::StagePlanSerdeOptions()));
  ASSIGN_OR_RAISE(auto stages, dist::PlanStages(plan, PlannerOptions(config, TotalVcores())));
  return stages.ToString();
}

Status SchedulerCore::RegisterExecutor(const protobuf::ExecutorRegistration& registration) {
  if (registration.protocol_version() != protobuf::PROTOCOL_VERSION_CURRENT) {
    return Status::InvalidArgument("executor protocol version " + std::to_string(registration.protocol_version()) +
                                   " does not match the scheduler's " +
                                   std::to_string(protobuf::PROTOCOL_VERSION_CURRENT));
  }
  std::string wanted = options_.scheduler_policy == "pull-staged" ? "pull" : "push";
  if (registration.task_scheduling_policy() != wanted) {
    return Status::InvalidArgument("executor uses task scheduling policy '" + registration.task_scheduling_policy() +
                                   "' but the scheduler runs " + options_.scheduler_policy);
  }
  if (registration.executor_id().empty() || registration.vcores() == 0) {
    return Status::InvalidArgument("executor registration needs an id and at least one vcore");
  }
  ExecutorInfo info;
  info.registration = registration;
  info.free_slots = static_cast<int>(registration.vcores());
  info.last_seen = std::chrono::steady_clock::now();
  {
    // Push launches and, in both policies, cancellation and clean-up use the executor's port.
    auto channel = grpc::CreateChannel(registration.host() + ":" + std::to_string(registration.grpc_port()),
                                       grpc::InsecureChannelCredentials());
    info.stub = protobuf::ExecutorGrpc::NewStub(channel);
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto existing = executors_.find(registration.executor_id());
    if (existing != executors_.end()) {
      // Re-registration (after an expiry): its old tasks are lost.
      LoseExecutorLocked(registration.executor_id(), "re-registered");
    }
    executors_[registration.executor_id()] = std::move(info);
  }
  BLOG(kInfo) << "executor " << registration.executor_id() << " registered at " << registration.host() << ":"
                     << registration.flight_port() << " with " << registration.vcores() << " vcores";
  Notify();
  return Status::OK();
}

bool SchedulerCore::HeartBeat(const protobuf::HeartBeatParams& params) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = executors_.find(params.executor_id());
  if (it == executors_.end()) return false;
  it->second.last_seen = std::chrono::steady_clock::now();
  it->second.draining = params.status() == "terminating";
  return true;
}

void SchedulerCore::UpdateTaskStatuses(const std::string& executor_id,
                                       const std::vector<protobuf::TaskStatus>& statuses) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto e = executors_.find(executor_id);
    for (const auto& status : statuses) {
      if (status.state() == protobuf::TASK_RUNNING) continue;
      if (e != executors_.end()) {
        e->second.free_slots = std::min(static_cast<int>(e->second.registration.vcores()), e->second.free_slots + 1);
        e->second.last_seen = std::chrono::steady_clock::now();
      }
      auto job = jobs_.find(status.task().job_id());
      if (job == jobs_.end()) continue;
      bool was_finished = job->second->finished();
      job->second->UpdateTask(status);
      if (!was_finished && job->second->finished()) {
        auto& graph = *job->second;
        if (graph.state() == protobuf::JOB_SUCCESSFUL) ++jobs_completed_;
        if (graph.state() == protobuf::JOB_FAILED) ++jobs_failed_;
        if (graph.ended_at()) {
          job_seconds_total_ += std::chrono::duration<double>(*graph.ended_at() - graph.submitted_at()).count();
        }
      }
    }
  }
  Notify();
}

std::vector<protobuf::StageTasks> SchedulerCore::TakeTasksLocked(const std::string& executor_id, int slots) {
  std::vector<protobuf::StageTasks> out;
  auto serialize = [](const logical::LogicalPlanPtr& plan) {
    return dist::SerializePlan(plan, dist::StagePlanSerdeOptions());
  };
  for (const auto& job_id : job_order_) {
    if (slots <= 0) break;
    auto it = jobs_.find(job_id);
    if (it == jobs_.end() || it->second->finished()) continue;
    bool was_finished = it->second->finished();
    auto work = it->second->TakeTasks(executor_id, slots, serialize);
    if (!was_finished && it->second->finished()) ++jobs_failed_;
    for (auto& w : work) {
      slots -= w.partitions_size();
      for (auto attempt : w.attempts()) {
        if (attempt > 1) rerun_tasks_++;
      }
      out.push_back(std::move(w));
    }
  }
  return out;
}

Result<std::vector<protobuf::StageTasks>> SchedulerCore::PollWork(const protobuf::PollWorkParams& params) {
  std::vector<protobuf::TaskStatus> statuses(params.statuses().begin(), params.statuses().end());
  if (!statuses.empty()) UpdateTaskStatuses(params.executor_id(), statuses);
  std::lock_guard<std::mutex> lock(mutex_);
  auto e = executors_.find(params.executor_id());
  if (e == executors_.end()) return Status::NotFound("unknown executor \"" + params.executor_id() + "\"; register first");
  e->second.last_seen = std::chrono::steady_clock::now();
  if (e->second.draining) return std::vector<protobuf::StageTasks>{};
  int slots = static_cast<int>(params.free_vcores());
  auto work = TakeTasksLocked(params.executor_id(), slots);
  return work;
}

void SchedulerCore::ExecutorStopped(const std::string& executor_id, const std::string& reason) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    LoseExecutorLocked(executor_id, "stopped: " + reason);
  }
  Notify();
}

void SchedulerCore::LoseExecutorLocked(const std::string& executor_id, const std::string& reason) {
  if (!executors_.erase(executor_id)) return;
  if (reason.rfind("stopped", 0) == 0) {
    BLOG(kInfo) << "executor " << executor_id << " " << reason;
  } else {
    BLOG(kWarn) << "executor " << executor_id << " lost (" << reason << ")";
  }
  for (auto& [id, job] : jobs_) job->ExecutorLost(executor_id);
}

std::vector<SchedulerCore::Launch> SchedulerCore::PlanLaunches() {
  std::vector<Launch> launches;
  if (options_.scheduler_policy == "pull-staged") return launches;
  std::vector<std::string> ids;
  for (const auto& [id, e] : executors_) {
    if (!e.draining && e.free_slots > 0) ids.push_back(id);
  }
  std::map<std::string, Launch> by_executor;
  const bool round_robin = options_.task_distribution == "round-robin";
  bool progress = true;
  while (progress) {
    progress = false;
    for (const auto& id : ids) {
      auto& e = executors_.at(id);
      if (e.free_slots <= 0) continue;
      int slots = round_robin ? 1 : e.free_slots;
      auto work = TakeTasksLocked(id, slots);
      int taken = 0;
      for (auto& w : work) taken += w.partitions_size();
      if (taken == 0) continue;
      e.free_slots -= taken;
      progress = true;
      auto& launch = by_executor[id];
      launch.executor_id = id;
      launch.stub = e.stub;
      for (auto& w : work) *launch.params.add_work() = std::move(w);
    }
    if (!round_robin) break;
  }
  for (auto& [id, launch] : by_executor) launches.push_back(std::move(launch));
  return launches;
}

void SchedulerCore::Loop() {
  auto last_expiry_check = std::chrono::steady_clock::now();
  while (true) {
    std::vector<Launch> launches;
    std::vector<std::pair<std::string, std::vector<std::shared_ptr<protobuf::ExecutorGrpc::Stub>>>> cleanups;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait_for(lock, std::chrono::milliseconds(200), [&] { return stopping_ || wake_pending_; });
      if (stopping_) return;
      wake_pending_ = false;
      auto now = std::chrono::steady_clock::now();
      // Executors whose heartbeats stopped.
      if (now - last_expiry_check >= std::chrono::seconds(std::max(1, options_.expire_dead_executor_interval_seconds)) ||
          options_.executor_timeout_seconds <= 2) {
        last_expiry_check = now;
        std::vector<std::string> dead;
        for (const auto& [id, e] : executors_) {
          if (now - e.last_seen > std::chrono::seconds(options_.executor_timeout_seconds)) dead.push_back(id);
        }
        for (const auto& id : dead) LoseExecutorLocked(id, "no heartbeat for " +
                                                               std::to_string(options_.executor_timeout_seconds) + " s");
        if (!dead.empty()) changed_.notify_all();
      }
      launches = PlanLaunches();
      // Finished jobs: shuffle data first, then the job's state.
      std::vector<std::string> remove;
      for (auto& [id, job] : jobs_) {
        if (!job->finished() || !job->ended_at()) continue;
        auto age = now - *job->ended_at();
        if (!data_cleaned_[id] && age >= std::chrono::seconds(options_.finished_job_data_clean_up_interval_seconds)) {
          data_cleaned_[id] = true;
          std::vector<std::shared_ptr<protobuf::ExecutorGrpc::Stub>> stubs;
          for (const auto& eid : job->ExecutorsWithData()) {
            auto e = executors_.find(eid);
            if (e != executors_.end()) stubs.push_back(e->second.stub);
          }
          cleanups.emplace_back(id, std::move(stubs));
        }
        if (age >= std::chrono::seconds(options_.finished_job_state_clean_up_interval_seconds)) remove.push_back(id);
      }
      for (const auto& id : remove) {
        jobs_.erase(id);
        data_cleaned_.erase(id);
        job_order_.erase(std::remove(job_order_.begin(), job_order_.end(), id), job_order_.end());
      }
    }
    for (auto& launch : launches) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
      protobuf::LaunchTasksResult result;
      grpc::Status status = launch.stub->LaunchTasks(&ctx, launch.params, &result);
      if (!status.ok() || !result.accepted()) {
        std::lock_guard<std::mutex> lock(mutex_);
        LoseExecutorLocked(launch.executor_id, "task launch failed: " + status.error_message());
        wake_pending_ = true;
      }
    }
    for (auto& [job_id, stubs] : cleanups) {
      for (auto& stub : stubs) {
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
        protobuf::RemoveJobDataParams params;
        params.set_job_id(job_id);
        protobuf::RemoveJobDataResult result;
        stub->RemoveJobData(&ctx, params, &result);
      }
    }
    if (!launches.empty()) changed_.notify_all();
  }
}

int SchedulerCore::AliveExecutors() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<int>(executors_.size());
}

std::string SchedulerCore::ExecutorsJson() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out = "[";
  bool first = true;
  auto now = std::chrono::steady_clock::now();
  for (const auto& [id, e] : executors_) {
    const auto& r = e.registration;
    out += std::string(first ? "" : ",") + "{\"id\":" + JsonString(id) + ",\"host\":" + JsonString(r.host()) +
           ",\"flight_port\":" + std::to_string(r.flight_port()) + ",\"grpc_port\":" + std::to_string(r.grpc_port()) +
           ",\"vcores\":" + std::to_string(r.vcores()) + ",\"free_vcores\":" + std::to_string(e.free_slots) +
           ",\"status\":\"" + (e.draining ? "terminating" : "active") + "\",\"last_seen_ms_ago\":" +
           std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now - e.last_seen).count()) + "}";
    first = false;
  }
  return out + "]";
}

std::string SchedulerCore::JobsJson() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out = "[";
  bool first = true;
  for (const auto& id : job_order_) {
    auto it = jobs_.find(id);
    if (it == jobs_.end()) continue;
    auto status = it->second->Status();
    out += std::string(first ? "" : ",") + "{\"job_id\":\"" + id + "\",\"job_name\":" +
           JsonString(status.job_name()) + ",\"status\":\"" + std::string(JobStateName(status.state())) +
           "\",\"stages\":" + std::to_string(status.stages_total()) + ",\"stages_done\":" +
           std::to_string(status.stages_done()) + ",\"tasks\":" + std::to_string(status.tasks_total()) +
           ",\"tasks_done\":" + std::to_string(status.tasks_done()) + "}";
    first = false;
  }
  return out + "]";
}

Result<std::string> SchedulerCore::JobJson(const std::string& job_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return Status::NotFound("unknown job \"" + job_id + "\"");
  auto status = it->second->Status();
  return "{\"job_id\":\"" + job_id + "\",\"job_name\":" + JsonString(status.job_name()) + ",\"status\":\"" +
         std::string(JobStateName(status.state())) + "\",\"error\":" + JsonString(status.error()) +
         ",\"stages\":" + std::to_string(status.stages_total()) + ",\"stages_done\":" +
         std::to_string(status.stages_done()) + ",\"tasks\":" + std::to_string(status.tasks_total()) +
         ",\"tasks_done\":" + std::to_string(status.tasks_done()) + ",\"plan\":" +
         JsonString(it->second->Describe()) + "}";
}

Result<std::string> SchedulerCore::JobStagesJson(const std::string& job_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return Status::NotFound("unknown job \"" + job_id + "\"");
  return it->second->StagesJson();
}

int SchedulerCore::FreeVcoresLocked() const {
  int free = 0;
  for (const auto& [id, e] : executors_) {
    if (!e.draining) free += static_cast<int>(e.registration.vcores());
  }
  for (const auto& [id, job] : jobs_) free -= job->RunningTasks();
  return std::max(0, free);
}

std::string SchedulerCore::StateJson() const {
  std::lock_guard<std::mutex> lock(mutex_);
  int running = 0, pending = 0, vcores = 0, free_vcores = 0;
  for (const auto& [id, job] : jobs_) {
    running += job->RunningTasks();
    pending += job->PendingTasks();
  }
  for (const auto& [id, e] : executors_) {
    vcores += static_cast<int>(e.registration.vcores());
    free_vcores += e.free_slots;
  }
  return "{\"executors\":" + std::to_string(executors_.size()) + ",\"vcores\":" + std::to_string(vcores) +
         ",\"free_vcores\":" + std::to_string(free_vcores) + ",\"jobs\":" + std::to_string(jobs_.size()) +
         ",\"sessions\":" + std::to_string(sessions_.size()) + ",\"running_tasks\":" + std::to_string(running) +
         ",\"pending_tasks\":" + std::to_string(pending) + ",\"scheduler_policy\":\"" + options_.scheduler_policy +
         "\",\"version\":\"" + std::to_string(protobuf::PROTOCOL_VERSION_CURRENT) + "\"}";
}

std::string SchedulerCore::MetricsText() const {
  std::lock_guard<std::mutex> lock(mutex_);
  int pending = 0;
  for (const auto& [id, job] : jobs_) pending += job->PendingTasks();
  std::ostringstream out;
  auto counter = [&](const char* name, const char* help, double value, const char* type = "counter") {
    out << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n" << name << " " << value
        << "\n";
  };
  counter("ballista_jobs_submitted_total", "Jobs submitted.", static_cast<double>(jobs_submitted_));
  counter("ballista_jobs_completed_total", "Jobs that succeeded.", static_cast<double>(jobs_completed_));
  counter("ballista_jobs_failed_total", "Jobs that failed.", static_cast<double>(jobs_failed_));
  counter("ballista_jobs_cancelled_total", "Jobs cancelled.", static_cast<double>(jobs_cancelled_));
  counter("ballista_job_exec_time_seconds_total", "Seconds from submission to the end of finished jobs.",
          job_seconds_total_);
  counter("ballista_pending_tasks", "Tasks waiting for a free vcore.", pending, "gauge");
  counter("ballista_executors_alive", "Executors registered and alive.", static_cast<double>(executors_.size()),
          "gauge");
  counter("ballista_tasks_rerun_total", "Tasks run again after a failure or a lost executor.",
          static_cast<double>(rerun_tasks_.load()));
  counter("ballista_results_proxied_partitions_total",
          "Result partitions streamed to clients through the scheduler (ballista.client.proxy_results).",
          static_cast<double>(proxied_partitions_.load()));
  return out.str();
}

}  // namespace ballista::scheduler
