#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ballista/common/memory_pool.h"

namespace ballista::exec {

/// A plain copy of one operator's metrics at one moment (for EXPLAIN ANALYZE and task status).
struct OperatorMetricsSnapshot {
  std::string name;
  int64_t rows_in = 0;
  int64_t rows_out = 0;
  int64_t batches_in = 0;
  int64_t batches_out = 0;
  /// CPU-side time spent inside the operator's calls, summed over threads.
  int64_t elapsed_nanos = 0;
  /// Highest number of bytes reserved at once in the operator's memory pool.
  int64_t peak_memory_bytes = 0;
  int64_t spilled_bytes = 0;
  int64_t spill_files = 0;
  /// Operator-specific counters (hash collisions, build rows, ...), by name.
  std::map<std::string, int64_t> custom;

  /// "name: rows_in=.. rows_out=.. batches_in=.. batches_out=.. time=1.234ms peak_mem=.. ..."
  std::string ToString() const;
};

/// The live metrics of one physical operator in one execution, updated by the pipeline driver
/// (rows, batches, time) and by the operator itself (spills, custom counters). It also owns the
/// operator's memory pool, a child of the execution's pool, so that peak memory is per operator.
/// All methods may be called concurrently.
class OperatorMetrics {
 public:
  OperatorMetrics(std::string name, MemoryPool* parent_pool);
  OperatorMetrics(const OperatorMetrics&) = delete;
  OperatorMetrics& operator=(const OperatorMetrics&) = delete;

  const std::string& name() const { return name_; }
  /// The operator's pool: reservations made here count against the execution's limit.
  MemoryPool* memory_pool() { return &pool_; }

  void AddInput(int64_t rows) {
    rows_in_.fetch_add(rows, std::memory_order_relaxed);
    batches_in_.fetch_add(1, std::memory_order_relaxed);
  }
  void AddOutput(int64_t rows) {
    rows_out_.fetch_add(rows, std::memory_order_relaxed);
    batches_out_.fetch_add(1, std::memory_order_relaxed);
  }
  void AddElapsedNanos(int64_t nanos) {
    elapsed_nanos_.fetch_add(nanos, std::memory_order_relaxed);
  }
  /// Records one spill file of `bytes` bytes.
  void AddSpill(int64_t bytes) {
    spilled_bytes_.fetch_add(bytes, std::memory_order_relaxed);
    spill_files_.fetch_add(1, std::memory_order_relaxed);
  }
  /// Adds `delta` to the operator-specific counter `counter`, creating it at zero.
  void AddCustom(std::string_view counter, int64_t delta);

  int64_t rows_in() const { return rows_in_.load(std::memory_order_relaxed); }
  int64_t rows_out() const { return rows_out_.load(std::memory_order_relaxed); }
  int64_t batches_in() const { return batches_in_.load(std::memory_order_relaxed); }
  int64_t batches_out() const { return batches_out_.load(std::memory_order_relaxed); }
  int64_t elapsed_nanos() const { return elapsed_nanos_.load(std::memory_order_relaxed); }
  int64_t spilled_bytes() const { return spilled_bytes_.load(std::memory_order_relaxed); }
  int64_t spill_files() const { return spill_files_.load(std::memory_order_relaxed); }
  int64_t peak_memory_bytes() const { return pool_.peak_bytes(); }

  OperatorMetricsSnapshot Snapshot() const;

 private:
  std::string name_;
  MemoryPool pool_;
  std::atomic<int64_t> rows_in_{0};
  std::atomic<int64_t> rows_out_{0};
  std::atomic<int64_t> batches_in_{0};
  std::atomic<int64_t> batches_out_{0};
  std::atomic<int64_t> elapsed_nanos_{0};
  std::atomic<int64_t> spilled_bytes_{0};
  std::atomic<int64_t> spill_files_{0};
  mutable std::mutex custom_mutex_;
  std::map<std::string, int64_t> custom_;
};

/// Every operator's metrics for one execution, in the order the operators were first seen. One
/// physical object that plays two roles (an aggregation that is the sink of one pipeline and the
/// source of the next) has one entry: entries are keyed by the object's address. All methods may
/// be called concurrently; returned pointers stay valid for the registry's lifetime.
class MetricsRegistry {
 public:
  /// `pool` (the execution's pool) is the parent of every operator pool and must outlive this.
  explicit MetricsRegistry(MemoryPool* pool) : pool_(pool) {}

  /// The entry of the operator object at `key`, created with `name` on first use.
  OperatorMetrics* ForOperator(const void* key, const std::string& name);

  std::vector<OperatorMetricsSnapshot> Snapshot() const;

  /// One line per operator (OperatorMetricsSnapshot::ToString), in registration order.
  std::string ToString() const;

 private:
  MemoryPool* pool_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<OperatorMetrics>> entries_;
  std::unordered_map<const void*, OperatorMetrics*> by_key_;
};

}  // namespace ballista::exec
