#include "ballista/physical/operators/hash_join_build_sink.h"

#include "ballista/physical/kernels/gather.h"
#include "ballista/physical/kernels/row_encoder.h"
#include "ballista/physical/operators/materialized.h"

namespace ballista::physical {

std::string HashJoinBuildSink::name() const {
  std::string out = "HashJoinBuild(keys=[";
  for (size_t i = 0; i < keys_.size(); ++i) out += (i ? ", " : "") + keys_[i]->ToString();
  return out + "])";
}

Result<std::unique_ptr<exec::GlobalSinkState>> HashJoinBuildSink::MakeGlobalSinkState(
    exec::ExecContext&, exec::OperatorMetrics& metrics) const {
  return std::make_unique<HashJoinBuildState>(metrics.memory_pool());
}

Result<exec::SinkResult> HashJoinBuildSink::Consume(exec::ExecContext&,
                                                    const arrow::RecordBatchPtr& batch,
                                                    exec::GlobalSinkState& global,
                                                    exec::LocalSinkState&,
                                                    exec::ResumeSignalPtr*) const {
  auto& g = static_cast<HashJoinBuildState&>(global);
  std::lock_guard<std::mutex> lock(g.mutex);
  RETURN_NOT_OK(g.reservation.TryGrow(BatchBytes(*batch)));
  g.batches.push_back(batch);
  return exec::SinkResult::kNeedMoreInput;
}

Status HashJoinBuildSink::Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const {
  auto& g = static_cast<HashJoinBuildState&>(global);
  ASSIGN_OR_RAISE(g.rows, g.batches.empty() ? EmptyBatch(schema_, ctx.memory_pool())
                                            : ConcatBatches(schema_, g.batches, ctx.memory_pool()));
  g.batches.clear();
  const int64_t n = g.rows->num_rows();
  compute::ExecContext kctx{ctx.memory_pool()};
  std::vector<arrow::ArrayDataPtr> key_columns;
  for (const auto& key : keys_) {
    ASSIGN_OR_RAISE(auto col, EvaluateToArray(*key, *g.rows, &kctx));
    key_columns.push_back(std::move(col));
  }
  std::vector<std::string> keys(static_cast<size_t>(n));
  RETURN_NOT_OK(EncodeRows(key_columns, n, &keys));
  std::vector<uint8_t> null_rows;
  RowsWithNull(key_columns, n, &null_rows);
  g.next.assign(static_cast<size_t>(n), HashJoinBuildState::kEnd);
  g.heads.reserve(static_cast<size_t>(n));
  // Insert in reverse so each chain lists its rows in input order.
  for (int64_t i = n - 1; i >= 0; --i) {
    if (null_rows[static_cast<size_t>(i)]) {
      g.has_null_key = true;
      continue;
    }
    auto [it, inserted] = g.heads.emplace(std::move(keys[static_cast<size_t>(i)]), static_cast<uint32_t>(i));
    if (!inserted) {
      g.next[static_cast<size_t>(i)] = it->second;
      it->second = static_cast<uint32_t>(i);
    }
  }
  g.matched = std::make_unique<std::atomic<uint8_t>[]>(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) g.matched[static_cast<size_t>(i)].store(0, std::memory_order_relaxed);
  RETURN_NOT_OK(g.reservation.TryGrow(n * 48));
  return Status::OK();
}

}  // namespace ballista::physical
