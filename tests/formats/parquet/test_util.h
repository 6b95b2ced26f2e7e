#pragma once

#include <stdlib.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/common/result.h"

namespace ballista::formats::parquet::testing {

/// A fresh directory under /tmp, removed with its contents on destruction.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/ballista_parquet_test_XXXXXX";
    const char* made = mkdtemp(pattern);
    path_ = made ? made : "/tmp";
  }
  ~TempDir() {
    if (path_ != "/tmp") std::system(("rm -rf '" + path_ + "'").c_str());
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string Path(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// Directory of the parquet-testing data files.
inline std::string DataDir() { return std::string(BALLISTA_SHARED_DIR) + "/testdata/parquet/data"; }
inline std::string BadDataDir() {
  return std::string(BALLISTA_SHARED_DIR) + "/testdata/parquet/bad_data";
}

/// Reads a whole file through ParquetFileReader, validating each batch; returns the row count.
Result<int64_t> ReadAllRows(const std::string& path, int64_t* footer_rows);

/// Runs `script` with node from the repository root (where @duckdb/node-api is installed) and
/// returns its stdout; an error when node is missing or fails.
Result<std::string> RunNode(const std::string& script);

}  // namespace ballista::formats::parquet::testing
