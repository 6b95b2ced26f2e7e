#pragma once

#include <grpcpp/grpcpp.h>

#include <string>

#include "ballista/common/status.h"

namespace ballista::dist {

/// The gRPC status for an engine status: user errors are INVALID_ARGUMENT, NotFound NOT_FOUND,
/// Unavailable UNAVAILABLE, Cancelled CANCELLED, ... The engine's code travels in the details so
/// FromGrpcStatus restores it exactly.
grpc::Status ToGrpcStatus(const Status& status);

/// The engine status for a gRPC status; `what` names the call for transport failures
/// ("scheduler localhost:50050: ...").
Status FromGrpcStatus(const grpc::Status& status, const std::string& what);

}  // namespace ballista::dist
