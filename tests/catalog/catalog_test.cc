#include <gtest/gtest.h>

#include "ballista/arrow/array_from_json.h"
#include "ballista/arrow/compare.h"
#include "ballista/catalog/catalog.h"
#include "ballista/catalog/memory_table.h"

namespace ballista::catalog {
namespace a = ballista::arrow;
namespace {

std::shared_ptr<MemoryTable> MakeTable(int batches, int rows_per_batch) {
  auto schema = a::MakeSchema({a::MakeField("id", a::Int64()), a::MakeField("name", a::Utf8())});
  std::vector<a::RecordBatchPtr> list;
  for (int b = 0; b < batches; ++b) {
    std::string json = "[";
    for (int r = 0; r < rows_per_batch; ++r) {
      int id = b * rows_per_batch + r;
      json += (r ? ", " : "") + std::string("{\"id\": ") + std::to_string(id) + ", \"name\": \"n" +
              std::to_string(id) + "\"}";
    }
    json += "]";
    list.push_back(a::RecordBatchFromJson(schema, json).ValueOrDie());
  }
  return MemoryTable::Make(schema, list).ValueOrDie();
}

int64_t CountRows(const std::vector<ScanUnitPtr>& units) {
  int64_t rows = 0;
  for (const auto& unit : units) {
    auto reader = unit->Open().ValueOrDie();
    auto batches = reader->ReadAll().ValueOrDie();
    for (const auto& batch : batches) rows += batch->num_rows();
  }
  return rows;
}

TEST(CatalogListTest, ResolvesDefaultAndQualifiedNames) {
  CatalogList catalogs;
  ASSERT_TRUE(catalogs.RegisterTable({"", "", "lineitem"}, MakeTable(1, 3), false).ok());
  EXPECT_TRUE(catalogs.ResolveTable({"", "", "lineitem"}).ok());
  EXPECT_TRUE(catalogs.ResolveTable({"", "public", "lineitem"}).ok());
  EXPECT_TRUE(catalogs.ResolveTable({"ballista", "public", "LINEITEM"}).ok());
  auto missing = catalogs.ResolveTable({"", "", "lineitm"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(),
            "table \"lineitm\" not found; did you mean \"lineitem\"?");
  auto far = catalogs.ResolveTable({"", "", "orders"});
  EXPECT_EQ(far.status().message(), "table \"orders\" not found");
  auto bad_schema = catalogs.ResolveTable({"", "nope", "lineitem"});
  EXPECT_EQ(bad_schema.status().message(), "schema \"ballista.nope\" not found");
}

TEST(CatalogListTest, RegisterTwiceNeedsReplace) {
  CatalogList catalogs;
  ASSERT_TRUE(catalogs.RegisterTable({"", "", "t"}, MakeTable(1, 1), false).ok());
  auto again = catalogs.RegisterTable({"", "", "t"}, MakeTable(1, 2), false);
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  ASSERT_TRUE(catalogs.RegisterTable({"", "", "t"}, MakeTable(1, 2), true).ok());
  ASSERT_TRUE(catalogs.DeregisterTable({"", "", "t"}).ok());
  EXPECT_EQ(catalogs.DeregisterTable({"", "", "t"}).code(), StatusCode::kNotFound);
}

TEST(InformationSchemaTest, ListsTablesAndColumns) {
  CatalogList catalogs;
  ASSERT_TRUE(catalogs.RegisterTable({"", "", "t"}, MakeTable(1, 2), false).ok());
  auto tables = catalogs.ResolveTable({"", "information_schema", "tables"}).ValueOrDie();
  auto units = tables.provider->PlanScan({}).ValueOrDie();
  // t plus the four system tables.
  EXPECT_EQ(CountRows(units), 5);
  auto columns = catalogs.ResolveTable({"", "information_schema", "columns"}).ValueOrDie();
  auto batch = columns.provider->PlanScan({}).ValueOrDie()[0]->Open().ValueOrDie()->Next();
  ASSERT_TRUE(batch.ok());
  auto rows = batch.ValueOrDie();
  ASSERT_EQ(rows->num_rows(), 2);
  auto expected = a::RecordBatchFromJson(
      rows->schema(),
      R"([{"table_catalog": "ballista", "table_schema": "public", "table_name": "t",
           "column_name": "id", "ordinal_position": 1, "data_type": "BIGINT", "is_nullable": "YES"},
          {"table_catalog": "ballista", "table_schema": "public", "table_name": "t",
           "column_name": "name", "ordinal_position": 2, "data_type": "VARCHAR", "is_nullable": "YES"}])");
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();
  EXPECT_TRUE(a::RecordBatchEquals(*expected.ValueOrDie(), *rows));
  auto unknown = catalogs.ResolveTable({"", "information_schema", "tabels"});
  EXPECT_EQ(unknown.status().message(),
            "table \"information_schema.tabels\" not found; did you mean \"tables\"?");
}

TEST(MemoryTableTest, SplitsProjectsAndLimits) {
  auto table = MakeTable(5, 4);
  ScanRequest request;
  request.target_partitions = 2;
  auto units = table->PlanScan(request).ValueOrDie();
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(CountRows(units), 20);

  request.target_partitions = 16;  // never more units than batches
  EXPECT_EQ(table->PlanScan(request).ValueOrDie().size(), 5u);

  ScanRequest projected;
  projected.projection = std::vector<int>{1};
  projected.limit = 3;
  auto unit = table->PlanScan(projected).ValueOrDie()[0];
  auto batches = unit->Open().ValueOrDie()->ReadAll().ValueOrDie();
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0]->num_rows(), 3);
  EXPECT_EQ(batches[0]->num_columns(), 1);
  EXPECT_EQ(batches[0]->column_name(0), "name");

  ScanRequest out_of_range;
  out_of_range.projection = std::vector<int>{2};
  EXPECT_EQ(table->PlanScan(out_of_range).status().code(), StatusCode::kInvalidArgument);
}

TEST(MemoryTableTest, InsertChecksTypesAndUpdatesStatistics) {
  auto table = MakeTable(1, 2);
  EXPECT_EQ(table->Statistics().num_rows, 2);
  auto more = MakeTable(1, 3)->batches();
  ASSERT_TRUE(table->Insert(more).ok());
  EXPECT_EQ(table->Statistics().num_rows, 5);
  auto wrong_schema = a::MakeSchema({a::MakeField("id", a::Utf8()), a::MakeField("name", a::Utf8())});
  auto wrong = a::RecordBatchFromJson(wrong_schema, R"([{"id": "x", "name": "y"}])").ValueOrDie();
  auto status = table->Insert({wrong});
  EXPECT_EQ(status.code(), StatusCode::kTypeError);
  EXPECT_EQ(table->Statistics().num_rows, 5);
}

}  // namespace
}  // namespace ballista::catalog
