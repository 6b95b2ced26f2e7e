#include <gtest/gtest.h>

#include "ballista/sql/parser.h"
#include "ballista/sql/sql_printer.h"
#include "sql_test_util.h"

namespace ballista::sql {
namespace {

using testing::MustParse;
using testing::StatementToSql;
using testing::TopSelect;

const Query& TopQuery(const Statement& statement) { return *statement.As<QueryStatement>().query; }

TEST(ParserQueryTest, SeedAggregateQuery) {
  auto statement = MustParse(
      "SELECT passenger_count, MIN(fare_amount), MAX(fare_amount), AVG(fare_amount), "
      "SUM(fare_amount) FROM tripdata GROUP BY passenger_count ORDER BY passenger_count");
  ASSERT_NE(statement, nullptr);
  ASSERT_EQ(statement->kind, StatementKind::kQuery);
  const Select& select = TopSelect(*statement);
  ASSERT_EQ(select.items.size(), 5u);
  EXPECT_EQ(select.items[0].expr->kind, ExprKind::kColumnRef);
  EXPECT_EQ(select.items[1].expr->As<FunctionExpr>().name[0].value, "min");
  ASSERT_EQ(select.from.size(), 1u);
  EXPECT_EQ(select.from[0]->As<NamedTableRef>().name[0].value, "tripdata");
  ASSERT_EQ(select.group_by.size(), 1u);
  EXPECT_EQ(TopQuery(*statement).order_by.size(), 1u);
  EXPECT_EQ(ToSql(*statement),
            "SELECT passenger_count, min(fare_amount), max(fare_amount), avg(fare_amount), "
            "sum(fare_amount) FROM tripdata GROUP BY passenger_count ORDER BY passenger_count");
}

TEST(ParserQueryTest, SelectListAliasesAndWildcards) {
  auto statement = MustParse("SELECT a AS x, b y, t.*, * EXCLUDE (c), s.t.* EXCEPT (d, e) FROM t");
  const Select& select = TopSelect(*statement);
  ASSERT_EQ(select.items.size(), 5u);
  EXPECT_EQ(select.items[0].alias->value, "x");
  EXPECT_EQ(select.items[1].alias->value, "y");
  const auto& qualified = select.items[2].expr->As<WildcardExpr>();
  EXPECT_EQ(qualified.qualifier.size(), 1u);
  EXPECT_TRUE(qualified.excluded.empty());
  EXPECT_EQ(select.items[3].expr->As<WildcardExpr>().excluded.size(), 1u);
  EXPECT_EQ(select.items[4].expr->As<WildcardExpr>().excluded.size(), 2u);
  EXPECT_EQ(ToSql(*statement),
            "SELECT a AS x, b AS y, t.*, * EXCLUDE (c), s.t.* EXCLUDE (d, e) FROM t");
  EXPECT_EQ(StatementToSql("SELECT * EXCLUDE c FROM t"), "SELECT * EXCLUDE (c) FROM t");
  // Any word may follow AS; reserved ones come back quoted.
  EXPECT_EQ(StatementToSql("SELECT 1 AS select, 2 AS \"Mixed\""),
            "SELECT 1 AS \"select\", 2 AS \"Mixed\"");
}

TEST(ParserQueryTest, KeywordsAsColumnNames) {
  EXPECT_EQ(StatementToSql("SELECT year, date FROM t"), "SELECT year, date FROM t");
  EXPECT_EQ(StatementToSql("SELECT value, name, key, type, first, last, time, timestamp FROM t"),
            "SELECT value, name, key, type, first, last, time, timestamp FROM t");
  EXPECT_EQ(StatementToSql("SELECT date, date '2020-01-01' FROM t WHERE year > 2000"),
            "SELECT date, DATE '2020-01-01' FROM t WHERE year > 2000");
  EXPECT_EQ(StatementToSql("SELECT t.year AS year FROM year t ORDER BY year"),
            "SELECT t.year AS year FROM year AS t ORDER BY year");
  EXPECT_EQ(StatementToSql("SELECT a date FROM t"), "SELECT a AS date FROM t");
}

TEST(ParserQueryTest, DistinctForms) {
  EXPECT_EQ(TopSelect(*MustParse("SELECT DISTINCT a FROM t")).distinct, DistinctKind::kDistinct);
  EXPECT_EQ(TopSelect(*MustParse("SELECT ALL a FROM t")).distinct, DistinctKind::kNone);
  auto on = MustParse("SELECT DISTINCT ON (a, b) a, b, c FROM t ORDER BY a, b, c DESC");
  EXPECT_EQ(TopSelect(*on).distinct, DistinctKind::kDistinctOn);
  EXPECT_EQ(TopSelect(*on).distinct_on.size(), 2u);
  EXPECT_EQ(ToSql(*on), "SELECT DISTINCT ON (a, b) a, b, c FROM t ORDER BY a, b, c DESC");
}

TEST(ParserQueryTest, Joins) {
  auto statement = MustParse(
      "SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c USING (y) RIGHT JOIN d ON TRUE "
      "FULL OUTER JOIN e ON FALSE CROSS JOIN f NATURAL JOIN g NATURAL LEFT JOIN h INNER JOIN i ON "
      "1 = 1");
  const Select& select = TopSelect(*statement);
  ASSERT_EQ(select.from.size(), 1u);
  // Joins nest to the left: the last join is at the top.
  const auto& top = select.from[0]->As<JoinRef>();
  EXPECT_EQ(top.join_kind, JoinKind::kInner);
  EXPECT_EQ(top.right->As<NamedTableRef>().name[0].value, "i");
  const auto& natural_left = top.left->As<JoinRef>();
  EXPECT_TRUE(natural_left.natural);
  EXPECT_EQ(natural_left.join_kind, JoinKind::kLeft);
  EXPECT_EQ(natural_left.on, nullptr);
  EXPECT_EQ(ToSql(*statement),
            "SELECT * FROM a JOIN b ON a.x = b.x LEFT JOIN c USING (y) RIGHT JOIN d ON TRUE "
            "FULL JOIN e ON FALSE CROSS JOIN f NATURAL JOIN g NATURAL LEFT JOIN h JOIN i ON 1 = 1");
  EXPECT_EQ(
      StatementToSql("SELECT * FROM a LEFT SEMI JOIN b ON a.k = b.k RIGHT ANTI JOIN c USING (k)"),
      "SELECT * FROM a LEFT SEMI JOIN b ON a.k = b.k RIGHT ANTI JOIN c USING (k)");
}

TEST(ParserQueryTest, ParenthesizedJoinsAndCommaJoins) {
  auto statement = MustParse("SELECT * FROM a, (b JOIN c ON b.k = c.k), d AS x (p, q)");
  const Select& select = TopSelect(*statement);
  ASSERT_EQ(select.from.size(), 3u);
  EXPECT_EQ(select.from[1]->kind, TableRefKind::kJoin);
  EXPECT_EQ(select.from[2]->As<NamedTableRef>().alias->columns.size(), 2u);
  EXPECT_EQ(ToSql(*statement), "SELECT * FROM a, b JOIN c ON b.k = c.k, d AS x (p, q)");
  // A join on the right keeps its parentheses; one on the left does not need them.
  EXPECT_EQ(StatementToSql("SELECT * FROM a JOIN (b JOIN c ON p) ON q"),
            "SELECT * FROM a JOIN (b JOIN c ON p) ON q");
  EXPECT_EQ(StatementToSql("SELECT * FROM ((a JOIN b ON p) JOIN c ON q)"),
            "SELECT * FROM a JOIN b ON p JOIN c ON q");
  EXPECT_EQ(StatementToSql("SELECT * FROM ((SELECT 1) AS s JOIN c ON q)"),
            "SELECT * FROM (SELECT 1) AS s JOIN c ON q");
  EXPECT_EQ(StatementToSql("SELECT * FROM ((SELECT 1) UNION (SELECT 2)) AS u"),
            "SELECT * FROM (SELECT 1 UNION SELECT 2) AS u");
}

TEST(ParserQueryTest, DerivedTablesFunctionsFilesAndLateral) {
  auto statement = MustParse(
      "SELECT * FROM (SELECT 1 AS a) AS s (b), read_csv('x.csv', 'y') r, 'data/trips.parquet', "
      "LATERAL (SELECT s.b) AS l, (VALUES (1, 2), (3, 4)) v (p, q)");
  const Select& select = TopSelect(*statement);
  ASSERT_EQ(select.from.size(), 5u);
  const auto& derived = select.from[0]->As<DerivedTableRef>();
  EXPECT_FALSE(derived.lateral);
  EXPECT_EQ(derived.alias->name.value, "s");
  const auto& function = select.from[1]->As<TableFunctionRef>();
  EXPECT_EQ(function.name[0].value, "read_csv");
  EXPECT_EQ(function.args.size(), 2u);
  EXPECT_EQ(select.from[2]->As<FileTableRef>().path, "data/trips.parquet");
  EXPECT_TRUE(select.from[3]->As<DerivedTableRef>().lateral);
  EXPECT_EQ(ToSql(*statement),
            "SELECT * FROM (SELECT 1 AS a) AS s (b), read_csv('x.csv', 'y') AS r, "
            "'data/trips.parquet', LATERAL (SELECT s.b) AS l, (VALUES (1, 2), (3, 4)) AS v (p, q)");
  EXPECT_EQ(StatementToSql("SELECT * FROM a CROSS JOIN LATERAL (SELECT 1) x"),
            "SELECT * FROM a CROSS JOIN LATERAL (SELECT 1) AS x");
}

TEST(ParserQueryTest, GroupingAndFilters) {
  auto statement = MustParse(
      "SELECT a, b, count(*) FROM t WHERE c > 0 GROUP BY ROLLUP (a, (b, c)), CUBE (d), "
      "GROUPING SETS ((a, b), a, ()) HAVING count(*) > 1");
  const Select& select = TopSelect(*statement);
  ASSERT_EQ(select.group_by.size(), 3u);
  const auto& rollup = select.group_by[0]->As<GroupingSetExpr>();
  EXPECT_EQ(rollup.grouping_kind, GroupingKind::kRollup);
  ASSERT_EQ(rollup.sets.size(), 2u);
  EXPECT_EQ(rollup.sets[0].size(), 1u);
  EXPECT_EQ(rollup.sets[1].size(), 2u);
  const auto& sets = select.group_by[2]->As<GroupingSetExpr>();
  ASSERT_EQ(sets.sets.size(), 3u);
  EXPECT_EQ(sets.sets[2].size(), 0u);
  EXPECT_EQ(ToSql(*statement),
            "SELECT a, b, count(*) FROM t WHERE c > 0 GROUP BY ROLLUP (a, (b, c)), CUBE (d), "
            "GROUPING SETS ((a, b), a, ()) HAVING count(*) > 1");
  EXPECT_TRUE(TopSelect(*MustParse("SELECT a, sum(b) FROM t GROUP BY ALL")).group_by_all);
  EXPECT_EQ(StatementToSql("SELECT a AS k, count(*) FROM t GROUP BY 1, k"),
            "SELECT a AS k, count(*) FROM t GROUP BY 1, k");
  // grouping() is still an ordinary function.
  EXPECT_EQ(StatementToSql("SELECT grouping(a) FROM t GROUP BY cube"),
            "SELECT grouping(a) FROM t GROUP BY cube");
}

TEST(ParserQueryTest, WindowClauseAndQualify) {
  auto statement = MustParse(
      "SELECT a, rank() OVER w FROM t WINDOW w AS (PARTITION BY b ORDER BY c), w2 AS (w ROWS 1 "
      "PRECEDING) QUALIFY rank() OVER w = 1");
  const Select& select = TopSelect(*statement);
  ASSERT_EQ(select.windows.size(), 2u);
  EXPECT_EQ(select.windows[1].spec.base_window->value, "w");
  ASSERT_NE(select.qualify, nullptr);
  EXPECT_EQ(ToSql(*statement),
            "SELECT a, rank() OVER w FROM t WINDOW w AS (PARTITION BY b ORDER BY c), w2 AS (w "
            "ROWS 1 PRECEDING) QUALIFY rank() OVER w = 1");
  // QUALIFY before WINDOW is accepted too.
  EXPECT_EQ(StatementToSql("SELECT rank() OVER w FROM t QUALIFY rank() OVER w = 1 WINDOW w AS ()"),
            "SELECT rank() OVER w FROM t WINDOW w AS () QUALIFY rank() OVER w = 1");
}

TEST(ParserQueryTest, OrderLimitOffsetFetch) {
  auto statement =
      MustParse("SELECT a FROM t ORDER BY a ASC NULLS FIRST, b DESC LIMIT 10 OFFSET 5");
  const Query& query = TopQuery(*statement);
  ASSERT_EQ(query.order_by.size(), 2u);
  EXPECT_EQ(query.order_by[0].ascending, true);
  EXPECT_EQ(query.order_by[0].nulls_first, true);
  EXPECT_EQ(query.order_by[1].ascending, false);
  EXPECT_FALSE(query.order_by[1].nulls_first.has_value());
  EXPECT_EQ(ToSql(*query.limit), "10");
  EXPECT_EQ(ToSql(*query.offset), "5");
  EXPECT_EQ(StatementToSql("SELECT a FROM t OFFSET 5 ROWS LIMIT 10"),
            "SELECT a FROM t LIMIT 10 OFFSET 5");
  EXPECT_EQ(StatementToSql("SELECT a FROM t FETCH FIRST 3 ROWS ONLY"), "SELECT a FROM t LIMIT 3");
  EXPECT_EQ(StatementToSql("SELECT a FROM t OFFSET 1 ROW FETCH NEXT ROW ONLY"),
            "SELECT a FROM t LIMIT 1 OFFSET 1");
  EXPECT_EQ(StatementToSql("SELECT a FROM t LIMIT ALL"), "SELECT a FROM t");
}

TEST(ParserQueryTest, SetOperationPrecedence) {
  // INTERSECT binds tighter than UNION and EXCEPT.
  auto statement = MustParse("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3");
  const auto& top = TopQuery(*statement).body->As<SetOperation>();
  EXPECT_EQ(top.op, SetOp::kUnion);
  EXPECT_EQ(top.right->As<SetOperation>().op, SetOp::kIntersect);

  auto left_assoc = MustParse("SELECT 1 EXCEPT SELECT 2 UNION ALL SELECT 3");
  const auto& outer = TopQuery(*left_assoc).body->As<SetOperation>();
  EXPECT_EQ(outer.op, SetOp::kUnion);
  EXPECT_EQ(outer.quantifier, SetQuantifier::kAll);
  EXPECT_EQ(outer.left->As<SetOperation>().op, SetOp::kExcept);

  EXPECT_EQ(StatementToSql("(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3"),
            "(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3");
  EXPECT_EQ(StatementToSql("SELECT 1 UNION (SELECT 2 UNION SELECT 3)"),
            "SELECT 1 UNION (SELECT 2 UNION SELECT 3)");
  EXPECT_EQ(StatementToSql("(SELECT 1 INTERSECT SELECT 2) UNION SELECT 3"),
            "SELECT 1 INTERSECT SELECT 2 UNION SELECT 3");
  EXPECT_EQ(StatementToSql("SELECT 1 EXCEPT DISTINCT SELECT 2"),
            "SELECT 1 EXCEPT DISTINCT SELECT 2");
  // ORDER BY and LIMIT apply to the whole set operation unless parenthesized.
  auto ordered = MustParse("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 3");
  EXPECT_EQ(TopQuery(*ordered).body->kind, SetExprKind::kSetOperation);
  EXPECT_EQ(TopQuery(*ordered).order_by.size(), 1u);
  auto nested =
      MustParse("(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u LIMIT 2)");
  const auto& both = TopQuery(*nested).body->As<SetOperation>();
  EXPECT_EQ(both.left->kind, SetExprKind::kNested);
  EXPECT_EQ(both.right->kind, SetExprKind::kNested);
  EXPECT_EQ(ToSql(*nested),
            "(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u LIMIT 2)");
  // Redundant parentheses disappear.
  EXPECT_EQ(StatementToSql("((SELECT 1))"), "SELECT 1");
}

TEST(ParserQueryTest, WithClauses) {
  auto statement = MustParse(
      "WITH RECURSIVE nums (n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM nums WHERE n < 5), "
      "other AS (SELECT 2) SELECT * FROM nums, other");
  const Query& query = TopQuery(*statement);
  ASSERT_TRUE(query.with.has_value());
  EXPECT_TRUE(query.with->recursive);
  ASSERT_EQ(query.with->ctes.size(), 2u);
  EXPECT_EQ(query.with->ctes[0].columns.size(), 1u);
  EXPECT_EQ(query.with->ctes[1].name.value, "other");
  EXPECT_EQ(ToSql(*statement),
            "WITH RECURSIVE nums (n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM nums WHERE n < 5), "
            "other AS (SELECT 2) SELECT * FROM nums, other");
  EXPECT_EQ(StatementToSql("SELECT * FROM (WITH x AS (SELECT 1) SELECT * FROM x) y"),
            "SELECT * FROM (WITH x AS (SELECT 1) SELECT * FROM x) AS y");
}

TEST(ParserQueryTest, ValuesAndSelectWithoutFrom) {
  auto statement = MustParse("VALUES (1, 'a'), (2, 'b')");
  const auto& values = TopQuery(*statement).body->As<Values>();
  ASSERT_EQ(values.rows.size(), 2u);
  EXPECT_EQ(values.rows[1].size(), 2u);
  EXPECT_EQ(StatementToSql("select 1 + 1, 'x'"), "SELECT 1 + 1, 'x'");
}

TEST(ParserQueryTest, TableRefPositions) {
  auto statement = MustParse("SELECT *\nFROM  orders o\n  JOIN lineitem l ON o.k = l.k");
  const auto& join = TopSelect(*statement).from[0]->As<JoinRef>();
  EXPECT_EQ(join.left->pos.line, 2);
  EXPECT_EQ(join.left->pos.column, 7);
  EXPECT_EQ(join.right->pos.line, 3);
  EXPECT_EQ(join.right->pos.column, 8);
  EXPECT_EQ(join.on->pos.line, 3);
}

}  // namespace
}  // namespace ballista::sql
