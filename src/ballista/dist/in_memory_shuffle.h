#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "ballista/common/buffer.h"
#include "ballista/dist/shuffle_file.h"

namespace ballista::dist {

/// Map outputs an executor keeps in memory instead of writing data.arrow and the index: the
/// bytes data.arrow would hold and its index, keyed by the data file's path (which names the
/// executor's work dir, job, stage and map partition, so standalone executors sharing a process
/// never collide). OpenShufflePartition looks here before the disk, so local readers and the
/// Flight service serve both kinds alike. Bounded by a process-wide capacity; Put refuses what
/// does not fit and the writer writes files instead. Thread-safe.
class InMemoryShuffleStore {
 public:
  /// The store of this process (capacity 1 GiB until SetCapacity).
  static InMemoryShuffleStore& Global();

  struct Entry {
    std::shared_ptr<Buffer> data;
    ShuffleIndex index;
  };

  void SetCapacity(int64_t bytes);
  int64_t capacity() const;
  /// Bytes held now.
  int64_t bytes() const;

  /// Keeps `data` under `data_path`, replacing an earlier entry (a re-run task). False, and
  /// nothing kept, when it does not fit in the capacity.
  bool Put(const std::string& data_path, std::shared_ptr<Buffer> data, ShuffleIndex index);
  std::optional<Entry> Get(const std::string& data_path) const;
  /// Drops every entry whose path starts with `dir_prefix` (a job's directory, "/" terminated).
  void RemoveUnder(const std::string& dir_prefix);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;  // guarded by mutex_
  int64_t bytes_ = 0;                     // guarded by mutex_
  int64_t capacity_ = int64_t{1} << 30;   // guarded by mutex_
};

}  // namespace ballista::dist
