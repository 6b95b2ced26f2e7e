#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ballista {

/// The whole of `text` as a base-10 integer; nullopt when it is not one or does not fit.
/// Never throws (unlike std::stoll), so user-supplied option values cannot crash a process.
inline std::optional<int64_t> ParseInt64(std::string_view text) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

/// The whole of `text` as a decimal floating-point number; nullopt when it is not one.
inline std::optional<double> ParseDouble(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

}  // namespace ballista
