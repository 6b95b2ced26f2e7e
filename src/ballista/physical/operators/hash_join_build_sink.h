#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "ballista/exec/memory_reservation.h"
#include "ballista/exec/sink.h"
#include "ballista/exec/spill_manager.h"
#include "ballista/physical/physical_expr.h"

namespace ballista::physical {

/// A hash table over build rows: every row in one batch, the encoded key -> first row of its
/// chain, and one "matched" flag per row (owned elsewhere; null when nobody needs the flags)
/// that probes set concurrently. Rows with a NULL key are not in the table.
struct HashJoinTable {
  arrow::RecordBatchPtr rows;
  std::unordered_map<std::string, uint32_t> heads;
  std::vector<uint32_t> next;  ///< next row of the same key, or kEnd
  std::atomic<uint8_t>* matched = nullptr;

  static constexpr uint32_t kEnd = UINT32_MAX;
  int64_t num_rows() const { return rows ? rows->num_rows() : 0; }
};

/// Builds `table` over `rows` (keyed by `keys`; no keys puts every row in one chain). Sets
/// *has_null_key when some row has a NULL key. Leaves table->matched alone.
Status BuildHashJoinTable(const std::vector<PhysicalExprPtr>& keys, arrow::RecordBatchPtr rows,
                          MemoryPool* pool, HashJoinTable* table, bool* has_null_key);

/// The partition (of HashJoinBuildState::kPartitions) of each row, from its encoded key. Probe
/// and build sides use the same function, so equal keys land in the same partition.
void HashJoinPartitions(const std::vector<std::string>& encoded_keys, std::vector<uint16_t>* out);

/// The finished build side of a hash join, in one of two modes:
///  * in memory (`spilled` false): `table` holds every build row; `matched` owns its flags.
///  * partitioned (`spilled` true): the build side did not fit its memory reservation, so every
///    build row was written to one of kPartitions spill files by the hash of its key
///    (`partition_files[p]`, null when the partition is empty; rows in arrival order) and
///    `table` is empty. The probe partitions its rows the same way and joins one partition at a
///    time. `partition_matched[p]` (allocated by the probe of a RIGHT/FULL join through
///    EnsurePartitionFlags) holds the matched flags of partition p's rows in file order.
/// `has_null_key` and `total_rows` describe the whole build side in both modes (NOT IN
/// semantics need them globally). Read-only after Finalize, except the matched flags, which
/// probes set concurrently (atomics).
class HashJoinBuildState final : public exec::GlobalSinkState {
 public:
  explicit HashJoinBuildState(MemoryPool* pool, exec::OperatorMetrics* metrics)
      : reservation(pool), metrics(metrics) {}

  static constexpr int kPartitions = 64;

  std::mutex mutex;  ///< guards everything written during Consume
  std::vector<arrow::RecordBatchPtr> batches;  ///< buffered rows (in-memory mode, until Finalize)
  exec::MemoryReservation reservation;
  exec::OperatorMetrics* metrics;

  HashJoinTable table;  ///< all build rows (in-memory mode, after Finalize)
  std::unique_ptr<std::atomic<uint8_t>[]> matched;  ///< flags of `table` (in-memory mode)
  bool has_null_key = false;  ///< some build row has a NULL key (NOT IN semantics)
  int64_t total_rows = 0;     ///< build rows in all (after Finalize)

  bool spilled = false;
  std::vector<std::unique_ptr<exec::SpillWriter>> writers;  ///< per partition, during Consume
  std::vector<exec::SpillFilePtr> partition_files;          ///< per partition, after Finalize
  std::mutex flags_mutex;  ///< guards the allocation of partition_matched
  std::vector<std::unique_ptr<std::atomic<uint8_t>[]>> partition_matched;

  /// Allocates partition_matched (all false) unless done already. Thread-safe.
  void EnsurePartitionFlags();
  int64_t num_rows() const { return total_rows; }
};

/// The build side of a hash join (the RIGHT input): buffers the rows under a memory reservation,
/// and Finalize builds the table over the key expressions. Without keys (nested-loop joins) every
/// row is in one chain, so each probe row meets every build row. When the reservation is refused
/// the sink switches to partitioned mode (see HashJoinBuildState): the buffered rows and every
/// later row go to per-partition spill files and the reservation is released, so the build side
/// may be any size; HashJoinProbe then joins partition by partition, each of which must fit in
/// memory on its own (otherwise ResourcesExhausted).
class HashJoinBuildSink final : public exec::Sink {
 public:
  HashJoinBuildSink(std::vector<PhysicalExprPtr> keys, arrow::SchemaPtr schema)
      : keys_(std::move(keys)), schema_(std::move(schema)) {}

  std::string name() const override;
  const arrow::SchemaPtr& schema() const { return schema_; }
  const std::vector<PhysicalExprPtr>& keys() const { return keys_; }

  Result<std::unique_ptr<exec::GlobalSinkState>> MakeGlobalSinkState(
      exec::ExecContext& ctx, exec::OperatorMetrics& metrics) const override;
  Result<exec::SinkResult> Consume(exec::ExecContext& ctx, const arrow::RecordBatchPtr& batch,
                                   exec::GlobalSinkState& global, exec::LocalSinkState& local,
                                   exec::ResumeSignalPtr* resume) const override;
  Status Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const override;

  /// Reads partition `p` of a spilled build side back as one batch (empty when it has no rows).
  Result<arrow::RecordBatchPtr> LoadPartition(const HashJoinBuildState& state, int p,
                                              MemoryPool* pool) const;

 private:
  /// Appends the rows of `batch` to the partition spill files (caller holds state.mutex).
  Status SpillBatch(exec::ExecContext& ctx, HashJoinBuildState& state,
                    const arrow::RecordBatchPtr& batch) const;

  std::vector<PhysicalExprPtr> keys_;
  arrow::SchemaPtr schema_;
};

}  // namespace ballista::physical
