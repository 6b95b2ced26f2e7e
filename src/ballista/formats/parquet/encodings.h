#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/common/result.h"
#include "ballista/formats/parquet/file_metadata.h"

namespace ballista::formats::parquet {

/// Dense (non-null) values of one column chunk in their physical form: fixed-width values as
/// little-endian bytes (`width` bytes each; BOOLEAN uses one byte per value), BYTE_ARRAY values
/// as offsets into `data`. Single-threaded while decoding.
struct DecodedValues {
  int width = 0;  // 0 for BYTE_ARRAY
  int64_t count = 0;
  std::vector<uint8_t> fixed;
  std::vector<int64_t> offsets{0};
  std::string data;

  /// Room for `values` more values (and `data_bytes` bytes of BYTE_ARRAY data), so appending
  /// a column chunk's values does not copy them again and again as the vectors grow.
  void Reserve(int64_t values, int64_t data_bytes) {
    if (width == 0) {
      offsets.reserve(offsets.size() + static_cast<size_t>(values));
      data.reserve(data.size() + static_cast<size_t>(data_bytes));
    } else {
      fixed.reserve(fixed.size() + static_cast<size_t>(values * width));
    }
  }
  void AppendFixed(const uint8_t* bytes, int64_t n) {
    fixed.insert(fixed.end(), bytes, bytes + n * width);
    count += n;
  }
  void AppendBinary(std::string_view value) {
    data.append(value);
    offsets.push_back(static_cast<int64_t>(data.size()));
    ++count;
  }
  /// Appends value `index` of `dict` (same physical type).
  void AppendFrom(const DecodedValues& dict, int64_t index) {
    if (width == 0) {
      auto begin = dict.offsets[static_cast<size_t>(index)];
      auto end = dict.offsets[static_cast<size_t>(index) + 1];
      AppendBinary(std::string_view(dict.data).substr(static_cast<size_t>(begin),
                                                      static_cast<size_t>(end - begin)));
    } else {
      AppendFixed(dict.fixed.data() + index * width, 1);
    }
  }
};

/// Bytes per value of a physical type in DecodedValues (0 for BYTE_ARRAY).
int PhysicalWidth(PhysicalType type, int32_t type_length);

/// Each decoder appends exactly `count` values decoded from `bytes` to `out`, or returns
/// InvalidData when the bytes hold fewer (they never read past `bytes`). Pure functions;
/// thread-safe.
Status DecodePlain(PhysicalType type, std::string_view bytes, int64_t count, DecodedValues* out);
Status DecodeRleBoolean(std::string_view bytes, int64_t count, DecodedValues* out);
Status DecodeDeltaBinaryPacked(PhysicalType type, std::string_view bytes, int64_t count,
                               DecodedValues* out);
Status DecodeDeltaLengthByteArray(std::string_view bytes, int64_t count, DecodedValues* out);
Status DecodeDeltaByteArray(std::string_view bytes, int64_t count, DecodedValues* out);
Status DecodeByteStreamSplit(std::string_view bytes, int64_t count, DecodedValues* out);
/// Dictionary indices (bit-width byte + RLE hybrid) resolved against `dict`.
Status DecodeDictionaryIndices(std::string_view bytes, int64_t count, const DecodedValues& dict,
                               DecodedValues* out);

/// Decodes a DELTA_BINARY_PACKED stream of up to `max_values` values into `values` (as 64-bit
/// integers); `*consumed` receives the bytes used, so a following section can be located.
Status DecodeDeltaIntegers(std::string_view bytes, int64_t max_values, bool is_int32,
                           std::vector<int64_t>* values, int64_t* consumed);

}  // namespace ballista::formats::parquet
