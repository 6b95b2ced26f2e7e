#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ballista/common/result.h"

namespace ballista::formats::object_store {

/// One listed file. `partition_values` holds the hive-style `key=value` directories between the
/// listing root and the file, outermost first, values URL-decoded (`%2F` -> `/`).
struct FileInfo {
  std::string path;
  int64_t size = 0;
  int64_t mtime_ns = 0;  // modification time, nanoseconds since the epoch
  std::vector<std::pair<std::string, std::string>> partition_values;
  bool operator==(const FileInfo&) const = default;
};

/// A store of immutable files addressed by path. Implementations are thread-safe: every method
/// may be called concurrently.
class ObjectStore {
 public:
  virtual ~ObjectStore() = default;
  /// Size and modification time of one file; NotFound when it does not exist.
  virtual Result<FileInfo> Head(const std::string& path) const = 0;
  /// Every file under directory `prefix`, recursively, sorted by path. Names starting with '.'
  /// or '_' (hidden files, `_SUCCESS` markers, `.crc` files) are skipped at every level.
  /// NotFound when `prefix` does not exist.
  virtual Result<std::vector<FileInfo>> List(const std::string& prefix) const = 0;
  /// Reads `length` bytes at `offset` (fewer only at end of file) into `out`.
  virtual Result<int64_t> ReadRange(const std::string& path, int64_t offset, int64_t length,
                                    uint8_t* out) const = 0;
  /// Whether `path` names a directory (a prefix with objects under it).
  virtual Result<bool> IsDirectory(const std::string& path) const = 0;
};

/// The local filesystem. Paths are plain paths or `file://` URLs.
class LocalFileSystem final : public ObjectStore {
 public:
  Result<FileInfo> Head(const std::string& path) const override;
  Result<std::vector<FileInfo>> List(const std::string& prefix) const override;
  Result<int64_t> ReadRange(const std::string& path, int64_t offset, int64_t length,
                            uint8_t* out) const override;
  Result<bool> IsDirectory(const std::string& path) const override;
};

/// The store for a URL or path and the path inside it: `file:///data/x` and `/data/x` give the
/// local filesystem and `/data/x`. Other schemes (s3://, gs://, ...) are Unsupported naming the
/// scheme.
Result<std::pair<std::shared_ptr<ObjectStore>, std::string>> ResolveStore(
    const std::string& url_or_path);

/// Whether `path` matches the glob `pattern`: `*` matches within one path component, `**` (a
/// whole component) any number of components, `?` one character other than '/', `[abc]` /
/// `[a-z]` / `[!a]` a character class. Pure function.
bool GlobMatch(std::string_view pattern, std::string_view path);

/// Lists the files of a table location: a single file, a directory (recursively), or a glob
/// (`data/*.parquet`, `data/**/part-*.csv`), keeping names that end with `extension` (empty:
/// all; compared case-insensitively). Partition values are the `key=value` directories below the
/// listing root (the directory itself, or the glob's fixed leading directories). Sorted by path.
/// NotFound when a plain path does not exist; a glob matching nothing gives an empty list.
Result<std::vector<FileInfo>> ListFiles(const std::string& url_or_path,
                                        const std::string& extension = "");

/// The `key=value` components of `relative_dir` (a '/'-separated path), URL-decoded.
std::vector<std::pair<std::string, std::string>> ParsePartitionValues(
    std::string_view relative_dir);

}  // namespace ballista::formats::object_store
