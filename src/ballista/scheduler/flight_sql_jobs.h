#pragma once
// Running a session's plans as jobs of this scheduler, in process: what the Flight SQL service
// does for a query (submit, wait, then serve the result partitions) and what a Flight SQL
// session's statements (CREATE TABLE AS, INSERT, COPY) do through session::QueryRunner.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ballista/session/query_runner.h"
#include "proto/ballista.pb.h"
#include "proto/shuffle.pb.h"

namespace ballista::scheduler {

class SchedulerCore;

/// Submits the optimized `plan` as a job of scheduler session `session_id`; returns the job id.
Result<std::string> SubmitPlanAsJob(SchedulerCore* core, const std::string& session_id,
                                    const logical::LogicalPlanPtr& plan,
                                    const session::SessionConfig& config);

/// A job's state as its result: the result partitions in result order once it succeeded,
/// nullopt while it runs, its error (with the engine's code) when it failed, Cancelled when it
/// was cancelled.
Result<std::optional<std::vector<protobuf::PartitionLocation>>> JobOutcome(
    const protobuf::JobStatus& status);

/// Waits until job `job_id` ends and returns its result partitions in result order. A failed job
/// is its error (with the engine's code), a cancelled one Cancelled. `abandoned` is polled about
/// once a second; when it answers true the job is cancelled and Cancelled returned.
Result<std::vector<protobuf::PartitionLocation>> WaitForJob(
    SchedulerCore* core, const std::string& job_id,
    const std::function<bool()>& abandoned = nullptr);

/// The rows of result partitions, in order, fetched from the executors over Flight (the empty
/// ones skipped). Batches keep the stage's column names; `schema` (or the first partition's when
/// null) is the reader's schema. Not thread-safe, like every reader.
Result<arrow::RecordBatchReaderPtr> OpenJobResult(
    std::vector<protobuf::PartitionLocation> partitions, arrow::SchemaPtr schema);

/// A QueryRunner that runs each plan as a job of `session_id` on `core` and streams its result.
/// The core must outlive the runner. Thread-safe.
session::QueryRunnerPtr MakeJobQueryRunner(SchedulerCore* core, std::string session_id);

}  // namespace ballista::scheduler
