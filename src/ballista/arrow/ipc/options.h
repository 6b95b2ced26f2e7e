#pragma once

#include <cstdint>

#include "ballista/arrow/ipc/compression.h"
#include "ballista/common/memory_pool.h"

namespace ballista::arrow::ipc {

/// How IPC writers encode batches. Plain value; copy freely.
struct IpcWriteOptions {
  /// Codec for record batch and dictionary bodies (per buffer, as the format specifies).
  CompressionType compression = CompressionType::kNone;
  /// Codec level; 0 picks the codec's default (zstd: 1, LZ4: fast).
  int compression_level = 0;
  /// Streams only: when a dictionary grows by appending, send just the new entries as a delta
  /// instead of replacing the whole dictionary. The file format always uses deltas for growth.
  bool emit_dictionary_deltas = true;
  /// Body buffers start at multiples of this many bytes (8 is what the format requires; 64 suits
  /// SIMD readers). Must be a power of two between 8 and 64.
  int32_t alignment = 8;
  /// Pool for buffers the writer allocates (rebased offsets, shifted bitmaps, compressed data).
  MemoryPool* pool = DefaultMemoryPool();

  static IpcWriteOptions Defaults() { return IpcWriteOptions(); }
};

/// How IPC readers decode messages. Plain value; copy freely.
struct IpcReadOptions {
  /// Run the full array validator on every batch and dictionary before returning it. Leave on
  /// for data from outside the process; switching it off is only for trusted, hot paths.
  bool validate_full = true;
  /// Nesting depth beyond which a schema or batch is refused (guards the stack).
  int max_nesting_depth = 64;
  /// Pool for buffers the reader allocates (decompressed or realigned data).
  MemoryPool* pool = DefaultMemoryPool();

  static IpcReadOptions Defaults() { return IpcReadOptions(); }
};

}  // namespace ballista::arrow::ipc
