#pragma once
// TPC-H test helpers shared by the local and cluster tests: the table definitions over dbgen's
// .tbl files, DuckDB's answers on the same files (tests/sql/tpch_duckdb.mjs via node) and a row
// comparison with a numeric tolerance.
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../session/session_test_util.h"
#include "ballista/common/json.h"
#include "ballista/session/slt_runner.h"
#include "ballista/tpch/schema.h"
#include "tpch_queries.h"

namespace ballista::tpch_testing {


/// The dbgen SF 0.01 files of the shared test data.
inline std::string SharedTpchDir() { return std::string(BALLISTA_SHARED_DIR) + "/testdata/tpch/sf0.01-dbgen"; }


/// DuckDB's rendered rows per query, or an empty vector when node/DuckDB is unavailable.
inline std::vector<std::vector<std::string>> DuckDbTpchAnswers(const std::string& data_dir) {
  auto tmp = std::filesystem::temp_directory_path() / ("tpch_queries_" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream out(tmp);
    out << "[";
    bool first = true;
    for (const char* q : sql::testing::kTpchQueries) {
      std::string quoted;
      json::AppendQuoted(q, &quoted);
      out << (first ? "" : ",") << quoted;
      first = false;
    }
    out << "]";
  }
  std::string command = "cd " + std::string(BALLISTA_SOURCE_DIR) + " && node tests/sql/tpch_duckdb.mjs " +
                        data_dir + " " + tmp.string() + " 2>/dev/null";
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) output.append(buf, n);
    pclose(pipe);
  }
  std::filesystem::remove(tmp);
  std::vector<std::vector<std::string>> answers;
  auto parsed = json::Parse(output);
  if (!parsed.ok() || !parsed->IsArray()) return answers;
  for (const auto& query : parsed->array()) {
    std::vector<std::string> rows;
    for (const auto& row : query.array()) rows.push_back(row.AsString());
    answers.push_back(std::move(rows));
  }
  return answers;
}

inline std::vector<std::string> Tokens(const std::string& row) {
  std::istringstream in(row);
  std::vector<std::string> out;
  std::string t;
  while (in >> t) out.push_back(t);
  return out;
}

inline bool RowsMatch(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (size_t r = 0; r < a.size(); ++r) {
    auto x = Tokens(a[r]), y = Tokens(b[r]);
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i) {
      if (!::ballista::testing::CellEquals(x[i], y[i])) {
        // Values rendered to 12 significant digits may differ in the last one.
        char* ex = nullptr;
        char* ey = nullptr;
        double dx = std::strtod(x[i].c_str(), &ex), dy = std::strtod(y[i].c_str(), &ey);
        if (*ex || *ey || std::fabs(dx - dy) > 1e-6 * std::max(1.0, std::fabs(dy))) return false;
      }
    }
  }
  return true;
}


/// CREATE EXTERNAL TABLE statements for the 8 tables over `data_dir`/<table>.tbl.
inline std::vector<std::string> TpchTableDdl(const std::string& data_dir) {
  std::vector<std::string> out;
  for (tpch::Table table : tpch::kAllTables) {
    const std::string name(tpch::TableName(table));
    out.push_back("CREATE EXTERNAL TABLE " + name + " (" + tpch::TableColumnDefinitions(table) +
                  ") STORED AS CSV LOCATION '" + data_dir + "/" + name + ".tbl'");
  }
  return out;
}

/// Whether `rows` equal DuckDB's `expected`, allowing rows tied on ORDER BY keys in another order.
inline bool TpchAnswerMatches(const std::vector<std::string>& rows, const std::vector<std::string>& expected) {
  if (RowsMatch(rows, expected)) return true;
  return RowsMatch(session::SortRows(rows, "rowsort"), session::SortRows(expected, "rowsort"));
}

}  // namespace ballista::tpch_testing
