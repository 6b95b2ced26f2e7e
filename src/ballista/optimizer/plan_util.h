#pragma once

#include <functional>
#include <map>
#include <set>
#include <vector>

#include "ballista/logical/plan.h"

namespace ballista::optimizer {

using logical::ColumnId;
using logical::ExprPtr;
using logical::LogicalPlan;
using logical::LogicalPlanPtr;
using logical::OutputColumn;

/// Ids of a plan's output columns.
std::set<ColumnId> OutputIds(const LogicalPlan& plan);
/// Ids an expression reads (subquery plans included).
std::set<ColumnId> ExprColumns(const ExprPtr& expr);
/// True when every column `expr` reads is in `ids`.
bool RefersOnlyTo(const ExprPtr& expr, const std::set<ColumnId>& ids);
/// True when the expression holds a subquery.
bool HasSubquery(const ExprPtr& expr);

/// Rebuilds the plan bottom-up: `rewrite` sees each node after its inputs were rewritten and
/// returns a replacement (or the node itself). Subquery plans inside expressions are not visited.
Result<LogicalPlanPtr> TransformUp(
    const LogicalPlanPtr& plan,
    const std::function<Result<LogicalPlanPtr>(const LogicalPlanPtr&)>& rewrite);

/// Substitutes column references by expressions (pushing an expression through a projection).
ExprPtr ReplaceColumns(const ExprPtr& expr, const std::map<ColumnId, ExprPtr>& replacements);

/// A projection over `plan` producing exactly `columns` (by id, in that order), or `plan` itself
/// when it already does.
LogicalPlanPtr ProjectTo(const LogicalPlanPtr& plan, const std::vector<OutputColumn>& columns);

/// Splits join conditions into equi-join keys (an expression over the left side only = one over
/// the right side only, either way round; appended to `keys` as (left, right)) and the rest.
void SplitJoinKeys(const std::vector<ExprPtr>& conditions, const std::set<ColumnId>& left_ids,
                   const std::set<ColumnId>& right_ids,
                   std::vector<std::pair<ExprPtr, ExprPtr>>* keys, std::vector<ExprPtr>* rest);

/// The conjunction of `conjuncts` built with the registry's `and`, or null when empty.
Result<ExprPtr> Conjunction(std::vector<ExprPtr> conjuncts);

}  // namespace ballista::optimizer
