#include "ballista/dist/shuffle_file.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "ballista/dist/in_memory_shuffle.h"

namespace ballista::dist {

namespace {

constexpr char kIndexMagic[8] = {'B', 'A', 'L', 'S', 'H', 'I', 'D', 'X'};
constexpr uint32_t kIndexVersion = 1;
constexpr size_t kIndexHeaderSize = 8 + 4 + 4 + 8;
constexpr size_t kIndexEntrySize = 4 * 8;
/// More output partitions than any plan uses; bounds what a corrupt index can make us allocate.
constexpr uint32_t kMaxIndexPartitions = 1u << 20;

// The engine assumes a little-endian host throughout (Arrow buffers are stored as in memory).
template <typename T>
void Append(std::string* out, T value) {
  out->append(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T>
T Load(const char* p) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  return value;
}

/// True when `path` does not exist (as opposed to existing but being unreadable).
bool Missing(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) != 0 && errno == ENOENT;
}

}  // namespace

std::string ShuffleTaskId::ToString() const {
  return "job " + job_id + " stage " + std::to_string(stage_id) + " map partition " +
         std::to_string(map_partition);
}

Status ValidateJobId(std::string_view job_id) {
  auto bad = [&](const char* why) {
    return Status::InvalidArgument("invalid job id \"" + std::string(job_id.substr(0, 200)) +
                                   "\": " + why);
  };
  if (job_id.empty()) return bad("empty");
  if (job_id.size() > 128) return bad("longer than 128 characters");
  if (job_id == "." || job_id == "..") return bad("not a directory name");
  for (char c : job_id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.';
    if (!ok) return bad("only letters, digits, '_', '-' and '.' are allowed");
  }
  return Status::OK();
}

std::string ShuffleTaskDir(const std::string& work_dir, const ShuffleTaskId& id) {
  return work_dir + "/" + id.job_id + "/" + std::to_string(id.stage_id) + "/" +
         std::to_string(id.map_partition);
}

std::string ShuffleDataPath(const std::string& work_dir, const ShuffleTaskId& id) {
  return ShuffleTaskDir(work_dir, id) + "/data.arrow";
}

std::string ShuffleIndexPath(const std::string& work_dir, const ShuffleTaskId& id) {
  return ShuffleTaskDir(work_dir, id) + "/index";
}

std::string IndexPathForData(const std::string& data_path) {
  size_t slash = data_path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : data_path.substr(0, slash);
  return dir + "/index";
}

std::string EncodeShuffleIndex(const ShuffleIndex& index) {
  std::string out(kIndexMagic, sizeof(kIndexMagic));
  Append<uint32_t>(&out, kIndexVersion);
  Append<uint32_t>(&out, static_cast<uint32_t>(index.partitions.size()));
  Append<int64_t>(&out, index.data_file_size);
  for (const auto& p : index.partitions) {
    Append<int64_t>(&out, p.offset);
    Append<int64_t>(&out, p.num_bytes);
    Append<int64_t>(&out, p.num_rows);
    Append<int64_t>(&out, p.num_batches);
  }
  return out;
}

Result<ShuffleIndex> DecodeShuffleIndex(std::string_view bytes, const std::string& context) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidData(context + ": not a shuffle index: " + why);
  };
  if (bytes.size() < kIndexHeaderSize) return bad("too short");
  if (std::memcmp(bytes.data(), kIndexMagic, sizeof(kIndexMagic)) != 0) return bad("bad magic");
  uint32_t version = Load<uint32_t>(bytes.data() + 8);
  if (version != kIndexVersion) return bad("unknown version " + std::to_string(version));
  uint32_t count = Load<uint32_t>(bytes.data() + 12);
  if (count > kMaxIndexPartitions) return bad("too many partitions");
  if (bytes.size() != kIndexHeaderSize + count * kIndexEntrySize) {
    return bad("size " + std::to_string(bytes.size()) + " does not match " + std::to_string(count) +
               " partitions");
  }
  ShuffleIndex index;
  index.data_file_size = Load<int64_t>(bytes.data() + 16);
  index.partitions.resize(count);
  int64_t expected_offset = 0;
  for (uint32_t i = 0; i < count; ++i) {
    const char* p = bytes.data() + kIndexHeaderSize + i * kIndexEntrySize;
    ShufflePartitionStats& s = index.partitions[i];
    s.offset = Load<int64_t>(p);
    s.num_bytes = Load<int64_t>(p + 8);
    s.num_rows = Load<int64_t>(p + 16);
    s.num_batches = Load<int64_t>(p + 24);
    if (s.offset != expected_offset || s.num_bytes < 0 || s.num_rows < 0 || s.num_batches < 0 ||
        s.num_bytes > index.data_file_size - s.offset) {
      return bad("partition " + std::to_string(i) + " has a bad range or counts");
    }
    expected_offset += s.num_bytes;
  }
  if (expected_offset != index.data_file_size) return bad("ranges do not cover the data file");
  return index;
}

Result<ShuffleIndex> ReadShuffleIndex(const std::string& path) {
  if (Missing(path)) return Status::NotFound("shuffle index '" + path + "' does not exist");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open shuffle index '" + path + "'");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read shuffle index '" + path + "'");
  return DecodeShuffleIndex(bytes.str(), "'" + path + "'");
}

Result<std::shared_ptr<Buffer>> FileRangeInputStream::Read(int64_t size) {
  if (size < 0) return Status::InvalidArgument("negative read size");
  int64_t n = std::min(size, length_ - position_);
  ASSIGN_OR_RAISE(auto buffer, file_->ReadAt(offset_ + position_, n));
  if (buffer->size() != n) {
    return Status::IOError("shuffle data file shrank while being read (wanted " +
                           std::to_string(n) + " bytes at offset " +
                           std::to_string(offset_ + position_) + ")");
  }
  position_ += n;
  return buffer;
}

Result<std::unique_ptr<arrow::ipc::InputStream>> OpenShufflePartition(
    const std::string& data_path, uint32_t output_partition, ShufflePartitionStats* stats) {
  if (auto kept = InMemoryShuffleStore::Global().Get(data_path)) {
    if (output_partition >= kept->index.partitions.size()) {
      return Status::NotFound("output partition " + std::to_string(output_partition) + " does not exist in '" +
                              data_path + "' (it has " + std::to_string(kept->index.partitions.size()) + ")");
    }
    const ShufflePartitionStats& entry = kept->index.partitions[output_partition];
    if (stats != nullptr) *stats = entry;
    return std::unique_ptr<arrow::ipc::InputStream>(new FileRangeInputStream(
        std::make_shared<arrow::ipc::BufferReader>(std::move(kept->data)), entry.offset, entry.num_bytes));
  }
  ASSIGN_OR_RAISE(ShuffleIndex index, ReadShuffleIndex(IndexPathForData(data_path)));
  if (output_partition >= index.partitions.size()) {
    return Status::NotFound("output partition " + std::to_string(output_partition) +
                            " does not exist in '" + data_path + "' (it has " +
                            std::to_string(index.partitions.size()) + ")");
  }
  if (Missing(data_path)) {
    return Status::NotFound("shuffle data '" + data_path + "' does not exist");
  }
  ASSIGN_OR_RAISE(std::shared_ptr<arrow::ipc::RandomAccessFile> file,
                  arrow::ipc::ReadableFile::Open(data_path));
  if (file->size() != index.data_file_size) {
    return Status::InvalidData("shuffle data '" + data_path + "' has " +
                               std::to_string(file->size()) + " bytes but its index says " +
                               std::to_string(index.data_file_size));
  }
  const ShufflePartitionStats& entry = index.partitions[output_partition];
  if (stats != nullptr) *stats = entry;
  return std::unique_ptr<arrow::ipc::InputStream>(
      new FileRangeInputStream(std::move(file), entry.offset, entry.num_bytes));
}

}  // namespace ballista::dist
