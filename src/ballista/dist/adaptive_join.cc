#include "ballista/dist/adaptive_join.h"

#include <algorithm>

#include "ballista/dist/shuffle_read_table.h"

namespace ballista::dist {
namespace l = ballista::logical;
namespace {

const ShuffleReadTable* ShuffleReadOf(const l::LogicalPlan& plan) {
  if (plan.kind != l::PlanKind::kTableScan) return nullptr;
  return dynamic_cast<const ShuffleReadTable*>(plan.As<l::TableScan>().table.provider.get());
}

bool ReadsHashPartitionsOf(const l::LogicalPlan& plan, int stage_id) {
  const ShuffleReadTable* read = ShuffleReadOf(plan);
  return read != nullptr && read->input_stage() == stage_id && !read->read_all();
}

bool IsTheJoin(const l::LogicalPlan& plan, int probe_stage, int build_stage) {
  if (plan.kind != l::PlanKind::kJoin) return false;
  switch (plan.As<l::JoinPlan>().join_type) {
    case l::JoinType::kInner:
    case l::JoinType::kLeft:
    case l::JoinType::kLeftSemi:
    case l::JoinType::kLeftAnti:
    case l::JoinType::kLeftMark:
      break;
    default:
      return false;
  }
  return ReadsHashPartitionsOf(*plan.inputs()[0], probe_stage) &&
         ReadsHashPartitionsOf(*plan.inputs()[1], build_stage);
}

/// Whether `node`, reading the join's rows through input `input_index`, gives the same answer
/// when those rows are spread over tasks in any way (it works row by row, or per task as the
/// first phase of something finished in a later stage).
bool IndifferentToPlacement(const l::LogicalPlan& node, size_t input_index) {
  switch (node.kind) {
    case l::PlanKind::kProjection:
    case l::PlanKind::kFilter:
    case l::PlanKind::kSort:   // per-task top-k; a full sort runs in a stage of one task
    case l::PlanKind::kLimit:  // likewise
      return true;
    case l::PlanKind::kAggregate:
      return node.As<l::AggregatePlan>().mode == l::AggregateMode::kPartial;
    case l::PlanKind::kJoin:
      // Probing a broadcast build side (another hash-aligned input is ruled out separately).
      return input_index == 0;
    default:
      return false;
  }
}

enum class Search { kAbsent, kFound, kBlocked };

Search FindJoin(const l::LogicalPlan& node, int probe_stage, int build_stage) {
  if (IsTheJoin(node, probe_stage, build_stage)) return Search::kFound;
  const auto& inputs = node.inputs();
  for (size_t i = 0; i < inputs.size(); ++i) {
    Search below = FindJoin(*inputs[i], probe_stage, build_stage);
    if (below == Search::kBlocked) return below;
    if (below == Search::kFound) return IndifferentToPlacement(node, i) ? below : Search::kBlocked;
  }
  return Search::kAbsent;
}

int CountHashReads(const l::LogicalPlan& node) {
  const ShuffleReadTable* read = ShuffleReadOf(node);
  int n = read != nullptr && !read->read_all() ? 1 : 0;
  for (const auto& input : node.inputs()) n += CountHashReads(*input);
  return n;
}

/// `node` with the probe read replaced by `probe_rows` and the build read made a broadcast read.
l::LogicalPlanPtr Rewrite(const l::LogicalPlanPtr& node, int probe_stage, int build_stage,
                          const l::LogicalPlanPtr& probe_rows) {
  if (ReadsHashPartitionsOf(*node, probe_stage)) return probe_rows;
  if (ReadsHashPartitionsOf(*node, build_stage)) {
    const ShuffleReadTable* read = ShuffleReadOf(*node);
    const auto& scan = node->As<l::TableScan>();
    auto broadcast = std::make_shared<ShuffleReadTable>(read->schema(), build_stage, /*read_all=*/true,
                                                        read->input_partitions());
    catalog::ResolvedTable table = scan.table;
    table.provider = broadcast;
    return std::make_shared<l::TableScan>(std::move(table), scan.projection, scan.output(), scan.filters, scan.fetch);
  }
  std::vector<l::LogicalPlanPtr> inputs;
  bool changed = false;
  for (const auto& input : node->inputs()) {
    inputs.push_back(Rewrite(input, probe_stage, build_stage, probe_rows));
    changed = changed || inputs.back() != input;
  }
  return changed ? node->WithInputs(std::move(inputs)) : node;
}

}  // namespace

std::optional<StageDefinition> MergeProbeForBroadcast(const StageDefinition& join_stage,
                                                      const StageDefinition& probe_stage, int build_stage) {
  const int probe_id = probe_stage.stage_id;
  if (FindJoin(*join_stage.plan, probe_id, build_stage) != Search::kFound) return std::nullopt;
  // The join's two inputs must be the stage's only partition-by-partition reads: any other would
  // expect its partition p to meet the join's partition p.
  if (CountHashReads(*join_stage.plan) != 2) return std::nullopt;
  // The probe stage's plan is its rows plus the hash key columns on top (a projection); the read
  // in the join stage has exactly those rows' columns.
  if (probe_stage.plan->kind != l::PlanKind::kProjection || probe_stage.output.hash_columns <= 0) {
    return std::nullopt;
  }
  const l::LogicalPlanPtr probe_rows = probe_stage.plan->inputs()[0];
  StageDefinition merged;
  merged.stage_id = join_stage.stage_id;
  merged.plan = Rewrite(join_stage.plan, probe_id, build_stage, probe_rows);
  merged.output = join_stage.output;
  merged.task_count = probe_stage.task_count;
  merged.distribution = Distribution{};
  l::VisitPlan(merged.plan, [&](const l::LogicalPlanPtr& node) {
    const ShuffleReadTable* read = ShuffleReadOf(*node);
    if (read == nullptr) return;
    auto& inputs = merged.input_stages;
    if (std::find(inputs.begin(), inputs.end(), read->input_stage()) == inputs.end()) {
      inputs.push_back(read->input_stage());
    }
  });
  return merged;
}

double StageOutputMemoryBytes(const StageDefinition& stage, int64_t rows) {
  return static_cast<double>(rows) * RowWidthBytes(*stage.plan, stage.output.hash_columns);
}

void RedirectAdaptiveJoins(std::vector<AdaptiveJoin>& joins, int probe_stage, int join_stage) {
  for (auto& join : joins) {
    if (join.join_stage == probe_stage) join.join_stage = join_stage;
  }
}

}  // namespace ballista::dist
