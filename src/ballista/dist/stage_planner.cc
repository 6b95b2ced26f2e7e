#include "ballista/dist/stage_planner.h"

#include <algorithm>

#include "ballista/dist/shuffle_read_table.h"
#include "ballista/optimizer/cardinality.h"

namespace ballista::dist {
namespace l = ballista::logical;

namespace {

using Kind = Distribution::Kind;

bool ContainsExpr(const std::vector<l::ExprPtr>& list, const l::ExprPtr& e) {
  for (const auto& x : list) {
    if (l::ExprEquals(x, e)) return true;
  }
  return false;
}

bool SameExprs(const std::vector<l::ExprPtr>& a, const std::vector<l::ExprPtr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!l::ExprEquals(a[i], b[i])) return false;
  }
  return true;
}

std::vector<l::ExprPtr> ColumnRefs(const l::LogicalPlan& plan) {
  std::vector<l::ExprPtr> refs;
  for (const auto& c : plan.output()) refs.push_back(c.ToExpr());
  return refs;
}

/// True when rows placed by `d` already have equal values of `required` together: hashed on a
/// subset of them, or all in one partition.
bool Groups(const Distribution& d, const std::vector<l::ExprPtr>& required) {
  if (d.kind == Kind::kSingle) return true;
  if (d.kind != Kind::kHash || d.keys.empty()) return false;
  for (const auto& k : d.keys) {
    if (!ContainsExpr(required, k)) return false;
  }
  return true;
}

/// `d` seen through a projection: hash keys survive when the projection passes them on.
Distribution ThroughProjection(const Distribution& d, const l::ProjectionPlan& projection) {
  if (d.kind != Kind::kHash) return d;
  Distribution out{Kind::kHash, {}};
  for (const auto& key : d.keys) {
    bool found = false;
    for (size_t i = 0; i < projection.exprs.size() && !found; ++i) {
      if (l::ExprEquals(projection.exprs[i], key)) {
        out.keys.push_back(projection.output()[i].ToExpr());
        found = true;
      }
    }
    if (!found) return Distribution{};
  }
  return out;
}

/// Bytes one row of `type` takes in memory, roughly: fixed widths exactly, text and nested
/// values a typical 32.
double ValueBytes(const arrow::DataType& type) {
  const int bits = type.bit_width();
  return bits > 0 ? std::max(1.0, bits / 8.0) : 32.0;
}

/// Every table scanned under `plan` knows its row count (so the estimate rests on statistics,
/// not on the estimator's default guess).
bool ScansHaveRowCounts(const l::LogicalPlan& plan) {
  if (plan.kind == l::PlanKind::kTableScan) {
    return plan.As<l::TableScan>().table.provider->Statistics().num_rows.has_value();
  }
  for (const auto& input : plan.inputs()) {
    if (!ScansHaveRowCounts(*input)) return false;
  }
  return true;
}

/// Estimated in-memory size of `plan`'s output: the optimizer's row estimate (table statistics
/// and textbook selectivities) times the row width; nullopt without row counts.
std::optional<double> EstimatedBytes(const l::LogicalPlanPtr& plan) {
  if (!ScansHaveRowCounts(*plan)) return std::nullopt;
  optimizer::CardinalityEstimator estimator(plan);
  return estimator.Rows(*plan) * RowWidthBytes(*plan);
}

struct Planned {
  l::LogicalPlanPtr plan;
  Distribution distribution;
};

class StagePlanner {
 public:
  explicit StagePlanner(const StagePlannerOptions& options) : options_(options) {}

  Result<StageGraph> Run(const l::LogicalPlanPtr& root) {
    ASSIGN_OR_RAISE(auto planned, Plan(root));
    AddStage(planned.plan, ShuffleOutput{}, planned.distribution);
    StageGraph graph{std::move(stages_), {}};
    for (const auto& adaptive : adaptive_joins_) {
      if (adaptive.join_stage != 0) graph.adaptive_joins.push_back(adaptive);
    }
    return graph;
  }

 private:
  Result<Planned> Plan(const l::LogicalPlanPtr& node) {
    switch (node->kind) {
      case l::PlanKind::kTableScan:
        return Planned{node, Distribution{}};
      case l::PlanKind::kValues:
      case l::PlanKind::kEmpty:
        return Planned{node, Distribution{Kind::kSingle, {}}};
      case l::PlanKind::kProjection: {
        ASSIGN_OR_RAISE(auto input, Plan(node->inputs()[0]));
        auto rebuilt = node->WithInputs({input.plan});
        return Planned{rebuilt, ThroughProjection(input.distribution, rebuilt->As<l::ProjectionPlan>())};
      }
      case l::PlanKind::kFilter:
      case l::PlanKind::kWindow: {
        if (node->kind == l::PlanKind::kWindow) return PlanWindow(node);
        ASSIGN_OR_RAISE(auto input, Plan(node->inputs()[0]));
        return Planned{node->WithInputs({input.plan}), input.distribution};
      }
      case l::PlanKind::kAggregate:
        return PlanAggregate(node);
      case l::PlanKind::kJoin:
        return PlanJoin(node);
      case l::PlanKind::kSort: {
        const auto& sort = node->As<l::SortPlan>();
        ASSIGN_OR_RAISE(auto input, Plan(sort.input));
        if (input.distribution.kind != Kind::kSingle && sort.fetch) {
          // Top-k: each task keeps its own first `fetch` rows; one task picks from those.
          input.plan = std::make_shared<l::SortPlan>(input.plan, sort.keys, sort.fetch);
        }
        ASSIGN_OR_RAISE(auto single, RequireSingle(input));
        return Planned{node->WithInputs({single}), Distribution{Kind::kSingle, {}}};
      }
      case l::PlanKind::kLimit: {
        const auto& limit = node->As<l::LimitPlan>();
        ASSIGN_OR_RAISE(auto input, Plan(limit.input));
        if (input.distribution.kind != Kind::kSingle && limit.fetch) {
          input.plan = std::make_shared<l::LimitPlan>(input.plan, 0, limit.skip + *limit.fetch);
        }
        ASSIGN_OR_RAISE(auto single, RequireSingle(input));
        return Planned{node->WithInputs({single}), Distribution{Kind::kSingle, {}}};
      }
      case l::PlanKind::kDistinct: {
        ASSIGN_OR_RAISE(auto input, Plan(node->inputs()[0]));
        auto keys = ColumnRefs(*input.plan);
        ASSIGN_OR_RAISE(auto grouped, RequireGrouped(input, keys));
        return Planned{node->WithInputs({grouped.plan}), grouped.distribution};
      }
      case l::PlanKind::kSetOperation:
        return PlanSetOperation(node);
    }
    return Status::Internal("stage planner: unknown plan node kind");
  }

  Result<Planned> PlanWindow(const l::LogicalPlanPtr& node) {
    const auto& window = node->As<l::WindowPlan>();
    ASSIGN_OR_RAISE(auto input, Plan(window.input));
    // Rows of one window partition must meet in one task: hash on the partition keys the window
    // expressions share, or gather everything when they share none.
    std::vector<l::ExprPtr> common;
    bool first = true;
    for (const auto& e : window.window_exprs) {
      const auto& w = e->As<l::WindowExpr>();
      if (first) {
        common = w.partition_by;
        first = false;
        continue;
      }
      std::vector<l::ExprPtr> kept;
      for (const auto& k : common) {
        if (ContainsExpr(w.partition_by, k)) kept.push_back(k);
      }
      common = std::move(kept);
    }
    if (common.empty()) {
      ASSIGN_OR_RAISE(auto single, RequireSingle(input));
      return Planned{node->WithInputs({single}), Distribution{Kind::kSingle, {}}};
    }
    ASSIGN_OR_RAISE(auto grouped, RequireGrouped(input, common));
    return Planned{node->WithInputs({grouped.plan}), grouped.distribution};
  }

  /// Whether `aggregate` may run in two phases: every call merges partial states (no DISTINCT,
  /// whose state lives outside the accumulator, and no ORDER BY, which needs all rows in order)
  /// and there are no grouping sets.
  static bool SplitsIntoPhases(const l::AggregatePlan& aggregate) {
    if (aggregate.mode != l::AggregateMode::kSingle || !aggregate.grouping_sets.empty()) return false;
    for (const auto& e : aggregate.aggregates) {
      if (e->kind != l::ExprKind::kAggregate) return false;
      const auto& call = e->As<l::AggregateExpr>();
      if (call.distinct || !call.order_by.empty() || call.resolved.state_fields.empty()) return false;
    }
    return true;
  }

  /// Two-phase aggregation: each task of the input's stage aggregates its own rows into partial
  /// states (PartialAggregate), the states are shuffled on the group keys (or gathered, without
  /// GROUP BY), and FinalAggregate merges them. Only one row per group and task crosses the
  /// shuffle instead of every input row.
  Result<Planned> PlanTwoPhase(const l::AggregatePlan& aggregate, const Planned& input) {
    std::vector<l::OutputColumn> partial_output;
    const auto& original = aggregate.output();
    for (size_t i = 0; i < aggregate.group_exprs.size(); ++i) {
      const l::ExprPtr& g = aggregate.group_exprs[i];
      partial_output.push_back(l::OutputColumn{l::NextColumnId(), "", original[i].name, g->type, g->nullable});
    }
    std::vector<std::vector<l::ExprPtr>> state_refs;
    for (size_t k = 0; k < aggregate.aggregates.size(); ++k) {
      const auto& call = aggregate.aggregates[k]->As<l::AggregateExpr>();
      std::vector<l::ExprPtr> refs;
      for (size_t j = 0; j < call.resolved.state_fields.size(); ++j) {
        const auto& field = call.resolved.state_fields[j];
        l::OutputColumn column{l::NextColumnId(), "",
                               "__state_" + std::to_string(k) + "_" + field->name(), field->type(), true};
        refs.push_back(column.ToExpr());
        partial_output.push_back(std::move(column));
      }
      state_refs.push_back(std::move(refs));
    }
    auto partial = std::make_shared<l::AggregatePlan>(input.plan, aggregate.group_exprs, std::vector<std::vector<int>>{},
                                                      aggregate.aggregates, partial_output, l::AggregateMode::kPartial);
    std::vector<l::ExprPtr> partial_keys;
    for (size_t i = 0; i < aggregate.group_exprs.size(); ++i) partial_keys.push_back(partial_output[i].ToExpr());
    Planned partial_planned{partial, input.distribution};
    l::LogicalPlanPtr exchanged;
    if (partial_keys.empty()) {
      ASSIGN_OR_RAISE(exchanged, Exchange(partial_planned, ExchangeKind::kSingle, {}));
    } else {
      ASSIGN_OR_RAISE(exchanged, Exchange(partial_planned, ExchangeKind::kHash, partial_keys));
    }
    // The final calls keep their resolution (argument types, state shape, return type) but read
    // the state columns; the partial phase applied their FILTER.
    std::vector<l::ExprPtr> final_calls;
    for (size_t k = 0; k < aggregate.aggregates.size(); ++k) {
      const auto& call = aggregate.aggregates[k]->As<l::AggregateExpr>();
      final_calls.push_back(std::make_shared<l::AggregateExpr>(call.function, state_refs[k], false, nullptr,
                                                               std::vector<l::SortExpr>{}, call.resolved));
    }
    auto final_plan = std::make_shared<l::AggregatePlan>(exchanged, partial_keys, std::vector<std::vector<int>>{},
                                                         std::move(final_calls), original, l::AggregateMode::kFinal);
    if (partial_keys.empty()) return Planned{final_plan, Distribution{Kind::kSingle, {}}};
    std::vector<l::ExprPtr> out_keys;
    for (size_t i = 0; i < aggregate.group_exprs.size(); ++i) out_keys.push_back(original[i].ToExpr());
    return Planned{final_plan, Distribution{Kind::kHash, std::move(out_keys)}};
  }

  Result<Planned> PlanAggregate(const l::LogicalPlanPtr& node) {
    const auto& aggregate = node->As<l::AggregatePlan>();
    ASSIGN_OR_RAISE(auto input, Plan(aggregate.input));
    if (options_.two_phase_aggregation && SplitsIntoPhases(aggregate)) {
      const bool needs_exchange = aggregate.group_exprs.empty() ? input.distribution.kind != Kind::kSingle
                                                                : !Groups(input.distribution, aggregate.group_exprs);
      if (needs_exchange) return PlanTwoPhase(aggregate, input);
    }
    if (aggregate.group_exprs.empty() || !aggregate.grouping_sets.empty()) {
      ASSIGN_OR_RAISE(auto single, RequireSingle(input));
      return Planned{node->WithInputs({single}), Distribution{Kind::kSingle, {}}};
    }
    ASSIGN_OR_RAISE(auto grouped, RequireGrouped(input, aggregate.group_exprs));
    auto rebuilt = node->WithInputs({grouped.plan});
    Distribution out = grouped.distribution;
    if (out.kind == Kind::kHash) {
      // The keys become the aggregate's group output columns.
      std::vector<l::ExprPtr> keys;
      for (const auto& key : out.keys) {
        for (size_t i = 0; i < aggregate.group_exprs.size(); ++i) {
          if (l::ExprEquals(aggregate.group_exprs[i], key)) {
            keys.push_back(rebuilt->output()[i].ToExpr());
            break;
          }
        }
      }
      out.keys = std::move(keys);
    }
    return Planned{rebuilt, out};
  }

  Result<Planned> PlanJoin(const l::LogicalPlanPtr& node) {
    const auto& join = node->As<l::JoinPlan>();
    ASSIGN_OR_RAISE(auto left, Plan(join.left));
    ASSIGN_OR_RAISE(auto right, Plan(join.right));
    if (left.distribution.kind == Kind::kSingle && right.distribution.kind == Kind::kSingle) {
      return Planned{node->WithInputs({left.plan, right.plan}), Distribution{Kind::kSingle, {}}};
    }
    std::vector<l::ExprPtr> left_keys, right_keys;
    bool hashable = !join.keys.empty() && !join.null_aware;
    for (const auto& [l_key, r_key] : join.keys) {
      left_keys.push_back(l_key);
      right_keys.push_back(r_key);
      // Equal values must hash alike on both sides: only keys of one type.
      if (!l_key->type->Equals(*r_key->type)) hashable = false;
    }
    const bool build_side_broadcastable =
        join.join_type == l::JoinType::kInner || join.join_type == l::JoinType::kLeft ||
        join.join_type == l::JoinType::kLeftSemi || join.join_type == l::JoinType::kLeftAnti ||
        join.join_type == l::JoinType::kLeftMark;
    if (hashable && build_side_broadcastable && left.distribution.kind != Kind::kSingle &&
        options_.broadcast_join_threshold_bytes > 0) {
      // A small build side goes to every task whole; the probe side stays where it is.
      const std::optional<double> right_bytes = EstimatedBytes(join.right);
      if (right_bytes && *right_bytes <= static_cast<double>(options_.broadcast_join_threshold_bytes)) {
        ASSIGN_OR_RAISE(auto broadcast, Exchange(right, ExchangeKind::kBroadcast, {}));
        return Planned{node->WithInputs({left.plan, broadcast}), left.distribution};
      }
    }
    if (!hashable) {
      if (build_side_broadcastable) {
        ASSIGN_OR_RAISE(auto broadcast, Exchange(right, ExchangeKind::kBroadcast, {}));
        return Planned{node->WithInputs({left.plan, broadcast}), left.distribution};
      }
      ASSIGN_OR_RAISE(auto l_single, RequireSingle(left));
      ASSIGN_OR_RAISE(auto r_single, RequireSingle(right));
      return Planned{node->WithInputs({l_single, r_single}), Distribution{Kind::kSingle, {}}};
    }
    auto aligned = [](const Distribution& d, const std::vector<l::ExprPtr>& keys) {
      return d.kind == Kind::kHash && SameExprs(d.keys, keys);
    };
    l::LogicalPlanPtr new_left = left.plan, new_right = right.plan;
    const bool left_aligned = aligned(left.distribution, left_keys);
    const bool right_aligned = aligned(right.distribution, right_keys);
    if (build_side_broadcastable && !left_aligned && !right_aligned && left.distribution.kind != Kind::kSingle &&
        MayTurnOutSmall(join.right)) {
      // Re-decided at run time. The build side's stage is made first so that it runs first; the
      // probe side's stage waits for it.
      ASSIGN_OR_RAISE(new_right, Exchange(right, ExchangeKind::kHash, right_keys));
      const int build_stage = stages_.back().stage_id;
      ASSIGN_OR_RAISE(new_left, Exchange(left, ExchangeKind::kHash, left_keys));
      adaptive_joins_.push_back(AdaptiveJoin{0, stages_.back().stage_id, build_stage});
    } else {
      if (!left_aligned) {
        ASSIGN_OR_RAISE(new_left, Exchange(left, ExchangeKind::kHash, left_keys));
      }
      if (!right_aligned) {
        ASSIGN_OR_RAISE(new_right, Exchange(right, ExchangeKind::kHash, right_keys));
      }
    }
    Distribution out;
    switch (join.join_type) {
      case l::JoinType::kRight:
        out = Distribution{Kind::kHash, right_keys};
        break;
      case l::JoinType::kFull:
        out = Distribution{};
        break;
      default:
        out = Distribution{Kind::kHash, left_keys};
        break;
    }
    return Planned{node->WithInputs({new_left, new_right}), out};
  }

  /// Whether the build side `right` of a hash join might turn out small enough to broadcast once
  /// it has run: its estimate is unknown, or within a factor of the runtime threshold (estimates
  /// of filtered and aggregated inputs are often that far off).
  bool MayTurnOutSmall(const l::LogicalPlanPtr& right) const {
    if (options_.adaptive_broadcast_threshold_bytes <= 0) return false;
    constexpr double kEstimateSlack = 16;
    const std::optional<double> bytes = EstimatedBytes(right);
    return !bytes || *bytes <= kEstimateSlack * static_cast<double>(options_.adaptive_broadcast_threshold_bytes);
  }

  Result<Planned> PlanSetOperation(const l::LogicalPlanPtr& node) {
    const auto& set = node->As<l::SetOperationPlan>();
    std::vector<Planned> inputs;
    for (const auto& input : set.set_inputs) {
      ASSIGN_OR_RAISE(auto planned, Plan(input));
      inputs.push_back(std::move(planned));
    }
    bool all_single = true;
    for (const auto& p : inputs) all_single = all_single && p.distribution.kind == Kind::kSingle;
    std::vector<l::LogicalPlanPtr> plans;
    if (set.op == l::SetOpKind::kUnion && set.all) {
      for (auto& p : inputs) plans.push_back(p.plan);
      return Planned{node->WithInputs(std::move(plans)),
                     all_single ? Distribution{Kind::kSingle, {}} : Distribution{}};
    }
    if (all_single) {
      for (auto& p : inputs) plans.push_back(p.plan);
      return Planned{node->WithInputs(std::move(plans)), Distribution{Kind::kSingle, {}}};
    }
    // Equal rows of every input meet in one task: hash each input on all its columns, in order.
    for (auto& p : inputs) {
      auto keys = ColumnRefs(*p.plan);
      if (p.distribution.kind == Kind::kHash && SameExprs(p.distribution.keys, keys)) {
        plans.push_back(p.plan);
        continue;
      }
      ASSIGN_OR_RAISE(auto exchanged, Exchange(p, ExchangeKind::kHash, keys));
      plans.push_back(exchanged);
    }
    auto rebuilt = node->WithInputs(std::move(plans));
    return Planned{rebuilt, Distribution{Kind::kHash, ColumnRefs(*rebuilt)}};
  }

  /// `input` with rows of equal `keys` in one task, exchanging when it is not so already.
  Result<Planned> RequireGrouped(const Planned& input, const std::vector<l::ExprPtr>& keys) {
    if (Groups(input.distribution, keys)) return input;
    ASSIGN_OR_RAISE(auto exchanged, Exchange(input, ExchangeKind::kHash, keys));
    return Planned{exchanged, Distribution{Kind::kHash, keys}};
  }

  Result<l::LogicalPlanPtr> RequireSingle(const Planned& input) {
    if (input.distribution.kind == Kind::kSingle) return input.plan;
    return Exchange(input, ExchangeKind::kSingle, {});
  }

  enum class ExchangeKind { kHash, kSingle, kBroadcast };

  /// Ends a stage at `input` and returns the leaf that reads it in the next stage: a scan with
  /// the same output columns (ids included), so the plan above needs no rewriting.
  Result<l::LogicalPlanPtr> Exchange(const Planned& input, ExchangeKind kind,
                                     const std::vector<l::ExprPtr>& keys) {
    l::LogicalPlanPtr plan = input.plan;
    ShuffleOutput output;
    if (kind == ExchangeKind::kHash) {
      std::vector<l::ExprPtr> exprs = ColumnRefs(*plan);
      std::vector<l::OutputColumn> columns = plan->output();
      for (size_t i = 0; i < keys.size(); ++i) {
        exprs.push_back(keys[i]);
        columns.push_back(l::OutputColumn{l::NextColumnId(), "", "__shuffle_key_" + std::to_string(i),
                                          keys[i]->type, keys[i]->nullable});
      }
      plan = std::make_shared<l::ProjectionPlan>(plan, std::move(exprs), std::move(columns));
      output.partitions = std::max(1, options_.shuffle_partitions);
      output.hash_columns = static_cast<int>(keys.size());
    }
    int stage_id = AddStage(plan, output, input.distribution);
    auto schema = input.plan->ToArrowSchema();
    bool read_all = kind != ExchangeKind::kHash;
    auto table = std::make_shared<ShuffleReadTable>(schema, stage_id, read_all, output.partitions);
    std::vector<int> projection;
    for (int i = 0; i < schema->num_fields(); ++i) projection.push_back(i);
    catalog::ResolvedTable resolved{"", "", ShuffleTableName(stage_id), table};
    return l::LogicalPlanPtr(std::make_shared<l::TableScan>(std::move(resolved), std::move(projection),
                                                            input.plan->output(),
                                                            std::vector<l::ExprPtr>{}, std::nullopt));
  }

  int AddStage(const l::LogicalPlanPtr& plan, ShuffleOutput output, Distribution distribution) {
    StageDefinition stage;
    stage.stage_id = static_cast<int>(stages_.size()) + 1;
    stage.plan = plan;
    stage.output = output;
    stage.distribution = std::move(distribution);
    int tasks = 1;
    l::VisitPlan(plan, [&](const l::LogicalPlanPtr& node) {
      if (node->kind != l::PlanKind::kTableScan) return;
      const auto& provider = node->As<l::TableScan>().table.provider;
      if (auto* shuffle = dynamic_cast<const ShuffleReadTable*>(provider.get())) {
        if (std::find(stage.input_stages.begin(), stage.input_stages.end(), shuffle->input_stage()) ==
            stage.input_stages.end()) {
          stage.input_stages.push_back(shuffle->input_stage());
        }
        if (!shuffle->read_all()) tasks = std::max(tasks, shuffle->input_partitions());
      } else {
        tasks = std::max(tasks, std::max(1, options_.scan_partitions));
      }
    });
    stage.task_count = tasks;
    for (auto& adaptive : adaptive_joins_) {
      const auto& inputs = stage.input_stages;
      if (adaptive.join_stage == 0 &&
          std::find(inputs.begin(), inputs.end(), adaptive.probe_stage) != inputs.end() &&
          std::find(inputs.begin(), inputs.end(), adaptive.build_stage) != inputs.end()) {
        adaptive.join_stage = stage.stage_id;
      }
    }
    stages_.push_back(std::move(stage));
    return stages_.back().stage_id;
  }

  StagePlannerOptions options_;
  std::vector<StageDefinition> stages_;
  std::vector<AdaptiveJoin> adaptive_joins_;
};

}  // namespace

double RowWidthBytes(const logical::LogicalPlan& plan, int skip_last) {
  const auto& columns = plan.output();
  double width = 0;
  for (size_t i = 0; i + static_cast<size_t>(std::max(0, skip_last)) < columns.size(); ++i) {
    width += ValueBytes(*columns[i].type);
  }
  return std::max(1.0, width);
}

std::string Distribution::ToString() const {
  switch (kind) {
    case Kind::kAny:
      return "any";
    case Kind::kSingle:
      return "single";
    case Kind::kHash: {
      std::string out = "hash(";
      for (size_t i = 0; i < keys.size(); ++i) out += (i ? ", " : "") + keys[i]->ToString();
      return out + ")";
    }
  }
  return "?";
}

std::string StageGraph::ToString() const {
  std::string out;
  for (const auto& stage : stages) {
    out += "Stage " + std::to_string(stage.stage_id) + ": tasks=" + std::to_string(stage.task_count);
    if (stage.output.hash_columns > 0) {
      out += " output=hash(" + std::to_string(stage.output.hash_columns) + " keys) partitions=" +
             std::to_string(stage.output.partitions);
    } else {
      out += " output=single";
    }
    if (!stage.input_stages.empty()) {
      out += " inputs=[";
      for (size_t i = 0; i < stage.input_stages.size(); ++i) {
        out += (i ? ", " : "") + std::to_string(stage.input_stages[i]);
      }
      out += "]";
    }
    out += "\n" + IndentedPlan(*stage.plan, "  ");
  }
  for (const auto& adaptive : adaptive_joins) {
    out += "Adaptive join in stage " + std::to_string(adaptive.join_stage) + ": stage " +
           std::to_string(adaptive.probe_stage) + " waits for stage " + std::to_string(adaptive.build_stage) +
           ", broadcast if small\n";
  }
  return out;
}

std::string IndentedPlan(const logical::LogicalPlan& plan, std::string_view indent) {
  std::string text = l::PlanToString(plan);
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.append(indent).append(text, start, end - start).push_back('\n');
    start = end + 1;
  }
  return out;
}

Result<StageGraph> PlanStages(const logical::LogicalPlanPtr& plan, const StagePlannerOptions& options) {
  return StagePlanner(options).Run(plan);
}

}  // namespace ballista::dist
