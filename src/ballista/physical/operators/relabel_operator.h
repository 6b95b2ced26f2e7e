#pragma once

#include <string>
#include <vector>

#include "ballista/exec/operator.h"
#include "ballista/physical/physical_expr.h"

namespace ballista::physical {

/// Relabels batches with another schema of the same column types (the inputs of a UNION carry
/// their own column names; the union's output uses the first input's).
class RelabelOperator final : public exec::Operator {
 public:
  explicit RelabelOperator(arrow::SchemaPtr schema) : schema_(std::move(schema)) {}
  std::string name() const override { return "Relabel"; }
  arrow::SchemaPtr output_schema() const override { return schema_; }
  Result<exec::OperatorResult> Execute(exec::ExecContext& ctx, const arrow::RecordBatchPtr& input,
                                       exec::GlobalOperatorState& global,
                                       exec::LocalOperatorState& local,
                                       exec::OperatorOutput* out) const override;

 private:
  arrow::SchemaPtr schema_;
};

}  // namespace ballista::physical
