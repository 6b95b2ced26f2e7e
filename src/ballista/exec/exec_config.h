#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ballista/arrow/ipc/compression.h"
#include "ballista/common/memory_pool.h"
#include "ballista/common/status.h"

namespace ballista::exec {

/// Settings of one execution. Plain value; copy freely. The `execution.*` keys are what users set
/// with `SET key = value`; the others come from the runtime (session or executor flags).
struct ExecConfig {
  /// `execution.batch_size`: rows per batch that sources and operators aim for.
  int64_t batch_size = 8192;
  /// `execution.target_partitions`: the most threads (tasks) one pipeline runs on; by default
  /// the number of cores.
  int target_partitions = DefaultTargetPartitions();
  /// `execution.spill_compression`: IPC body codec of spill files (none, lz4_frame, zstd).
  arrow::ipc::CompressionType spill_compression = arrow::ipc::CompressionType::kNone;
  /// Batches the query result may hold before producers block (backpressure on the caller).
  int result_queue_capacity = 16;
  /// Bytes the execution may reserve in all; MemoryPool::kUnlimited for no limit.
  int64_t memory_limit = MemoryPool::kUnlimited;
  /// Where spill files go (a per-execution directory is made inside).
  std::string work_dir = DefaultWorkDir();

  /// Sets one `execution.*` key from its text form. InvalidArgument for an unknown key (naming
  /// the known ones) or a bad value.
  Status Set(std::string_view key, std::string_view value);

  /// The bytes one of `parts` equal shares of `memory_limit` gets (at least 64 KiB), or
  /// INT64_MAX without a limit: how much a spilling operator (or one task of it) holds before it
  /// spills, leaving the rest of the limit to the copies its spilling makes and to the others.
  int64_t MemoryShare(int parts) const;

  /// Checks the ranges (batch size and partitions at least 1, ...).
  Status Validate() const;

  static int DefaultTargetPartitions();
  /// $TMPDIR, else /tmp.
  static std::string DefaultWorkDir();
};

}  // namespace ballista::exec
