#include "ballista/formats/parquet/rle_encoder.h"

#include <algorithm>

namespace ballista::formats::parquet {
namespace {

void AppendVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

template <typename T>
int64_t RunLength(const T* values, int64_t count, int64_t i) {
  int64_t j = i + 1;
  while (j < count && values[j] == values[i]) ++j;
  return j - i;
}

constexpr int64_t kMinRleRun = 8;
constexpr int64_t kMaxPackedValues = 63 * 8;

}  // namespace

template <typename T>
void AppendBitPacked(const T* values, int64_t count, int bit_width, std::string* out) {
  uint64_t acc = 0;
  int bits = 0;
  for (int64_t i = 0; i < count; ++i) {
    acc |= static_cast<uint64_t>(static_cast<uint32_t>(values[i])) << bits;
    bits += bit_width;
    while (bits >= 8) {
      out->push_back(static_cast<char>(acc & 0xFF));
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) out->push_back(static_cast<char>(acc & 0xFF));
}

template <typename T>
void AppendRleBitPacked(const T* values, int64_t count, int bit_width, std::string* out) {
  int value_bytes = (bit_width + 7) / 8;
  int64_t i = 0;
  while (i < count) {
    int64_t run = RunLength(values, count, i);
    if (run >= kMinRleRun) {
      AppendVarint(static_cast<uint64_t>(run) << 1, out);
      uint32_t v = static_cast<uint32_t>(values[i]);
      for (int b = 0; b < value_bytes; ++b)
        out->push_back(static_cast<char>((v >> (8 * b)) & 0xFF));
      i += run;
      continue;
    }
    // Whole groups of 8 until a long run starts at a group boundary (or the data ends).
    int64_t start = i;
    while (i < count && i - start < kMaxPackedValues) {
      i = std::min(i + 8, count);
      if (i < count && RunLength(values, count, i) >= kMinRleRun) break;
    }
    int64_t n = i - start;
    int64_t groups = (n + 7) / 8;
    AppendVarint((static_cast<uint64_t>(groups) << 1) | 1, out);
    size_t before = out->size();
    AppendBitPacked(values + start, n, bit_width, out);
    // Pad the last group with zero values to a whole group of 8.
    out->resize(before + static_cast<size_t>(groups * bit_width), '\0');
  }
}

template void AppendRleBitPacked<int16_t>(const int16_t*, int64_t, int, std::string*);
template void AppendRleBitPacked<uint32_t>(const uint32_t*, int64_t, int, std::string*);
template void AppendRleBitPacked<uint8_t>(const uint8_t*, int64_t, int, std::string*);
template void AppendBitPacked<uint8_t>(const uint8_t*, int64_t, int, std::string*);

}  // namespace ballista::formats::parquet
