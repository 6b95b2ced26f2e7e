#include "ballista/arrow/ipc/io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ballista::arrow::ipc {

namespace {

std::string ErrnoText() { return std::strerror(errno); }

}  // namespace

// ---- BufferOutputStream ----

Status BufferOutputStream::Write(const void* data, int64_t size) {
  if (size < 0) return Status::InvalidArgument("BufferOutputStream: negative write size");
  if (size == 0) return Status::OK();
  if (!buffer_) {
    ASSIGN_OR_RAISE(buffer_, PoolBuffer::Make(0, pool_));
  }
  RETURN_NOT_OK(buffer_->Resize(size_ + size));
  std::memcpy(buffer_->mutable_data() + size_, data, static_cast<size_t>(size));
  size_ += size;
  return Status::OK();
}

Status BufferOutputStream::Reserve(int64_t capacity) {
  if (!buffer_) {
    ASSIGN_OR_RAISE(buffer_, PoolBuffer::Make(0, pool_));
  }
  return buffer_->Reserve(capacity);
}

Result<std::shared_ptr<Buffer>> BufferOutputStream::Finish() {
  if (!buffer_) {
    ASSIGN_OR_RAISE(buffer_, PoolBuffer::Make(0, pool_));
  }
  std::shared_ptr<Buffer> out = std::move(buffer_);
  buffer_.reset();
  size_ = 0;
  return out;
}

// ---- FileOutputStream ----

FileOutputStream::~FileOutputStream() {
  if (file_ != nullptr) std::fclose(file_);
}

Result<std::unique_ptr<FileOutputStream>> FileOutputStream::Open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return Status::IOError("cannot open '" + path + "' for writing: " + ErrnoText());
  }
  return std::unique_ptr<FileOutputStream>(new FileOutputStream(path, file));
}

Status FileOutputStream::Write(const void* data, int64_t size) {
  if (file_ == nullptr) return Status::IOError("'" + path_ + "': write after close");
  if (size <= 0) return Status::OK();
  size_t written = std::fwrite(data, 1, static_cast<size_t>(size), file_);
  if (written != static_cast<size_t>(size)) {
    return Status::IOError("'" + path_ + "': write of " + std::to_string(size) +
                           " bytes failed: " + ErrnoText());
  }
  position_ += size;
  return Status::OK();
}

Status FileOutputStream::Flush() {
  if (file_ != nullptr && std::fflush(file_) != 0) {
    return Status::IOError("'" + path_ + "': flush failed: " + ErrnoText());
  }
  return Status::OK();
}

Status FileOutputStream::Close() {
  if (file_ == nullptr) return Status::OK();
  int rc = std::fclose(file_);
  file_ = nullptr;
  if (rc != 0) return Status::IOError("'" + path_ + "': close failed: " + ErrnoText());
  return Status::OK();
}

// ---- BufferReader ----

Result<std::shared_ptr<Buffer>> BufferReader::Read(int64_t size) {
  ASSIGN_OR_RAISE(auto out, ReadAt(position_, size));
  position_ += out->size();
  return out;
}

Result<std::shared_ptr<Buffer>> BufferReader::ReadAt(int64_t offset, int64_t size) const {
  if (offset < 0 || size < 0) {
    return Status::InvalidArgument("BufferReader: negative read offset or size");
  }
  int64_t available = std::max<int64_t>(0, buffer_->size() - offset);
  return Buffer::Slice(buffer_, std::min(offset, buffer_->size()), std::min(size, available));
}

// ---- ReadableFile ----

ReadableFile::~ReadableFile() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::unique_ptr<ReadableFile>> ReadableFile::Open(const std::string& path, MemoryPool* pool) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError("cannot open '" + path + "': " + ErrnoText());
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    std::string reason = ErrnoText();
    ::close(fd);
    return Status::IOError("cannot stat '" + path + "': " + reason);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::IOError("'" + path + "' is not a regular file");
  }
  return std::unique_ptr<ReadableFile>(new ReadableFile(path, fd, st.st_size, pool));
}

Result<std::shared_ptr<Buffer>> ReadableFile::Read(int64_t size) {
  ASSIGN_OR_RAISE(auto out, ReadAt(position_, size));
  position_ += out->size();
  return out;
}

Result<std::shared_ptr<Buffer>> ReadableFile::ReadAt(int64_t offset, int64_t size) const {
  if (offset < 0 || size < 0) {
    return Status::InvalidArgument("'" + path_ + "': negative read offset or size");
  }
  // Clamp first: a length taken from a corrupt file must not size the allocation.
  int64_t to_read = std::min(size, std::max<int64_t>(0, size_ - offset));
  ASSIGN_OR_RAISE(auto buffer, PoolBuffer::Make(to_read, pool_));
  int64_t done = 0;
  while (done < to_read) {
    ssize_t n = ::pread(fd_, buffer->mutable_data() + done, static_cast<size_t>(to_read - done),
                        static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IOError("'" + path_ + "': read at offset " + std::to_string(offset + done) +
                             " failed: " + ErrnoText());
    }
    if (n == 0) break;  // the file shrank since it was opened
    done += n;
  }
  if (done != to_read) RETURN_NOT_OK(buffer->Resize(done));
  return std::shared_ptr<Buffer>(std::move(buffer));
}

}  // namespace ballista::arrow::ipc
