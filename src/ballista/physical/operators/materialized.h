#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/record_batch_reader.h"
#include "ballista/exec/sink.h"
#include "ballista/exec/source.h"

namespace ballista::physical {

/// The finished state of a pipeline breaker whose whole output is computed in Finalize (sort,
/// aggregation, window, set operations): the output rows, in the order they must be emitted.
class MaterializedSinkState : public exec::GlobalSinkState {
 public:
  /// Written by Finalize only; read-only afterwards.
  std::vector<arrow::RecordBatchPtr> output;
  /// Rows that follow `output`, produced lazily by the one task that emits them (an external
  /// sort's merge of spilled runs); null when everything is in `output`.
  arrow::RecordBatchReaderPtr stream;
};

/// Emits the `output` of a finished sink whose state is a MaterializedSinkState, in order,
/// sliced to the execution's batch size, on one task (so an ORDER BY's order survives).
class MaterializedSource final : public exec::Source {
 public:
  MaterializedSource(std::string name, std::shared_ptr<const exec::Sink> sink,
                     arrow::SchemaPtr schema)
      : name_(std::move(name)), sink_(std::move(sink)), schema_(std::move(schema)) {}

  std::string name() const override { return name_; }
  arrow::SchemaPtr output_schema() const override { return schema_; }
  /// Reads the sink's finished output (the sink's pipelines are dependencies of this one).
  Result<std::unique_ptr<exec::GlobalSourceState>> MakeGlobalSourceState(
      exec::ExecContext& ctx, exec::OperatorMetrics& metrics) const override;
  Result<exec::SourceResult> GetData(exec::ExecContext& ctx, exec::GlobalSourceState& global,
                                     exec::LocalSourceState& local,
                                     exec::OperatorOutput* out) const override;

  const std::shared_ptr<const exec::Sink>& sink() const { return sink_; }

 private:
  std::string name_;
  std::shared_ptr<const exec::Sink> sink_;
  arrow::SchemaPtr schema_;
};

/// Relabels a batch with `schema` (same column types; names may differ), without copying.
arrow::RecordBatchPtr WithSchema(const arrow::RecordBatchPtr& batch, const arrow::SchemaPtr& schema);

/// Bytes held by the buffers of `batch` (for memory reservations).
int64_t BatchBytes(const arrow::RecordBatch& batch);

}  // namespace ballista::physical
