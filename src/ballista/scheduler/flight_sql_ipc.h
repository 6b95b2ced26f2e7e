#pragma once
// Arrow IPC as Arrow Flight carries it, for the scheduler's Flight SQL service: schemas as the
// IPC-encapsulated bytes that FlightInfo.schema and the prepared-statement results hold, record
// batch streams as one FlightData per IPC message, and DoPut uploads decoded back to batches.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>
#include <vector>

#include "ballista/arrow/record_batch_reader.h"
#include "ballista/common/result.h"
#include "proto/flight.grpc.pb.h"

namespace ballista::scheduler {

/// `schema` as an encapsulated IPC Schema message (continuation marker, length, flatbuffer,
/// padding): the form of FlightInfo.schema, SchemaResult.schema and the Flight SQL schema fields.
Result<std::string> SchemaToIpcBytes(const arrow::Schema& schema);

/// A standard-type copy of `batch`'s columns where the engine keeps a layout that not every
/// Flight client reads (Utf8View as Utf8, Decimal32/64 as Decimal128). Other columns are shared.
Result<arrow::RecordBatchPtr> ToClientTypes(const arrow::RecordBatchPtr& batch);
/// The schema ToClientTypes' batches have.
arrow::SchemaPtr ToClientTypes(const arrow::SchemaPtr& schema);

/// Sends the schema, then every batch of `reader` (relabelled to `schema`, whose types must
/// match the reader's after ToClientTypes), as FlightData messages. Stops with CANCELLED when
/// the client goes away. Single-threaded (one call's writer).
Status StreamBatches(const arrow::SchemaPtr& schema, arrow::RecordBatchReader* reader,
                     grpc::ServerWriter<::arrow::flight::protocol::FlightData>* writer);

/// The same without type conversion: `reader`'s schema and batches exactly as they are (for
/// this engine's own clients, which read every type it writes).
Status StreamBatchesAsIs(arrow::RecordBatchReader* reader,
                         grpc::ServerWriter<::arrow::flight::protocol::FlightData>* writer);

/// Reads the record batches of a DoPut upload whose first message has already been read into
/// `first` (it carries the descriptor, and the schema when the client sent one). An upload
/// without any IPC message has no schema and no batches. Single-threaded.
Result<std::vector<arrow::RecordBatchPtr>> ReadUploadedBatches(
    const ::arrow::flight::protocol::FlightData& first,
    grpc::ServerReaderWriter<::arrow::flight::protocol::PutResult,
                             ::arrow::flight::protocol::FlightData>* stream,
    arrow::SchemaPtr* schema);

}  // namespace ballista::scheduler
