// SortIndices' normalized-key path (integer-like keys) against a plain reference sort written
// here: every order, NULL placement, key width and sign must give the stable order.

#include "ballista/physical/kernels/row_comparator.h"

#include <algorithm>
#include <numeric>
#include <optional>
#include <random>

#include <gtest/gtest.h>

#include "ballista/arrow/builder_primitive.h"

namespace ballista::physical {
namespace {

namespace a = ballista::arrow;

/// A column of `n` values drawn from a small range (to force ties) with some NULLs.
struct Column {
  std::vector<std::optional<int64_t>> values;
  a::ArrayDataPtr array;
};

template <typename Builder>
Column MakeColumn(a::DataTypePtr type, int64_t n, int64_t low, int64_t high, std::mt19937_64& rng) {
  Column column;
  Builder builder(type);
  std::uniform_int_distribution<int64_t> pick(low, high);
  for (int64_t i = 0; i < n; ++i) {
    if (rng() % 7 == 0) {
      column.values.emplace_back();
      EXPECT_TRUE(builder.AppendNull().ok());
    } else {
      const int64_t v = pick(rng);
      column.values.emplace_back(v);
      EXPECT_TRUE(builder.Append(static_cast<typename Builder::c_type>(v)).ok());
    }
  }
  column.array = builder.Finish().ValueOrDie();
  return column;
}

std::vector<int64_t> ReferenceOrder(const std::vector<Column>& keys, const std::vector<SortOrder>& orders, int64_t n) {
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int64_t x, int64_t y) {
    for (size_t k = 0; k < keys.size(); ++k) {
      const auto& vx = keys[k].values[static_cast<size_t>(x)];
      const auto& vy = keys[k].values[static_cast<size_t>(y)];
      if (!vx || !vy) {
        if (!vx && !vy) continue;
        return !vx == orders[k].nulls_first;
      }
      if (*vx != *vy) return orders[k].ascending ? *vx < *vy : *vx > *vy;
    }
    return false;
  });
  return order;
}

TEST(SortIndicesTest, IntegerLikeKeysMatchAReferenceStableSort) {
  std::mt19937_64 rng(42);
  const int64_t n = 2000;
  for (int round = 0; round < 24; ++round) {
    std::vector<Column> keys;
    keys.push_back(MakeColumn<a::Int8Builder>(a::Int8(), n, -3, 3, rng));
    keys.push_back(MakeColumn<a::Int64Builder>(a::Int64(), n, INT64_MIN / 2, INT64_MIN / 2 + 4, rng));
    keys.push_back(MakeColumn<a::NumericBuilder<a::TypeId::kDate32>>(a::Date32(), n, -5, 5, rng));
    const size_t used = 1 + static_cast<size_t>(round % 3);
    keys.resize(used);
    std::vector<SortOrder> orders;
    for (size_t k = 0; k < used; ++k) orders.push_back(SortOrder{((round >> k) & 1) == 0, ((round >> (k + 2)) & 1) == 1});
    std::vector<a::ArrayDataPtr> arrays;
    for (const auto& c : keys) arrays.push_back(c.array);
    auto sorted = SortIndices(arrays, orders, n);
    ASSERT_TRUE(sorted.ok()) << sorted.status().ToString();
    EXPECT_EQ(*sorted, ReferenceOrder(keys, orders, n)) << "round " << round;
  }
}

TEST(SortIndicesTest, UnsignedKeysAboveTheSignedRange) {
  a::UInt64Builder builder;
  std::vector<uint64_t> values = {UINT64_MAX, 0, uint64_t{1} << 63, 5, UINT64_MAX - 1};
  for (uint64_t v : values) ASSERT_TRUE(builder.Append(v).ok());
  auto array = builder.Finish().ValueOrDie();
  auto sorted = SortIndices({array}, {SortOrder{true, false}}, 5);
  ASSERT_TRUE(sorted.ok());
  EXPECT_EQ(*sorted, (std::vector<int64_t>{1, 3, 2, 4, 0}));
}

}  // namespace
}  // namespace ballista::physical
