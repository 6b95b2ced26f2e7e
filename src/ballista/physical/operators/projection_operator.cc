#include "ballista/physical/operators/projection_operator.h"

namespace ballista::physical {

std::string ProjectionOperator::name() const {
  std::string out = "Projection(";
  for (size_t i = 0; i < exprs_.size(); ++i) out += (i ? ", " : "") + exprs_[i]->ToString();
  return out + ")";
}

Result<exec::OperatorResult> ProjectionOperator::Execute(exec::ExecContext& ctx,
                                                         const arrow::RecordBatchPtr& input,
                                                         exec::GlobalOperatorState&,
                                                         exec::LocalOperatorState&,
                                                         exec::OperatorOutput* out) const {
  compute::ExecContext kctx{ctx.memory_pool()};
  std::vector<arrow::ArrayDataPtr> columns;
  columns.reserve(exprs_.size());
  for (const auto& expr : exprs_) {
    ASSIGN_OR_RAISE(auto column, EvaluateToArray(*expr, *input, &kctx));
    columns.push_back(std::move(column));
  }
  out->batch = std::make_shared<arrow::RecordBatch>(schema_, input->num_rows(), std::move(columns));
  return exec::OperatorResult::kNeedMoreInput;
}

}  // namespace ballista::physical
