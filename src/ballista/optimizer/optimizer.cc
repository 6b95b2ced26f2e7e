#include "ballista/optimizer/optimizer.h"

#include "ballista/catalog/sql_type_name.h"

namespace ballista::optimizer {

std::vector<std::unique_ptr<OptimizerPass>> DefaultPasses() {
  std::vector<std::unique_ptr<OptimizerPass>> passes;
  passes.push_back(MakeSimplifyExpressions());
  passes.push_back(MakeDecorrelateSubqueries());
  passes.push_back(MakePushDownFilter());
  passes.push_back(MakeEliminateOuterJoin());
  passes.push_back(MakeReorderJoins());
  passes.push_back(MakePushDownFilter());  // joins were rebuilt: place their conditions again
  passes.push_back(MakeEliminateDistinct());
  passes.push_back(MakePushDownLimit());
  passes.push_back(MakeCommonSubexpressions());
  passes.push_back(MakeSimplifyExpressions());
  passes.push_back(MakePushDownProjection());
  return passes;
}

std::vector<std::unique_ptr<OptimizerPass>> RequiredPasses() {
  std::vector<std::unique_ptr<OptimizerPass>> passes;
  passes.push_back(MakeDecorrelateSubqueries());
  passes.push_back(MakeExtractJoinKeys());
  return passes;
}

Optimizer::Optimizer() : passes_(DefaultPasses()) {}
Optimizer::Optimizer(std::vector<std::unique_ptr<OptimizerPass>> passes)
    : passes_(std::move(passes)) {}

std::vector<std::string> Optimizer::PassNames() const {
  std::vector<std::string> names;
  for (const auto& pass : passes_) names.emplace_back(pass->name());
  return names;
}

namespace {

Status CheckSameOutput(const logical::LogicalPlan& before, const logical::LogicalPlan& after,
                       std::string_view pass) {
  const auto& a = before.output();
  const auto& b = after.output();
  auto fail = [&](const std::string& what) {
    return Status::Internal("optimizer pass " + std::string(pass) + " changed the plan's output: " +
                            what);
  };
  if (a.size() != b.size()) {
    return fail(std::to_string(a.size()) + " columns became " + std::to_string(b.size()));
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name) return fail("column " + a[i].name + " became " + b[i].name);
    if (!a[i].type->Equals(*b[i].type)) {
      return fail("column " + a[i].name + " of type " + catalog::SqlTypeName(*a[i].type) +
                  " became " + catalog::SqlTypeName(*b[i].type));
    }
  }
  return Status::OK();
}

}  // namespace

Result<OptimizeResult> Optimizer::Optimize(const LogicalPlanPtr& plan,
                                           const std::set<std::string>& skip, bool record_plans,
                                           const OptimizerContext& context) const {
  for (const auto& name : skip) {
    bool known = false;
    for (const auto& pass : passes_) known = known || pass->name() == name;
    if (!known) {
      std::string names;
      for (const auto& pass : passes_) {
        if (names.find(std::string(pass->name())) != std::string::npos) continue;
        names += (names.empty() ? "" : ", ") + std::string(pass->name());
      }
      return Status::InvalidArgument("unknown optimizer pass \"" + name + "\"; passes are " + names);
    }
  }
  OptimizeResult result;
  result.plan = plan;
  for (const auto& pass : passes_) {
    PassRecord record;
    record.name = std::string(pass->name());
    if (skip.count(record.name) > 0) {
      record.skipped = true;
      result.passes.push_back(std::move(record));
      continue;
    }
    auto start = std::chrono::steady_clock::now();
    auto next = pass->Apply(result.plan, context);
    record.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - start);
    if (!next.ok()) {
      return Status(next.status().code(),
                    "optimizer pass " + record.name + ": " + next.status().message());
    }
    RETURN_NOT_OK(CheckSameOutput(*result.plan, **next, record.name));
    record.changed = *next != result.plan;
    result.plan = std::move(next).ValueOrDie();
    if (record_plans) record.plan_after = logical::PlanToString(*result.plan);
    result.passes.push_back(std::move(record));
  }
  return result;
}

}  // namespace ballista::optimizer
