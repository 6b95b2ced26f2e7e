#pragma once

#include <pybind11/pybind11.h>

#include <utility>

#include "ballista/common/result.h"
#include "ballista/common/status.h"

namespace ballista::python {

/// Creates the exception classes on module `m`: BallistaError (the base of every engine error)
/// and one subclass per status code, each also deriving from the closest built-in exception
/// (PlanError from ValueError, NotFoundError from LookupError, ...). Call once, at import.
void RegisterErrors(pybind11::module_& m);

/// Raises the Python exception for a failed `status` (a C++ pybind11::error_already_set carrying
/// it); does nothing for OK. The exception's str() is the engine's message with its kind
/// ("Plan error: ..."); it also has `code` (the kind's name), `sqlstate` and `message` (the text
/// without the kind) attributes. Requires the GIL.
void ThrowIfError(const Status& status);

/// The value of `result`, or raises its error as ThrowIfError does.
template <typename T>
T ValueOrThrow(Result<T> result) {
  if (!result.ok()) {
    ThrowIfError(result.status());
  }
  return std::move(result).ValueOrDie();
}

}  // namespace ballista::python
