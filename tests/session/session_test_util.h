#pragma once

#include <cmath>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ballista/arrow/pretty_print.h"
#include "ballista/session/session_context.h"

namespace ballista::testing {

using Row = std::vector<std::optional<std::string>>;

/// The values of every row as text (FormatValue), NULL as nullopt.
inline std::vector<Row> RowsOf(const std::vector<arrow::RecordBatchPtr>& batches) {
  std::vector<Row> rows;
  for (const auto& b : batches) {
    for (int64_t r = 0; r < b->num_rows(); ++r) {
      Row row;
      for (int c = 0; c < b->num_columns(); ++c) {
        const auto& column = *b->column_data(c);
        if (column.IsNull(r)) {
          row.push_back(std::nullopt);
        } else {
          row.push_back(arrow::FormatValue(column, r));
        }
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

/// Equal as text, or as numbers within a relative 1e-9 (DuckDB prints 10.5 where a decimal
/// result prints 10.500000).
inline bool CellEquals(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (!a || !b) return !a && !b;
  if (*a == *b) return true;
  char* end_a = nullptr;
  char* end_b = nullptr;
  double x = std::strtod(a->c_str(), &end_a);
  double y = std::strtod(b->c_str(), &end_b);
  if (end_a == a->c_str() || end_b == b->c_str() || *end_a || *end_b) return false;
  return std::fabs(x - y) <= 1e-9 * std::max(1.0, std::max(std::fabs(x), std::fabs(y)));
}

inline std::string Show(const std::vector<Row>& rows) {
  std::string out;
  for (const auto& row : rows) {
    out += "(";
    for (size_t i = 0; i < row.size(); ++i) out += (i ? ", " : "") + (row[i] ? *row[i] : std::string("NULL"));
    out += ")\n";
  }
  return out;
}

/// Runs `sql` and compares with `expected` (rows in order).
inline void ExpectRows(session::SessionContext& ctx, const std::string& sql, const std::vector<Row>& expected) {
  auto batches = ctx.SqlCollect(sql);
  ASSERT_TRUE(batches.ok()) << sql << "\n" << batches.status().ToString();
  auto actual = RowsOf(*batches);
  bool same = actual.size() == expected.size();
  for (size_t r = 0; same && r < actual.size(); ++r) {
    same = actual[r].size() == expected[r].size();
    for (size_t c = 0; same && c < actual[r].size(); ++c) same = CellEquals(actual[r][c], expected[r][c]);
  }
  EXPECT_TRUE(same) << sql << "\nexpected:\n" << Show(expected) << "actual:\n" << Show(actual);
}

/// The number `metric=N` on the EXPLAIN ANALYZE metrics line of the first operator whose name
/// starts with `op` (for example "TableScan", "Sort", "HashAggregate"); -1, with a test
/// failure, when there is none.
inline int64_t ExplainAnalyzeMetric(session::SessionContext& ctx, const std::string& sql, const std::string& op,
                                    const std::string& metric) {
  auto batches = ctx.SqlCollect("EXPLAIN ANALYZE " + sql);
  EXPECT_TRUE(batches.ok()) << batches.status().ToString();
  if (!batches.ok()) return -1;
  auto rows = RowsOf(*batches);
  const std::string text = rows.empty() || !rows[0][1] ? "" : *rows[0][1];
  std::smatch match;
  if (!std::regex_search(text, match, std::regex("(^|\n)" + op + "[^\n]*\\b" + metric + "=([0-9]+)"))) {
    ADD_FAILURE() << "no " << metric << " for " << op << " in\n" << text;
    return -1;
  }
  return std::stoll(match[2].str());
}

}  // namespace ballista::testing
