#include "ballista/exec/operator_result.h"

namespace ballista::exec {

std::string_view ToString(OperatorResult result) {
  switch (result) {
    case OperatorResult::kNeedMoreInput:
      return "NeedMoreInput";
    case OperatorResult::kHaveMoreOutput:
      return "HaveMoreOutput";
    case OperatorResult::kFinished:
      return "Finished";
    case OperatorResult::kBlocked:
      return "Blocked";
  }
  return "?";
}

std::string_view ToString(SourceResult result) {
  switch (result) {
    case SourceResult::kHaveMoreOutput:
      return "HaveMoreOutput";
    case SourceResult::kFinished:
      return "Finished";
    case SourceResult::kBlocked:
      return "Blocked";
  }
  return "?";
}

std::string_view ToString(SinkResult result) {
  switch (result) {
    case SinkResult::kNeedMoreInput:
      return "NeedMoreInput";
    case SinkResult::kFinished:
      return "Finished";
    case SinkResult::kBlocked:
      return "Blocked";
  }
  return "?";
}

}  // namespace ballista::exec
