#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ballista/common/result.h"

namespace ballista::catalog {

/// A data file of a table location.
struct ListedFile {
  std::string path;
  int64_t size = 0;
  int64_t mtime_ns = 0;
  /// Hive-style `key=value` directories between the location and the file, outermost first.
  std::vector<std::pair<std::string, std::string>> partition_values;
};

/// The files a table location names, sorted by path:
///   a file                      that file;
///   a directory                 every file below it (recursively) whose name ends with
///                               `extension` (any file when empty), skipping names that start
///                               with '.' or '_' (hidden files, _SUCCESS markers);
///   a glob                      `*` and `?` within one path segment, `**` across segments.
/// Directories named `key=value` along the way become partition values. NotFound naming the
/// location when nothing matches a file or glob path that does not exist.
Result<std::vector<ListedFile>> ListFiles(const std::string& location, const std::string& extension);

/// True when `text` matches the glob `pattern` (`*`, `?`, `**` as above).
bool GlobMatch(std::string_view pattern, std::string_view text);

}  // namespace ballista::catalog
