#pragma once

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/compute/registry.h"
#include "ballista/logical/plan.h"

namespace ballista::optimizer {

using logical::LogicalPlanPtr;

/// What every pass may use.
struct OptimizerContext {
  const compute::FunctionRegistry* registry = &compute::FunctionRegistry::Default();
};

/// One rewrite of the logical plan. A pass returns an equivalent plan with the same output
/// columns (ids, names and types), or the input itself when it changes nothing. Passes are
/// stateless and thread-safe.
class OptimizerPass {
 public:
  virtual ~OptimizerPass() = default;
  /// A stable snake_case name, used by `SET optimizer.skip = 'name,...'` and EXPLAIN VERBOSE.
  virtual std::string_view name() const = 0;
  virtual Result<LogicalPlanPtr> Apply(const LogicalPlanPtr& plan,
                                       const OptimizerContext& context) const = 0;
};

/// What one pass did, for EXPLAIN VERBOSE.
struct PassRecord {
  std::string name;
  std::chrono::microseconds elapsed{0};
  bool skipped = false;
  bool changed = false;
  std::string plan_after;  ///< the plan text after the pass (empty when skipped)
};

struct OptimizeResult {
  LogicalPlanPtr plan;
  std::vector<PassRecord> passes;
};

/// Runs the passes in order. After each pass it checks that the output columns kept their
/// count, names and types (a violation is an Internal error naming the pass).
class Optimizer {
 public:
  /// The default pass list, in order.
  Optimizer();
  explicit Optimizer(std::vector<std::unique_ptr<OptimizerPass>> passes);

  /// Names of the passes, in order.
  std::vector<std::string> PassNames() const;

  /// `skip` lists pass names to leave out (an unknown name is an InvalidArgument error, so a
  /// typo in `optimizer.skip` does not pass silently); `record_plans` keeps each pass's plan
  /// text for EXPLAIN VERBOSE.
  Result<OptimizeResult> Optimize(const LogicalPlanPtr& plan, const std::set<std::string>& skip = {},
                                  bool record_plans = false,
                                  const OptimizerContext& context = {}) const;

 private:
  std::vector<std::unique_ptr<OptimizerPass>> passes_;
};

/// The default passes, in the order they run.
std::vector<std::unique_ptr<OptimizerPass>> DefaultPasses();

// Factories of the individual passes (one file each).
std::unique_ptr<OptimizerPass> MakeSimplifyExpressions();
std::unique_ptr<OptimizerPass> MakeDecorrelateSubqueries();
std::unique_ptr<OptimizerPass> MakePushDownFilter();
std::unique_ptr<OptimizerPass> MakeEliminateOuterJoin();
std::unique_ptr<OptimizerPass> MakeReorderJoins();
std::unique_ptr<OptimizerPass> MakePushDownLimit();
std::unique_ptr<OptimizerPass> MakeEliminateDistinct();
std::unique_ptr<OptimizerPass> MakeCommonSubexpressions();
std::unique_ptr<OptimizerPass> MakePushDownProjection();
std::unique_ptr<OptimizerPass> MakeExtractJoinKeys();

/// The rewrites a plan needs to be executable at all, run even with the optimizer switched off
/// (`optimizer.enabled = false`): subqueries become joins (there is no subquery operator) and
/// join equalities become hash-join keys.
std::vector<std::unique_ptr<OptimizerPass>> RequiredPasses();

}  // namespace ballista::optimizer
