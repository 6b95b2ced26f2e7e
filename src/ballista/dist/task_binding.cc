#include "ballista/dist/task_binding.h"

namespace ballista::dist {
namespace l = ballista::logical;
namespace {

/// Share `share` of `shares` of a provider's scan units: every task asks the provider for the
/// same split (a fixed unit count, whatever the executor's threads) and keeps units
/// share, share + shares, ...
class TaskShareTable final : public catalog::TableProvider {
 public:
  TaskShareTable(catalog::TableProviderPtr inner, int share, int shares)
      : inner_(std::move(inner)), share_(share), shares_(shares) {}

  arrow::SchemaPtr schema() const override { return inner_->schema(); }
  catalog::TableType table_type() const override { return inner_->table_type(); }
  catalog::TableStatistics Statistics() const override { return {}; }

  Result<std::vector<catalog::ScanUnitPtr>> PlanScan(const catalog::ScanRequest& request) const override {
    catalog::ScanRequest fixed = request;
    fixed.target_partitions = shares_ * kScanUnitsPerTask;
    ASSIGN_OR_RAISE(auto units, inner_->PlanScan(fixed));
    std::vector<catalog::ScanUnitPtr> mine;
    for (size_t i = static_cast<size_t>(share_); i < units.size(); i += static_cast<size_t>(shares_)) {
      mine.push_back(units[i]);
    }
    return mine;
  }

 private:
  catalog::TableProviderPtr inner_;
  int share_;
  int shares_;
};

Result<l::LogicalPlanPtr> Bind(const l::LogicalPlanPtr& node, int task, int tasks,
                               const ShufflePieceOpener& opener) {
  switch (node->kind) {
    case l::PlanKind::kTableScan: {
      const auto& scan = node->As<l::TableScan>();
      catalog::ResolvedTable table = scan.table;
      if (auto* shuffle = dynamic_cast<const ShuffleReadTable*>(table.provider.get())) {
        table.provider = shuffle->BindToTask(task, opener);
      } else if (tasks > 1) {
        table.provider = std::make_shared<TaskShareTable>(table.provider, task, tasks);
      }
      return l::LogicalPlanPtr(std::make_shared<l::TableScan>(std::move(table), scan.projection, scan.output(),
                                                              scan.filters, scan.fetch));
    }
    case l::PlanKind::kValues:
    case l::PlanKind::kEmpty:
      if (task == 0) return node;
      return l::LogicalPlanPtr(std::make_shared<l::EmptyPlan>(false, node->output()));
    default:
      break;
  }
  std::vector<l::LogicalPlanPtr> inputs;
  for (const auto& input : node->inputs()) {
    ASSIGN_OR_RAISE(auto bound, Bind(input, task, tasks, opener));
    inputs.push_back(std::move(bound));
  }
  return node->WithInputs(std::move(inputs));
}

}  // namespace

Result<l::LogicalPlanPtr> BindStagePlanToTask(const l::LogicalPlanPtr& plan, int task_partition, int task_count,
                                              const ShufflePieceOpener& opener) {
  if (task_partition < 0 || task_partition >= task_count) {
    return Status::InvalidArgument("task partition " + std::to_string(task_partition) + " outside 0.." +
                           std::to_string(task_count - 1));
  }
  return Bind(plan, task_partition, task_count, opener);
}

}  // namespace ballista::dist
