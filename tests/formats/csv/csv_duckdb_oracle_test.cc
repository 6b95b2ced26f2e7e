#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <optional>

#include "ballista/common/json.h"
#include "csv_test_util.h"

namespace ballista::formats::csv {
namespace {

/// Runs DuckDB (npm @duckdb/node-api) on `csv_path` with all columns as VARCHAR and returns its
/// rows as "v1|v2|..." (NULL for nulls), or nothing when node or the package is missing.
std::optional<std::vector<std::string>> DuckDbRows(const testing::TempDir& dir,
                                                   const std::string& csv_path) {
  std::string module = std::string(BALLISTA_SOURCE_DIR) + "/node_modules/@duckdb/node-api";
  std::string script = dir.Write(
      "oracle.cjs",
      "const { DuckDBInstance } = require('" + module +
          "');\n"
          "(async () => {\n"
          "  const inst = await DuckDBInstance.create(':memory:');\n"
          "  const con = await inst.connect();\n"
          "  const r = await con.runAndReadAll(`select * from read_csv('${process.argv[2]}', "
          "header=true, all_varchar=true)`);\n"
          "  const rows = r.getRows().map(row => row.map(v => v === null ? 'NULL' : "
          "String(v)).join('|'));\n"
          "  process.stdout.write(JSON.stringify(rows));\n"
          "})().catch(e => { console.error(e); process.exit(2); });\n");
  if (std::system("node --version > /dev/null 2>&1") != 0) return std::nullopt;
  FILE* pipe = popen(("node '" + script + "' '" + csv_path + "' 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string output;
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof(chunk), pipe)) > 0) output.append(chunk, n);
  if (pclose(pipe) != 0) return std::nullopt;
  auto parsed = json::Parse(output);
  if (!parsed.ok() || !parsed->IsArray()) return std::nullopt;
  std::vector<std::string> rows;
  for (const auto& value : parsed->array()) rows.push_back(value.AsString());
  return rows;
}

TEST(CsvDuckDbOracleTest, QuotedFieldsAgreeWithDuckDb) {
  testing::TempDir dir;
  // (DuckDB also reads a quoted "" as NULL; this reader keeps it as the empty string, the
  // RFC 4180 / PostgreSQL reading, so the oracle file has no quoted empty fields.)
  std::string text = "id,name,note\n";
  for (int i = 0; i < 300; ++i) {
    std::string id = std::to_string(i);
    switch (i % 5) {
      case 0:
        text += id + ",\"multi\nline, \"\"quoted\"\"\",y\n";
        break;
      case 1:
        text += id + ",,\n";
        break;
      case 2:
        text += id + ",\"a,b\",\"c\"\"d\"\n";
        break;
      case 3:
        text += id + ",plain text,\" lead and trail \"\n";
        break;
      case 4:
        text += id + ",\"x\ny\nz\",w\n";
        break;
    }
  }
  std::string path = dir.Write("oracle.csv", text);
  auto expected = DuckDbRows(dir, path);
  if (!expected) GTEST_SKIP() << "node with @duckdb/node-api is not available";
  CsvReadOptions options;
  options.schema = arrow::MakeSchema({arrow::MakeField("id", arrow::Utf8()),
                                      arrow::MakeField("name", arrow::Utf8()),
                                      arrow::MakeField("note", arrow::Utf8())});
  options.batch_size = 64;
  auto batches = ReadCsvFile(path, options);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  EXPECT_EQ(testing::Rows(*batches), *expected);
}

}  // namespace
}  // namespace ballista::formats::csv
