#pragma once

// Helpers shared by the shuffle tests here and the Flight tests in tests/executor: a scratch
// directory, batches of several types with nulls built from a row formula, and rows as text.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ballista/arrow/array_from_json.h"
#include "ballista/arrow/pretty_print.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/type.h"

namespace ballista::dist::testing {

/// A fresh directory under /tmp, removed with its contents on destruction.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/ballista_shuffle_test_XXXXXX";
    const char* made = ::mkdtemp(pattern);
    EXPECT_NE(made, nullptr);
    if (made != nullptr) path_ = made;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// id int64 (not null), k int32, name utf8, score float64, flag bool, tags list<int32>.
inline arrow::SchemaPtr TestSchema() {
  return arrow::MakeSchema(
      {arrow::MakeField("id", arrow::Int64(), false), arrow::MakeField("k", arrow::Int32()),
       arrow::MakeField("name", arrow::Utf8()), arrow::MakeField("score", arrow::Float64()),
       arrow::MakeField("flag", arrow::Boolean()),
       arrow::MakeField("tags", arrow::List(arrow::Int32()))});
}

/// Row `id` of the formula, as a JSON array in TestSchema order.
inline std::string TestRowJson(int64_t id) {
  std::string k = id % 11 == 3 ? "null" : std::to_string((id * 7) % 13);
  std::string name =
      id % 5 == 0 ? "null"
                  : "\"n" + std::to_string(id % 17) + (id % 3 == 0 ? "_\xC3\xBCn" : "") + "\"";
  std::string score = id % 3 == 1 ? "null" : std::to_string(id) + ".25";
  std::string flag = id % 7 == 3 ? "null" : (id % 2 == 0 ? "true" : "false");
  std::string tags = "null";
  if (id % 6 != 5) {
    tags = "[";
    for (int64_t t = 0; t < id % 3; ++t) tags += (t ? "," : "") + std::to_string(id * 10 + t);
    tags += "]";
  }
  return "[" + std::to_string(id) + "," + k + "," + name + "," + score + "," + flag + "," + tags +
         "]";
}

/// Rows first_id .. first_id + rows - 1 of the formula.
inline arrow::RecordBatchPtr TestBatch(int64_t first_id, int64_t rows) {
  std::string json = "[";
  for (int64_t i = 0; i < rows; ++i) json += (i ? "," : "") + TestRowJson(first_id + i);
  json += "]";
  auto batch = arrow::RecordBatchFromJson(TestSchema(), json);
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  return batch.ok() ? *batch : nullptr;
}

using TextRow = std::vector<std::string>;

/// Every row as text (FormatValue; NULL as "NULL"), keyed by the int64 value of column
/// `id_column`; a repeated id fails the test.
inline std::map<int64_t, TextRow> RowsById(const std::vector<arrow::RecordBatchPtr>& batches,
                                           int id_column = 0) {
  std::map<int64_t, TextRow> rows;
  for (const auto& batch : batches) {
    const auto& ids = *batch->column_data(id_column);
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      TextRow row;
      for (int c = 0; c < batch->num_columns(); ++c) {
        const auto& column = *batch->column_data(c);
        row.push_back(column.IsNull(r) ? "NULL" : arrow::FormatValue(column, r));
      }
      int64_t id = ids.GetValues<int64_t>(1)[r];
      EXPECT_TRUE(rows.emplace(id, std::move(row)).second) << "row id " << id << " seen twice";
    }
  }
  return rows;
}

}  // namespace ballista::dist::testing
