#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ballista/common/result.h"
#include "ballista/common/status.h"

namespace ballista::formats {

/// Compression of an input file. kAuto picks by extension: .gz/.gzip, .zst/.zstd, .bz2.
enum class Compression : uint8_t { kAuto, kNone, kGzip, kZstd, kBzip2 };

/// "none", "gzip", "zstd", "bzip2" ("auto" for kAuto).
std::string_view CompressionName(Compression compression);

/// Resolves kAuto from the extension of `path`; other values are returned unchanged.
Compression ResolveCompression(const std::string& path, Compression compression);

/// A forward-only byte stream. Not thread-safe: one reader at a time.
class InputStream {
 public:
  virtual ~InputStream() = default;
  /// Reads up to `length` bytes into `out`; returns the count read, 0 only at end of stream.
  /// Errors (I/O, corrupt compressed data) name the source.
  virtual Result<int64_t> Read(uint8_t* out, int64_t length) = 0;
};

/// Reads the local file `path` from byte `offset`, decompressing when `compression` (resolved
/// from the extension for kAuto) says so. Gzip accepts concatenated members, zstd concatenated
/// frames, bzip2 concatenated streams. A non-zero offset is only valid for uncompressed input.
Result<std::unique_ptr<InputStream>> OpenInputStream(const std::string& path,
                                                     Compression compression = Compression::kAuto,
                                                     int64_t offset = 0);

/// A stream over bytes in memory (not copied: `data` must outlive the stream), decompressed as
/// `compression` says (kAuto and kNone read the bytes as they are). `name` appears in errors.
std::unique_ptr<InputStream> MakeBufferInputStream(std::string_view data,
                                                   Compression compression = Compression::kNone,
                                                   std::string name = "<memory>");

}  // namespace ballista::formats
