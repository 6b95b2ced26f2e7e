#include "ballista/formats/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ballista::formats {

namespace {
Status ErrnoError(const std::string& what, const std::string& path) {
  return Status::IOError(what + " " + path + ": " + std::strerror(errno));
}
}  // namespace

Result<std::unique_ptr<LocalFile>> LocalFile::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("cannot open", path);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    Status status = ErrnoError("cannot stat", path);
    ::close(fd);
    return status;
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::IOError("cannot read " + path + ": is a directory");
  }
  return std::unique_ptr<LocalFile>(new LocalFile(path, fd, static_cast<int64_t>(st.st_size)));
}

LocalFile::~LocalFile() { ::close(fd_); }

Result<int64_t> LocalFile::ReadAt(int64_t offset, int64_t length, uint8_t* out) const {
  int64_t done = 0;
  while (done < length) {
    ssize_t n = ::pread(fd_, out + done, static_cast<size_t>(length - done),
                        static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("cannot read", path_);
    }
    if (n == 0) break;
    done += n;
  }
  return done;
}

Result<int64_t> FileSize(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return ErrnoError("cannot stat", path);
  return static_cast<int64_t>(st.st_size);
}

}  // namespace ballista::formats
