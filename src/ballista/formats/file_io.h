#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "ballista/common/result.h"
#include "ballista/common/status.h"

namespace ballista::formats {

/// A local file opened for positional reads. ReadAt uses pread, so one LocalFile may be read
/// concurrently from several threads (each call names its own offset); Open/close are not shared.
class LocalFile {
 public:
  /// Opens `path` read-only; IOError naming the path when it cannot be opened.
  static Result<std::unique_ptr<LocalFile>> Open(const std::string& path);
  ~LocalFile();
  LocalFile(const LocalFile&) = delete;
  LocalFile& operator=(const LocalFile&) = delete;

  /// Size in bytes at open time.
  int64_t size() const { return size_; }
  const std::string& path() const { return path_; }

  /// Reads up to `length` bytes at `offset` into `out`; returns the count read (short only at
  /// end of file). Retries interrupted and partial reads.
  Result<int64_t> ReadAt(int64_t offset, int64_t length, uint8_t* out) const;

 private:
  LocalFile(std::string path, int fd, int64_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {}
  std::string path_;
  int fd_;
  int64_t size_;
};

/// Size of the file at `path`; IOError when it cannot be examined.
Result<int64_t> FileSize(const std::string& path);

}  // namespace ballista::formats
