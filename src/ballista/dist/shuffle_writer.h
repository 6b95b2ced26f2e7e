#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/arrow/ipc/compression.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/type.h"
#include "ballista/common/memory_pool.h"
#include "ballista/common/result.h"
#include "ballista/dist/shuffle_file.h"

namespace ballista::dist {

/// Configuration key of the shuffle codec: lz4 (the default), zstd or none.
inline constexpr std::string_view kShuffleCompressionCodecKey =
    "ballista.shuffle.compression.codec";

/// Parses a `ballista.shuffle.compression.codec` value: "lz4" (or "lz4_frame"), "zstd", "none"
/// (or "uncompressed"), case-insensitive. InvalidArgument naming the key and the choices otherwise.
Result<arrow::ipc::CompressionType> ParseShuffleCompressionCodec(std::string_view value);

/// The output partition of a row whose HashColumns value is `hash`, out of `num_partitions`.
/// The hash is mixed first (murmur3's finalizer) so that keys whose hashes differ only in high
/// bits still spread. Pure; the same in every process, which is what lets a reader of partition
/// p and a hash join over co-partitioned inputs agree.
uint32_t ShufflePartitionForHash(uint64_t hash, uint32_t num_partitions);

/// What one map task writes and how. Plain value.
struct ShuffleWriterOptions {
  /// The executor's work dir; the output goes to <work_dir>/<job>/<stage>/<map_partition>/.
  std::string work_dir;
  ShuffleTaskId task;
  /// Output partitions; 1 means unpartitioned (a single stream).
  uint32_t num_output_partitions = 1;
  /// Input column indices whose values choose a row's partition (compute::HashColumns, then
  /// ShufflePartitionForHash). Required (non-empty) when num_output_partitions > 1.
  std::vector<int> hash_columns;
  /// Input column indices written, in this order; empty writes every input column.
  std::vector<int> output_columns;
  /// IPC body compression (ParseShuffleCompressionCodec reads the configuration key).
  arrow::ipc::CompressionType compression = arrow::ipc::CompressionType::kLz4Frame;
  /// Rows a partition gathers before they are encoded as one IPC record batch.
  int64_t target_batch_rows = 8192;
  /// Encoded bytes one partition keeps in memory before appending them to the task's spill file.
  int64_t partition_buffer_bytes = 1 << 20;
  /// Bytes all partitions together keep in memory (gathered rows plus encoded bytes); past it every
  /// partition is encoded and appended to the spill file.
  int64_t max_buffered_bytes = 64 << 20;
  /// A task whose whole output stayed within max_buffered_bytes (nothing spilled) keeps it in the
  /// process's InMemoryShuffleStore instead of writing data.arrow and the index, when the store
  /// has room (`ballista.shuffle.memory_budget_bytes` on executors).
  bool keep_in_memory = false;
  /// Pool for gathered rows and encoded buffers.
  MemoryPool* pool = DefaultMemoryPool();
};

/// The committed output of one map task. Plain value.
struct ShuffleWriteResult {
  std::string data_path;
  std::string index_path;
  /// One entry per output partition, in partition order.
  std::vector<ShufflePartitionStats> partitions;
  /// Bytes that went through the spill file before the final data file was assembled.
  int64_t spilled_bytes = 0;
  /// Held in the InMemoryShuffleStore under data_path; no files were written.
  bool in_memory = false;
};

/// Writes one map task's output as shuffle files (layout in shuffle_file.h). Rows are routed to
/// their output partition as they arrive; each partition keeps its rows and encoded IPC bytes in
/// memory only up to the limits in the options, then appends them to one spill file, so the task's
/// output never has to fit in memory. Finish assembles data.arrow from the spill file and the
/// buffers (under a temporary name, renamed when complete) and then commits the index.
/// Dropping the writer without Finish (an error, a cancelled task) removes every file it made.
/// Not thread-safe: one thread calls Write and Finish (a multi-threaded task feeds it under its
/// sink's lock).
class ShuffleWriter {
 public:
  ~ShuffleWriter();
  ShuffleWriter(const ShuffleWriter&) = delete;
  ShuffleWriter& operator=(const ShuffleWriter&) = delete;

  /// Checks the options against `input_schema` (column indices in range, a valid job id, hash
  /// columns when partitioned) and creates the task directory. InvalidArgument / IOError.
  static Result<std::unique_ptr<ShuffleWriter>> Open(arrow::SchemaPtr input_schema,
                                                     ShuffleWriterOptions options);

  /// The schema of what is written (the output columns of the input schema).
  const arrow::SchemaPtr& output_schema() const { return output_schema_; }

  /// Routes the rows of `batch` (of the input schema) to their partitions. Fails after Finish.
  Status Write(const arrow::RecordBatch& batch);

  /// Encodes what is left, writes data.arrow and the index and returns where each output
  /// partition lies. Called once; after an error nothing is committed and the temporary files
  /// are gone.
  Result<ShuffleWriteResult> Finish();

 private:
  struct Partition;

  ShuffleWriter() = default;
  Status Add(Partition* partition, arrow::RecordBatchPtr rows);
  Status EncodePending(Partition* partition);
  Status SpillEncoded(Partition* partition);
  Status EnforceMemoryLimit();
  Result<ShuffleWriteResult> Commit();
  /// Puts the encoded partitions into the InMemoryShuffleStore; false (and the partitions'
  /// encoded bytes restored) when it has no room.
  Result<bool> CommitInMemory();
  ShuffleIndex in_memory_index_;
  void RemoveTemporaryFiles();

  ShuffleWriterOptions options_;
  arrow::SchemaPtr output_schema_;
  std::vector<std::unique_ptr<Partition>> partitions_;
  std::string dir_;
  std::string spill_path_;
  std::string data_tmp_path_;
  std::string index_tmp_path_;
  std::unique_ptr<arrow::ipc::OutputStream> spill_;
  int64_t spilled_bytes_ = 0;
  int64_t buffered_bytes_ = 0;
  std::vector<uint64_t> hashes_;
  bool finished_ = false;
};

}  // namespace ballista::dist
