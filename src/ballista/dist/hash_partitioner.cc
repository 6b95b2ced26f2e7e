#include "ballista/dist/hash_partitioner.h"

#include "ballista/compute/hash.h"
#include "ballista/compute/selection.h"
#include "ballista/dist/shuffle_writer.h"

namespace ballista::dist {

Result<std::vector<arrow::RecordBatchPtr>> PartitionBatch(const arrow::RecordBatch& batch,
                                                          const ShuffleOutput& output,
                                                          const arrow::SchemaPtr& data_schema) {
  const int partitions = std::max(1, output.partitions);
  const int data_columns = batch.num_columns() - output.hash_columns;
  if (data_columns < 0 || data_columns != data_schema->num_fields()) {
    return Status::Internal("shuffle partitioning: batch has " + std::to_string(batch.num_columns()) +
                            " columns, expected " + std::to_string(data_schema->num_fields()) + " + " +
                            std::to_string(output.hash_columns) + " key columns");
  }
  std::vector<arrow::ArrayDataPtr> data(batch.columns().begin(), batch.columns().begin() + data_columns);
  std::vector<arrow::RecordBatchPtr> out(static_cast<size_t>(partitions));
  if (batch.num_rows() == 0) return out;
  auto data_batch = std::make_shared<arrow::RecordBatch>(data_schema, batch.num_rows(), std::move(data));
  if (output.hash_columns == 0 || partitions == 1) {
    out[0] = std::move(data_batch);
    return out;
  }
  std::vector<arrow::ArrayDataPtr> keys(batch.columns().begin() + data_columns, batch.columns().end());
  std::vector<uint64_t> hashes(static_cast<size_t>(batch.num_rows()));
  RETURN_NOT_OK(compute::HashColumns(keys, hashes.data()));
  std::vector<std::vector<uint32_t>> rows(static_cast<size_t>(partitions));
  for (size_t r = 0; r < hashes.size(); ++r) {
    rows[ShufflePartitionForHash(hashes[r], static_cast<uint32_t>(partitions))].push_back(static_cast<uint32_t>(r));
  }
  for (size_t p = 0; p < rows.size(); ++p) {
    if (rows[p].empty()) continue;
    if (rows[p].size() == hashes.size()) {
      out[p] = data_batch;
      continue;
    }
    ASSIGN_OR_RAISE(out[p], compute::TakeRecordBatch(*data_batch, rows[p].data(),
                                                     static_cast<int64_t>(rows[p].size())));
  }
  return out;
}

}  // namespace ballista::dist
