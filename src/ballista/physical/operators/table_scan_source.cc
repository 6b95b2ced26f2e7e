#include "ballista/physical/operators/table_scan_source.h"

#include <algorithm>
#include <atomic>
#include <mutex>

#include "ballista/physical/operators/materialized.h"

namespace ballista::physical {
namespace {

struct ScanGlobalState final : public exec::GlobalSourceState {
  std::vector<catalog::ScanUnitPtr> units;
  std::atomic<size_t> next_unit{0};
  /// Rows still allowed by `fetch` (unused without one).
  std::atomic<int64_t> rows_left{0};
  int MaxParallelism() const override { return std::max<int>(1, static_cast<int>(units.size())); }
};

struct ScanLocalState final : public exec::LocalSourceState {
  arrow::RecordBatchReaderPtr reader;
  /// A batch larger than the execution's batch size, handed out in slices from `offset`.
  arrow::RecordBatchPtr pending;
  int64_t offset = 0;
};

}  // namespace

TableScanSource::TableScanSource(std::string table_name, catalog::TableProviderPtr provider,
                                 std::vector<int> projection, arrow::SchemaPtr schema,
                                 std::optional<int64_t> fetch,
                                 std::vector<catalog::ScanFilter> filters)
    : table_name_(std::move(table_name)),
      provider_(std::move(provider)),
      projection_(std::move(projection)),
      schema_(std::move(schema)),
      fetch_(fetch),
      filters_(std::move(filters)) {}

Result<std::unique_ptr<exec::GlobalSourceState>> TableScanSource::MakeGlobalSourceState(
    exec::ExecContext& ctx, exec::OperatorMetrics& metrics) const {
  catalog::ScanRequest request;
  request.projection = projection_;
  request.filters = filters_;
  request.limit = fetch_;
  request.target_partitions = ctx.config().target_partitions;
  auto state = std::make_unique<ScanGlobalState>();
  ASSIGN_OR_RAISE(state->units, provider_->PlanScan(request));
  state->rows_left.store(fetch_.value_or(0));
  metrics.AddCustom("scan_units", static_cast<int64_t>(state->units.size()));
  return state;
}

Result<std::unique_ptr<exec::LocalSourceState>> TableScanSource::MakeLocalSourceState(
    exec::ExecContext&, exec::GlobalSourceState&, int) const {
  return std::make_unique<ScanLocalState>();
}

Result<exec::SourceResult> TableScanSource::GetData(exec::ExecContext& ctx,
                                                    exec::GlobalSourceState& global,
                                                    exec::LocalSourceState& local,
                                                    exec::OperatorOutput* out) const {
  auto& g = static_cast<ScanGlobalState&>(global);
  auto& l = static_cast<ScanLocalState&>(local);
  if (fetch_ && g.rows_left.load() <= 0) return exec::SourceResult::kFinished;
  arrow::RecordBatchPtr batch;
  if (l.pending) {
    const int64_t take = std::min(ctx.batch_size(), l.pending->num_rows() - l.offset);
    batch = l.pending->Slice(l.offset, take);
    l.offset += take;
    if (l.offset >= l.pending->num_rows()) l.pending.reset();
    return Emit(std::move(batch), g, out);
  }
  if (!l.reader) {
    const size_t unit = g.next_unit.fetch_add(1);
    if (unit >= g.units.size()) return exec::SourceResult::kFinished;
    ASSIGN_OR_RAISE(l.reader, g.units[unit]->Open());
  }
  ASSIGN_OR_RAISE(batch, l.reader->Next());
  if (!batch) {
    l.reader.reset();
    return exec::SourceResult::kHaveMoreOutput;
  }
  if (batch->num_columns() != schema_->num_fields()) {
    return Status::Internal("scan of " + table_name_ + " produced " +
                            std::to_string(batch->num_columns()) + " columns, expected " +
                            std::to_string(schema_->num_fields()));
  }
  // Providers may produce large batches (a memory table keeps what it was given); operators
  // get at most batch_size rows at a time, so memory per batch stays predictable.
  if (batch->num_rows() > ctx.batch_size()) {
    l.pending = batch;
    l.offset = ctx.batch_size();
    batch = batch->Slice(0, ctx.batch_size());
  }
  return Emit(std::move(batch), g, out);
}

Result<exec::SourceResult> TableScanSource::Emit(arrow::RecordBatchPtr batch, exec::GlobalSourceState& global,
                                                 exec::OperatorOutput* out) const {
  auto& g = static_cast<ScanGlobalState&>(global);
  if (fetch_) {
    const int64_t before = g.rows_left.fetch_sub(batch->num_rows());
    if (before <= 0) return exec::SourceResult::kFinished;
    if (before < batch->num_rows()) batch = batch->Slice(0, before);
  }
  out->batch = WithSchema(batch, schema_);
  return exec::SourceResult::kHaveMoreOutput;
}

}  // namespace ballista::physical
