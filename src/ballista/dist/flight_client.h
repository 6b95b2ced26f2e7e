#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "ballista/arrow/ipc/options.h"
#include "ballista/arrow/record_batch_reader.h"
#include "ballista/common/result.h"

namespace grpc {
class Channel;
}  // namespace grpc

namespace ballista::dist {

/// Timeouts and decoding options of a FlightClient. Plain value.
struct FlightClientOptions {
  /// How long a call waits for a connection to the server before failing with Unavailable.
  std::chrono::milliseconds connect_timeout{10'000};
  /// Deadline of a whole call, streaming included (a DoGet that takes longer fails).
  std::chrono::milliseconds call_timeout{std::chrono::hours(1)};
  /// Decoding of received batches (validation stays on: the data comes from another process).
  arrow::ipc::IpcReadOptions read_options;
};

/// Maps a gRPC status code number to the engine's StatusCode: UNAVAILABLE and DEADLINE_EXCEEDED
/// are Unavailable, NOT_FOUND NotFound, INVALID_ARGUMENT InvalidArgument, UNIMPLEMENTED
/// Unsupported, CANCELLED Cancelled, RESOURCE_EXHAUSTED ResourcesExhausted, the rest IOError.
StatusCode StatusCodeFromGrpc(int grpc_code);

/// A minimal Arrow Flight client over gRPC (insecure channels): DoGet decoded with the engine's
/// IPC decoder, and DoAction. One channel per host:port is made on first use and reused by every
/// later call (gRPC multiplexes concurrent calls over it). Thread-safe: calls may run
/// concurrently from any thread.
class FlightClient {
 public:
  explicit FlightClient(FlightClientOptions options = {});
  ~FlightClient();
  FlightClient(const FlightClient&) = delete;
  FlightClient& operator=(const FlightClient&) = delete;

  /// One client shared by the whole process (default options), for callers without their own.
  static std::shared_ptr<FlightClient> Default();

  /// Calls DoGet with `ticket` and returns the stream's batches. The first message (the schema)
  /// is read before returning, so a refused ticket fails here. Errors name "host:port" and
  /// carry the server's message: Unavailable when the server cannot be reached within
  /// connect_timeout, the mapped gRPC code otherwise (StatusCodeFromGrpc); InvalidData for a
  /// stream that is not valid Arrow IPC. The reader holds the call open until it is exhausted or
  /// dropped (dropping it early cancels the call); it is not thread-safe, like every reader.
  Result<arrow::RecordBatchReaderPtr> DoGet(const std::string& host, int port,
                                            const std::string& ticket);

  /// Calls DoAction(`type`, `body`) and returns the body of every result, in order.
  Result<std::vector<std::string>> DoAction(const std::string& host, int port,
                                            const std::string& type, const std::string& body);

  const FlightClientOptions& options() const { return options_; }

 private:
  /// The channel to host:port, connected (or Unavailable after connect_timeout).
  Result<std::shared_ptr<grpc::Channel>> Connect(const std::string& host, int port);

  FlightClientOptions options_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<grpc::Channel>> channels_;
};

}  // namespace ballista::dist
