#include "ballista/arrow/bit_util.h"

namespace ballista::arrow::bit_util {

int64_t CountSetBits(const uint8_t* bits, int64_t offset, int64_t length) {
  int64_t count = 0;
  int64_t i = offset;
  int64_t end = offset + length;
  // Leading bits up to a byte boundary.
  for (; i < end && (i & 7) != 0; ++i) count += GetBit(bits, i);
  // Whole 64-bit words.
  for (; i + 64 <= end; i += 64) {
    uint64_t word;
    std::memcpy(&word, bits + (i >> 3), sizeof(word));
    count += std::popcount(word);
  }
  for (; i + 8 <= end; i += 8) count += std::popcount(static_cast<unsigned>(bits[i >> 3]));
  for (; i < end; ++i) count += GetBit(bits, i);
  return count;
}

void SetBitsTo(uint8_t* bits, int64_t offset, int64_t length, bool value) {
  int64_t i = offset;
  int64_t end = offset + length;
  for (; i < end && (i & 7) != 0; ++i) SetBitTo(bits, i, value);
  int64_t whole_bytes = (end - i) >> 3;
  if (whole_bytes > 0) {
    std::memset(bits + (i >> 3), value ? 0xFF : 0x00, static_cast<size_t>(whole_bytes));
    i += whole_bytes * 8;
  }
  for (; i < end; ++i) SetBitTo(bits, i, value);
}

void CopyBitmap(const uint8_t* src, int64_t src_offset, int64_t length, uint8_t* dest,
                int64_t dest_offset) {
  if ((src_offset & 7) == 0 && (dest_offset & 7) == 0) {
    int64_t whole_bytes = length >> 3;
    std::memcpy(dest + (dest_offset >> 3), src + (src_offset >> 3), static_cast<size_t>(whole_bytes));
    for (int64_t i = whole_bytes * 8; i < length; ++i) {
      SetBitTo(dest, dest_offset + i, GetBit(src, src_offset + i));
    }
    return;
  }
  for (int64_t i = 0; i < length; ++i) SetBitTo(dest, dest_offset + i, GetBit(src, src_offset + i));
}

bool BitmapEquals(const uint8_t* a, int64_t a_offset, const uint8_t* b, int64_t b_offset,
                  int64_t length) {
  for (int64_t i = 0; i < length; ++i) {
    if (GetBit(a, a_offset + i) != GetBit(b, b_offset + i)) return false;
  }
  return true;
}

}  // namespace ballista::arrow::bit_util
