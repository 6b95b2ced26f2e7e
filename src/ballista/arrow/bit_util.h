#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace ballista::arrow::bit_util {

/// Bytes needed to hold `bits` bits.
inline constexpr int64_t BytesForBits(int64_t bits) { return (bits + 7) >> 3; }

/// Arrow bitmaps are least-significant-bit first within each byte.
inline bool GetBit(const uint8_t* bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }
inline void SetBit(uint8_t* bits, int64_t i) { bits[i >> 3] |= static_cast<uint8_t>(1u << (i & 7)); }
inline void ClearBit(uint8_t* bits, int64_t i) {
  bits[i >> 3] &= static_cast<uint8_t>(~(1u << (i & 7)));
}
inline void SetBitTo(uint8_t* bits, int64_t i, bool value) {
  // Branch-free: clear the bit, then or in the value.
  bits[i >> 3] = static_cast<uint8_t>((bits[i >> 3] & ~(1u << (i & 7))) | (uint32_t{value} << (i & 7)));
}

/// Number of set bits in [offset, offset + length) of `bits`.
int64_t CountSetBits(const uint8_t* bits, int64_t offset, int64_t length);

/// Sets bits [offset, offset + length) to `value`.
void SetBitsTo(uint8_t* bits, int64_t offset, int64_t length, bool value);

/// Copies `length` bits from `src` at `src_offset` to `dest` at `dest_offset`.
void CopyBitmap(const uint8_t* src, int64_t src_offset, int64_t length, uint8_t* dest,
                int64_t dest_offset);

/// True when bits [a_offset, +length) of `a` equal bits [b_offset, +length) of `b`.
bool BitmapEquals(const uint8_t* a, int64_t a_offset, const uint8_t* b, int64_t b_offset,
                  int64_t length);

}  // namespace ballista::arrow::bit_util
