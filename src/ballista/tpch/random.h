#pragma once

#include <cstdint>

namespace ballista::tpch {

/// Park and Miller's "minimal standard" generator, the one TPC-H's dbgen uses for every column:
/// seed' = seed * 16807 mod (2^31 - 1). Seeds are always in [1, 2^31 - 2].
inline constexpr int64_t kRandModulus = 2147483647;
inline constexpr int64_t kRandMultiplier = 16807;

/// Returns 16807^n mod (2^31 - 1): the factor that moves a seed n draws ahead. O(log n).
int64_t RandMultiplierPower(int64_t n);

/// Returns `seed` moved `n` draws ahead (n >= 0). O(log n).
int64_t AdvanceSeed(int64_t seed, int64_t n);

/// One random stream. Draws reproduce dbgen's UnifInt exactly, including its double arithmetic.
/// Not thread-safe; each generator owns its streams.
class RandomStream {
 public:
  explicit RandomStream(int64_t seed = 1) : seed_(seed) {}

  int64_t seed() const { return seed_; }
  void set_seed(int64_t seed) { seed_ = seed; }

  /// Advances the stream by one draw and returns the new seed.
  int64_t NextSeed() {
    // seed * 16807 mod (2^31 - 1) without a division: 2^31 = 1 modulo 2^31 - 1, so the high bits
    // fold onto the low ones.
    const uint64_t product = static_cast<uint64_t>(seed_) * kRandMultiplier;
    uint64_t folded = (product & kRandModulus) + (product >> 31);
    if (folded >= static_cast<uint64_t>(kRandModulus)) folded -= kRandModulus;
    seed_ = static_cast<int64_t>(folded);
    return seed_;
  }

  /// A value uniformly drawn from [low, high] (one draw), computed as dbgen does:
  /// low + (int64)((seed / (2^31 - 1)) * (high - low + 1)) in double precision.
  int64_t Uniform(int64_t low, int64_t high) {
    const double range = static_cast<double>(high - low + 1);
    NextSeed();
    return low + static_cast<int64_t>((static_cast<double>(seed_) / kDoubleModulus) * range);
  }

  /// dbgen's draw over [0, 2^31 - 1] (used for random alphanumeric strings): its range computes
  /// in 32-bit arithmetic and wraps to -2^31, so the result is in (-2^31, 0]. Only its low 30 bits
  /// are consumed, six at a time.
  int64_t UniformFullRangeWrapped() {
    NextSeed();
    return static_cast<int64_t>((static_cast<double>(seed_) / kDoubleModulus) * -2147483648.0);
  }

 private:
  static constexpr double kDoubleModulus = 2147483647.0;
  int64_t seed_;
};

/// A column's stream positioned per row, as dbgen does: every row starts exactly
/// `draws_per_row` draws after the previous row's start, whatever the previous row consumed
/// (it never consumes more). So any row can be reached in O(log rows) with SeekRow.
class RowStream : public RandomStream {
 public:
  RowStream() = default;
  RowStream(int64_t initial_seed, int64_t draws_per_row);

  /// Positions the stream at the start of row `row_index` (0-based).
  void SeekRow(int64_t row_index);

  /// Moves to the start of the next row, dropping what is left of the current row's draws.
  void FinishRow() {
    set_seed(next_row_seed_);
    next_row_seed_ = next_row_seed_ * row_multiplier_ % kRandModulus;
  }

 private:
  int64_t initial_seed_ = 1;
  int64_t draws_per_row_ = 1;
  int64_t row_multiplier_ = kRandMultiplier;
  int64_t next_row_seed_ = 1;
};

}  // namespace ballista::tpch
