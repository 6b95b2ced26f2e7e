#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ballista/catalog/catalog.h"
#include "ballista/logical/expr.h"

namespace ballista::logical {

/// One output column of a plan node.
struct OutputColumn {
  ColumnId id;
  std::string qualifier;  ///< table or alias the column belongs to ("" for computed values)
  std::string name;
  arrow::DataTypePtr type;
  bool nullable = true;

  /// "qualifier.name" or "name".
  std::string QualifiedName() const { return qualifier.empty() ? name : qualifier + "." + name; }
  /// A reference to this column.
  ExprPtr ToExpr() const;
};

enum class PlanKind : uint8_t {
  kTableScan,
  kValues,
  kEmpty,
  kProjection,
  kFilter,
  kAggregate,
  kJoin,
  kSort,
  kLimit,
  kSetOperation,
  kDistinct,
  kWindow,
};

/// A node of a logical plan. Immutable and shared; thread-safe. Optimizer passes build new nodes
/// with WithInputs.
class LogicalPlan {
 public:
  LogicalPlan(const LogicalPlan&) = delete;
  LogicalPlan& operator=(const LogicalPlan&) = delete;
  virtual ~LogicalPlan() = default;

  const PlanKind kind;
  const std::vector<OutputColumn>& output() const { return output_; }

  virtual std::vector<LogicalPlanPtr> inputs() const = 0;
  /// The same node over new inputs. Nodes whose output mirrors their input (Filter, Sort,
  /// Limit, Distinct) take the new input's columns.
  virtual LogicalPlanPtr WithInputs(std::vector<LogicalPlanPtr> inputs) const = 0;
  /// Every expression the node evaluates (for visitors and pushdown analysis).
  virtual std::vector<ExprPtr> expressions() const { return {}; }
  /// One line describing the node, without its inputs: "Filter: l.l_quantity < 24".
  virtual std::string Describe() const = 0;

  /// The output column with this id, or null.
  const OutputColumn* FindColumn(ColumnId id) const;
  /// The output as an Arrow schema (names unqualified, as the user sees them).
  arrow::SchemaPtr ToArrowSchema() const;

  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

 protected:
  LogicalPlan(PlanKind k, std::vector<OutputColumn> output) : kind(k), output_(std::move(output)) {}

 private:
  std::vector<OutputColumn> output_;
};

/// Reads a table: `projection` lists provider schema fields, one per output column. `filters`
/// are conjuncts pushed into the scan (the provider may use them to skip data; a Filter above
/// keeps them exact) and `fetch` a row limit with nothing above that could drop rows.
class TableScan final : public LogicalPlan {
 public:
  TableScan(catalog::ResolvedTable table, std::vector<int> projection,
            std::vector<OutputColumn> output, std::vector<ExprPtr> filters,
            std::optional<int64_t> fetch)
      : LogicalPlan(PlanKind::kTableScan, std::move(output)),
        table(std::move(table)),
        projection(std::move(projection)),
        filters(std::move(filters)),
        fetch(fetch) {}
  std::vector<LogicalPlanPtr> inputs() const override { return {}; }
  LogicalPlanPtr WithInputs(std::vector<LogicalPlanPtr>) const override;
  std::vector<ExprPtr> expressions() const override { return filters; }
  std::string Describe() const override;

  const catalog::ResolvedTable table;
  const std::vector<int> projection;
  const std::vector<ExprPtr> filters;
  const std::optional<int64_t> fetch;
};

/// Constant rows (VALUES). Every row has one expression per output column.
class ValuesPlan final : public LogicalPlan {
 public:
  ValuesPlan(std::vector<std::vector<ExprPtr>> rows, std::vector<OutputColumn> output)
      : LogicalPlan(PlanKind::kValues, std::move(output)), rows(std::move(rows)) {}
  std::vector<LogicalPlanPtr> inputs() const override { return {}; }
  LogicalPlanPtr WithInputs(std::vector<LogicalPlanPtr>) const override;
  std::vector<ExprPtr> expressions() const override;
  std::string Describe() const override;

  const std::vector<std::vector<ExprPtr>> rows;
};

/// No columns and either one row (SELECT without FROM) or none (a provably empty input).
class EmptyPlan final : public LogicalPlan {
 public:
  EmptyPlan(bool produce_one_row, std::vector<OutputColumn> output)
      : LogicalPlan(PlanKind::kEmpty, std::move(output)), produce_one_row(produce_one_row) {}
  std::vector<LogicalPlanPtr> inputs() const override { return {}; }
  LogicalPlanPtr WithInputs(std::vector<LogicalPlanPtr>) const override;
  std::string Describe() const override;

  const bool produce_one_row;
};

/// Computes exprs[i] into output column i.
class ProjectionPlan final : public LogicalPlan {
 public:
  ProjectionPlan(LogicalPlanPtr input, std::vector<ExprPtr> exprs, std::vector<OutputColumn> output)
      : LogicalPlan(PlanKind::kProjection, std::move(output)),
        input(std::move(input)),
        exprs(std::move(exprs)) {}
  std::vector<LogicalPlanPtr> inputs() const override { return {input}; }
  LogicalPlanPtr WithInputs(std::vector<LogicalPlanPtr> inputs) const override;
  std::vector<ExprPtr> expressions() const override { return exprs; }
  std::string Describe() const override;

  const LogicalPlanPtr input;
  const std::vector<ExprPtr> exprs;
};

/// Keeps the rows where the predicate is true (not false, not NULL).
class FilterPlan final : public LogicalPlan {
 public:
  FilterPlan(LogicalPlanPtr input, ExprPtr predicate)
      : LogicalPlan(PlanKind::kFilter, input->output()),
        input(std::move(input)),
        predicate(std::move(predicate)) {}
  std::vector<LogicalPlanPtr> inputs() const override { return {input}; }
  LogicalPlanPtr WithInputs(std::vector<LogicalPlanPtr> inputs) const override;
  std::vector<ExprPtr> expressions() const override { return {predicate}; }
  std::string Describe() const override;

  const LogicalPlanPtr input;
  const ExprPtr predicate;
};

/// GROUP BY. Output: one column per group expression, then one per aggregate, then (with
/// grouping sets) a UInt64 `__grouping_id` whose bit i is set when group expression i is not
/// part of the row's set (as GROUPING() reports, first expression in the highest bit).
/// `grouping_sets` is empty for a plain GROUP BY; otherwise each set lists group expression
/// indices.
/// How an aggregation splits across a shuffle (the stage planner's two-phase aggregation):
///   kSingle   input rows in, final values out (every plan the binder and optimizer make);
///   kPartial  input rows in, per group the keys and each aggregate's partial state out: the
///             columns of ResolvedAggregate::state_fields, aggregate after aggregate;
///   kFinal    a kPartial's output in (keys first, then the states in that order), final values
///             out. Its aggregate calls keep their resolution but their arguments are the state
///             columns and they have no FILTER: the partial phase applied it.
enum class AggregateMode : uint8_t { kSingle, kPartial, kFinal };

class AggregatePlan final : public LogicalPlan {
 public:
  AggregatePlan(LogicalPlanPtr input, std::vector<ExprPtr> group_exprs,
                std::vector<std::vector<int>> grouping_sets, std::vector<ExprPtr> aggregates,
                std::vector<OutputColumn> output, AggregateMode mode = AggregateMode::kSingle)
      : LogicalPlan(PlanKind::kAggregate, std::move(output)),
        input(std::move(input)),
        group_exprs(std::move(group_exprs)),
        grouping_sets(std::move(grouping_sets)),
        aggregates(std::move(aggregates)),
        mode(mode) {}
  std::vector<LogicalPlanPtr> inputs() const override { return {input}; }
  LogicalPlanPtr WithInputs(std::vector<LogicalPlanPtr> inputs) const override;
  std::vector<ExprPtr> expressions() const override;
  std::string Describe() const override;

  const LogicalPlanPtr input;
  const std::vector<ExprPtr> group_exprs;
  const std::vector<std::vector<int>> grouping_sets;
  const std::vector<ExprPtr> aggregates;  ///< AggregateExpr nodes
  const AggregateMode mode;
};

enum class JoinType : uint8_t {
  kInner,
  kLeft,
  kRight,
  kFull,
  kLeftSemi,   ///< left rows with a match; output = left columns
  kLeftAnti,   ///< left rows without a match; output = left columns
  kLeftMark,   ///< every left row plus a boolean `mark` column: has a match (NULL when unknown)
};

std::string_view JoinTypeName(JoinType type);

/// left JOIN right. `keys` are equi-join pairs (left expr over left columns = right expr over
/// right columns); `filter` is any further condition over both sides. With no keys and no filter
/// an inner join is a cross join. `null_aware` (anti joins from NOT IN) makes a NULL key on
/// either side count as "unknown", so NOT IN over a NULL returns no rows, as SQL requires.
class JoinPlan final : public LogicalPlan {
 public:
  JoinPlan(LogicalPlanPtr left, LogicalPlanPtr right, JoinType join_type,
           std::vector<std::pair<ExprPtr, ExprPtr>> keys, ExprPtr filter, bool null_aware,
           std::vector<OutputColumn> output)
      : LogicalPlan(PlanKind::kJoin, std::move(output)),
        left(std::move(left)),
        right(std::move(right)),
        join_type(join_type),
        keys(std::move(keys)),
        filter(std::move(filter)),
        null_aware(null_aware) {}
  std::vector<LogicalPlanPtr> inputs() const override { return {left, right}; }
  LogicalPlanPtr WithInputs(std::vector<LogicalPlanPtr> inputs) const override;
  std::vector<ExprPtr> expressions() const override;
  std::string Describe() const override;
  bool IsCrossJoin() const { return join_type == JoinType::kInner && keys.empty() && !filter; }

  /// The output columns of a join of this type over these inputs (`mark` is used by kLeftMark).
  static std::vector<OutputColumn> JoinOutput(const LogicalPlan& left, const LogicalPlan& right,
                                              JoinType type, const OutputColumn* mark);

  const LogicalPlanPtr left;
  const LogicalPlanPtr right;
  const JoinType join_type;
  const std::vector<std::pair<ExprPtr, ExprPtr>> keys;
  const ExprPtr filter;  ///< may be null
  const bool null_aware;
};

/// ORDER BY; with `fetch` only the first rows are needed (top-k).
class SortPlan final : public LogicalPlan {
 public:
  SortPlan(LogicalPlanPtr input, std::vector<SortExpr> keys, std::optional<int64_t> fetch)
      : LogicalPlan(PlanKind::kSort, input->output()),
        input(std::move(input)),
        keys(std::move(keys)),
        fetch(fetch) {}
  std::vector<LogicalPlanPtr> inputs() const override { return {input}; }
  LogicalPlanPtr WithInputs(std::vector<LogicalPlanPtr> inputs) const override;
  std::vector<ExprPtr> expressions() const override;
  std::string Describe() const override;

  const LogicalPlanPtr input;
  const std::vector<SortExpr> keys;
  const std::optional<int64_t> fetch;
};

/// OFFSET skip LIMIT fetch.
class LimitPlan final : public LogicalPlan {
 public:
  LimitPlan(LogicalPlanPtr input, int64_t skip, std::optional<int64_t> fetch)
      : LogicalPlan(PlanKind::kLimit, input->output()),
        input(std::move(input)),
        skip(skip),
        fetch(fetch) {}
  std::vector<LogicalPlanPtr> inputs() const override { return {input}; }
  LogicalPlanPtr WithInputs(std::vector<LogicalPlanPtr> inputs) const override;
  std::string Describe() const override;

  const LogicalPlanPtr input;
  const int64_t skip;
  const std::optional<int64_t> fetch;
};

enum class SetOpKind : uint8_t { kUnion, kIntersect, kExcept };

/// UNION / INTERSECT / EXCEPT [ALL] of inputs with the same column count; inputs have been cast
/// to the common column types. The output gets fresh column ids (named after the first input).
class SetOperationPlan final : public LogicalPlan {
 public:
  SetOperationPlan(SetOpKind op, bool all, std::vector<LogicalPlanPtr> inputs,
                   std::vector<OutputColumn> output)
      : LogicalPlan(PlanKind::kSetOperation, std::move(output)),
        op(op),
        all(all),
        set_inputs(std::move(inputs)) {}
  std::vector<LogicalPlanPtr> inputs() const override { return set_inputs; }
  LogicalPlanPtr WithInputs(std::vector<LogicalPlanPtr> inputs) const override;
  std::string Describe() const override;

  const SetOpKind op;
  const bool all;
  const std::vector<LogicalPlanPtr> set_inputs;
};

/// Removes duplicate rows (all columns compared; NULLs equal each other).
class DistinctPlan final : public LogicalPlan {
 public:
  explicit DistinctPlan(LogicalPlanPtr input)
      : LogicalPlan(PlanKind::kDistinct, input->output()), input(std::move(input)) {}
  std::vector<LogicalPlanPtr> inputs() const override { return {input}; }
  LogicalPlanPtr WithInputs(std::vector<LogicalPlanPtr> inputs) const override;
  std::string Describe() const override { return "Distinct"; }

  const LogicalPlanPtr input;
};

/// Window functions: output = the input's columns, then one column per window expression.
class WindowPlan final : public LogicalPlan {
 public:
  WindowPlan(LogicalPlanPtr input, std::vector<ExprPtr> window_exprs,
             std::vector<OutputColumn> output)
      : LogicalPlan(PlanKind::kWindow, std::move(output)),
        input(std::move(input)),
        window_exprs(std::move(window_exprs)) {}
  std::vector<LogicalPlanPtr> inputs() const override { return {input}; }
  LogicalPlanPtr WithInputs(std::vector<LogicalPlanPtr> inputs) const override;
  std::vector<ExprPtr> expressions() const override { return window_exprs; }
  std::string Describe() const override;

  const LogicalPlanPtr input;
  const std::vector<ExprPtr> window_exprs;  ///< WindowExpr nodes
};

/// The plan as an indented tree, one node per line, children indented by two spaces:
///   Projection: l.l_returnflag, sum(l.l_quantity)
///     Aggregate: groups=[l.l_returnflag] aggs=[sum(l.l_quantity)]
///       TableScan: lineitem projection=[l_returnflag, l_quantity]
/// Subquery plans inside expressions are printed under their node, marked "Subquery:".
std::string PlanToString(const LogicalPlan& plan);

/// Visits every node, parents first, including plans of subquery expressions.
void VisitPlan(const LogicalPlanPtr& plan, const std::function<void(const LogicalPlanPtr&)>& visit);

}  // namespace ballista::logical
