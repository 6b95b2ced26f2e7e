#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/scalar.h"
#include "ballista/compute/datum.h"
#include "ballista/compute/function.h"
#include "ballista/logical/expr.h"
#include "ballista/logical/plan.h"

namespace ballista::physical {

/// A compiled scalar expression: evaluated over a whole batch at a time (column references are
/// positions in the batch, functions are resolved kernels), so there is no per-row dispatch.
/// Immutable after compilation; Evaluate may be called concurrently.
class PhysicalExpr {
 public:
  explicit PhysicalExpr(arrow::DataTypePtr type) : type_(std::move(type)) {}
  virtual ~PhysicalExpr() = default;

  /// The value for every row of `batch`: an array of batch.num_rows() rows, or a scalar that
  /// stands for every row.
  virtual Result<compute::Datum> Evaluate(const arrow::RecordBatch& batch,
                                          compute::ExecContext* ctx) const = 0;
  /// Display form for EXPLAIN: "#3", "add(#0, 1)".
  virtual std::string ToString() const = 0;

  const arrow::DataTypePtr& type() const { return type_; }

 private:
  arrow::DataTypePtr type_;
};

using PhysicalExprPtr = std::shared_ptr<const PhysicalExpr>;

/// Where each column id of an input lives in the input's batches.
class ColumnLayout {
 public:
  ColumnLayout() = default;
  explicit ColumnLayout(const std::vector<logical::OutputColumn>& columns);
  /// The layout of `left` followed by `right` (a join's candidate rows).
  static ColumnLayout Concat(const std::vector<logical::OutputColumn>& left,
                             const std::vector<logical::OutputColumn>& right);

  /// Position of `id`, or -1.
  int Find(logical::ColumnId id) const;

 private:
  std::unordered_map<logical::ColumnId, int> positions_;
};

/// Values of `$1`, `$2`, ... for ParameterExpr.
using ParameterValues = std::vector<arrow::Scalar>;

/// Compiles `expr` against an input laid out as `layout`. Errors: a column id the input lacks
/// (Internal: the logical plan is inconsistent), an aggregate/window/subquery expression (they
/// must have been planned into operators by now), a parameter without a value.
Result<PhysicalExprPtr> CompileExpr(const logical::ExprPtr& expr, const ColumnLayout& layout,
                                    const ParameterValues& parameters = {});

/// Evaluates and returns an array of batch.num_rows() rows (scalars are expanded).
Result<arrow::ArrayDataPtr> EvaluateToArray(const PhysicalExpr& expr, const arrow::RecordBatch& batch,
                                            compute::ExecContext* ctx);

/// Row indices where `predicate` (a boolean datum for `num_rows` rows) is true (not false, not
/// NULL).
std::vector<int64_t> SelectedRows(const compute::Datum& predicate, int64_t num_rows);

/// Keeps the rows of `batch` where `predicate` is true; returns `batch` itself when all are kept.
Result<arrow::RecordBatchPtr> FilterBatch(const arrow::RecordBatchPtr& batch,
                                          const compute::Datum& predicate, MemoryPool* pool);

}  // namespace ballista::physical
