#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "csv_test_util.h"

namespace ballista::formats::csv {
namespace {

const std::string kLineitem =
    std::string(BALLISTA_SHARED_DIR) + "/testdata/tpch/sf0.01-dbgen/lineitem.tbl";

arrow::SchemaPtr LineitemSchema() {
  using arrow::MakeField;
  return arrow::MakeSchema(
      {MakeField("l_orderkey", arrow::Int64()), MakeField("l_partkey", arrow::Int64()),
       MakeField("l_suppkey", arrow::Int64()), MakeField("l_linenumber", arrow::Int32()),
       MakeField("l_quantity", arrow::Decimal128(15, 2)),
       MakeField("l_extendedprice", arrow::Decimal128(15, 2)),
       MakeField("l_discount", arrow::Decimal128(15, 2)),
       MakeField("l_tax", arrow::Decimal128(15, 2)), MakeField("l_returnflag", arrow::Utf8()),
       MakeField("l_linestatus", arrow::Utf8()), MakeField("l_shipdate", arrow::Date32()),
       MakeField("l_commitdate", arrow::Date32()), MakeField("l_receiptdate", arrow::Date32()),
       MakeField("l_shipinstruct", arrow::Utf8()), MakeField("l_shipmode", arrow::Utf8()),
       MakeField("l_comment", arrow::Utf8())});
}

CsvReadOptions LineitemOptions() {
  CsvReadOptions options;
  options.delimiter = '|';
  options.has_header = false;
  options.allow_trailing_delimiter = true;
  options.schema = LineitemSchema();
  return options;
}

/// Row count and sum of l_quantity in cents, computed with a plain line split.
std::pair<int64_t, int64_t> IndependentTotals() {
  std::ifstream in(kLineitem);
  std::string line;
  int64_t rows = 0;
  int64_t cents = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::stringstream fields(line);
    std::string field;
    for (int i = 0; i < 5; ++i) std::getline(fields, field, '|');
    cents += std::llround(std::stod(field) * 100);
    ++rows;
  }
  return {rows, cents};
}

/// Adds rows and l_quantity cents (column `column`) of batches.
void Accumulate(const std::vector<arrow::RecordBatchPtr>& batches, int column, int64_t* rows,
                int64_t* cents) {
  for (const auto& batch : batches) {
    const auto& data = *batch->column_data(column);
    EXPECT_EQ(data.GetNullCount(), 0);
    const uint8_t* bytes = data.buffers[1]->data() + data.offset * 16;
    for (int64_t i = 0; i < batch->num_rows(); ++i) {
      int64_t low;
      std::memcpy(&low, bytes + i * 16, sizeof(low));  // small positive values: low word
      *cents += low;
    }
    *rows += batch->num_rows();
  }
}

TEST(CsvTpchTest, LineitemRowCountAndQuantitySum) {
  if (!std::ifstream(kLineitem).good()) GTEST_SKIP() << "missing " << kLineitem;
  auto [expected_rows, expected_cents] = IndependentTotals();
  ASSERT_EQ(expected_rows, 60175);
  auto batches = ReadCsvFile(kLineitem, LineitemOptions());
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  int64_t rows = 0;
  int64_t cents = 0;
  Accumulate(*batches, 4, &rows, &cents);
  EXPECT_EQ(rows, 60175);
  EXPECT_EQ(cents, expected_cents);
  EXPECT_EQ(testing::Rows({(*batches)[0]->Slice(0, 1)})[0],
            "1|1552|93|1|17.00|24710.35|0.04|0.02|N|O|1996-03-13|1996-02-12|1996-03-22|"
            "DELIVER IN PERSON|TRUCK|egular courts above the");
}

TEST(CsvTpchTest, LineitemByRangesWithProjection) {
  if (!std::ifstream(kLineitem).good()) GTEST_SKIP() << "missing " << kLineitem;
  auto [expected_rows, expected_cents] = IndependentTotals();
  CsvReadOptions options = LineitemOptions();
  options.include_columns = {"l_quantity", "l_shipdate"};
  auto ranges = SplitFile(kLineitem, 512 * 1024, options);
  ASSERT_TRUE(ranges.ok());
  EXPECT_GT(ranges->size(), 10u);
  int64_t rows = 0;
  int64_t cents = 0;
  for (const ByteRange& range : *ranges) {
    auto reader = CsvReader::OpenRange(kLineitem, range, options);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ((*reader)->schema()->num_fields(), 2);
    auto batches = (*reader)->ReadAll();
    ASSERT_TRUE(batches.ok()) << batches.status().ToString();
    Accumulate(*batches, 0, &rows, &cents);
  }
  EXPECT_EQ(rows, expected_rows);
  EXPECT_EQ(cents, expected_cents);
}

}  // namespace
}  // namespace ballista::formats::csv
