#include "ballista/exec/exec_config.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "ballista/common/result.h"
#include "ballista/common/thread_pool.h"

namespace ballista::exec {
namespace {

Result<int64_t> ParsePositive(std::string_view key, std::string_view value) {
  int64_t parsed = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (ec != std::errc() || end != value.data() + value.size() || parsed < 1) {
    return Status::InvalidArgument("invalid value '" + std::string(value) + "' for " +
                                   std::string(key) + ": expected a positive integer");
  }
  return parsed;
}

}  // namespace

Status ExecConfig::Set(std::string_view key, std::string_view value) {
  if (key == "execution.batch_size") {
    ASSIGN_OR_RAISE(batch_size, ParsePositive(key, value));
    return Status::OK();
  }
  if (key == "execution.target_partitions") {
    ASSIGN_OR_RAISE(int64_t partitions, ParsePositive(key, value));
    if (partitions > 4096) {
      return Status::InvalidArgument("execution.target_partitions must be at most 4096");
    }
    target_partitions = static_cast<int>(partitions);
    return Status::OK();
  }
  if (key == "execution.spill_compression") {
    ASSIGN_OR_RAISE(spill_compression, arrow::ipc::ParseCompressionType(value));
    return Status::OK();
  }
  return Status::InvalidArgument("unknown configuration key '" + std::string(key) +
                                 "'; known execution keys: execution.batch_size, "
                                 "execution.target_partitions, execution.spill_compression");
}

Status ExecConfig::Validate() const {
  if (batch_size < 1) return Status::InvalidArgument("execution.batch_size must be at least 1");
  if (target_partitions < 1) {
    return Status::InvalidArgument("execution.target_partitions must be at least 1");
  }
  if (result_queue_capacity < 1) {
    return Status::InvalidArgument("result queue capacity must be at least 1");
  }
  if (memory_limit != MemoryPool::kUnlimited && memory_limit < 0) {
    return Status::InvalidArgument("memory limit must be non-negative or unlimited");
  }
  if (work_dir.empty()) return Status::InvalidArgument("work dir must not be empty");
  return Status::OK();
}

int ExecConfig::DefaultTargetPartitions() { return ThreadPool::HardwareConcurrency(); }

std::string ExecConfig::DefaultWorkDir() {
  const char* tmp = std::getenv("TMPDIR");
  return tmp != nullptr && *tmp != '\0' ? std::string(tmp) : std::string("/tmp");
}

int64_t ExecConfig::MemoryShare(int parts) const {
  if (memory_limit == MemoryPool::kUnlimited) return INT64_MAX;
  return std::max<int64_t>(int64_t{64} << 10, memory_limit / std::max(1, parts));
}

}  // namespace ballista::exec
