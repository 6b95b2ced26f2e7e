#pragma once

#include <sstream>
#include <string_view>

namespace ballista {

enum class LogLevel : int { kTrace = 0, kDebug = 1, kInfo = 2, kWarn = 3, kError = 4, kOff = 5 };

/// Parses "trace|debug|info|warn|error|off" (case-insensitive); false when unknown.
bool ParseLogLevel(std::string_view text, LogLevel* out);

/// The process-wide threshold. Starts from the BALLISTA_LOG environment variable (default warn).
/// May be called concurrently.
LogLevel GetLogLevel();
void SetLogLevel(LogLevel level);

namespace internal {
/// Collects one log line and writes it to stderr atomically when destroyed.
class LogMessage {
 public:
  LogMessage(LogLevel level, const char* file, int line);
  ~LogMessage();
  std::ostream& stream() { return stream_; }

 private:
  LogLevel level_;
  std::ostringstream stream_;
};

/// Prints the failed check and aborts: used by DCHECK for invariants that must never break.
[[noreturn]] void CheckFailed(const char* expr, const char* file, int line);
}  // namespace internal

}  // namespace ballista

/// BLOG(kInfo) << "executor " << id << " registered";
#define BLOG(level)                                                        \
  if (::ballista::LogLevel::level < ::ballista::GetLogLevel()) {           \
  } else                                                                   \
    ::ballista::internal::LogMessage(::ballista::LogLevel::level, __FILE__, __LINE__).stream()

/// Always-on invariant check: aborts with the expression and place when false.
#define BALLISTA_CHECK(cond) \
  ((cond) ? (void)0 : ::ballista::internal::CheckFailed(#cond, __FILE__, __LINE__))

#ifdef NDEBUG
#define DCHECK(cond) ((void)sizeof(cond))
#else
#define DCHECK(cond) BALLISTA_CHECK(cond)
#endif
