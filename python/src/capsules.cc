#include "capsules.h"

#include "ballista/arrow/c_bridge.h"
#include "errors.h"
#include "gil.h"

namespace ballista::python {
namespace py = pybind11;

namespace {

constexpr const char* kSchemaCapsule = "arrow_schema";
constexpr const char* kArrayCapsule = "arrow_array";
constexpr const char* kStreamCapsule = "arrow_array_stream";

template <typename Structure>
void ReleaseCapsule(PyObject* capsule, const char* name) {
  auto* structure = static_cast<Structure*>(PyCapsule_GetPointer(capsule, name));
  if (structure == nullptr) {
    PyErr_WriteUnraisable(capsule);
    return;
  }
  if (structure->release != nullptr) {
    structure->release(structure);
  }
  delete structure;
}

void ReleaseSchemaCapsule(PyObject* capsule) { ReleaseCapsule<ArrowSchema>(capsule, kSchemaCapsule); }
void ReleaseArrayCapsule(PyObject* capsule) { ReleaseCapsule<ArrowArray>(capsule, kArrayCapsule); }
void ReleaseStreamCapsule(PyObject* capsule) { ReleaseCapsule<ArrowArrayStream>(capsule, kStreamCapsule); }

/// Wraps a heap structure (already filled) in a capsule that releases and frees it.
template <typename Structure>
py::capsule MakeCapsule(std::unique_ptr<Structure> structure, const char* name, PyCapsule_Destructor destructor) {
  PyObject* capsule = PyCapsule_New(structure.get(), name, destructor);
  if (capsule == nullptr) {
    if (structure->release != nullptr) {
      structure->release(structure.get());
    }
    throw py::error_already_set();
  }
  structure.release();
  return py::reinterpret_steal<py::capsule>(capsule);
}

/// The structure inside a capsule named `name`, taken from the object the protocol method returned.
template <typename Structure>
Structure* CapsulePointer(const py::handle& capsule, const char* name) {
  auto* structure = static_cast<Structure*>(PyCapsule_GetPointer(capsule.ptr(), name));
  if (structure == nullptr) {
    throw py::error_already_set();
  }
  return structure;
}

}  // namespace

py::capsule ExportSchemaCapsule(const arrow::Schema& schema) {
  auto structure = std::make_unique<ArrowSchema>();
  structure->release = nullptr;
  ThrowIfError(arrow::ExportSchema(schema, structure.get()));
  return MakeCapsule(std::move(structure), kSchemaCapsule, &ReleaseSchemaCapsule);
}

py::tuple ExportBatchCapsules(const arrow::RecordBatch& batch) {
  auto array = std::make_unique<ArrowArray>();
  array->release = nullptr;
  ThrowIfError(arrow::ExportRecordBatch(batch, array.get()));
  py::capsule array_capsule = MakeCapsule(std::move(array), kArrayCapsule, &ReleaseArrayCapsule);
  return py::make_tuple(ExportSchemaCapsule(*batch.schema()), array_capsule);
}

py::capsule ExportStreamCapsule(std::shared_ptr<arrow::RecordBatchReader> reader) {
  auto stream = std::make_unique<ArrowArrayStream>();
  stream->release = nullptr;
  ThrowIfError(arrow::ExportRecordBatchReader(std::move(reader), stream.get()));
  return MakeCapsule(std::move(stream), kStreamCapsule, &ReleaseStreamCapsule);
}

arrow::SchemaPtr ImportSchema(const py::handle& source) {
  py::object capsule = source.attr("__arrow_c_schema__")();
  auto* schema = CapsulePointer<ArrowSchema>(capsule, kSchemaCapsule);
  // ImportSchema moves the structure out (marks it released); the capsule then only frees it.
  return ValueOrThrow(arrow::ImportSchema(schema));
}

std::pair<arrow::SchemaPtr, std::vector<arrow::RecordBatchPtr>> ImportTabular(const py::handle& source) {
  if (py::hasattr(source, "__arrow_c_stream__")) {
    py::object capsule = source.attr("__arrow_c_stream__")();
    auto* stream = CapsulePointer<ArrowArrayStream>(capsule, kStreamCapsule);
    auto reader = ValueOrThrow(arrow::ImportRecordBatchReader(stream));
    // A producer that needs the GIL takes it itself, as the C stream protocol requires.
    auto batches = WithoutGil([&] { return reader->ReadAll(); });
    return {reader->schema(), ValueOrThrow(std::move(batches))};
  }
  std::vector<py::object> items;
  if (py::hasattr(source, "__arrow_c_array__")) {
    items.push_back(py::reinterpret_borrow<py::object>(source));
  } else if (py::isinstance<py::list>(source) || py::isinstance<py::tuple>(source)) {
    for (const auto& item : source) {
      items.push_back(py::reinterpret_borrow<py::object>(item));
    }
  } else {
    throw py::type_error("expected an object with __arrow_c_stream__ or __arrow_c_array__, or a list of them");
  }
  if (items.empty()) {
    throw py::value_error("cannot import an empty list of batches: its schema is unknown");
  }
  arrow::SchemaPtr schema;
  std::vector<arrow::RecordBatchPtr> batches;
  for (const auto& item : items) {
    py::tuple capsules = item.attr("__arrow_c_array__")();
    if (capsules.size() != 2) {
      throw py::value_error("__arrow_c_array__ must return (schema capsule, array capsule)");
    }
    auto* schema_structure = CapsulePointer<ArrowSchema>(capsules[0], kSchemaCapsule);
    auto* array_structure = CapsulePointer<ArrowArray>(capsules[1], kArrayCapsule);
    auto batch_schema = ValueOrThrow(arrow::ImportSchema(schema_structure));
    auto batch = ValueOrThrow(arrow::ImportRecordBatch(array_structure, batch_schema));
    if (schema == nullptr) {
      schema = batch_schema;
    } else if (!schema->Equals(*batch_schema)) {
      throw py::value_error("the batches do not share one schema");
    }
    batches.push_back(std::move(batch));
  }
  return {schema, std::move(batches)};
}

}  // namespace ballista::python
