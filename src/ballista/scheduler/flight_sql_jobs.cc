#include "ballista/scheduler/flight_sql_jobs.h"

#include "ballista/dist/plan_serde.h"
#include "ballista/dist/shuffle_read_codec.h"
#include "ballista/dist/shuffle_reader.h"
#include "ballista/scheduler/scheduler_core.h"

namespace ballista::scheduler {

Result<std::string> SubmitPlanAsJob(SchedulerCore* core, const std::string& session_id,
                                    const logical::LogicalPlanPtr& plan,
                                    const session::SessionConfig& config) {
  ASSIGN_OR_RAISE(auto bytes, dist::SerializePlan(plan, dist::StagePlanSerdeOptions()));
  protobuf::ExecuteQueryParams params;
  params.set_session_id(session_id);
  params.set_logical_plan(std::move(bytes));
  for (const auto& [key, value] : config.All()) {
    auto* kv = params.add_settings();
    kv->set_key(key);
    kv->set_value(value);
  }
  params.set_job_name(config.dist.job_name);
  params.set_protocol_version(protobuf::PROTOCOL_VERSION_CURRENT);
  return core->SubmitJob(params);
}

Result<std::optional<std::vector<protobuf::PartitionLocation>>> JobOutcome(
    const protobuf::JobStatus& status) {
  switch (status.state()) {
    case protobuf::JOB_SUCCESSFUL:
      return std::optional(
          std::vector<protobuf::PartitionLocation>(status.result().begin(), status.result().end()));
    case protobuf::JOB_FAILED: {
      uint32_t code = status.error_code();
      if (code > 0 && code <= static_cast<uint32_t>(StatusCode::kInternal)) {
        return Status(static_cast<StatusCode>(code), status.error());
      }
      return Status::ExecutionError("job " + status.job_id() + " failed: " + status.error());
    }
    case protobuf::JOB_CANCELLED:
      return Status::Cancelled("job " + status.job_id() + " was cancelled");
    default:
      return std::optional<std::vector<protobuf::PartitionLocation>>();
  }
}

Result<std::vector<protobuf::PartitionLocation>> WaitForJob(
    SchedulerCore* core, const std::string& job_id, const std::function<bool()>& abandoned) {
  while (true) {
    if (abandoned && abandoned()) {
      (void)core->CancelJob(job_id);
      return Status::Cancelled("job " + job_id + " was cancelled: the client went away");
    }
    ASSIGN_OR_RAISE(auto status, core->JobStatus(job_id, 1000));
    ASSIGN_OR_RAISE(auto partitions, JobOutcome(status));
    if (partitions) {
      return std::move(*partitions);
    }
  }
}

namespace {

/// Streams result partitions one after the other, opening each only when the previous one is
/// exhausted (one Flight stream held at a time).
class PartitionsReader final : public arrow::RecordBatchReader {
 public:
  PartitionsReader(std::vector<protobuf::PartitionLocation> partitions, arrow::SchemaPtr schema)
      : partitions_(std::move(partitions)), schema_(std::move(schema)) {}

  arrow::SchemaPtr schema() const override { return schema_; }

  Result<arrow::RecordBatchPtr> Next() override {
    while (true) {
      if (current_) {
        ASSIGN_OR_RAISE(auto batch, current_->Next());
        if (batch) {
          return batch;
        }
        current_.reset();
      }
      if (next_ >= partitions_.size()) {
        return arrow::RecordBatchPtr();
      }
      const auto& location = partitions_[next_++];
      if (location.stats().num_rows() == 0) {
        continue;
      }
      ASSIGN_OR_RAISE(current_, dist::OpenShuffleReader({location}, "", nullptr));
    }
  }

 private:
  std::vector<protobuf::PartitionLocation> partitions_;
  arrow::SchemaPtr schema_;
  size_t next_ = 0;
  arrow::RecordBatchReaderPtr current_;
};

/// Relabels a job's batches with the plan's schema (the stage's column names are its own).
class RelabelReader final : public arrow::RecordBatchReader {
 public:
  RelabelReader(arrow::RecordBatchReaderPtr input, arrow::SchemaPtr schema)
      : input_(std::move(input)), schema_(std::move(schema)) {}
  arrow::SchemaPtr schema() const override { return schema_; }
  Result<arrow::RecordBatchPtr> Next() override {
    ASSIGN_OR_RAISE(auto batch, input_->Next());
    if (!batch) {
      return batch;
    }
    return std::make_shared<arrow::RecordBatch>(schema_, batch->num_rows(), batch->columns());
  }

 private:
  arrow::RecordBatchReaderPtr input_;
  arrow::SchemaPtr schema_;
};

class JobQueryRunner final : public session::QueryRunner {
 public:
  JobQueryRunner(SchedulerCore* core, std::string session_id)
      : core_(core), session_id_(std::move(session_id)) {}

  Result<arrow::RecordBatchReaderPtr> Execute(const logical::LogicalPlanPtr& plan,
                                              const session::SessionConfig& config) const override {
    ASSIGN_OR_RAISE(auto job_id, SubmitPlanAsJob(core_, session_id_, plan, config));
    ASSIGN_OR_RAISE(auto partitions, WaitForJob(core_, job_id));
    auto schema = plan->ToArrowSchema();
    ASSIGN_OR_RAISE(auto rows, OpenJobResult(std::move(partitions), schema));
    return arrow::RecordBatchReaderPtr(std::make_shared<RelabelReader>(std::move(rows), schema));
  }

  Result<std::string> Explain(const logical::LogicalPlanPtr& plan,
                              const session::SessionConfig& config) const override {
    ASSIGN_OR_RAISE(auto bytes, dist::SerializePlan(plan, dist::StagePlanSerdeOptions()));
    protobuf::ExplainJobParams params;
    params.set_logical_plan(std::move(bytes));
    for (const auto& [key, value] : config.All()) {
      auto* kv = params.add_settings();
      kv->set_key(key);
      kv->set_value(value);
    }
    return core_->ExplainJob(params);
  }

  Result<std::string> Analyze(const logical::LogicalPlanPtr& plan,
                              const session::SessionConfig& config) const override {
    ASSIGN_OR_RAISE(auto stages, Explain(plan, config));
    ASSIGN_OR_RAISE(auto reader, Execute(plan, config));
    int64_t rows = 0;
    while (true) {
      ASSIGN_OR_RAISE(auto batch, reader->Next());
      if (!batch) {
        break;
      }
      rows += batch->num_rows();
    }
    return stages + "output_rows=" + std::to_string(rows) + "\n";
  }

 private:
  SchedulerCore* core_;
  std::string session_id_;
};

}  // namespace

Result<arrow::RecordBatchReaderPtr> OpenJobResult(
    std::vector<protobuf::PartitionLocation> partitions, arrow::SchemaPtr schema) {
  return arrow::RecordBatchReaderPtr(
      std::make_shared<PartitionsReader>(std::move(partitions), std::move(schema)));
}

session::QueryRunnerPtr MakeJobQueryRunner(SchedulerCore* core, std::string session_id) {
  return std::make_shared<JobQueryRunner>(core, std::move(session_id));
}

}  // namespace ballista::scheduler
