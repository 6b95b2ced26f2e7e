#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/arrow/ipc/io.h"
#include "ballista/common/result.h"

namespace ballista::dist {

// The on-disk layout of one map task's shuffle output, shared by the writer, the local reader and
// the executor's Flight service:
//
//   <work_dir>/<job_id>/<stage_id>/<map_partition>/data.arrow
//       N Arrow IPC streams back to back, one per output partition (each with its schema message
//       and end-of-stream marker, so each byte range is a complete stream on its own).
//   <work_dir>/<job_id>/<stage_id>/<map_partition>/index
//       "BALSHIDX", uint32 version (1), uint32 N, int64 size of data.arrow, then per output
//       partition four int64: offset, length, rows, batches. Little-endian.
//
// Both files are written under temporary names and renamed, data first and index last: the index
// is the commit marker, so a task that crashed leaves no index and its output counts as missing.

/// Identifies one map task's output. Plain value.
struct ShuffleTaskId {
  std::string job_id;
  uint32_t stage_id = 0;
  uint32_t map_partition = 0;

  /// "job <job_id> stage <stage_id> map partition <map_partition>" (for errors).
  std::string ToString() const;
};

/// Where one output partition lies in data.arrow and what it holds. Plain value.
struct ShufflePartitionStats {
  int64_t offset = 0;
  /// Bytes of the partition's IPC stream (framing and compression included).
  int64_t num_bytes = 0;
  int64_t num_rows = 0;
  int64_t num_batches = 0;
};

/// The parsed index file. Plain value.
struct ShuffleIndex {
  /// Size data.arrow had when the index was written (checked when reading, so a data file that
  /// does not belong to this index is noticed).
  int64_t data_file_size = 0;
  std::vector<ShufflePartitionStats> partitions;
};

/// A job id must be one safe path component: 1..128 characters of [A-Za-z0-9_.-], not "." or
/// "..". InvalidArgument naming the id otherwise. The scheduler makes job ids; this check is what
/// keeps a ticket from a peer from naming a directory outside the work dir.
Status ValidateJobId(std::string_view job_id);

/// <work_dir>/<job>/<stage>/<map_partition> (no check; call ValidateJobId first).
std::string ShuffleTaskDir(const std::string& work_dir, const ShuffleTaskId& id);
/// The data file inside ShuffleTaskDir.
std::string ShuffleDataPath(const std::string& work_dir, const ShuffleTaskId& id);
/// The index file inside ShuffleTaskDir.
std::string ShuffleIndexPath(const std::string& work_dir, const ShuffleTaskId& id);
/// The index that belongs beside a data file at `data_path`.
std::string IndexPathForData(const std::string& data_path);

/// Encodes `index` in the index file format.
std::string EncodeShuffleIndex(const ShuffleIndex& index);

/// Parses an index file's bytes; InvalidData naming `context` when the bytes are not an index or
/// the ranges do not tile [0, data_file_size) in order.
Result<ShuffleIndex> DecodeShuffleIndex(std::string_view bytes, const std::string& context);

/// Reads and parses the index file at `path`: NotFound when it does not exist (the map output is
/// missing or unfinished), IOError / InvalidData otherwise.
Result<ShuffleIndex> ReadShuffleIndex(const std::string& path);

/// An InputStream over the byte range [offset, offset + length) of a file, read with pread in
/// the sizes the caller asks for, so an IPC stream inside a bigger file can be read message by
/// message without loading the range. Single-threaded.
class FileRangeInputStream final : public arrow::ipc::InputStream {
 public:
  FileRangeInputStream(std::shared_ptr<arrow::ipc::RandomAccessFile> file, int64_t offset,
                       int64_t length)
      : file_(std::move(file)), offset_(offset), length_(length) {}

  Result<std::shared_ptr<Buffer>> Read(int64_t size) override;
  int64_t Tell() const override { return position_; }

 private:
  std::shared_ptr<arrow::ipc::RandomAccessFile> file_;
  int64_t offset_;
  int64_t length_;
  int64_t position_ = 0;
};

/// Opens the IPC stream of output partition `output_partition` of the map output whose data file
/// is `data_path`: reads the index beside it, checks the data file's size against it and returns
/// a stream over the partition's bytes (and its stats in `stats`, when given). NotFound when the
/// index, the data file or the partition is missing; InvalidData when they disagree.
Result<std::unique_ptr<arrow::ipc::InputStream>> OpenShufflePartition(
    const std::string& data_path, uint32_t output_partition,
    ShufflePartitionStats* stats = nullptr);

}  // namespace ballista::dist
