#include "ballista/physical/operators/hash_join_build_sink.h"

#include <functional>
#include <string_view>

#include "ballista/physical/kernels/gather.h"
#include "ballista/physical/kernels/row_encoder.h"
#include "ballista/physical/operators/materialized.h"

namespace ballista::physical {
namespace {

/// Bytes the table of `num_rows` rows needs besides the rows themselves (chains, map nodes).
constexpr int64_t kTableBytesPerRow = 48;

Result<std::vector<arrow::ArrayDataPtr>> EvaluateKeys(const std::vector<PhysicalExprPtr>& keys,
                                                      const arrow::RecordBatch& rows,
                                                      MemoryPool* pool) {
  compute::ExecContext kctx{pool};
  std::vector<arrow::ArrayDataPtr> columns;
  for (const auto& key : keys) {
    ASSIGN_OR_RAISE(auto col, EvaluateToArray(*key, rows, &kctx));
    columns.push_back(std::move(col));
  }
  return columns;
}

}  // namespace

Status BuildHashJoinTable(const std::vector<PhysicalExprPtr>& keys, arrow::RecordBatchPtr rows,
                          MemoryPool* pool, HashJoinTable* table, bool* has_null_key) {
  table->rows = std::move(rows);
  const int64_t n = table->rows->num_rows();
  ASSIGN_OR_RAISE(auto key_columns, EvaluateKeys(keys, *table->rows, pool));
  std::vector<std::string> encoded(static_cast<size_t>(n));
  RETURN_NOT_OK(EncodeRows(key_columns, n, &encoded));
  std::vector<uint8_t> null_rows;
  RowsWithNull(key_columns, n, &null_rows);
  table->next.assign(static_cast<size_t>(n), HashJoinTable::kEnd);
  table->heads.clear();
  table->heads.reserve(static_cast<size_t>(n));
  // Insert in reverse so each chain lists its rows in input order.
  for (int64_t i = n - 1; i >= 0; --i) {
    const auto s = static_cast<size_t>(i);
    if (null_rows[s]) {
      *has_null_key = true;
      continue;
    }
    auto [it, inserted] = table->heads.emplace(std::move(encoded[s]), static_cast<uint32_t>(i));
    if (!inserted) {
      table->next[s] = it->second;
      it->second = static_cast<uint32_t>(i);
    }
  }
  return Status::OK();
}

void HashJoinPartitions(const std::vector<std::string>& encoded_keys, std::vector<uint16_t>* out) {
  static_assert(HashJoinBuildState::kPartitions == 64, "the shift below takes 6 bits");
  out->resize(encoded_keys.size());
  for (size_t i = 0; i < encoded_keys.size(); ++i) {
    // Take the top bits of a multiplicative mix, so the partition is independent of the bucket
    // (hash modulo a prime) that the partition's own table later puts the key in.
    const uint64_t h = std::hash<std::string_view>{}(encoded_keys[i]) * 0x9E3779B97F4A7C15ULL;
    (*out)[i] = static_cast<uint16_t>(h >> 58);
  }
}

void HashJoinBuildState::EnsurePartitionFlags() {
  std::lock_guard<std::mutex> lock(flags_mutex);
  if (!partition_matched.empty()) return;
  partition_matched.resize(kPartitions);
  for (int p = 0; p < kPartitions; ++p) {
    const auto& file = partition_files[static_cast<size_t>(p)];
    const int64_t n = file ? file->num_rows() : 0;
    auto flags = std::make_unique<std::atomic<uint8_t>[]>(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) flags[static_cast<size_t>(i)].store(0, std::memory_order_relaxed);
    partition_matched[static_cast<size_t>(p)] = std::move(flags);
  }
}

std::string HashJoinBuildSink::name() const {
  std::string out = "HashJoinBuild(keys=[";
  for (size_t i = 0; i < keys_.size(); ++i) out += (i ? ", " : "") + keys_[i]->ToString();
  return out + "])";
}

Result<std::unique_ptr<exec::GlobalSinkState>> HashJoinBuildSink::MakeGlobalSinkState(
    exec::ExecContext&, exec::OperatorMetrics& metrics) const {
  return std::make_unique<HashJoinBuildState>(metrics.memory_pool(), &metrics);
}

Status HashJoinBuildSink::SpillBatch(exec::ExecContext& ctx, HashJoinBuildState& g,
                                     const arrow::RecordBatchPtr& batch) const {
  const int64_t n = batch->num_rows();
  if (n == 0) return Status::OK();
  ASSIGN_OR_RAISE(auto key_columns, EvaluateKeys(keys_, *batch, ctx.memory_pool()));
  std::vector<std::string> encoded(static_cast<size_t>(n));
  RETURN_NOT_OK(EncodeRows(key_columns, n, &encoded));
  std::vector<uint8_t> null_rows;
  RowsWithNull(key_columns, n, &null_rows);
  for (uint8_t is_null : null_rows) {
    if (is_null) g.has_null_key = true;
  }
  std::vector<uint16_t> parts;
  HashJoinPartitions(encoded, &parts);
  std::vector<std::vector<int64_t>> rows(HashJoinBuildState::kPartitions);
  for (int64_t i = 0; i < n; ++i) rows[parts[static_cast<size_t>(i)]].push_back(i);
  for (int p = 0; p < HashJoinBuildState::kPartitions; ++p) {
    const auto& indices = rows[static_cast<size_t>(p)];
    if (indices.empty()) continue;
    auto& writer = g.writers[static_cast<size_t>(p)];
    if (!writer) {
      ASSIGN_OR_RAISE(writer, ctx.spill_manager().CreateWriter(schema_, "HashJoinBuild", g.metrics));
    }
    if (static_cast<int64_t>(indices.size()) == n) {
      RETURN_NOT_OK(writer->Write(*batch));
    } else {
      ASSIGN_OR_RAISE(auto part, TakeBatch(batch, indices.data(), static_cast<int64_t>(indices.size()),
                                           ctx.memory_pool()));
      RETURN_NOT_OK(writer->Write(*part));
    }
  }
  return Status::OK();
}

Result<exec::SinkResult> HashJoinBuildSink::Consume(exec::ExecContext& ctx,
                                                    const arrow::RecordBatchPtr& batch,
                                                    exec::GlobalSinkState& global,
                                                    exec::LocalSinkState&,
                                                    exec::ResumeSignalPtr*) const {
  auto& g = static_cast<HashJoinBuildState&>(global);
  std::lock_guard<std::mutex> lock(g.mutex);
  g.total_rows += batch->num_rows();
  if (!g.spilled) {
    Status grown = g.reservation.TryGrow(BatchBytes(*batch));
    if (grown.ok()) {
      g.batches.push_back(batch);
      return exec::SinkResult::kNeedMoreInput;
    }
    if (grown.code() != StatusCode::kResourcesExhausted) return grown;
    // Over the limit: from now on every build row goes to a partition spill file.
    g.spilled = true;
    g.writers.resize(HashJoinBuildState::kPartitions);
    std::vector<arrow::RecordBatchPtr> buffered = std::move(g.batches);
    g.batches.clear();
    for (const auto& b : buffered) RETURN_NOT_OK(SpillBatch(ctx, g, b));
    buffered.clear();
    g.reservation.Free();
  }
  RETURN_NOT_OK(SpillBatch(ctx, g, batch));
  return exec::SinkResult::kNeedMoreInput;
}

Status HashJoinBuildSink::Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const {
  auto& g = static_cast<HashJoinBuildState&>(global);
  if (!g.spilled) {
    const int64_t n = g.total_rows;
    Status grown = g.reservation.TryGrow(n * kTableBytesPerRow);
    if (grown.ok()) {
      ASSIGN_OR_RAISE(auto rows, g.batches.empty()
                                     ? EmptyBatch(schema_, ctx.memory_pool())
                                     : ConcatBatches(schema_, g.batches, ctx.memory_pool()));
      g.batches.clear();
      RETURN_NOT_OK(BuildHashJoinTable(keys_, std::move(rows), ctx.memory_pool(), &g.table,
                                       &g.has_null_key));
      g.matched = std::make_unique<std::atomic<uint8_t>[]>(static_cast<size_t>(n));
      for (int64_t i = 0; i < n; ++i) {
        g.matched[static_cast<size_t>(i)].store(0, std::memory_order_relaxed);
      }
      g.table.matched = g.matched.get();
      return Status::OK();
    }
    if (grown.code() != StatusCode::kResourcesExhausted) return grown;
    // The rows fit but their table does not: partition them after all.
    g.spilled = true;
    g.writers.resize(HashJoinBuildState::kPartitions);
    std::vector<arrow::RecordBatchPtr> buffered = std::move(g.batches);
    g.batches.clear();
    for (const auto& b : buffered) RETURN_NOT_OK(SpillBatch(ctx, g, b));
    buffered.clear();
    g.reservation.Free();
  }
  g.partition_files.resize(HashJoinBuildState::kPartitions);
  for (int p = 0; p < HashJoinBuildState::kPartitions; ++p) {
    auto& writer = g.writers[static_cast<size_t>(p)];
    if (!writer) continue;
    ASSIGN_OR_RAISE(g.partition_files[static_cast<size_t>(p)], writer->Finish());
    writer.reset();
  }
  g.writers.clear();
  ASSIGN_OR_RAISE(g.table.rows, EmptyBatch(schema_, ctx.memory_pool()));
  return Status::OK();
}

Result<arrow::RecordBatchPtr> HashJoinBuildSink::LoadPartition(const HashJoinBuildState& g, int p,
                                                               MemoryPool* pool) const {
  const auto& file = g.partition_files[static_cast<size_t>(p)];
  if (!file) return EmptyBatch(schema_, pool);
  ASSIGN_OR_RAISE(auto reader, file->OpenReader());
  std::vector<arrow::RecordBatchPtr> batches;
  while (true) {
    ASSIGN_OR_RAISE(auto batch, reader->Next());
    if (!batch) break;
    batches.push_back(std::move(batch));
  }
  return ConcatBatches(schema_, batches, pool);
}

}  // namespace ballista::physical
