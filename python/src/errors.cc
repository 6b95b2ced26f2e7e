#include "errors.h"

#include <array>
#include <string>

namespace ballista::python {
namespace py = pybind11;

namespace {

struct ErrorClassSpec {
  StatusCode code;
  const char* name;
  PyObject* builtin_base;  ///< a second base class, or null
  const char* doc;
};

constexpr size_t kNumCodes = static_cast<size_t>(StatusCode::kInternal) + 1;

/// The exception class for each status code (index = code); BallistaError at index 0 (kOk never
/// raises). Strong references held for the life of the process.
std::array<PyObject*, kNumCodes> error_classes{};

}  // namespace

void RegisterErrors(py::module_& m) {
  const ErrorClassSpec specs[] = {
      {StatusCode::kSyntaxError, "SqlSyntaxError", PyExc_ValueError, "Malformed SQL text."},
      {StatusCode::kPlanError, "PlanError", PyExc_ValueError,
       "A query that parses but cannot be planned (unknown column or table, ...)."},
      {StatusCode::kTypeError, "SqlTypeError", PyExc_TypeError, "A value or expression of the wrong type."},
      {StatusCode::kIOError, "BallistaIOError", PyExc_OSError, "The file system or network failed."},
      {StatusCode::kInvalidData, "InvalidDataError", nullptr, "A corrupt or malformed file or message."},
      {StatusCode::kNotFound, "NotFoundError", PyExc_LookupError, "A named object does not exist."},
      {StatusCode::kAlreadyExists, "AlreadyExistsError", nullptr, "A named object exists already."},
      {StatusCode::kInvalidArgument, "InvalidArgumentError", PyExc_ValueError,
       "An argument outside its contract (bad option or setting, bad value)."},
      {StatusCode::kExecutionError, "ExecutionError", nullptr,
       "A runtime failure of a valid query (overflow, division by zero, ...)."},
      {StatusCode::kResourcesExhausted, "ResourcesExhaustedError", nullptr, "A memory or disk limit was reached."},
      {StatusCode::kCancelled, "CancelledError", nullptr, "The work was cancelled."},
      {StatusCode::kUnavailable, "UnavailableError", PyExc_ConnectionError,
       "A scheduler or executor cannot be reached."},
      {StatusCode::kUnsupported, "UnsupportedError", PyExc_NotImplementedError,
       "A valid request for a feature the engine does not offer."},
      {StatusCode::kInternal, "InternalError", nullptr, "An engine bug: an internal invariant did not hold."},
  };
  py::object type_type = py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(&PyType_Type));
  auto make_class = [&](const char* name, py::tuple bases, const char* doc) {
    py::dict namespace_dict;
    namespace_dict["__module__"] = "ballista";
    namespace_dict["__doc__"] = doc;
    py::object cls = type_type(name, bases, namespace_dict);
    m.attr(name) = cls;
    return cls;
  };
  py::object base = make_class("BallistaError", py::make_tuple(py::handle(PyExc_Exception)),
                               "Base class of every error the engine reports. str() is the engine's message; "
                               "attributes: code (the error kind), sqlstate, message (without the kind).");
  error_classes[0] = base.inc_ref().ptr();
  for (const auto& spec : specs) {
    py::tuple bases = spec.builtin_base ? py::make_tuple(base, py::handle(spec.builtin_base)) : py::make_tuple(base);
    error_classes[static_cast<size_t>(spec.code)] = make_class(spec.name, bases, spec.doc).inc_ref().ptr();
  }
}

void ThrowIfError(const Status& status) {
  if (status.ok()) {
    return;
  }
  PyObject* cls = error_classes[static_cast<size_t>(status.code())];
  if (cls == nullptr) {
    cls = error_classes[0];
  }
  py::object exception = py::reinterpret_borrow<py::object>(cls)(status.ToString());
  exception.attr("code") = std::string(StatusCodeName(status.code()));
  exception.attr("sqlstate") = std::string(StatusCodeSqlState(status.code()));
  exception.attr("message") = status.message();
  PyErr_SetObject(cls, exception.ptr());
  throw py::error_already_set();
}

}  // namespace ballista::python
