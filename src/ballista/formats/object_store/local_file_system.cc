#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "ballista/formats/file_io.h"
#include "ballista/formats/object_store/object_store.h"

namespace ballista::formats::object_store {
namespace {

std::string StripScheme(const std::string& path) {
  constexpr std::string_view kFile = "file://";
  if (path.compare(0, kFile.size(), kFile) == 0) return path.substr(kFile.size());
  return path;
}

int64_t MtimeNs(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

Status Walk(const std::string& dir, int depth, std::vector<FileInfo>* out) {
  if (depth > 64) return Status::IOError("directory tree too deep under \"" + dir + "\"");
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) {
    return Status::IOError("cannot list \"" + dir + "\": " + std::strerror(errno));
  }
  std::vector<std::string> names;
  while (struct dirent* entry = readdir(d)) {
    std::string_view name = entry->d_name;
    if (name.empty() || name[0] == '.' || name[0] == '_') continue;
    names.emplace_back(name);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    std::string path = dir == "/" ? "/" + name : dir + "/" + name;
    struct stat st;
    if (stat(path.c_str(), &st) != 0) continue;  // vanished or dangling link
    if (S_ISDIR(st.st_mode)) {
      RETURN_NOT_OK(Walk(path, depth + 1, out));
    } else if (S_ISREG(st.st_mode)) {
      out->push_back(FileInfo{path, static_cast<int64_t>(st.st_size), MtimeNs(st), {}});
    }
  }
  return Status::OK();
}

}  // namespace

Result<FileInfo> LocalFileSystem::Head(const std::string& url) const {
  std::string path = StripScheme(url);
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::NotFound("file \"" + path + "\" does not exist");
    return Status::IOError("cannot examine \"" + path + "\": " + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) return Status::InvalidArgument("\"" + path + "\" is not a file");
  return FileInfo{path, static_cast<int64_t>(st.st_size), MtimeNs(st), {}};
}

Result<bool> LocalFileSystem::IsDirectory(const std::string& url) const {
  std::string path = StripScheme(url);
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::NotFound("path \"" + path + "\" does not exist");
    return Status::IOError("cannot examine \"" + path + "\": " + std::strerror(errno));
  }
  return S_ISDIR(st.st_mode);
}

Result<std::vector<FileInfo>> LocalFileSystem::List(const std::string& url) const {
  std::string prefix = StripScheme(url);
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  ASSIGN_OR_RAISE(bool is_dir, IsDirectory(prefix));
  if (!is_dir) return Status::InvalidArgument("\"" + prefix + "\" is not a directory");
  std::vector<FileInfo> out;
  RETURN_NOT_OK(Walk(prefix, 0, &out));
  return out;
}

Result<int64_t> LocalFileSystem::ReadRange(const std::string& url, int64_t offset, int64_t length,
                                           uint8_t* out) const {
  if (offset < 0 || length < 0) return Status::InvalidArgument("negative range");
  ASSIGN_OR_RAISE(auto file, LocalFile::Open(StripScheme(url)));
  return file->ReadAt(offset, length, out);
}

}  // namespace ballista::formats::object_store
