#include "ballista/scheduler/execution_graph.h"

#include "ballista/common/json.h"
#include "ballista/dist/adaptive_join.h"
#include "ballista/dist/shuffle_read_codec.h"

#include <algorithm>
#include <functional>
#include <set>

namespace ballista::scheduler {
namespace l = ballista::logical;

std::string_view StageStateName(ExecutionGraph::StageState state) {
  switch (state) {
    case ExecutionGraph::StageState::kUnresolved:
      return "Unresolved";
    case ExecutionGraph::StageState::kResolved:
      return "Resolved";
    case ExecutionGraph::StageState::kRunning:
      return "Running";
    case ExecutionGraph::StageState::kSuccessful:
      return "Successful";
    case ExecutionGraph::StageState::kFailed:
      return "Failed";
  }
  return "?";
}

ExecutionGraph::ExecutionGraph(std::string job_id, std::string job_name, std::string session_id,
                               dist::StageGraph stages, std::vector<protobuf::KeyValue> settings,
                               ExecutionGraphOptions options)
    : job_id_(std::move(job_id)),
      job_name_(std::move(job_name)),
      session_id_(std::move(session_id)),
      settings_(std::move(settings)),
      options_(std::move(options)),
      submitted_at_(std::chrono::steady_clock::now()) {
  options_.task_max_failures = std::max(1, options_.task_max_failures);
  options_.stage_max_failures = std::max(1, options_.stage_max_failures);
  for (auto& definition : stages.stages) {
    Stage stage;
    stage.tasks.resize(static_cast<size_t>(std::max(1, definition.task_count)));
    int id = definition.stage_id;
    stage.definition = std::move(definition);
    stages_.emplace(id, std::move(stage));
    final_stage_id_ = id;
  }
  for (const auto& adaptive : stages.adaptive_joins) {
    if (!stages_.count(adaptive.join_stage) || !stages_.count(adaptive.probe_stage) ||
        !stages_.count(adaptive.build_stage)) {
      continue;
    }
    stages_.at(adaptive.probe_stage).waits_for = adaptive.build_stage;
    undecided_joins_.push_back(adaptive);
  }
  ResolveReadyStages();
}

bool ExecutionGraph::finished() const {
  return state_ == protobuf::JOB_SUCCESSFUL || state_ == protobuf::JOB_FAILED ||
         state_ == protobuf::JOB_CANCELLED;
}

void ExecutionGraph::Finish(protobuf::JobState state, std::string error, uint32_t error_code) {
  if (finished()) return;
  state_ = state;
  error_ = std::move(error);
  error_code_ = error_code;
  ended_at_ = std::chrono::steady_clock::now();
}

void ExecutionGraph::Cancel() { Finish(protobuf::JOB_CANCELLED, "job cancelled"); }

void ExecutionGraph::Fail(std::string error, uint32_t error_code) {
  Finish(protobuf::JOB_FAILED, std::move(error), error_code);
}

namespace {
/// Errors in the query itself (bad value, overflow, bad type, corrupt input): running the task
/// again gives the same answer, so the job fails at once with the engine's message.
bool IsQueryError(uint32_t code) {
  switch (static_cast<StatusCode>(code)) {
    case StatusCode::kSyntaxError:
    case StatusCode::kPlanError:
    case StatusCode::kTypeError:
    case StatusCode::kInvalidData:
    case StatusCode::kNotFound:
    case StatusCode::kInvalidArgument:
    case StatusCode::kExecutionError:
    case StatusCode::kUnsupported:
      return true;
    default:
      return false;
  }
}
}  // namespace

namespace {

bool HasSubquery(const l::ExprPtr& expr) {
  if (!expr) return false;
  if (expr->kind == l::ExprKind::kSubquery) return true;
  for (const auto& child : expr->children()) {
    if (HasSubquery(child)) return true;
  }
  return false;
}


/// Calls `visit` for every shuffle read of `plan`.
void ForEachShuffleRead(const l::LogicalPlan& plan, const std::function<void(const dist::ShuffleReadTable&)>& visit) {
  if (plan.kind == l::PlanKind::kTableScan) {
    if (auto* read = dynamic_cast<const dist::ShuffleReadTable*>(plan.As<l::TableScan>().table.provider.get())) {
      visit(*read);
    }
  }
  for (const auto& input : plan.inputs()) ForEachShuffleRead(*input, visit);
}

}  // namespace

void ExecutionGraph::InspectStage(const l::LogicalPlan& plan, StageShape* shape) {
  switch (plan.kind) {
    case l::PlanKind::kTableScan: {
      auto* read = dynamic_cast<const dist::ShuffleReadTable*>(plan.As<l::TableScan>().table.provider.get());
      if (read == nullptr) {
        shape->other_sources = true;
      } else {
        shape->shuffle_reads = true;
        shape->hash_reads = shape->hash_reads || !read->read_all();
      }
      break;
    }
    case l::PlanKind::kValues:
      shape->other_sources = true;
      shape->rows_from_nothing = true;
      break;
    case l::PlanKind::kEmpty:
      shape->rows_from_nothing = shape->rows_from_nothing || plan.As<l::EmptyPlan>().produce_one_row;
      break;
    case l::PlanKind::kAggregate: {
      const auto& aggregate = plan.As<l::AggregatePlan>();
      bool empty_set = aggregate.group_exprs.empty();
      for (const auto& set : aggregate.grouping_sets) empty_set = empty_set || set.empty();
      shape->rows_from_nothing = shape->rows_from_nothing || empty_set;
      break;
    }
    default:
      break;
  }
  for (const auto& expr : plan.expressions()) {
    if (HasSubquery(expr)) shape->rows_from_nothing = true;
  }
  for (const auto& input : plan.inputs()) InspectStage(*input, shape);
}

void ExecutionGraph::CoalescePartitions(Stage& stage, const StageShape& shape) {
  if (options_.coalesce_target_bytes <= 0 || stage.tasks.size() <= 1) return;
  if (!shape.hash_reads || shape.other_sources) return;
  // Bytes of each input partition over every hash-read input stage.
  std::vector<int64_t> bytes(stage.tasks.size(), 0);
  ForEachShuffleRead(*stage.definition.plan, [&](const dist::ShuffleReadTable& read) {
    if (read.read_all()) return;
    for (const auto& task : stages_.at(read.input_stage()).tasks) {
      for (const auto& location : task.outputs) {
        if (location.output_partition() < bytes.size()) bytes[location.output_partition()] += location.stats().num_bytes();
      }
    }
  });
  // As many tasks as there are free vcores to run them, unless that makes tasks smaller than
  // min_task_bytes (not worth a task) or larger than the coalesce target (too much for one).
  int64_t total = 0;
  for (int64_t b : bytes) total += b;
  const int free_vcores = options_.free_vcores ? std::max(1, options_.free_vcores()) : 1;
  const int64_t share = (total + free_vcores - 1) / free_vcores;
  const int64_t target = std::min(options_.coalesce_target_bytes, std::max(options_.min_task_bytes, share));
  std::vector<std::vector<int>> groups;
  int64_t group_bytes = 0;
  for (size_t p = 0; p < bytes.size(); ++p) {
    if (groups.empty() || group_bytes + bytes[p] > target) {
      groups.emplace_back();
      group_bytes = 0;
    }
    groups.back().push_back(static_cast<int>(p));
    group_bytes += bytes[p];
  }
  if (groups.size() >= stage.tasks.size()) return;
  stage.task_partitions = std::move(groups);
  stage.tasks.assign(stage.task_partitions.size(), Task{});
}

double ExecutionGraph::OutputMemoryBytes(const Stage& stage) {
  int64_t rows = 0;
  for (const auto& task : stage.tasks) {
    for (const auto& location : task.outputs) rows += location.stats().num_rows();
  }
  return dist::StageOutputMemoryBytes(stage.definition, rows);
}

void ExecutionGraph::DecideAdaptiveJoins() {
  for (size_t i = 0; i < undecided_joins_.size();) {
    const dist::AdaptiveJoin adaptive = undecided_joins_[i];
    if (stages_.at(adaptive.build_stage).state != StageState::kSuccessful) {
      ++i;
      continue;
    }
    undecided_joins_.erase(undecided_joins_.begin() + static_cast<std::ptrdiff_t>(i));
    Stage& probe = stages_.at(adaptive.probe_stage);
    Stage& join = stages_.at(adaptive.join_stage);
    probe.waits_for = 0;
    const int64_t threshold = options_.adaptive_broadcast_threshold_bytes;
    if (threshold <= 0 || OutputMemoryBytes(stages_.at(adaptive.build_stage)) > static_cast<double>(threshold)) {
      continue;
    }
    auto untouched = [](const Stage& s) { return s.state == StageState::kUnresolved && s.attempt == 0; };
    if (!untouched(probe) || !untouched(join)) continue;
    auto merged = dist::MergeProbeForBroadcast(join.definition, probe.definition, adaptive.build_stage);
    if (!merged) continue;
    join.definition = std::move(*merged);
    join.tasks.assign(static_cast<size_t>(std::max(1, join.definition.task_count)), Task{});
    join.broadcast_join = true;
    probe.merged_into = adaptive.join_stage;
    probe.tasks.clear();
    probe.state = StageState::kSuccessful;
    dist::RedirectAdaptiveJoins(undecided_joins_, adaptive.probe_stage, adaptive.join_stage);
  }
}

bool ExecutionGraph::SkipIfEmpty(Stage& stage, const StageShape& shape) {
  if (!shape.shuffle_reads || shape.other_sources || shape.rows_from_nothing) return false;
  for (int input : stage.definition.input_stages) {
    for (const auto& task : stages_.at(input).tasks) {
      for (const auto& location : task.outputs) {
        if (location.stats().num_rows() > 0) return false;
      }
    }
  }
  for (auto& task : stage.tasks) {
    task.state = TaskState::kSuccessful;
    task.outputs.clear();
  }
  stage.skipped = true;
  return true;
}

l::LogicalPlanPtr ExecutionGraph::ResolvePlan(const Stage& stage) const {
  return dist::RewriteShuffleReads(stage.definition.plan, [&](const dist::ShuffleReadTable& read) {
    const Stage& input = stages_.at(read.input_stage());
    std::vector<std::vector<dist::ShufflePiece>> pieces(static_cast<size_t>(read.input_partitions()));
    for (const auto& task : input.tasks) {
      for (const auto& location : task.outputs) {
        if (location.output_partition() < pieces.size()) {
          pieces[location.output_partition()].push_back(dist::LocationToPiece(location));
        }
      }
    }
    auto resolved = read.WithPieces(std::move(pieces));
    if (!read.read_all() && !stage.task_partitions.empty()) {
      return catalog::TableProviderPtr(resolved->WithTaskPartitions(stage.task_partitions));
    }
    return catalog::TableProviderPtr(resolved);
  });
}

void ExecutionGraph::ResolveReadyStages() {
  if (finished()) return;
  DecideAdaptiveJoins();
  for (auto& [id, stage] : stages_) {
    if (stage.state != StageState::kUnresolved || stage.waits_for != 0) continue;
    bool ready = true;
    for (int input : stage.definition.input_stages) {
      ready = ready && stages_.at(input).state == StageState::kSuccessful;
    }
    if (!ready) continue;
    if (stage.attempt == 0) {
      // First resolution: the inputs' real sizes may change how (or whether) the stage runs.
      StageShape shape;
      InspectStage(*stage.definition.plan, &shape);
      if (SkipIfEmpty(stage, shape)) {
        stage.attempt++;
        stage.state = StageState::kResolved;
        CheckStageDone(stage);
        continue;
      }
      CoalescePartitions(stage, shape);
    }
    stage.resolved_plan = ResolvePlan(stage);
    stage.serialized_plan.clear();
    stage.attempt++;
    stage.state = StageState::kResolved;
    for (auto& task : stage.tasks) {
      if (task.state == TaskState::kRunning) task.state = TaskState::kPending;
    }
    bool all_done = true;
    for (const auto& task : stage.tasks) all_done = all_done && task.state == TaskState::kSuccessful;
    if (all_done) CheckStageDone(stage);
  }
}

double ExecutionGraph::LocalityScore(const Stage& stage, int partition, const std::string& executor_id) const {
  int64_t local = 0, total = 0;
  for (int input : stage.definition.input_stages) {
    const Stage& in = stages_.at(input);
    for (const auto& task : in.tasks) {
      for (const auto& location : task.outputs) {
        bool read = stage.definition.task_count <= 1 || static_cast<int>(location.output_partition()) == partition;
        if (!stage.task_partitions.empty()) {
          const auto& group = stage.task_partitions[static_cast<size_t>(partition)];
          read = std::find(group.begin(), group.end(), static_cast<int>(location.output_partition())) != group.end();
        }
        if (!read) continue;
        total += location.stats().num_bytes();
        if (location.executor_id() == executor_id) local += location.stats().num_bytes();
      }
    }
  }
  return total == 0 ? 0.0 : static_cast<double>(local) / static_cast<double>(total);
}

std::vector<protobuf::StageTasks> ExecutionGraph::TakeTasks(
    const std::string& executor_id, int max_tasks,
    const std::function<Result<std::string>(const l::LogicalPlanPtr&)>& serialize) {
  std::vector<protobuf::StageTasks> out;
  if (finished() || max_tasks <= 0) return out;
  if (state_ == protobuf::JOB_QUEUED) state_ = protobuf::JOB_RUNNING;
  for (auto& [id, stage] : stages_) {
    if (max_tasks <= 0) break;
    if (stage.state != StageState::kResolved && stage.state != StageState::kRunning) continue;
    std::vector<std::pair<double, int>> pending;
    for (size_t p = 0; p < stage.tasks.size(); ++p) {
      if (stage.tasks[p].state != TaskState::kPending) continue;
      pending.emplace_back(LocalityScore(stage, static_cast<int>(p), executor_id), static_cast<int>(p));
    }
    if (pending.empty()) continue;
    std::stable_sort(pending.begin(), pending.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (stage.serialized_plan.empty()) {
      auto bytes = serialize(stage.resolved_plan);
      if (!bytes.ok()) {
        Fail("stage " + std::to_string(id) + ": cannot serialize its plan: " + bytes.status().message());
        return {};
      }
      stage.serialized_plan = std::move(*bytes);
    }
    protobuf::StageTasks work;
    work.set_job_id(job_id_);
    work.set_stage_id(static_cast<uint32_t>(id));
    work.set_stage_attempt(static_cast<uint32_t>(stage.attempt));
    work.set_plan(stage.serialized_plan);
    work.set_task_count(static_cast<uint32_t>(stage.tasks.size()));
    work.set_output_partitions(static_cast<uint32_t>(stage.definition.output.partitions));
    work.set_hash_columns(static_cast<uint32_t>(stage.definition.output.hash_columns));
    work.set_final_stage(id == final_stage_id_);
    for (const auto& kv : settings_) *work.add_settings() = kv;
    for (const auto& [score, p] : pending) {
      if (max_tasks <= 0) break;
      Task& task = stage.tasks[static_cast<size_t>(p)];
      task.state = TaskState::kRunning;
      task.attempt++;
      task.executor_id = executor_id;
      work.add_partitions(static_cast<uint32_t>(p));
      work.add_attempts(static_cast<uint32_t>(task.attempt));
      --max_tasks;
    }
    stage.state = StageState::kRunning;
    out.push_back(std::move(work));
  }
  return out;
}

void ExecutionGraph::CheckStageDone(Stage& stage) {
  for (const auto& task : stage.tasks) {
    if (task.state != TaskState::kSuccessful) return;
  }
  stage.state = StageState::kSuccessful;
  if (stage.definition.stage_id == final_stage_id_) {
    Finish(protobuf::JOB_SUCCESSFUL, "");
    return;
  }
  ResolveReadyStages();
}

void ExecutionGraph::RerunMapOutputs(int stage_id, const std::string& executor_id,
                                     std::optional<int> map_partition) {
  auto it = stages_.find(stage_id);
  if (it == stages_.end()) return;
  Stage& stage = it->second;
  bool changed = false;
  for (size_t m = 0; m < stage.tasks.size(); ++m) {
    Task& task = stage.tasks[m];
    if (task.state != TaskState::kSuccessful || task.executor_id != executor_id) continue;
    if (map_partition && static_cast<int>(m) != *map_partition) continue;
    task.state = TaskState::kPending;
    task.outputs.clear();
    changed = true;
  }
  if (!changed) return;
  if (stage.state == StageState::kSuccessful) stage.state = StageState::kRunning;
  // Stages reading it wait for the recomputed output and get a new plan version.
  for (auto& [id, consumer] : stages_) {
    const auto& inputs = consumer.definition.input_stages;
    if (std::find(inputs.begin(), inputs.end(), stage_id) == inputs.end()) continue;
    if (consumer.state == StageState::kResolved || consumer.state == StageState::kRunning) {
      consumer.state = StageState::kUnresolved;
      for (auto& task : consumer.tasks) {
        if (task.state == TaskState::kRunning) task.state = TaskState::kPending;
      }
    }
  }
}

void ExecutionGraph::UpdateTask(const protobuf::TaskStatus& status) {
  if (finished()) return;
  auto it = stages_.find(static_cast<int>(status.task().stage_id()));
  if (it == stages_.end()) return;
  Stage& stage = it->second;
  size_t p = status.task().partition();
  if (p >= stage.tasks.size()) return;
  Task& task = stage.tasks[p];
  if (static_cast<int>(status.task().attempt()) != task.attempt || task.state != TaskState::kRunning ||
      static_cast<int>(status.task().stage_attempt()) != stage.attempt) {
    return;  // a report from an attempt that was superseded
  }
  switch (status.state()) {
    case protobuf::TASK_SUCCESSFUL:
      task.state = TaskState::kSuccessful;
      task.outputs.assign(status.outputs().begin(), status.outputs().end());
      CheckStageDone(stage);
      return;
    case protobuf::TASK_FAILED:
      if (status.fetch_failed()) {
        task.state = TaskState::kPending;
        if (++stage.failures > options_.stage_max_failures) {
          Fail("stage " + std::to_string(stage.definition.stage_id) + " failed " + std::to_string(stage.failures) +
               " times fetching its input; last: task " + std::to_string(p) + ": " + status.error());
          return;
        }
        RerunMapOutputs(static_cast<int>(status.fetch_failed_stage()), status.fetch_failed_executor(),
                        std::nullopt);
        return;
      }
      task.state = TaskState::kPending;
      if (IsQueryError(status.error_code())) {
        Fail(status.error(), status.error_code());
        return;
      }
      if (++task.failures >= options_.task_max_failures) {
        Fail("stage " + std::to_string(stage.definition.stage_id) + " task " + std::to_string(p) + " failed " +
             std::to_string(task.failures) + " times; last error on executor " + status.executor_id() + ": " +
             status.error(), status.error_code());
      }
      return;
    case protobuf::TASK_CANCELLED:
      task.state = TaskState::kPending;
      return;
    default:
      return;
  }
}

bool ExecutionGraph::ExecutorLost(const std::string& executor_id) {
  if (finished()) return false;
  bool changed = false;
  for (auto& [id, stage] : stages_) {
    for (auto& task : stage.tasks) {
      if (task.state == TaskState::kRunning && task.executor_id == executor_id) {
        task.state = TaskState::kPending;
        changed = true;
      }
    }
  }
  // Finished map outputs on the lost executor are needed again by any stage not yet done (the
  // final stage's outputs are the result the client still has to fetch).
  for (auto& [id, stage] : stages_) {
    bool needed = id == final_stage_id_;
    for (const auto& [cid, consumer] : stages_) {
      const auto& inputs = consumer.definition.input_stages;
      if (std::find(inputs.begin(), inputs.end(), id) != inputs.end() &&
          consumer.state != StageState::kSuccessful) {
        needed = true;
      }
    }
    if (!needed) continue;
    for (const auto& task : stage.tasks) {
      if (task.state == TaskState::kSuccessful && task.executor_id == executor_id) {
        RerunMapOutputs(id, executor_id, std::nullopt);
        changed = true;
        break;
      }
    }
  }
  ResolveReadyStages();
  return changed;
}

std::vector<std::string> ExecutionGraph::ExecutorsRunning() const {
  std::set<std::string> ids;
  for (const auto& [id, stage] : stages_) {
    for (const auto& task : stage.tasks) {
      if (task.state == TaskState::kRunning) ids.insert(task.executor_id);
    }
  }
  return {ids.begin(), ids.end()};
}

std::vector<std::string> ExecutionGraph::ExecutorsWithData() const {
  std::set<std::string> ids;
  for (const auto& [id, stage] : stages_) {
    for (const auto& task : stage.tasks) {
      if (!task.executor_id.empty()) ids.insert(task.executor_id);
    }
  }
  return {ids.begin(), ids.end()};
}

int ExecutionGraph::RunningTasks() const {
  // A finished job's leftover attempts are the executors' to stop; they count as theirs.
  if (finished()) return 0;
  int n = 0;
  for (const auto& [id, stage] : stages_) {
    for (const auto& task : stage.tasks) n += task.state == TaskState::kRunning;
  }
  return n;
}

int ExecutionGraph::PendingTasks() const {
  if (finished()) return 0;
  int n = 0;
  for (const auto& [id, stage] : stages_) {
    if (stage.state != StageState::kResolved && stage.state != StageState::kRunning) continue;
    for (const auto& task : stage.tasks) n += task.state == TaskState::kPending;
  }
  return n;
}

protobuf::JobStatus ExecutionGraph::Status() const {
  protobuf::JobStatus status;
  status.set_job_id(job_id_);
  status.set_job_name(job_name_);
  status.set_state(state_);
  status.set_error(error_);
  status.set_error_code(error_code_);
  uint32_t tasks = 0, tasks_done = 0, stages_done = 0;
  for (const auto& [id, stage] : stages_) {
    stages_done += stage.state == StageState::kSuccessful;
    for (const auto& task : stage.tasks) {
      ++tasks;
      tasks_done += task.state == TaskState::kSuccessful;
    }
  }
  status.set_stages_total(static_cast<uint32_t>(stages_.size()));
  status.set_stages_done(stages_done);
  status.set_tasks_total(tasks);
  status.set_tasks_done(tasks_done);
  if (state_ == protobuf::JOB_SUCCESSFUL) {
    for (const auto& task : stages_.at(final_stage_id_).tasks) {
      for (const auto& location : task.outputs) *status.add_result() = location;
    }
  }
  return status;
}

std::string ExecutionGraph::Describe() const {
  std::string out;
  for (const auto& [id, stage] : stages_) {
    int done = 0;
    for (const auto& task : stage.tasks) done += task.state == TaskState::kSuccessful;
    out += "Stage " + std::to_string(id) + " [" + std::string(StageStateName(stage.state)) + "] tasks " +
           std::to_string(done) + "/" + std::to_string(stage.tasks.size()) + "\n" +
           dist::IndentedPlan(*stage.definition.plan, "  ");
  }
  return out;
}

std::string ExecutionGraph::StagesJson() const {
  std::string out = "[";
  bool first = true;
  for (const auto& [id, stage] : stages_) {
    int done = 0, running = 0;
    for (const auto& task : stage.tasks) {
      done += task.state == TaskState::kSuccessful;
      running += task.state == TaskState::kRunning;
    }
    out += std::string(first ? "" : ",") + "{\"stage_id\":" + std::to_string(id) + ",\"state\":\"" +
           std::string(StageStateName(stage.state)) + "\",\"tasks\":" + std::to_string(stage.tasks.size()) +
           ",\"tasks_done\":" + std::to_string(done) + ",\"tasks_running\":" + std::to_string(running) +
           ",\"coalesced\":" + (stage.task_partitions.empty() ? "false" : "true") +
           ",\"skipped\":" + (stage.skipped ? "true" : "false") +
           ",\"broadcast_join\":" + (stage.broadcast_join ? "true" : "false") +
           ",\"merged_into\":" + (stage.merged_into ? std::to_string(stage.merged_into) : "null") +
           ",\"inputs\":[";
    for (size_t i = 0; i < stage.definition.input_stages.size(); ++i) {
      out += (i ? "," : "") + std::to_string(stage.definition.input_stages[i]);
    }
    out += "],\"plan\":";
    json::AppendQuoted(l::PlanToString(*stage.definition.plan), &out);
    out += "}";
    first = false;
  }
  return out + "]";
}

}  // namespace ballista::scheduler
