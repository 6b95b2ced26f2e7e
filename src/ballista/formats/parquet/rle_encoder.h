#pragma once

#include <cstdint>
#include <string>

namespace ballista::formats::parquet {

/// Appends `count` values of `bit_width` bits (1..32) to `out` in the RLE / bit-packing hybrid
/// encoding (without the 4-byte length prefix that data page v1 levels carry). Runs of 8 or more
/// equal values become RLE runs; the rest are bit-packed in groups of 8 (at most 63 groups per
/// run), the final group zero-padded. Values must fit in `bit_width` bits. Thread-safe.
template <typename T>
void AppendRleBitPacked(const T* values, int64_t count, int bit_width, std::string* out);

/// Appends `count` values of `bit_width` bits packed LSB first, padded to whole bytes.
template <typename T>
void AppendBitPacked(const T* values, int64_t count, int bit_width, std::string* out);

}  // namespace ballista::formats::parquet
