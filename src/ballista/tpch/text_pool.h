#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "ballista/tpch/random.h"

namespace ballista::tpch {

/// dbgen's text pool size: 300 MiB of generated sentences.
inline constexpr int64_t kDefaultTextPoolSize = 300LL * 1024 * 1024;

/// The bounds dbgen gives a text column of average length `avg`: [0.4 avg, 1.6 avg], truncated.
struct TextBounds {
  int min;
  int max;
};
constexpr TextBounds TextBoundsForAverage(int avg) {
  return {static_cast<int>(avg * 0.4), static_cast<int>(avg * 1.6)};
}

/// A long run of pseudo-English sentences ("furiously regular deposits sleep.") generated from
/// the TPC-H grammar on its own random stream; every comment column is a random substring of it.
/// Immutable after construction; safe to share across threads.
class TextPool {
 public:
  /// Generates a pool of `size` bytes (dbgen uses kDefaultTextPoolSize): about 0.7 s of CPU for
  /// the default size, split over up to `threads` threads (the default size only).
  explicit TextPool(int64_t size, int threads = 1);

  /// The default-size pool, generated once per process on first use (thread-safe), by `threads`
  /// threads (the first call's value counts).
  static const TextPool& Default(int threads = 1);

  int64_t size() const { return size_; }
  std::string_view data() const { return {data_, static_cast<size_t>(size_)}; }

  /// A random substring with length in [bounds.min, bounds.max]; two draws from `stream`
  /// (offset, then length), as dbgen's dbg_text. Starts loading the text into the cache, since
  /// random reads from the pool miss it: callers that generate several rows before reading their
  /// texts overlap those misses.
  std::string_view Text(RandomStream& stream, TextBounds bounds) const {
    const int64_t offset = stream.Uniform(0, size_ - bounds.max);
    const int64_t length = stream.Uniform(bounds.min, bounds.max);
    const char* text = data_ + offset;
    __builtin_prefetch(text);
    __builtin_prefetch(text + length - 1);
    return {text, static_cast<size_t>(length)};
  }

  ~TextPool();
  TextPool(const TextPool&) = delete;
  TextPool& operator=(const TextPool&) = delete;

 private:
  int64_t size_;
  size_t mapped_size_;
  char* data_;  // an anonymous mapping with huge pages where available: fewer TLB misses
};

/// A sentence start in a pool and the pool stream's seed there: generation can resume from it.
struct TextPoolCheckpoint {
  int64_t offset;
  int64_t seed;
};

/// Generates a pool of `size` bytes sequentially and returns `count` checkpoints: the first
/// sentence start at or after k * size / count, for k in [0, count). For tests, and to derive
/// the checkpoints the default pool is generated from in parallel.
std::vector<TextPoolCheckpoint> ComputeTextPoolCheckpoints(int64_t size, int count);

/// Writes one sentence of the TPC-H grammar drawn from `stream` into `dest` (at least 512 bytes)
/// and returns its length. Exposed for tests.
int GenerateSentence(RandomStream& stream, char* dest);

}  // namespace ballista::tpch
