#include "ballista/physical/operators/window_sink.h"

#include <cctype>
#include <mutex>

#include "ballista/exec/memory_reservation.h"
#include "ballista/physical/kernels/gather.h"
#include "ballista/physical/operators/materialized.h"

namespace ballista::physical {
namespace {

namespace a = ballista::arrow;
namespace l = ballista::logical;

struct WindowGlobalState final : public MaterializedSinkState {
  explicit WindowGlobalState(MemoryPool* pool) : reservation(pool) {}
  std::mutex mutex;
  std::vector<a::RecordBatchPtr> input;
  exec::MemoryReservation reservation;
};

}  // namespace

std::string WindowSink::name() const {
  std::string out = "Window(";
  for (size_t i = 0; i < exprs_.size(); ++i) out += (i ? ", " : "") + exprs_[i].display;
  return out + ")";
}

Result<std::unique_ptr<exec::GlobalSinkState>> WindowSink::MakeGlobalSinkState(
    exec::ExecContext&, exec::OperatorMetrics& metrics) const {
  return std::make_unique<WindowGlobalState>(metrics.memory_pool());
}

Result<exec::SinkResult> WindowSink::Consume(exec::ExecContext&, const a::RecordBatchPtr& batch,
                                             exec::GlobalSinkState& global, exec::LocalSinkState&,
                                             exec::ResumeSignalPtr*) const {
  auto& g = static_cast<WindowGlobalState&>(global);
  std::lock_guard<std::mutex> lock(g.mutex);
  RETURN_NOT_OK(g.reservation.TryGrow(BatchBytes(*batch)));
  g.input.push_back(batch);
  return exec::SinkResult::kNeedMoreInput;
}

Status WindowSink::Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const {
  auto& g = static_cast<WindowGlobalState&>(global);
  if (g.input.empty()) return Status::OK();
  ASSIGN_OR_RAISE(auto all, ConcatBatches(input_schema_, g.input, ctx.memory_pool()));
  g.input.clear();
  std::vector<a::ArrayDataPtr> columns = all->columns();
  for (const auto& expr : exprs_) {
    ASSIGN_OR_RAISE(auto column, ComputeWindowColumn(expr, *all, ctx.memory_pool()));
    columns.push_back(std::move(column));
  }
  g.output.push_back(std::make_shared<a::RecordBatch>(output_schema_, all->num_rows(), std::move(columns)));
  return Status::OK();
}

Result<std::shared_ptr<WindowSink>> MakeWindowSink(const l::WindowPlan& plan,
                                                   const ParameterValues& parameters) {
  const ColumnLayout layout(plan.input->output());
  std::vector<PhysicalWindowExpr> exprs;
  for (const auto& e : plan.window_exprs) {
    if (e->kind != l::ExprKind::kWindow) {
      return Status::Internal("window list holds a non-window expression: " + e->ToString());
    }
    const auto& w = e->As<l::WindowExpr>();
    PhysicalWindowExpr out;
    out.display = w.ToString();
    out.function_name = w.function_name;
    for (auto& c : out.function_name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (w.aggregate_function) {
      if (!w.resolved_aggregate) return Status::Internal("window aggregate is not resolved: " + out.display);
      out.aggregate = *w.resolved_aggregate;
    }
    for (const auto& arg : w.args) {
      ASSIGN_OR_RAISE(auto c, CompileExpr(arg, layout, parameters));
      out.args.push_back(std::move(c));
    }
    for (const auto& p : w.partition_by) {
      ASSIGN_OR_RAISE(auto c, CompileExpr(p, layout, parameters));
      out.partition_by.push_back(std::move(c));
    }
    for (const auto& k : w.order_by) {
      ASSIGN_OR_RAISE(auto c, CompileExpr(k.expr, layout, parameters));
      out.order_by.push_back({std::move(c), SortOrder{k.ascending, k.nulls_first}});
    }
    out.units = w.frame.units;
    out.start = w.frame.start.kind;
    out.end = w.frame.end.kind;
    if (w.frame.start.offset) {
      ASSIGN_OR_RAISE(out.start_offset, CompileExpr(w.frame.start.offset, layout, parameters));
    }
    if (w.frame.end.offset) {
      ASSIGN_OR_RAISE(out.end_offset, CompileExpr(w.frame.end.offset, layout, parameters));
    }
    out.type = e->type;
    exprs.push_back(std::move(out));
  }
  return std::make_shared<WindowSink>(std::move(exprs), plan.input->ToArrowSchema(),
                                      plan.ToArrowSchema());
}

}  // namespace ballista::physical
