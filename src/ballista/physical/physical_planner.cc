#include "ballista/physical/physical_planner.h"
#include "ballista/physical/scan_filters.h"

#include <thread>
#include <unordered_map>

#include "ballista/compute/cast.h"
#include "ballista/optimizer/cardinality.h"
#include "ballista/physical/kernels/gather.h"
#include "ballista/physical/operators/batches_source.h"
#include "ballista/physical/operators/buffer_sink.h"
#include "ballista/physical/operators/filter_operator.h"
#include "ballista/physical/operators/projection_operator.h"
#include "ballista/physical/operators/relabel_operator.h"
#include "ballista/physical/operators/hash_aggregate_sink.h"
#include "ballista/physical/operators/hash_join_build_sink.h"
#include "ballista/physical/operators/hash_join_probe.h"
#include "ballista/physical/operators/materialized.h"
#include "ballista/physical/operators/set_operation_sink.h"
#include "ballista/physical/operators/sort_sink.h"
#include "ballista/physical/operators/table_scan_source.h"
#include "ballista/physical/operators/window_sink.h"

namespace ballista::physical {
namespace {

namespace a = ballista::arrow;
namespace l = ballista::logical;

/// A pipeline being built: its source and operators so far, and the pipelines that must finish
/// before it starts (builds it probes, sinks its source reads).
struct OpenPipeline {
  std::shared_ptr<const exec::Source> source;
  std::vector<std::shared_ptr<const exec::Operator>> operators;
  std::vector<int> dependencies;
};

class Planner {
 public:
  explicit Planner(const PlannerOptions& options) : options_(options) {}

  /// Plans `node`; the returned pipelines produce its output columns in order. Several
  /// pipelines (UNION ALL) produce rows of the same node.
  Result<std::vector<OpenPipeline>> Plan(const l::LogicalPlanPtr& node, int depth);

  /// Ends `open` in the query result.
  void CloseAsResult(std::vector<OpenPipeline> open) {
    for (auto& p : open) Close(std::move(p), nullptr);
  }

  Result<exec::PipelineGraph> BuildGraph() const {
    exec::PipelineGraph graph;
    for (const auto& p : pipelines_) graph.AddPipeline(p);
    for (size_t i = 0; i < dependencies_.size(); ++i) {
      for (int dep : dependencies_[i]) RETURN_NOT_OK(graph.AddDependency(static_cast<int>(i), dep));
    }
    RETURN_NOT_OK(graph.Validate());
    return graph;
  }

  std::string Tree() const {
    std::string out;
    for (const auto& line : lines_) out += line + "\n";
    return out;
  }

 private:
  int Close(OpenPipeline open, std::shared_ptr<const exec::Sink> sink) {
    const int id = static_cast<int>(pipelines_.size());
    if (sink) feeders_[sink.get()].push_back(id);
    pipelines_.emplace_back(std::move(open.source), std::move(open.operators), std::move(sink));
    dependencies_.push_back(std::move(open.dependencies));
    return id;
  }
  void CloseAll(std::vector<OpenPipeline> open, const std::shared_ptr<const exec::Sink>& sink) {
    for (auto& p : open) Close(std::move(p), sink);
  }
  /// A pipeline starting at `source`, which reads the finished state of `sink`.
  OpenPipeline After(std::shared_ptr<const exec::Source> source, const exec::Sink& sink) {
    OpenPipeline p;
    p.source = std::move(source);
    p.dependencies = feeders_[&sink];
    return p;
  }
  static void Append(std::vector<OpenPipeline>* open, const std::shared_ptr<const exec::Operator>& op) {
    for (auto& p : *open) p.operators.push_back(op);
  }
  /// Reserves the EXPLAIN line of a node before its inputs' lines.
  size_t Line(int depth) {
    lines_.push_back(std::string(static_cast<size_t>(depth) * 2, ' '));
    return lines_.size() - 1;
  }
  void SetLine(size_t line, const std::string& text) { lines_[line] += text; }

  Result<PhysicalExprPtr> Compile(const l::ExprPtr& expr, const l::LogicalPlan& input) {
    return CompileExpr(expr, ColumnLayout(input.output()), options_.parameters);
  }
  /// ORDER BY keys compiled against `input`.
  Result<std::vector<PhysicalSortKey>> CompileSortKeys(const std::vector<l::SortExpr>& sort_keys,
                                                       const l::LogicalPlan& input) {
    std::vector<PhysicalSortKey> keys;
    for (const auto& k : sort_keys) {
      ASSIGN_OR_RAISE(auto compiled, Compile(k.expr, input));
      keys.push_back({std::move(compiled), SortOrder{k.ascending, k.nulls_first}});
    }
    return keys;
  }

  Result<std::vector<OpenPipeline>> PlanScan(const l::TableScan& scan, size_t line);
  Result<std::vector<OpenPipeline>> PlanValues(const l::ValuesPlan& values, size_t line);
  Result<std::vector<OpenPipeline>> PlanEmpty(const l::EmptyPlan& empty, size_t line);
  Result<std::vector<OpenPipeline>> PlanAggregate(const l::AggregatePlan& agg, size_t line, int depth);
  Result<std::vector<OpenPipeline>> PlanJoin(const l::JoinPlan& join, size_t line, int depth);
  /// Whether a LEFT SEMI/ANTI join builds its hash table on its left input (estimated smaller):
  /// the right input then probes and marks, and the matched (semi) or unmatched (anti) left rows
  /// follow the last probe.
  static bool BuildsOnLeft(const l::JoinPlan& join);
  Result<std::vector<OpenPipeline>> PlanSetOperation(const l::SetOperationPlan& set, size_t line,
                                                     int depth);
  Result<std::vector<OpenPipeline>> PlanDistinct(const l::DistinctPlan& distinct, size_t line,
                                                 int depth);

  const PlannerOptions& options_;
  std::vector<exec::Pipeline> pipelines_;
  std::vector<std::vector<int>> dependencies_;
  std::unordered_map<const exec::Sink*, std::vector<int>> feeders_;
  std::vector<std::string> lines_;
};

Result<std::vector<OpenPipeline>> Planner::Plan(const l::LogicalPlanPtr& node, int depth) {
  const size_t line = Line(depth);
  const a::SchemaPtr schema = node->ToArrowSchema();
  switch (node->kind) {
    case l::PlanKind::kTableScan:
      return PlanScan(node->As<l::TableScan>(), line);
    case l::PlanKind::kValues:
      return PlanValues(node->As<l::ValuesPlan>(), line);
    case l::PlanKind::kEmpty:
      return PlanEmpty(node->As<l::EmptyPlan>(), line);
    case l::PlanKind::kProjection: {
      const auto& proj = node->As<l::ProjectionPlan>();
      ASSIGN_OR_RAISE(auto open, Plan(proj.input, depth + 1));
      std::vector<PhysicalExprPtr> exprs;
      for (const auto& e : proj.exprs) {
        ASSIGN_OR_RAISE(auto compiled, Compile(e, *proj.input));
        exprs.push_back(std::move(compiled));
      }
      auto op = std::make_shared<ProjectionOperator>(std::move(exprs), schema);
      SetLine(line, op->name());
      Append(&open, op);
      return open;
    }
    case l::PlanKind::kFilter: {
      const auto& filter = node->As<l::FilterPlan>();
      ASSIGN_OR_RAISE(auto open, Plan(filter.input, depth + 1));
      ASSIGN_OR_RAISE(auto predicate, Compile(filter.predicate, *filter.input));
      auto op = std::make_shared<FilterOperator>(std::move(predicate), schema);
      SetLine(line, op->name());
      Append(&open, op);
      return open;
    }
    case l::PlanKind::kAggregate:
      return PlanAggregate(node->As<l::AggregatePlan>(), line, depth);
    case l::PlanKind::kJoin:
      return PlanJoin(node->As<l::JoinPlan>(), line, depth);
    case l::PlanKind::kSort: {
      const auto& sort = node->As<l::SortPlan>();
      ASSIGN_OR_RAISE(auto open, Plan(sort.input, depth + 1));
      ASSIGN_OR_RAISE(auto keys, CompileSortKeys(sort.keys, *sort.input));
      auto sink = std::make_shared<SortSink>(std::move(keys), schema, sort.fetch);
      SetLine(line, sink->name());
      CloseAll(std::move(open), sink);
      return std::vector<OpenPipeline>{
          After(std::make_shared<MaterializedSource>("SortedRows", sink, schema), *sink)};
    }
    case l::PlanKind::kLimit: {
      const auto& limit = node->As<l::LimitPlan>();
      ASSIGN_OR_RAISE(auto open, Plan(limit.input, depth + 1));
      if (limit.skip == 0 && !limit.fetch) {
        SetLine(line, "Limit(none)");
        return open;
      }
      std::string name = "Limit(skip=" + std::to_string(limit.skip) +
                         (limit.fetch ? ", fetch=" + std::to_string(*limit.fetch) : "") + ")";
      auto sink = std::make_shared<BufferSink>(name, limit.skip, limit.fetch);
      SetLine(line, name);
      CloseAll(std::move(open), sink);
      return std::vector<OpenPipeline>{
          After(std::make_shared<MaterializedSource>("LimitedRows", sink, schema), *sink)};
    }
    case l::PlanKind::kSetOperation:
      return PlanSetOperation(node->As<l::SetOperationPlan>(), line, depth);
    case l::PlanKind::kDistinct:
      return PlanDistinct(node->As<l::DistinctPlan>(), line, depth);
    case l::PlanKind::kWindow: {
      const auto& window = node->As<l::WindowPlan>();
      ASSIGN_OR_RAISE(auto open, Plan(window.input, depth + 1));
      ASSIGN_OR_RAISE(auto sink, MakeWindowSink(window, options_.parameters));
      SetLine(line, sink->name());
      CloseAll(std::move(open), sink);
      return std::vector<OpenPipeline>{
          After(std::make_shared<MaterializedSource>("WindowRows", sink, schema), *sink)};
    }
  }
  return Status::Internal("unknown logical plan node");
}

Result<std::vector<OpenPipeline>> Planner::PlanScan(const l::TableScan& scan, size_t line) {
  const std::string table = scan.table.table;
  auto source = std::make_shared<TableScanSource>(table, scan.table.provider, scan.projection,
                                                  scan.ToArrowSchema(), scan.fetch,
                                                  ToScanFilters(scan));
  SetLine(line, source->name() + (scan.fetch ? " fetch=" + std::to_string(*scan.fetch) : ""));
  OpenPipeline p;
  p.source = std::move(source);
  return std::vector<OpenPipeline>{std::move(p)};
}

Result<std::vector<OpenPipeline>> Planner::PlanValues(const l::ValuesPlan& values, size_t line) {
  const a::SchemaPtr schema = values.ToArrowSchema();
  // Every VALUES cell is evaluated once, now, over a batch of one row without columns.
  auto one_row = std::make_shared<a::RecordBatch>(a::MakeSchema({}), 1, std::vector<a::ArrayDataPtr>{});
  std::vector<std::vector<a::ArrayDataPtr>> cells(static_cast<size_t>(schema->num_fields()));
  for (const auto& row : values.rows) {
    for (size_t c = 0; c < row.size() && c < cells.size(); ++c) {
      ASSIGN_OR_RAISE(auto expr, CompileExpr(row[c], ColumnLayout(), options_.parameters));
      ASSIGN_OR_RAISE(auto v, expr->Evaluate(*one_row, nullptr));
      const auto& want = schema->field(static_cast<int>(c))->type();
      if (!(*v.type() == *want)) {
      ASSIGN_OR_RAISE(v, compute::Cast(v, want));
    }
      ASSIGN_OR_RAISE(auto arr, v.ToArray(1));
      cells[c].push_back(std::move(arr));
    }
  }
  std::vector<a::ArrayDataPtr> columns;
  for (size_t c = 0; c < cells.size(); ++c) {
    ASSIGN_OR_RAISE(auto col, ConcatArrays(schema->field(static_cast<int>(c))->type(), cells[c]));
    columns.push_back(std::move(col));
  }
  std::vector<a::RecordBatchPtr> batches;
  if (!values.rows.empty()) {
    batches.push_back(std::make_shared<a::RecordBatch>(schema, static_cast<int64_t>(values.rows.size()),
                                                       std::move(columns)));
  }
  SetLine(line, "Values(rows=" + std::to_string(values.rows.size()) + ")");
  OpenPipeline p;
  p.source = std::make_shared<BatchesSource>("Values", schema, std::move(batches));
  return std::vector<OpenPipeline>{std::move(p)};
}

Result<std::vector<OpenPipeline>> Planner::PlanEmpty(const l::EmptyPlan& empty, size_t line) {
  const a::SchemaPtr schema = empty.ToArrowSchema();
  std::vector<a::RecordBatchPtr> batches;
  if (empty.produce_one_row) {
    std::vector<a::ArrayDataPtr> columns;
    for (const auto& f : schema->fields()) {
      ASSIGN_OR_RAISE(auto col, a::MakeArrayFromScalar(a::Scalar::Null(f->type()), 1));
      columns.push_back(std::move(col));
    }
    batches.push_back(std::make_shared<a::RecordBatch>(schema, 1, std::move(columns)));
  }
  SetLine(line, empty.produce_one_row ? "OneRow" : "Empty");
  OpenPipeline p;
  p.source = std::make_shared<BatchesSource>(empty.produce_one_row ? "OneRow" : "Empty", schema,
                                             std::move(batches));
  return std::vector<OpenPipeline>{std::move(p)};
}

Result<std::vector<OpenPipeline>> Planner::PlanAggregate(const l::AggregatePlan& agg, size_t line,
                                                         int depth) {
  ASSIGN_OR_RAISE(auto open, Plan(agg.input, depth + 1));
  const a::SchemaPtr schema = agg.ToArrowSchema();
  // Ordered aggregates (string_agg(x, ',' ORDER BY y)) see rows in input order, so their input
  // is sorted by the ORDER BY first; the sorted rows are emitted by one task, which keeps the
  // order through the aggregation.
  const std::vector<l::SortExpr>* order = nullptr;
  for (const auto& e : agg.aggregates) {
    if (e->kind != l::ExprKind::kAggregate) continue;
    const auto& keys = e->As<l::AggregateExpr>().order_by;
    if (keys.empty()) continue;
    if (order == nullptr) {
      order = &keys;
      continue;
    }
    bool same = order->size() == keys.size();
    for (size_t k = 0; same && k < keys.size(); ++k) same = (*order)[k].Equals(keys[k]);
    if (!same) {
      return Status::InvalidArgument("aggregates of one query level must share one ORDER BY; found " +
                                     e->ToString());
    }
  }
  if (order != nullptr) {
    ASSIGN_OR_RAISE(auto keys, CompileSortKeys(*order, *agg.input));
    const a::SchemaPtr input_schema = agg.input->ToArrowSchema();
    auto sort = std::make_shared<SortSink>(std::move(keys), input_schema, std::nullopt);
    CloseAll(std::move(open), sort);
    open = std::vector<OpenPipeline>{
        After(std::make_shared<MaterializedSource>("OrderedAggregateInput", sort, input_schema), *sort)};
  }
  std::vector<PhysicalExprPtr> groups;
  for (const auto& g : agg.group_exprs) {
    ASSIGN_OR_RAISE(auto compiled, Compile(g, *agg.input));
    groups.push_back(std::move(compiled));
  }
  std::vector<PhysicalAggregate> aggregates;
  for (size_t i = 0; i < agg.aggregates.size(); ++i) {
    const auto& e = agg.aggregates[i];
    if (e->kind != l::ExprKind::kAggregate) {
      return Status::Internal("aggregate list holds a non-aggregate: " + e->ToString());
    }
    const auto& call = e->As<l::AggregateExpr>();
    PhysicalAggregate out;
    out.display = call.ToString();
    out.resolved = call.resolved;
    out.distinct = call.distinct;
    if (agg.mode == l::AggregateMode::kFinal) {
      // The input holds the partial states (after the keys); arguments and FILTER were applied
      // by the partial phase.
      out.output_type = schema->field(static_cast<int>(agg.group_exprs.size() + i))->type();
      aggregates.push_back(std::move(out));
      continue;
    }
    if (agg.mode == l::AggregateMode::kSingle) {
      out.output_type = schema->field(static_cast<int>(agg.group_exprs.size() + i))->type();
    }
    for (const auto& arg : call.args) {
      ASSIGN_OR_RAISE(auto compiled, Compile(arg, *agg.input));
      out.args.push_back(std::move(compiled));
    }
    if (call.filter) {
      ASSIGN_OR_RAISE(out.filter, Compile(call.filter, *agg.input));
    }
    aggregates.push_back(std::move(out));
  }
  const bool scalar = agg.group_exprs.empty() && agg.grouping_sets.empty();
  const AggregatePhase phase = agg.mode == l::AggregateMode::kPartial ? AggregatePhase::kPartial
                               : agg.mode == l::AggregateMode::kFinal ? AggregatePhase::kFinal
                                                                       : AggregatePhase::kSingle;
  auto sink = std::make_shared<HashAggregateSink>(std::move(groups), agg.grouping_sets,
                                                  !agg.grouping_sets.empty(), std::move(aggregates),
                                                  schema, scalar, phase);
  SetLine(line, sink->name());
  CloseAll(std::move(open), sink);
  return std::vector<OpenPipeline>{
      After(std::make_shared<MaterializedSource>("AggregateRows", sink, schema), *sink)};
}

Result<std::vector<OpenPipeline>> Planner::PlanJoin(const l::JoinPlan& join, size_t line, int depth) {
  const a::SchemaPtr schema = join.ToArrowSchema();
  ASSIGN_OR_RAISE(auto left, Plan(join.left, depth + 1));
  ASSIGN_OR_RAISE(auto right, Plan(join.right, depth + 1));
  std::vector<PhysicalExprPtr> left_keys, right_keys;
  for (const auto& [lk, rk] : join.keys) {
    ASSIGN_OR_RAISE(auto lc, Compile(lk, *join.left));
    l::ExprPtr right_key = rk;
    // Both sides must encode identically; the binder usually made the types equal already.
    if (!(*rk->type == *lk->type)) right_key = std::make_shared<l::CastExpr>(rk, lk->type, false);
    ASSIGN_OR_RAISE(auto rc, Compile(right_key, *join.right));
    left_keys.push_back(std::move(lc));
    right_keys.push_back(std::move(rc));
  }
  // The build side's rows go into the hash table; the probe side's stream through the probe.
  const bool build_left = BuildsOnLeft(join);
  const l::LogicalPlan& build_plan = build_left ? *join.left : *join.right;
  const l::LogicalPlan& probe_plan = build_left ? *join.right : *join.left;
  std::vector<OpenPipeline>& build_input = build_left ? left : right;
  std::vector<OpenPipeline>& probe_input = build_left ? right : left;
  PhysicalExprPtr filter;
  if (join.filter) {
    // Candidates are the probe row's columns followed by the build row's.
    ASSIGN_OR_RAISE(filter, CompileExpr(join.filter, ColumnLayout::Concat(probe_plan.output(), build_plan.output()),
                                        options_.parameters));
  }
  auto build = std::make_shared<HashJoinBuildSink>(std::move(build_left ? left_keys : right_keys),
                                                   build_plan.ToArrowSchema());
  std::vector<int> build_pipelines;
  for (auto& p : build_input) build_pipelines.push_back(Close(std::move(p), build));
  auto probe = std::make_shared<HashJoinProbe>(join.join_type, join.null_aware,
                                               std::move(build_left ? right_keys : left_keys), std::move(filter),
                                               build, probe_plan.ToArrowSchema(), schema, build_left);
  SetLine(line, probe->name() + (join.keys.empty() ? " [nested loop]" : ""));
  for (auto& p : probe_input) {
    p.operators.push_back(probe);
    p.dependencies.insert(p.dependencies.end(), build_pipelines.begin(), build_pipelines.end());
  }
  if (!build_left && join.join_type != l::JoinType::kRight && join.join_type != l::JoinType::kFull) {
    return std::move(probe_input);
  }
  // Build rows known only after the last probe follow the rows the probe emitted: the unmatched
  // ones of a RIGHT/FULL join, or the result of a join built on the left.
  const int left_columns = static_cast<int>(join.left->output().size());
  const bool semi = join.join_type == l::JoinType::kLeftSemi;
  std::shared_ptr<const HashJoinBuildSink> build_sink = build;
  auto buffer = std::make_shared<BufferSink>(
      build_left ? "JoinBuildRows" : "JoinOuterRows", 0, std::nullopt,
      [build_sink, schema, left_columns, build_left, semi](exec::ExecContext& ctx) -> Result<a::RecordBatchReaderPtr> {
        ASSIGN_OR_RAISE(auto* state, ctx.FinishedSinkStateAs<HashJoinBuildState>(*build_sink));
        if (build_left) return BuildSideRows(*build_sink, *state, schema, semi, ctx.memory_pool());
        return UnmatchedBuildRows(*build_sink, *state, schema, left_columns, ctx.memory_pool());
      });
  CloseAll(std::move(probe_input), buffer);
  return std::vector<OpenPipeline>{
      After(std::make_shared<MaterializedSource>("JoinRows", buffer, schema), *buffer)};
}

bool Planner::BuildsOnLeft(const l::JoinPlan& join) {
  if (join.join_type != l::JoinType::kLeftSemi && join.join_type != l::JoinType::kLeftAnti) return false;
  if (join.null_aware || join.keys.empty()) return false;
  // The hash table goes on the side with fewer rows (building costs more per row than probing),
  // but only when the left side is clearly smaller: estimates of aggregates and joins are rough
  // (TPC-H Q18's 57-row HAVING subquery is estimated at 2 million rows, next to 1.5 million on
  // the left). Shuffle reads know their real row counts, so on a cluster those inputs are exact.
  constexpr double kBuildLeftFactor = 4;
  const double left_rows = optimizer::CardinalityEstimator(join.left).Rows(*join.left);
  const double right_rows = optimizer::CardinalityEstimator(join.right).Rows(*join.right);
  return left_rows * kBuildLeftFactor < right_rows;
}

Result<std::vector<OpenPipeline>> Planner::PlanSetOperation(const l::SetOperationPlan& set,
                                                            size_t line, int depth) {
  const a::SchemaPtr schema = set.ToArrowSchema();
  std::vector<std::vector<OpenPipeline>> inputs;
  auto relabel = std::make_shared<RelabelOperator>(schema);
  for (const auto& input : set.set_inputs) {
    ASSIGN_OR_RAISE(auto open, Plan(input, depth + 1));
    Append(&open, relabel);
    inputs.push_back(std::move(open));
  }
  if (set.op == l::SetOpKind::kUnion) {
    std::vector<OpenPipeline> all;
    for (auto& in : inputs) {
      for (auto& p : in) all.push_back(std::move(p));
    }
    if (set.all) {
      SetLine(line, "UnionAll");
      return all;
    }
    // UNION = UNION ALL + DISTINCT over every column.
    std::vector<PhysicalExprPtr> groups;
    const l::LogicalPlan& first = *set.set_inputs[0];
    for (const auto& col : first.output()) {
      ASSIGN_OR_RAISE(auto compiled, Compile(col.ToExpr(), first));
      groups.push_back(std::move(compiled));
    }
    auto sink = std::make_shared<HashAggregateSink>(std::move(groups), std::vector<std::vector<int>>{},
                                                    false, std::vector<PhysicalAggregate>{}, schema,
                                                    false);
    SetLine(line, "Union -> " + sink->name());
    CloseAll(std::move(all), sink);
    return std::vector<OpenPipeline>{
        After(std::make_shared<MaterializedSource>("UnionRows", sink, schema), *sink)};
  }
  if (inputs.size() != 2) {
    return Status::Internal("INTERSECT/EXCEPT expects two inputs, got " + std::to_string(inputs.size()));
  }
  auto right = std::make_shared<RowCountSink>("SetOperationRight");
  std::vector<int> right_pipelines;
  for (auto& p : inputs[1]) right_pipelines.push_back(Close(std::move(p), right));
  auto sink = std::make_shared<SetOperationSink>(set.op, set.all, right, schema);
  SetLine(line, sink->name());
  for (auto& p : inputs[0]) {
    p.dependencies.insert(p.dependencies.end(), right_pipelines.begin(), right_pipelines.end());
    Close(std::move(p), sink);
  }
  return std::vector<OpenPipeline>{
      After(std::make_shared<MaterializedSource>("SetOperationRows", sink, schema), *sink)};
}

Result<std::vector<OpenPipeline>> Planner::PlanDistinct(const l::DistinctPlan& distinct, size_t line,
                                                        int depth) {
  ASSIGN_OR_RAISE(auto open, Plan(distinct.input, depth + 1));
  const a::SchemaPtr schema = distinct.ToArrowSchema();
  std::vector<PhysicalExprPtr> groups;
  for (const auto& col : distinct.input->output()) {
    ASSIGN_OR_RAISE(auto compiled, Compile(col.ToExpr(), *distinct.input));
    groups.push_back(std::move(compiled));
  }
  auto sink = std::make_shared<HashAggregateSink>(std::move(groups), std::vector<std::vector<int>>{},
                                                  false, std::vector<PhysicalAggregate>{}, schema,
                                                  false);
  SetLine(line, "Distinct -> " + sink->name());
  CloseAll(std::move(open), sink);
  return std::vector<OpenPipeline>{
      After(std::make_shared<MaterializedSource>("DistinctRows", sink, schema), *sink)};
}

}  // namespace

Result<std::shared_ptr<PhysicalPlan>> CreatePhysicalPlan(const l::LogicalPlanPtr& plan,
                                                         const PlannerOptions& options) {
  if (!plan) return Status::InvalidArgument("no logical plan to execute");
  Planner planner(options);
  ASSIGN_OR_RAISE(auto open, planner.Plan(plan, 0));
  planner.CloseAsResult(std::move(open));
  ASSIGN_OR_RAISE(auto graph, planner.BuildGraph());
  return std::make_shared<PhysicalPlan>(std::move(graph), plan->ToArrowSchema(), planner.Tree());
}

std::string ExplainPhysical(const PhysicalPlan& plan) {
  return plan.tree() + "Pipelines:\n" + plan.graph().ToString();
}

ThreadPool* DefaultCpuPool() {
  static ThreadPool* pool =
      new ThreadPool(std::max(2, static_cast<int>(std::thread::hardware_concurrency())));
  return pool;
}

Result<std::unique_ptr<exec::QueryResultStream>> ExecutePlan(const PhysicalPlan& plan,
                                                             const ExecuteOptions& options) {
  ASSIGN_OR_RAISE(auto ctx, exec::ExecContext::Make(options.config, options.parent_pool));
  return exec::ExecuteStream(std::move(ctx), plan.graph(),
                             options.pool ? options.pool : DefaultCpuPool());
}

Result<std::vector<a::RecordBatchPtr>> CollectPlan(const PhysicalPlan& plan,
                                                   const ExecuteOptions& options) {
  ASSIGN_OR_RAISE(auto stream, ExecutePlan(plan, options));
  std::vector<a::RecordBatchPtr> out;
  while (true) {
    ASSIGN_OR_RAISE(auto batch, stream->Next());
    if (!batch) break;
    if (batch->num_rows() > 0) out.push_back(WithSchema(batch, plan.schema()));
  }
  return out;
}

Result<std::string> ExplainAnalyze(const PhysicalPlan& plan, const ExecuteOptions& options) {
  ASSIGN_OR_RAISE(auto stream, ExecutePlan(plan, options));
  while (true) {
    ASSIGN_OR_RAISE(auto batch, stream->Next());
    if (!batch) break;
  }
  RETURN_NOT_OK(stream->execution().Wait());
  return ExplainPhysical(plan) + "Metrics:\n" + stream->execution().MetricsToString();
}

}  // namespace ballista::physical
