#include "ballista/physical/kernels/group_hash_table.h"

#include <string>
#include <unordered_map>

#include <gtest/gtest.h>

namespace ballista::physical {
namespace {

TEST(GroupHashTableTest, DenseIdsInFirstInsertionOrderThroughGrowth) {
  GroupHashTable table;
  std::unordered_map<std::string, uint32_t> expected;
  // 50,000 distinct keys of varied lengths (empty, prefixes of each other), each seen 3 times.
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 50000; ++i) {
      std::string key = i == 0 ? std::string() : std::string(static_cast<size_t>(i % 13), 'x') + std::to_string(i);
      bool inserted = false;
      const uint32_t id = table.FindOrInsert(key, &inserted);
      auto [it, is_new] = expected.emplace(key, static_cast<uint32_t>(expected.size()));
      ASSERT_EQ(inserted, is_new) << key;
      ASSERT_EQ(id, it->second) << key;
      ASSERT_EQ(table.key(id), key);
    }
  }
  EXPECT_EQ(table.size(), 50000u);
  EXPECT_GT(table.MemoryUsage(), 0);
}

TEST(GroupHashTableTest, KeysLongerThanTheSlotLengthFieldStillCompareExactly) {
  GroupHashTable table;
  std::string long_key(size_t{1} << 24, 'a');  // past the 24-bit length kept in a slot
  std::string longer_key = long_key + "b";
  bool inserted = false;
  EXPECT_EQ(table.FindOrInsert(long_key, &inserted), 0u);
  EXPECT_TRUE(inserted);
  EXPECT_EQ(table.FindOrInsert(longer_key, &inserted), 1u);
  EXPECT_TRUE(inserted);
  EXPECT_EQ(table.FindOrInsert(long_key, &inserted), 0u);
  EXPECT_FALSE(inserted);
  EXPECT_EQ(table.key(1).size(), longer_key.size());
}

}  // namespace
}  // namespace ballista::physical
