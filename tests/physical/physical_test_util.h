#pragma once

// Runs SQL through the real front end (parser, binder, optimizer) and this layer's planner and
// executor, and compares the rows with answers computed by DuckDB.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "ballista/arrow/array_from_json.h"
#include "ballista/arrow/scalar.h"
#include "ballista/catalog/catalog.h"
#include "ballista/catalog/memory_table.h"
#include "ballista/compute/registry.h"
#include "ballista/logical/binder.h"
#include "ballista/optimizer/optimizer.h"
#include "ballista/physical/physical_planner.h"
#include "ballista/sql/parser.h"

namespace ballista::physical::testing {

namespace a = ballista::arrow;

/// One column of a test table: name, type and its values as a JSON array.
struct TestColumn {
  std::string name;
  a::DataTypePtr type;
  std::string json;
};

/// Renders one value the way the expected answers are written: NULL, integers, strings as is,
/// booleans true/false, floating and decimal numbers as their text (compared numerically).
inline std::string CellText(const a::ArrayData& column, int64_t row) {
  auto scalar = a::ScalarFromArray(column, row);
  if (!scalar.ok()) return "<error>";
  if (scalar->is_null()) return "NULL";
  return scalar->ToString();
}

/// True when both texts are numbers within a relative or absolute 1e-6, or equal texts.
inline bool CellsMatch(const std::string& got, const std::string& want) {
  if (got == want) return true;
  char* end1 = nullptr;
  char* end2 = nullptr;
  const double x = std::strtod(got.c_str(), &end1);
  const double y = std::strtod(want.c_str(), &end2);
  if (got.empty() || want.empty() || *end1 != '\0' || *end2 != '\0') return false;
  // The absolute 1e-6 admits averages of decimals, which this engine rounds to 6 decimal places
  // (DuckDB returns doubles).
  return std::fabs(x - y) <= 1e-6 + 1e-6 * std::max(std::fabs(x), std::fabs(y));
}

inline std::vector<std::string> SplitCells(const std::string& row) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    size_t bar = row.find('|', start);
    cells.push_back(row.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return cells;
}

inline bool RowsMatch(const std::string& got, const std::string& want) {
  auto g = SplitCells(got);
  auto w = SplitCells(want);
  if (g.size() != w.size()) return false;
  for (size_t i = 0; i < g.size(); ++i) {
    if (!CellsMatch(g[i], w[i])) return false;
  }
  return true;
}

class SqlTest : public ::testing::Test {
 protected:
  SqlTest() : catalogs_(std::make_shared<catalog::CatalogList>()) {}

  /// Registers a memory table, split into batches of `rows_per_batch` rows (several scan units,
  /// so scans run on several tasks).
  void AddTable(const std::string& name, const std::vector<TestColumn>& columns,
                int64_t rows_per_batch = 3) {
    a::FieldVector fields;
    std::vector<a::ArrayDataPtr> arrays;
    for (const auto& c : columns) {
      fields.push_back(a::MakeField(c.name, c.type, true));
      auto arr = a::ArrayFromJson(c.type, c.json);
      ASSERT_TRUE(arr.ok()) << name << "." << c.name << ": " << arr.status().ToString();
      arrays.push_back(*arr);
    }
    auto schema = a::MakeSchema(fields);
    const int64_t rows = arrays.empty() ? 0 : arrays[0]->length;
    std::vector<a::RecordBatchPtr> batches;
    for (int64_t off = 0; off < rows; off += rows_per_batch) {
      const int64_t len = std::min(rows_per_batch, rows - off);
      std::vector<a::ArrayDataPtr> cols;
      for (const auto& arr : arrays) cols.push_back(arr->Slice(off, len));
      batches.push_back(std::make_shared<a::RecordBatch>(schema, len, cols));
    }
    auto table = catalog::MemoryTable::Make(schema, batches);
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    ASSERT_TRUE(catalogs_->RegisterTable({"", "", name}, *table, true).ok());
  }

  Result<std::shared_ptr<PhysicalPlan>> PlanSql(const std::string& sql, bool optimize = true) {
    ASSIGN_OR_RAISE(auto query, sql::ParseQuery(sql));
    logical::Binder binder(catalogs_.get(), &compute::FunctionRegistry::Default());
    ASSIGN_OR_RAISE(auto plan, binder.BindQuery(*query));
    // Without the optimizer only subquery decorrelation runs: the physical layer plans no
    // subquery expressions (they must have become joins).
    optimizer::Optimizer opt;
    std::set<std::string> skip;
    if (!optimize) {
      for (const auto& name : opt.PassNames()) {
        if (name != "decorrelate_subqueries") skip.insert(name);
      }
    }
    ASSIGN_OR_RAISE(auto optimized, opt.Optimize(plan, skip));
    plan = optimized.plan;
    return CreatePhysicalPlan(plan);
  }

  /// Rows as "v1|v2|...".
  Result<std::vector<std::string>> Run(const std::string& sql, int64_t batch_size = 1024,
                                       bool optimize = true, int partitions = 4) {
    ASSIGN_OR_RAISE(auto plan, PlanSql(sql, optimize));
    ExecuteOptions options;
    options.config.batch_size = batch_size;
    options.config.target_partitions = partitions;
    ASSIGN_OR_RAISE(auto batches, CollectPlan(*plan, options));
    std::vector<std::string> rows;
    for (const auto& b : batches) {
      for (int64_t r = 0; r < b->num_rows(); ++r) {
        std::string row;
        for (int c = 0; c < b->num_columns(); ++c) {
          if (c) row += "|";
          row += CellText(*b->column_data(c), r);
        }
        rows.push_back(std::move(row));
      }
    }
    return rows;
  }

  /// Checks `sql` against `expected` (DuckDB's answer) at several batch sizes, with and without
  /// the optimizer. `ordered`: the query has ORDER BY, so the order must match too.
  void Check(const std::string& sql, std::vector<std::string> expected, bool ordered = false) {
    for (int64_t batch_size : {1024, 7, 1}) {
      for (bool optimize : {true, false}) {
        auto got = Run(sql, batch_size, optimize);
        ASSERT_TRUE(got.ok()) << sql << "\n" << got.status().ToString();
        std::vector<std::string> rows = *got;
        std::vector<std::string> want = expected;
        if (!ordered) {
          std::sort(rows.begin(), rows.end());
          std::sort(want.begin(), want.end());
        }
        bool same = rows.size() == want.size();
        for (size_t i = 0; same && i < rows.size(); ++i) same = RowsMatch(rows[i], want[i]);
        if (!same) {
          std::string text;
          for (const auto& r : rows) text += "  " + r + "\n";
          std::string wtext;
          for (const auto& r : want) wtext += "  " + r + "\n";
          FAIL() << sql << "\n(batch_size " << batch_size << ", optimizer " << optimize
                 << ")\ngot:\n" << text << "want:\n" << wtext;
        }
      }
    }
  }

  std::shared_ptr<catalog::CatalogList> catalogs_;
};

}  // namespace ballista::physical::testing
