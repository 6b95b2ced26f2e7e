#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "ballista/exec/sink.h"
#include "ballista/logical/plan.h"
#include "ballista/physical/kernels/gather.h"
#include "ballista/physical/operators/materialized.h"

namespace ballista::physical {

/// Distinct rows of one input with their multiplicity (all columns compared, NULLs equal): the
/// state both sides of INTERSECT/EXCEPT build.
class RowCountState : public MaterializedSinkState {
 public:
  struct Entry {
    int64_t count = 0;
    RowRef first;  ///< where the row's values are (into `chunks`)
  };
  std::mutex mutex;
  std::unordered_map<std::string, Entry> rows;
  std::vector<std::string> order;  ///< keys in order of first appearance
  std::vector<arrow::RecordBatchPtr> chunks;
};

/// Counts the rows of the right input of INTERSECT / EXCEPT [ALL].
class RowCountSink final : public exec::Sink {
 public:
  explicit RowCountSink(std::string name) : name_(std::move(name)) {}
  std::string name() const override { return name_; }
  Result<std::unique_ptr<exec::GlobalSinkState>> MakeGlobalSinkState(
      exec::ExecContext& ctx, exec::OperatorMetrics& metrics) const override;
  /// Locks the global state (counting needs one table).
  Result<exec::SinkResult> Consume(exec::ExecContext& ctx, const arrow::RecordBatchPtr& batch,
                                   exec::GlobalSinkState& global, exec::LocalSinkState& local,
                                   exec::ResumeSignalPtr* resume) const override;

 private:
  std::string name_;
};

/// Counts the rows of the left input and, in Finalize, compares them with the finished right
/// counts (`right`, whose pipelines must run first): INTERSECT keeps rows present on both sides
/// (ALL: min(left, right) copies), EXCEPT rows absent on the right (ALL: left - right copies).
/// The output follows the left input's first appearances.
class SetOperationSink final : public exec::Sink {
 public:
  SetOperationSink(logical::SetOpKind op, bool all, std::shared_ptr<const RowCountSink> right,
                   arrow::SchemaPtr schema)
      : op_(op), all_(all), right_(std::move(right)), schema_(std::move(schema)) {}
  std::string name() const override;
  Result<std::unique_ptr<exec::GlobalSinkState>> MakeGlobalSinkState(
      exec::ExecContext& ctx, exec::OperatorMetrics& metrics) const override;
  Result<exec::SinkResult> Consume(exec::ExecContext& ctx, const arrow::RecordBatchPtr& batch,
                                   exec::GlobalSinkState& global, exec::LocalSinkState& local,
                                   exec::ResumeSignalPtr* resume) const override;
  Status Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const override;

 private:
  logical::SetOpKind op_;
  bool all_;
  std::shared_ptr<const RowCountSink> right_;
  arrow::SchemaPtr schema_;
};

}  // namespace ballista::physical
