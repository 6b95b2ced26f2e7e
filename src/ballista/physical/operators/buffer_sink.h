#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ballista/exec/sink.h"
#include "ballista/physical/operators/materialized.h"

namespace ballista::physical {

/// Collects its input in arrival order (one task feeding it keeps the order of an ORDER BY) for
/// a MaterializedSource. With `skip`/`fetch` it is a LIMIT: it drops the first `skip` rows, keeps
/// `fetch` rows and then tells every task to stop (kFinished). `on_finalize`, when set, may
/// append batches after the input's (the unmatched build rows of a RIGHT or FULL join, which can
/// only be known once every probe row has been seen). When a memory reservation is refused the
/// rows held so far are written to a spill file and read back, in order, by the source.
class BufferSink final : public exec::Sink {
 public:
  /// Rows to emit after the input's, read lazily by the source; null for none.
  using FinalizeHook = std::function<Result<arrow::RecordBatchReaderPtr>(exec::ExecContext& ctx)>;

  BufferSink(std::string name, int64_t skip, std::optional<int64_t> fetch,
             FinalizeHook on_finalize = nullptr)
      : name_(std::move(name)), skip_(skip), fetch_(fetch), on_finalize_(std::move(on_finalize)) {}

  std::string name() const override { return name_; }
  Result<std::unique_ptr<exec::GlobalSinkState>> MakeGlobalSinkState(
      exec::ExecContext& ctx, exec::OperatorMetrics& metrics) const override;
  /// Locks the global state: with a limit the row count is global.
  Result<exec::SinkResult> Consume(exec::ExecContext& ctx, const arrow::RecordBatchPtr& batch,
                                   exec::GlobalSinkState& global, exec::LocalSinkState& local,
                                   exec::ResumeSignalPtr* resume) const override;
  Status Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const override;

 private:
  std::string name_;
  int64_t skip_;
  std::optional<int64_t> fetch_;
  FinalizeHook on_finalize_;
};

}  // namespace ballista::physical
