// coalesce, nullif, nvl/ifnull, greatest, least and in_list as registry functions.

#include "ballista/compute/conditional.h"
#include "ballista/compute/kernel_util.h"
#include "ballista/compute/registry.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::DataTypePtr;

namespace {

// Every argument cast to the common super type.
Result<ResolvedScalar> Uniform(const char* name, const std::vector<DataTypePtr>& types, size_t min,
                               size_t max, ScalarKernel kernel) {
  RETURN_NOT_OK(internal::CheckArity(name, types, min, max));
  auto common = CommonSuperType(types);
  if (!common.ok()) {
    return Status::TypeError(std::string(name) + ": " + common.status().message());
  }
  return ResolvedScalar{std::vector<DataTypePtr>(types.size(), *common), *common, std::move(kernel)};
}

void Add(FunctionRegistry* r, const char* name, const char* sig, const char* doc, size_t min,
         size_t max, ScalarKernel kernel) {
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      name, sig, std::string(sig) + " - " + doc,
      [=](const std::vector<DataTypePtr>& types) { return Uniform(name, types, min, max, kernel); }));
}

}  // namespace

void RegisterConditionalFunctions(FunctionRegistry* r) {
  constexpr size_t kMany = 1 << 20;
  Add(r, "coalesce", "coalesce(x, ...)", "The first argument that is not NULL", 1, kMany,
      [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) { return Coalesce(args, n, ctx); });
  Add(r, "nvl", "nvl(x, y)", "y when x is NULL, else x", 2, 2,
      [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) { return Coalesce(args, n, ctx); });
  r->AddAlias("ifnull", "nvl");
  Add(r, "nullif", "nullif(x, y)", "NULL when x equals y, else x", 2, 2,
      [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
        return NullIf(args[0], args[1], n, ctx);
      });
  Add(r, "greatest", "greatest(x, ...)", "The largest non-NULL argument", 1, kMany,
      [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) { return Greatest(args, n, ctx); });
  Add(r, "least", "least(x, ...)", "The smallest non-NULL argument", 1, kMany,
      [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) { return Least(args, n, ctx); });
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "in_list", "in_list(x, v1, ...)",
      "in_list(x, v1, ...) - x IN (v1, ...): true when found, NULL when not found and a value is NULL",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(internal::CheckArity("in_list", types, 2, kMany));
        auto common = CommonSuperType(types);
        if (!common.ok()) return Status::TypeError("IN: " + common.status().message());
        ScalarKernel k = [](const std::vector<Datum>& args, int64_t n,
                            ExecContext* ctx) -> Result<Datum> {
          std::vector<arrow::Scalar> set;
          bool constant_set = true;
          for (size_t i = 1; i < args.size(); ++i) {
            if (args[i].is_array()) constant_set = false;
            else set.push_back(args[i].scalar());
          }
          if (constant_set) {
            if (args[0].is_scalar()) return IsIn(args[0], set, ctx);
            return IsIn(args[0], set, ctx);
          }
          // Non-constant lists: x = v1 OR x = v2 ..., via CASE-free Kleene logic.
          const auto& registry = FunctionRegistry::Default();
          ASSIGN_OR_RAISE(auto eq, registry.ResolveScalar("eq", {args[0].type(), args[0].type()}));
          ASSIGN_OR_RAISE(auto or_fn, registry.ResolveScalar("or", {arrow::Boolean(), arrow::Boolean()}));
          Datum acc(arrow::Scalar::Boolean(false));
          for (size_t i = 1; i < args.size(); ++i) {
            ASSIGN_OR_RAISE(auto e, eq.kernel({args[0], args[i]}, n, ctx));
            ASSIGN_OR_RAISE(acc, or_fn.kernel({acc, e}, n, ctx));
          }
          return acc;
        };
        return ResolvedScalar{std::vector<DataTypePtr>(types.size(), *common), arrow::Boolean(), k};
      }));
}

}  // namespace ballista::compute
