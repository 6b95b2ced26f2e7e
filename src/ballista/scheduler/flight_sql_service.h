#pragma once
// Arrow Flight SQL on the scheduler's gRPC port: the standard arrow.flight.protocol.FlightService
// answering the Flight SQL commands (proto/flight_sql.proto), so JDBC, ADBC, pyarrow and BI
// tools can query a cluster. Queries run as jobs of this scheduler; their results are streamed
// by the scheduler's own DoGet, which fetches the result partitions from the executors (the
// endpoints carry no location, so clients come back to this server).

#include <memory>
#include <string>

#include "proto/flight.grpc.pb.h"

namespace ballista::scheduler {

class SchedulerCore;

/// Who may call the Flight SQL service. Plain value.
struct FlightSqlOptions {
  /// Empty: no authentication. Otherwise Handshake checks basic credentials and hands out
  /// bearer tokens, and every call must carry a token or the credentials.
  std::string auth_user;
  std::string auth_password;
};

/// Makes the Flight SQL service over `core` (which must outlive it). The service is
/// thread-safe: gRPC runs its calls concurrently on its own threads.
std::unique_ptr<::arrow::flight::protocol::FlightService::Service> MakeFlightSqlService(
    SchedulerCore* core, FlightSqlOptions options);

}  // namespace ballista::scheduler
