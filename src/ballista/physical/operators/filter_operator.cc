#include "ballista/physical/operators/filter_operator.h"

#include "ballista/physical/operators/materialized.h"

namespace ballista::physical {

Result<exec::OperatorResult> FilterOperator::Execute(exec::ExecContext& ctx,
                                                     const arrow::RecordBatchPtr& input,
                                                     exec::GlobalOperatorState&,
                                                     exec::LocalOperatorState&,
                                                     exec::OperatorOutput* out) const {
  compute::ExecContext kctx{ctx.memory_pool()};
  ASSIGN_OR_RAISE(auto mask, predicate_->Evaluate(*input, &kctx));
  ASSIGN_OR_RAISE(auto filtered, FilterBatch(input, mask, ctx.memory_pool()));
  if (filtered->num_rows() > 0) out->batch = WithSchema(filtered, schema_);
  return exec::OperatorResult::kNeedMoreInput;
}

}  // namespace ballista::physical
