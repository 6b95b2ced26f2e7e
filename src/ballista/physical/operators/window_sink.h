#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ballista/exec/sink.h"
#include "ballista/logical/plan.h"
#include "ballista/physical/operators/sort_sink.h"
#include "ballista/physical/physical_expr.h"

namespace ballista::physical {

/// One window function call, compiled against the window's input.
struct PhysicalWindowExpr {
  std::string display;
  std::string function_name;  ///< lower case: "rank", "lag", "sum", ...
  /// Set for aggregates evaluated over the frame.
  std::optional<compute::ResolvedAggregate> aggregate;
  std::vector<PhysicalExprPtr> args;
  std::vector<PhysicalExprPtr> partition_by;
  std::vector<PhysicalSortKey> order_by;
  logical::FrameUnits units = logical::FrameUnits::kRange;
  logical::FrameBound::Kind start = logical::FrameBound::Kind::kUnboundedPreceding;
  logical::FrameBound::Kind end = logical::FrameBound::Kind::kCurrentRow;
  PhysicalExprPtr start_offset;  ///< for kPreceding / kFollowing
  PhysicalExprPtr end_offset;
  arrow::DataTypePtr type;
};

/// Computes one window column over all rows of `input` (aligned with its rows): rows are sorted
/// by (partition keys, order keys), partitions and peer groups found, frames computed per row
/// (ROWS, RANGE with numeric offsets, GROUPS), then the function evaluated: row_number, rank,
/// dense_rank, percent_rank, cume_dist, ntile, lag, lead, first_value, last_value, nth_value, or
/// an aggregate fed each row's frame through a GroupedAccumulator (group id = row).
Result<arrow::ArrayDataPtr> ComputeWindowColumn(const PhysicalWindowExpr& expr,
                                                const arrow::RecordBatch& input, MemoryPool* pool);

/// The WINDOW operator: buffers its whole input (per task, then combined), and in Finalize
/// appends one column per window expression. Output: the input columns, then the window
/// columns, in input order (a MaterializedSource emits them). Memory is reserved per buffered
/// batch; a refusal is a ResourcesExhausted error (no spilling yet).
class WindowSink final : public exec::Sink {
 public:
  WindowSink(std::vector<PhysicalWindowExpr> exprs, arrow::SchemaPtr input_schema,
             arrow::SchemaPtr output_schema)
      : exprs_(std::move(exprs)),
        input_schema_(std::move(input_schema)),
        output_schema_(std::move(output_schema)) {}

  std::string name() const override;
  Result<std::unique_ptr<exec::GlobalSinkState>> MakeGlobalSinkState(
      exec::ExecContext& ctx, exec::OperatorMetrics& metrics) const override;
  /// Locks the global state.
  Result<exec::SinkResult> Consume(exec::ExecContext& ctx, const arrow::RecordBatchPtr& batch,
                                   exec::GlobalSinkState& global, exec::LocalSinkState& local,
                                   exec::ResumeSignalPtr* resume) const override;
  Status Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const override;

 private:
  std::vector<PhysicalWindowExpr> exprs_;
  arrow::SchemaPtr input_schema_;
  arrow::SchemaPtr output_schema_;
};

/// Compiles the window expressions of `plan` into a WindowSink.
Result<std::shared_ptr<WindowSink>> MakeWindowSink(const logical::WindowPlan& plan,
                                                   const ParameterValues& parameters);

}  // namespace ballista::physical
