#pragma once

#include <pybind11/pybind11.h>

#include <utility>

namespace ballista::python {

/// Runs `work` with the GIL released (so other Python threads run meanwhile) and returns its
/// result. `work` must not touch Python objects.
template <typename Work>
auto WithoutGil(Work&& work) {
  pybind11::gil_scoped_release release;
  return std::forward<Work>(work)();
}

}  // namespace ballista::python
