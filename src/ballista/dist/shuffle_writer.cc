#include "ballista/dist/shuffle_writer.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>

#include "ballista/arrow/ipc/io.h"
#include "ballista/arrow/ipc/writer.h"
#include "ballista/compute/hash.h"
#include "ballista/compute/selection.h"
#include "ballista/dist/in_memory_shuffle.h"

namespace ballista::dist {

namespace fs = std::filesystem;

namespace {

/// Bytes held by the buffers of `data` (children and dictionary included). Buffers shared with
/// other arrays are counted in full: an over-estimate, which is the safe side for a limit.
int64_t ArrayBytes(const arrow::ArrayData& data) {
  int64_t total = 0;
  for (const auto& b : data.buffers) {
    if (b) total += b->size();
  }
  for (const auto& child : data.child_data) {
    if (child) total += ArrayBytes(*child);
  }
  if (data.dictionary) total += ArrayBytes(*data.dictionary);
  return total;
}

int64_t BatchBytes(const arrow::RecordBatch& batch) {
  int64_t total = 0;
  for (const auto& column : batch.columns()) total += ArrayBytes(*column);
  return total;
}

/// A suffix that keeps temporary names of concurrent attempts of one task apart.
std::string UniqueSuffix() {
  static std::atomic<uint64_t> counter{0};
  std::random_device random;
  return std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1)) + "-" +
         std::to_string(random());
}

Status WriteFileAtomically(const std::string& tmp_path, const std::string& path,
                           const std::string& bytes) {
  ASSIGN_OR_RAISE(auto out, arrow::ipc::FileOutputStream::Open(tmp_path));
  RETURN_NOT_OK(out->Write(bytes.data(), static_cast<int64_t>(bytes.size())));
  RETURN_NOT_OK(out->Close());
  if (std::rename(tmp_path.c_str(), path.c_str()) != 0) {
    return Status::IOError("cannot rename '" + tmp_path + "' to '" + path +
                           "': " + std::strerror(errno));
  }
  return Status::OK();
}

}  // namespace

Result<arrow::ipc::CompressionType> ParseShuffleCompressionCodec(std::string_view value) {
  auto parsed = arrow::ipc::ParseCompressionType(value);
  if (!parsed.ok()) {
    return Status::InvalidArgument(std::string(kShuffleCompressionCodecKey) + ": unknown codec \"" +
                                   std::string(value) + "\"; expected lz4, zstd or none");
  }
  return parsed;
}

uint32_t ShufflePartitionForHash(uint64_t hash, uint32_t num_partitions) {
  // murmur3 fmix64
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdULL;
  hash ^= hash >> 33;
  hash *= 0xc4ceb9fe1a85ec53ULL;
  hash ^= hash >> 33;
  return static_cast<uint32_t>(hash % num_partitions);
}

/// One output partition's state: rows gathered but not yet encoded, the IPC stream writer whose
/// sink is an in-memory buffer, and the ranges of the spill file that already hold its bytes.
struct ShuffleWriter::Partition {
  struct Chunk {
    int64_t offset;
    int64_t length;
  };
  std::vector<arrow::RecordBatchPtr> pending;
  int64_t pending_rows = 0;
  int64_t pending_bytes = 0;
  arrow::ipc::BufferOutputStream encoded;
  std::unique_ptr<arrow::ipc::StreamWriter> writer;
  std::vector<Chunk> chunks;
  int64_t num_rows = 0;

  explicit Partition(MemoryPool* pool) : encoded(pool) {}
};

ShuffleWriter::~ShuffleWriter() {
  if (!finished_) RemoveTemporaryFiles();
}

Result<std::unique_ptr<ShuffleWriter>> ShuffleWriter::Open(arrow::SchemaPtr input_schema,
                                                           ShuffleWriterOptions options) {
  RETURN_NOT_OK(ValidateJobId(options.task.job_id));
  if (options.work_dir.empty()) return Status::InvalidArgument("shuffle writer: empty work dir");
  if (options.num_output_partitions == 0) {
    return Status::InvalidArgument("shuffle writer: num_output_partitions must be at least 1");
  }
  if (options.num_output_partitions > 1 && options.hash_columns.empty()) {
    return Status::InvalidArgument(
        "shuffle writer: " + std::to_string(options.num_output_partitions) +
        " output partitions need hash columns");
  }
  if (options.target_batch_rows < 1) options.target_batch_rows = 1;
  const int num_inputs = input_schema->num_fields();
  auto check = [&](int index, const char* what) -> Status {
    if (index < 0 || index >= num_inputs) {
      return Status::InvalidArgument("shuffle writer: " + std::string(what) + " column " +
                                     std::to_string(index) + " is out of range (the input has " +
                                     std::to_string(num_inputs) + " columns)");
    }
    return Status::OK();
  };
  for (int index : options.hash_columns) RETURN_NOT_OK(check(index, "hash"));
  if (options.output_columns.empty()) {
    for (int i = 0; i < num_inputs; ++i) options.output_columns.push_back(i);
  }
  arrow::FieldVector fields;
  for (int index : options.output_columns) {
    RETURN_NOT_OK(check(index, "output"));
    fields.push_back(input_schema->field(index));
  }

  std::unique_ptr<ShuffleWriter> writer(new ShuffleWriter());
  writer->output_schema_ = arrow::MakeSchema(std::move(fields), input_schema->metadata());
  writer->dir_ = ShuffleTaskDir(options.work_dir, options.task);
  std::error_code ec;
  fs::create_directories(writer->dir_, ec);
  if (ec) {
    return Status::IOError("shuffle writer: cannot create '" + writer->dir_ + "': " + ec.message());
  }
  std::string suffix = UniqueSuffix();
  writer->spill_path_ = writer->dir_ + "/spill.tmp-" + suffix;
  writer->data_tmp_path_ = writer->dir_ + "/data.arrow.tmp-" + suffix;
  writer->index_tmp_path_ = writer->dir_ + "/index.tmp-" + suffix;

  arrow::ipc::IpcWriteOptions ipc;
  ipc.compression = options.compression;
  ipc.pool = options.pool;
  for (uint32_t p = 0; p < options.num_output_partitions; ++p) {
    auto partition = std::make_unique<Partition>(options.pool);
    ASSIGN_OR_RAISE(partition->writer, arrow::ipc::StreamWriter::Open(&partition->encoded,
                                                                      writer->output_schema_, ipc));
    writer->buffered_bytes_ += partition->encoded.Tell();
    writer->partitions_.push_back(std::move(partition));
  }
  writer->options_ = std::move(options);
  return writer;
}

Status ShuffleWriter::Write(const arrow::RecordBatch& batch) {
  if (finished_) return Status::Internal("shuffle writer: Write after Finish");
  if (batch.num_rows() == 0) return Status::OK();
  std::vector<arrow::ArrayDataPtr> columns;
  columns.reserve(options_.output_columns.size());
  for (int index : options_.output_columns) columns.push_back(batch.column_data(index));
  auto projected =
      std::make_shared<arrow::RecordBatch>(output_schema_, batch.num_rows(), std::move(columns));
  if (partitions_.size() == 1) {
    RETURN_NOT_OK(Add(partitions_[0].get(), std::move(projected)));
    return EnforceMemoryLimit();
  }

  // Counting sort of row positions by partition, then one Take per non-empty partition.
  const int64_t rows = batch.num_rows();
  std::vector<arrow::ArrayDataPtr> keys;
  for (int index : options_.hash_columns) keys.push_back(batch.column_data(index));
  hashes_.resize(static_cast<size_t>(rows));
  RETURN_NOT_OK(compute::HashColumns(keys, hashes_.data()));
  const uint32_t n = options_.num_output_partitions;
  std::vector<uint32_t> row_partition(static_cast<size_t>(rows));
  std::vector<uint32_t> starts(n + 1, 0);
  for (int64_t r = 0; r < rows; ++r) {
    uint32_t p = ShufflePartitionForHash(hashes_[r], n);
    row_partition[r] = p;
    ++starts[p + 1];
  }
  for (uint32_t p = 0; p < n; ++p) starts[p + 1] += starts[p];
  std::vector<uint32_t> order(static_cast<size_t>(rows));
  std::vector<uint32_t> fill(starts.begin(), starts.end() - 1);
  for (int64_t r = 0; r < rows; ++r) order[fill[row_partition[r]]++] = static_cast<uint32_t>(r);

  compute::ExecContext ctx{options_.pool};
  for (uint32_t p = 0; p < n; ++p) {
    const int64_t count = starts[p + 1] - starts[p];
    if (count == 0) continue;
    arrow::RecordBatchPtr part = projected;
    if (count != rows) {
      ASSIGN_OR_RAISE(part,
                      compute::TakeRecordBatch(*projected, order.data() + starts[p], count, &ctx));
    }
    RETURN_NOT_OK(Add(partitions_[p].get(), std::move(part)));
  }
  return EnforceMemoryLimit();
}

Status ShuffleWriter::Add(Partition* partition, arrow::RecordBatchPtr rows) {
  int64_t bytes = BatchBytes(*rows);
  partition->pending_rows += rows->num_rows();
  partition->pending_bytes += bytes;
  buffered_bytes_ += bytes;
  partition->pending.push_back(std::move(rows));
  if (partition->pending_rows >= options_.target_batch_rows) return EncodePending(partition);
  return Status::OK();
}

Status ShuffleWriter::EncodePending(Partition* partition) {
  if (partition->pending.empty()) return Status::OK();
  arrow::RecordBatchPtr batch = partition->pending.front();
  if (partition->pending.size() > 1) {
    compute::ExecContext ctx{options_.pool};
    ASSIGN_OR_RAISE(batch,
                    compute::ConcatenateRecordBatches(output_schema_, partition->pending, &ctx));
  }
  const int64_t before = partition->encoded.Tell();
  RETURN_NOT_OK(partition->writer->WriteRecordBatch(*batch));
  buffered_bytes_ += partition->encoded.Tell() - before - partition->pending_bytes;
  partition->num_rows += batch->num_rows();
  partition->pending.clear();
  partition->pending_rows = 0;
  partition->pending_bytes = 0;
  if (partition->encoded.Tell() >= options_.partition_buffer_bytes) {
    return SpillEncoded(partition);
  }
  return Status::OK();
}

Status ShuffleWriter::SpillEncoded(Partition* partition) {
  if (partition->encoded.Tell() == 0) return Status::OK();
  if (!spill_) {
    ASSIGN_OR_RAISE(spill_, arrow::ipc::FileOutputStream::Open(spill_path_));
  }
  ASSIGN_OR_RAISE(auto bytes, partition->encoded.Finish());
  const int64_t offset = spill_->Tell();
  RETURN_NOT_OK(spill_->Write(bytes->data(), bytes->size()));
  partition->chunks.push_back({offset, bytes->size()});
  spilled_bytes_ += bytes->size();
  buffered_bytes_ -= bytes->size();
  return Status::OK();
}

Status ShuffleWriter::EnforceMemoryLimit() {
  if (buffered_bytes_ <= options_.max_buffered_bytes) return Status::OK();
  for (auto& partition : partitions_) {
    RETURN_NOT_OK(EncodePending(partition.get()));
    RETURN_NOT_OK(SpillEncoded(partition.get()));
  }
  return Status::OK();
}

Result<ShuffleWriteResult> ShuffleWriter::Finish() {
  if (finished_) return Status::Internal("shuffle writer: Finish called twice");
  auto result = Commit();
  finished_ = true;
  if (!result.ok()) RemoveTemporaryFiles();
  return result;
}

Result<ShuffleWriteResult> ShuffleWriter::Commit() {
  for (auto& partition : partitions_) {
    RETURN_NOT_OK(EncodePending(partition.get()));
    RETURN_NOT_OK(partition->writer->Close());
  }
  if (!spill_ && options_.keep_in_memory) {
    ASSIGN_OR_RAISE(bool kept, CommitInMemory());
    if (kept) {
      ShuffleWriteResult result;
      result.data_path = ShuffleDataPath(options_.work_dir, options_.task);
      result.index_path = ShuffleIndexPath(options_.work_dir, options_.task);
      // An earlier run's files must not outlive this output.
      std::remove(result.index_path.c_str());
      std::remove(result.data_path.c_str());
      result.partitions = std::move(in_memory_index_.partitions);
      result.in_memory = true;
      buffered_bytes_ = 0;
      return result;
    }
  }
  std::unique_ptr<arrow::ipc::ReadableFile> spilled;
  if (spill_) {
    RETURN_NOT_OK(spill_->Close());
    spill_.reset();
    ASSIGN_OR_RAISE(spilled, arrow::ipc::ReadableFile::Open(spill_path_, options_.pool));
  }

  // data.arrow: each partition's spilled chunks in order, then what it still holds in memory.
  ShuffleWriteResult result;
  ShuffleIndex index;
  ASSIGN_OR_RAISE(auto data, arrow::ipc::FileOutputStream::Open(data_tmp_path_));
  constexpr int64_t kCopyBlock = 1 << 20;
  for (auto& partition : partitions_) {
    ShufflePartitionStats stats;
    stats.offset = data->Tell();
    for (const auto& chunk : partition->chunks) {
      for (int64_t done = 0; done < chunk.length; done += kCopyBlock) {
        int64_t n = std::min(kCopyBlock, chunk.length - done);
        ASSIGN_OR_RAISE(auto block, spilled->ReadAt(chunk.offset + done, n));
        if (block->size() != n) {
          return Status::IOError("shuffle writer: spill file '" + spill_path_ + "' is short");
        }
        RETURN_NOT_OK(data->Write(block->data(), n));
      }
    }
    ASSIGN_OR_RAISE(auto rest, partition->encoded.Finish());
    RETURN_NOT_OK(data->Write(rest->data(), rest->size()));
    stats.num_bytes = data->Tell() - stats.offset;
    stats.num_rows = partition->num_rows;
    stats.num_batches = partition->writer->stats().num_record_batches;
    index.partitions.push_back(stats);
    partition->writer.reset();
  }
  index.data_file_size = data->Tell();
  RETURN_NOT_OK(data->Close());
  data.reset();
  spilled.reset();
  std::remove(spill_path_.c_str());

  result.data_path = ShuffleDataPath(options_.work_dir, options_.task);
  result.index_path = ShuffleIndexPath(options_.work_dir, options_.task);
  // A re-run of the task replaces an earlier output: drop the old commit marker first, so the
  // old index never describes the new data file.
  std::remove(result.index_path.c_str());
  if (std::rename(data_tmp_path_.c_str(), result.data_path.c_str()) != 0) {
    return Status::IOError("shuffle writer: cannot rename '" + data_tmp_path_ + "' to '" +
                           result.data_path + "': " + std::strerror(errno));
  }
  RETURN_NOT_OK(WriteFileAtomically(index_tmp_path_, result.index_path, EncodeShuffleIndex(index)));
  result.partitions = std::move(index.partitions);
  result.spilled_bytes = spilled_bytes_;
  buffered_bytes_ = 0;
  return result;
}

Result<bool> ShuffleWriter::CommitInMemory() {
  int64_t total = 0;
  std::vector<std::shared_ptr<Buffer>> encoded;
  for (auto& partition : partitions_) {
    ASSIGN_OR_RAISE(auto bytes, partition->encoded.Finish());
    total += bytes->size();
    encoded.push_back(std::move(bytes));
  }
  ASSIGN_OR_RAISE(auto data, AllocateBuffer(total, DefaultMemoryPool()));
  ShuffleIndex index;
  int64_t offset = 0;
  for (size_t p = 0; p < partitions_.size(); ++p) {
    ShufflePartitionStats stats;
    stats.offset = offset;
    stats.num_bytes = encoded[p]->size();
    stats.num_rows = partitions_[p]->num_rows;
    stats.num_batches = partitions_[p]->writer->stats().num_record_batches;
    if (stats.num_bytes > 0) std::memcpy(data->mutable_data() + offset, encoded[p]->data(), static_cast<size_t>(stats.num_bytes));
    offset += stats.num_bytes;
    index.partitions.push_back(stats);
  }
  index.data_file_size = total;
  const std::string data_path = ShuffleDataPath(options_.work_dir, options_.task);
  if (!InMemoryShuffleStore::Global().Put(data_path, std::move(data), index)) {
    // No room: write the files after all, from the same encoded bytes.
    for (size_t p = 0; p < partitions_.size(); ++p) {
      RETURN_NOT_OK(partitions_[p]->encoded.Write(encoded[p]->data(), encoded[p]->size()));
    }
    return false;
  }
  for (auto& partition : partitions_) partition->writer.reset();
  in_memory_index_ = std::move(index);
  return true;
}

void ShuffleWriter::RemoveTemporaryFiles() {
  spill_.reset();
  for (auto& partition : partitions_) partition->writer.reset();
  for (const std::string* path : {&spill_path_, &data_tmp_path_, &index_tmp_path_}) {
    if (!path->empty()) std::remove(path->c_str());
  }
}

}  // namespace ballista::dist
