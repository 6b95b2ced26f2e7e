#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/compute/function.h"

namespace ballista::compute {

/// One line of SHOW FUNCTIONS.
struct FunctionInfo {
  std::string name;       ///< lower case, as registered (aliases listed separately)
  std::string kind;       ///< "scalar", "aggregate" or "window"
  std::string signature;  ///< "round(x [, digits])"
  std::string doc;        ///< "round(x [, digits]) - Rounds x to digits decimal places"
};

/// Name -> function maps for scalar (operators included), aggregate and window functions.
/// Lookups are case-insensitive. Built once, then read-only and safe to use concurrently.
class FunctionRegistry {
 public:
  FunctionRegistry();
  ~FunctionRegistry();
  FunctionRegistry(const FunctionRegistry&) = delete;
  FunctionRegistry& operator=(const FunctionRegistry&) = delete;

  /// Every built-in function, created once on first use (thread-safe).
  static const FunctionRegistry& Default();

  /// The function named `name` (any case) or null.
  const ScalarFunction* FindScalar(std::string_view name) const;
  const AggregateFunction* FindAggregate(std::string_view name) const;
  const WindowFunction* FindWindow(std::string_view name) const;

  /// Every function and alias, sorted by name then kind.
  std::vector<FunctionInfo> List() const;

  /// FindScalar + Resolve; NotFound `function "lenght" does not exist; did you mean "length"?`
  /// when no function of any kind has the name.
  Result<ResolvedScalar> ResolveScalar(std::string_view name,
                                       const std::vector<arrow::DataTypePtr>& args) const;

  /// The closest registered name (edit distance), or "" when none is close.
  std::string SuggestName(std::string_view name) const;

  /// Registration (used while building a registry; not thread-safe). Names are stored lower
  /// case; registering a name twice replaces the earlier function.
  void AddScalar(std::unique_ptr<ScalarFunction> function);
  void AddAggregate(std::unique_ptr<AggregateFunction> function);
  void AddWindow(std::unique_ptr<WindowFunction> function);
  /// Makes `alias` another name of the already registered function `target` (any kind).
  void AddAlias(std::string_view alias, std::string_view target);

 private:
  std::map<std::string, std::shared_ptr<ScalarFunction>> scalars_;
  std::map<std::string, std::shared_ptr<AggregateFunction>> aggregates_;
  std::map<std::string, std::shared_ptr<WindowFunction>> windows_;
};

/// Registration of the built-in families (each in its own file).
void RegisterOperatorFunctions(FunctionRegistry* registry);
void RegisterConditionalFunctions(FunctionRegistry* registry);
void RegisterStringFunctions(FunctionRegistry* registry);
void RegisterMathFunctions(FunctionRegistry* registry);
void RegisterTemporalFunctions(FunctionRegistry* registry);
void RegisterAggregateFunctions(FunctionRegistry* registry);
void RegisterWindowFunctions(FunctionRegistry* registry);

}  // namespace ballista::compute
