#pragma once

#include <string>
#include <vector>

#include "ballista/exec/source.h"

namespace ballista::physical {

/// Emits batches fixed at planning time (VALUES, SELECT without FROM, a provably empty input),
/// in order, on one task.
class BatchesSource final : public exec::Source {
 public:
  BatchesSource(std::string name, arrow::SchemaPtr schema, std::vector<arrow::RecordBatchPtr> batches)
      : name_(std::move(name)), schema_(std::move(schema)), batches_(std::move(batches)) {}

  std::string name() const override { return name_; }
  arrow::SchemaPtr output_schema() const override { return schema_; }
  Result<std::unique_ptr<exec::LocalSourceState>> MakeLocalSourceState(exec::ExecContext& ctx,
                                                                  exec::GlobalSourceState& global,
                                                                  int task_index) const override;
  Result<exec::SourceResult> GetData(exec::ExecContext& ctx, exec::GlobalSourceState& global,
                                     exec::LocalSourceState& local,
                                     exec::OperatorOutput* out) const override;

 private:
  std::string name_;
  arrow::SchemaPtr schema_;
  std::vector<arrow::RecordBatchPtr> batches_;
};

}  // namespace ballista::physical
