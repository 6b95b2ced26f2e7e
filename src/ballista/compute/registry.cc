#include "ballista/compute/registry.h"

#include <algorithm>
#include <cctype>

namespace ballista::compute {

namespace {

std::string Lower(std::string_view name) {
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

template <typename Map>
auto FindIn(const Map& map, std::string_view name) -> decltype(map.begin()->second.get()) {
  auto it = map.find(Lower(name));
  return it == map.end() ? nullptr : it->second.get();
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitute = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, substitute});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

FunctionRegistry::FunctionRegistry() = default;
FunctionRegistry::~FunctionRegistry() = default;

const FunctionRegistry& FunctionRegistry::Default() {
  static const FunctionRegistry* registry = [] {
    auto* r = new FunctionRegistry();
    RegisterOperatorFunctions(r);
    RegisterConditionalFunctions(r);
    RegisterStringFunctions(r);
    RegisterMathFunctions(r);
    RegisterTemporalFunctions(r);
    RegisterAggregateFunctions(r);
    RegisterWindowFunctions(r);
    return r;
  }();
  return *registry;
}

const ScalarFunction* FunctionRegistry::FindScalar(std::string_view name) const {
  return FindIn(scalars_, name);
}
const AggregateFunction* FunctionRegistry::FindAggregate(std::string_view name) const {
  return FindIn(aggregates_, name);
}
const WindowFunction* FunctionRegistry::FindWindow(std::string_view name) const {
  return FindIn(windows_, name);
}

std::vector<FunctionInfo> FunctionRegistry::List() const {
  std::vector<FunctionInfo> out;
  for (const auto& [name, f] : scalars_) out.push_back({name, "scalar", f->signature(), f->doc()});
  for (const auto& [name, f] : aggregates_) {
    out.push_back({name, "aggregate", f->signature(), f->doc()});
  }
  for (const auto& [name, f] : windows_) out.push_back({name, "window", f->signature(), f->doc()});
  std::sort(out.begin(), out.end(), [](const FunctionInfo& a, const FunctionInfo& b) {
    return a.name != b.name ? a.name < b.name : a.kind < b.kind;
  });
  return out;
}

std::string FunctionRegistry::SuggestName(std::string_view name) const {
  const std::string lower = Lower(name);
  std::string best;
  size_t best_distance = std::max<size_t>(2, lower.size() / 3) + 1;
  auto consider = [&](const std::string& candidate) {
    const size_t d = EditDistance(lower, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  };
  for (const auto& entry : scalars_) consider(entry.first);
  for (const auto& entry : aggregates_) consider(entry.first);
  for (const auto& entry : windows_) consider(entry.first);
  return best;
}

Result<ResolvedScalar> FunctionRegistry::ResolveScalar(
    std::string_view name, const std::vector<arrow::DataTypePtr>& args) const {
  const ScalarFunction* f = FindScalar(name);
  if (f == nullptr) {
    std::string message = "function \"" + std::string(name) + "\" does not exist";
    if (FindAggregate(name) != nullptr || FindWindow(name) != nullptr) {
      return Status::PlanError(message + " as a scalar function; \"" + std::string(name) +
                               "\" is an aggregate or window function");
    }
    const std::string suggestion = SuggestName(name);
    if (!suggestion.empty()) message += "; did you mean \"" + suggestion + "\"?";
    return Status::NotFound(message);
  }
  return f->Resolve(args);
}

void FunctionRegistry::AddScalar(std::unique_ptr<ScalarFunction> function) {
  scalars_[Lower(function->name())] = std::move(function);
}
void FunctionRegistry::AddAggregate(std::unique_ptr<AggregateFunction> function) {
  aggregates_[Lower(function->name())] = std::move(function);
}
void FunctionRegistry::AddWindow(std::unique_ptr<WindowFunction> function) {
  windows_[Lower(function->name())] = std::move(function);
}

void FunctionRegistry::AddAlias(std::string_view alias, std::string_view target) {
  const std::string key = Lower(target);
  if (auto it = scalars_.find(key); it != scalars_.end()) scalars_[Lower(alias)] = it->second;
  if (auto it = aggregates_.find(key); it != aggregates_.end()) {
    aggregates_[Lower(alias)] = it->second;
  }
  if (auto it = windows_.find(key); it != windows_.end()) windows_[Lower(alias)] = it->second;
}

}  // namespace ballista::compute
