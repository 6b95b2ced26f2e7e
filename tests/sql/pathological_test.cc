#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "ballista/sql/parser.h"
#include "ballista/sql/sql_printer.h"
#include "sql_test_util.h"

namespace ballista::sql {
namespace {

std::string Repeat(std::string_view piece, int count) {
  std::string out;
  out.reserve(piece.size() * static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) out += piece;
  return out;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Whatever parses must print and parse back to an equal tree; anything else must be a
// syntax error. Returns true when `sql` parsed.
bool CheckParsesOrFailsCleanly(std::string_view sql) {
  auto statements = ParseStatements(sql);
  if (!statements.ok()) {
    EXPECT_EQ(statements.status().code(), StatusCode::kSyntaxError) << statements.status();
    EXPECT_EQ(statements.status().message().rfind("line ", 0), 0u) << statements.status();
    return false;
  }
  for (const auto& statement : *statements) {
    std::string printed = ToSql(*statement);
    auto again = ParseStatement(printed);
    EXPECT_TRUE(again.ok()) << printed << ": " << again.status();
    if (again.ok()) {
      EXPECT_TRUE(statement->Equals(**again)) << printed;
    }
  }
  return true;
}

TEST(PathologicalTest, DeepParenthesesAreRejected) {
  std::string sql = "SELECT " + Repeat("(", 1000) + "1" + Repeat(")", 1000);
  std::string error = testing::StatementError(sql);
  EXPECT_EQ(error.rfind("line 1, column ", 0), 0u) << error;
  EXPECT_TRUE(EndsWith(error, ": expression nested too deeply")) << error;
  // Far deeper input fails the same way instead of overflowing the stack.
  EXPECT_TRUE(EndsWith(testing::StatementError("SELECT " + Repeat("(", 200000)),
                       "expression nested too deeply"));
  // Moderate nesting is fine and round-trips.
  EXPECT_TRUE(CheckParsesOrFailsCleanly("SELECT " + Repeat("(", 100) + "1" + Repeat(")", 100)));
}

TEST(PathologicalTest, DeepPrefixOperatorsAndCalls) {
  EXPECT_TRUE(
      EndsWith(testing::ExprError(Repeat("NOT ", 100000) + "x"), "expression nested too deeply"));
  EXPECT_TRUE(
      EndsWith(testing::ExprError(Repeat("- ", 100000) + "x"), "expression nested too deeply"));
  EXPECT_TRUE(EndsWith(testing::ExprError(Repeat("f(", 5000) + "x" + Repeat(")", 5000)),
                       "expression nested too deeply"));
  EXPECT_TRUE(EndsWith(testing::ExprError(Repeat("[", 5000) + Repeat("]", 5000)),
                       "expression nested too deeply"));
  EXPECT_TRUE(EndsWith(testing::ExprError(Repeat("CASE WHEN ", 5000) + "x"),
                       "expression nested too deeply"));
  EXPECT_TRUE(CheckParsesOrFailsCleanly("SELECT " + Repeat("- ", 100) + "x"));
  EXPECT_TRUE(CheckParsesOrFailsCleanly("SELECT " + Repeat("NOT ", 100) + "x"));
}

TEST(PathologicalTest, LongOperatorChainsAreBounded) {
  // A left-deep chain does not recurse in the parser but builds a tall tree; its height is
  // capped so later recursive passes (printer, binder) stay within the stack.
  std::string long_chain = "SELECT 1" + Repeat(" + 1", 100000);
  EXPECT_TRUE(EndsWith(testing::StatementError(long_chain), "expression nested too deeply"));
  std::string ors = "SELECT * FROM t WHERE a = 0" + Repeat(" OR a = 1", 100000);
  EXPECT_TRUE(EndsWith(testing::StatementError(ors), "expression nested too deeply"));
  // Hundreds of terms are fine.
  EXPECT_TRUE(CheckParsesOrFailsCleanly("SELECT 1" + Repeat(" + 1", 500)));
  EXPECT_TRUE(CheckParsesOrFailsCleanly("SELECT * FROM t WHERE a = 0" + Repeat(" OR a = 1", 400)));
  // Parenthesized chains add up instead of starting over inside each pair of parentheses.
  std::string nested;
  for (int i = 0; i < 100; ++i)
    nested = "(" + nested + (nested.empty() ? "1" : "") + Repeat(" + 1", 50) + ")";
  EXPECT_TRUE(
      EndsWith(testing::StatementError("SELECT " + nested), "expression nested too deeply"));
}

TEST(PathologicalTest, DeepQueriesJoinsAndSetOperations) {
  std::string subqueries = Repeat("SELECT * FROM (", 5000) + "SELECT 1" + Repeat(")", 5000);
  EXPECT_TRUE(EndsWith(testing::StatementError(subqueries), "query nested too deeply"));
  EXPECT_TRUE(
      CheckParsesOrFailsCleanly(Repeat("SELECT * FROM (", 50) + "SELECT 1" + Repeat(") t", 50)));

  std::string joins = "SELECT * FROM t0" + Repeat(" JOIN t ON TRUE", 100000);
  EXPECT_TRUE(EndsWith(testing::StatementError(joins), "query nested too deeply"));
  EXPECT_TRUE(CheckParsesOrFailsCleanly("SELECT * FROM t0" + Repeat(" JOIN t ON TRUE", 300)));

  std::string unions = "SELECT 1" + Repeat(" UNION ALL SELECT 1", 100000);
  EXPECT_TRUE(EndsWith(testing::StatementError(unions), "query nested too deeply"));
  EXPECT_TRUE(CheckParsesOrFailsCleanly("SELECT 1" + Repeat(" UNION ALL SELECT 1", 300)));

  std::string paren_from = "SELECT * FROM " + Repeat("(", 100000) + "t";
  EXPECT_TRUE(EndsWith(testing::StatementError(paren_from), "query nested too deeply"));
  std::string explains = Repeat("EXPLAIN ", 100000) + "SELECT 1";
  EXPECT_TRUE(EndsWith(testing::StatementError(explains), "statement nested too deeply"));
}

TEST(PathologicalTest, HugeFlatInputsParse) {
  // Lists are flat vectors, so their length is limited only by memory.
  std::string items = "SELECT c0";
  for (int i = 1; i < 100000; ++i) items += ", c" + std::to_string(i);
  auto statement = ParseStatement(items + " FROM t");
  ASSERT_TRUE(statement.ok()) << statement.status();
  EXPECT_EQ(testing::TopSelect(**statement).items.size(), 100000u);

  auto in_list = ParseExpression("x IN (0" + Repeat(", 1", 200000) + ")");
  ASSERT_TRUE(in_list.ok()) << in_list.status();
  EXPECT_EQ((*in_list)->As<InListExpr>().list.size(), 200001u);

  auto values = ParseStatement("VALUES (1, 'a')" + Repeat(", (2, 'b')", 100000));
  ASSERT_TRUE(values.ok()) << values.status();

  auto statements = ParseStatements(Repeat("SELECT 1;", 20000));
  ASSERT_TRUE(statements.ok());
  EXPECT_EQ(statements->size(), 20000u);

  std::string comment = "SELECT /*" + Repeat("x", 1 << 20) + "*/ 1";
  EXPECT_TRUE(ParseStatement(comment).ok());
  EXPECT_EQ(testing::StatementError("SELECT 1 " + Repeat("/*", 100000)),
            "line 1, column 10: unterminated /* comment");
  auto name = ParseExpression(Repeat("a.", 50000) + "a");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ((*name)->As<ColumnRefExpr>().name.size(), 50001u);
}

TEST(PathologicalTest, RandomBytesNeverCrash) {
  std::mt19937 rng(20240601);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 300);
  for (int i = 0; i < 3000; ++i) {
    std::string input;
    int n = length(rng);
    for (int j = 0; j < n; ++j) input.push_back(static_cast<char>(byte(rng)));
    CheckParsesOrFailsCleanly(input);
  }
}

TEST(PathologicalTest, RandomTokenSoupNeverCrashes) {
  // Random sequences of real tokens reach much deeper into the grammar than random bytes.
  const std::vector<std::string> vocabulary = {
      "SELECT",    "FROM",   "WHERE",    "GROUP",     "BY",        "ORDER",    "HAVING",
      "LIMIT",     "OFFSET", "UNION",    "INTERSECT", "EXCEPT",    "ALL",      "DISTINCT",
      "JOIN",      "LEFT",   "ON",       "USING",     "AS",        "AND",      "OR",
      "NOT",       "IN",     "IS",       "NULL",      "LIKE",      "BETWEEN",  "CASE",
      "WHEN",      "THEN",   "ELSE",     "END",       "CAST",      "INTERVAL", "DATE",
      "EXISTS",    "WITH",   "VALUES",   "OVER",      "PARTITION", "ROWS",     "PRECEDING",
      "CURRENT",   "ROW",    "(",        ")",         ",",         "+",        "-",
      "*",         "/",      "=",        "<",         "::",        "||",       "[",
      "]",         ".",      "a",        "b",         "t",         "f",        "1",
      "2.5",       "'s'",    "$1",       "?",         "year",      "date",     "EXTRACT",
      "SUBSTRING", "TRIM",   "POSITION", "ROLLUP",    "GROUPING",  "SETS",     "FILTER",
      "LATERAL",   "INT",    ";"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, vocabulary.size() - 1);
  std::uniform_int_distribution<int> length(1, 40);
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string input = "SELECT ";
    int n = length(rng);
    for (int j = 0; j < n; ++j) input += vocabulary[pick(rng)] + " ";
    if (CheckParsesOrFailsCleanly(input)) ++parsed;
  }
  // The soup is mostly invalid, but a fair share parses and round-trips.
  EXPECT_GT(parsed, 100);
}

// Inputs found by tests/fuzz/sql_parser_fuzz.cc, kept so the failures stay fixed.
TEST(PathologicalTest, FuzzRegressions) {
  // 135 nested unary '+' parsed within the nesting limit, but the printer wrapped each in
  // parentheses, so the printed text nested twice as deep and no longer parsed.
  std::string deep_unary = "\nselect\n  e" + Repeat("+", 135) + "INTE" + Repeat("+", 10) +
                           "\xff\xff\xff" "m" "\xff\xff\xff\xff" "0" +
                           Repeat("\xff", 7) + "ct\n";
  EXPECT_TRUE(CheckParsesOrFailsCleanly(deep_unary));
}

}  // namespace
}  // namespace ballista::sql
