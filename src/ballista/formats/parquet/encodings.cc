#include "ballista/formats/parquet/encodings.h"

#include <algorithm>
#include <cstring>

#include "ballista/formats/parquet/rle_bit_packed.h"

namespace ballista::formats::parquet {
namespace {

// Dictionary indices and DELTA_BYTE_ARRAY prefixes let a few bytes expand into many; stop before
// a hostile page can exhaust memory (Arrow's 32-bit offsets cannot hold more anyway).
constexpr size_t kMaxDecodedBytes = (size_t{1} << 31) - 1;

Status TooLarge(const char* encoding) {
  return Status::InvalidData(std::string(encoding) + " values expand past 2 GiB");
}

Status Short(const char* encoding, int64_t count) {
  return Status::InvalidData(std::string(encoding) + " data ends before its " +
                             std::to_string(count) + " values");
}

/// Varint reader bounded by its span, for the delta encodings' headers. Single-threaded.
class VarintCursor {
 public:
  explicit VarintCursor(std::string_view bytes) : bytes_(bytes) {}
  Result<uint64_t> Next() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= bytes_.size()) return Status::InvalidData("DELTA_BINARY_PACKED header truncated");
      uint8_t b = static_cast<uint8_t>(bytes_[pos_++]);
      value |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return value;
    }
    return Status::InvalidData("DELTA_BINARY_PACKED varint too long");
  }
  Result<int64_t> NextZigZag() {
    ASSIGN_OR_RAISE(uint64_t raw, Next());
    return static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
  }
  size_t pos() const { return pos_; }
  void Advance(size_t n) { pos_ += n; }
  size_t left() const { return bytes_.size() - pos_; }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

}  // namespace

int PhysicalWidth(PhysicalType type, int32_t type_length) {
  switch (type) {
    case PhysicalType::kBoolean:
      return 1;
    case PhysicalType::kInt32:
      return 4;
    case PhysicalType::kInt64:
      return 8;
    case PhysicalType::kInt96:
      return 12;
    case PhysicalType::kFloat:
      return 4;
    case PhysicalType::kDouble:
      return 8;
    case PhysicalType::kByteArray:
      return 0;
    case PhysicalType::kFixedLenByteArray:
      return type_length;
  }
  return 0;
}

Status DecodePlain(PhysicalType type, std::string_view bytes, int64_t count, DecodedValues* out) {
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  if (count < 0) return Status::InvalidData("negative value count");
  if (type == PhysicalType::kBoolean) {
    if (static_cast<uint64_t>(count) > bytes.size() * 8) return Short("PLAIN BOOLEAN", count);
    for (int64_t i = 0; i < count; ++i) {
      uint8_t bit = (data[i >> 3] >> (i & 7)) & 1;
      out->AppendFixed(&bit, 1);
    }
    return Status::OK();
  }
  if (type == PhysicalType::kByteArray) {
    size_t pos = 0;
    for (int64_t i = 0; i < count; ++i) {
      if (bytes.size() - pos < 4) return Short("PLAIN BYTE_ARRAY", count);
      uint32_t length;
      std::memcpy(&length, data + pos, 4);
      pos += 4;
      if (length > bytes.size() - pos) return Short("PLAIN BYTE_ARRAY", count);
      out->AppendBinary(bytes.substr(pos, length));
      pos += length;
    }
    return Status::OK();
  }
  int width = out->width;
  if (width <= 0) return Status::InvalidData("PLAIN fixed-width value of width zero");
  if (static_cast<uint64_t>(count) > bytes.size() / static_cast<uint64_t>(width)) {
    return Short("PLAIN", count);
  }
  out->AppendFixed(data, count);
  return Status::OK();
}

Status DecodeRleBoolean(std::string_view bytes, int64_t count, DecodedValues* out) {
  if (bytes.size() < 4) return Short("RLE BOOLEAN", count);
  uint32_t length;
  std::memcpy(&length, bytes.data(), 4);
  if (length > bytes.size() - 4) return Status::InvalidData("RLE BOOLEAN length exceeds the page");
  RleBitPackedDecoder decoder(bytes.substr(4, length), 1);
  std::vector<uint32_t> values(static_cast<size_t>(count));
  RETURN_NOT_OK(decoder.GetBatch(values.data(), count));
  for (uint32_t v : values) {
    uint8_t b = v ? 1 : 0;
    out->AppendFixed(&b, 1);
  }
  return Status::OK();
}

Status DecodeDeltaIntegers(std::string_view bytes, int64_t max_values, bool is_int32,
                           std::vector<int64_t>* values, int64_t* consumed) {
  VarintCursor cursor(bytes);
  ASSIGN_OR_RAISE(uint64_t block_size, cursor.Next());
  ASSIGN_OR_RAISE(uint64_t miniblocks, cursor.Next());
  ASSIGN_OR_RAISE(uint64_t total, cursor.Next());
  ASSIGN_OR_RAISE(int64_t first, cursor.NextZigZag());
  if (block_size == 0 || block_size % 128 != 0 || miniblocks == 0 || block_size % miniblocks != 0 ||
      (block_size / miniblocks) % 32 != 0 || block_size > (1u << 20)) {
    return Status::InvalidData("DELTA_BINARY_PACKED header has block size " +
                               std::to_string(block_size) + " with " + std::to_string(miniblocks) +
                               " miniblocks");
  }
  if (total > static_cast<uint64_t>(max_values)) total = static_cast<uint64_t>(max_values);
  uint64_t per_mini = block_size / miniblocks;
  int max_width = is_int32 ? 32 : 64;
  values->clear();
  if (total == 0) {
    *consumed = static_cast<int64_t>(cursor.pos());
    return Status::OK();
  }
  uint64_t current = static_cast<uint64_t>(first);
  values->push_back(first);
  std::vector<uint8_t> widths(miniblocks);
  while (values->size() < total) {
    ASSIGN_OR_RAISE(int64_t min_delta, cursor.NextZigZag());
    if (cursor.left() < miniblocks)
      return Status::InvalidData("DELTA_BINARY_PACKED block truncated");
    std::memcpy(widths.data(), bytes.data() + cursor.pos(), miniblocks);
    cursor.Advance(miniblocks);
    for (uint64_t m = 0; m < miniblocks && values->size() < total; ++m) {
      int width = widths[m];
      if (width > max_width) {
        return Status::InvalidData("DELTA_BINARY_PACKED miniblock bit width " +
                                   std::to_string(width));
      }
      uint64_t mini_bytes = per_mini * static_cast<uint64_t>(width) / 8;
      if (cursor.left() < mini_bytes)
        return Status::InvalidData("DELTA_BINARY_PACKED miniblock truncated");
      const auto* base = reinterpret_cast<const uint8_t*>(bytes.data() + cursor.pos());
      for (uint64_t i = 0; i < per_mini && values->size() < total; ++i) {
        uint64_t delta = ReadPackedBits(base, i * static_cast<uint64_t>(width), width);
        // Wrapping arithmetic is what the encoding specifies for overflowing deltas.
        current += static_cast<uint64_t>(min_delta) + delta;
        int64_t v = is_int32
                        ? static_cast<int64_t>(static_cast<int32_t>(static_cast<uint32_t>(current)))
                        : static_cast<int64_t>(current);
        values->push_back(v);
      }
      cursor.Advance(mini_bytes);
    }
  }
  *consumed = static_cast<int64_t>(cursor.pos());
  return Status::OK();
}

Status DecodeDeltaBinaryPacked(PhysicalType type, std::string_view bytes, int64_t count,
                               DecodedValues* out) {
  if (type != PhysicalType::kInt32 && type != PhysicalType::kInt64) {
    return Status::InvalidData("DELTA_BINARY_PACKED on a non-integer column");
  }
  std::vector<int64_t> values;
  int64_t consumed = 0;
  RETURN_NOT_OK(
      DecodeDeltaIntegers(bytes, count, type == PhysicalType::kInt32, &values, &consumed));
  if (static_cast<int64_t>(values.size()) < count) return Short("DELTA_BINARY_PACKED", count);
  for (int64_t v : values) {
    if (type == PhysicalType::kInt32) {
      int32_t narrow = static_cast<int32_t>(v);
      out->AppendFixed(reinterpret_cast<const uint8_t*>(&narrow), 1);
    } else {
      out->AppendFixed(reinterpret_cast<const uint8_t*>(&v), 1);
    }
  }
  return Status::OK();
}

namespace {

Status DecodeLengthsAndData(std::string_view bytes, int64_t count, std::vector<int64_t>* lengths,
                            std::string_view* data) {
  int64_t consumed = 0;
  RETURN_NOT_OK(DecodeDeltaIntegers(bytes, count, true, lengths, &consumed));
  if (static_cast<int64_t>(lengths->size()) < count) return Short("DELTA_LENGTH_BYTE_ARRAY", count);
  *data = bytes.substr(static_cast<size_t>(consumed));
  return Status::OK();
}

}  // namespace

Status DecodeDeltaLengthByteArray(std::string_view bytes, int64_t count, DecodedValues* out) {
  std::vector<int64_t> lengths;
  std::string_view data;
  RETURN_NOT_OK(DecodeLengthsAndData(bytes, count, &lengths, &data));
  size_t pos = 0;
  for (int64_t length : lengths) {
    if (length < 0 || static_cast<uint64_t>(length) > data.size() - pos) {
      return Short("DELTA_LENGTH_BYTE_ARRAY", count);
    }
    out->AppendBinary(data.substr(pos, static_cast<size_t>(length)));
    pos += static_cast<size_t>(length);
  }
  return Status::OK();
}

Status DecodeDeltaByteArray(std::string_view bytes, int64_t count, DecodedValues* out) {
  std::vector<int64_t> prefixes;
  int64_t consumed = 0;
  RETURN_NOT_OK(DecodeDeltaIntegers(bytes, count, true, &prefixes, &consumed));
  if (static_cast<int64_t>(prefixes.size()) < count) return Short("DELTA_BYTE_ARRAY", count);
  std::vector<int64_t> lengths;
  std::string_view data;
  RETURN_NOT_OK(
      DecodeLengthsAndData(bytes.substr(static_cast<size_t>(consumed)), count, &lengths, &data));
  std::string previous;
  std::string value;
  size_t pos = 0;
  for (int64_t i = 0; i < count; ++i) {
    int64_t prefix = prefixes[static_cast<size_t>(i)];
    int64_t length = lengths[static_cast<size_t>(i)];
    if (prefix < 0 || static_cast<uint64_t>(prefix) > previous.size()) {
      return Status::InvalidData("DELTA_BYTE_ARRAY prefix longer than the previous value");
    }
    if (length < 0 || static_cast<uint64_t>(length) > data.size() - pos) {
      return Short("DELTA_BYTE_ARRAY", count);
    }
    if (out->data.size() + out->fixed.size() + static_cast<size_t>(prefix) > kMaxDecodedBytes) {
      return TooLarge("DELTA_BYTE_ARRAY");
    }
    value.assign(previous, 0, static_cast<size_t>(prefix));
    value.append(data.substr(pos, static_cast<size_t>(length)));
    pos += static_cast<size_t>(length);
    if (out->width > 0) {
      if (static_cast<int64_t>(value.size()) != out->width) {
        return Status::InvalidData("DELTA_BYTE_ARRAY value length differs from the fixed length");
      }
      out->AppendFixed(reinterpret_cast<const uint8_t*>(value.data()), 1);
    } else {
      out->AppendBinary(value);
    }
    previous.swap(value);
  }
  return Status::OK();
}

Status DecodeByteStreamSplit(std::string_view bytes, int64_t count, DecodedValues* out) {
  int width = out->width;
  if (width <= 0) return Status::InvalidData("BYTE_STREAM_SPLIT on a variable-width column");
  // The page holds `width` streams of equal length; the value count is what the page implies.
  uint64_t stream = bytes.size() / static_cast<uint64_t>(width);
  if (bytes.size() % static_cast<uint64_t>(width) != 0 || static_cast<uint64_t>(count) > stream) {
    return Short("BYTE_STREAM_SPLIT", count);
  }
  std::vector<uint8_t> value(static_cast<size_t>(width));
  for (int64_t i = 0; i < count; ++i) {
    for (int b = 0; b < width; ++b) {
      value[static_cast<size_t>(b)] =
          static_cast<uint8_t>(bytes[static_cast<size_t>(b) * stream + static_cast<size_t>(i)]);
    }
    out->AppendFixed(value.data(), 1);
  }
  return Status::OK();
}

Status DecodeDictionaryIndices(std::string_view bytes, int64_t count, const DecodedValues& dict,
                               DecodedValues* out) {
  if (count == 0) return Status::OK();
  if (bytes.empty()) return Short("dictionary index", count);
  int bit_width = static_cast<uint8_t>(bytes[0]);
  if (bit_width > 32) {
    return Status::InvalidData("dictionary index bit width " + std::to_string(bit_width));
  }
  RleBitPackedDecoder decoder(bytes.substr(1), bit_width);
  constexpr int64_t kChunk = 1024;
  uint32_t indices[kChunk];
  for (int64_t done = 0; done < count;) {
    int64_t n = std::min(kChunk, count - done);
    RETURN_NOT_OK(decoder.GetBatch(indices, n));
    for (int64_t i = 0; i < n; ++i) {
      if (indices[i] >= static_cast<uint64_t>(dict.count)) {
        return Status::InvalidData("dictionary index " + std::to_string(indices[i]) +
                                   " out of range for a dictionary of " +
                                   std::to_string(dict.count) + " values");
      }
    }
    if (out->data.size() + out->fixed.size() > kMaxDecodedBytes) return TooLarge("dictionary");
    if (out->width > 0) {
      // Fixed-width values: one resize for the chunk, then a copy per index.
      const size_t width = static_cast<size_t>(out->width);
      const size_t at = out->fixed.size();
      out->fixed.resize(at + static_cast<size_t>(n) * width);
      uint8_t* dest = out->fixed.data() + at;
      const uint8_t* source = dict.fixed.data();
      for (int64_t i = 0; i < n; ++i) {
        std::memcpy(dest + static_cast<size_t>(i) * width, source + indices[i] * width, width);
      }
      out->count += n;
    } else {
      for (int64_t i = 0; i < n; ++i) out->AppendFrom(dict, indices[i]);
    }
    done += n;
  }
  return Status::OK();
}

}  // namespace ballista::formats::parquet
