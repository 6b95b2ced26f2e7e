#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace ballista {

/// The kind of an error. User errors (syntax .. cancelled) are caused by the query, its data or its
/// environment; kInternal is a bug in the engine. Each kind maps to a gRPC code and a SQLSTATE.
enum class StatusCode : int8_t {
  kOk = 0,
  kSyntaxError,         ///< malformed SQL text
  kPlanError,           ///< a query that parses but cannot be planned (unknown column, ...)
  kTypeError,           ///< a value or expression of the wrong type
  kIOError,             ///< the file system or network failed
  kInvalidData,         ///< a corrupt or malformed file, message or buffer
  kNotFound,            ///< a named object does not exist
  kAlreadyExists,       ///< a named object exists already
  kInvalidArgument,     ///< an argument outside its contract (bad option, bad value)
  kExecutionError,      ///< a runtime failure of a valid query (overflow, division by zero)
  kResourcesExhausted,  ///< a memory or disk limit was reached
  kCancelled,           ///< the work was cancelled by its owner
  kUnavailable,         ///< a peer (executor, scheduler) cannot be reached
  kUnsupported,         ///< a valid request for a feature this engine does not offer
  kInternal,            ///< an engine bug: an invariant did not hold
};

/// Human-readable name of a status code ("Syntax error", "IO error", ...).
std::string_view StatusCodeName(StatusCode code);

/// Five-character SQLSTATE for a status code (e.g. "42601" for a syntax error).
std::string_view StatusCodeSqlState(StatusCode code);

/// gRPC status code number (grpc::StatusCode value) for a status code.
int StatusCodeToGrpc(StatusCode code);

/// The outcome of an operation: OK, or an error kind with a message. OK costs one null pointer,
/// so returning Status on hot paths is cheap. Thread-compatible (immutable once built).
class [[nodiscard]] Status {
 public:
  Status() noexcept = default;
  Status(StatusCode code, std::string message);
  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status OK() { return Status(); }
  static Status SyntaxError(std::string msg) { return Status(StatusCode::kSyntaxError, std::move(msg)); }
  static Status PlanError(std::string msg) { return Status(StatusCode::kPlanError, std::move(msg)); }
  static Status TypeError(std::string msg) { return Status(StatusCode::kTypeError, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(StatusCode::kIOError, std::move(msg)); }
  static Status InvalidData(std::string msg) { return Status(StatusCode::kInvalidData, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(StatusCode::kNotFound, std::move(msg)); }
  static Status AlreadyExists(std::string msg) { return Status(StatusCode::kAlreadyExists, std::move(msg)); }
  static Status InvalidArgument(std::string msg) { return Status(StatusCode::kInvalidArgument, std::move(msg)); }
  static Status ExecutionError(std::string msg) { return Status(StatusCode::kExecutionError, std::move(msg)); }
  static Status ResourcesExhausted(std::string msg) { return Status(StatusCode::kResourcesExhausted, std::move(msg)); }
  static Status Cancelled(std::string msg) { return Status(StatusCode::kCancelled, std::move(msg)); }
  static Status Unavailable(std::string msg) { return Status(StatusCode::kUnavailable, std::move(msg)); }
  static Status Unsupported(std::string msg) { return Status(StatusCode::kUnsupported, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(StatusCode::kInternal, std::move(msg)); }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return ok() ? StatusCode::kOk : state_->code; }
  /// The message without the kind prefix; empty when OK.
  const std::string& message() const;
  /// True for errors caused by the query or its inputs rather than by an engine bug.
  bool IsUserError() const { return !ok() && code() != StatusCode::kInternal; }

  /// "Syntax error: line 1, column 8: expected ')'"; "OK" when OK.
  std::string ToString() const;

  /// Returns a copy whose message is prefixed with `context` and ": " (the place the error
  /// happened: a file name, a column). OK stays OK.
  Status WithContext(std::string_view context) const;

 private:
  struct State {
    StatusCode code;
    std::string message;
  };
  std::unique_ptr<State> state_;
};

std::ostream& operator<<(std::ostream& os, const Status& status);

}  // namespace ballista
