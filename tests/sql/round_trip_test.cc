#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ballista/sql/parser.h"
#include "ballista/sql/sql_printer.h"
#include "sql_test_util.h"
#include "tpch_queries.h"

namespace ballista::sql {
namespace {

// AST -> SQL -> AST must give an equal tree, printing that tree must give the same text, and a
// deep copy must equal the original.
void ExpectRoundTrip(std::string_view sql) {
  SCOPED_TRACE(std::string(sql));
  auto first = ParseStatement(sql);
  ASSERT_TRUE(first.ok()) << first.status();
  std::string printed = ToSql(**first);
  auto second = ParseStatement(printed);
  ASSERT_TRUE(second.ok()) << printed << "\n" << second.status();
  EXPECT_TRUE((*first)->Equals(**second)) << printed;
  EXPECT_EQ(ToSql(**second), printed);
  auto copy = (*first)->Clone();
  EXPECT_TRUE(copy->Equals(**first));
  EXPECT_EQ(ToSql(*copy), printed);
}

TEST(RoundTripTest, AllTpchQueries) {
  int number = 1;
  for (const char* query : testing::kTpchQueries) {
    SCOPED_TRACE("TPC-H Q" + std::to_string(number++));
    ExpectRoundTrip(query);
  }
}

TEST(RoundTripTest, TpchPrintsAsExpected) {
  // Spot-check the canonical text of two TPC-H queries in full.
  EXPECT_EQ(testing::StatementToSql(testing::kTpchQ6),
            "SELECT sum(l_extendedprice * l_discount) AS revenue FROM lineitem WHERE l_shipdate >= "
            "DATE '1994-01-01' AND l_shipdate < DATE '1994-01-01' + INTERVAL '1' YEAR AND "
            "l_discount BETWEEN 0.06 - 0.01 AND 0.06 + 0.01 AND l_quantity < 24");
  EXPECT_EQ(testing::StatementToSql(testing::kTpchQ13),
            "SELECT c_count, count(*) AS custdist FROM (SELECT c_custkey, count(o_orderkey) FROM "
            "customer LEFT JOIN orders ON c_custkey = o_custkey AND o_comment NOT LIKE "
            "'%special%requests%' GROUP BY c_custkey) AS c_orders (c_custkey, c_count) GROUP BY "
            "c_count ORDER BY custdist DESC, c_count DESC");
}

TEST(RoundTripTest, TpchQ15IsAWithQuery) {
  auto statement = testing::MustParse(testing::kTpchQ15);
  const Query& query = *statement->As<QueryStatement>().query;
  ASSERT_TRUE(query.with.has_value());
  EXPECT_EQ(query.with->ctes[0].name.value, "revenue0");
  EXPECT_EQ(query.with->ctes[0].columns.size(), 2u);
}

TEST(RoundTripTest, SeedAggregateQuery) {
  ExpectRoundTrip(
      "SELECT passenger_count, MIN(fare_amount), MAX(fare_amount), AVG(fare_amount), "
      "SUM(fare_amount) FROM tripdata GROUP BY passenger_count ORDER BY passenger_count");
}

TEST(RoundTripTest, ManyQueries) {
  const std::vector<std::string> queries = {
      // Select lists and identifiers
      "SELECT 1",
      "SELECT *, t.*, s.t.* EXCLUDE (a) FROM s.t",
      "SELECT * EXCEPT (a, b) FROM t",
      "SELECT \"My Col\", \"select\", \"a\"\"b\", \"UPPER\" FROM \"My Table\"",
      "SELECT year, date, value, name, key, type, time, timestamp, first, last FROM t",
      "SELECT a AS \"from\", b AS select, c \"Mixed Case\" FROM t",
      "SELECT DISTINCT a, b FROM t",
      "SELECT DISTINCT ON (a) a, b FROM t ORDER BY a, b DESC",
      "SELECT caf\xc3\xa9 FROM t",
      // Literals
      "SELECT 'it''s', E'tab\\there', E'nul\\x00', 'back\\slash', '', 1, 1.5, .5, 1e10, 2.5E-3, 7.",
      "SELECT TRUE, FALSE, NULL, -1, +2, ~3, - -4, -(-5)",
      "SELECT DATE '2024-01-01', TIME '12:00:00', TIMESTAMP '2024-01-01 00:00:00'",
      "SELECT TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00+00', TIME WITHOUT TIME ZONE '1:00'",
      "SELECT INTERVAL '1 day', INTERVAL '3' MONTH, INTERVAL '1-2' YEAR TO MONTH, INTERVAL 5 "
      "SECOND",
      "SELECT INTERVAL '1' DAY + INTERVAL -2 HOUR, INTERVAL (x + 1) MINUTE",
      "SELECT $1, $2, ?, ? FROM t WHERE a = $1",
      "SELECT [1, 2, 3], [], [[1], [2]], ARRAY['a'], arr[1], arr[i + 1][2]",
      "SELECT (1, 'a'), (a, b) IN ((1, 2), (3, 4))",
      // Operators
      "SELECT a + b * c - d / e % f, (a + b) * c, a - (b - c), a || b || c",
      "SELECT a & b | c ^ d, a << 2 >> 1, a ~ 'x', a ~* 'x', a !~ 'x', a !~* 'x'",
      "SELECT NOT a, NOT NOT a, NOT (a AND b), a AND (b OR c), (a OR b) AND c",
      "SELECT a = b, a <> b, a != b, a < b, a <= b, a > b, a >= b, a == b",
      "SELECT a = (b = c), (a = b) = c, a = NOT b, a + NOT b, -(NOT b), (NOT a) + 1",
      "SELECT a IS NULL, a IS NOT NULL, a IS TRUE, a IS NOT FALSE, a IS UNKNOWN, a IS NOT UNKNOWN",
      "SELECT a IS DISTINCT FROM b, a IS NOT DISTINCT FROM b + 1, (a IS NULL) IS NULL",
      "SELECT a LIKE 'x%', a NOT LIKE 'x' ESCAPE '!', a ILIKE 'y', a NOT ILIKE 'y'",
      "SELECT a SIMILAR TO 'z', a NOT SIMILAR TO 'z' ESCAPE '#', (a LIKE b) LIKE c",
      "SELECT a IN (1, 2), a NOT IN ('x'), a IN (SELECT b FROM t), a NOT IN (SELECT 1 UNION SELECT "
      "2)",
      "SELECT a BETWEEN 1 AND 2, a NOT BETWEEN b AND c + 1, a BETWEEN SYMMETRIC 2 AND 1",
      "SELECT a BETWEEN (b AND c) AND d, (a BETWEEN b AND c) AND d",
      "SELECT a = ANY (SELECT b FROM t), a > ALL (SELECT 1), a = SOME (SELECT 2), a = ANY (arr)",
      "SELECT EXISTS (SELECT 1), NOT EXISTS (SELECT * FROM t WHERE t.a = u.a), (SELECT max(a) FROM "
      "t) + 1",
      // Casts and special forms
      "SELECT CAST(a AS INT), TRY_CAST(b AS DECIMAL(10, 2)), c::VARCHAR, d::TIMESTAMP WITH TIME "
      "ZONE",
      "SELECT a::INT::TEXT, (-a)::INT, -a::INT, (a + b)::BIGINT, a[1]::INT, (a::INT[])[1]",
      "SELECT CAST(a AS DOUBLE PRECISION), CAST(b AS CHARACTER VARYING(3)), CAST(c AS INT "
      "UNSIGNED)",
      "SELECT CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END, CASE a WHEN 1 THEN 'x' END",
      "SELECT CASE WHEN a IS NULL THEN CASE b WHEN 1 THEN 2 END END",
      "SELECT EXTRACT(YEAR FROM d), EXTRACT(epoch FROM ts), EXTRACT('Weird Part' FROM ts)",
      "SELECT SUBSTRING(s FROM 1 FOR 2), SUBSTRING(s FROM 2), SUBSTRING(s FOR 3), substring(s, 1, "
      "2)",
      "SELECT POSITION('a' IN s), POSITION(a || b IN c), POSITION((a IN (1)) IN s)",
      "SELECT TRIM(s), TRIM(BOTH FROM s), TRIM(LEADING 'x' FROM s), TRIM(TRAILING FROM s), "
      "TRIM('y' FROM s)",
      "SELECT OVERLAY(s PLACING 'x' FROM 1), OVERLAY(s PLACING 'x' FROM 1 FOR 2)",
      "SELECT current_date, current_timestamp, current_time(), left(s, 2), right(s, 3)",
      "SELECT \"substring\"(a, 1), \"extract\"(a), \"cube\"(a), \"left\"(s, 1)",
      // Functions, aggregates, windows
      "SELECT count(*), count(DISTINCT a), count(ALL a), sum(a) FILTER (WHERE a > 0)",
      "SELECT array_agg(a ORDER BY b DESC NULLS FIRST, c), string_agg(DISTINCT s, ',' ORDER BY s)",
      "SELECT my_schema.my_func(1), \"Weird Fn\"(2), f()",
      "SELECT row_number() OVER (), rank() OVER (PARTITION BY a ORDER BY b), sum(x) OVER w",
      "SELECT sum(x) OVER (ORDER BY t ROWS BETWEEN 3 PRECEDING AND 1 FOLLOWING)",
      "SELECT sum(x) OVER (ORDER BY t RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND CURRENT ROW)",
      "SELECT sum(x) OVER (GROUPS UNBOUNDED PRECEDING EXCLUDE TIES), sum(y) OVER (w ROWS CURRENT "
      "ROW)",
      "SELECT sum(x) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE GROUP)",
      "SELECT sum(x) OVER (ROWS BETWEEN \"unbounded\" PRECEDING AND \"current\" FOLLOWING)",
      "SELECT count(*) FILTER (WHERE a) OVER (PARTITION BY b) FROM t",
      "SELECT a, rank() OVER w FROM t WINDOW w AS (PARTITION BY b), v AS (w ORDER BY c) QUALIFY "
      "rank() OVER w < 3",
      // FROM
      "SELECT * FROM a, b, c",
      "SELECT * FROM a JOIN b ON a.id = b.id LEFT JOIN c USING (id) RIGHT OUTER JOIN d ON TRUE",
      "SELECT * FROM a FULL JOIN b ON x CROSS JOIN c NATURAL JOIN d NATURAL FULL JOIN e",
      "SELECT * FROM a LEFT SEMI JOIN b ON x LEFT ANTI JOIN c ON y RIGHT SEMI JOIN d ON z",
      "SELECT * FROM a JOIN (b JOIN c ON x) ON y, (d CROSS JOIN e)",
      "SELECT * FROM ((a JOIN b ON x) JOIN c ON y)",
      "SELECT * FROM (SELECT 1) AS s, (SELECT 2) t (c), LATERAL (SELECT s.a) l",
      "SELECT * FROM read_csv('a.csv') AS t, read_parquet('b.parquet', 'c'), generate_series(1, "
      "10) g (n)",
      "SELECT * FROM 'data/file.parquet', 'x.csv' AS x (a, b)",
      "SELECT * FROM s.t AS x, \"Cat\".\"Schema\".\"Table\"",
      "SELECT * FROM ((SELECT 1) AS s JOIN t ON TRUE)",
      "SELECT * FROM ((SELECT 1) UNION (SELECT 2)) AS u",
      "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v (n, s)",
      "SELECT * FROM a CROSS JOIN LATERAL (SELECT * FROM b WHERE b.x = a.x) AS l",
      // Clauses
      "SELECT a, count(*) FROM t WHERE b > 0 GROUP BY a HAVING count(*) > 1 ORDER BY 2 DESC LIMIT "
      "5 OFFSET 10",
      "SELECT a FROM t GROUP BY ALL",
      "SELECT a, b FROM t GROUP BY ROLLUP (a, (b, c)), CUBE (a, b), GROUPING SETS ((a), (a, b), "
      "())",
      "SELECT a FROM t GROUP BY 1, 2, a + 1",
      "SELECT a FROM t ORDER BY a ASC NULLS LAST, b NULLS FIRST FETCH FIRST 10 ROWS ONLY",
      "SELECT a FROM t LIMIT $1 OFFSET $2",
      // Set operations and WITH
      "SELECT 1 UNION SELECT 2 UNION ALL SELECT 3 EXCEPT SELECT 4 INTERSECT SELECT 5",
      "SELECT 1 UNION (SELECT 2 UNION SELECT 3)",
      "(SELECT 1 UNION SELECT 2) INTERSECT ALL (SELECT 3 EXCEPT DISTINCT SELECT 4)",
      "(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u ORDER BY b LIMIT 1) ORDER "
      "BY 1",
      "((SELECT 1 LIMIT 1))",
      "VALUES (1), (2) UNION SELECT 3",
      "WITH a AS (SELECT 1), b (x, y) AS (SELECT 2, 3) SELECT * FROM a, b",
      "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT n FROM "
      "r",
      "WITH \"recursive\" AS (SELECT 1) SELECT * FROM \"recursive\"",
      "SELECT * FROM (WITH x AS (SELECT 1) SELECT * FROM x) AS y WHERE EXISTS (WITH z AS (SELECT "
      "2) SELECT * FROM z)",
      "SELECT ((SELECT 1) UNION SELECT 2), a IN ((SELECT 1) EXCEPT SELECT 2)",
      // Statements
      "CREATE EXTERNAL TABLE t (a INT NOT NULL, b VARCHAR(10), c DECIMAL(15, 2) NULL) STORED AS "
      "CSV "
      "WITH HEADER ROW LOCATION '/data/t.csv' OPTIONS ('delimiter' '|', 'has_header' 'true')",
      "CREATE EXTERNAL TABLE IF NOT EXISTS p STORED AS PARQUET PARTITIONED BY (year, month INT) "
      "LOCATION 's3://b/p/'",
      "CREATE OR REPLACE EXTERNAL TABLE j STORED AS 'json' LOCATION 'x' OPTIONS "
      "(format.compression gzip, n -1, f TRUE)",
      "CREATE TABLE t (a INT DEFAULT 1 + 2, b TIMESTAMP(3) WITH TIME ZONE, c DOUBLE PRECISION NOT "
      "NULL)",
      "CREATE TABLE t (a INT DEFAULT (1 = 1) NOT NULL)",
      "CREATE OR REPLACE TABLE t AS SELECT * FROM u WHERE x",
      "CREATE TABLE t (a INT) AS VALUES (1), (2)",
      "CREATE VIEW v AS SELECT 1",
      "CREATE OR REPLACE VIEW IF NOT EXISTS s.v (a, b) AS SELECT 1, 2",
      "DROP TABLE t",
      "DROP TABLE IF EXISTS s.t",
      "DROP VIEW IF EXISTS v",
      "INSERT INTO t VALUES (1, 'a'), (2, 'b')",
      "INSERT INTO t (a, b) SELECT x, y FROM u",
      "INSERT INTO t (SELECT 1 ORDER BY 1)",
      "INSERT INTO t WITH w AS (SELECT 1) SELECT * FROM w",
      "COPY t TO 'out.csv'",
      "COPY (SELECT * FROM t WHERE a > 1) TO 'out/' STORED AS PARQUET PARTITIONED BY (a, b) "
      "OPTIONS ('compression' 'zstd')",
      "EXPLAIN SELECT 1",
      "EXPLAIN ANALYZE SELECT 1",
      "EXPLAIN VERBOSE SELECT 1",
      "EXPLAIN ANALYZE VERBOSE SELECT 1",
      "EXPLAIN CREATE TABLE t AS SELECT 1",
      "SHOW TABLES",
      "SHOW COLUMNS FROM s.t",
      "SHOW FUNCTIONS",
      "SHOW FUNCTIONS LIKE '%date%'",
      "SHOW ALL",
      "SHOW datafusion.execution.target_partitions",
      "SHOW \"columns\"",
      "SET datafusion.execution.batch_size = 8192",
      "SET x = 'y'",
      "SET x TO TRUE",
      "SET a.b = -1",
      "DESCRIBE t",
      "DESCRIBE s.\"T\"",
      "PREPARE q (INT, VARCHAR, DECIMAL(10, 2)) AS SELECT * FROM t WHERE a = $1 AND b = $2",
      "PREPARE q AS INSERT INTO t VALUES ($1)",
      "EXECUTE q (1, 'a', 2.5)",
      "EXECUTE q",
      "DEALLOCATE q",
      "DEALLOCATE PREPARE q",
  };
  for (const auto& query : queries) ExpectRoundTrip(query);
}

TEST(RoundTripTest, CanonicalTextForTrickyCases) {
  // Wrong parenthesization in any of these would change the meaning on re-parse.
  EXPECT_EQ(testing::StatementToSql("SELECT -(-5), - - 5, -(a + b), -a::INT"),
            "SELECT - -5, - -5, -(a + b), -a::INT");
  EXPECT_EQ(testing::StatementToSql("SELECT (a = b) IS NULL, a = (b IS NULL)"),
            "SELECT a = b IS NULL, a = (b IS NULL)");
  EXPECT_EQ(testing::StatementToSql("SELECT sum(x) OVER (ROWS unbounded PRECEDING)"),
            "SELECT sum(x) OVER (ROWS UNBOUNDED PRECEDING)");
  EXPECT_EQ(testing::StatementToSql("SELECT sum(x) OVER (ROWS \"unbounded\" PRECEDING)"),
            "SELECT sum(x) OVER (ROWS \"unbounded\" PRECEDING)");
  EXPECT_EQ(testing::StatementToSql("SELECT E'line\\nbreak', 'plain'"),
            "SELECT E'line\\nbreak', 'plain'");
  EXPECT_EQ(testing::StatementToSql("WITH \"recursive\" AS (SELECT 1) SELECT 2"),
            "WITH \"recursive\" AS (SELECT 1) SELECT 2");
  EXPECT_EQ(testing::StatementToSql("SELECT a FROM t WHERE NOT (a IN (1)) AND NOT a IN (2)"),
            "SELECT a FROM t WHERE NOT a IN (1) AND NOT a IN (2)");
}

}  // namespace
}  // namespace ballista::sql
