#pragma once

#include <string>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/common/result.h"

namespace ballista::formats::parquet::testing {

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
