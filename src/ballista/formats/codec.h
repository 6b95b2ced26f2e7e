#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ballista/common/buffer.h"
#include "ballista/common/result.h"

namespace ballista::formats {

/// Block compression codecs. The numeric values are Parquet's CompressionCodec ids so a column
/// chunk's codec field converts with a range check only.
enum class CompressionCodec : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4Hadoop = 5,  // Parquet "LZ4": Hadoop block framing, with raw-LZ4 fallback
  kZstd = 6,
  kLz4Raw = 7,
};

/// Readable codec name for error messages ("SNAPPY", "ZSTD", ...).
std::string_view CodecName(CompressionCodec codec);

/// Decompresses one block whose uncompressed size is known in advance. The output is exactly
/// `uncompressed_size` bytes; a block that would decode to more or fewer bytes is InvalidData
/// (so a corrupt header can never make us allocate past what the caller expects). LZO returns
/// Unsupported. Thread-safe (no shared state).
Result<std::shared_ptr<Buffer>> Decompress(CompressionCodec codec, std::string_view input,
                                           int64_t uncompressed_size);

/// Compresses one block with SNAPPY, ZSTD or GZIP (or copies it for kUncompressed); other
/// codecs return Unsupported. Thread-safe.
Result<std::string> Compress(CompressionCodec codec, std::string_view input);

}  // namespace ballista::formats
