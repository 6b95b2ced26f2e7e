#include "ballista/dist/flight_client.h"

#include <grpcpp/grpcpp.h>

#include "ballista/arrow/ipc/decoder.h"
#include "ballista/arrow/ipc/dictionary_memo.h"
#include "ballista/arrow/ipc/message.h"
#include "proto/flight.grpc.pb.h"
#include "proto/flight.pb.h"

namespace ballista::dist {

namespace fp = ::arrow::flight::protocol;

namespace {

std::string Target(const std::string& host, int port) {
  bool ipv6 = host.find(':') != std::string::npos && host.front() != '[';
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

const char* GrpcCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "UNKNOWN";
  }
}

Status FromGrpc(const grpc::Status& status, const std::string& what) {
  return Status(StatusCodeFromGrpc(status.error_code()),
                what + ": " + GrpcCodeName(status.error_code()) + ": " + status.error_message());
}

std::chrono::system_clock::time_point DeadlineAfter(std::chrono::milliseconds timeout) {
  return std::chrono::system_clock::now() + timeout;
}

/// The batches of one DoGet call. The call (context, stub, stream) lives as long as the reader.
class FlightDataReader final : public arrow::RecordBatchReader {
 public:
  FlightDataReader(std::shared_ptr<grpc::Channel> channel, std::string what,
                   const FlightClientOptions& options)
      : stub_(fp::FlightService::NewStub(channel)),
        what_(std::move(what)),
        read_options_(options.read_options) {
    context_.set_deadline(DeadlineAfter(options.call_timeout));
  }

  ~FlightDataReader() override {
    if (stream_ && !finished_) {
      // Stop the server's stream, drain what is in flight, then collect the status as gRPC
      // requires before the call's objects go away.
      context_.TryCancel();
      fp::FlightData ignored;
      while (stream_->Read(&ignored)) {
      }
      (void)stream_->Finish();
    }
  }

  /// Starts the call and reads the schema message.
  Status Start(const std::string& ticket) {
    fp::Ticket request;
    request.set_ticket(ticket);
    stream_ = stub_->DoGet(&context_, request);
    std::unique_ptr<arrow::ipc::Message> message;
    RETURN_NOT_OK(ReadMessage(&message));
    if (!message) return Status::InvalidData(what_ + ": the stream ended before its schema");
    if (message->type() != arrow::ipc::MessageType::kSchema) {
      return Status::InvalidData(what_ + ": the stream does not start with a schema message");
    }
    ASSIGN_OR_RAISE(schema_, arrow::ipc::DecodeSchema(*message, &memo_, read_options_));
    return Status::OK();
  }

  arrow::SchemaPtr schema() const override { return schema_; }

  Result<arrow::RecordBatchPtr> Next() override {
    while (true) {
      std::unique_ptr<arrow::ipc::Message> message;
      RETURN_NOT_OK(ReadMessage(&message));
      if (!message) return arrow::RecordBatchPtr();
      std::string context = what_ + ": message " + std::to_string(num_messages_);
      switch (message->type()) {
        case arrow::ipc::MessageType::kSchema:
          return Status::InvalidData(context + ": a second schema message");
        case arrow::ipc::MessageType::kDictionaryBatch: {
          ASSIGN_OR_RAISE(auto update, arrow::ipc::DecodeDictionaryBatch(*message, &memo_, true,
                                                                         read_options_, context));
          (void)update;
          break;
        }
        case arrow::ipc::MessageType::kRecordBatch:
          return arrow::ipc::DecodeRecordBatch(*message, schema_, memo_, read_options_, context);
      }
    }
  }

 private:
  /// The next IPC message of the stream, or null at its end. FlightData without a header (only
  /// app_metadata) is skipped.
  Status ReadMessage(std::unique_ptr<arrow::ipc::Message>* out) {
    out->reset();
    if (finished_) return Status::OK();
    fp::FlightData data;
    while (true) {
      if (!stream_->Read(&data)) {
        finished_ = true;
        grpc::Status status = stream_->Finish();
        if (!status.ok()) return FromGrpc(status, what_);
        return Status::OK();
      }
      if (!data.data_header().empty()) break;
    }
    ++num_messages_;
    // The flatbuffer is copied into an aligned buffer; the body keeps the received string.
    auto metadata = Buffer::CopyOf(data.data_header());
    auto body = Buffer::FromString(std::move(*data.mutable_data_body()));
    ASSIGN_OR_RAISE(
        *out, arrow::ipc::Message::Open(std::move(metadata), std::move(body),
                                        what_ + ": message " + std::to_string(num_messages_ - 1)));
    return Status::OK();
  }

  std::unique_ptr<fp::FlightService::Stub> stub_;
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReader<fp::FlightData>> stream_;
  std::string what_;
  arrow::ipc::IpcReadOptions read_options_;
  arrow::ipc::DictionaryMemo memo_;
  arrow::SchemaPtr schema_;
  int64_t num_messages_ = 0;
  bool finished_ = false;
};

}  // namespace

StatusCode StatusCodeFromGrpc(int grpc_code) {
  switch (static_cast<grpc::StatusCode>(grpc_code)) {
    case grpc::StatusCode::OK:
      return StatusCode::kOk;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return StatusCode::kUnavailable;
    case grpc::StatusCode::NOT_FOUND:
      return StatusCode::kNotFound;
    case grpc::StatusCode::INVALID_ARGUMENT:
      return StatusCode::kInvalidArgument;
    case grpc::StatusCode::UNIMPLEMENTED:
      return StatusCode::kUnsupported;
    case grpc::StatusCode::CANCELLED:
      return StatusCode::kCancelled;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return StatusCode::kResourcesExhausted;
    default:
      return StatusCode::kIOError;
  }
}

FlightClient::FlightClient(FlightClientOptions options) : options_(std::move(options)) {}

FlightClient::~FlightClient() = default;

std::shared_ptr<FlightClient> FlightClient::Default() {
  static std::shared_ptr<FlightClient> client = std::make_shared<FlightClient>();
  return client;
}

Result<std::shared_ptr<grpc::Channel>> FlightClient::Connect(const std::string& host, int port) {
  if (host.empty() || port <= 0 || port > 65535) {
    return Status::InvalidArgument("flight: bad address \"" + host + ":" + std::to_string(port) +
                                   "\"");
  }
  const std::string target = Target(host, port);
  std::shared_ptr<grpc::Channel> channel;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& slot = channels_[target];
    if (!slot) {
      grpc::ChannelArguments args;
      args.SetMaxReceiveMessageSize(-1);
      // A peer that was down is retried soon after it comes back, not after gRPC's default
      // backoff of up to two minutes.
      args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
      args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
      args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
      slot = grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
    }
    channel = slot;
  }
  if (!channel->WaitForConnected(DeadlineAfter(options_.connect_timeout))) {
    return Status::Unavailable("flight: cannot connect to " + target + " within " +
                               std::to_string(options_.connect_timeout.count()) + " ms");
  }
  return channel;
}

Result<arrow::RecordBatchReaderPtr> FlightClient::DoGet(const std::string& host, int port,
                                                        const std::string& ticket) {
  ASSIGN_OR_RAISE(auto channel, Connect(host, port));
  auto reader = std::make_shared<FlightDataReader>(std::move(channel),
                                                   "flight DoGet " + Target(host, port), options_);
  RETURN_NOT_OK(reader->Start(ticket));
  return arrow::RecordBatchReaderPtr(std::move(reader));
}

Result<std::vector<std::string>> FlightClient::DoAction(const std::string& host, int port,
                                                        const std::string& type,
                                                        const std::string& body) {
  ASSIGN_OR_RAISE(auto channel, Connect(host, port));
  auto stub = fp::FlightService::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(DeadlineAfter(options_.call_timeout));
  fp::Action action;
  action.set_type(type);
  action.set_body(body);
  auto stream = stub->DoAction(&context, action);
  std::vector<std::string> results;
  fp::Result result;
  while (stream->Read(&result)) results.push_back(result.body());
  grpc::Status status = stream->Finish();
  if (!status.ok()) {
    return FromGrpc(status, "flight DoAction \"" + type + "\" " + Target(host, port));
  }
  return results;
}

}  // namespace ballista::dist
