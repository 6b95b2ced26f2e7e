#include "ballista/physical/operators/relabel_operator.h"

#include "ballista/physical/operators/materialized.h"

namespace ballista::physical {

Result<exec::OperatorResult> RelabelOperator::Execute(exec::ExecContext&,
                                                      const arrow::RecordBatchPtr& input,
                                                      exec::GlobalOperatorState&,
                                                      exec::LocalOperatorState&,
                                                      exec::OperatorOutput* out) const {
  out->batch = WithSchema(input, schema_);
  return exec::OperatorResult::kNeedMoreInput;
}

}  // namespace ballista::physical
