#pragma once

#include <string>
#include <vector>

#include "ballista/exec/operator.h"
#include "ballista/physical/physical_expr.h"

namespace ballista::physical {

/// Computes one output column per expression (SELECT list).
class ProjectionOperator final : public exec::Operator {
 public:
  ProjectionOperator(std::vector<PhysicalExprPtr> exprs, arrow::SchemaPtr schema)
      : exprs_(std::move(exprs)), schema_(std::move(schema)) {}
  std::string name() const override;
  arrow::SchemaPtr output_schema() const override { return schema_; }
  Result<exec::OperatorResult> Execute(exec::ExecContext& ctx, const arrow::RecordBatchPtr& input,
                                       exec::GlobalOperatorState& global,
                                       exec::LocalOperatorState& local,
                                       exec::OperatorOutput* out) const override;

 private:
  std::vector<PhysicalExprPtr> exprs_;
  arrow::SchemaPtr schema_;
};

}  // namespace ballista::physical
