#include "ballista/formats/parquet/rle_bit_packed.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace ballista::formats::parquet {

uint64_t ReadPackedBits(const uint8_t* data, uint64_t bit_offset, int width) {
  uint64_t value = 0;
  int produced = 0;
  uint64_t byte = bit_offset >> 3;
  int shift = static_cast<int>(bit_offset & 7);
  while (produced < width) {
    int take = 8 - shift;
    if (take > width - produced) take = width - produced;
    uint64_t bits = (static_cast<uint64_t>(data[byte]) >> shift) & ((uint64_t{1} << take) - 1);
    value |= bits << produced;
    produced += take;
    shift = 0;
    ++byte;
  }
  return value;
}

int BitWidthFor(uint32_t max_level) {
  int width = 0;
  while (max_level > 0) {
    ++width;
    max_level >>= 1;
  }
  return width;
}

Status RleBitPackedDecoder::NextRun() {
  uint64_t header = 0;
  for (int shift = 0;; shift += 7) {
    if (shift >= 64) return Status::InvalidData("RLE run header varint too long");
    if (pos_ >= data_.size())
      return Status::InvalidData("RLE data ends before the values it holds");
    uint8_t b = static_cast<uint8_t>(data_[pos_++]);
    header |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) break;
  }
  if (header & 1) {
    uint64_t groups = header >> 1;
    uint64_t bytes_left = data_.size() - pos_;
    // Bit-packed runs may be cut short at the end of a page; only whole values that are present
    // are usable.
    uint64_t max_values = bit_width_ == 0 ? groups * 8 : (bytes_left * 8) / bit_width_;
    uint64_t values = groups * 8;
    if (groups > (uint64_t{1} << 40)) values = max_values;
    if (values > max_values) values = max_values;
    packed_left_ = static_cast<int64_t>(values);
    packed_bit_ = static_cast<uint64_t>(pos_) * 8;
    uint64_t bytes = groups * static_cast<uint64_t>(bit_width_);
    pos_ = bytes > bytes_left ? data_.size() : pos_ + bytes;
    if (packed_left_ == 0) return Status::InvalidData("RLE bit-packed run holds no values");
  } else {
    int value_bytes = (bit_width_ + 7) / 8;
    if (data_.size() - pos_ < static_cast<size_t>(value_bytes)) {
      return Status::InvalidData("RLE run value truncated");
    }
    uint32_t value = 0;
    for (int i = 0; i < value_bytes; ++i) {
      value |= static_cast<uint32_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
    }
    pos_ += value_bytes;
    rle_left_ = static_cast<int64_t>(header >> 1);
    if (rle_left_ <= 0) return Status::InvalidData("RLE run of length zero");
    rle_value_ = value;
  }
  return Status::OK();
}

Status RleBitPackedDecoder::GetBatch(uint32_t* out, int64_t count) {
  if (bit_width_ < 0 || bit_width_ > 32) {
    return Status::InvalidData("RLE bit width " + std::to_string(bit_width_) + " out of range");
  }
  int64_t done = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(data_.data());
  while (done < count) {
    if (rle_left_ == 0 && packed_left_ == 0) RETURN_NOT_OK(NextRun());
    if (rle_left_ > 0) {
      int64_t n = std::min(rle_left_, count - done);
      for (int64_t i = 0; i < n; ++i) out[done + i] = rle_value_;
      rle_left_ -= n;
      done += n;
    } else {
      int64_t n = std::min(packed_left_, count - done);
      // A value is at most 32 bits at a bit shift of at most 7: one 8-byte load holds it, while
      // 8 bytes remain; the last few values are read byte by byte.
      const uint64_t mask = (uint64_t{1} << bit_width_) - 1;
      const uint64_t size = data_.size();
      for (int64_t i = 0; i < n; ++i) {
        const uint64_t byte = packed_bit_ >> 3;
        if (byte + 8 <= size) {
          uint64_t word;
          std::memcpy(&word, bytes + byte, sizeof(word));
          out[done + i] = static_cast<uint32_t>((word >> (packed_bit_ & 7)) & mask);
        } else {
          out[done + i] = static_cast<uint32_t>(ReadPackedBits(bytes, packed_bit_, bit_width_));
        }
        packed_bit_ += static_cast<uint64_t>(bit_width_);
      }
      packed_left_ -= n;
      done += n;
    }
  }
  return Status::OK();
}

}  // namespace ballista::formats::parquet
