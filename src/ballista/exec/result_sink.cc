#include "ballista/exec/result_sink.h"

namespace ballista::exec {

Result<SinkResult> ResultSink::Consume(ExecContext&, const arrow::RecordBatchPtr& batch,
                                       GlobalSinkState&, LocalSinkState&,
                                       ResumeSignalPtr* resume) const {
  return queue_->TryPush(batch, resume) ? SinkResult::kNeedMoreInput : SinkResult::kBlocked;
}

}  // namespace ballista::exec
