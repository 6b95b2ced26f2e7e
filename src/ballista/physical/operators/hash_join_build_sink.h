#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "ballista/exec/memory_reservation.h"
#include "ballista/exec/sink.h"
#include "ballista/physical/physical_expr.h"

namespace ballista::physical {

/// The finished build side of a hash join: every build row in one batch, a hash table from the
/// encoded key to a chain of rows, and one "matched" flag per row that probes set (RIGHT/FULL
/// joins emit the rows never matched at the end). Read-only after Finalize, except `matched`,
/// which probes set concurrently (atomics).
class HashJoinBuildState final : public exec::GlobalSinkState {
 public:
  explicit HashJoinBuildState(MemoryPool* pool) : reservation(pool) {}

  std::mutex mutex;  ///< guards `batches` during Combine
  std::vector<arrow::RecordBatchPtr> batches;
  exec::MemoryReservation reservation;

  arrow::RecordBatchPtr rows;  ///< all build rows (after Finalize)
  /// Encoded key -> first row of its chain; rows with a NULL key are not in the table.
  std::unordered_map<std::string, uint32_t> heads;
  std::vector<uint32_t> next;  ///< next row of the same key, or kEnd
  bool has_null_key = false;   ///< some build row has a NULL key (NOT IN semantics)
  std::unique_ptr<std::atomic<uint8_t>[]> matched;

  static constexpr uint32_t kEnd = UINT32_MAX;
  int64_t num_rows() const { return rows ? rows->num_rows() : 0; }
};

/// The build side of a hash join (the RIGHT input): buffers the rows per task, and Finalize
/// builds the table over the key expressions. Without keys (nested-loop joins) every row is in
/// one chain, so each probe row meets every build row. Memory is reserved for the buffered
/// rows; a refusal is a ResourcesExhausted error (no spilling yet).
class HashJoinBuildSink final : public exec::Sink {
 public:
  HashJoinBuildSink(std::vector<PhysicalExprPtr> keys, arrow::SchemaPtr schema)
      : keys_(std::move(keys)), schema_(std::move(schema)) {}

  std::string name() const override;
  const arrow::SchemaPtr& schema() const { return schema_; }

  Result<std::unique_ptr<exec::GlobalSinkState>> MakeGlobalSinkState(
      exec::ExecContext& ctx, exec::OperatorMetrics& metrics) const override;
  Result<exec::SinkResult> Consume(exec::ExecContext& ctx, const arrow::RecordBatchPtr& batch,
                                   exec::GlobalSinkState& global, exec::LocalSinkState& local,
                                   exec::ResumeSignalPtr* resume) const override;
  Status Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const override;

 private:
  std::vector<PhysicalExprPtr> keys_;
  arrow::SchemaPtr schema_;
};

}  // namespace ballista::physical
