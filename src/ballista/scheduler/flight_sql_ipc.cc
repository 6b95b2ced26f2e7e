#include "ballista/scheduler/flight_sql_ipc.h"

#include "ballista/arrow/ipc/decoder.h"
#include "ballista/arrow/ipc/io.h"
#include "ballista/arrow/ipc/payload.h"
#include "ballista/arrow/ipc/writer.h"
#include "ballista/compute/cast.h"

namespace ballista::scheduler {
namespace fp = ::arrow::flight::protocol;

namespace {

/// The standard type a client receives for an engine type, or null when it is already standard.
arrow::DataTypePtr ClientType(const arrow::DataTypePtr& type) {
  switch (type->id()) {
    case arrow::TypeId::kUtf8View:
      return arrow::Utf8();
    case arrow::TypeId::kBinaryView:
      return arrow::Binary();
    case arrow::TypeId::kDecimal32:
    case arrow::TypeId::kDecimal64:
      return arrow::Decimal128(type->precision(), type->scale());
    default:
      return nullptr;
  }
}

/// Hands each IPC message of a stream to gRPC as one FlightData: header = the flatbuffer,
/// body = the body buffers, each padded as the stream format pads it.
class FlightDataSink final : public arrow::ipc::IpcPayloadSink {
 public:
  explicit FlightDataSink(grpc::ServerWriter<fp::FlightData>* writer) : writer_(writer) {}

  Status WritePayload(const arrow::ipc::IpcPayload& payload) override {
    fp::FlightData data;
    data.set_data_header(payload.metadata->data(), static_cast<size_t>(payload.metadata->size()));
    std::string* body = data.mutable_data_body();
    body->reserve(static_cast<size_t>(payload.body_length));
    for (const auto& buffer : payload.body_buffers) {
      int64_t size = buffer ? buffer->size() : 0;
      if (size > 0)
        body->append(reinterpret_cast<const char*>(buffer->data()), static_cast<size_t>(size));
      int64_t padded = (size + payload.alignment - 1) / payload.alignment * payload.alignment;
      body->append(static_cast<size_t>(padded - size), '\0');
    }
    if (!writer_->Write(data)) return Status::Cancelled("the Flight client went away");
    return Status::OK();
  }

 private:
  grpc::ServerWriter<fp::FlightData>* writer_;
};

}  // namespace

Result<std::string> SchemaToIpcBytes(const arrow::Schema& schema) {
  ASSIGN_OR_RAISE(auto payload, arrow::ipc::GetSchemaPayload(schema));
  arrow::ipc::BufferOutputStream out;
  RETURN_NOT_OK(arrow::ipc::WritePayload(payload, &out, nullptr));
  ASSIGN_OR_RAISE(auto buffer, out.Finish());
  return std::string(reinterpret_cast<const char*>(buffer->data()),
                     static_cast<size_t>(buffer->size()));
}

arrow::SchemaPtr ToClientTypes(const arrow::SchemaPtr& schema) {
  arrow::FieldVector fields;
  bool changed = false;
  for (const auto& field : schema->fields()) {
    if (auto type = ClientType(field->type())) {
      fields.push_back(arrow::MakeField(field->name(), type, field->nullable(), field->metadata()));
      changed = true;
    } else {
      fields.push_back(field);
    }
  }
  return changed ? arrow::MakeSchema(std::move(fields), schema->metadata()) : schema;
}

Result<arrow::RecordBatchPtr> ToClientTypes(const arrow::RecordBatchPtr& batch) {
  std::vector<arrow::ArrayDataPtr> columns = batch->columns();
  bool changed = false;
  for (auto& column : columns) {
    if (auto type = ClientType(column->type)) {
      ASSIGN_OR_RAISE(column, compute::CastArray(column, type));
      changed = true;
    }
  }
  if (!changed) return batch;
  return std::make_shared<arrow::RecordBatch>(ToClientTypes(batch->schema()), batch->num_rows(),
                                              std::move(columns));
}

Status StreamBatches(const arrow::SchemaPtr& schema, arrow::RecordBatchReader* reader,
                     grpc::ServerWriter<fp::FlightData>* writer) {
  FlightDataSink sink(writer);
  ASSIGN_OR_RAISE(auto ipc, arrow::ipc::MakePayloadWriter(&sink, schema));
  if (reader != nullptr) {
    while (true) {
      ASSIGN_OR_RAISE(auto batch, reader->Next());
      if (!batch) {
        break;
      }
      if (batch->num_rows() == 0) {
        continue;
      }
      ASSIGN_OR_RAISE(batch, ToClientTypes(batch));
      // The stage's column names are the plan's; the client sees the names it asked for.
      RETURN_NOT_OK(
          ipc->WriteRecordBatch(arrow::RecordBatch(schema, batch->num_rows(), batch->columns())));
    }
  }
  return ipc->Close();
}

Status StreamBatchesAsIs(arrow::RecordBatchReader* reader, grpc::ServerWriter<fp::FlightData>* writer) {
  FlightDataSink sink(writer);
  ASSIGN_OR_RAISE(auto ipc, arrow::ipc::MakePayloadWriter(&sink, reader->schema()));
  while (true) {
    ASSIGN_OR_RAISE(auto batch, reader->Next());
    if (!batch) {
      break;
    }
    RETURN_NOT_OK(ipc->WriteRecordBatch(*batch));
  }
  return ipc->Close();
}

Result<std::vector<arrow::RecordBatchPtr>> ReadUploadedBatches(
    const fp::FlightData& first, grpc::ServerReaderWriter<fp::PutResult, fp::FlightData>* stream,
    arrow::SchemaPtr* schema) {
  std::vector<arrow::RecordBatchPtr> batches;
  arrow::ipc::DictionaryMemo memo;
  const auto options = arrow::ipc::IpcReadOptions::Defaults();
  *schema = nullptr;
  fp::FlightData data = first;
  int64_t index = 0;
  while (true) {
    if (!data.data_header().empty()) {
      const std::string context = "DoPut message " + std::to_string(index++);
      ASSIGN_OR_RAISE(auto message,
                      arrow::ipc::Message::Open(Buffer::CopyOf(data.data_header()),
                                                Buffer::CopyOf(data.data_body()), context));
      switch (message->type()) {
        case arrow::ipc::MessageType::kSchema: {
          ASSIGN_OR_RAISE(*schema, arrow::ipc::DecodeSchema(*message, &memo, options));
          break;
        }
        case arrow::ipc::MessageType::kDictionaryBatch: {
          ASSIGN_OR_RAISE(auto update, arrow::ipc::DecodeDictionaryBatch(*message, &memo, true,
                                                                         options, context));
          (void)update;
          break;
        }
        case arrow::ipc::MessageType::kRecordBatch: {
          if (!*schema) {
            return Status::InvalidArgument(context + ": a record batch before the schema");
          }
          ASSIGN_OR_RAISE(auto batch,
                          arrow::ipc::DecodeRecordBatch(*message, *schema, memo, options, context));
          batches.push_back(std::move(batch));
          break;
        }
        default:
          return Status::InvalidArgument(context + ": unexpected IPC message type");
      }
    }
    if (!stream->Read(&data)) {
      break;
    }
  }
  return batches;
}

}  // namespace ballista::scheduler
