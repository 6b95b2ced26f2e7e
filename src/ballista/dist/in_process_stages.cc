#include "ballista/dist/in_process_stages.h"

#include <map>
#include <set>

#include "ballista/dist/adaptive_join.h"
#include "ballista/dist/hash_partitioner.h"
#include "ballista/dist/task_binding.h"
#include "ballista/physical/physical_planner.h"

namespace ballista::dist {
namespace l = ballista::logical;
namespace {

using Batches = std::vector<arrow::RecordBatchPtr>;

/// Shuffle outputs held in memory: (stage, map task, output partition) -> batches.
struct MemoryShuffle {
  std::map<std::tuple<int, int, int>, Batches> pieces;
};

/// Fills in the pieces of every shuffle read in `plan` (each stage read has finished).
l::LogicalPlanPtr ResolveReads(const l::LogicalPlanPtr& plan, const MemoryShuffle& shuffle,
                               const std::map<int, int>& task_counts) {
  return RewriteShuffleReads(plan, [&](const ShuffleReadTable& read) {
    std::vector<std::vector<ShufflePiece>> pieces(static_cast<size_t>(read.input_partitions()));
    int maps = task_counts.at(read.input_stage());
    for (int p = 0; p < read.input_partitions(); ++p) {
      for (int m = 0; m < maps; ++m) {
        auto it = shuffle.pieces.find({read.input_stage(), m, p});
        if (it == shuffle.pieces.end()) continue;
        ShufflePiece piece;
        piece.executor_id = "local";
        piece.stage_id = read.input_stage();
        piece.map_partition = m;
        piece.output_partition = p;
        for (const auto& b : it->second) piece.rows += b->num_rows();
        pieces[static_cast<size_t>(p)].push_back(piece);
      }
    }
    return catalog::TableProviderPtr(read.WithPieces(std::move(pieces)));
  });
}

StageDefinition* FindStage(StageGraph& graph, int stage_id) {
  for (auto& stage : graph.stages) {
    if (stage.stage_id == stage_id) return &stage;
  }
  return nullptr;
}

/// After `build_stage` has run with output taking `bytes` in memory: switches the adaptive joins it builds to
/// broadcast joins when it is small enough, as the scheduler does; the probe stages merged into
/// their join stages are added to `merged_away`.
void DecideAdaptiveJoins(StageGraph& graph, int build_stage, double bytes, int64_t threshold,
                         std::set<int>& merged_away) {
  for (auto& adaptive : graph.adaptive_joins) {
    if (adaptive.build_stage != build_stage || bytes > static_cast<double>(threshold)) continue;
    StageDefinition* join = FindStage(graph, adaptive.join_stage);
    StageDefinition* probe = FindStage(graph, adaptive.probe_stage);
    if (join == nullptr || probe == nullptr) continue;
    auto merged = MergeProbeForBroadcast(*join, *probe, build_stage);
    if (!merged) continue;
    *join = std::move(*merged);
    merged_away.insert(adaptive.probe_stage);
    RedirectAdaptiveJoins(graph.adaptive_joins, adaptive.probe_stage, adaptive.join_stage);
  }
}

Result<Batches> RunStages(StageGraph graph, const StagePlannerOptions& options,
                          const session::SessionConfig& config) {
  std::set<int> merged_away;
  MemoryShuffle shuffle;
  std::map<int, int> task_counts;
  std::map<int, arrow::SchemaPtr> data_schemas;
  physical::ExecuteOptions exec_options;
  exec_options.config = config.exec;
  Batches result;
  for (const auto& stage : graph.stages) {
    if (merged_away.count(stage.stage_id)) continue;
    const bool final_stage = &stage == &graph.final_stage();
    auto resolved = ResolveReads(stage.plan, shuffle, task_counts);
    auto data_schema = arrow::SchemaPtr();
    {
      // The rows written: the plan's output without the hash key columns.
      auto full = resolved->ToArrowSchema();
      std::vector<arrow::FieldPtr> fields;
      for (int i = 0; i < full->num_fields() - stage.output.hash_columns; ++i) fields.push_back(full->field(i));
      data_schema = std::make_shared<arrow::Schema>(std::move(fields));
    }
    ShufflePieceOpener opener = [&shuffle, &data_schemas](const ShufflePiece& piece)
        -> Result<arrow::RecordBatchReaderPtr> {
      auto it = shuffle.pieces.find({piece.stage_id, piece.map_partition, piece.output_partition});
      Batches batches;
      if (it != shuffle.pieces.end()) batches = it->second;
      return arrow::MakeVectorReader(data_schemas.at(piece.stage_id), std::move(batches));
    };
    for (int task = 0; task < stage.task_count; ++task) {
      ASSIGN_OR_RAISE(auto bound, BindStagePlanToTask(resolved, task, stage.task_count, opener));
      ASSIGN_OR_RAISE(auto physical_plan, physical::CreatePhysicalPlan(bound));
      ASSIGN_OR_RAISE(auto batches, physical::CollectPlan(*physical_plan, exec_options));
      for (const auto& batch : batches) {
        if (final_stage) {
          if (batch->num_rows() > 0) result.push_back(batch);
          continue;
        }
        ASSIGN_OR_RAISE(auto parts, PartitionBatch(*batch, stage.output, data_schema));
        for (size_t p = 0; p < parts.size(); ++p) {
          if (parts[p]) shuffle.pieces[{stage.stage_id, task, static_cast<int>(p)}].push_back(parts[p]);
        }
      }
    }
    task_counts[stage.stage_id] = stage.task_count;
    data_schemas[stage.stage_id] = data_schema;
    if (!graph.adaptive_joins.empty() && !final_stage) {
      int64_t rows = 0;
      for (const auto& [key, batches] : shuffle.pieces) {
        if (std::get<0>(key) != stage.stage_id) continue;
        for (const auto& batch : batches) rows += batch->num_rows();
      }
      DecideAdaptiveJoins(graph, stage.stage_id, StageOutputMemoryBytes(stage, rows),
                          options.adaptive_broadcast_threshold_bytes, merged_away);
    }
  }
  return result;
}

}  // namespace

Result<arrow::RecordBatchReaderPtr> InProcessStageRunner::Execute(const l::LogicalPlanPtr& plan,
                                                                  const session::SessionConfig& config) const {
  ASSIGN_OR_RAISE(auto graph, PlanStages(plan, options_));
  ASSIGN_OR_RAISE(auto batches, RunStages(graph, options_, config));
  return arrow::MakeVectorReader(plan->ToArrowSchema(), std::move(batches));
}

Result<std::string> InProcessStageRunner::Explain(const l::LogicalPlanPtr& plan,
                                                  const session::SessionConfig&) const {
  ASSIGN_OR_RAISE(auto graph, PlanStages(plan, options_));
  return graph.ToString();
}

Result<std::string> InProcessStageRunner::Analyze(const l::LogicalPlanPtr& plan,
                                                  const session::SessionConfig& config) const {
  ASSIGN_OR_RAISE(auto graph, PlanStages(plan, options_));
  ASSIGN_OR_RAISE(auto batches, RunStages(graph, options_, config));
  int64_t rows = 0;
  for (const auto& b : batches) rows += b->num_rows();
  return graph.ToString() + "output_rows=" + std::to_string(rows) + "\n";
}

}  // namespace ballista::dist
