#include "ballista/physical/operators/batches_source.h"

namespace ballista::physical {
namespace {

struct BatchesLocalState final : public exec::LocalSourceState {
  size_t next = 0;
};

}  // namespace

Result<std::unique_ptr<exec::LocalSourceState>> BatchesSource::MakeLocalSourceState(
    exec::ExecContext&, exec::GlobalSourceState&, int) const {
  return std::make_unique<BatchesLocalState>();
}

Result<exec::SourceResult> BatchesSource::GetData(exec::ExecContext&, exec::GlobalSourceState&,
                                                  exec::LocalSourceState& local,
                                                  exec::OperatorOutput* out) const {
  auto& l = static_cast<BatchesLocalState&>(local);
  if (l.next >= batches_.size()) return exec::SourceResult::kFinished;
  out->batch = batches_[l.next++];
  return l.next >= batches_.size() ? exec::SourceResult::kFinished
                                   : exec::SourceResult::kHaveMoreOutput;
}

}  // namespace ballista::physical
