#pragma once

#include <string_view>
#include <vector>

#include "ballista/compute/registry.h"
#include "ballista/logical/expr.h"

namespace ballista::logical {

/// Builds typed expressions through the function registry, inserting the casts each function's
/// resolution asks for. Used by the binder, the DataFrame API and optimizer rewrites.
class ExprFactory {
 public:
  explicit ExprFactory(const compute::FunctionRegistry* registry) : registry_(registry) {}

  const compute::FunctionRegistry& registry() const { return *registry_; }

  /// name(args) with argument casts; errors name the function and the argument types.
  Result<ExprPtr> Call(std::string_view name, std::vector<ExprPtr> args) const;
  /// `expr` as `type`: itself when already of that type, else a CastExpr. A NULL literal becomes
  /// a NULL literal of the type.
  ExprPtr Cast(ExprPtr expr, const arrow::DataTypePtr& type, bool try_cast = false) const;
  /// The conjunction of `conjuncts` (TRUE when empty).
  Result<ExprPtr> And(std::vector<ExprPtr> conjuncts) const;
  Result<ExprPtr> Or(std::vector<ExprPtr> disjuncts) const;
  Result<ExprPtr> Not(ExprPtr expr) const { return Call("not", {std::move(expr)}); }
  Result<ExprPtr> Eq(ExprPtr a, ExprPtr b) const { return Call("eq", {std::move(a), std::move(b)}); }

  static ExprPtr Literal(arrow::Scalar value);
  static ExprPtr True() { return Literal(arrow::Scalar::Boolean(true)); }

  /// The common type of several expressions (CASE branches, COALESCE, UNION columns, VALUES
  /// rows, IN lists); `what` names the construct in the error ("CASE", "UNION").
  Result<arrow::DataTypePtr> CommonType(const std::vector<arrow::DataTypePtr>& types,
                                        std::string_view what) const;

 private:
  const compute::FunctionRegistry* registry_;
};

}  // namespace ballista::logical
