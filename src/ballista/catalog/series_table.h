#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ballista/catalog/table_provider.h"

namespace ballista::catalog {

/// The table functions `range(...)` and `generate_series(...)`: one BIGINT column (named like the
/// function) holding start, start + step, ... . `range` stops before `stop`, `generate_series`
/// includes it, as in DuckDB. Values are generated while scanning, in units that can run in
/// parallel, so a series of billions of rows costs no memory up front.
class SeriesTable final : public TableProvider {
 public:
  /// `args`: (stop), (start, stop) or (start, stop, step), all integers; step 0 is an error.
  static Result<std::shared_ptr<SeriesTable>> Make(const std::string& function_name,
                                                   const std::vector<arrow::Scalar>& args);

  arrow::SchemaPtr schema() const override { return schema_; }
  TableStatistics Statistics() const override;
  Result<std::vector<ScanUnitPtr>> PlanScan(const ScanRequest& request) const override;

  /// The same series from its parts (what start(), step() and num_rows() report), under a
  /// column named `column_name`: how a serialized plan rebuilds it. InvalidArgument when step
  /// is 0, num_rows is negative or the last value would overflow int64.
  static Result<std::shared_ptr<SeriesTable>> FromParts(const std::string& column_name,
                                                        int64_t start, int64_t step,
                                                        int64_t num_rows);

  int64_t num_rows() const { return num_rows_; }
  int64_t start() const { return start_; }
  int64_t step() const { return step_; }

 private:
  SeriesTable(arrow::SchemaPtr schema, int64_t start, int64_t step, int64_t num_rows)
      : schema_(std::move(schema)), start_(start), step_(step), num_rows_(num_rows) {}

  arrow::SchemaPtr schema_;
  int64_t start_;
  int64_t step_;
  int64_t num_rows_;
};

}  // namespace ballista::catalog
