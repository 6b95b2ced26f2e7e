#include "ballista/physical/operators/set_operation_sink.h"

#include <algorithm>

#include "ballista/physical/kernels/row_encoder.h"

namespace ballista::physical {
namespace {

Status CountRows(RowCountState& state, const arrow::RecordBatchPtr& batch) {
  const int64_t n = batch->num_rows();
  std::vector<std::string> keys(static_cast<size_t>(n));
  RETURN_NOT_OK(EncodeRows(batch->columns(), n, &keys));
  std::lock_guard<std::mutex> lock(state.mutex);
  const int32_t chunk = static_cast<int32_t>(state.chunks.size());
  state.chunks.push_back(batch);
  for (int64_t i = 0; i < n; ++i) {
    auto [it, inserted] = state.rows.try_emplace(keys[static_cast<size_t>(i)]);
    if (inserted) {
      it->second.first = {chunk, static_cast<uint32_t>(i)};
      state.order.push_back(it->first);
    }
    ++it->second.count;
  }
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<exec::GlobalSinkState>> RowCountSink::MakeGlobalSinkState(
    exec::ExecContext&, exec::OperatorMetrics&) const {
  return std::make_unique<RowCountState>();
}

Result<exec::SinkResult> RowCountSink::Consume(exec::ExecContext&, const arrow::RecordBatchPtr& batch,
                                               exec::GlobalSinkState& global, exec::LocalSinkState&,
                                               exec::ResumeSignalPtr*) const {
  RETURN_NOT_OK(CountRows(static_cast<RowCountState&>(global), batch));
  return exec::SinkResult::kNeedMoreInput;
}

std::string SetOperationSink::name() const {
  return std::string(op_ == logical::SetOpKind::kIntersect ? "Intersect" : "Except") +
         (all_ ? "All" : "");
}

Result<std::unique_ptr<exec::GlobalSinkState>> SetOperationSink::MakeGlobalSinkState(
    exec::ExecContext&, exec::OperatorMetrics&) const {
  return std::make_unique<RowCountState>();
}

Result<exec::SinkResult> SetOperationSink::Consume(exec::ExecContext&,
                                                   const arrow::RecordBatchPtr& batch,
                                                   exec::GlobalSinkState& global,
                                                   exec::LocalSinkState&, exec::ResumeSignalPtr*) const {
  RETURN_NOT_OK(CountRows(static_cast<RowCountState&>(global), batch));
  return exec::SinkResult::kNeedMoreInput;
}

Status SetOperationSink::Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const {
  auto& left = static_cast<RowCountState&>(global);
  ASSIGN_OR_RAISE(auto* right, ctx.FinishedSinkStateAs<RowCountState>(*right_));
  std::vector<RowRef> refs;
  for (const auto& key : left.order) {
    const auto& entry = left.rows.at(key);
    auto it = right->rows.find(key);
    const int64_t right_count = it == right->rows.end() ? 0 : it->second.count;
    int64_t copies;
    if (op_ == logical::SetOpKind::kIntersect) {
      copies = all_ ? std::min(entry.count, right_count) : (right_count > 0 ? 1 : 0);
    } else {
      copies = all_ ? std::max<int64_t>(entry.count - right_count, 0) : (right_count > 0 ? 0 : 1);
    }
    for (int64_t c = 0; c < copies; ++c) refs.push_back(entry.first);
  }
  if (refs.empty()) return Status::OK();
  ASSIGN_OR_RAISE(auto batch, GatherBatch(schema_, left.chunks, refs.data(),
                                          static_cast<int64_t>(refs.size()), ctx.memory_pool()));
  left.output.push_back(std::move(batch));
  return Status::OK();
}

}  // namespace ballista::physical
