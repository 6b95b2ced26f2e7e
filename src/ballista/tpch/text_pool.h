#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

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
  /// Generates a pool of `size` bytes (dbgen uses kDefaultTextPoolSize). Single-threaded, about
  /// one second for the default size.
  explicit TextPool(int64_t size);

  /// The default-size pool, generated once per process on first use (thread-safe).
  static const TextPool& Default();

  int64_t size() const { return size_; }
  std::string_view data() const { return {data_.get(), static_cast<size_t>(size_)}; }

  /// A random substring with length in [bounds.min, bounds.max]; two draws from `stream`
  /// (offset, then length), as dbgen's dbg_text.
  std::string_view Text(RandomStream& stream, TextBounds bounds) const {
    const int64_t offset = stream.Uniform(0, size_ - bounds.max);
    const int64_t length = stream.Uniform(bounds.min, bounds.max);
    return {data_.get() + offset, static_cast<size_t>(length)};
  }

 private:
  int64_t size_;
  std::unique_ptr<char[]> data_;
};

/// Writes one sentence of the TPC-H grammar drawn from `stream` into `dest` (at least 512 bytes)
/// and returns its length. Exposed for tests.
int GenerateSentence(RandomStream& stream, char* dest);

}  // namespace ballista::tpch
