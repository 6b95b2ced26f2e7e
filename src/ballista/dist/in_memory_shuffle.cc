#include "ballista/dist/in_memory_shuffle.h"

namespace ballista::dist {

InMemoryShuffleStore& InMemoryShuffleStore::Global() {
  static InMemoryShuffleStore* store = new InMemoryShuffleStore();  // never destroyed: used at exit
  return *store;
}

void InMemoryShuffleStore::SetCapacity(int64_t bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  capacity_ = bytes;
}

int64_t InMemoryShuffleStore::capacity() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return capacity_;
}

int64_t InMemoryShuffleStore::bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

bool InMemoryShuffleStore::Put(const std::string& data_path, std::shared_ptr<Buffer> data, ShuffleIndex index) {
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t replaced = 0;
  auto it = entries_.find(data_path);
  if (it != entries_.end()) replaced = it->second.data->size();
  if (bytes_ - replaced + data->size() > capacity_) return false;
  bytes_ += data->size() - replaced;
  entries_[data_path] = Entry{std::move(data), std::move(index)};
  return true;
}

std::optional<InMemoryShuffleStore::Entry> InMemoryShuffleStore::Get(const std::string& data_path) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(data_path);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void InMemoryShuffleStore::RemoveUnder(const std::string& dir_prefix) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = entries_.lower_bound(dir_prefix); it != entries_.end() && it->first.rfind(dir_prefix, 0) == 0;) {
    bytes_ -= it->second.data->size();
    it = entries_.erase(it);
  }
}

}  // namespace ballista::dist
