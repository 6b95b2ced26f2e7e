// `ballista-tpch gen --format parquet`: every table at SF 0.01, read back with the Parquet
// reader and printed in dbgen's .tbl layout, equals dbgen 2.14's own files
// (shared/testdata/tpch/sf0.01-dbgen) line for line; money is DECIMAL(15,2), dates DATE, and the
// pages are snappy-compressed.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "ballista/arrow/pretty_print.h"
#include "ballista/formats/parquet/file_reader.h"
#include "ballista/tpch/generate.h"

namespace ballista::tpch {
namespace {

namespace fs = std::filesystem;

const fs::path kReferenceDir = fs::path(BALLISTA_SHARED_DIR) / "testdata/tpch/sf0.01-dbgen";

class ParquetOutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "tpch_parquet_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }
  /// SF 0.01 as Parquet into the test's directory.
  GenerateOptions ParquetOptions() const {
    GenerateOptions options;
    options.scale_factor = 0.01;
    options.output_dir = dir_.string();
    options.format = FileFormat::kParquet;
    return options;
  }
  fs::path dir_;
};

/// The rows of `batches` in dbgen's .tbl layout: every value followed by '|'.
std::vector<std::string> TblLines(const std::vector<arrow::RecordBatchPtr>& batches) {
  std::vector<std::string> lines;
  for (const auto& batch : batches) {
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::string line;
      for (int c = 0; c < batch->num_columns(); ++c) {
        line += arrow::FormatValue(*batch->column_data(c), r, "NULL");
        line += '|';
      }
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

/// `line` with every decimal-looking cell in canonical form ("17" and "17.00" both become "17"),
/// as dbgen prints l_quantity without the fraction digits the DECIMAL(15,2) column has.
std::string Canonical(const std::string& line) {
  std::string out, cell;
  for (char ch : line) {
    if (ch != '|') {
      cell += ch;
      continue;
    }
    char* end = nullptr;
    const double value = std::strtod(cell.c_str(), &end);
    if (!cell.empty() && *end == '\0' && cell.find('.') != std::string::npos) {
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%.2f", value);
      cell = buf;
    } else if (!cell.empty() && *end == '\0') {
      cell += ".00";
    }
    out += cell + '|';
    cell.clear();
  }
  return out;
}

std::vector<std::string> FileLines(const fs::path& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

TEST_F(ParquetOutputTest, EveryTableEqualsDbgen) {
  GenerateOptions options = ParquetOptions();
  options.threads = 2;
  ASSERT_TRUE(GenerateTables(options).ok());
  for (Table table : kAllTables) {
    const std::string name(TableName(table));
    SCOPED_TRACE(name);
    auto batches = formats::parquet::ReadParquetFile((dir_ / (name + ".parquet")).string());
    ASSERT_TRUE(batches.ok()) << batches.status().ToString();
    std::vector<std::string> expected = FileLines(kReferenceDir / (name + ".tbl"));
    std::vector<std::string> actual = TblLines(*batches);
    ASSERT_EQ(actual.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      ASSERT_EQ(Canonical(actual[i]), Canonical(expected[i])) << "row " << i + 1;
    }
  }
}

TEST_F(ParquetOutputTest, TypesAndCompression) {
  GenerateOptions options = ParquetOptions();
  options.tables = {Table::kLineItem};
  ASSERT_TRUE(GenerateTables(options).ok());
  auto reader = formats::parquet::ParquetFileReader::Open((dir_ / "lineitem.parquet").string());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto batches = formats::parquet::ReadParquetFile((dir_ / "lineitem.parquet").string());
  ASSERT_TRUE(batches.ok());
  const arrow::Schema& schema = *(*batches)[0]->schema();
  EXPECT_EQ(schema.field(0)->type()->id(), arrow::TypeId::kInt64);                  // l_orderkey
  EXPECT_EQ(schema.field(5)->type()->id(), arrow::TypeId::kDecimal128);             // l_extendedprice
  EXPECT_EQ(schema.field(5)->type()->precision(), 15);
  EXPECT_EQ(schema.field(5)->type()->scale(), 2);
  EXPECT_EQ(schema.field(10)->type()->id(), arrow::TypeId::kDate32);                // l_shipdate
  EXPECT_EQ(schema.field(15)->type()->id(), arrow::TypeId::kUtf8);                  // l_comment
  constexpr int32_t kSnappy = 1;  // parquet.thrift CompressionCodec.SNAPPY
  for (const auto& row_group : (*reader)->metadata().row_groups) {
    for (const auto& column : row_group.columns) {
      ASSERT_TRUE(column.meta_data.has_value());
      EXPECT_EQ(column.meta_data->codec, kSnappy);
    }
  }
}

TEST_F(ParquetOutputTest, PartitionsTogetherHoldTheTable) {
  GenerateOptions options = ParquetOptions();
  options.partitions = 3;
  options.tables = {Table::kOrders};
  ASSERT_TRUE(GenerateTables(options).ok());
  std::vector<std::string> actual;
  for (int p = 1; p <= 3; ++p) {
    auto batches = formats::parquet::ReadParquetFile((dir_ / "orders" / ("orders." + std::to_string(p) + ".parquet")).string());
    ASSERT_TRUE(batches.ok()) << batches.status().ToString();
    for (std::string& line : TblLines(*batches)) actual.push_back(std::move(line));
  }
  std::vector<std::string> expected = FileLines(kReferenceDir / "orders.tbl");
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(Canonical(actual[i]), Canonical(expected[i])) << "row " << i + 1;
  }
}

}  // namespace
}  // namespace ballista::tpch
