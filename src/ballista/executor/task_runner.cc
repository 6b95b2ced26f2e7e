#include "ballista/executor/task_runner.h"

#include <chrono>

#include "ballista/dist/shuffle_read_codec.h"
#include "ballista/dist/shuffle_reader.h"
#include "ballista/dist/shuffle_writer.h"
#include "ballista/dist/task_binding.h"
#include "ballista/physical/physical_planner.h"
#include "ballista/session/session_config.h"

namespace ballista::executor {

void TaskCancellation::Cancel() {
  cancelled_.store(true);
  std::lock_guard<std::mutex> lock(mutex_);
  if (execution_) execution_->Cancel(Status::Cancelled("task cancelled"));
}

void TaskCancellation::Attach(exec::QueryExecution* execution) {
  std::lock_guard<std::mutex> lock(mutex_);
  execution_ = execution;
  if (cancelled_.load() && execution_) execution_->Cancel(Status::Cancelled("task cancelled"));
}

void TaskCancellation::Detach() {
  std::lock_guard<std::mutex> lock(mutex_);
  execution_ = nullptr;
}

namespace {

struct TaskOutput {
  std::vector<protobuf::PartitionLocation> locations;
};

Result<TaskOutput> Execute(const TaskEnvironment& env, const protobuf::StageTasks& work,
                           const logical::LogicalPlanPtr& plan, uint32_t partition,
                           TaskCancellation* cancellation) {
  session::SessionConfig config;
  for (const auto& kv : work.settings()) RETURN_NOT_OK(config.Set(kv.key(), kv.value()));
  const std::string executor_id = env.executor_id;
  dist::ShufflePieceOpener opener = [executor_id](const dist::ShufflePiece& piece) {
    return dist::OpenShuffleReader({dist::PieceToLocation(piece)}, executor_id, nullptr);
  };
  ASSIGN_OR_RAISE(auto bound, dist::BindStagePlanToTask(plan, static_cast<int>(partition),
                                                        static_cast<int>(work.task_count()), opener));
  ASSIGN_OR_RAISE(auto physical_plan, physical::CreatePhysicalPlan(bound));
  physical::ExecuteOptions options;
  options.config = config.exec;
  options.config.target_partitions = std::max(1, env.threads_per_task);
  options.pool = env.cpu_pool;
  if (env.memory_pool) options.parent_pool = env.memory_pool;
  ASSIGN_OR_RAISE(auto stream, physical::ExecutePlan(*physical_plan, options));
  cancellation->Attach(&stream->execution());
  struct DetachOnExit {
    TaskCancellation* c;
    ~DetachOnExit() { c->Detach(); }
  } detach{cancellation};

  auto schema = stream->schema();
  const int hash_columns = static_cast<int>(work.hash_columns());
  const int data_columns = schema->num_fields() - hash_columns;
  if (data_columns < 0) return Status::Internal("stage plan has fewer columns than hash keys");
  dist::ShuffleWriterOptions writer_options;
  writer_options.work_dir = env.work_dir;
  writer_options.task.job_id = work.job_id();
  writer_options.task.stage_id = work.stage_id();
  writer_options.task.map_partition = partition;
  writer_options.num_output_partitions = std::max<uint32_t>(1, work.output_partitions());
  for (int i = data_columns; i < schema->num_fields(); ++i) writer_options.hash_columns.push_back(i);
  for (int i = 0; i < data_columns; ++i) writer_options.output_columns.push_back(i);
  ASSIGN_OR_RAISE(writer_options.compression, dist::ParseShuffleCompressionCodec(config.dist.shuffle_codec));
  writer_options.target_batch_rows = config.exec.batch_size;
  writer_options.max_buffered_bytes = std::max<int64_t>(1 << 20, config.dist.shuffle_memory_budget_bytes);
  // Outputs within the budget stay in this executor's memory (served like files).
  writer_options.keep_in_memory = config.dist.shuffle_memory_budget_bytes > 0;
  if (env.memory_pool) writer_options.pool = env.memory_pool;
  ASSIGN_OR_RAISE(auto writer, dist::ShuffleWriter::Open(schema, writer_options));
  while (true) {
    if (cancellation->cancelled()) return Status::Cancelled("task cancelled");
    ASSIGN_OR_RAISE(auto batch, stream->Next());
    if (!batch) break;
    RETURN_NOT_OK(writer->Write(*batch));
  }
  ASSIGN_OR_RAISE(auto written, writer->Finish());
  TaskOutput output;
  for (size_t p = 0; p < written.partitions.size(); ++p) {
    protobuf::PartitionLocation location;
    location.set_job_id(work.job_id());
    location.set_stage_id(work.stage_id());
    location.set_map_partition(partition);
    location.set_output_partition(static_cast<uint32_t>(p));
    location.set_executor_id(env.executor_id);
    location.set_host(env.host);
    location.set_flight_port(static_cast<uint32_t>(env.flight_port));
    location.set_path(written.data_path);
    location.mutable_stats()->set_num_rows(written.partitions[p].num_rows);
    location.mutable_stats()->set_num_batches(written.partitions[p].num_batches);
    location.mutable_stats()->set_num_bytes(written.partitions[p].num_bytes);
    output.locations.push_back(std::move(location));
  }
  return output;
}

}  // namespace

protobuf::TaskStatus RunTask(const TaskEnvironment& env, const protobuf::StageTasks& work,
                             const logical::LogicalPlanPtr& plan, uint32_t partition, uint32_t attempt,
                             TaskCancellation* cancellation) {
  auto started = std::chrono::steady_clock::now();
  protobuf::TaskStatus status;
  status.mutable_task()->set_job_id(work.job_id());
  status.mutable_task()->set_stage_id(work.stage_id());
  status.mutable_task()->set_partition(partition);
  status.mutable_task()->set_attempt(attempt);
  status.mutable_task()->set_stage_attempt(work.stage_attempt());
  status.set_executor_id(env.executor_id);
  auto output = Execute(env, work, plan, partition, cancellation);
  status.set_elapsed_ms(static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count()));
  if (output.ok()) {
    status.set_state(protobuf::TASK_SUCCESSFUL);
    for (auto& location : output->locations) *status.add_outputs() = std::move(location);
    return status;
  }
  if (cancellation->cancelled()) {
    status.set_state(protobuf::TASK_CANCELLED);
    status.set_error("task cancelled");
    return status;
  }
  status.set_state(protobuf::TASK_FAILED);
  status.set_error(output.status().message());
  status.set_error_code(static_cast<uint32_t>(output.status().code()));
  if (auto lost = dist::ParseShuffleFetchFailure(output.status())) {
    status.set_fetch_failed(true);
    status.set_fetch_failed_executor(lost->executor_id);
    status.set_fetch_failed_stage(lost->stage_id);
    status.set_fetch_failed_map_partition(lost->map_partition);
    status.set_error_code(static_cast<uint32_t>(StatusCode::kUnavailable));
  }
  return status;
}

}  // namespace ballista::executor
