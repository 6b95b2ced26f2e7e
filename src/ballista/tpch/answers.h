#pragma once

#include <string>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/common/result.h"

namespace ballista::tpch {

/// A query's expected result as text: the header's column names and the rows' cells, with the
/// padding spaces of the answer format trimmed.
struct ExpectedAnswer {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

/// Reads an answer file in the format of dbgen's answers/qN.out (and of the DuckDB answers that
/// bench/tpch/duckdb.mjs writes): a header line, then one line per row, cells separated by '|'
/// and padded with spaces. IOError naming the file when it cannot be read.
Result<ExpectedAnswer> ReadAnswerFile(const std::string& path);

/// Checks a result against `expected`, cell by cell: integers exactly; decimals and floats after
/// rounding to 2 decimals, within `tolerance`; dates and text as written (trailing spaces
/// ignored). Rows are compared in order; when that fails, the rows of both sides are sorted and
/// compared again, since rows tied on the ORDER BY keys may come in any order. The error names
/// the first differing row, column, value and expected value.
Status CheckAnswer(const std::vector<arrow::RecordBatchPtr>& batches, const ExpectedAnswer& expected,
                   double tolerance = 0.01);

}  // namespace ballista::tpch
