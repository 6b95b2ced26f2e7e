#include "ballista/common/status.h"

namespace ballista {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kSyntaxError: return "Syntax error";
    case StatusCode::kPlanError: return "Plan error";
    case StatusCode::kTypeError: return "Type error";
    case StatusCode::kIOError: return "IO error";
    case StatusCode::kInvalidData: return "Invalid data";
    case StatusCode::kNotFound: return "Not found";
    case StatusCode::kAlreadyExists: return "Already exists";
    case StatusCode::kInvalidArgument: return "Invalid argument";
    case StatusCode::kExecutionError: return "Execution error";
    case StatusCode::kResourcesExhausted: return "Resources exhausted";
    case StatusCode::kCancelled: return "Cancelled";
    case StatusCode::kUnavailable: return "Unavailable";
    case StatusCode::kUnsupported: return "Unsupported";
    case StatusCode::kInternal: return "Internal error";
  }
  return "Unknown";
}

std::string_view StatusCodeSqlState(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "00000";
    case StatusCode::kSyntaxError: return "42601";
    case StatusCode::kPlanError: return "42P01";
    case StatusCode::kTypeError: return "42804";
    case StatusCode::kIOError: return "58030";
    case StatusCode::kInvalidData: return "22P02";
    case StatusCode::kNotFound: return "42704";
    case StatusCode::kAlreadyExists: return "42P07";
    case StatusCode::kInvalidArgument: return "22023";
    case StatusCode::kExecutionError: return "22000";
    case StatusCode::kResourcesExhausted: return "53200";
    case StatusCode::kCancelled: return "57014";
    case StatusCode::kUnavailable: return "08006";
    case StatusCode::kUnsupported: return "0A000";
    case StatusCode::kInternal: return "XX000";
  }
  return "XX000";
}

int StatusCodeToGrpc(StatusCode code) {
  // Numbers are grpc::StatusCode values; kept here so common/ does not depend on gRPC.
  switch (code) {
    case StatusCode::kOk: return 0;
    case StatusCode::kCancelled: return 1;
    case StatusCode::kSyntaxError:
    case StatusCode::kPlanError:
    case StatusCode::kTypeError:
    case StatusCode::kInvalidArgument:
    case StatusCode::kInvalidData: return 3;
    case StatusCode::kNotFound: return 5;
    case StatusCode::kAlreadyExists: return 6;
    case StatusCode::kResourcesExhausted: return 8;
    case StatusCode::kExecutionError: return 9;
    case StatusCode::kUnsupported: return 12;
    case StatusCode::kInternal: return 13;
    case StatusCode::kIOError:
    case StatusCode::kUnavailable: return 14;
  }
  return 2;
}

Status::Status(StatusCode code, std::string message) {
  if (code != StatusCode::kOk) state_ = std::make_unique<State>(State{code, std::move(message)});
}

Status::Status(const Status& other)
    : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
  return *this;
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return ok() ? kEmpty : state_->message;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(state_->code));
  out += ": ";
  out += state_->message;
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return Status();
  std::string msg(context);
  msg += ": ";
  msg += state_->message;
  return Status(state_->code, std::move(msg));
}

std::ostream& operator<<(std::ostream& os, const Status& status) { return os << status.ToString(); }

}  // namespace ballista
