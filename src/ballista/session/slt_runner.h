#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/common/result.h"

namespace ballista::session {

/// One record of a sqllogictest file (DataFusion/DuckDB dialect).
struct SltRecord {
  enum class Kind { kStatementOk, kStatementError, kQuery, kQueryError } kind = Kind::kStatementOk;
  std::string sql;
  std::string file;
  int line = 0;                   ///< line of the record's first line
  std::string types;              ///< query: one letter per column (I, T, R, B, D, P, ?)
  std::string sort_mode;          ///< "", "rowsort", "valuesort"
  std::string error_pattern;      ///< statement error / query error: a regex the message must match
  std::vector<std::string> expected;  ///< query: result lines as written
  bool has_expected = false;      ///< a ---- line was present
  /// `onlyif LABEL` / `skipif LABEL` lines before the record: (true = onlyif, label).
  std::vector<std::pair<bool, std::string>> conditions;
};

/// Reads a .slt file, expanding `include` lines (relative to the including file).
Result<std::vector<SltRecord>> ParseSltFile(const std::string& path);

/// The engine under test: runs one SQL statement and returns its batches (empty for
/// statements without rows) or an error.
using SltEngine = std::function<Result<std::vector<arrow::RecordBatchPtr>>(const std::string& sql)>;

/// Renders result values as the files write them: NULL, (empty) for '', true/false, integers
/// as is, R columns rounded to 12 significant digits without trailing zeros, timestamps with a
/// space between date and time. One line per row, values separated by one space.
std::vector<std::string> RenderRows(const std::vector<arrow::RecordBatchPtr>& batches,
                                    const std::string& types);

/// Applies a sort mode to rendered lines.
std::vector<std::string> SortRows(std::vector<std::string> rows, const std::string& sort_mode);

struct SltResult {
  int records = 0;
  int queries = 0;
  int failures = 0;
  int skipped = 0;  ///< records whose onlyif/skipif conditions excluded this engine
};

/// Labels of the in-process engine, as `onlyif` / `skipif` name it.
inline const std::vector<std::string>& LocalEngineLabels() {
  static const std::vector<std::string> labels{"ballista", "local"};
  return labels;
}

/// Runs records in order; prints each failure (file:line, SQL, expected vs actual) to `log`.
/// A record with `onlyif L` runs only when `labels` has L; with `skipif L` only when it has not.
SltResult RunSltRecords(const std::vector<SltRecord>& records, const SltEngine& engine, std::ostream& log,
                        const std::vector<std::string>& labels = LocalEngineLabels());

/// Rewrites `path` with the expected results of every query record replaced by `results[i]`
/// (the i-th query record's rendered lines).
Status WriteCompletedSlt(const std::string& path, const std::vector<std::vector<std::string>>& results);

}  // namespace ballista::session
