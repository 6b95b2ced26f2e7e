// Row-group and page pruning, file statistics and the metadata cache, over files our writer
// produces with known layouts (expected groups and pages derived from the data by hand).
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "ballista/arrow/array_from_json.h"
#include "ballista/formats/parquet/file_writer.h"
#include "ballista/formats/parquet/statistics.h"
#include "test_util.h"

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;

/// 10,000 rows in 5 row groups of 2,000 and pages of 500 rows:
///   id   int64   = row number (sorted)
///   cat  utf8    = "a".."e", one letter per row group
///   nul  int32   = null in row group 2, else id % 7
///   u    uint32  = 4,000,000,000 + id in row group 4, else id
///   price decimal(10,2) = id / 100 (id cents)
std::string WriteFile(const testing::TempDir& dir) {
  std::string id = "[", cat = "[", nul = "[", u = "[", price = "[";
  for (int i = 0; i < 10000; ++i) {
    std::string sep = i ? "," : "";
    int g = i / 2000;
    id += sep + std::to_string(i);
    cat += sep + "\"" + std::string(1, static_cast<char>('a' + g)) + "\"";
    nul += sep + (g == 2 ? std::string("null") : std::to_string(i % 7));
    u += sep + std::to_string(g == 4 ? 4000000000LL + i : i);
    price += sep + "\"" + std::to_string(i / 100) + "." + (i % 100 < 10 ? "0" : "") +
             std::to_string(i % 100) + "\"";
  }
  auto schema = a::MakeSchema({a::MakeField("id", a::Int64()), a::MakeField("cat", a::Utf8()),
                               a::MakeField("nul", a::Int32()), a::MakeField("u", a::UInt32()),
                               a::MakeField("price", a::Decimal128(10, 2))});
  std::vector<a::ArrayDataPtr> cols = {
      *a::ArrayFromJson(a::Int64(), id + "]"), *a::ArrayFromJson(a::Utf8(), cat + "]"),
      *a::ArrayFromJson(a::Int32(), nul + "]"), *a::ArrayFromJson(a::UInt32(), u + "]"),
      *a::ArrayFromJson(a::Decimal128(10, 2), price + "]")};
  auto batch = std::make_shared<a::RecordBatch>(schema, 10000, cols);
  ParquetWriteOptions options;
  options.row_group_size = 2000;
  options.data_page_max_values = 500;
  std::string path = dir.Path("pruning.parquet");
  EXPECT_TRUE(WriteParquetFile(path, {batch}, options).ok());
  return path;
}

ScanPredicate Where(std::vector<ColumnPredicate> conjuncts) {
  return ScanPredicate{std::move(conjuncts)};
}

TEST(ParquetPruning, RowGroupsFromStatistics) {
  testing::TempDir dir;
  auto reader = ParquetFileReader::Open(WriteFile(dir));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const auto& r = **reader;
  using Op = PredicateOp;
  auto I = [](int64_t v) { return a::Scalar::Int64(v); };
  EXPECT_EQ(PruneRowGroups(r, Where({{"id", Op::kEq, {I(4500)}}})), std::vector<int>({2}));
  EXPECT_EQ(PruneRowGroups(r, Where({{"id", Op::kLt, {I(2000)}}})), std::vector<int>({0}));
  EXPECT_EQ(PruneRowGroups(r, Where({{"id", Op::kGe, {I(9999)}}})), std::vector<int>({4}));
  EXPECT_EQ(PruneRowGroups(r, Where({{"id", Op::kIn, {I(1), I(9000)}}})), std::vector<int>({0, 4}));
  EXPECT_EQ(PruneRowGroups(r, Where({{"cat", Op::kEq, {a::Scalar::Utf8("c")}}})),
            std::vector<int>({2}));
  EXPECT_EQ(PruneRowGroups(r, Where({{"cat", Op::kGt, {a::Scalar::Utf8("d")}}})),
            std::vector<int>({4}));
  EXPECT_EQ(PruneRowGroups(r, Where({{"nul", Op::kIsNull, {}}})), std::vector<int>({2}));
  EXPECT_EQ(PruneRowGroups(r, Where({{"nul", Op::kIsNotNull, {}}})),
            std::vector<int>({0, 1, 3, 4}));
  // Unsigned order: only row group 4 holds values above 2^31.
  EXPECT_EQ(PruneRowGroups(r, Where({{"u", Op::kGt, {a::Scalar::UInt32(3000000000u)}}})),
            std::vector<int>({4}));
  // price >= 80.00 (an integer literal against decimal(10, 2)): ids from 8000, group 4.
  EXPECT_EQ(PruneRowGroups(r, Where({{"price", Op::kGe, {I(80)}}})), std::vector<int>({4}));
  EXPECT_EQ(PruneRowGroups(r, Where({{"id", Op::kEq, {a::Scalar::Null(a::Int64())}}})),
            std::vector<int>({}));
  EXPECT_EQ(PruneRowGroups(r, Where({{"missing", Op::kEq, {I(1)}}})).size(), 5u);
  // A conjunction: both must hold.
  EXPECT_EQ(PruneRowGroups(
                r, Where({{"id", Op::kGe, {I(3000)}}, {"cat", Op::kLe, {a::Scalar::Utf8("b")}}})),
            std::vector<int>({1}));
}

TEST(ParquetPruning, PagesFromThePageIndex) {
  testing::TempDir dir;
  auto reader = ParquetFileReader::Open(WriteFile(dir));
  ASSERT_TRUE(reader.ok());
  using Op = PredicateOp;
  // Row group 2 holds ids 4000..5999; 4600..4700 lies in its second page (rows 500..999).
  auto predicate =
      Where({{"id", Op::kGe, {a::Scalar::Int64(4600)}}, {"id", Op::kLe, {a::Scalar::Int64(4700)}}});
  EXPECT_EQ(SelectPageRows(**reader, 2, predicate), (std::vector<RowRange>{{500, 1000}}));
  EXPECT_EQ(PruneRowGroups(**reader, predicate), std::vector<int>({2}));
  auto batches = ReadPruned(**reader, predicate, {0});
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  ASSERT_EQ(batches->size(), 1u);
  ASSERT_EQ((*batches)[0]->num_rows(), 500);
  EXPECT_EQ((*batches)[0]->column_data(0)->GetValues<int64_t>(1)[0], 4500);
  EXPECT_EQ((*batches)[0]->column_data(0)->GetValues<int64_t>(1)[499], 4999);
  // ids 1400..2600 span pages 2-3 of group 0 and pages 0-1 of group 1.
  auto wide =
      Where({{"id", Op::kGt, {a::Scalar::Int64(1400)}}, {"id", Op::kLt, {a::Scalar::Int64(2600)}}});
  EXPECT_EQ(SelectPageRows(**reader, 0, wide), (std::vector<RowRange>{{1000, 2000}}));
  EXPECT_EQ(SelectPageRows(**reader, 1, wide), (std::vector<RowRange>{{0, 1000}}));
}

TEST(ParquetPruning, FileStatisticsForTheOptimizer) {
  testing::TempDir dir;
  auto reader = ParquetFileReader::Open(WriteFile(dir));
  ASSERT_TRUE(reader.ok());
  FileStatistics stats = ComputeFileStatistics(**reader);
  EXPECT_EQ(stats.num_rows, 10000);
  ASSERT_EQ(stats.columns.size(), 5u);
  EXPECT_EQ(stats.columns[0].min->As<int64_t>(), 0);
  EXPECT_EQ(stats.columns[0].max->As<int64_t>(), 9999);
  EXPECT_EQ(stats.columns[0].null_count, 0);
  EXPECT_EQ(stats.columns[1].min->As<std::string>(), "a");
  EXPECT_EQ(stats.columns[1].max->As<std::string>(), "e");
  // nul: 2,000 nulls (row group 2); values id % 7 elsewhere: 0..6.
  EXPECT_EQ(stats.columns[2].null_count, 2000);
  EXPECT_EQ(stats.columns[2].min->As<int64_t>(), 0);
  EXPECT_EQ(stats.columns[2].max->As<int64_t>(), 6);
  EXPECT_EQ(stats.columns[3].max->As<uint64_t>(), 4000009999u);
  EXPECT_EQ(stats.columns[4].max->As<__int128>(), 9999);  // 99.99 as unscaled cents
}

TEST(ParquetPruning, MetadataCacheKeysOnSizeAndMtime) {
  testing::TempDir dir;
  std::string path = WriteFile(dir);
  MetadataCache cache(2);
  auto first = cache.Open(path);
  ASSERT_TRUE(first.ok());
  auto second = cache.Open(path);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->get(), second->get());
  EXPECT_EQ(cache.hits(), 1);
  EXPECT_EQ(cache.misses(), 1);
  // A rewritten file (different size) is opened again.
  auto schema = a::MakeSchema({a::MakeField("x", a::Int32())});
  ASSERT_TRUE(WriteParquetFile(path, schema, {}).ok());
  auto third = cache.Open(path);
  ASSERT_TRUE(third.ok());
  EXPECT_NE(first->get(), third->get());
  EXPECT_EQ((*third)->num_rows(), 0);
  EXPECT_EQ(cache.misses(), 2);
  EXPECT_FALSE(cache.Open(dir.Path("none.parquet")).ok());
}

}  // namespace
}  // namespace ballista::formats::parquet
