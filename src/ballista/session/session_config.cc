#include "ballista/common/parse_number.h"
#include "ballista/session/session_config.h"

#include "ballista/common/ascii.h"

#include <algorithm>
#include <cctype>

namespace ballista::session {
namespace {

std::string Normalize(std::string_view key) {
  std::string out = AsciiLower(key);
  constexpr std::string_view kPrefix = "datafusion.";
  if (out.rfind(kPrefix, 0) == 0) out = out.substr(kPrefix.size());
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

Result<bool> ParseBool(std::string_view key, std::string_view value) {
  std::string v = Normalize(value);
  if (v == "true" || v == "on" || v == "1") return true;
  if (v == "false" || v == "off" || v == "0") return false;
  return Status::InvalidArgument("setting " + std::string(key) + " takes true or false, not '" +
                                 std::string(value) + "'");
}

/// "unlimited", a byte count, or a number with KB/MB/GB/TB (powers of 1024; B and iB accepted).
Result<int64_t> ParseMemoryLimit(std::string_view text) {
  std::string v = Normalize(Trim(text));
  if (v == "unlimited" || v == "0") return MemoryPool::kUnlimited;
  size_t digits = 0;
  while (digits < v.size() && (std::isdigit(static_cast<unsigned char>(v[digits])) || v[digits] == '.')) ++digits;
  if (digits == 0) {
    return Status::InvalidArgument("execution.memory_limit takes a size like 512MB or unlimited, not '" +
                                   std::string(text) + "'");
  }
  auto parsed = ParseDouble(std::string_view(v).substr(0, digits));
  if (!parsed) {
    return Status::InvalidArgument("execution.memory_limit takes a size like 512MB or unlimited, not '" +
                                   std::string(text) + "'");
  }
  double number = *parsed;
  std::string unit = Trim(v.substr(digits));
  double scale = 1;
  if (unit.empty() || unit == "b") {
    scale = 1;
  } else if (unit == "k" || unit == "kb" || unit == "kib") {
    scale = 1024.0;
  } else if (unit == "m" || unit == "mb" || unit == "mib") {
    scale = 1024.0 * 1024;
  } else if (unit == "g" || unit == "gb" || unit == "gib") {
    scale = 1024.0 * 1024 * 1024;
  } else if (unit == "t" || unit == "tb" || unit == "tib") {
    scale = 1024.0 * 1024 * 1024 * 1024;
  } else {
    return Status::InvalidArgument("execution.memory_limit: unknown unit '" + unit + "'");
  }
  return static_cast<int64_t>(number * scale);
}

std::string CompressionName(arrow::ipc::CompressionType type) {
  switch (type) {
    case arrow::ipc::CompressionType::kLz4Frame:
      return "lz4_frame";
    case arrow::ipc::CompressionType::kZstd:
      return "zstd";
    default:
      return "none";
  }
}

}  // namespace

Status SessionConfig::Set(std::string_view raw_key, std::string_view value) {
  std::string key = Normalize(raw_key);
  if (key == "execution.memory_limit") {
    ASSIGN_OR_RAISE(exec.memory_limit, ParseMemoryLimit(value));
    return Status::OK();
  }
  if (key == "execution.work_dir") {
    std::string dir = Trim(value);
    if (dir.empty()) return Status::InvalidArgument("execution.work_dir must not be empty");
    exec.work_dir = dir;
    return Status::OK();
  }
  if (key.rfind("execution.", 0) == 0) {
    exec::ExecConfig next = exec;
    RETURN_NOT_OK(next.Set(key, value));
    RETURN_NOT_OK(next.Validate());
    exec = next;
    return Status::OK();
  }
  if (key == "optimizer.enabled") {
    ASSIGN_OR_RAISE(optimizer_enabled, ParseBool(key, value));
    return Status::OK();
  }
  if (key == "optimizer.skip") {
    std::set<std::string> names;
    std::string_view rest = value;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string name = Trim(rest.substr(0, comma));
      if (!name.empty()) names.insert(name);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    optimizer_skip = std::move(names);
    return Status::OK();
  }
  if (key.rfind("ballista.", 0) == 0) {
    std::string text = Trim(value);
    auto parse_int = [&](int64_t min) -> Result<int64_t> {
      char* end = nullptr;
      long long v = std::strtoll(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || v < min) {
        return Status::InvalidArgument(key + " takes an integer of at least " + std::to_string(min) + ", not '" +
                                       text + "'");
      }
      return static_cast<int64_t>(v);
    };
    if (key == "ballista.job.name") {
      dist.job_name = text;
      return Status::OK();
    }
    if (key == "ballista.shuffle.partitions") {
      ASSIGN_OR_RAISE(auto v, parse_int(0));
      if (v > 100000) return Status::InvalidArgument("ballista.shuffle.partitions is at most 100000");
      dist.shuffle_partitions = static_cast<int>(v);
      return Status::OK();
    }
    if (key == "ballista.shuffle.compression.codec") {
      std::string codec;
      for (char c : text) codec += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (codec == "lz4_frame") codec = "lz4";
      if (codec != "lz4" && codec != "zstd" && codec != "none") {
        return Status::InvalidArgument("ballista.shuffle.compression.codec is lz4, zstd or none, not '" + text + "'");
      }
      dist.shuffle_codec = codec;
      return Status::OK();
    }
    if (key == "ballista.shuffle.memory_budget_bytes") {
      ASSIGN_OR_RAISE(dist.shuffle_memory_budget_bytes, parse_int(0));
      return Status::OK();
    }
    if (key == "ballista.shuffle.coalesce_target_bytes") {
      ASSIGN_OR_RAISE(dist.coalesce_target_bytes, parse_int(0));
      return Status::OK();
    }
    if (key == "ballista.client.proxy_results") {
      std::string v;
      for (char c : text) v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (v != "true" && v != "false") {
        return Status::InvalidArgument("ballista.client.proxy_results is true or false, not '" + text + "'");
      }
      dist.proxy_results = v == "true";
      return Status::OK();
    }
    if (key == "ballista.optimizer.broadcast_join_threshold_bytes") {
      ASSIGN_OR_RAISE(dist.broadcast_join_threshold_bytes, parse_int(0));
      return Status::OK();
    }
    if (key == "ballista.adaptive.broadcast_join_threshold_bytes") {
      ASSIGN_OR_RAISE(dist.adaptive_broadcast_join_threshold_bytes, parse_int(0));
      return Status::OK();
    }
  }
  std::string known;
  for (const auto& [k, _] : All()) known += (known.empty() ? "" : ", ") + k;
  return Status::InvalidArgument("unknown setting \"" + std::string(raw_key) + "\"; settings are " + known);
}

std::vector<std::pair<std::string, std::string>> SessionConfig::All() const {
  std::string skip;
  for (const auto& s : optimizer_skip) skip += (skip.empty() ? "" : ",") + s;
  std::vector<std::pair<std::string, std::string>> out = {
      {"execution.batch_size", std::to_string(exec.batch_size)},
      {"execution.memory_limit",
       exec.memory_limit == MemoryPool::kUnlimited ? "unlimited" : std::to_string(exec.memory_limit)},
      {"execution.spill_compression", CompressionName(exec.spill_compression)},
      {"execution.target_partitions", std::to_string(exec.target_partitions)},
      {"execution.work_dir", exec.work_dir},
      {"optimizer.enabled", optimizer_enabled ? "true" : "false"},
      {"optimizer.skip", skip},
      {"ballista.job.name", dist.job_name},
      {"ballista.shuffle.partitions", std::to_string(dist.shuffle_partitions)},
      {"ballista.shuffle.compression.codec", dist.shuffle_codec},
      {"ballista.shuffle.memory_budget_bytes", std::to_string(dist.shuffle_memory_budget_bytes)},
      {"ballista.optimizer.broadcast_join_threshold_bytes", std::to_string(dist.broadcast_join_threshold_bytes)},
      {"ballista.adaptive.broadcast_join_threshold_bytes",
       std::to_string(dist.adaptive_broadcast_join_threshold_bytes)},
      {"ballista.client.proxy_results", dist.proxy_results ? "true" : "false"},
      {"ballista.shuffle.coalesce_target_bytes", std::to_string(dist.coalesce_target_bytes)},
  };
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::string> SessionConfig::Get(std::string_view raw_key) const {
  std::string key = Normalize(raw_key);
  for (const auto& [k, v] : All()) {
    if (k == key) return v;
  }
  return Status::NotFound("unknown setting \"" + std::string(raw_key) + "\"");
}

}  // namespace ballista::session
