#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "ballista/common/buffer.h"
#include "ballista/common/memory_pool.h"
#include "ballista/common/result.h"

namespace ballista::arrow::ipc {

/// A sink of bytes written in order: what the IPC writers produce into. Not thread-safe: one
/// writer owns a stream at a time.
class OutputStream {
 public:
  virtual ~OutputStream() = default;

  /// Appends `size` bytes at `data`. An error leaves the stream in an unspecified state.
  virtual Status Write(const void* data, int64_t size) = 0;

  /// Bytes written since the stream was opened (the position of the next byte).
  virtual int64_t Tell() const = 0;

  /// Pushes buffered bytes to the underlying device. The default does nothing.
  virtual Status Flush() { return Status::OK(); }

  /// Flushes and releases the device; later writes fail. Calling it twice is harmless.
  virtual Status Close() { return Flush(); }
};

/// An OutputStream into a growable in-memory buffer from a MemoryPool. Single-threaded.
class BufferOutputStream final : public OutputStream {
 public:
  explicit BufferOutputStream(MemoryPool* pool = DefaultMemoryPool()) : pool_(pool) {}

  Status Write(const void* data, int64_t size) override;
  int64_t Tell() const override { return size_; }

  /// Makes room for `capacity` bytes in total, so that writing that much copies nothing.
  Status Reserve(int64_t capacity);

  /// Hands over everything written so far as one buffer and starts a new, empty one.
  Result<std::shared_ptr<Buffer>> Finish();

 private:
  MemoryPool* pool_;
  std::unique_ptr<PoolBuffer> buffer_;
  int64_t size_ = 0;
};

/// An OutputStream to a file, created or truncated by Open. Single-threaded.
class FileOutputStream final : public OutputStream {
 public:
  ~FileOutputStream() override;

  /// Creates (or truncates) `path` for writing; IOError naming the path and the reason on failure.
  static Result<std::unique_ptr<FileOutputStream>> Open(const std::string& path);

  Status Write(const void* data, int64_t size) override;
  int64_t Tell() const override { return position_; }
  Status Flush() override;
  Status Close() override;

 private:
  FileOutputStream(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}

  std::string path_;
  std::FILE* file_;
  int64_t position_ = 0;
};

/// A source of bytes read in order. Single-threaded.
class InputStream {
 public:
  virtual ~InputStream() = default;

  /// Reads up to `size` bytes; fewer (possibly zero) only at the end of the stream. Never
  /// allocates more than what is actually there, so a corrupt length cannot exhaust memory.
  virtual Result<std::shared_ptr<Buffer>> Read(int64_t size) = 0;

  /// Bytes consumed so far.
  virtual int64_t Tell() const = 0;
};

/// An InputStream that can also read at any position and knows its size. ReadAt may be called
/// concurrently; Read (which moves the shared position) may not.
class RandomAccessFile : public InputStream {
 public:
  /// Total size in bytes.
  virtual int64_t size() const = 0;

  /// Reads up to `size` bytes at `offset`; fewer when the range passes the end.
  virtual Result<std::shared_ptr<Buffer>> ReadAt(int64_t offset, int64_t size) const = 0;
};

/// Zero-copy reads over a Buffer in memory: every result is a slice that keeps the buffer alive.
/// ReadAt may be called concurrently; Read (which moves the position) may not.
class BufferReader final : public RandomAccessFile {
 public:
  explicit BufferReader(std::shared_ptr<Buffer> buffer) : buffer_(std::move(buffer)) {}

  Result<std::shared_ptr<Buffer>> Read(int64_t size) override;
  int64_t Tell() const override { return position_; }
  int64_t size() const override { return buffer_->size(); }
  Result<std::shared_ptr<Buffer>> ReadAt(int64_t offset, int64_t size) const override;

 private:
  std::shared_ptr<Buffer> buffer_;
  int64_t position_ = 0;
};

/// A file opened for reading with pread(2); each read returns a freshly allocated, 64-byte
/// aligned buffer.
class ReadableFile final : public RandomAccessFile {
 public:
  ~ReadableFile() override;

  /// Opens `path`; IOError naming the path and the reason on failure.
  static Result<std::unique_ptr<ReadableFile>> Open(const std::string& path,
                                                    MemoryPool* pool = DefaultMemoryPool());

  Result<std::shared_ptr<Buffer>> Read(int64_t size) override;
  int64_t Tell() const override { return position_; }
  int64_t size() const override { return size_; }
  Result<std::shared_ptr<Buffer>> ReadAt(int64_t offset, int64_t size) const override;

  /// The whole file as one buffer.
  Result<std::shared_ptr<Buffer>> ReadAll() const { return ReadAt(0, size_); }

 private:
  ReadableFile(std::string path, int fd, int64_t size, MemoryPool* pool)
      : path_(std::move(path)), fd_(fd), size_(size), pool_(pool) {}

  std::string path_;
  int fd_;
  int64_t size_;
  MemoryPool* pool_;
  int64_t position_ = 0;
};

}  // namespace ballista::arrow::ipc
