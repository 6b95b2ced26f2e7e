#pragma once

#include "ballista/sql/ast_expr.h"

namespace ballista::sql {

/// Binding strength of expression operators, weakest first. Shared by the parser (which builds
/// trees by it) and the printer (which adds parentheses by it), so the two cannot drift apart.
/// Follows PostgreSQL: OR < AND < NOT < comparisons, IS, LIKE, IN, BETWEEN < other operators
/// (bitwise, regex) < + - || < * / % < unary - + ~ < :: < [] subscripts < atoms.
struct Precedence {
  static constexpr int kLowest = 0;
  static constexpr int kOr = 1;
  static constexpr int kAnd = 2;
  static constexpr int kNot = 3;
  static constexpr int kComparison = 4;
  static constexpr int kOther = 5;
  static constexpr int kAdditive = 6;
  static constexpr int kMultiplicative = 7;
  static constexpr int kUnary = 8;
  static constexpr int kCast = 9;
  static constexpr int kPostfix = 10;
  static constexpr int kAtom = 11;
};

/// Precedence of a binary operator.
inline int BinaryOpPrecedence(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return Precedence::kOr;
    case BinaryOp::kAnd:
      return Precedence::kAnd;
    case BinaryOp::kEq:
    case BinaryOp::kNotEq:
    case BinaryOp::kLt:
    case BinaryOp::kLtEq:
    case BinaryOp::kGt:
    case BinaryOp::kGtEq:
      return Precedence::kComparison;
    case BinaryOp::kPlus:
    case BinaryOp::kMinus:
    case BinaryOp::kConcat:
      return Precedence::kAdditive;
    case BinaryOp::kMultiply:
    case BinaryOp::kDivide:
    case BinaryOp::kModulo:
      return Precedence::kMultiplicative;
    case BinaryOp::kBitwiseAnd:
    case BinaryOp::kBitwiseOr:
    case BinaryOp::kBitwiseXor:
    case BinaryOp::kShiftLeft:
    case BinaryOp::kShiftRight:
    case BinaryOp::kRegexMatch:
    case BinaryOp::kRegexIMatch:
    case BinaryOp::kRegexNotMatch:
    case BinaryOp::kRegexNotIMatch:
      return Precedence::kOther;
  }
  return Precedence::kOther;
}

}  // namespace ballista::sql
