#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ballista/arrow/record_batch_reader.h"
#include "ballista/arrow/scalar.h"
#include "ballista/arrow/type.h"
#include "ballista/common/result.h"
#include "ballista/formats/scan_predicate.h"

namespace ballista::catalog {

/// What a table is, as information_schema.tables reports it.
enum class TableType : uint8_t { kBaseTable, kView, kLocalTemporary, kSystem };

/// "BASE TABLE", "VIEW", "LOCAL TEMPORARY", "SYSTEM VIEW".
std::string_view TableTypeName(TableType type);

/// What a provider knows about one column; unknown parts are unset.
struct ColumnStatistics {
  std::optional<arrow::Scalar> min;
  std::optional<arrow::Scalar> max;
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
};

/// What a provider knows about a whole table, used by the optimizer's cardinality estimates.
/// `exact` says whether the figures are exact (a memory table) or estimates (file footers that
/// may have changed, samples).
struct TableStatistics {
  std::optional<int64_t> num_rows;
  std::optional<int64_t> total_bytes;
  std::vector<ColumnStatistics> columns;  ///< one per schema field, or empty when unknown
  bool exact = false;
};

/// A simple comparison a provider can use to skip data (row groups, pages, files, partitions):
/// `column op values`, the column named as in the provider's schema. The same predicate the file
/// formats prune with. Pushed filters are hints: the plan keeps the full filter above the scan,
/// so a provider may ignore any of them, but must never drop a row that satisfies them.
using ScanFilter = formats::ColumnPredicate;

/// What a scan asks of a provider.
struct ScanRequest {
  /// Indices of the schema fields to produce, in this order; unset means all fields.
  std::optional<std::vector<int>> projection;
  std::vector<ScanFilter> filters;
  /// At most this many rows are needed (no filter above the scan); unset means all.
  std::optional<int64_t> limit;
  /// How many units the caller would like the scan split into (threads or tasks).
  int target_partitions = 1;
};

/// One independent unit of a scan (a morsel or a task split): a file byte range, some row groups,
/// a partition of a memory table. Units of one scan can be read concurrently, in any order.
class ScanUnit {
 public:
  virtual ~ScanUnit() = default;
  /// Opens a reader producing the projected columns of this unit's rows.
  virtual Result<arrow::RecordBatchReaderPtr> Open() const = 0;
  /// A short description for EXPLAIN ("lineitem.parquet row groups 0-3").
  virtual std::string ToString() const = 0;
};
using ScanUnitPtr = std::shared_ptr<const ScanUnit>;

/// A source of rows the SQL engine can scan: a memory table, files, a view, a system table.
/// Implementations are thread-safe: scans may be planned and opened from any thread.
class TableProvider {
 public:
  virtual ~TableProvider() = default;

  virtual arrow::SchemaPtr schema() const = 0;
  virtual TableType table_type() const { return TableType::kBaseTable; }

  /// Best-known statistics; the default knows nothing.
  virtual TableStatistics Statistics() const { return {}; }

  /// Splits a scan into units that each produce the requested columns.
  virtual Result<std::vector<ScanUnitPtr>> PlanScan(const ScanRequest& request) const = 0;

  /// Appends rows (INSERT INTO). Batches match schema(). The default refuses, naming the table
  /// kind, because most providers are read-only.
  virtual Status Insert(const std::vector<arrow::RecordBatchPtr>& batches);
};
using TableProviderPtr = std::shared_ptr<TableProvider>;

}  // namespace ballista::catalog
