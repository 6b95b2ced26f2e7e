#include "ballista/arrow/ipc/compression.h"

#include <lz4frame.h>
#include <zstd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

namespace ballista::arrow::ipc {

namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Output is collected in a buffer one byte larger than the declared length: the decoder always
/// has room to run (it may need calls that only consume a frame's epilogue), and a byte landing
/// in the spare slot proves the data is longer than declared.
int64_t OutputLimit(int64_t declared) { return declared + 1; }

/// First output capacity: enough for typical ratios, never more than the limit, and bounded by
/// the input so a forged declared length costs nothing up front.
int64_t InitialCapacity(int64_t compressed, int64_t declared) {
  int64_t guess = std::max<int64_t>(int64_t{64} << 10, compressed * 8);
  return std::min(OutputLimit(declared), guess);
}

/// Grows `out` (doubling, capped at the limit) once the produced bytes fill it.
Status GrowIfFull(PoolBuffer* out, int64_t produced, int64_t declared) {
  if (produced < out->size() || out->size() >= OutputLimit(declared)) return Status::OK();
  int64_t next = std::min(OutputLimit(declared), std::max<int64_t>(out->size() * 2, 1024));
  return out->Resize(next);
}

/// Checks the produced length and trims the spare byte.
Result<std::shared_ptr<Buffer>> FinishOutput(std::unique_ptr<PoolBuffer> out, int64_t produced,
                                             int64_t declared, std::string_view codec) {
  if (produced != declared) {
    return Status::InvalidData(std::string(codec) + " data is " +
                               (produced > declared ? "longer" : "shorter") +
                               " than its declared uncompressed length of " +
                               std::to_string(declared) + " bytes");
  }
  RETURN_NOT_OK(out->Resize(declared));
  return std::shared_ptr<Buffer>(std::move(out));
}

/// Compresses into a new buffer whose first `front` bytes are left for the caller (the IPC length
/// prefix), so no second copy is needed.
Result<std::unique_ptr<PoolBuffer>> CompressLz4(const uint8_t* data, int64_t size, int level,
                                                MemoryPool* pool, int64_t front) {
  LZ4F_preferences_t prefs;
  std::memset(&prefs, 0, sizeof(prefs));
  prefs.frameInfo.contentSize = static_cast<unsigned long long>(size);
  prefs.compressionLevel = level;
  size_t bound = LZ4F_compressFrameBound(static_cast<size_t>(size), &prefs);
  ASSIGN_OR_RAISE(auto out, PoolBuffer::Make(front + static_cast<int64_t>(bound), pool));
  size_t n = LZ4F_compressFrame(out->mutable_data() + front, bound, data, static_cast<size_t>(size),
                                &prefs);
  if (LZ4F_isError(n)) {
    return Status::Internal(std::string("LZ4 frame compression failed: ") + LZ4F_getErrorName(n));
  }
  RETURN_NOT_OK(out->Resize(front + static_cast<int64_t>(n)));
  return out;
}

Result<std::unique_ptr<PoolBuffer>> CompressZstd(const uint8_t* data, int64_t size, int level,
                                                 MemoryPool* pool, int64_t front) {
  size_t bound = ZSTD_compressBound(static_cast<size_t>(size));
  ASSIGN_OR_RAISE(auto out, PoolBuffer::Make(front + static_cast<int64_t>(bound), pool));
  size_t n = ZSTD_compress(out->mutable_data() + front, bound, data, static_cast<size_t>(size),
                           level == 0 ? 1 : level);
  if (ZSTD_isError(n)) {
    return Status::Internal(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
  }
  RETURN_NOT_OK(out->Resize(front + static_cast<int64_t>(n)));
  return out;
}

Result<std::unique_ptr<PoolBuffer>> CompressWithFront(CompressionType type, const uint8_t* data,
                                                      int64_t size, int level, MemoryPool* pool,
                                                      int64_t front) {
  if (size < 0) return Status::InvalidArgument("Compress: negative size");
  switch (type) {
    case CompressionType::kLz4Frame:
      return CompressLz4(data, size, level, pool, front);
    case CompressionType::kZstd:
      return CompressZstd(data, size, level, pool, front);
    case CompressionType::kNone:
      break;
  }
  return Status::InvalidArgument("Compress: no codec selected");
}

Status TooLong(std::string_view codec, int64_t declared) {
  return Status::InvalidData(std::string(codec) + " data is longer than its declared uncompressed " +
                             "length of " + std::to_string(declared) + " bytes");
}

Result<std::shared_ptr<Buffer>> DecompressLz4(const uint8_t* data, int64_t size, int64_t declared,
                                              MemoryPool* pool) {
  LZ4F_dctx* ctx = nullptr;
  size_t rc = LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION);
  if (LZ4F_isError(rc)) return Status::ResourcesExhausted("cannot create an LZ4 decompressor");
  std::unique_ptr<LZ4F_dctx, decltype(&LZ4F_freeDecompressionContext)> guard(
      ctx, &LZ4F_freeDecompressionContext);
  ASSIGN_OR_RAISE(auto out, PoolBuffer::Make(InitialCapacity(size, declared), pool));
  int64_t consumed = 0;
  int64_t produced = 0;
  size_t hint = 1;
  // Several concatenated frames are legal; stop when the input is used up.
  while (consumed < size) {
    RETURN_NOT_OK(GrowIfFull(out.get(), produced, declared));
    size_t src_size = static_cast<size_t>(size - consumed);
    size_t dst_size = static_cast<size_t>(out->size() - produced);
    if (dst_size == 0) return TooLong("LZ4", declared);
    hint = LZ4F_decompress(ctx, out->mutable_data() + produced, &dst_size, data + consumed,
                           &src_size, nullptr);
    if (LZ4F_isError(hint)) {
      return Status::InvalidData(std::string("corrupt LZ4 frame: ") + LZ4F_getErrorName(hint));
    }
    if (src_size == 0 && dst_size == 0) {
      return Status::InvalidData("corrupt LZ4 frame: the decoder made no progress");
    }
    consumed += static_cast<int64_t>(src_size);
    produced += static_cast<int64_t>(dst_size);
  }
  // Flush what the decoder may still hold for the last frame.
  while (hint != 0) {
    RETURN_NOT_OK(GrowIfFull(out.get(), produced, declared));
    size_t src_size = 0;
    size_t dst_size = static_cast<size_t>(out->size() - produced);
    if (dst_size == 0) return TooLong("LZ4", declared);
    hint = LZ4F_decompress(ctx, out->mutable_data() + produced, &dst_size, nullptr, &src_size,
                           nullptr);
    if (LZ4F_isError(hint)) {
      return Status::InvalidData(std::string("corrupt LZ4 frame: ") + LZ4F_getErrorName(hint));
    }
    if (dst_size == 0) return Status::InvalidData("truncated LZ4 frame");
    produced += static_cast<int64_t>(dst_size);
  }
  return FinishOutput(std::move(out), produced, declared, "LZ4");
}

Result<std::shared_ptr<Buffer>> DecompressZstd(const uint8_t* data, int64_t size, int64_t declared,
                                               MemoryPool* pool) {
  unsigned long long frame_size = ZSTD_getFrameContentSize(data, static_cast<size_t>(size));
  if (frame_size == ZSTD_CONTENTSIZE_ERROR) {
    return Status::InvalidData("corrupt zstd data: bad frame header");
  }
  if (frame_size != ZSTD_CONTENTSIZE_UNKNOWN && frame_size > static_cast<uint64_t>(declared)) {
    return TooLong("zstd", declared);
  }
  ZSTD_DStream* stream = ZSTD_createDStream();
  if (stream == nullptr) return Status::ResourcesExhausted("cannot create a zstd decompressor");
  std::unique_ptr<ZSTD_DStream, decltype(&ZSTD_freeDStream)> guard(stream, &ZSTD_freeDStream);
  ASSIGN_OR_RAISE(auto out, PoolBuffer::Make(InitialCapacity(size, declared), pool));
  ZSTD_inBuffer input{data, static_cast<size_t>(size), 0};
  int64_t produced = 0;
  size_t hint = 1;
  while (input.pos < input.size || hint != 0) {
    RETURN_NOT_OK(GrowIfFull(out.get(), produced, declared));
    if (produced == out->size()) return TooLong("zstd", declared);
    ZSTD_outBuffer output{out->mutable_data() + produced,
                          static_cast<size_t>(out->size() - produced), 0};
    size_t in_before = input.pos;
    hint = ZSTD_decompressStream(stream, &output, &input);
    if (ZSTD_isError(hint)) {
      return Status::InvalidData(std::string("corrupt zstd data: ") + ZSTD_getErrorName(hint));
    }
    produced += static_cast<int64_t>(output.pos);
    if (output.pos == 0 && input.pos == in_before) {
      if (input.pos == input.size) return Status::InvalidData("truncated zstd frame");
      return Status::InvalidData("corrupt zstd data: the decoder made no progress");
    }
  }
  return FinishOutput(std::move(out), produced, declared, "zstd");
}

}  // namespace

std::string_view CompressionTypeName(CompressionType type) {
  switch (type) {
    case CompressionType::kNone:
      return "none";
    case CompressionType::kLz4Frame:
      return "lz4_frame";
    case CompressionType::kZstd:
      return "zstd";
  }
  return "unknown";
}

Result<CompressionType> ParseCompressionType(std::string_view name) {
  std::string lower = Lower(name);
  if (lower == "none" || lower == "uncompressed" || lower.empty()) return CompressionType::kNone;
  if (lower == "lz4" || lower == "lz4_frame") return CompressionType::kLz4Frame;
  if (lower == "zstd") return CompressionType::kZstd;
  return Status::InvalidArgument("unknown IPC compression codec '" + std::string(name) +
                                 "'; expected none, lz4_frame or zstd");
}

Result<std::shared_ptr<Buffer>> Compress(CompressionType type, const uint8_t* data, int64_t size,
                                         int level, MemoryPool* pool) {
  ASSIGN_OR_RAISE(auto out, CompressWithFront(type, data, size, level, pool, 0));
  return std::shared_ptr<Buffer>(std::move(out));
}

Result<std::shared_ptr<Buffer>> Decompress(CompressionType type, const uint8_t* data, int64_t size,
                                           int64_t uncompressed_size, MemoryPool* pool) {
  if (size < 0 || uncompressed_size < 0) {
    return Status::InvalidData("negative compressed or uncompressed length");
  }
  if (uncompressed_size == 0) {
    // Nothing to produce; the frame (if any) is not inspected.
    ASSIGN_OR_RAISE(auto empty, PoolBuffer::Make(0, pool));
    return std::shared_ptr<Buffer>(std::move(empty));
  }
  switch (type) {
    case CompressionType::kLz4Frame:
      return DecompressLz4(data, size, uncompressed_size, pool);
    case CompressionType::kZstd:
      return DecompressZstd(data, size, uncompressed_size, pool);
    case CompressionType::kNone:
      break;
  }
  return Status::InvalidArgument("Decompress: no codec selected");
}

Result<std::shared_ptr<Buffer>> CompressBodyBuffer(CompressionType type, int level,
                                                   const Buffer& raw, MemoryPool* pool) {
  if (raw.size() == 0) {
    ASSIGN_OR_RAISE(auto empty, PoolBuffer::Make(0, pool));
    return std::shared_ptr<Buffer>(std::move(empty));
  }
  ASSIGN_OR_RAISE(auto out, CompressWithFront(type, raw.data(), raw.size(), level, pool, 8));
  int64_t prefix = raw.size();
  if (out->size() - 8 >= raw.size()) {
    // Compression did not pay: store the bytes as they are, as the format allows.
    prefix = kUncompressedLengthMarker;
    RETURN_NOT_OK(out->Resize(8 + raw.size()));
    std::memcpy(out->mutable_data() + 8, raw.data(), static_cast<size_t>(raw.size()));
  }
  std::memcpy(out->mutable_data(), &prefix, 8);
  return std::shared_ptr<Buffer>(std::move(out));
}

Result<std::shared_ptr<Buffer>> DecompressBodyBuffer(CompressionType type,
                                                     const std::shared_ptr<Buffer>& encoded,
                                                     MemoryPool* pool) {
  if (encoded->size() == 0) return encoded;
  if (encoded->size() < 8) {
    return Status::InvalidData("compressed buffer of " + std::to_string(encoded->size()) +
                               " bytes is too short for its 8-byte length prefix");
  }
  int64_t uncompressed;
  std::memcpy(&uncompressed, encoded->data(), 8);
  if (uncompressed == kUncompressedLengthMarker) return Buffer::Slice(encoded, 8, encoded->size() - 8);
  if (uncompressed < 0) {
    return Status::InvalidData("compressed buffer declares a negative uncompressed length " +
                               std::to_string(uncompressed));
  }
  return Decompress(type, encoded->data() + 8, encoded->size() - 8, uncompressed, pool);
}

}  // namespace ballista::arrow::ipc
