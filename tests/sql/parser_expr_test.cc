#include <gtest/gtest.h>

#include "ballista/sql/parser.h"
#include "ballista/sql/sql_printer.h"
#include "sql_test_util.h"

namespace ballista::sql {
namespace {

using testing::ExprToSql;
using testing::MustParseExpr;
using testing::ParseTree;

TEST(ParserExprTest, LogicalPrecedence) {
  EXPECT_EQ(ParseTree("a OR b AND c"), "(OR a (AND b c))");
  EXPECT_EQ(ParseTree("a AND b OR c"), "(OR (AND a b) c)");
  EXPECT_EQ(ParseTree("NOT a AND b"), "(AND (NOT a) b)");
  EXPECT_EQ(ParseTree("NOT a = b"), "(NOT (= a b))");
  EXPECT_EQ(ParseTree("NOT NOT a"), "(NOT (NOT a))");
  EXPECT_EQ(ParseTree("a = b AND c < d OR e"), "(OR (AND (= a b) (< c d)) e)");
  EXPECT_EQ(ParseTree("a OR b OR c"), "(OR (OR a b) c)");
}

TEST(ParserExprTest, ArithmeticPrecedence) {
  EXPECT_EQ(ParseTree("a + b * c"), "(+ a (* b c))");
  EXPECT_EQ(ParseTree("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(ParseTree("a * b % c / d"), "(/ (% (* a b) c) d)");
  EXPECT_EQ(ParseTree("(a + b) * c"), "(* (+ a b) c)");
  EXPECT_EQ(ParseTree("a || b = c"), "(= (|| a b) c)");
  EXPECT_EQ(ParseTree("a + b || c"), "(|| (+ a b) c)");
  EXPECT_EQ(ParseTree("a || b * c"), "(|| a (* b c))");
  EXPECT_EQ(ParseTree("a & b = c"), "(= (& a b) c)");
  EXPECT_EQ(ParseTree("a + b & c"), "(& (+ a b) c)");
  EXPECT_EQ(ParseTree("a << 2 | b ^ c"), "(^ (| (<< a 2) b) c)");
  EXPECT_EQ(ParseTree("a ~ 'x' AND b !~* 'y'"), "(AND (~ a 'x') (!~* b 'y'))");
}

TEST(ParserExprTest, UnaryCastAndPostfixPrecedence) {
  EXPECT_EQ(ParseTree("-a * b"), "(* (neg a) b)");
  EXPECT_EQ(ParseTree("-a::int"), "(neg (:: a INT))");
  EXPECT_EQ(ParseTree("- - a"), "(neg (neg a))");
  EXPECT_EQ(ParseTree("+a - ~b"), "(- (pos a) (~ b))");
  EXPECT_EQ(ParseTree("a::int::text"), "(:: (:: a INT) TEXT)");
  EXPECT_EQ(ParseTree("a[1]::int"), "(:: ([] a 1) INT)");
  EXPECT_EQ(ParseTree("a[1][2]"), "([] ([] a 1) 2)");
  EXPECT_EQ(ParseTree("2 * a::int + 1"), "(+ (* 2 (:: a INT)) 1)");
}

TEST(ParserExprTest, PredicatePrecedence) {
  EXPECT_EQ(ParseTree("a IS NULL AND b"), "(AND (IS NULL a) b)");
  EXPECT_EQ(ParseTree("a + 1 IS NOT NULL"), "(IS NOT NULL (+ a 1))");
  EXPECT_EQ(ParseTree("a = b IS TRUE"), "(IS TRUE (= a b))");
  EXPECT_EQ(ParseTree("a LIKE b || 'x' ESCAPE '!'"), "(LIKE a (|| b 'x') ESCAPE '!')");
  EXPECT_EQ(ParseTree("a NOT LIKE 'x%' OR b"), "(OR (NOT LIKE a 'x%') b)");
  EXPECT_EQ(ParseTree("a NOT BETWEEN 1 AND 2 AND b"), "(AND (NOT BETWEEN a 1 2) b)");
  EXPECT_EQ(ParseTree("a BETWEEN b + 1 AND c * 2"), "(BETWEEN a (+ b 1) (* c 2))");
  EXPECT_EQ(ParseTree("x IN (1, 2) OR y NOT IN (3)"), "(OR (IN x 1 2) (NOT IN y 3))");
  EXPECT_EQ(ParseTree("NOT a IN (1)"), "(NOT (IN a 1))");
}

TEST(ParserExprTest, PrinterAddsOnlyNeededParentheses) {
  EXPECT_EQ(ExprToSql("(a + b) * c"), "(a + b) * c");
  EXPECT_EQ(ExprToSql("a + (b * c)"), "a + b * c");
  EXPECT_EQ(ExprToSql("(a - b) - c"), "a - b - c");
  EXPECT_EQ(ExprToSql("a - (b - c)"), "a - (b - c)");
  EXPECT_EQ(ExprToSql("- (- a)"), "- -a");
  EXPECT_EQ(ExprToSql("-(NOT a)"), "-NOT a");
  EXPECT_EQ(ExprToSql("(-(NOT a)) = b"), "-(NOT a) = b");
  EXPECT_EQ(ExprToSql("a - -b"), "a - -b");
  EXPECT_EQ(ExprToSql("(-a)::int"), "(-a)::INT");
  // A prefix operator at the end needs no parentheses; before a comparison it does.
  EXPECT_EQ(ExprToSql("a = (NOT b)"), "a = NOT b");
  EXPECT_EQ(ExprToSql("(a = (NOT b)) = c"), "a = (NOT b) = c");
  EXPECT_EQ(ExprToSql("a + (NOT b) AND c"), "a + NOT b AND c");
  EXPECT_EQ(ExprToSql("(a OR b) AND c"), "(a OR b) AND c");
  EXPECT_EQ(ExprToSql("NOT (a AND b)"), "NOT (a AND b)");
  EXPECT_EQ(ExprToSql("(a = b) = c"), "a = b = c");
  EXPECT_EQ(ExprToSql("a = (b = c)"), "a = (b = c)");
  EXPECT_EQ(ExprToSql("(a IS NULL) IS NULL"), "a IS NULL IS NULL");
  EXPECT_EQ(ExprToSql("(a::int)[1]"), "(a::INT)[1]");
  EXPECT_EQ(ExprToSql("x BETWEEN (a AND b) AND c"), "x BETWEEN (a AND b) AND c");
  EXPECT_EQ(ExprToSql("((((a))))"), "a");
}

TEST(ParserExprTest, Literals) {
  EXPECT_EQ(ExprToSql("NULL"), "NULL");
  EXPECT_EQ(ExprToSql("true"), "TRUE");
  EXPECT_EQ(ExprToSql("False"), "FALSE");
  EXPECT_EQ(ExprToSql("1.50"), "1.50");
  EXPECT_EQ(ExprToSql("1E5"), "1E5");
  EXPECT_EQ(ExprToSql(".5"), ".5");
  EXPECT_EQ(ExprToSql("'it''s'"), "'it''s'");
  EXPECT_EQ(ExprToSql("e'plain'"), "'plain'");
  EXPECT_EQ(ExprToSql("E'a\\nb\\x01'"), "E'a\\nb\\x01'");
  EXPECT_EQ(ExprToSql("E'back\\\\slash'"), "'back\\slash'");
  auto number = MustParseExpr("12.5e3");
  ASSERT_EQ(number->kind, ExprKind::kLiteral);
  EXPECT_EQ(number->As<LiteralExpr>().literal_kind, LiteralKind::kNumber);
  EXPECT_EQ(number->As<LiteralExpr>().value, "12.5e3");
  auto text = MustParseExpr("'a''b'");
  EXPECT_EQ(text->As<LiteralExpr>().literal_kind, LiteralKind::kString);
  EXPECT_EQ(text->As<LiteralExpr>().value, "a'b");
  auto boolean = MustParseExpr("TRUE");
  EXPECT_EQ(boolean->As<LiteralExpr>().literal_kind, LiteralKind::kBoolean);
  EXPECT_EQ(boolean->As<LiteralExpr>().value, "true");
}

TEST(ParserExprTest, TypedStringsAndIntervals) {
  auto date = MustParseExpr("DATE '2024-02-29'");
  ASSERT_EQ(date->kind, ExprKind::kTypedString);
  EXPECT_EQ(date->As<TypedStringExpr>().type.name, "DATE");
  EXPECT_EQ(date->As<TypedStringExpr>().value, "2024-02-29");
  EXPECT_EQ(ExprToSql("timestamp '2020-01-01 10:00:00'"), "TIMESTAMP '2020-01-01 10:00:00'");
  EXPECT_EQ(ExprToSql("time '10:00'"), "TIME '10:00'");
  EXPECT_EQ(ExprToSql("timestamp with time zone '2020-01-01'"),
            "TIMESTAMP WITH TIME ZONE '2020-01-01'");

  auto days = MustParseExpr("INTERVAL '3 days'");
  ASSERT_EQ(days->kind, ExprKind::kInterval);
  EXPECT_EQ(days->As<IntervalExpr>().leading_field, IntervalField::kNone);
  auto year = MustParseExpr("interval '1' year");
  EXPECT_EQ(year->As<IntervalExpr>().leading_field, IntervalField::kYear);
  auto range = MustParseExpr("INTERVAL '1-2' YEAR TO MONTH");
  EXPECT_EQ(range->As<IntervalExpr>().leading_field, IntervalField::kYear);
  EXPECT_EQ(range->As<IntervalExpr>().trailing_field, IntervalField::kMonth);
  EXPECT_EQ(ExprToSql("INTERVAL '1-2' YEAR TO MONTH"), "INTERVAL '1-2' YEAR TO MONTH");
  EXPECT_EQ(ExprToSql("INTERVAL 5 DAY"), "INTERVAL 5 DAY");
  EXPECT_EQ(ExprToSql("INTERVAL -5 minute"), "INTERVAL -5 MINUTE");
  EXPECT_EQ(ExprToSql("INTERVAL (n * 2) hour"), "INTERVAL (n * 2) HOUR");
  EXPECT_EQ(ParseTree("d + INTERVAL '1' DAY * 2"), "(+ d (* INTERVAL '1' DAY 2))");
}

TEST(ParserExprTest, IdentifiersFoldAndQuote) {
  auto folded = MustParseExpr("MyTable.MyCol");
  ASSERT_EQ(folded->kind, ExprKind::kColumnRef);
  const ObjectName& name = folded->As<ColumnRefExpr>().name;
  ASSERT_EQ(name.size(), 2u);
  EXPECT_EQ(name[0].value, "mytable");
  EXPECT_EQ(name[1].value, "mycol");
  EXPECT_FALSE(name[1].quoted);

  auto quoted = MustParseExpr("\"My Col\"");
  EXPECT_EQ(quoted->As<ColumnRefExpr>().name[0].value, "My Col");
  EXPECT_TRUE(quoted->As<ColumnRefExpr>().name[0].quoted);
  EXPECT_EQ(ToSql(*quoted), "\"My Col\"");

  EXPECT_EQ(ExprToSql("a.b.c"), "a.b.c");
  EXPECT_EQ(ExprToSql("\"lower\""), "lower");
  EXPECT_EQ(ExprToSql("\"select\" + \"Upper\""), "\"select\" + \"Upper\"");
  EXPECT_EQ(ExprToSql("t.\"from\""), "t.\"from\"");
  EXPECT_EQ(ExprToSql("\"a\"\"b\""), "\"a\"\"b\"");
  // Unreserved keywords are ordinary column names.
  EXPECT_EQ(ExprToSql("year + date - value || name || key"), "year + date - value || name || key");
  EXPECT_EQ(ExprToSql("position + substring + trim + rows + range"),
            "position + substring + trim + rows + range");
  EXPECT_EQ(FormatIdentifier("date"), "date");
  EXPECT_EQ(FormatIdentifier("order"), "\"order\"");
  EXPECT_EQ(FormatIdentifier("1abc"), "\"1abc\"");
  EXPECT_EQ(FormatIdentifier(""), "\"\"");
}

TEST(ParserExprTest, FunctionCalls) {
  auto count_star = MustParseExpr("COUNT(*)");
  ASSERT_EQ(count_star->kind, ExprKind::kFunction);
  const auto& call = count_star->As<FunctionExpr>();
  EXPECT_EQ(call.name[0].value, "count");
  ASSERT_EQ(call.args.size(), 1u);
  EXPECT_EQ(call.args[0]->kind, ExprKind::kWildcard);
  EXPECT_EQ(ToSql(*count_star), "count(*)");

  auto distinct = MustParseExpr("count(DISTINCT a)");
  EXPECT_TRUE(distinct->As<FunctionExpr>().distinct);
  EXPECT_EQ(ToSql(*distinct), "count(DISTINCT a)");

  EXPECT_EQ(ExprToSql("sum(x) FILTER (WHERE y > 0)"), "sum(x) FILTER (WHERE y > 0)");
  EXPECT_EQ(ExprToSql("array_agg(x ORDER BY y DESC NULLS LAST, z)"),
            "array_agg(x ORDER BY y DESC NULLS LAST, z)");
  EXPECT_EQ(ExprToSql("count(ALL x)"), "count(x)");
  EXPECT_EQ(ExprToSql("now()"), "now()");
  EXPECT_EQ(ExprToSql("count(t.*)"), "count(t.*)");

  auto qualified = MustParseExpr("my_schema.My_Func(1, 'a')");
  const auto& qcall = qualified->As<FunctionExpr>();
  ASSERT_EQ(qcall.name.size(), 2u);
  EXPECT_EQ(qcall.name[1].value, "my_func");
  EXPECT_EQ(qcall.args.size(), 2u);

  // Reserved words that are also function names.
  EXPECT_EQ(ExprToSql("left('abc', 2) || right(s, 1)"), "left('abc', 2) || right(s, 1)");
  // CURRENT_DATE needs no parentheses and means the same call.
  auto today = MustParseExpr("current_date");
  ASSERT_EQ(today->kind, ExprKind::kFunction);
  EXPECT_TRUE(today->Equals(*MustParseExpr("CURRENT_DATE()")));
  EXPECT_EQ(ToSql(*today), "current_date()");
  // A quoted name is an ordinary function, even when it spells a special form.
  auto quoted = MustParseExpr("\"substring\"(a, 1)");
  EXPECT_EQ(quoted->kind, ExprKind::kFunction);
  EXPECT_EQ(ToSql(*quoted), "\"substring\"(a, 1)");
}

TEST(ParserExprTest, WindowCalls) {
  auto ranked = MustParseExpr("row_number() OVER (PARTITION BY a, b ORDER BY c DESC)");
  const auto& call = ranked->As<FunctionExpr>();
  ASSERT_NE(call.over, nullptr);
  EXPECT_EQ(call.over->partition_by.size(), 2u);
  ASSERT_EQ(call.over->order_by.size(), 1u);
  EXPECT_EQ(call.over->order_by[0].ascending, false);
  EXPECT_FALSE(call.over->frame.has_value());

  auto named = MustParseExpr("sum(x) OVER w");
  EXPECT_EQ(named->As<FunctionExpr>().over_name->value, "w");
  EXPECT_EQ(named->As<FunctionExpr>().over, nullptr);

  auto rows = MustParseExpr("sum(x) OVER (ORDER BY y ROWS 2 PRECEDING)");
  const WindowFrame& frame = *rows->As<FunctionExpr>().over->frame;
  EXPECT_EQ(frame.units, FrameUnits::kRows);
  EXPECT_EQ(frame.start.kind, FrameBound::Kind::kPreceding);
  EXPECT_EQ(ToSql(*frame.start.offset), "2");
  EXPECT_FALSE(frame.end.has_value());

  EXPECT_EQ(ExprToSql("sum(x) OVER (ORDER BY y ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"),
            "sum(x) OVER (ORDER BY y ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
  EXPECT_EQ(ExprToSql("avg(x) over (order by d range between interval '1' day preceding and "
                      "current row)"),
            "avg(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND CURRENT ROW)");
  EXPECT_EQ(ExprToSql("sum(x) OVER (GROUPS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING "
                      "EXCLUDE CURRENT ROW)"),
            "sum(x) OVER (GROUPS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW)");
  EXPECT_EQ(ExprToSql("sum(x) OVER (w ROWS UNBOUNDED PRECEDING EXCLUDE NO OTHERS)"),
            "sum(x) OVER (w ROWS UNBOUNDED PRECEDING EXCLUDE NO OTHERS)");
  EXPECT_EQ(ExprToSql("count(*) FILTER (WHERE a) OVER ()"), "count(*) FILTER (WHERE a) OVER ()");
}

TEST(ParserExprTest, CaseForms) {
  auto searched =
      MustParseExpr("CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END");
  const auto& s = searched->As<CaseExpr>();
  EXPECT_EQ(s.operand, nullptr);
  EXPECT_EQ(s.whens.size(), 2u);
  ASSERT_NE(s.else_result, nullptr);

  auto simple = MustParseExpr("case x when 1 then 'one' when 2 then 'two' end");
  const auto& c = simple->As<CaseExpr>();
  ASSERT_NE(c.operand, nullptr);
  EXPECT_EQ(ToSql(*c.operand), "x");
  EXPECT_EQ(c.else_result, nullptr);
  EXPECT_EQ(ToSql(*simple), "CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' END");
}

TEST(ParserExprTest, Casts) {
  auto cast = MustParseExpr("CAST(a AS decimal(15, 2))");
  const auto& c = cast->As<CastExpr>();
  EXPECT_EQ(c.style, CastStyle::kCast);
  EXPECT_EQ(c.type.name, "DECIMAL");
  EXPECT_EQ(c.type.params, (std::vector<std::string>{"15", "2"}));
  EXPECT_EQ(ToSql(*cast), "CAST(a AS DECIMAL(15, 2))");

  EXPECT_EQ(ExprToSql("TRY_CAST(a AS varchar)"), "TRY_CAST(a AS VARCHAR)");
  EXPECT_EQ(ExprToSql("a::timestamp with time zone"), "a::TIMESTAMP WITH TIME ZONE");
  EXPECT_EQ(ExprToSql("a::timestamp(3) without time zone"), "a::TIMESTAMP(3) WITHOUT TIME ZONE");
  EXPECT_EQ(ExprToSql("CAST(a AS double precision)"), "CAST(a AS DOUBLE PRECISION)");
  EXPECT_EQ(ExprToSql("CAST(a AS character varying(10))"), "CAST(a AS CHARACTER VARYING(10))");
  EXPECT_EQ(ExprToSql("CAST(a AS int unsigned)"), "CAST(a AS INT UNSIGNED)");
  EXPECT_EQ(ExprToSql("CAST(a AS int[][])"), "CAST(a AS INT[][])");
  EXPECT_EQ(ExprToSql("CAST(a AS interval)"), "CAST(a AS INTERVAL)");
  // The three spellings are different nodes of the same kind.
  EXPECT_FALSE(MustParseExpr("a::int")->Equals(*MustParseExpr("CAST(a AS int)")));
}

TEST(ParserExprTest, SpecialFunctionForms) {
  auto extract = MustParseExpr("EXTRACT(Year FROM d)");
  EXPECT_EQ(extract->As<ExtractExpr>().field, "year");
  EXPECT_EQ(ToSql(*extract), "EXTRACT(YEAR FROM d)");
  EXPECT_EQ(ExprToSql("extract('dow' from d)"), "EXTRACT(DOW FROM d)");
  EXPECT_EQ(ExprToSql("extract('Odd Field' from d)"), "EXTRACT('Odd Field' FROM d)");

  EXPECT_EQ(ExprToSql("substring(s from 2 for 3)"), "SUBSTRING(s FROM 2 FOR 3)");
  EXPECT_EQ(ExprToSql("substring(s from 2)"), "SUBSTRING(s FROM 2)");
  EXPECT_EQ(ExprToSql("substring(s for 3)"), "SUBSTRING(s FOR 3)");
  EXPECT_TRUE(
      MustParseExpr("substring(s, 2, 3)")->Equals(*MustParseExpr("SUBSTRING(s FROM 2 FOR 3)")));

  auto position = MustParseExpr("POSITION('b' IN s)");
  ASSERT_EQ(position->kind, ExprKind::kPosition);
  EXPECT_EQ(ToSql(*position), "POSITION('b' IN s)");
  EXPECT_EQ(ExprToSql("position(a || b IN c)"), "POSITION(a || b IN c)");

  EXPECT_EQ(ExprToSql("trim(s)"), "TRIM(s)");
  EXPECT_EQ(ExprToSql("trim(both 'x' from s)"), "TRIM(BOTH 'x' FROM s)");
  EXPECT_EQ(ExprToSql("trim(leading from s)"), "TRIM(LEADING FROM s)");
  EXPECT_EQ(ExprToSql("trim(trailing ' ' from s)"), "TRIM(TRAILING ' ' FROM s)");
  EXPECT_EQ(ExprToSql("trim('x' from s)"), "TRIM('x' FROM s)");
  auto trim = MustParseExpr("TRIM(LEADING 'x' FROM s)");
  EXPECT_EQ(trim->As<TrimExpr>().where, TrimWhere::kLeading);

  EXPECT_EQ(ExprToSql("overlay(s placing 'ab' from 2 for 3)"),
            "OVERLAY(s PLACING 'ab' FROM 2 FOR 3)");
  EXPECT_EQ(ExprToSql("overlay(s placing 'ab' from 2)"), "OVERLAY(s PLACING 'ab' FROM 2)");
}

TEST(ParserExprTest, PatternMatching) {
  auto like = MustParseExpr("name NOT ILIKE 'a%' ESCAPE '\\'");
  const auto& l = like->As<LikeExpr>();
  EXPECT_EQ(l.like_kind, LikeKind::kILike);
  EXPECT_TRUE(l.negated);
  ASSERT_NE(l.escape, nullptr);
  EXPECT_EQ(ToSql(*like), "name NOT ILIKE 'a%' ESCAPE '\\'");
  EXPECT_EQ(ExprToSql("a similar to 'x|y'"), "a SIMILAR TO 'x|y'");
  EXPECT_EQ(ExprToSql("a not similar to 'x' escape '#'"), "a NOT SIMILAR TO 'x' ESCAPE '#'");
}

TEST(ParserExprTest, InBetweenAndIs) {
  auto in_list = MustParseExpr("x IN (1, 2, 3)");
  EXPECT_EQ(in_list->As<InListExpr>().list.size(), 3u);
  auto in_query = MustParseExpr("x NOT IN (SELECT y FROM t)");
  ASSERT_EQ(in_query->kind, ExprKind::kInSubquery);
  EXPECT_TRUE(in_query->As<InSubqueryExpr>().negated);
  EXPECT_EQ(ToSql(*in_query), "x NOT IN (SELECT y FROM t)");

  auto between = MustParseExpr("x BETWEEN SYMMETRIC 5 AND 1");
  EXPECT_TRUE(between->As<BetweenExpr>().symmetric);
  EXPECT_EQ(ToSql(*between), "x BETWEEN SYMMETRIC 5 AND 1");
  EXPECT_EQ(ExprToSql("x BETWEEN ASYMMETRIC 1 AND 5"), "x BETWEEN 1 AND 5");

  EXPECT_EQ(ExprToSql("a IS NOT DISTINCT FROM b"), "a IS NOT DISTINCT FROM b");
  EXPECT_EQ(ExprToSql("a is distinct from b + 1"), "a IS DISTINCT FROM b + 1");
  EXPECT_EQ(ExprToSql("a IS TRUE OR b IS NOT FALSE OR c IS UNKNOWN"),
            "a IS TRUE OR b IS NOT FALSE OR c IS UNKNOWN");
}

TEST(ParserExprTest, Subqueries) {
  auto exists = MustParseExpr("NOT EXISTS (SELECT 1 FROM t)");
  ASSERT_EQ(exists->kind, ExprKind::kUnary);
  EXPECT_EQ(exists->As<UnaryExpr>().operand->kind, ExprKind::kExists);
  EXPECT_EQ(ToSql(*exists), "NOT EXISTS (SELECT 1 FROM t)");

  auto scalar = MustParseExpr("(SELECT max(x) FROM t) + 1");
  EXPECT_EQ(scalar->As<BinaryExpr>().left->kind, ExprKind::kSubquery);

  auto any = MustParseExpr("x = ANY (SELECT y FROM t)");
  const auto& q = any->As<QuantifiedExpr>();
  EXPECT_EQ(q.quantifier, Quantifier::kAny);
  EXPECT_EQ(q.op, BinaryOp::kEq);
  ASSERT_NE(q.subquery, nullptr);
  EXPECT_TRUE(any->Equals(*MustParseExpr("x = SOME (SELECT y FROM t)")));
  EXPECT_EQ(ExprToSql("x > ALL (SELECT y FROM t)"), "x > ALL (SELECT y FROM t)");
  auto array = MustParseExpr("x = ANY(arr)");
  EXPECT_EQ(array->As<QuantifiedExpr>().subquery, nullptr);
  EXPECT_EQ(ToSql(*array), "x = ANY (arr)");

  // A parenthesized subquery followed by UNION inside the same parentheses is one query.
  EXPECT_EQ(ExprToSql("((SELECT 1) UNION SELECT 2)"), "(SELECT 1 UNION SELECT 2)");
  EXPECT_EQ(ExprToSql("x IN ((SELECT 1) UNION (SELECT 2))"), "x IN (SELECT 1 UNION SELECT 2)");
  EXPECT_EQ(ExprToSql("((SELECT 1) ORDER BY 1 LIMIT 1)"), "(SELECT 1 ORDER BY 1 LIMIT 1)");
}

TEST(ParserExprTest, ArraysTuplesAndParameters) {
  EXPECT_EQ(ExprToSql("[1, 2, 3]"), "[1, 2, 3]");
  EXPECT_EQ(ExprToSql("ARRAY[1, 2]"), "[1, 2]");
  EXPECT_EQ(ExprToSql("[]"), "[]");
  EXPECT_EQ(ExprToSql("arr[i + 1]"), "arr[i + 1]");
  EXPECT_EQ(ExprToSql("[[1], [2]][1][1]"), "[[1], [2]][1][1]");
  auto tuple = MustParseExpr("(a, b) = (1, 2)");
  EXPECT_EQ(tuple->As<BinaryExpr>().left->kind, ExprKind::kTuple);
  EXPECT_EQ(ToSql(*tuple), "(a, b) = (1, 2)");
  auto param = MustParseExpr("$1 + ?");
  EXPECT_EQ(param->As<BinaryExpr>().left->As<ParameterExpr>().name, "$1");
  EXPECT_EQ(param->As<BinaryExpr>().right->As<ParameterExpr>().name, "?");
  EXPECT_EQ(ToSql(*param), "$1 + ?");
}

TEST(ParserExprTest, PositionsAreRecorded) {
  auto expr = MustParseExpr("a +\n  f(b)");
  EXPECT_EQ(expr->pos.line, 1);
  EXPECT_EQ(expr->pos.column, 3);  // the operator
  const auto& binary = expr->As<BinaryExpr>();
  EXPECT_EQ(binary.left->pos.line, 1);
  EXPECT_EQ(binary.left->pos.column, 1);
  EXPECT_EQ(binary.right->pos.line, 2);
  EXPECT_EQ(binary.right->pos.column, 3);
  EXPECT_EQ(binary.right->As<FunctionExpr>().args[0]->pos.column, 5);
}

TEST(ParserExprTest, CloneAndEquals) {
  auto original = MustParseExpr("CASE WHEN x IN (1, 2) THEN sum(y) FILTER (WHERE z) OVER w END");
  auto copy = original->Clone();
  EXPECT_TRUE(copy->Equals(*original));
  EXPECT_EQ(copy->pos.line, original->pos.line);
  EXPECT_EQ(copy->pos.column, original->pos.column);
  EXPECT_EQ(ToSql(*copy), ToSql(*original));
  // Positions and identifier quoting do not affect equality; values do.
  EXPECT_TRUE(MustParseExpr("a   +   b")->Equals(*MustParseExpr("\"a\" + b")));
  EXPECT_FALSE(MustParseExpr("a + b")->Equals(*MustParseExpr("a - b")));
  EXPECT_FALSE(MustParseExpr("a + b")->Equals(*MustParseExpr("a + c")));
  EXPECT_FALSE(MustParseExpr("\"A\"")->Equals(*MustParseExpr("a")));
  EXPECT_FALSE(MustParseExpr("1.0")->Equals(*MustParseExpr("1.00")));
  EXPECT_FALSE(MustParseExpr("f(x)")->Equals(*MustParseExpr("f(DISTINCT x)")));
}

}  // namespace
}  // namespace ballista::sql
