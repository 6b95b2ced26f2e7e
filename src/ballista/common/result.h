#pragma once

#include <cstdlib>
#include <optional>
#include <utility>

#include "ballista/common/status.h"

namespace ballista {

/// Either a value of type T or an error Status. Constructing a Result from an OK status is a bug
/// and becomes an internal error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(const T& value) : value_(value) {}  // NOLINT(google-explicit-constructor)
  Result(T&& value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  template <typename U,
            typename = std::enable_if_t<std::is_convertible_v<U&&, T> &&
                                        !std::is_same_v<std::decay_t<U>, Status> &&
                                        !std::is_same_v<std::decay_t<U>, Result<T>>>>
  Result(U&& value) : value_(T(std::forward<U>(value))) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (status_.ok()) status_ = Status::Internal("Result constructed from an OK status");
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  /// The value; only valid when ok().
  const T& ValueOrDie() const& { return *value_; }
  T& ValueOrDie() & { return *value_; }
  T&& ValueOrDie() && { return std::move(*value_); }
  const T& operator*() const& { return *value_; }
  T& operator*() & { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }

  /// Moves the value out; only valid when ok().
  T MoveValueUnsafe() { return std::move(*value_); }

  T ValueOr(T alternative) && { return ok() ? std::move(*value_) : std::move(alternative); }

 private:
  Status status_;
  std::optional<T> value_;
};

namespace internal {
inline const Status& GenericToStatus(const Status& s) { return s; }
template <typename T>
const Status& GenericToStatus(const Result<T>& r) { return r.status(); }
}  // namespace internal

}  // namespace ballista

#define BALLISTA_CONCAT_INNER(a, b) a##b
#define BALLISTA_CONCAT(a, b) BALLISTA_CONCAT_INNER(a, b)

/// Returns the error of a Status or Result expression from the enclosing function.
#define RETURN_NOT_OK(expr)                                                              \
  do {                                                                                   \
    /* Copied (free when OK) so that a Status inside a temporary Result cannot dangle. */ \
    ::ballista::Status _ballista_st = ::ballista::internal::GenericToStatus((expr));     \
    if (!_ballista_st.ok()) return _ballista_st;                                         \
  } while (false)

#define BALLISTA_ASSIGN_OR_RAISE_IMPL(result_name, lhs, rexpr) \
  auto result_name = (rexpr);                                  \
  if (!result_name.ok()) return result_name.status();          \
  lhs = std::move(result_name).MoveValueUnsafe();

/// `ASSIGN_OR_RAISE(auto x, MakeX())`: declares/assigns the value or returns the error.
#define ASSIGN_OR_RAISE(lhs, rexpr) \
  BALLISTA_ASSIGN_OR_RAISE_IMPL(BALLISTA_CONCAT(_ballista_result_, __COUNTER__), lhs, rexpr)

/// Returns `Status::Invalid...`-style errors concisely: RETURN_IF(cond, Status::X("..."))
#define RETURN_IF(cond, status) \
  do {                          \
    if (cond) return (status);  \
  } while (false)
