#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "ballista/sql/parser.h"
#include "ballista/sql/sql_printer.h"

namespace ballista::sql::testing {

/// Parses one expression and prints it back; a parse failure becomes the error text so that
/// EXPECT_EQ shows it.
inline std::string ExprToSql(std::string_view sql) {
  auto expr = ParseExpression(sql);
  if (!expr.ok()) return "ERROR: " + expr.status().ToString();
  return ToSql(**expr);
}

/// Parses one statement and prints it back (or the error text).
inline std::string StatementToSql(std::string_view sql) {
  auto statement = ParseStatement(sql);
  if (!statement.ok()) return "ERROR: " + statement.status().ToString();
  return ToSql(**statement);
}

/// The message of the error from parsing `sql` as a statement; empty if it parsed.
inline std::string StatementError(std::string_view sql) {
  auto statement = ParseStatement(sql);
  if (statement.ok()) return "";
  EXPECT_EQ(statement.status().code(), StatusCode::kSyntaxError) << statement.status();
  return statement.status().message();
}

/// The message of the error from parsing `sql` as an expression; empty if it parsed.
inline std::string ExprError(std::string_view sql) {
  auto expr = ParseExpression(sql);
  if (expr.ok()) return "";
  EXPECT_EQ(expr.status().code(), StatusCode::kSyntaxError) << expr.status();
  return expr.status().message();
}

/// Parses `sql` as an expression; the test fails (and null is returned) when it does not parse.
inline ExprPtr MustParseExpr(std::string_view sql) {
  auto expr = ParseExpression(sql);
  EXPECT_TRUE(expr.ok()) << sql << ": " << expr.status();
  if (!expr.ok()) return nullptr;
  return std::move(expr).MoveValueUnsafe();
}

/// Parses `sql` as one statement; the test fails (and null is returned) when it does not parse.
inline StatementPtr MustParse(std::string_view sql) {
  auto statement = ParseStatement(sql);
  EXPECT_TRUE(statement.ok()) << sql << ": " << statement.status();
  if (!statement.ok()) return nullptr;
  return std::move(statement).MoveValueUnsafe();
}

/// The Select at the top of a parsed query statement; the caller has checked it is one.
inline const Select& TopSelect(const Statement& statement) {
  return statement.As<QueryStatement>().query->body->As<Select>();
}

}  // namespace ballista::sql::testing

namespace ballista::sql::testing {

/// The shape of an expression tree as an S-expression, so tests can check how operators
/// grouped: "a + b * c" gives "(+ a (* b c))". Nodes without operators print as SQL.
inline std::string Tree(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kBinary: {
      const auto& b = e.As<BinaryExpr>();
      return "(" + std::string(BinaryOpText(b.op)) + " " + Tree(*b.left) + " " + Tree(*b.right) +
             ")";
    }
    case ExprKind::kUnary: {
      const auto& u = e.As<UnaryExpr>();
      std::string op = u.op == UnaryOp::kNot     ? "NOT"
                       : u.op == UnaryOp::kMinus ? "neg"
                       : u.op == UnaryOp::kPlus  ? "pos"
                                                 : "~";
      return "(" + op + " " + Tree(*u.operand) + ")";
    }
    case ExprKind::kIsTest: {
      const auto& t = e.As<IsTestExpr>();
      const char* names[] = {"NULL", "TRUE", "FALSE", "UNKNOWN"};
      return std::string("(IS ") + (t.negated ? "NOT " : "") + names[static_cast<int>(t.test)] +
             " " + Tree(*t.operand) + ")";
    }
    case ExprKind::kLike: {
      const auto& l = e.As<LikeExpr>();
      std::string out = std::string("(") + (l.negated ? "NOT " : "") + "LIKE " + Tree(*l.expr) +
                        " " + Tree(*l.pattern);
      if (l.escape) out += " ESCAPE " + Tree(*l.escape);
      return out + ")";
    }
    case ExprKind::kBetween: {
      const auto& b = e.As<BetweenExpr>();
      return std::string("(") + (b.negated ? "NOT " : "") + "BETWEEN " + Tree(*b.expr) + " " +
             Tree(*b.low) + " " + Tree(*b.high) + ")";
    }
    case ExprKind::kInList: {
      const auto& in = e.As<InListExpr>();
      std::string out = std::string("(") + (in.negated ? "NOT " : "") + "IN " + Tree(*in.expr);
      for (const auto& item : in.list) out += " " + Tree(*item);
      return out + ")";
    }
    case ExprKind::kCast: {
      const auto& c = e.As<CastExpr>();
      return "(:: " + Tree(*c.expr) + " " + FormatTypeName(c.type) + ")";
    }
    case ExprKind::kSubscript: {
      const auto& s = e.As<SubscriptExpr>();
      return "([] " + Tree(*s.expr) + " " + Tree(*s.index) + ")";
    }
    default:
      return ToSql(e);
  }
}

/// Tree() of a parsed expression, or the error text.
inline std::string ParseTree(std::string_view sql) {
  auto expr = ParseExpression(sql);
  if (!expr.ok()) return "ERROR: " + expr.status().ToString();
  return Tree(**expr);
}

}  // namespace ballista::sql::testing
