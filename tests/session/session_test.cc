// End-to-end SQL through SessionContext. Expected rows were computed by DuckDB (npm
// @duckdb/node-api) on the same statements.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "session_test_util.h"

namespace ballista::session {
namespace {

using testing::ExpectRows;
using std::nullopt;

class SessionSqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ctx_.Sql("CREATE TABLE t (id INTEGER, name VARCHAR, score DECIMAL(10,2), grp VARCHAR)").ok());
    auto inserted = ctx_.SqlCollect(
        "INSERT INTO t VALUES (1, 'ann', 10.50, 'a'), (2, 'bob', NULL, 'a'), (3, 'cy', 7.25, 'b'), "
        "(4, NULL, 3.00, 'b'), (5, 'eve', 9.99, NULL)");
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
  }
  SessionContext ctx_;
};

TEST_F(SessionSqlTest, GroupByWithNulls) {
  ExpectRows(ctx_, "SELECT grp, count(*), count(score), sum(score), avg(score) FROM t GROUP BY grp ORDER BY grp NULLS LAST",
             {{"a", "2", "1", "10.50", "10.5"}, {"b", "2", "2", "10.25", "5.125"}, {nullopt, "1", "1", "9.99", "9.99"}});
}

TEST_F(SessionSqlTest, FilterProjectAndStringFunctions) {
  ExpectRows(ctx_, "SELECT id, name FROM t WHERE score > 5 ORDER BY id", {{"1", "ann"}, {"3", "cy"}, {"5", "eve"}});
  ExpectRows(ctx_, "SELECT upper(name) AS u, length(name) AS l FROM t ORDER BY id",
             {{"ANN", "3"}, {"BOB", "3"}, {"CY", "2"}, {nullopt, nullopt}, {"EVE", "3"}});
  ExpectRows(ctx_, "SELECT count(*) FROM t WHERE name LIKE '%e%'", {{"1"}});
}

TEST_F(SessionSqlTest, InAndNotInSubqueries) {
  ExpectRows(ctx_, "SELECT id FROM t WHERE id IN (SELECT id FROM t WHERE grp = 'b') ORDER BY id", {{"3"}, {"4"}});
  ExpectRows(ctx_, "SELECT id FROM t WHERE id NOT IN (SELECT id FROM t WHERE grp = 'b') ORDER BY id",
             {{"1"}, {"2"}, {"5"}});
}

TEST_F(SessionSqlTest, SelfJoinWithResidualCondition) {
  ExpectRows(ctx_, "SELECT t1.id, t2.id FROM t t1 JOIN t t2 ON t1.grp = t2.grp AND t1.id < t2.id ORDER BY 1, 2",
             {{"1", "2"}, {"3", "4"}});
}

TEST_F(SessionSqlTest, WindowRunningSum) {
  ExpectRows(ctx_, "SELECT id, sum(score) OVER (PARTITION BY grp ORDER BY id) AS running FROM t ORDER BY id",
             {{"1", "10.50"}, {"2", "10.50"}, {"3", "7.25"}, {"4", "10.25"}, {"5", "9.99"}});
}

TEST_F(SessionSqlTest, ValuesRollupDistinctCaseAndTopK) {
  ExpectRows(ctx_, "SELECT * FROM (VALUES (1, 'x'), (2, 'y')) AS v(a, b) ORDER BY a DESC", {{"2", "y"}, {"1", "x"}});
  ExpectRows(ctx_, "SELECT grp, sum(score) FROM t GROUP BY ROLLUP (grp) ORDER BY grp NULLS LAST",
             {{"a", "10.50"}, {"b", "10.25"}, {nullopt, "9.99"}, {nullopt, "30.74"}});
  ExpectRows(ctx_, "SELECT DISTINCT grp FROM t ORDER BY grp", {{"a"}, {"b"}, {nullopt}});
  ExpectRows(ctx_,
             "SELECT id, CASE WHEN score IS NULL THEN 'none' WHEN score > 8 THEN 'high' ELSE 'low' END FROM t ORDER BY id",
             {{"1", "high"}, {"2", "none"}, {"3", "low"}, {"4", "low"}, {"5", "high"}});
  ExpectRows(ctx_, "SELECT id FROM t ORDER BY score DESC NULLS FIRST, id LIMIT 3", {{"2"}, {"1"}, {"5"}});
}

TEST_F(SessionSqlTest, ErrorsNameTheProblem) {
  auto missing = ctx_.Sql("SELECT nme FROM t");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("column \"nme\" not found; did you mean \"name\"?"), std::string::npos)
      << missing.status().message();
  auto syntax = ctx_.Sql("SELEC 1");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.status().code(), StatusCode::kSyntaxError);
}

TEST_F(SessionSqlTest, SettingsAndShow) {
  ASSERT_TRUE(ctx_.Sql("SET execution.batch_size = 2").ok());
  EXPECT_EQ(ctx_.config().exec.batch_size, 2);
  ExpectRows(ctx_, "SELECT count(*) FROM t", {{"5"}});
  auto bad = ctx_.Sql("SET execution.batch_sise = 2");
  ASSERT_FALSE(bad.ok());
  ExpectRows(ctx_, "SHOW execution.batch_size", {{"execution.batch_size", "2"}});
}

TEST_F(SessionSqlTest, ViewsAndCreateTableAs) {
  ASSERT_TRUE(ctx_.Sql("CREATE VIEW v AS SELECT id, score FROM t WHERE grp = 'a'").ok());
  ExpectRows(ctx_, "SELECT count(*) FROM v", {{"2"}});
  ASSERT_TRUE(ctx_.Sql("CREATE TABLE c AS SELECT grp, count(*) AS n FROM t GROUP BY grp").ok());
  ExpectRows(ctx_, "SELECT n FROM c WHERE grp = 'b'", {{"2"}});
  ASSERT_TRUE(ctx_.Sql("DROP VIEW v").ok());
  EXPECT_FALSE(ctx_.Sql("SELECT * FROM v").ok());
}

TEST_F(SessionSqlTest, DataFrameApi) {
  auto df = ctx_.Table("t");
  ASSERT_TRUE(df.ok()) << df.status().ToString();
  auto filtered = df->Filter("score > 5");
  ASSERT_TRUE(filtered.ok()) << filtered.status().ToString();
  auto aggregated = filtered->Aggregate({"grp"}, {"count(*) AS n"});
  ASSERT_TRUE(aggregated.ok()) << aggregated.status().ToString();
  auto sorted = aggregated->Sort({"grp NULLS LAST"});
  ASSERT_TRUE(sorted.ok());
  auto batches = sorted->Collect();
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  auto rows = testing::RowsOf(*batches);
  // DuckDB: SELECT grp, count(*) FROM t WHERE score > 5 GROUP BY grp ORDER BY grp NULLS LAST
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(*rows[0][0], "a");
  EXPECT_EQ(*rows[0][1], "1");
  EXPECT_EQ(*rows[1][1], "1");
  EXPECT_FALSE(rows[2][0].has_value());
  auto count = df->Count();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 5);
}

TEST(SessionFilesTest, CsvRoundTripThroughCopyAndExternalTable) {
  auto dir = std::filesystem::temp_directory_path() / ("ballista_session_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  SessionContext ctx;
  std::string csv = (dir / "data.csv").string();
  {
    std::ofstream out(csv);
    out << "k,v\n1,x\n2,y\n3,\n";
  }
  ASSERT_TRUE(ctx.Sql("CREATE EXTERNAL TABLE f STORED AS CSV LOCATION '" + csv + "' OPTIONS ('has_header' 'true')").ok());
  ExpectRows(ctx, "SELECT k, v FROM f ORDER BY k", {{"1", "x"}, {"2", "y"}, {"3", nullopt}});
  std::string parquet = (dir / "out.parquet").string();
  ExpectRows(ctx, "COPY (SELECT k * 10 AS k10, v FROM f) TO '" + parquet + "'", {{"3"}});
  ExpectRows(ctx, "SELECT sum(k10) FROM '" + parquet + "'", {{"60"}});
  ExpectRows(ctx, "SELECT count(*) FROM read_parquet('" + parquet + "')", {{"3"}});
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ballista::session

namespace ballista::session {
namespace {

TEST(SessionFilesTest, JsonAndParquetFramesRoundTrip) {
  auto dir = std::filesystem::temp_directory_path() / ("ballista_json_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string json = (dir / "rows.json").string();
  {
    std::ofstream out(json);
    out << "{\"a\": 1, \"b\": \"x\"}\n{\"a\": 2, \"b\": null}\n{\"a\": 3, \"b\": \"z\"}\n";
  }
  SessionContext ctx;
  auto frame = ctx.ReadJson(json);
  ASSERT_TRUE(frame.ok()) << frame.status().ToString();
  auto filtered = frame->Filter("a >= 2");
  ASSERT_TRUE(filtered.ok()) << filtered.status().ToString();
  std::string parquet = (dir / "rows.parquet").string();
  ASSERT_TRUE(filtered->WriteParquet(parquet).ok());
  ASSERT_TRUE(ctx.RegisterParquet("p", parquet).ok());
  // DuckDB: SELECT a, b FROM read_json('rows.json') WHERE a >= 2 ORDER BY a -> (2, NULL), (3, 'z')
  ExpectRows(ctx, "SELECT a, b FROM p ORDER BY a", {{"2", nullopt}, {"3", "z"}});
  std::string out_json = (dir / "out.json").string();
  auto p = ctx.Table("p");
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->WriteJson(out_json).ok());
  ASSERT_TRUE(ctx.RegisterJson("j", out_json).ok());
  ExpectRows(ctx, "SELECT count(*), sum(a) FROM j", {{"2", "5"}});
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ballista::session

namespace ballista::session {
namespace {

TEST(SessionFilesTest, CopyPartitionedByWritesHiveDirectoriesThatReadBack) {
  auto dir = std::filesystem::temp_directory_path() / ("ballista_part_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  SessionContext ctx;
  ASSERT_TRUE(ctx.Sql("CREATE TABLE s (region VARCHAR, year INTEGER, amount INTEGER)").ok());
  ASSERT_TRUE(ctx.SqlCollect("INSERT INTO s VALUES ('eu', 2023, 1), ('eu', 2024, 2), ('us', 2024, 3), "
                             "('us', 2024, 4), (NULL, 2024, 5)").ok());
  ExpectRows(ctx, "COPY (SELECT * FROM s) TO '" + dir.string() + "' STORED AS PARQUET PARTITIONED BY (region, year)",
             {{"5"}});
  EXPECT_TRUE(std::filesystem::exists(dir / "region=eu" / "year=2023" / "part-0.parquet"));
  EXPECT_TRUE(std::filesystem::exists(dir / "region=us" / "year=2024" / "part-0.parquet"));
  EXPECT_TRUE(std::filesystem::exists(dir / "region=__HIVE_DEFAULT_PARTITION__" / "year=2024" / "part-0.parquet"));
  ASSERT_TRUE(ctx.Sql("CREATE EXTERNAL TABLE p (amount INTEGER, region VARCHAR, year INTEGER) STORED AS PARQUET "
                      "PARTITIONED BY (region, year) LOCATION '" + dir.string() + "'").ok());
  // DuckDB: SELECT region, year, sum(amount) FROM s GROUP BY ALL ORDER BY ALL NULLS LAST
  ExpectRows(ctx, "SELECT region, year, sum(amount) FROM p GROUP BY region, year ORDER BY region NULLS LAST, year",
             {{"eu", "2023", "1"}, {"eu", "2024", "2"}, {"us", "2024", "7"}, {nullopt, "2024", "5"}});
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ballista::session
