#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/arrow/ipc/compression.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/record_batch_reader.h"
#include "ballista/common/result.h"
#include "ballista/exec/metrics.h"

namespace ballista::exec {

namespace internal {
struct SpillDirectory;
}  // namespace internal

/// A finished spill file: batches in the Arrow IPC stream format in the execution's spill
/// directory. The file is deleted when the last reference to this object goes away (or earlier,
/// with the whole directory, when the SpillManager is destroyed). Thread-safe: several readers
/// may be open at once.
class SpillFile : public std::enable_shared_from_this<SpillFile> {
 public:
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  const std::string& path() const { return path_; }
  const arrow::SchemaPtr& schema() const { return schema_; }
  /// Bytes on disk (framing and compression included).
  int64_t size_bytes() const { return size_bytes_; }
  int64_t num_rows() const { return num_rows_; }
  int64_t num_batches() const { return num_batches_; }

  /// A reader over the batches in the order they were written; it keeps this file alive.
  Result<arrow::RecordBatchReaderPtr> OpenReader() const;

 private:
  friend class SpillWriter;
  SpillFile(std::shared_ptr<internal::SpillDirectory> directory, std::string path,
            arrow::SchemaPtr schema, int64_t size_bytes, int64_t num_rows, int64_t num_batches);

  std::shared_ptr<internal::SpillDirectory> directory_;
  std::string path_;
  arrow::SchemaPtr schema_;
  int64_t size_bytes_;
  int64_t num_rows_;
  int64_t num_batches_;
};

using SpillFilePtr = std::shared_ptr<SpillFile>;

/// Writes one spill file. Destroying a writer that was not finished (an error, a cancellation)
/// deletes the partial file. Single-threaded.
class SpillWriter {
 public:
  ~SpillWriter();
  SpillWriter(const SpillWriter&) = delete;
  SpillWriter& operator=(const SpillWriter&) = delete;

  /// Appends `batch`, whose columns must match the writer's schema.
  Status Write(const arrow::RecordBatch& batch);

  /// Closes the file, records its size in the manager's totals and in `metrics` (when given),
  /// and hands the file over. The writer is unusable afterwards.
  Result<SpillFilePtr> Finish();

  /// Bytes written so far.
  int64_t bytes_written() const;

 private:
  friend class SpillManager;
  struct Impl;
  explicit SpillWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Owns the spill directory of one execution (`<work_dir>/ballista-spill-<pid>-<n>`, made on
/// first use) and hands out spill writers. Pipeline breakers (sort, aggregation, hash join,
/// shuffle) spill here when a memory reservation is refused. The destructor removes the directory
/// with everything still in it, so no spill file outlives its execution, whether it finished,
/// failed or was cancelled. All methods may be called concurrently.
class SpillManager {
 public:
  /// `work_dir` must exist or be creatable; `compression` applies to every IPC body buffer.
  explicit SpillManager(std::string work_dir, arrow::ipc::CompressionType compression =
                                                  arrow::ipc::CompressionType::kNone);
  ~SpillManager();
  SpillManager(const SpillManager&) = delete;
  SpillManager& operator=(const SpillManager&) = delete;

  /// Opens a new spill file for batches of `schema`. `owner` (an operator name) becomes part of
  /// the file name; `metrics` (optional, must outlive the writer) receives the spill bytes and
  /// file count when the file is finished.
  Result<std::unique_ptr<SpillWriter>> CreateWriter(arrow::SchemaPtr schema, std::string_view owner,
                                                    OperatorMetrics* metrics = nullptr);

  /// Writes `batches` into one new spill file.
  Result<SpillFilePtr> SpillBatches(const arrow::SchemaPtr& schema,
                                    const std::vector<arrow::RecordBatchPtr>& batches,
                                    std::string_view owner, OperatorMetrics* metrics = nullptr);

  /// The spill directory; empty until the first file is created.
  std::string directory() const;
  arrow::ipc::CompressionType compression() const { return compression_; }
  /// Bytes of every finished spill file so far (deleted ones included).
  int64_t spilled_bytes() const;
  /// Number of finished spill files so far (deleted ones included).
  int64_t spill_files() const;
  /// Spill files (finished or being written) that still exist on disk.
  int64_t live_files() const;

 private:
  std::shared_ptr<internal::SpillDirectory> directory_;
  arrow::ipc::CompressionType compression_;
};

}  // namespace ballista::exec
