#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ballista/catalog/table_provider.h"
#include "ballista/exec/source.h"

namespace ballista::physical {

/// Reads a table through its provider: the scan is split into ScanUnits when the execution
/// starts, and each unit is one morsel: tasks take units from a shared queue and read them to
/// the end, so the tasks together read every unit exactly once. `fetch` caps the rows produced
/// over all tasks (a LIMIT pushed into the scan).
class TableScanSource final : public exec::Source {
 public:
  TableScanSource(std::string table_name, catalog::TableProviderPtr provider,
                  std::vector<int> projection, arrow::SchemaPtr schema,
                  std::optional<int64_t> fetch, std::vector<catalog::ScanFilter> filters);

  std::string name() const override { return "TableScan(" + table_name_ + ")"; }
  arrow::SchemaPtr output_schema() const override { return schema_; }
  /// Plans the scan (provider->PlanScan); parallelism = number of units.
  Result<std::unique_ptr<exec::GlobalSourceState>> MakeGlobalSourceState(
      exec::ExecContext& ctx, exec::OperatorMetrics& metrics) const override;
  Result<std::unique_ptr<exec::LocalSourceState>> MakeLocalSourceState(exec::ExecContext& ctx,
                                                                  exec::GlobalSourceState& global,
                                                                  int task_index) const override;
  Result<exec::SourceResult> GetData(exec::ExecContext& ctx, exec::GlobalSourceState& global,
                                     exec::LocalSourceState& local,
                                     exec::OperatorOutput* out) const override;

 private:
  /// Applies `fetch` and hands `batch` out.
  Result<exec::SourceResult> Emit(arrow::RecordBatchPtr batch, exec::GlobalSourceState& global,
                                  exec::OperatorOutput* out) const;

  std::string table_name_;
  catalog::TableProviderPtr provider_;
  std::vector<int> projection_;
  arrow::SchemaPtr schema_;
  std::optional<int64_t> fetch_;
  std::vector<catalog::ScanFilter> filters_;
};

}  // namespace ballista::physical
