#include "ballista/catalog/file_listing.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace ballista::catalog {
namespace fs = std::filesystem;
namespace {

bool HasGlob(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

bool Hidden(const std::string& name) { return !name.empty() && (name[0] == '.' || name[0] == '_'); }

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Partition values from the directories of `relative` (a path below the location).
std::vector<std::pair<std::string, std::string>> PartitionsOf(const fs::path& relative) {
  std::vector<std::pair<std::string, std::string>> out;
  fs::path dir = relative.parent_path();
  for (const auto& part : dir) {
    std::string segment = part.string();
    size_t eq = segment.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    out.emplace_back(segment.substr(0, eq), segment.substr(eq + 1));
  }
  return out;
}

Result<ListedFile> Describe(const fs::path& path, const fs::path& base) {
  std::error_code ec;
  ListedFile file;
  file.path = path.string();
  file.size = static_cast<int64_t>(fs::file_size(path, ec));
  if (ec) return Status::IOError("cannot read size of " + file.path + ": " + ec.message());
  auto time = fs::last_write_time(path, ec);
  if (!ec) file.mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
  file.partition_values = PartitionsOf(fs::relative(path, base, ec));
  return file;
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.substr(0, 2) == "**") {
    std::string_view rest = pattern.substr(2);
    if (!rest.empty() && rest[0] == '/') rest.remove_prefix(1);
    for (size_t i = 0; i <= text.size(); ++i) {
      if ((i == 0 || text[i - 1] == '/') && GlobMatch(rest, text.substr(i))) return true;
    }
    return GlobMatch(rest, text);
  }
  if (pattern[0] == '*') {
    for (size_t i = 0; i <= text.size(); ++i) {
      if (GlobMatch(pattern.substr(1), text.substr(i))) return true;
      if (i < text.size() && text[i] == '/') break;
    }
    return false;
  }
  if (text.empty()) return false;
  if (pattern[0] == '?') return text[0] != '/' && GlobMatch(pattern.substr(1), text.substr(1));
  return pattern[0] == text[0] && GlobMatch(pattern.substr(1), text.substr(1));
}

Result<std::vector<ListedFile>> ListFiles(const std::string& location, const std::string& extension) {
  std::string loc = location;
  constexpr std::string_view kFileScheme = "file://";
  if (loc.rfind(kFileScheme, 0) == 0) loc = loc.substr(kFileScheme.size());
  std::vector<ListedFile> files;
  std::error_code ec;
  if (HasGlob(loc)) {
    // Walk from the longest directory prefix without glob characters.
    size_t first_glob = loc.find_first_of("*?[");
    size_t slash = loc.rfind('/', first_glob);
    fs::path base = slash == std::string::npos ? fs::path(".") : fs::path(loc.substr(0, slash + 1));
    std::string pattern = loc;
    if (slash == std::string::npos) pattern = "./" + loc;
    if (!fs::is_directory(base, ec)) return Status::NotFound("no files match " + location);
    for (auto it = fs::recursive_directory_iterator(base, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      std::string p = it->path().string();
      if (slash == std::string::npos && p.rfind("./", 0) != 0) p = "./" + p;
      if (!GlobMatch(pattern, p)) continue;
      ASSIGN_OR_RAISE(auto file, Describe(it->path(), base));
      files.push_back(std::move(file));
    }
    if (ec) return Status::IOError("cannot list " + base.string() + ": " + ec.message());
    if (files.empty()) return Status::NotFound("no files match " + location);
  } else if (fs::is_directory(loc, ec)) {
    for (auto it = fs::recursive_directory_iterator(loc, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (Hidden(name)) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file(ec)) continue;
      if (!extension.empty() && !EndsWith(name, extension)) continue;
      ASSIGN_OR_RAISE(auto file, Describe(it->path(), loc));
      files.push_back(std::move(file));
    }
    if (ec) return Status::IOError("cannot list " + loc + ": " + ec.message());
  } else if (fs::is_regular_file(loc, ec)) {
    ASSIGN_OR_RAISE(auto file, Describe(loc, fs::path(loc).parent_path()));
    file.partition_values.clear();
    files.push_back(std::move(file));
  } else {
    return Status::NotFound("file or directory " + location + " does not exist");
  }
  std::sort(files.begin(), files.end(), [](const ListedFile& a, const ListedFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace ballista::catalog
