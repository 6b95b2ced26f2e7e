#include "ballista/formats/codec.h"

#include <brotli/decode.h>
#include <lz4.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <limits>

namespace ballista::formats {
namespace {

Status SizeMismatch(CompressionCodec codec, int64_t expected, int64_t got) {
  return Status::InvalidData(std::string(CodecName(codec)) + " block decompressed to " +
                             std::to_string(got) + " bytes, expected " + std::to_string(expected));
}

Status DecompressGzip(std::string_view input, uint8_t* out, int64_t out_size) {
  z_stream stream;
  std::memset(&stream, 0, sizeof(stream));
  // 15 + 32: accept both zlib and gzip headers, as writers differ.
  if (inflateInit2(&stream, 15 + 32) != Z_OK) return Status::Internal("inflateInit2 failed");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = out;
  stream.avail_out = static_cast<uInt>(out_size);
  Status status = Status::OK();
  while (true) {
    int rc = inflate(&stream, Z_FINISH);
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members are legal (some writers emit one per flush): keep going while
      // input remains and the output still has room.
      if (stream.avail_in == 0) break;
      if (stream.avail_out == 0) {
        status = Status::InvalidData("GZIP block has trailing data past the expected size");
        break;
      }
      if (inflateReset(&stream) != Z_OK) {
        status = Status::InvalidData("GZIP stream could not be reset");
        break;
      }
      continue;
    }
    if (rc == Z_BUF_ERROR && stream.avail_out == 0) {
      status = Status::InvalidData("GZIP block decompresses past the expected size");
      break;
    }
    status = Status::InvalidData(std::string("GZIP data is corrupt: ") +
                                 (stream.msg ? stream.msg : "inflate error"));
    break;
  }
  int64_t produced = out_size - static_cast<int64_t>(stream.avail_out);
  inflateEnd(&stream);
  RETURN_NOT_OK(status);
  if (produced != out_size) return SizeMismatch(CompressionCodec::kGzip, out_size, produced);
  return Status::OK();
}

uint32_t ReadBigEndian32(const char* p) {
  const auto* u = reinterpret_cast<const uint8_t*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | uint32_t{u[3]};
}

Status DecompressLz4Raw(std::string_view input, uint8_t* out, int64_t out_size) {
  if (input.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return Status::InvalidData("LZ4 block too large");
  }
  int got = LZ4_decompress_safe(input.data(), reinterpret_cast<char*>(out),
                                static_cast<int>(input.size()), static_cast<int>(out_size));
  if (got < 0) return Status::InvalidData("LZ4 data is corrupt");
  if (got != out_size) return SizeMismatch(CompressionCodec::kLz4Raw, out_size, got);
  return Status::OK();
}

// Hadoop framing: a sequence of [BE u32 uncompressed][BE u32 compressed][LZ4 bytes]. Returns false
// (not an error) when the bytes do not follow that framing, so the caller can try raw LZ4.
bool TryDecompressHadoopLz4(std::string_view input, uint8_t* out, int64_t out_size) {
  int64_t out_pos = 0;
  size_t in_pos = 0;
  while (in_pos < input.size()) {
    if (input.size() - in_pos < 8) return false;
    uint32_t block_uncompressed = ReadBigEndian32(input.data() + in_pos);
    uint32_t block_compressed = ReadBigEndian32(input.data() + in_pos + 4);
    in_pos += 8;
    if (block_compressed > input.size() - in_pos) return false;
    if (block_uncompressed > out_size - out_pos) return false;
    int got = LZ4_decompress_safe(input.data() + in_pos, reinterpret_cast<char*>(out + out_pos),
                                  static_cast<int>(block_compressed),
                                  static_cast<int>(block_uncompressed));
    if (got < 0 || static_cast<uint32_t>(got) != block_uncompressed) return false;
    in_pos += block_compressed;
    out_pos += got;
  }
  return out_pos == out_size;
}

}  // namespace

std::string_view CodecName(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      return "UNCOMPRESSED";
    case CompressionCodec::kSnappy:
      return "SNAPPY";
    case CompressionCodec::kGzip:
      return "GZIP";
    case CompressionCodec::kLzo:
      return "LZO";
    case CompressionCodec::kBrotli:
      return "BROTLI";
    case CompressionCodec::kLz4Hadoop:
      return "LZ4";
    case CompressionCodec::kZstd:
      return "ZSTD";
    case CompressionCodec::kLz4Raw:
      return "LZ4_RAW";
  }
  return "UNKNOWN";
}

Result<std::shared_ptr<Buffer>> Decompress(CompressionCodec codec, std::string_view input,
                                           int64_t uncompressed_size) {
  if (uncompressed_size < 0 || uncompressed_size > std::numeric_limits<int32_t>::max()) {
    return Status::InvalidData("invalid uncompressed size " + std::to_string(uncompressed_size));
  }
  if (codec == CompressionCodec::kUncompressed) {
    if (static_cast<int64_t>(input.size()) != uncompressed_size) {
      return SizeMismatch(codec, uncompressed_size, static_cast<int64_t>(input.size()));
    }
    return Buffer::CopyOf(input);
  }
  ASSIGN_OR_RAISE(auto out, AllocateBuffer(uncompressed_size));
  uint8_t* dst = out->mutable_data();
  switch (codec) {
    case CompressionCodec::kSnappy: {
      size_t length = 0;
      if (snappy_uncompressed_length(input.data(), input.size(), &length) != SNAPPY_OK) {
        return Status::InvalidData("SNAPPY data is corrupt (bad length header)");
      }
      if (static_cast<int64_t>(length) != uncompressed_size) {
        return SizeMismatch(codec, uncompressed_size, static_cast<int64_t>(length));
      }
      if (snappy_uncompress(input.data(), input.size(), reinterpret_cast<char*>(dst), &length) !=
          SNAPPY_OK) {
        return Status::InvalidData("SNAPPY data is corrupt");
      }
      break;
    }
    case CompressionCodec::kGzip:
      RETURN_NOT_OK(DecompressGzip(input, dst, uncompressed_size));
      break;
    case CompressionCodec::kZstd: {
      size_t got =
          ZSTD_decompress(dst, static_cast<size_t>(uncompressed_size), input.data(), input.size());
      if (ZSTD_isError(got)) {
        return Status::InvalidData(std::string("ZSTD data is corrupt: ") + ZSTD_getErrorName(got));
      }
      if (static_cast<int64_t>(got) != uncompressed_size) {
        return SizeMismatch(codec, uncompressed_size, static_cast<int64_t>(got));
      }
      break;
    }
    case CompressionCodec::kBrotli: {
      size_t got = static_cast<size_t>(uncompressed_size);
      if (BrotliDecoderDecompress(input.size(), reinterpret_cast<const uint8_t*>(input.data()),
                                  &got, dst) != BROTLI_DECODER_RESULT_SUCCESS) {
        return Status::InvalidData("BROTLI data is corrupt or larger than expected");
      }
      if (static_cast<int64_t>(got) != uncompressed_size) {
        return SizeMismatch(codec, uncompressed_size, static_cast<int64_t>(got));
      }
      break;
    }
    case CompressionCodec::kLz4Raw:
      RETURN_NOT_OK(DecompressLz4Raw(input, dst, uncompressed_size));
      break;
    case CompressionCodec::kLz4Hadoop:
      // Older writers used raw LZ4 under this id; the framing check tells them apart.
      if (!TryDecompressHadoopLz4(input, dst, uncompressed_size)) {
        RETURN_NOT_OK(DecompressLz4Raw(input, dst, uncompressed_size));
      }
      break;
    default:
      return Status::Unsupported("compression codec " + std::string(CodecName(codec)));
  }
  return out;
}

Result<std::string> Compress(CompressionCodec codec, std::string_view input) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      return std::string(input);
    case CompressionCodec::kSnappy: {
      std::string out(snappy_max_compressed_length(input.size()), '\0');
      size_t length = out.size();
      if (snappy_compress(input.data(), input.size(), out.data(), &length) != SNAPPY_OK) {
        return Status::Internal("SNAPPY compression failed");
      }
      out.resize(length);
      return out;
    }
    case CompressionCodec::kZstd: {
      std::string out(ZSTD_compressBound(input.size()), '\0');
      size_t got = ZSTD_compress(out.data(), out.size(), input.data(), input.size(), 3);
      if (ZSTD_isError(got)) return Status::Internal("ZSTD compression failed");
      out.resize(got);
      return out;
    }
    case CompressionCodec::kGzip: {
      z_stream stream;
      std::memset(&stream, 0, sizeof(stream));
      // 15 + 16: gzip wrapper, which is what Parquet's GZIP codec means.
      if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                       Z_DEFAULT_STRATEGY) != Z_OK) {
        return Status::Internal("deflateInit2 failed");
      }
      std::string out(deflateBound(&stream, static_cast<uLong>(input.size())) + 32, '\0');
      stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
      stream.avail_in = static_cast<uInt>(input.size());
      stream.next_out = reinterpret_cast<Bytef*>(out.data());
      stream.avail_out = static_cast<uInt>(out.size());
      int rc = deflate(&stream, Z_FINISH);
      size_t produced = out.size() - stream.avail_out;
      deflateEnd(&stream);
      if (rc != Z_STREAM_END) return Status::Internal("GZIP compression failed");
      out.resize(produced);
      return out;
    }
    default:
      return Status::Unsupported("compression with codec " + std::string(CodecName(codec)));
  }
}

}  // namespace ballista::formats
