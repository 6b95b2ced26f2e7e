// Window-only functions: names, docs and return types (evaluation is the window operator's).

#include "ballista/compute/kernel_util.h"
#include "ballista/compute/registry.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::DataTypePtr;
using arrow::TypeId;

namespace {

void Add(FunctionRegistry* r, const char* name, const char* sig, const char* doc, WindowResolver res) {
  r->AddWindow(std::make_unique<CallableWindowFunction>(name, sig, std::string(sig) + " - " + doc,
                                                        std::move(res)));
}

WindowResolver Fixed(const char* name, DataTypePtr type, size_t min_args, size_t max_args) {
  return [=](const std::vector<DataTypePtr>& types) -> Result<DataTypePtr> {
    RETURN_NOT_OK(internal::CheckArity(name, types, min_args, max_args));
    for (const auto& t : types) {
      if (!arrow::IsInteger(t->id()) && t->id() != TypeId::kNull) {
        return internal::ArgumentTypeError(name, types);
      }
    }
    return type;
  };
}

WindowResolver ValueOf(const char* name, size_t min_args, size_t max_args) {
  return [=](const std::vector<DataTypePtr>& types) -> Result<DataTypePtr> {
    RETURN_NOT_OK(internal::CheckArity(name, types, min_args, max_args));
    for (size_t i = 1; i < types.size() && i < 2; ++i) {
      if (!arrow::IsInteger(types[i]->id()) && types[i]->id() != TypeId::kNull) {
        return internal::ArgumentTypeError(name, types);
      }
    }
    if (types.size() > 2) {
      // lag/lead default: must share a type with the value.
      auto common = CommonSuperType(types[0], types[2]);
      if (!common.ok()) return Status::TypeError(std::string(name) + ": " + common.status().message());
      return *common;
    }
    return EngineType(types[0]);
  };
}

}  // namespace

void RegisterWindowFunctions(FunctionRegistry* r) {
  Add(r, "row_number", "row_number()", "Number of the row within its partition, from 1",
      Fixed("row_number", arrow::Int64(), 0, 0));
  Add(r, "rank", "rank()", "Rank with gaps: rows equal in the ORDER BY share a rank",
      Fixed("rank", arrow::Int64(), 0, 0));
  Add(r, "dense_rank", "dense_rank()", "Rank without gaps", Fixed("dense_rank", arrow::Int64(), 0, 0));
  Add(r, "percent_rank", "percent_rank()", "(rank - 1) / (partition rows - 1)",
      Fixed("percent_rank", arrow::Float64(), 0, 0));
  Add(r, "cume_dist", "cume_dist()", "Fraction of partition rows up to the current row's peers",
      Fixed("cume_dist", arrow::Float64(), 0, 0));
  Add(r, "ntile", "ntile(n)", "Bucket 1..n the row falls into", Fixed("ntile", arrow::Int64(), 1, 1));
  Add(r, "lag", "lag(x [, offset [, default]])", "x of the row offset rows before (default 1)",
      ValueOf("lag", 1, 3));
  Add(r, "lead", "lead(x [, offset [, default]])", "x of the row offset rows after (default 1)",
      ValueOf("lead", 1, 3));
  Add(r, "first_value", "first_value(x)", "x of the first row of the window frame",
      ValueOf("first_value", 1, 1));
  Add(r, "last_value", "last_value(x)", "x of the last row of the window frame",
      ValueOf("last_value", 1, 1));
  Add(r, "nth_value", "nth_value(x, n)", "x of the n-th row of the window frame",
      ValueOf("nth_value", 2, 2));
}

}  // namespace ballista::compute
