#include <gtest/gtest.h>

#include "ballista/sql/parser.h"
#include "sql_test_util.h"

namespace ballista::sql {
namespace {

using testing::ExprError;
using testing::StatementError;

TEST(ParserErrorTest, ExpectedTokenWithLineAndColumn) {
  EXPECT_EQ(StatementError("SELECT a,\n       b\n  FROM (SELECT count(x\n             FROM t)"),
            "line 4, column 14: expected ')' but found 'FROM'");
  EXPECT_EQ(StatementError("SELECT (a + b FROM t"),
            "line 1, column 15: expected ')' but found 'FROM'");
  EXPECT_EQ(StatementError("SELECT a FROM t WHERE"),
            "line 1, column 22: expected an expression but found end of input");
  EXPECT_EQ(StatementError("SELECT a, FROM t"),
            "line 1, column 11: expected an expression but found 'FROM'");
  EXPECT_EQ(StatementError("SELECT * FROM"),
            "line 1, column 14: expected a table name, '(' or a file name but found end of input");
  EXPECT_EQ(StatementError("SELECT 1 2"),
            "line 1, column 10: expected ';' or end of input but found '2'");
  EXPECT_EQ(StatementError("SELECT * FROM a JOIN b"),
            "line 1, column 23: expected ON or USING but found end of input");
  EXPECT_EQ(StatementError("SELECT * FROM a NATURAL CROSS JOIN b"),
            "line 1, column 25: expected JOIN but found 'CROSS'");
  EXPECT_EQ(StatementError("SELECT a FROM t GROUP a"),
            "line 1, column 23: expected BY but found 'a'");
  EXPECT_EQ(StatementError("SELECT a FROM t ORDER a"),
            "line 1, column 23: expected BY but found 'a'");
  EXPECT_EQ(StatementError("SELECT a FROM t ORDER BY a NULLS"),
            "line 1, column 33: expected FIRST or LAST but found end of input");
  EXPECT_EQ(StatementError("SELECT CAST(a AS) FROM t"),
            "line 1, column 17: expected a data type but found ')'");
  EXPECT_EQ(StatementError("SELECT CAST(a int)"), "line 1, column 15: expected AS but found 'int'");
  EXPECT_EQ(StatementError("SELECT CASE END"), "line 1, column 13: expected WHEN but found 'END'");
  EXPECT_EQ(StatementError("SELECT CASE WHEN a THEN b"),
            "line 1, column 26: expected END but found end of input");
  EXPECT_EQ(
      StatementError("SELECT a IS 5"),
      "line 1, column 13: expected NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM but found '5'");
  EXPECT_EQ(StatementError("SELECT a BETWEEN 1 OR 2"),
            "line 1, column 20: expected AND but found 'OR'");
  EXPECT_EQ(StatementError("SELECT a IN 1"), "line 1, column 13: expected '(' but found '1'");
  EXPECT_EQ(StatementError("SELECT x FROM t LIMIT"),
            "line 1, column 22: expected an expression but found end of input");
  EXPECT_EQ(StatementError("SELECT x FROM t FETCH FIRST 3 ONLY"),
            "line 1, column 31: expected ROW or ROWS but found 'ONLY'");
  EXPECT_EQ(StatementError("SELECT sum(x) OVER (ROWS BETWEEN 1 AND 2)"),
            "line 1, column 36: expected PRECEDING or FOLLOWING but found 'AND'");
  EXPECT_EQ(StatementError("SELECT 'abc' 'def'"),
            "line 1, column 14: expected ';' or end of input but found string 'def'");
}

TEST(ParserErrorTest, StatementLevelErrors) {
  EXPECT_EQ(StatementError(""), "line 1, column 1: expected a statement but found end of input");
  EXPECT_EQ(StatementError("SELEC 1"), "line 1, column 1: expected a statement but found 'SELEC'");
  EXPECT_EQ(StatementError(";"), "line 1, column 1: expected a statement but found ';'");
  EXPECT_EQ(StatementError("SELECT 1; SELECT 2"),
            "line 1, column 11: expected end of input but found 'SELECT'");
  EXPECT_EQ(StatementError("CREATE INDEX i"),
            "line 1, column 8: expected TABLE, EXTERNAL TABLE or VIEW but found 'INDEX'");
  EXPECT_EQ(StatementError("CREATE EXTERNAL TABLE t (a INT) LOCATION 'x'"),
            "line 1, column 45: expected STORED AS but found end of input");
  EXPECT_EQ(StatementError("CREATE EXTERNAL TABLE t (a INT) STORED AS CSV"),
            "line 1, column 46: expected LOCATION but found end of input");
  EXPECT_EQ(StatementError("CREATE EXTERNAL TABLE t STORED AS CSV STORED AS CSV LOCATION 'x'"),
            "line 1, column 39: duplicate STORED AS clause");
  EXPECT_EQ(StatementError("CREATE TABLE t"),
            "line 1, column 15: expected '(' or AS but found end of input");
  EXPECT_EQ(StatementError("CREATE TABLE t (a INT,)"),
            "line 1, column 23: expected an identifier but found ')'");
  EXPECT_EQ(StatementError("CREATE TABLE t (a DECIMAL(x))"),
            "line 1, column 27: expected a number but found 'x'");
  EXPECT_EQ(StatementError("DROP INDEX i"),
            "line 1, column 6: expected TABLE or VIEW but found 'INDEX'");
  EXPECT_EQ(StatementError("INSERT t VALUES (1)"), "line 1, column 8: expected INTO but found 't'");
  EXPECT_EQ(StatementError("INSERT INTO t (a) 1"),
            "line 1, column 19: expected SELECT or VALUES but found '1'");
  EXPECT_EQ(StatementError("COPY t 'x'"), "line 1, column 8: expected TO but found string 'x'");
  EXPECT_EQ(StatementError("COPY t TO x"), "line 1, column 11: expected a string but found 'x'");
  EXPECT_EQ(StatementError("SET x 1"), "line 1, column 7: expected '=' or TO but found '1'");
  EXPECT_EQ(StatementError("SHOW COLUMNS t"),
            "line 1, column 14: expected FROM or IN but found 't'");
  EXPECT_EQ(StatementError("SELECT * FROM select"),
            "line 1, column 15: expected a table name, '(' or a file name but found 'select'");
  EXPECT_EQ(StatementError("SELECT from FROM t"),
            "line 1, column 8: expected an expression but found 'from'");
  EXPECT_EQ(StatementError("SELECT * FROM t AS where"),
            "line 1, column 20: expected an identifier but found 'where'");
}

TEST(ParserErrorTest, LexerErrorsSurfaceThroughTheParser) {
  EXPECT_EQ(StatementError("SELECT 'unterminated"), "line 1, column 8: unterminated quoted string");
  EXPECT_EQ(StatementError("SELECT 1 /* never closed"),
            "line 1, column 10: unterminated /* comment");
  EXPECT_EQ(StatementError("SELECT\n  12x"), "line 2, column 3: invalid number '12x'");
  EXPECT_EQ(StatementError("SELECT \"open"), "line 1, column 8: unterminated quoted identifier");
  EXPECT_EQ(StatementError("SELECT @x"), "line 1, column 8: unexpected character '@'");
}

TEST(ParserErrorTest, ExpressionEntryPoint) {
  EXPECT_EQ(ExprError(""), "line 1, column 1: expected an expression but found end of input");
  EXPECT_EQ(ExprError("a +"), "line 1, column 4: expected an expression but found end of input");
  EXPECT_EQ(ExprError("a b"), "line 1, column 3: expected end of input but found 'b'");
  EXPECT_EQ(ExprError("*"), "line 1, column 1: expected an expression but found '*'");
  EXPECT_EQ(ExprError("f(a"), "line 1, column 4: expected ')' but found end of input");
  EXPECT_EQ(ExprError("t.*"), "line 1, column 3: expected an identifier but found '*'");
  EXPECT_EQ(ExprError("INTERVAL"),
            "line 1, column 9: expected an interval value but found end of input");
  EXPECT_EQ(ExprError("EXTRACT(FROM d)"), "line 1, column 14: expected FROM but found 'd'");
  EXPECT_EQ(ExprError("POSITION(a, b)"), "line 1, column 11: expected IN but found ','");
  EXPECT_EQ(ExprError("TRIM(LEADING 'x' s)"), "line 1, column 18: expected FROM but found 's'");
  EXPECT_EQ(ExprError("[1, 2"), "line 1, column 6: expected ']' but found end of input");
  EXPECT_EQ(ExprError("count(DISTINCT)"),
            "line 1, column 15: expected an expression but found ')'");
}

}  // namespace
}  // namespace ballista::sql
