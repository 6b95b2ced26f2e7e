#pragma once

#include "ballista/exec/operator.h"
#include "ballista/physical/physical_expr.h"

namespace ballista::physical {

/// Keeps the rows where the predicate is true (WHERE, HAVING). Stateless; batches whose rows
/// all pass go through without a copy.
class FilterOperator final : public exec::Operator {
 public:
  FilterOperator(PhysicalExprPtr predicate, arrow::SchemaPtr schema)
      : predicate_(std::move(predicate)), schema_(std::move(schema)) {}
  std::string name() const override { return "Filter(" + predicate_->ToString() + ")"; }
  arrow::SchemaPtr output_schema() const override { return schema_; }
  Result<exec::OperatorResult> Execute(exec::ExecContext& ctx, const arrow::RecordBatchPtr& input,
                                       exec::GlobalOperatorState& global,
                                       exec::LocalOperatorState& local,
                                       exec::OperatorOutput* out) const override;

 private:
  PhysicalExprPtr predicate_;
  arrow::SchemaPtr schema_;
};

}  // namespace ballista::physical
