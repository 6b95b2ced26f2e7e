#include "ballista/common/logging.h"

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>

namespace ballista {
namespace {

LogLevel InitialLevel() {
  LogLevel level = LogLevel::kWarn;
  if (const char* env = std::getenv("BALLISTA_LOG")) ParseLogLevel(env, &level);
  return level;
}

std::atomic<int>& LevelStorage() {
  static std::atomic<int> level{static_cast<int>(InitialLevel())};
  return level;
}

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace: return "TRACE";
    case LogLevel::kDebug: return "DEBUG";
    case LogLevel::kInfo: return "INFO";
    case LogLevel::kWarn: return "WARN";
    case LogLevel::kError: return "ERROR";
    case LogLevel::kOff: return "OFF";
  }
  return "?";
}

}  // namespace

bool ParseLogLevel(std::string_view text, LogLevel* out) {
  std::string lower;
  for (char c : text) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower == "trace") *out = LogLevel::kTrace;
  else if (lower == "debug") *out = LogLevel::kDebug;
  else if (lower == "info") *out = LogLevel::kInfo;
  else if (lower == "warn" || lower == "warning") *out = LogLevel::kWarn;
  else if (lower == "error") *out = LogLevel::kError;
  else if (lower == "off") *out = LogLevel::kOff;
  else return false;
  return true;
}

LogLevel GetLogLevel() { return static_cast<LogLevel>(LevelStorage().load(std::memory_order_relaxed)); }

void SetLogLevel(LogLevel level) { LevelStorage().store(static_cast<int>(level)); }

namespace internal {

LogMessage::LogMessage(LogLevel level, const char* file, int line) : level_(level) {
  auto now = std::chrono::system_clock::now();
  std::time_t secs = std::chrono::system_clock::to_time_t(now);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm_utc{};
  gmtime_r(&secs, &tm_utc);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm_utc);
  std::string_view path(file);
  auto slash = path.rfind('/');
  if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
  char ms[8];
  std::snprintf(ms, sizeof(ms), ".%03dZ", static_cast<int>(millis));
  stream_ << stamp << ms << ' ' << LevelName(level_) << ' ' << path << ':' << line << "] ";
}

LogMessage::~LogMessage() {
  stream_ << '\n';
  std::string line = stream_.str();
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void CheckFailed(const char* expr, const char* file, int line) {
  std::fprintf(stderr, "Check failed: %s at %s:%d\n", expr, file, line);
  std::abort();
}

}  // namespace internal
}  // namespace ballista
