#include <gtest/gtest.h>

#include "ballista/sql/parser.h"
#include "ballista/sql/sql_printer.h"
#include "sql_test_util.h"

namespace ballista::sql {
namespace {

using testing::MustParse;
using testing::StatementToSql;

TEST(ParserStatementTest, CreateExternalTable) {
  auto statement = MustParse(
      "CREATE EXTERNAL TABLE IF NOT EXISTS lineitem (\n"
      "  l_orderkey BIGINT NOT NULL,\n"
      "  l_extendedprice DECIMAL(15, 2),\n"
      "  l_comment VARCHAR(44),\n"
      "  l_ts TIMESTAMP WITH TIME ZONE NULL,\n"
      "  l_flag BOOLEAN DEFAULT false\n"
      ") STORED AS parquet PARTITIONED BY (year, month INT) LOCATION 's3://bucket/lineitem/' "
      "OPTIONS ('has_header' 'true', format.delimiter '|', 'n' 5)");
  ASSERT_EQ(statement->kind, StatementKind::kCreateTable);
  const auto& create = statement->As<CreateTableStatement>();
  EXPECT_TRUE(create.external);
  EXPECT_TRUE(create.if_not_exists);
  EXPECT_FALSE(create.or_replace);
  EXPECT_EQ(create.name[0].value, "lineitem");
  ASSERT_EQ(create.columns.size(), 5u);
  EXPECT_EQ(create.columns[0].type.name, "BIGINT");
  EXPECT_EQ(create.columns[0].nullability, Nullability::kNotNull);
  EXPECT_EQ(create.columns[1].type.params, (std::vector<std::string>{"15", "2"}));
  EXPECT_EQ(create.columns[2].type.params, (std::vector<std::string>{"44"}));
  EXPECT_EQ(create.columns[3].type.time_zone, TimeZoneSpec::kWith);
  EXPECT_EQ(create.columns[3].nullability, Nullability::kNull);
  ASSERT_NE(create.columns[4].default_value, nullptr);
  EXPECT_EQ(create.columns[4].pos.line, 6);
  EXPECT_EQ(create.stored_as, "PARQUET");
  ASSERT_EQ(create.partitioned_by.size(), 2u);
  EXPECT_FALSE(create.partitioned_by[0].type.has_value());
  EXPECT_EQ(create.partitioned_by[1].type->name, "INT");
  EXPECT_EQ(create.location, "s3://bucket/lineitem/");
  ASSERT_EQ(create.options.size(), 3u);
  EXPECT_EQ(create.options[0].key, "has_header");
  EXPECT_EQ(create.options[1].key, "format.delimiter");
  EXPECT_EQ(ToSql(*create.options[2].value), "5");
  EXPECT_EQ(
      ToSql(*statement),
      "CREATE EXTERNAL TABLE IF NOT EXISTS lineitem (l_orderkey BIGINT NOT NULL, "
      "l_extendedprice DECIMAL(15, 2), l_comment VARCHAR(44), l_ts TIMESTAMP WITH TIME ZONE "
      "NULL, l_flag BOOLEAN DEFAULT FALSE) STORED AS PARQUET PARTITIONED BY (year, month INT) "
      "LOCATION 's3://bucket/lineitem/' OPTIONS ('has_header' 'true', 'format.delimiter' '|', "
      "'n' 5)");
}

TEST(ParserStatementTest, CreateExternalTableClausesInAnyOrder) {
  EXPECT_EQ(
      StatementToSql("CREATE EXTERNAL TABLE t LOCATION 'x.csv' WITH HEADER ROW STORED AS CSV"),
      "CREATE EXTERNAL TABLE t STORED AS CSV WITH HEADER ROW LOCATION 'x.csv'");
  EXPECT_EQ(StatementToSql("CREATE EXTERNAL TABLE t STORED AS 'csv' LOCATION 'x'"),
            "CREATE EXTERNAL TABLE t STORED AS 'csv' LOCATION 'x'");
}

TEST(ParserStatementTest, CreateTableAndView) {
  auto as_query = MustParse("CREATE OR REPLACE TABLE t AS SELECT a, b FROM u");
  const auto& create = as_query->As<CreateTableStatement>();
  EXPECT_TRUE(create.or_replace);
  EXPECT_FALSE(create.external);
  ASSERT_NE(create.as_query, nullptr);
  EXPECT_EQ(ToSql(*as_query), "CREATE OR REPLACE TABLE t AS SELECT a, b FROM u");
  EXPECT_EQ(StatementToSql("create table t (a int, b varchar default 'x' not null)"),
            "CREATE TABLE t (a INT, b VARCHAR NOT NULL DEFAULT 'x')");
  EXPECT_EQ(StatementToSql("CREATE TABLE s.t (a INT) AS VALUES (1)"),
            "CREATE TABLE s.t (a INT) AS VALUES (1)");

  auto view = MustParse("CREATE OR REPLACE VIEW v (x, y) AS SELECT 1, 2");
  const auto& create_view = view->As<CreateViewStatement>();
  EXPECT_TRUE(create_view.or_replace);
  EXPECT_EQ(create_view.columns.size(), 2u);
  EXPECT_EQ(ToSql(*view), "CREATE OR REPLACE VIEW v (x, y) AS SELECT 1, 2");
  EXPECT_EQ(StatementToSql("CREATE VIEW IF NOT EXISTS v AS SELECT 1"),
            "CREATE VIEW IF NOT EXISTS v AS SELECT 1");
}

TEST(ParserStatementTest, Drop) {
  auto drop = MustParse("DROP TABLE IF EXISTS s.t");
  const auto& d = drop->As<DropStatement>();
  EXPECT_EQ(d.object_kind, ObjectKind::kTable);
  EXPECT_TRUE(d.if_exists);
  EXPECT_EQ(d.name.size(), 2u);
  EXPECT_EQ(ToSql(*drop), "DROP TABLE IF EXISTS s.t");
  EXPECT_EQ(StatementToSql("drop view v"), "DROP VIEW v");
}

TEST(ParserStatementTest, Insert) {
  auto insert = MustParse("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')");
  const auto& i = insert->As<InsertStatement>();
  EXPECT_EQ(i.table[0].value, "t");
  EXPECT_EQ(i.columns.size(), 2u);
  EXPECT_EQ(i.source->body->kind, SetExprKind::kValues);
  EXPECT_EQ(ToSql(*insert), "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')");
  EXPECT_EQ(StatementToSql("INSERT INTO t SELECT * FROM u WHERE x"),
            "INSERT INTO t SELECT * FROM u WHERE x");
  EXPECT_EQ(StatementToSql("INSERT INTO t (SELECT 1 LIMIT 1)"), "INSERT INTO t (SELECT 1 LIMIT 1)");
  EXPECT_EQ(StatementToSql("INSERT INTO t (a) (SELECT 1)"), "INSERT INTO t (a) SELECT 1");
}

TEST(ParserStatementTest, Copy) {
  auto copy = MustParse(
      "COPY (SELECT * FROM t) TO 'out/' STORED AS PARQUET PARTITIONED BY (year, month) "
      "OPTIONS (compression 'zstd(3)')");
  const auto& c = copy->As<CopyStatement>();
  ASSERT_NE(c.query, nullptr);
  EXPECT_TRUE(c.table.empty());
  EXPECT_EQ(c.target, "out/");
  EXPECT_EQ(c.stored_as, "PARQUET");
  EXPECT_EQ(c.partitioned_by.size(), 2u);
  EXPECT_EQ(c.options[0].key, "compression");
  EXPECT_EQ(ToSql(*copy),
            "COPY (SELECT * FROM t) TO 'out/' STORED AS PARQUET PARTITIONED BY (year, month) "
            "OPTIONS ('compression' 'zstd(3)')");
  EXPECT_EQ(StatementToSql("copy t to 'x.csv'"), "COPY t TO 'x.csv'");
}

TEST(ParserStatementTest, Explain) {
  auto explain = MustParse("EXPLAIN ANALYZE VERBOSE SELECT 1");
  const auto& e = explain->As<ExplainStatement>();
  EXPECT_TRUE(e.analyze);
  EXPECT_TRUE(e.verbose);
  EXPECT_EQ(e.statement->kind, StatementKind::kQuery);
  EXPECT_EQ(ToSql(*explain), "EXPLAIN ANALYZE VERBOSE SELECT 1");
  EXPECT_EQ(StatementToSql("explain select 1"), "EXPLAIN SELECT 1");
  EXPECT_EQ(StatementToSql("EXPLAIN VERBOSE INSERT INTO t VALUES (1)"),
            "EXPLAIN VERBOSE INSERT INTO t VALUES (1)");
}

TEST(ParserStatementTest, ShowSetDescribe) {
  EXPECT_EQ(MustParse("SHOW TABLES")->kind, StatementKind::kShowTables);
  auto columns = MustParse("SHOW COLUMNS FROM s.t");
  EXPECT_EQ(columns->As<ShowColumnsStatement>().table.size(), 2u);
  EXPECT_EQ(StatementToSql("show columns in t"), "SHOW COLUMNS FROM t");
  EXPECT_EQ(StatementToSql("SHOW FUNCTIONS"), "SHOW FUNCTIONS");
  EXPECT_EQ(StatementToSql("SHOW FUNCTIONS LIKE 'date%'"), "SHOW FUNCTIONS LIKE 'date%'");
  auto all = MustParse("SHOW ALL");
  EXPECT_TRUE(all->As<ShowVariableStatement>().name.empty());
  EXPECT_EQ(ToSql(*all), "SHOW ALL");
  auto var = MustParse("SHOW datafusion.execution.batch_size");
  EXPECT_EQ(var->As<ShowVariableStatement>().name.size(), 3u);
  EXPECT_EQ(ToSql(*var), "SHOW datafusion.execution.batch_size");
  EXPECT_EQ(StatementToSql("SHOW \"tables\""), "SHOW \"tables\"");

  auto set = MustParse("SET datafusion.execution.batch_size = 1024");
  const auto& s = set->As<SetVariableStatement>();
  EXPECT_EQ(s.name.size(), 3u);
  EXPECT_EQ(ToSql(*s.value), "1024");
  EXPECT_TRUE(set->Equals(*MustParse("SET datafusion.execution.batch_size TO 1024")));
  EXPECT_EQ(StatementToSql("set time_zone to 'UTC'"), "SET time_zone = 'UTC'");

  auto describe = MustParse("DESCRIBE lineitem");
  EXPECT_EQ(describe->As<DescribeStatement>().table[0].value, "lineitem");
  EXPECT_EQ(ToSql(*describe), "DESCRIBE lineitem");
}

TEST(ParserStatementTest, PrepareExecuteDeallocate) {
  auto prepare = MustParse("PREPARE q (INT, VARCHAR) AS SELECT * FROM t WHERE a = $1 AND b = $2");
  const auto& p = prepare->As<PrepareStatement>();
  EXPECT_EQ(p.name.value, "q");
  ASSERT_EQ(p.param_types.size(), 2u);
  EXPECT_EQ(p.param_types[1].name, "VARCHAR");
  EXPECT_EQ(ToSql(*prepare), "PREPARE q (INT, VARCHAR) AS SELECT * FROM t WHERE a = $1 AND b = $2");
  EXPECT_EQ(StatementToSql("PREPARE q AS SELECT ?"), "PREPARE q AS SELECT ?");

  auto execute = MustParse("EXECUTE q(1, 'x')");
  EXPECT_EQ(execute->As<ExecuteStatement>().args.size(), 2u);
  EXPECT_EQ(ToSql(*execute), "EXECUTE q(1, 'x')");
  EXPECT_EQ(StatementToSql("EXECUTE q"), "EXECUTE q");

  EXPECT_EQ(StatementToSql("DEALLOCATE q"), "DEALLOCATE q");
  EXPECT_EQ(StatementToSql("DEALLOCATE PREPARE q"), "DEALLOCATE q");
}

TEST(ParserStatementTest, MultipleStatements) {
  auto statements = ParseStatements(
      "CREATE TABLE t (a INT);\n"
      "INSERT INTO t VALUES (1);;\n"
      "SELECT * FROM t;");
  ASSERT_TRUE(statements.ok()) << statements.status();
  ASSERT_EQ(statements->size(), 3u);
  EXPECT_EQ((*statements)[0]->kind, StatementKind::kCreateTable);
  EXPECT_EQ((*statements)[1]->kind, StatementKind::kInsert);
  EXPECT_EQ((*statements)[2]->kind, StatementKind::kQuery);
  EXPECT_EQ((*statements)[2]->pos.line, 3);
  EXPECT_EQ((*statements)[1]->pos.line, 2);
  EXPECT_EQ((*statements)[1]->pos.column, 1);

  auto empty = ParseStatements("  -- nothing here\n ; ;");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());

  // ParseStatement takes exactly one statement, with optional trailing semicolons.
  EXPECT_TRUE(ParseStatement("SELECT 1;").ok());
  EXPECT_TRUE(ParseStatement("SELECT 1 ; ;").ok());
  EXPECT_FALSE(ParseStatement("SELECT 1; SELECT 2").ok());
}

TEST(ParserStatementTest, CloneAndEqualsStatements) {
  const char* sql =
      "CREATE EXTERNAL TABLE t (a INT DEFAULT 1) STORED AS CSV PARTITIONED BY (p) "
      "LOCATION 'x' OPTIONS ('k' 'v')";
  auto original = MustParse(sql);
  auto copy = original->Clone();
  EXPECT_TRUE(copy->Equals(*original));
  EXPECT_EQ(ToSql(*copy), ToSql(*original));
  EXPECT_FALSE(original->Equals(
      *MustParse("CREATE EXTERNAL TABLE t (a INT DEFAULT 2) STORED AS CSV PARTITIONED BY (p) "
                 "LOCATION 'x' OPTIONS ('k' 'v')")));
  EXPECT_FALSE(MustParse("SHOW TABLES")->Equals(*MustParse("SHOW ALL")));
}

}  // namespace
}  // namespace ballista::sql
