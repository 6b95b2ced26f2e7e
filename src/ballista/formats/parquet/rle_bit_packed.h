#pragma once

#include <cstdint>
#include <string_view>

#include "ballista/common/result.h"

namespace ballista::formats::parquet {

/// Reads `width` bits (0..64) starting at `bit_offset` from `data`, least significant bit first
/// (Parquet's bit-packing order). The caller guarantees the bits lie within `size` bytes.
uint64_t ReadPackedBits(const uint8_t* data, uint64_t bit_offset, int width);

/// Decoder for the RLE / bit-packing hybrid encoding (definition and repetition levels, dictionary
/// indices, RLE booleans). Runs are bounded by the bytes given; asking for more values than the
/// data holds is InvalidData. Not thread-safe.
class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder(std::string_view data, int bit_width) : data_(data), bit_width_(bit_width) {}

  /// Decodes exactly `count` values into `out`.
  Status GetBatch(uint32_t* out, int64_t count);

 private:
  Status NextRun();

  std::string_view data_;
  size_t pos_ = 0;
  int bit_width_;
  // Current run: either `rle_left_` repeats of `rle_value_`, or `packed_left_` bit-packed values
  // starting at bit `packed_bit_` of data_.
  int64_t rle_left_ = 0;
  uint32_t rle_value_ = 0;
  int64_t packed_left_ = 0;
  uint64_t packed_bit_ = 0;
};

/// Bit width needed for levels up to `max_level` (ceil(log2(max_level + 1))).
int BitWidthFor(uint32_t max_level);

}  // namespace ballista::formats::parquet
