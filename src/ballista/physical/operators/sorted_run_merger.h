#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "ballista/arrow/record_batch_reader.h"
#include "ballista/common/memory_pool.h"
#include "ballista/physical/kernels/row_comparator.h"
#include "ballista/physical/physical_expr.h"

namespace ballista::physical {

/// Merges sorted runs (each a reader whose rows are already in key order) into one stream in key
/// order: the last phase of an external merge sort. Only the current batch of each run is held,
/// so memory is one batch per run plus one output batch. Ties are taken from the earlier run
/// first, so merging runs cut from a stably sorted input in input order keeps it stable.
/// `keys` are evaluated on each run batch (scratch memory from `pool`); output batches come from
/// the default pool. `limit` stops the stream after that many rows.
/// Single-threaded.
class SortedRunMerger final : public arrow::RecordBatchReader {
 public:
  SortedRunMerger(arrow::SchemaPtr schema, std::vector<arrow::RecordBatchReaderPtr> runs,
                  std::vector<PhysicalExprPtr> keys, std::vector<SortOrder> orders, int64_t batch_size,
                  std::optional<int64_t> limit, MemoryPool* pool);

  arrow::SchemaPtr schema() const override { return schema_; }
  Result<arrow::RecordBatchPtr> Next() override;

 private:
  struct Cursor {
    arrow::RecordBatchReaderPtr reader;
    arrow::RecordBatchPtr batch;
    std::vector<arrow::ArrayDataPtr> keys;
    int64_t row = 0;
    int32_t chunk = -1;  ///< this batch's index among the current output's chunks, -1 if none
    bool done = false;
  };

  Status Advance(Cursor& cursor);
  /// Loads the cursor's next non-empty batch, or marks it done.
  Status LoadBatch(Cursor& cursor);
  /// True when the current row of run `a` sorts strictly before that of run `b`, or ties and
  /// `a` is the earlier run.
  bool Before(size_t a, size_t b) const;
  void SiftDown(size_t position);
  void SiftUp(size_t position);

  arrow::SchemaPtr schema_;
  std::vector<Cursor> cursors_;
  std::vector<PhysicalExprPtr> key_exprs_;
  std::vector<SortOrder> orders_;
  std::vector<ValueCompare> compare_;  ///< per key, chosen once for its type
  int64_t batch_size_;
  int64_t remaining_;
  MemoryPool* pool_;
  bool started_ = false;
  std::vector<size_t> heap_;  ///< run indices; heap_[0] holds the smallest current row
};

}  // namespace ballista::physical
