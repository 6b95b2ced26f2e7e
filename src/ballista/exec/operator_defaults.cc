// Default implementations of the optional virtual methods of Source, Operator and Sink.
#include "ballista/exec/operator.h"
#include "ballista/exec/sink.h"
#include "ballista/exec/source.h"

namespace ballista::exec {

Result<std::unique_ptr<GlobalSourceState>> Source::MakeGlobalSourceState(ExecContext&,
                                                                         OperatorMetrics&) const {
  return std::make_unique<GlobalSourceState>();
}

Result<std::unique_ptr<LocalSourceState>> Source::MakeLocalSourceState(ExecContext&,
                                                                       GlobalSourceState&,
                                                                       int) const {
  return std::make_unique<LocalSourceState>();
}

Result<std::unique_ptr<GlobalOperatorState>> Operator::MakeGlobalOperatorState(
    ExecContext&, OperatorMetrics&) const {
  return std::make_unique<GlobalOperatorState>();
}

Result<std::unique_ptr<LocalOperatorState>> Operator::MakeLocalOperatorState(ExecContext&,
                                                                             GlobalOperatorState&,
                                                                             int) const {
  return std::make_unique<LocalOperatorState>();
}

Result<OperatorResult> Operator::FinalExecute(ExecContext&, GlobalOperatorState&,
                                              LocalOperatorState&, OperatorOutput*) const {
  return OperatorResult::kFinished;
}

Result<std::unique_ptr<GlobalSinkState>> Sink::MakeGlobalSinkState(ExecContext&,
                                                                   OperatorMetrics&) const {
  return std::make_unique<GlobalSinkState>();
}

Result<std::unique_ptr<LocalSinkState>> Sink::MakeLocalSinkState(ExecContext&, GlobalSinkState&,
                                                                 int) const {
  return std::make_unique<LocalSinkState>();
}

Status Sink::Combine(ExecContext&, GlobalSinkState&, LocalSinkState&) const { return Status::OK(); }

Status Sink::Finalize(ExecContext&, GlobalSinkState&) const { return Status::OK(); }

}  // namespace ballista::exec
