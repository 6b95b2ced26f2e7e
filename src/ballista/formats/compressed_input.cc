#include "ballista/formats/compressed_input.h"

#include <bzlib.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "ballista/formats/file_io.h"

namespace ballista::formats {

namespace {

constexpr int64_t kCompressedChunk = 256 * 1024;

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// Raw bytes of a local file from an offset.
class FileStream final : public InputStream {
 public:
  FileStream(std::unique_ptr<LocalFile> file, int64_t offset)
      : file_(std::move(file)), position_(offset) {}
  /// As InputStream::Read; single consumer.
  Result<int64_t> Read(uint8_t* out, int64_t length) override {
    ASSIGN_OR_RAISE(int64_t n, file_->ReadAt(position_, length, out));
    position_ += n;
    return n;
  }

 private:
  std::unique_ptr<LocalFile> file_;
  int64_t position_;
};

/// Raw bytes of a caller-owned memory region.
class MemoryStream final : public InputStream {
 public:
  explicit MemoryStream(std::string_view data) : data_(data) {}
  /// As InputStream::Read; single consumer.
  Result<int64_t> Read(uint8_t* out, int64_t length) override {
    size_t n = std::min(static_cast<size_t>(length), data_.size() - position_);
    if (n > 0) std::memcpy(out, data_.data() + position_, n);
    position_ += n;
    return static_cast<int64_t>(n);
  }

 private:
  std::string_view data_;
  size_t position_ = 0;
};

/// Shared plumbing of the decompressing streams: a compressed input buffer refilled from the
/// underlying stream, so each codec only turns input into output.
class DecompressingStream : public InputStream {
 public:
  DecompressingStream(std::unique_ptr<InputStream> raw, std::string name)
      : raw_(std::move(raw)), name_(std::move(name)), input_(kCompressedChunk) {}

 protected:
  /// Refills input_ when it is used up; sets raw_eof_ at the end of the raw stream.
  Status Refill() {
    if (input_pos_ < input_len_ || raw_eof_) return Status::OK();
    ASSIGN_OR_RAISE(int64_t n, raw_->Read(input_.data(), static_cast<int64_t>(input_.size())));
    input_pos_ = 0;
    input_len_ = static_cast<size_t>(n);
    if (n == 0) raw_eof_ = true;
    return Status::OK();
  }
  Status Corrupt(std::string_view codec, std::string_view detail) const {
    return Status::InvalidData(name_ + ": corrupt " + std::string(codec) +
                               " data: " + std::string(detail));
  }

  std::unique_ptr<InputStream> raw_;
  std::string name_;
  std::vector<uint8_t> input_;
  size_t input_pos_ = 0;
  size_t input_len_ = 0;
  bool raw_eof_ = false;
};

/// gzip (and zlib) members, one after another.
class GzipStream final : public DecompressingStream {
 public:
  using DecompressingStream::DecompressingStream;
  ~GzipStream() override {
    if (initialized_) inflateEnd(&z_);
  }
  /// As InputStream::Read; single consumer.
  Result<int64_t> Read(uint8_t* out, int64_t length) override {
    if (!initialized_) {
      std::memset(&z_, 0, sizeof(z_));
      // 15 + 32: maximum window, detect gzip or zlib headers automatically.
      if (inflateInit2(&z_, 15 + 32) != Z_OK) return Status::Internal("inflateInit2 failed");
      initialized_ = true;
    }
    int64_t produced = 0;
    while (produced < length && !done_) {
      RETURN_NOT_OK(Refill());
      if (input_pos_ == input_len_ && raw_eof_) {
        if (in_member_) return Corrupt("gzip", "truncated stream");
        done_ = true;
        break;
      }
      z_.next_in = input_.data() + input_pos_;
      z_.avail_in = static_cast<uInt>(input_len_ - input_pos_);
      z_.next_out = out + produced;
      z_.avail_out = static_cast<uInt>(std::min<int64_t>(length - produced, 1 << 30));
      in_member_ = true;
      int rc = inflate(&z_, Z_NO_FLUSH);
      produced = (z_.next_out - out);
      input_pos_ = input_len_ - z_.avail_in;
      if (rc == Z_STREAM_END) {
        // Another member may follow (concatenated gzip files, as `cat a.gz b.gz` makes).
        in_member_ = false;
        inflateReset(&z_);
      } else if (rc == Z_BUF_ERROR) {
        // No progress possible with this input: need more (handled by Refill) or output space.
        if (z_.avail_out == 0) break;
      } else if (rc != Z_OK) {
        return Corrupt("gzip", z_.msg != nullptr ? z_.msg : "inflate failed");
      }
    }
    return produced;
  }

 private:
  z_stream z_;
  bool initialized_ = false;
  bool in_member_ = false;
  bool done_ = false;
};

/// zstd frames, one after another (ZSTD_decompressStream continues across frames itself).
class ZstdStream final : public DecompressingStream {
 public:
  using DecompressingStream::DecompressingStream;
  ~ZstdStream() override { ZSTD_freeDStream(ctx_); }
  /// As InputStream::Read; single consumer.
  Result<int64_t> Read(uint8_t* out, int64_t length) override {
    if (ctx_ == nullptr) {
      ctx_ = ZSTD_createDStream();
      if (ctx_ == nullptr) return Status::ResourcesExhausted("cannot create zstd stream");
    }
    ZSTD_outBuffer output{out, static_cast<size_t>(length), 0};
    while (output.pos < output.size) {
      RETURN_NOT_OK(Refill());
      if (input_pos_ == input_len_ && raw_eof_) {
        if (frame_open_) return Corrupt("zstd", "truncated stream");
        break;
      }
      ZSTD_inBuffer input{input_.data(), input_len_, input_pos_};
      size_t rc = ZSTD_decompressStream(ctx_, &output, &input);
      input_pos_ = input.pos;
      if (ZSTD_isError(rc)) return Corrupt("zstd", ZSTD_getErrorName(rc));
      frame_open_ = rc != 0;
    }
    return static_cast<int64_t>(output.pos);
  }

 private:
  ZSTD_DStream* ctx_ = nullptr;
  bool frame_open_ = false;
};

/// bzip2 streams, one after another (pbzip2 writes several).
class Bzip2Stream final : public DecompressingStream {
 public:
  using DecompressingStream::DecompressingStream;
  ~Bzip2Stream() override {
    if (initialized_) BZ2_bzDecompressEnd(&bz_);
  }
  /// As InputStream::Read; single consumer.
  Result<int64_t> Read(uint8_t* out, int64_t length) override {
    int64_t produced = 0;
    while (produced < length) {
      RETURN_NOT_OK(Refill());
      if (input_pos_ == input_len_ && raw_eof_) {
        if (initialized_) return Corrupt("bzip2", "truncated stream");
        break;
      }
      if (!initialized_) {
        std::memset(&bz_, 0, sizeof(bz_));
        if (BZ2_bzDecompressInit(&bz_, 0, 0) != BZ_OK) {
          return Status::Internal("BZ2_bzDecompressInit failed");
        }
        initialized_ = true;
      }
      bz_.next_in = reinterpret_cast<char*>(input_.data() + input_pos_);
      bz_.avail_in = static_cast<unsigned>(input_len_ - input_pos_);
      bz_.next_out = reinterpret_cast<char*>(out + produced);
      bz_.avail_out = static_cast<unsigned>(std::min<int64_t>(length - produced, 1 << 30));
      int rc = BZ2_bzDecompress(&bz_);
      produced = reinterpret_cast<uint8_t*>(bz_.next_out) - out;
      input_pos_ = input_len_ - bz_.avail_in;
      if (rc == BZ_STREAM_END) {
        BZ2_bzDecompressEnd(&bz_);
        initialized_ = false;
      } else if (rc != BZ_OK) {
        return Corrupt("bzip2", "error code " + std::to_string(rc));
      }
    }
    return produced;
  }

 private:
  bz_stream bz_;
  bool initialized_ = false;
};

std::unique_ptr<InputStream> Wrap(std::unique_ptr<InputStream> raw, Compression compression,
                                  std::string name) {
  switch (compression) {
    case Compression::kGzip:
      return std::make_unique<GzipStream>(std::move(raw), std::move(name));
    case Compression::kZstd:
      return std::make_unique<ZstdStream>(std::move(raw), std::move(name));
    case Compression::kBzip2:
      return std::make_unique<Bzip2Stream>(std::move(raw), std::move(name));
    case Compression::kAuto:
    case Compression::kNone:
      break;
  }
  return raw;
}

}  // namespace

std::string_view CompressionName(Compression compression) {
  switch (compression) {
    case Compression::kAuto:
      return "auto";
    case Compression::kNone:
      return "none";
    case Compression::kGzip:
      return "gzip";
    case Compression::kZstd:
      return "zstd";
    case Compression::kBzip2:
      return "bzip2";
  }
  return "unknown";
}

Compression ResolveCompression(const std::string& path, Compression compression) {
  if (compression != Compression::kAuto) return compression;
  if (EndsWith(path, ".gz") || EndsWith(path, ".gzip")) return Compression::kGzip;
  if (EndsWith(path, ".zst") || EndsWith(path, ".zstd")) return Compression::kZstd;
  if (EndsWith(path, ".bz2")) return Compression::kBzip2;
  return Compression::kNone;
}

Result<std::unique_ptr<InputStream>> OpenInputStream(const std::string& path,
                                                     Compression compression, int64_t offset) {
  Compression resolved = ResolveCompression(path, compression);
  if (offset != 0 && resolved != Compression::kNone) {
    return Status::InvalidArgument(path + ": cannot start reading " +
                                   std::string(CompressionName(resolved)) +
                                   " input at a byte offset");
  }
  ASSIGN_OR_RAISE(auto file, LocalFile::Open(path));
  return Wrap(std::make_unique<FileStream>(std::move(file), offset), resolved, path);
}

std::unique_ptr<InputStream> MakeBufferInputStream(std::string_view data, Compression compression,
                                                   std::string name) {
  return Wrap(std::make_unique<MemoryStream>(data), compression, std::move(name));
}

}  // namespace ballista::formats
