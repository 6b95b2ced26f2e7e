#pragma once

#include <memory>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/c_data.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/record_batch_reader.h"
#include "ballista/arrow/type.h"
#include "ballista/common/result.h"

/// The bridge between this engine's Arrow structures and the Arrow C data / C stream interfaces,
/// so that batches cross into and out of other Arrow implementations in the same process
/// (pyarrow, DuckDB, nanoarrow, arrow-rs) without a copy.
///
/// Export: the output structure is filled only on success (on error it is left untouched); the
/// exported structure keeps the exported objects alive through `private_data` and its `release`
/// callback frees everything, children and dictionary included. Buffers are shared, never copied.
///
/// Import: the input structure is *moved* (marked released, its release callback not called) as
/// soon as the call starts, whether the import succeeds or fails; the caller must not release it
/// again. Imported arrays wrap the foreign memory: the producer's release callback runs when the
/// last Buffer referring to it is destroyed, from whichever thread drops it.
///
/// All functions are reentrant; a single structure must not be used from two threads at once.
namespace ballista::arrow {

// ---- Export ----

/// Describes `type` as an unnamed, nullable ArrowSchema ("i", "d:15,2", "+l", ...).
Status ExportType(const DataType& type, ArrowSchema* out);

/// Describes `field`: its name, nullability (ARROW_FLAG_NULLABLE), metadata and type.
Status ExportField(const Field& field, ArrowSchema* out);

/// Describes `schema` as a struct ("+s") whose children are the fields; schema metadata goes on
/// the top-level structure.
Status ExportSchema(const Schema& schema, ArrowSchema* out);

/// Exports `data` zero-copy into `out`, and its type into `out_schema` unless that is null.
/// `data` must follow the buffer layout of ArrayData (checked: a wrong buffer or child count is
/// an InvalidArgument error). View types get the extra buffer of variadic buffer sizes that the
/// C interface requires.
Status ExportArray(const std::shared_ptr<ArrayData>& data, ArrowArray* out,
                   ArrowSchema* out_schema = nullptr);

/// Exports `batch` as a struct array without nulls whose children are the columns, and its schema
/// into `out_schema` unless that is null.
Status ExportRecordBatch(const RecordBatch& batch, ArrowArray* out,
                         ArrowSchema* out_schema = nullptr);

// ---- Import ----

/// The type described by `schema` (the top-level name, flags and metadata are ignored except for
/// the dictionary-ordered and map-keys-sorted flags). Consumes `schema`. Unsupported format strings
/// (unions, run-end encoding, list views) give Unsupported; malformed ones InvalidArgument.
Result<DataTypePtr> ImportType(ArrowSchema* schema);

/// The field described by `schema`: name, nullability, metadata and type. Consumes `schema`.
Result<FieldPtr> ImportField(ArrowSchema* schema);

/// The schema described by a struct ("+s") `schema`; its metadata becomes the schema metadata.
/// Consumes `schema`.
Result<SchemaPtr> ImportSchema(ArrowSchema* schema);

/// Imports an array of the known `type`, zero-copy. Consumes `array`. The structure is validated
/// (buffer and child counts, lengths, offsets, missing buffers, dictionary presence) and buffer
/// sizes are derived from the type, length and offset; for offset-based types the last offset
/// sizes the data buffer and for view types the trailing sizes buffer sizes the variadic buffers.
/// The contents of the buffers (each offset, each view) are not validated.
Result<std::shared_ptr<ArrayData>> ImportArray(ArrowArray* array, const DataTypePtr& type);

/// Imports the type from `schema`, then the array. Consumes both, also on failure.
Result<std::shared_ptr<ArrayData>> ImportArray(ArrowArray* array, ArrowSchema* schema);

/// Imports a struct array without top-level nulls as a batch of `schema`. Consumes `array`.
Result<std::shared_ptr<RecordBatch>> ImportRecordBatch(ArrowArray* array, SchemaPtr schema);

/// Imports the schema from `schema`, then the batch. Consumes both, also on failure.
Result<std::shared_ptr<RecordBatch>> ImportRecordBatch(ArrowArray* array, ArrowSchema* schema);

// ---- Streams ----

/// Exposes `reader` as a C stream. get_schema exports reader->schema(); get_next exports the next
/// batch (or marks `out` released at the end); a failure returns an errno-style code (EINVAL for
/// invalid input and unsupported features, ENOMEM for exhausted resources, ECANCELED, EIO
/// otherwise) and get_last_error returns the failed Status text until the next call. The stream
/// owns `reader` until its release callback runs. Callbacks must be serialized, per the spec.
Status ExportRecordBatchReader(std::shared_ptr<RecordBatchReader> reader, ArrowArrayStream* out);

/// Wraps a C stream as a reader. Consumes `stream` (released when the reader is destroyed). The
/// schema is fetched once, here; a producer error is returned with the producer's own message
/// from get_last_error. The reader is not thread-safe.
Result<std::shared_ptr<RecordBatchReader>> ImportRecordBatchReader(ArrowArrayStream* stream);

// ---- Helpers shared by the export and import halves ----

/// The C interface format string of `type` ("tsu:UTC", "w:16", "+m"; the index format for a
/// dictionary).
std::string FormatString(const DataType& type);

}  // namespace ballista::arrow
