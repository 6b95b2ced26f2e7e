#include "ballista/exec/metrics.h"

#include <cstdio>

namespace ballista::exec {

std::string OperatorMetricsSnapshot::ToString() const {
  char time[32];
  std::snprintf(time, sizeof(time), "%.3fms", static_cast<double>(elapsed_nanos) / 1e6);
  std::string out =
      name + ": rows_in=" + std::to_string(rows_in) + " rows_out=" + std::to_string(rows_out) +
      " batches_in=" + std::to_string(batches_in) + " batches_out=" + std::to_string(batches_out) +
      " time=" + time + " peak_mem=" + std::to_string(peak_memory_bytes) +
      " spilled_bytes=" + std::to_string(spilled_bytes) +
      " spill_files=" + std::to_string(spill_files);
  for (const auto& [counter, value] : custom) out += " " + counter + "=" + std::to_string(value);
  return out;
}

OperatorMetrics::OperatorMetrics(std::string name, MemoryPool* parent_pool)
    : name_(std::move(name)), pool_(name_, MemoryPool::kUnlimited, parent_pool) {}

void OperatorMetrics::AddCustom(std::string_view counter, int64_t delta) {
  std::lock_guard<std::mutex> lock(custom_mutex_);
  custom_[std::string(counter)] += delta;
}

OperatorMetricsSnapshot OperatorMetrics::Snapshot() const {
  OperatorMetricsSnapshot out;
  out.name = name_;
  out.rows_in = rows_in();
  out.rows_out = rows_out();
  out.batches_in = batches_in();
  out.batches_out = batches_out();
  out.elapsed_nanos = elapsed_nanos();
  out.peak_memory_bytes = peak_memory_bytes();
  out.spilled_bytes = spilled_bytes();
  out.spill_files = spill_files();
  std::lock_guard<std::mutex> lock(custom_mutex_);
  out.custom = custom_;
  return out;
}

OperatorMetrics* MetricsRegistry::ForOperator(const void* key, const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_key_.find(key);
  if (it != by_key_.end()) return it->second;
  entries_.push_back(std::make_unique<OperatorMetrics>(name, pool_));
  OperatorMetrics* entry = entries_.back().get();
  by_key_.emplace(key, entry);
  return entry;
}

std::vector<OperatorMetricsSnapshot> MetricsRegistry::Snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<OperatorMetricsSnapshot> out;
  out.reserve(entries_.size());
  for (const auto& entry : entries_) out.push_back(entry->Snapshot());
  return out;
}

std::string MetricsRegistry::ToString() const {
  std::string out;
  for (const auto& snapshot : Snapshot()) out += snapshot.ToString() + "\n";
  return out;
}

}  // namespace ballista::exec
