#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "ballista/common/result.h"
#include "ballista/formats/parquet/file_reader.h"
#include "ballista/formats/scan_predicate.h"

namespace ballista::formats::parquet {

/// Per-file statistics for the optimizer: the row count and, per top-level field (schema order),
/// min/max/null count merged over the row groups. Fields without usable statistics (nested
/// fields, INT96, FLOAT16, a row group without min/max) have unknown members.
struct FileStatistics {
  int64_t num_rows = 0;
  std::vector<ColumnStatistics> columns;
};

/// The statistics of top-level field `field` in row group `row_group`, decoded from the column
/// chunk's min_value/max_value (the deprecated min/max only for signed-order physical types).
/// Unknown (all members empty) for nested fields.
ColumnStatistics RowGroupStatistics(const ParquetFileReader& reader, int row_group, int field);

FileStatistics ComputeFileStatistics(const ParquetFileReader& reader);

/// The row groups whose statistics do not rule out `predicate`, in order. Columns the file lacks
/// never prune (the scan layer decides what a missing column means).
std::vector<int> PruneRowGroups(const ParquetFileReader& reader, const ScanPredicate& predicate);

/// A half-open range of rows [begin, end) within a row group.
struct RowRange {
  int64_t begin = 0;
  int64_t end = 0;
  bool operator==(const RowRange&) const = default;
};

/// The rows of `row_group` in pages that the page index (ColumnIndex + OffsetIndex) does not rule
/// out for `predicate`, as sorted disjoint ranges; the whole row group when the file has no page
/// index for the predicate's columns.
std::vector<RowRange> SelectPageRows(const ParquetFileReader& reader, int row_group,
                                     const ScanPredicate& predicate);

/// Reads the rows of `reader` that survive row-group and page pruning for `predicate`, keeping
/// `column_indices` (empty: all). Pruned row groups are not decoded; within a surviving row
/// group the batch is sliced to the surviving page ranges (the rows that remain still need the
/// predicate applied: pruning is conservative).
Result<std::vector<arrow::RecordBatchPtr>> ReadPruned(const ParquetFileReader& reader,
                                                      const ScanPredicate& predicate,
                                                      const std::vector<int>& column_indices = {});

/// Opened files keyed by path + size + modification time, so a file is parsed once per version
/// (its footer, schema and bytes are shared). Holds at most `capacity` files, evicting the least
/// recently used. Thread-safe.
class MetadataCache {
 public:
  explicit MetadataCache(size_t capacity = 64) : capacity_(capacity) {}
  /// The cached reader for the file's current size and mtime, opening it on a miss.
  Result<std::shared_ptr<ParquetFileReader>> Open(const std::string& path);
  int64_t hits() const;
  int64_t misses() const;

 private:
  struct Entry {
    int64_t size;
    int64_t mtime_ns;
    uint64_t last_use;
    std::shared_ptr<ParquetFileReader> reader;
  };
  mutable std::mutex mutex_;
  size_t capacity_;
  uint64_t clock_ = 0;
  int64_t hits_ = 0;
  int64_t misses_ = 0;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace ballista::formats::parquet
