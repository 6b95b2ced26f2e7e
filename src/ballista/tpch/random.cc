#include "ballista/tpch/random.h"

namespace ballista::tpch {

int64_t RandMultiplierPower(int64_t n) {
  int64_t result = 1;
  int64_t base = kRandMultiplier;
  while (n > 0) {
    if (n & 1) result = result * base % kRandModulus;
    base = base * base % kRandModulus;
    n >>= 1;
  }
  return result;
}

int64_t AdvanceSeed(int64_t seed, int64_t n) {
  return seed * RandMultiplierPower(n) % kRandModulus;
}

RowStream::RowStream(int64_t initial_seed, int64_t draws_per_row)
    : RandomStream(initial_seed),
      initial_seed_(initial_seed),
      draws_per_row_(draws_per_row),
      row_multiplier_(RandMultiplierPower(draws_per_row)) {
  SeekRow(0);
}

void RowStream::SeekRow(int64_t row_index) {
  const int64_t start = AdvanceSeed(initial_seed_, row_index * draws_per_row_);
  set_seed(start);
  next_row_seed_ = start * row_multiplier_ % kRandModulus;
}

}  // namespace ballista::tpch
