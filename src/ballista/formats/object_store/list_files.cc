#include <algorithm>
#include <cctype>

#include "ballista/formats/object_store/object_store.h"

namespace ballista::formats::object_store {
namespace {

bool HasGlob(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string UrlDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

/// Matches one character class starting at pattern[p] == '['; advances p past ']'.
bool MatchClass(std::string_view pattern, size_t* p, char c, bool* ok) {
  size_t i = *p + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool matched = false;
  bool first = true;
  while (i < pattern.size() && (pattern[i] != ']' || first)) {
    first = false;
    char lo = pattern[i];
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      if (c >= lo && c <= pattern[i + 2]) matched = true;
      i += 3;
    } else {
      if (c == lo) matched = true;
      ++i;
    }
  }
  if (i >= pattern.size()) {
    *ok = false;  // unterminated: '[' is literal
    return false;
  }
  *ok = true;
  *p = i + 1;
  return matched != negate;
}

bool Match(std::string_view pat, size_t p, std::string_view s, size_t i, int depth) {
  if (depth > 256) return false;
  while (p < pat.size()) {
    if (pat.compare(p, 2, "**") == 0 && (p == 0 || pat[p - 1] == '/') &&
        (p + 2 == pat.size() || pat[p + 2] == '/')) {
      // `**` spans zero or more whole components.
      size_t rest = p + 2 == pat.size() ? p + 2 : p + 3;
      if (rest == pat.size()) return true;
      for (size_t j = i; j <= s.size(); ++j) {
        if ((j == i || s[j - 1] == '/') && Match(pat, rest, s, j, depth + 1)) return true;
      }
      return false;
    }
    char c = pat[p];
    if (c == '*') {
      for (size_t j = i; j <= s.size(); ++j) {
        if (Match(pat, p + 1, s, j, depth + 1)) return true;
        if (j < s.size() && s[j] == '/') break;
      }
      return false;
    }
    if (i >= s.size()) return false;
    if (c == '?') {
      if (s[i] == '/') return false;
      ++p;
      ++i;
      continue;
    }
    if (c == '[') {
      bool ok;
      size_t q = p;
      bool matched = MatchClass(pat, &q, s[i], &ok);
      if (ok) {
        if (!matched || s[i] == '/') return false;
        p = q;
        ++i;
        continue;
      }
    }
    if (c != s[i]) return false;
    ++p;
    ++i;
  }
  return i == s.size();
}

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (suffix.size() > s.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) !=
        std::tolower(static_cast<unsigned char>(suffix[i]))) {
      return false;
    }
  }
  return true;
}

/// Partition values of `file` below `root` (a directory without trailing '/').
void AddPartitions(const std::string& root, FileInfo* file) {
  std::string_view rel = file->path;
  if (rel.compare(0, root.size(), root) == 0) rel.remove_prefix(root.size());
  while (!rel.empty() && rel[0] == '/') rel.remove_prefix(1);
  size_t slash = rel.rfind('/');
  file->partition_values = slash == std::string_view::npos
                               ? decltype(file->partition_values){}
                               : ParsePartitionValues(rel.substr(0, slash));
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ParsePartitionValues(
    std::string_view relative_dir) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t start = 0;
  while (start <= relative_dir.size()) {
    size_t end = relative_dir.find('/', start);
    if (end == std::string_view::npos) end = relative_dir.size();
    std::string_view part = relative_dir.substr(start, end - start);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && eq > 0) {
      out.emplace_back(UrlDecode(part.substr(0, eq)), UrlDecode(part.substr(eq + 1)));
    }
    start = end + 1;
  }
  return out;
}

bool GlobMatch(std::string_view pattern, std::string_view path) {
  return Match(pattern, 0, path, 0, 0);
}

Result<std::pair<std::shared_ptr<ObjectStore>, std::string>> ResolveStore(
    const std::string& url_or_path) {
  size_t scheme = url_or_path.find("://");
  if (scheme != std::string::npos) {
    std::string name = url_or_path.substr(0, scheme);
    if (name != "file") {
      return Status::Unsupported("object store scheme \"" + name + "://\" is not available");
    }
    return std::make_pair(
        std::static_pointer_cast<ObjectStore>(std::make_shared<LocalFileSystem>()),
        url_or_path.substr(scheme + 3));
  }
  return std::make_pair(std::static_pointer_cast<ObjectStore>(std::make_shared<LocalFileSystem>()),
                        url_or_path);
}

Result<std::vector<FileInfo>> ListFiles(const std::string& url_or_path,
                                        const std::string& extension) {
  ASSIGN_OR_RAISE(auto resolved, ResolveStore(url_or_path));
  auto& [store, path] = resolved;
  std::vector<FileInfo> out;
  std::string root;
  if (HasGlob(path)) {
    size_t first = path.find_first_of("*?[");
    size_t slash = path.rfind('/', first);
    root = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
    std::string pattern = slash == std::string::npos ? "./" + path : path;
    auto listed = store->List(root);
    if (!listed.ok()) {
      if (listed.status().code() == StatusCode::kNotFound) return out;
      return listed.status();
    }
    for (auto& f : *listed) {
      if (GlobMatch(pattern, f.path)) out.push_back(std::move(f));
    }
  } else {
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    ASSIGN_OR_RAISE(bool is_dir, store->IsDirectory(path));
    if (is_dir) {
      root = path;
      ASSIGN_OR_RAISE(out, store->List(path));
    } else {
      ASSIGN_OR_RAISE(FileInfo info, store->Head(path));
      out.push_back(std::move(info));
      return out;  // a single file: no partition directories below it
    }
  }
  if (!extension.empty()) {
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const FileInfo& f) { return !EndsWithNoCase(f.path, extension); }),
              out.end());
  }
  for (auto& f : out) AddPartitions(root, &f);
  std::sort(out.begin(), out.end(),
            [](const FileInfo& x, const FileInfo& y) { return x.path < y.path; });
  return out;
}

}  // namespace ballista::formats::object_store
