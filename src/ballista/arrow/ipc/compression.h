#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "ballista/common/buffer.h"
#include "ballista/common/memory_pool.h"
#include "ballista/common/result.h"

namespace ballista::arrow::ipc {

/// Body compression codecs of the Arrow IPC format. Each body buffer is compressed on its own.
enum class CompressionType : int8_t { kNone, kLz4Frame, kZstd };

/// "none", "lz4_frame", "zstd".
std::string_view CompressionTypeName(CompressionType type);

/// Parses a codec name as users write it in configuration: "none"/"uncompressed", "lz4"/
/// "lz4_frame", "zstd" (case-insensitive). InvalidArgument listing the choices otherwise.
Result<CompressionType> ParseCompressionType(std::string_view name);

/// Compresses `size` bytes into one LZ4 frame or one zstd frame (the frame records the content
/// size). `level` 0 picks the codec's default. Thread-safe.
Result<std::shared_ptr<Buffer>> Compress(CompressionType type, const uint8_t* data, int64_t size,
                                         int level = 0, MemoryPool* pool = DefaultMemoryPool());

/// Decompresses `size` bytes that must expand to exactly `uncompressed_size` bytes; InvalidData
/// otherwise (corrupt input, too short, too long). Memory grows with the output actually
/// produced, so a forged `uncompressed_size` alone cannot trigger a huge allocation. Thread-safe.
Result<std::shared_ptr<Buffer>> Decompress(CompressionType type, const uint8_t* data, int64_t size,
                                           int64_t uncompressed_size,
                                           MemoryPool* pool = DefaultMemoryPool());

/// Length prefix value meaning "this body buffer is stored uncompressed".
inline constexpr int64_t kUncompressedLengthMarker = -1;

/// Encodes one IPC body buffer as the format's BUFFER method says: an int64 little-endian
/// uncompressed length, then the compressed bytes; when compressing does not make the buffer
/// smaller, the prefix is -1 and the raw bytes follow. An empty buffer stays empty (no prefix).
Result<std::shared_ptr<Buffer>> CompressBodyBuffer(CompressionType type, int level,
                                                   const Buffer& raw, MemoryPool* pool);

/// Decodes one body buffer written by CompressBodyBuffer (or any Arrow implementation). An empty
/// buffer decodes to an empty buffer; a -1 prefix yields a zero-copy slice of `encoded`.
Result<std::shared_ptr<Buffer>> DecompressBodyBuffer(CompressionType type,
                                                     const std::shared_ptr<Buffer>& encoded,
                                                     MemoryPool* pool);

}  // namespace ballista::arrow::ipc
