#include "ballista/compute/function.h"

#include "ballista/compute/cast.h"

namespace ballista::compute {

ScalarFunction::~ScalarFunction() = default;
GroupedAccumulator::~GroupedAccumulator() = default;
AggregateFunction::~AggregateFunction() = default;
WindowFunction::~WindowFunction() = default;

Result<Datum> CallResolved(const ResolvedScalar& resolved, const std::vector<Datum>& args,
                           int64_t num_rows, ExecContext* ctx) {
  ExecContext default_ctx;
  if (ctx == nullptr) ctx = &default_ctx;
  std::vector<Datum> cast_args;
  cast_args.reserve(args.size());
  for (size_t i = 0; i < args.size(); ++i) {
    if (i < resolved.arg_types.size() && !args[i].type()->Equals(*resolved.arg_types[i])) {
      ASSIGN_OR_RAISE(auto cast, Cast(args[i], resolved.arg_types[i], false, ctx));
      cast_args.push_back(std::move(cast));
    } else {
      cast_args.push_back(args[i]);
    }
  }
  return resolved.kernel(cast_args, num_rows, ctx);
}

}  // namespace ballista::compute
