#include "ballista/executor/flight_service.h"

#include <grpcpp/grpcpp.h>

#include "ballista/arrow/ipc/message.h"
#include "ballista/common/logging.h"
#include "ballista/dist/shuffle_file.h"
#include "proto/flight.grpc.pb.h"
#include "proto/shuffle.pb.h"

namespace ballista::executor {

namespace fp = ::arrow::flight::protocol;

namespace {

constexpr char kHealthcheckAction[] = "healthcheck";

/// A stored file that does not decode is the server's loss (DATA_LOSS), not a bad request.
grpc::Status ToGrpc(const Status& status, const std::string& context) {
  auto code = status.code() == StatusCode::kInvalidData
                  ? grpc::StatusCode::DATA_LOSS
                  : static_cast<grpc::StatusCode>(StatusCodeToGrpc(status.code()));
  return grpc::Status(code, context + ": " + status.ToString());
}

grpc::Status NotOffered(const char* rpc) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                      std::string(rpc) +
                          " is not offered by the Ballista executor's Flight service (it serves "
                          "DoGet of shuffle partitions, Handshake, ListActions and DoAction)");
}

}  // namespace

/// The gRPC service. Calls run on gRPC's threads, concurrently; the object holds only
/// immutable configuration.
class FlightService::Impl final : public fp::FlightService::Service {
 public:
  explicit Impl(std::string work_dir) : work_dir_(std::move(work_dir)) {}

  grpc::Status DoGet(grpc::ServerContext* context, const fp::Ticket* request,
                     grpc::ServerWriter<fp::FlightData>* writer) override {
    ballista::protobuf::ShuffleTicket ticket;
    if (!ticket.ParseFromString(request->ticket())) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          "DoGet: the ticket is not a serialized ballista.protobuf.ShuffleTicket");
    }
    Status valid = dist::ValidateJobId(ticket.job_id());
    if (!valid.ok()) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          "DoGet: bad ticket: " + valid.message());
    }
    dist::ShuffleTaskId task{ticket.job_id(), ticket.stage_id(), ticket.map_partition()};
    const std::string what = "DoGet " + task.ToString() + " output partition " +
                             std::to_string(ticket.output_partition());
    auto stream = dist::OpenShufflePartition(dist::ShuffleDataPath(work_dir_, task),
                                             ticket.output_partition());
    if (!stream.ok()) return ToGrpc(stream.status(), what);
    for (int64_t index = 0;; ++index) {
      if (context->IsCancelled()) {
        return grpc::Status(grpc::StatusCode::CANCELLED, what + ": cancelled by the client");
      }
      auto message = arrow::ipc::ReadMessage(stream->get(), index);
      if (!message.ok()) return ToGrpc(message.status(), what);
      if (!*message) break;
      fp::FlightData data;
      const auto& metadata = (*message)->metadata();
      data.set_data_header(metadata->data(), static_cast<size_t>(metadata->size()));
      if (const auto& body = (*message)->body()) {
        data.set_data_body(body->data(), static_cast<size_t>(body->size()));
      }
      if (!writer->Write(data)) {
        return grpc::Status(grpc::StatusCode::CANCELLED, what + ": the client went away");
      }
    }
    return grpc::Status::OK;
  }

  grpc::Status Handshake(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<fp::HandshakeResponse, fp::HandshakeRequest>* stream) override {
    fp::HandshakeRequest request;
    while (stream->Read(&request)) {
      fp::HandshakeResponse response;
      response.set_protocol_version(request.protocol_version());
      if (!stream->Write(response)) break;
    }
    return grpc::Status::OK;
  }

  grpc::Status ListActions(grpc::ServerContext* context, const fp::Empty* request,
                           grpc::ServerWriter<fp::ActionType>* writer) override {
    fp::ActionType action;
    action.set_type(kHealthcheckAction);
    action.set_description("answers one result with body \"ok\" while the executor serves");
    writer->Write(action);
    return grpc::Status::OK;
  }

  grpc::Status DoAction(grpc::ServerContext* context, const fp::Action* request,
                        grpc::ServerWriter<fp::Result>* writer) override {
    if (request->type() != kHealthcheckAction) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          "DoAction: unknown action \"" + request->type().substr(0, 100) +
                              "\"; this executor offers: " + kHealthcheckAction);
    }
    fp::Result result;
    result.set_body("ok");
    writer->Write(result);
    return grpc::Status::OK;
  }

  grpc::Status ListFlights(grpc::ServerContext*, const fp::Criteria*,
                           grpc::ServerWriter<fp::FlightInfo>*) override {
    return NotOffered("ListFlights");
  }
  grpc::Status GetFlightInfo(grpc::ServerContext*, const fp::FlightDescriptor*,
                             fp::FlightInfo*) override {
    return NotOffered("GetFlightInfo");
  }
  grpc::Status PollFlightInfo(grpc::ServerContext*, const fp::FlightDescriptor*,
                              fp::PollInfo*) override {
    return NotOffered("PollFlightInfo");
  }
  grpc::Status GetSchema(grpc::ServerContext*, const fp::FlightDescriptor*,
                         fp::SchemaResult*) override {
    return NotOffered("GetSchema");
  }
  grpc::Status DoPut(grpc::ServerContext*,
                     grpc::ServerReaderWriter<fp::PutResult, fp::FlightData>*) override {
    return NotOffered("DoPut");
  }
  grpc::Status DoExchange(grpc::ServerContext*,
                          grpc::ServerReaderWriter<fp::FlightData, fp::FlightData>*) override {
    return NotOffered("DoExchange");
  }

 private:
  const std::string work_dir_;
};

FlightService::~FlightService() { Shutdown(); }

Result<std::unique_ptr<FlightService>> FlightService::Start(FlightServiceOptions options) {
  if (options.work_dir.empty()) {
    return Status::InvalidArgument("flight service: empty work dir");
  }
  std::unique_ptr<FlightService> service(new FlightService());
  service->impl_ = std::make_unique<Impl>(options.work_dir);
  const std::string address =
      (options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host) +
      ":" + std::to_string(options.port);
  grpc::ServerBuilder builder;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &service->port_);
  builder.RegisterService(service->impl_.get());
  builder.SetMaxSendMessageSize(-1);
  builder.SetMaxReceiveMessageSize(-1);
  // gRPC sets SO_REUSEPORT by default, which would let two executors share a port silently.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  service->server_ = builder.BuildAndStart();
  if (!service->server_ || service->port_ == 0) {
    service->server_.reset();
    return Status::IOError("flight service: cannot listen on " + address);
  }
  service->options_ = std::move(options);
  BLOG(kInfo) << "flight service listening on " << service->options_.host << ":" << service->port_;
  return service;
}

void FlightService::Shutdown(std::chrono::milliseconds grace) {
  std::lock_guard<std::mutex> lock(shutdown_mutex_);
  if (shut_down_ || !server_) return;
  shut_down_ = true;
  server_->Shutdown(std::chrono::system_clock::now() + grace);
  server_->Wait();
}

}  // namespace ballista::executor
