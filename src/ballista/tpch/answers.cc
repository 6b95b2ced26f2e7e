#include "ballista/tpch/answers.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "ballista/arrow/pretty_print.h"

namespace ballista::tpch {
namespace {

std::string Trim(std::string_view s) {
  size_t begin = 0, end = s.size();
  while (begin < end && (s[begin] == ' ' || s[begin] == '\t' || s[begin] == '\r')) ++begin;
  while (end > begin && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r')) --end;
  return std::string(s.substr(begin, end - begin));
}

std::vector<std::string> SplitCells(const std::string& line) {
  std::vector<std::string> cells;
  size_t pos = 0;
  for (;;) {
    size_t bar = line.find('|', pos);
    cells.push_back(Trim(std::string_view(line).substr(pos, bar == std::string::npos ? std::string::npos : bar - pos)));
    if (bar == std::string::npos) break;
    pos = bar + 1;
  }
  return cells;
}

/// How a result column's cells compare.
enum class CellKind { kInteger, kRounded, kText };

CellKind KindOf(const arrow::DataType& type) {
  switch (type.id()) {
    case arrow::TypeId::kInt8:
    case arrow::TypeId::kInt16:
    case arrow::TypeId::kInt32:
    case arrow::TypeId::kInt64:
    case arrow::TypeId::kUInt8:
    case arrow::TypeId::kUInt16:
    case arrow::TypeId::kUInt32:
    case arrow::TypeId::kUInt64:
      return CellKind::kInteger;
    case arrow::TypeId::kFloat16:
    case arrow::TypeId::kFloat32:
    case arrow::TypeId::kFloat64:
    case arrow::TypeId::kDecimal32:
    case arrow::TypeId::kDecimal64:
    case arrow::TypeId::kDecimal128:
    case arrow::TypeId::kDecimal256:
      return CellKind::kRounded;
    default:
      return CellKind::kText;
  }
}

bool ParseNumber(const std::string& text, double* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(text.c_str(), &end);
  return *end == '\0';
}

using Rows = std::vector<std::vector<std::string>>;

std::string SortKeyCell(const std::string& cell, CellKind kind) {
  double v = 0;
  if (kind != CellKind::kText && ParseNumber(cell, &v)) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%024.2f", std::round(v * 100) / 100);
    return buf;
  }
  return Trim(cell);
}

/// Empty when `actual` matches `expected`, else what differs.
std::string CompareCell(const std::string& actual, const std::string& expected, CellKind kind, double tolerance) {
  if (kind == CellKind::kText) {
    if (Trim(actual) == expected) return "";
    return "\"" + actual + "\", expected \"" + expected + "\"";
  }
  double a = 0, e = 0;
  if (!ParseNumber(actual, &a) || !ParseNumber(expected, &e)) {
    if (actual == expected) return "";
    return "\"" + actual + "\", expected \"" + expected + "\"";
  }
  if (kind == CellKind::kInteger) {
    if (a == e) return "";
  } else if (std::fabs(std::round(a * 100) / 100 - e) <= tolerance + 1e-9 * std::max(1.0, std::fabs(e))) {
    return "";
  }
  return actual + ", expected " + expected;
}

/// `rows` ordered by their cells, numbers rounded to 2 decimals (so both sides of a comparison
/// order alike).
Rows SortedRows(const Rows& rows, const std::vector<CellKind>& kinds) {
  std::vector<std::pair<std::string, size_t>> keys;
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string key;
    for (size_t c = 0; c < kinds.size() && c < rows[r].size(); ++c) {
      key += SortKeyCell(rows[r][c], kinds[c]);
      key += '\x1f';
    }
    keys.emplace_back(std::move(key), r);
  }
  std::sort(keys.begin(), keys.end());
  Rows sorted;
  for (const auto& [key, r] : keys) sorted.push_back(rows[r]);
  return sorted;
}

/// Empty when the rows match pairwise, else the first difference.
std::string CompareRows(const Rows& actual, const Rows& expected, const std::vector<CellKind>& kinds,
                        const std::vector<std::string>& names, double tolerance) {
  for (size_t r = 0; r < actual.size(); ++r) {
    if (actual[r].size() != expected[r].size()) {
      return "row " + std::to_string(r + 1) + " has " + std::to_string(actual[r].size()) +
             " cells, expected " + std::to_string(expected[r].size());
    }
    for (size_t c = 0; c < kinds.size(); ++c) {
      std::string diff = CompareCell(actual[r][c], expected[r][c], kinds[c], tolerance);
      if (!diff.empty()) {
        return "row " + std::to_string(r + 1) + ", column " + std::to_string(c + 1) + " (" + names[c] + "): " + diff;
      }
    }
  }
  return "";
}

}  // namespace

Result<ExpectedAnswer> ReadAnswerFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IOError(path + ": cannot open the answer file");
  ExpectedAnswer answer;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (header) {
      answer.columns = SplitCells(line);
      header = false;
      continue;
    }
    if (Trim(line).empty()) continue;
    answer.rows.push_back(SplitCells(line));
  }
  if (header) return Status::InvalidData(path + ": empty answer file (no header line)");
  return answer;
}

Status CheckAnswer(const std::vector<arrow::RecordBatchPtr>& batches, const ExpectedAnswer& expected,
                   double tolerance) {
  Rows rows;
  std::vector<CellKind> kinds;
  std::vector<std::string> names;
  for (const arrow::RecordBatchPtr& batch : batches) {
    if (kinds.empty()) {
      for (const auto& field : batch->schema()->fields()) {
        kinds.push_back(KindOf(*field->type()));
        names.push_back(field->name());
      }
    }
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::vector<std::string> row;
      for (int c = 0; c < batch->num_columns(); ++c) {
        row.push_back(arrow::FormatValue(*batch->column_data(c), r, "NULL"));
      }
      rows.push_back(std::move(row));
    }
  }
  if (rows.size() != expected.rows.size()) {
    return Status::InvalidData("got " + std::to_string(rows.size()) + " rows, expected " +
                               std::to_string(expected.rows.size()));
  }
  if (rows.empty()) return Status::OK();
  if (kinds.size() != expected.columns.size()) {
    return Status::InvalidData("got " + std::to_string(kinds.size()) + " columns, expected " +
                               std::to_string(expected.columns.size()));
  }
  std::string in_order = CompareRows(rows, expected.rows, kinds, names, tolerance);
  if (in_order.empty()) return Status::OK();
  // Rows tied on the ORDER BY keys may come in another order: compare sorted copies.
  if (CompareRows(SortedRows(rows, kinds), SortedRows(expected.rows, kinds), kinds, names, tolerance).empty()) {
    return Status::OK();
  }
  return Status::InvalidData(in_order);
}

}  // namespace ballista::tpch
