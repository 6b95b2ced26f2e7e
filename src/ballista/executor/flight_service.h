#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "ballista/common/result.h"

namespace grpc {
class Server;
}  // namespace grpc

namespace ballista::executor {

/// Where an executor's Flight service listens and what it serves. Plain value.
struct FlightServiceOptions {
  /// Address to bind ("0.0.0.0" for every interface, "127.0.0.1" for local tests).
  std::string host = "0.0.0.0";
  /// Port to bind; 0 lets the OS pick one (read it back with port()).
  int port = 0;
  /// The executor's work dir: shuffle tickets are resolved inside it and nowhere else.
  std::string work_dir;
};

/// The executor's Arrow Flight server. DoGet takes a serialized ballista.protobuf.ShuffleTicket
/// and streams that output partition's IPC messages from the shuffle file as they are stored
/// (FlightData.data_header = the message flatbuffer, data_body = its body; batches are neither
/// decoded nor re-encoded). Handshake accepts every client; ListActions lists and DoAction runs
/// "healthcheck" (one result, body "ok"). Every other RPC answers UNIMPLEMENTED with a message.
/// Bad tickets get INVALID_ARGUMENT, missing partitions NOT_FOUND, each with a message saying
/// what was wrong. gRPC serves calls on its own threads; the object itself is thread-safe.
class FlightService {
 public:
  ~FlightService();
  FlightService(const FlightService&) = delete;
  FlightService& operator=(const FlightService&) = delete;

  /// Binds and starts serving. IOError when the address cannot be bound; InvalidArgument for an
  /// empty work dir.
  static Result<std::unique_ptr<FlightService>> Start(FlightServiceOptions options);

  /// The bound port (the OS's choice when options.port was 0).
  int port() const { return port_; }
  const std::string& host() const { return options_.host; }

  /// Stops accepting calls, gives running calls up to `grace` to finish, then cancels them and
  /// waits for the serving threads. Idempotent; the destructor calls it with the default grace.
  void Shutdown(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));

 private:
  class Impl;
  FlightService() = default;

  FlightServiceOptions options_;
  int port_ = 0;
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<grpc::Server> server_;
  std::mutex shutdown_mutex_;
  bool shut_down_ = false;
};

}  // namespace ballista::executor
