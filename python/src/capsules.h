#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/record_batch_reader.h"
#include "ballista/arrow/type.h"

namespace ballista::python {

/// The Arrow PyCapsule interface (https://arrow.apache.org/docs/format/CDataInterface/PyCapsuleInterface.html):
/// C data structures handed to other Arrow libraries in the same process (pyarrow, polars, DuckDB)
/// inside PyCapsules named "arrow_schema", "arrow_array" and "arrow_array_stream". Each capsule
/// owns a heap structure; its destructor calls the structure's release callback unless a consumer
/// has moved it out (release set to null), then frees it. Buffers are shared, never copied.
/// Errors raise BallistaError. All functions require the GIL.

/// An "arrow_schema" capsule describing `schema` (a struct whose children are the fields).
pybind11::capsule ExportSchemaCapsule(const arrow::Schema& schema);

/// ("arrow_schema", "arrow_array") capsules for `batch`, exported as a struct array.
pybind11::tuple ExportBatchCapsules(const arrow::RecordBatch& batch);

/// An "arrow_array_stream" capsule that owns `reader` until the consumer releases the stream.
pybind11::capsule ExportStreamCapsule(std::shared_ptr<arrow::RecordBatchReader> reader);

/// The schema behind an object with `__arrow_c_schema__`.
arrow::SchemaPtr ImportSchema(const pybind11::handle& source);

/// Reads an Arrow tabular object from another library into batches: an object with
/// `__arrow_c_stream__` (read to the end with the GIL released), one with `__arrow_c_array__`
/// (a struct array: one batch), or a list of the latter. Returns the schema and the batches.
std::pair<arrow::SchemaPtr, std::vector<arrow::RecordBatchPtr>> ImportTabular(const pybind11::handle& source);

}  // namespace ballista::python
