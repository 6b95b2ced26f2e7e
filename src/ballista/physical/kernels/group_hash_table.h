#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace ballista::physical {

/// Maps encoded group keys (byte strings, see row_encoder.h) to dense ids 0, 1, 2, ... in order
/// of first insertion. Open addressing with linear probing over a power-of-two slot array; each
/// slot holds the key's 64-bit hash and its id, and the key bytes live in one contiguous arena,
/// so a lookup touches one slot (usually) and one key, with no allocation per key. Grows at 50%
/// load. Single-threaded.
class GroupHashTable {
 public:
  GroupHashTable() { Rehash(16); }

  /// The id of `key`, inserting it with id size() when new; `inserted` tells which.
  uint32_t FindOrInsert(std::string_view key, bool* inserted);

  /// Number of keys.
  uint32_t size() const { return static_cast<uint32_t>(key_offsets_.size()); }
  /// The bytes of the key with id `id`.
  std::string_view key(uint32_t id) const {
    return std::string_view(arena_.data() + key_offsets_[id], key_lengths_[id]);
  }
  /// Bytes held (slots, arena and key index), for memory reservations.
  int64_t MemoryUsage() const;

  static uint64_t Hash(std::string_view key);

 private:
  /// 16 bytes: four slots per cache line. The key's arena offset (40 bits) and length (24
  /// bits, longer keys store kLongKey and are compared through the id) sit in the slot so a
  /// probe compares bytes without another lookup.
  struct Slot {
    uint32_t hash = 0;
    uint32_t id = kEmpty;
    uint64_t place = 0;  ///< offset << 24 | min(length, kLongKey)
  };
  static constexpr uint64_t kLongKey = (uint64_t{1} << 24) - 1;
  static constexpr uint32_t kEmpty = UINT32_MAX;

  void Rehash(size_t capacity);

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<char> arena_;
  std::vector<uint64_t> key_offsets_;
  std::vector<uint32_t> key_lengths_;
};

}  // namespace ballista::physical
