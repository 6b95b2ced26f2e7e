#include "ballista/logical/expr_factory.h"

#include "ballista/catalog/sql_type_name.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::logical {
namespace {

/// Functions whose result is never NULL whatever their inputs.
bool NeverNull(std::string_view name) {
  return name == "is_null" || name == "is_not_null" || name == "is_distinct_from" ||
         name == "is_not_distinct_from" || name == "random" || name == "now" ||
         name == "current_date" || name == "pi";
}

/// Functions that are NULL only when every argument is.
bool NullOnlyWhenAllNull(std::string_view name) {
  return name == "coalesce" || name == "nvl" || name == "concat" || name == "concat_ws" ||
         name == "greatest" || name == "least";
}

}  // namespace

ExprPtr ExprFactory::Literal(arrow::Scalar value) {
  return std::make_shared<LiteralExpr>(std::move(value));
}

ExprPtr ExprFactory::Cast(ExprPtr expr, const arrow::DataTypePtr& type, bool try_cast) const {
  if (expr->type->Equals(*type)) return expr;
  if (expr->kind == ExprKind::kLiteral && expr->As<LiteralExpr>().value.is_null()) {
    return Literal(arrow::Scalar::Null(type));
  }
  return std::make_shared<CastExpr>(std::move(expr), type, try_cast);
}

Result<ExprPtr> ExprFactory::Call(std::string_view name, std::vector<ExprPtr> args) const {
  const compute::ScalarFunction* function = registry_->FindScalar(name);
  std::vector<arrow::DataTypePtr> types;
  types.reserve(args.size());
  for (const auto& arg : args) types.push_back(arg->type);
  ASSIGN_OR_RAISE(auto resolved, registry_->ResolveScalar(name, types));
  if (function == nullptr) return Status::Internal("resolved function without a registry entry");
  for (size_t i = 0; i < args.size() && i < resolved.arg_types.size(); ++i) {
    args[i] = Cast(std::move(args[i]), resolved.arg_types[i]);
  }
  bool nullable;
  if (NeverNull(function->name())) {
    nullable = false;
  } else if (NullOnlyWhenAllNull(function->name())) {
    nullable = !args.empty();
    for (const auto& arg : args) nullable = nullable && arg->nullable;
  } else {
    nullable = false;
    for (const auto& arg : args) nullable = nullable || arg->nullable;
    // Division, casts of text and the like can fail into NULL only through errors, so an
    // all-non-null call stays non-null; functions that map values to NULL (nullif,
    // regexp_match) are marked by their names.
    if (function->name() == "nullif" || function->name() == "regexp_match" ||
        function->name() == "split_part" || function->name() == "to_date" ||
        function->name() == "to_timestamp") {
      nullable = true;
    }
  }
  return ExprPtr(std::make_shared<CallExpr>(function, std::move(args), std::move(resolved), nullable));
}

Result<ExprPtr> ExprFactory::And(std::vector<ExprPtr> conjuncts) const {
  if (conjuncts.empty()) return True();
  ExprPtr out = std::move(conjuncts[0]);
  for (size_t i = 1; i < conjuncts.size(); ++i) {
    ASSIGN_OR_RAISE(out, Call("and", {std::move(out), std::move(conjuncts[i])}));
  }
  return out;
}

Result<ExprPtr> ExprFactory::Or(std::vector<ExprPtr> disjuncts) const {
  if (disjuncts.empty()) return Literal(arrow::Scalar::Boolean(false));
  ExprPtr out = std::move(disjuncts[0]);
  for (size_t i = 1; i < disjuncts.size(); ++i) {
    ASSIGN_OR_RAISE(out, Call("or", {std::move(out), std::move(disjuncts[i])}));
  }
  return out;
}

Result<arrow::DataTypePtr> ExprFactory::CommonType(const std::vector<arrow::DataTypePtr>& types,
                                                   std::string_view what) const {
  if (types.empty()) return arrow::Null();
  arrow::DataTypePtr common = types[0];
  for (size_t i = 1; i < types.size(); ++i) {
    auto next = compute::CommonSuperType(common, types[i]);
    if (!next.ok()) {
      return Status::TypeError(std::string(what) + " types " + catalog::SqlTypeName(*common) +
                               " and " + catalog::SqlTypeName(*types[i]) +
                               " cannot be matched");
    }
    common = *next;
  }
  return common;
}

}  // namespace ballista::logical
