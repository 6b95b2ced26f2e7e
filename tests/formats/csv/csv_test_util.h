#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "ballista/arrow/array_from_json.h"
#include "ballista/arrow/compare.h"
#include "ballista/arrow/pretty_print.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/validate.h"
#include "ballista/formats/csv/csv_reader.h"

namespace ballista::formats::csv::testing {

/// A scratch directory removed when the test ends.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/ballista_csv_test_XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string Write(const std::string& name, const std::string& contents) const {
    std::string path = path_ + "/" + name;
    std::ofstream out(path, std::ios::binary);
    out << contents;
    return path;
  }
  std::string Path(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

/// Every row of `batches` as "v1|v2|..." with NULL for nulls, after validating each batch.
inline std::vector<std::string> Rows(const std::vector<arrow::RecordBatchPtr>& batches) {
  std::vector<std::string> rows;
  for (const auto& batch : batches) {
    EXPECT_TRUE(arrow::ValidateRecordBatch(*batch, true).ok());
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::string row;
      for (int c = 0; c < batch->num_columns(); ++c) {
        if (c > 0) row += "|";
        row += arrow::FormatValue(*batch->column_data(c), r, "NULL");
      }
      rows.push_back(row);
    }
  }
  return rows;
}

/// Reads `text` fully, failing the test on error.
inline std::vector<arrow::RecordBatchPtr> ReadText(const std::string& text,
                                                   const CsvReadOptions& options = {}) {
  auto result = ReadCsvBuffer(text, options, "t.csv");
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? *result : std::vector<arrow::RecordBatchPtr>{};
}

/// The error message of reading `text`, or "" when it reads fine.
inline std::string ReadError(const std::string& text, const CsvReadOptions& options = {}) {
  auto result = ReadCsvBuffer(text, options, "t.csv");
  return result.ok() ? "" : result.status().message();
}

/// Checks a column of a single-batch read against JSON values.
inline void ExpectColumn(const arrow::RecordBatch& batch, int column,
                         const arrow::DataTypePtr& type, const std::string& json) {
  auto expected = arrow::ArrayFromJson(type, json);
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();
  EXPECT_EQ(arrow::DiffArrayData(**expected, *batch.column_data(column)), "")
      << "column " << column;
}

}  // namespace ballista::formats::csv::testing
