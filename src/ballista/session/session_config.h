#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ballista/common/result.h"
#include "ballista/exec/exec_config.h"

namespace ballista::session {

/// The settings of a session: what `SET key = value` changes and `SHOW key` reads.
///   execution.*            the execution settings (batch size, target partitions, memory limit,
///                          work dir, spill compression; see exec::ExecConfig)
///   optimizer.enabled      false runs plans as bound (the SQL tests check both ways)
///   optimizer.skip         comma-separated optimizer pass names to leave out
///   ballista.*             distributed settings (DistributedConfig)
/// Names are case-insensitive; a `datafusion.` prefix is accepted for DataFusion users.
/// The `ballista.*` settings: how a cluster runs the session's queries (ignored in-process).
struct DistributedConfig {
  std::string job_name;                     ///< ballista.job.name
  int shuffle_partitions = 0;               ///< ballista.shuffle.partitions (0: target_partitions)
  std::string shuffle_codec = "lz4";        ///< ballista.shuffle.compression.codec: lz4|zstd|none
  /// ballista.shuffle.memory_budget_bytes: encoded shuffle output a task keeps in memory
  /// before it spills to its work dir.
  int64_t shuffle_memory_budget_bytes = 64LL << 20;
  /// ballista.optimizer.broadcast_join_threshold_bytes: an equi-join's build side estimated
  /// (from table statistics) below this is broadcast instead of hash-shuffling both sides; 0
  /// turns broadcasting by size off.
  int64_t broadcast_join_threshold_bytes = 10LL << 20;
  /// ballista.adaptive.broadcast_join_threshold_bytes: an equi-join planned with both sides
  /// hash-shuffled, whose build side was not known to be small, has its probe side wait for the
  /// build side; when the build side's real rows times their width are at most this, the join
  /// runs as a broadcast join and the probe side is not shuffled at all. 0 turns the runtime
  /// switch off.
  int64_t adaptive_broadcast_join_threshold_bytes = 10LL << 20;
  /// ballista.client.proxy_results: the client fetches result partitions through the
  /// scheduler's Flight service instead of from the executors (for clients that can reach only
  /// the scheduler).
  bool proxy_results = false;
  /// ballista.shuffle.coalesce_target_bytes: after a stage's inputs are done, neighbouring hash
  /// partitions whose bytes together stay within this are read by one task; 0: one task per
  /// partition.
  int64_t coalesce_target_bytes = 32LL << 20;
};

/// Plain value; copy freely.
struct SessionConfig {
  exec::ExecConfig exec;
  DistributedConfig dist;
  bool optimizer_enabled = true;
  std::set<std::string> optimizer_skip;

  /// Sets a key from text. InvalidArgument naming the key for an unknown key or a bad value.
  Status Set(std::string_view key, std::string_view value);
  /// The text value of a key; NotFound for an unknown key.
  Result<std::string> Get(std::string_view key) const;
  /// Every key with its value, sorted by key (SHOW ALL, information_schema.df_settings).
  std::vector<std::pair<std::string, std::string>> All() const;
};

}  // namespace ballista::session
