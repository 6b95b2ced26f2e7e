#include "ballista/physical/kernels/group_hash_table.h"

#include <algorithm>
#include <cstring>

namespace ballista::physical {

uint64_t GroupHashTable::Hash(std::string_view key) {
  // 8 bytes at a time, each word mixed with a multiply-xorshift; the length seeds the state so
  // keys that are prefixes of each other differ.
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (key.size() * 0xC2B2AE3D27D4EB4Full);
  size_t i = 0;
  for (; i + 8 <= key.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, key.data() + i, 8);
    h = (h ^ word) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  if (i < key.size()) {
    uint64_t word = 0;
    std::memcpy(&word, key.data() + i, key.size() - i);
    h = (h ^ word) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 29;
  return h;
}

uint32_t GroupHashTable::FindOrInsert(std::string_view key, bool* inserted) {
  const uint64_t full_hash = Hash(key);
  // The low 32 bits pick the slot (tables stay far below 2^32 slots) and are kept as the tag.
  const uint32_t hash = static_cast<uint32_t>(full_hash);
  size_t position = static_cast<size_t>(hash) & mask_;
  while (true) {
    Slot& slot = slots_[position];
    if (slot.id == kEmpty) break;
    if (slot.hash == hash) {
      uint64_t length = slot.place & kLongKey;
      if (length == kLongKey) length = key_lengths_[slot.id];
      // (memcmp is not called for empty keys: the arena may still have no storage at all.)
      if (length == key.size() &&
          (key.empty() || std::memcmp(arena_.data() + (slot.place >> 24), key.data(), key.size()) == 0)) {
        *inserted = false;
        return slot.id;
      }
    }
    position = (position + 1) & mask_;
  }
  const uint32_t id = size();
  key_offsets_.push_back(arena_.size());
  key_lengths_.push_back(static_cast<uint32_t>(key.size()));
  arena_.insert(arena_.end(), key.begin(), key.end());
  slots_[position] = Slot{hash, id, key_offsets_.back() << 24 | std::min<uint64_t>(key.size(), kLongKey)};
  *inserted = true;
  if (static_cast<size_t>(size()) * 2 > slots_.size()) Rehash(slots_.size() * 2);
  return id;
}

void GroupHashTable::Rehash(size_t capacity) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  for (const Slot& slot : old) {
    if (slot.id == kEmpty) continue;
    size_t position = static_cast<size_t>(slot.hash) & mask_;
    while (slots_[position].id != kEmpty) position = (position + 1) & mask_;
    slots_[position] = slot;
  }
}

int64_t GroupHashTable::MemoryUsage() const {
  return static_cast<int64_t>(slots_.capacity() * sizeof(Slot) + arena_.capacity() +
                              key_offsets_.capacity() * sizeof(uint64_t) + key_lengths_.capacity() * sizeof(uint32_t));
}

}  // namespace ballista::physical
