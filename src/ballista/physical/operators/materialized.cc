#include "ballista/physical/operators/materialized.h"

#include <algorithm>

namespace ballista::physical {
namespace {

struct MaterializedSourceState final : public exec::GlobalSourceState {
  const std::vector<arrow::RecordBatchPtr>* output = nullptr;
  arrow::RecordBatchReader* stream = nullptr;
  size_t next_batch = 0;
  int64_t next_row = 0;
};

/// Bytes of the rows `data` covers: a slice of a large array counts only its share (for the
/// flat types; nested arrays count their whole buffers).
void AddBufferBytes(const arrow::ArrayData& data, int64_t* total) {
  const arrow::TypeId id = data.type->id();
  const int64_t validity = data.buffers.empty() || !data.buffers[0] ? 0 : (data.length + 7) / 8;
  if (id != arrow::TypeId::kBool && arrow::IsFixedWidth(id) && data.type->bit_width() > 0 &&
      data.buffers.size() == 2 && data.buffers[1]) {
    *total += validity + std::min<int64_t>(data.buffers[1]->size(), data.length * data.type->bit_width() / 8);
    return;
  }
  if ((id == arrow::TypeId::kUtf8 || id == arrow::TypeId::kBinary) && data.buffers.size() == 3 &&
      data.buffers[1] && data.buffers[2] && data.length > 0) {
    const auto* offsets = data.buffers[1]->data_as<int32_t>() + data.offset;
    *total += validity + (data.length + 1) * 4 + (offsets[data.length] - offsets[0]);
    return;
  }
  for (const auto& b : data.buffers) {
    if (b) *total += b->size();
  }
  for (const auto& c : data.child_data) AddBufferBytes(*c, total);
}

}  // namespace

Result<std::unique_ptr<exec::GlobalSourceState>> MaterializedSource::MakeGlobalSourceState(
    exec::ExecContext& ctx, exec::OperatorMetrics&) const {
  ASSIGN_OR_RAISE(auto* finished, ctx.FinishedSinkStateAs<MaterializedSinkState>(*sink_));
  auto state = std::make_unique<MaterializedSourceState>();
  state->output = &finished->output;
  state->stream = finished->stream.get();
  return state;
}

Result<exec::SourceResult> MaterializedSource::GetData(exec::ExecContext& ctx,
                                                       exec::GlobalSourceState& global,
                                                       exec::LocalSourceState&,
                                                       exec::OperatorOutput* out) const {
  auto& state = static_cast<MaterializedSourceState&>(global);
  const auto& batches = *state.output;
  while (state.next_batch < batches.size() &&
         state.next_row >= batches[state.next_batch]->num_rows()) {
    ++state.next_batch;
    state.next_row = 0;
  }
  if (state.next_batch >= batches.size()) {
    if (!state.stream) return exec::SourceResult::kFinished;
    ASSIGN_OR_RAISE(auto batch, state.stream->Next());
    if (!batch) return exec::SourceResult::kFinished;
    out->batch = WithSchema(batch, schema_);
    return exec::SourceResult::kHaveMoreOutput;
  }
  const auto& batch = batches[state.next_batch];
  const int64_t take = std::min(ctx.batch_size(), batch->num_rows() - state.next_row);
  auto slice = (state.next_row == 0 && take == batch->num_rows())
                   ? batch
                   : batch->Slice(state.next_row, take);
  out->batch = WithSchema(slice, schema_);
  state.next_row += take;
  return exec::SourceResult::kHaveMoreOutput;
}

arrow::RecordBatchPtr WithSchema(const arrow::RecordBatchPtr& batch, const arrow::SchemaPtr& schema) {
  if (batch->schema() == schema) return batch;
  return std::make_shared<arrow::RecordBatch>(schema, batch->num_rows(), batch->columns());
}

int64_t BatchBytes(const arrow::RecordBatch& batch) {
  int64_t total = 0;
  for (const auto& c : batch.columns()) AddBufferBytes(*c, &total);
  return total;
}

}  // namespace ballista::physical
