#pragma once

#include <mutex>
#include <vector>

#include "ballista/catalog/table_provider.h"

namespace ballista::catalog {

/// A table held in memory as record batches (CREATE TABLE, CREATE TABLE AS, INSERT INTO,
/// RegisterTable). Scans see a snapshot of the batches present when PlanScan ran; inserts append
/// under a lock, so concurrent scans and inserts are safe.
class MemoryTable final : public TableProvider {
 public:
  /// Every batch must match `schema` (names may differ: batches are re-labelled on insert).
  static Result<std::shared_ptr<MemoryTable>> Make(arrow::SchemaPtr schema,
                                                   std::vector<arrow::RecordBatchPtr> batches);

  arrow::SchemaPtr schema() const override { return schema_; }
  TableStatistics Statistics() const override;
  Result<std::vector<ScanUnitPtr>> PlanScan(const ScanRequest& request) const override;
  Status Insert(const std::vector<arrow::RecordBatchPtr>& batches) override;

  /// A copy of the current batch list.
  std::vector<arrow::RecordBatchPtr> batches() const;

 private:
  MemoryTable(arrow::SchemaPtr schema) : schema_(std::move(schema)) {}
  Status CheckAndAppend(const std::vector<arrow::RecordBatchPtr>& batches);

  arrow::SchemaPtr schema_;
  mutable std::mutex mutex_;
  std::vector<arrow::RecordBatchPtr> batches_;
  int64_t num_rows_ = 0;
};

/// The columns `projection` of `batch` (all when unset), labelled by `projected_schema`.
Result<arrow::RecordBatchPtr> ProjectBatch(const arrow::RecordBatchPtr& batch,
                                           const std::optional<std::vector<int>>& projection,
                                           const arrow::SchemaPtr& projected_schema);

/// The schema of `schema` restricted to `projection` (all of it when unset). An index out of
/// range is an InvalidArgument error.
Result<arrow::SchemaPtr> ProjectSchema(const arrow::SchemaPtr& schema,
                                       const std::optional<std::vector<int>>& projection);

}  // namespace ballista::catalog
