#include "ballista/dist/grpc_status.h"

namespace ballista::dist {

grpc::Status ToGrpcStatus(const Status& status) {
  if (status.ok()) return grpc::Status::OK;
  grpc::StatusCode code = grpc::StatusCode::INTERNAL;
  switch (status.code()) {
    case StatusCode::kSyntaxError:
    case StatusCode::kPlanError:
    case StatusCode::kTypeError:
    case StatusCode::kInvalidArgument:
    case StatusCode::kInvalidData:
    case StatusCode::kExecutionError:
      code = grpc::StatusCode::INVALID_ARGUMENT;
      break;
    case StatusCode::kNotFound:
      code = grpc::StatusCode::NOT_FOUND;
      break;
    case StatusCode::kAlreadyExists:
      code = grpc::StatusCode::ALREADY_EXISTS;
      break;
    case StatusCode::kResourcesExhausted:
      code = grpc::StatusCode::RESOURCE_EXHAUSTED;
      break;
    case StatusCode::kCancelled:
      code = grpc::StatusCode::CANCELLED;
      break;
    case StatusCode::kUnavailable:
    case StatusCode::kIOError:
      code = grpc::StatusCode::UNAVAILABLE;
      break;
    case StatusCode::kUnsupported:
      code = grpc::StatusCode::UNIMPLEMENTED;
      break;
    default:
      break;
  }
  return grpc::Status(code, status.message(), std::to_string(static_cast<int>(status.code())));
}

Status FromGrpcStatus(const grpc::Status& status, const std::string& what) {
  if (status.ok()) return Status::OK();
  const std::string& details = status.error_details();
  if (!details.empty() && details.size() <= 3 && std::isdigit(static_cast<unsigned char>(details[0]))) {
    int code = std::atoi(details.c_str());
    if (code > 0 && code <= static_cast<int>(StatusCode::kInternal)) {
      return Status(static_cast<StatusCode>(code), status.error_message());
    }
  }
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return Status::Unavailable(what + ": " + status.error_message());
    case grpc::StatusCode::NOT_FOUND:
      return Status::NotFound(what + ": " + status.error_message());
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
      return Status::InvalidArgument(what + ": " + status.error_message());
    case grpc::StatusCode::CANCELLED:
      return Status::Cancelled(what + ": " + status.error_message());
    default:
      return Status::IOError(what + ": " + status.error_message());
  }
}

}  // namespace ballista::dist
