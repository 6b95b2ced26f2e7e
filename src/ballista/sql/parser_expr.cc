#include <algorithm>
#include <string>
#include <utility>

#include "ballista/sql/parser_core.h"
#include "ballista/sql/precedence.h"

namespace ballista::sql {
namespace {

template <typename T>
ExprPtr At(std::unique_ptr<T> node, SourcePos pos) {
  node->pos = pos;
  return node;
}

IntervalField IntervalFieldOf(const Token& token) {
  if (token.kind != TokenKind::kWord) return IntervalField::kNone;
  switch (token.keyword) {
    case Keyword::kYear:
      return IntervalField::kYear;
    case Keyword::kMonth:
      return IntervalField::kMonth;
    case Keyword::kDay:
      return IntervalField::kDay;
    case Keyword::kHour:
      return IntervalField::kHour;
    case Keyword::kMinute:
      return IntervalField::kMinute;
    case Keyword::kSecond:
      return IntervalField::kSecond;
    default:
      return IntervalField::kNone;
  }
}

bool IsComparisonToken(TokenKind kind, BinaryOp* op) {
  switch (kind) {
    case TokenKind::kEq:
      *op = BinaryOp::kEq;
      return true;
    case TokenKind::kNotEq:
      *op = BinaryOp::kNotEq;
      return true;
    case TokenKind::kLt:
      *op = BinaryOp::kLt;
      return true;
    case TokenKind::kLtEq:
      *op = BinaryOp::kLtEq;
      return true;
    case TokenKind::kGt:
      *op = BinaryOp::kGt;
      return true;
    case TokenKind::kGtEq:
      *op = BinaryOp::kGtEq;
      return true;
    default:
      return false;
  }
}

bool IsArithmeticToken(TokenKind kind, BinaryOp* op) {
  switch (kind) {
    case TokenKind::kPlus:
      *op = BinaryOp::kPlus;
      return true;
    case TokenKind::kMinus:
      *op = BinaryOp::kMinus;
      return true;
    case TokenKind::kConcat:
      *op = BinaryOp::kConcat;
      return true;
    case TokenKind::kStar:
      *op = BinaryOp::kMultiply;
      return true;
    case TokenKind::kSlash:
      *op = BinaryOp::kDivide;
      return true;
    case TokenKind::kPercent:
      *op = BinaryOp::kModulo;
      return true;
    case TokenKind::kAmpersand:
      *op = BinaryOp::kBitwiseAnd;
      return true;
    case TokenKind::kPipe:
      *op = BinaryOp::kBitwiseOr;
      return true;
    case TokenKind::kCaret:
      *op = BinaryOp::kBitwiseXor;
      return true;
    case TokenKind::kShiftLeft:
      *op = BinaryOp::kShiftLeft;
      return true;
    case TokenKind::kShiftRight:
      *op = BinaryOp::kShiftRight;
      return true;
    case TokenKind::kTilde:
      *op = BinaryOp::kRegexMatch;
      return true;
    case TokenKind::kTildeStar:
      *op = BinaryOp::kRegexIMatch;
      return true;
    case TokenKind::kNotTilde:
      *op = BinaryOp::kRegexNotMatch;
      return true;
    case TokenKind::kNotTildeStar:
      *op = BinaryOp::kRegexNotIMatch;
      return true;
    default:
      return false;
  }
}

}  // namespace

// --- Precedence climbing ---------------------------------------------------------------------

Result<ExprPtr> Parser::ParseExpr(int min_precedence) {
  NestingGuard guard(this);
  if (guard.TooDeep()) return ErrorAt(Peek(), "expression nested too deeply");
  int saved_height = height_;
  height_ = 0;
  ASSIGN_OR_RAISE(ExprPtr left, ParsePrefix());
  int height = height_ + 1;
  while (true) {
    int precedence = PeekInfixPrecedence();
    if (precedence == 0 || precedence < min_precedence) break;
    const Token& op_token = Peek();
    height_ = 0;
    ASSIGN_OR_RAISE(left, ParseInfix(std::move(left), precedence));
    height = std::max(height, height_) + 1;
    RETURN_NOT_OK(NoteHeight(height, op_token, "expression"));
  }
  height_ = std::max(saved_height, height);
  return left;
}

int Parser::PeekInfixPrecedence() const {
  const Token& token = Peek();
  BinaryOp op;
  if (IsComparisonToken(token.kind, &op)) return Precedence::kComparison;
  if (IsArithmeticToken(token.kind, &op)) return BinaryOpPrecedence(op);
  if (token.kind == TokenKind::kDoubleColon) return Precedence::kCast;
  if (token.kind == TokenKind::kLBracket) return Precedence::kPostfix;
  if (token.kind != TokenKind::kWord) return 0;
  switch (token.keyword) {
    case Keyword::kOr:
      return Precedence::kOr;
    case Keyword::kAnd:
      return Precedence::kAnd;
    case Keyword::kIs:
    case Keyword::kLike:
    case Keyword::kIlike:
    case Keyword::kIn:
    case Keyword::kBetween:
      return Precedence::kComparison;
    case Keyword::kSimilar:
      return PeekKeyword(Keyword::kTo, 1) ? Precedence::kComparison : 0;
    case Keyword::kNot:
      // NOT after an operand only starts NOT LIKE / NOT IN / NOT BETWEEN / NOT SIMILAR TO.
      if (PeekKeyword(Keyword::kLike, 1) || PeekKeyword(Keyword::kIlike, 1) ||
          PeekKeyword(Keyword::kIn, 1) || PeekKeyword(Keyword::kBetween, 1) ||
          (PeekKeyword(Keyword::kSimilar, 1) && PeekKeyword(Keyword::kTo, 2))) {
        return Precedence::kComparison;
      }
      return 0;
    default:
      return 0;
  }
}

Result<ExprPtr> Parser::ParseInfix(ExprPtr left, int precedence) {
  const Token& op_token = Peek();
  SourcePos pos = op_token.pos;
  BinaryOp op;
  if (IsComparisonToken(op_token.kind, &op)) {
    Next();
    return ParseComparisonRight(std::move(left), op, op_token);
  }
  if (IsArithmeticToken(op_token.kind, &op)) {
    Next();
    ASSIGN_OR_RAISE(ExprPtr right, ParseExpr(precedence + 1));
    return At(std::make_unique<BinaryExpr>(op, std::move(left), std::move(right)), pos);
  }
  if (op_token.kind == TokenKind::kDoubleColon) {
    Next();
    ASSIGN_OR_RAISE(TypeName type, ParseTypeName());
    return At(std::make_unique<CastExpr>(std::move(left), std::move(type), CastStyle::kDoubleColon),
              pos);
  }
  if (op_token.kind == TokenKind::kLBracket) {
    Next();
    ASSIGN_OR_RAISE(ExprPtr index, ParseExpr());
    RETURN_NOT_OK(Expect(TokenKind::kRBracket));
    return At(std::make_unique<SubscriptExpr>(std::move(left), std::move(index)), pos);
  }
  switch (op_token.keyword) {
    case Keyword::kOr:
    case Keyword::kAnd: {
      Next();
      BinaryOp logical = op_token.keyword == Keyword::kOr ? BinaryOp::kOr : BinaryOp::kAnd;
      ASSIGN_OR_RAISE(ExprPtr right, ParseExpr(precedence + 1));
      return At(std::make_unique<BinaryExpr>(logical, std::move(left), std::move(right)), pos);
    }
    case Keyword::kIs:
      Next();
      return ParseIsSuffix(std::move(left), op_token);
    case Keyword::kNot:
      Next();
      return ParseNegatableSuffix(std::move(left), /*negated=*/true, op_token);
    default:
      return ParseNegatableSuffix(std::move(left), /*negated=*/false, op_token);
  }
}

Result<ExprPtr> Parser::ParseComparisonRight(ExprPtr left, BinaryOp op, const Token& op_token) {
  bool quantified =
      (PeekKeyword(Keyword::kAny) || PeekKeyword(Keyword::kSome) || PeekKeyword(Keyword::kAll)) &&
      PeekIs(TokenKind::kLParen, 1);
  if (!quantified) {
    ASSIGN_OR_RAISE(ExprPtr right, ParseExpr(Precedence::kComparison + 1));
    return At(std::make_unique<BinaryExpr>(op, std::move(left), std::move(right)), op_token.pos);
  }
  Quantifier quantifier = PeekKeyword(Keyword::kAll) ? Quantifier::kAll : Quantifier::kAny;
  Next();
  Next();
  auto node = std::make_unique<QuantifiedExpr>(std::move(left), op, quantifier);
  if (PeekQueryStart()) {
    ASSIGN_OR_RAISE(node->subquery, ParseQuery());
  } else {
    ASSIGN_OR_RAISE(ExprPtr array, ParseExpr());
    ASSIGN_OR_RAISE(node->array, ContinueSubqueryExpr(std::move(array)));
  }
  RETURN_NOT_OK(Expect(TokenKind::kRParen));
  return At(std::move(node), op_token.pos);
}

Result<ExprPtr> Parser::ParseIsSuffix(ExprPtr left, const Token& op_token) {
  bool negated = ConsumeKeyword(Keyword::kNot);
  IsTestKind test;
  if (ConsumeKeyword(Keyword::kNull)) {
    test = IsTestKind::kNull;
  } else if (ConsumeKeyword(Keyword::kTrue)) {
    test = IsTestKind::kTrue;
  } else if (ConsumeKeyword(Keyword::kFalse)) {
    test = IsTestKind::kFalse;
  } else if (ConsumeKeyword(Keyword::kUnknown)) {
    test = IsTestKind::kUnknown;
  } else if (ConsumeKeyword(Keyword::kDistinct)) {
    RETURN_NOT_OK(ExpectKeyword(Keyword::kFrom));
    ASSIGN_OR_RAISE(ExprPtr right, ParseExpr(Precedence::kComparison + 1));
    return At(std::make_unique<IsDistinctFromExpr>(std::move(left), std::move(right), negated),
              op_token.pos);
  } else {
    return ErrorExpected("NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM");
  }
  return At(std::make_unique<IsTestExpr>(std::move(left), test, negated), op_token.pos);
}

Result<ExprPtr> Parser::ParseNegatableSuffix(ExprPtr left, bool negated, const Token& op_token) {
  SourcePos pos = op_token.pos;
  if (PeekKeyword(Keyword::kLike) || PeekKeyword(Keyword::kIlike) ||
      PeekKeyword(Keyword::kSimilar)) {
    LikeKind kind = PeekKeyword(Keyword::kLike)    ? LikeKind::kLike
                    : PeekKeyword(Keyword::kIlike) ? LikeKind::kILike
                                                   : LikeKind::kSimilarTo;
    Next();
    if (kind == LikeKind::kSimilarTo) RETURN_NOT_OK(ExpectKeyword(Keyword::kTo));
    ASSIGN_OR_RAISE(ExprPtr pattern, ParseExpr(Precedence::kComparison + 1));
    auto node = std::make_unique<LikeExpr>(kind, negated, std::move(left), std::move(pattern));
    if (ConsumeKeyword(Keyword::kEscape)) {
      ASSIGN_OR_RAISE(node->escape, ParseExpr(Precedence::kComparison + 1));
    }
    return At(std::move(node), pos);
  }
  if (ConsumeKeyword(Keyword::kIn)) {
    RETURN_NOT_OK(Expect(TokenKind::kLParen));
    if (PeekQueryStart()) {
      ASSIGN_OR_RAISE(QueryPtr query, ParseQuery());
      RETURN_NOT_OK(Expect(TokenKind::kRParen));
      return At(std::make_unique<InSubqueryExpr>(std::move(left), std::move(query), negated), pos);
    }
    ASSIGN_OR_RAISE(ExprList list, ParseExprList());
    if (list.size() == 1 && list[0]->kind == ExprKind::kSubquery && PeekQueryContinuation()) {
      // x IN ((SELECT ...) UNION SELECT ...): the list was really a query.
      ASSIGN_OR_RAISE(ExprPtr subquery, ContinueSubqueryExpr(std::move(list[0])));
      RETURN_NOT_OK(Expect(TokenKind::kRParen));
      QueryPtr query = std::move(subquery->As<SubqueryExpr>().query);
      return At(std::make_unique<InSubqueryExpr>(std::move(left), std::move(query), negated), pos);
    }
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
    return At(std::make_unique<InListExpr>(std::move(left), std::move(list), negated), pos);
  }
  if (ConsumeKeyword(Keyword::kBetween)) {
    bool symmetric = ConsumeKeyword(Keyword::kSymmetric);
    if (!symmetric) ConsumeKeyword(Keyword::kAsymmetric);
    ASSIGN_OR_RAISE(ExprPtr low, ParseExpr(Precedence::kComparison + 1));
    RETURN_NOT_OK(ExpectKeyword(Keyword::kAnd));
    ASSIGN_OR_RAISE(ExprPtr high, ParseExpr(Precedence::kComparison + 1));
    auto node =
        std::make_unique<BetweenExpr>(std::move(left), std::move(low), std::move(high), negated);
    node->symmetric = symmetric;
    return At(std::move(node), pos);
  }
  return ErrorExpected("LIKE, ILIKE, SIMILAR TO, IN or BETWEEN");
}

// --- Operands --------------------------------------------------------------------------------

Result<ExprPtr> Parser::ParsePrefix() {
  const Token& token = Peek();
  SourcePos pos = token.pos;
  switch (token.kind) {
    case TokenKind::kNumber:
      Next();
      return At(LiteralExpr::Number(token.value), pos);
    case TokenKind::kString:
      Next();
      return At(LiteralExpr::String(token.value), pos);
    case TokenKind::kParameter:
      Next();
      return At(std::make_unique<ParameterExpr>(std::string(token.text)), pos);
    case TokenKind::kLParen:
      return ParseParenthesized();
    case TokenKind::kLBracket:
      return ParseArray();
    case TokenKind::kMinus:
    case TokenKind::kPlus:
    case TokenKind::kTilde: {
      Next();
      UnaryOp op = token.kind == TokenKind::kMinus  ? UnaryOp::kMinus
                   : token.kind == TokenKind::kPlus ? UnaryOp::kPlus
                                                    : UnaryOp::kBitwiseNot;
      ASSIGN_OR_RAISE(ExprPtr operand, ParseExpr(Precedence::kUnary + 1));
      return At(std::make_unique<UnaryExpr>(op, std::move(operand)), pos);
    }
    case TokenKind::kQuotedIdentifier:
      return ParseNameExpr();
    case TokenKind::kWord:
      return ParseWordExpr();
    default:
      return ErrorExpected("an expression");
  }
}

Result<ExprPtr> Parser::ParseWordExpr() {
  const Token& token = Peek();
  SourcePos pos = token.pos;
  bool call = PeekIs(TokenKind::kLParen, 1);
  switch (token.keyword) {
    case Keyword::kNot: {
      Next();
      ASSIGN_OR_RAISE(ExprPtr operand, ParseExpr(Precedence::kNot));
      return At(std::make_unique<UnaryExpr>(UnaryOp::kNot, std::move(operand)), pos);
    }
    case Keyword::kNull:
      Next();
      return At(LiteralExpr::Null(), pos);
    case Keyword::kTrue:
      Next();
      return At(LiteralExpr::Boolean(true), pos);
    case Keyword::kFalse:
      Next();
      return At(LiteralExpr::Boolean(false), pos);
    case Keyword::kCase:
      return ParseCase();
    case Keyword::kCast:
      return ParseCast(CastStyle::kCast);
    case Keyword::kInterval:
      return ParseInterval();
    case Keyword::kExists: {
      Next();
      RETURN_NOT_OK(Expect(TokenKind::kLParen));
      ASSIGN_OR_RAISE(QueryPtr query, ParseQuery());
      RETURN_NOT_OK(Expect(TokenKind::kRParen));
      return At(std::make_unique<ExistsExpr>(std::move(query)), pos);
    }
    case Keyword::kArray:
      if (PeekIs(TokenKind::kLBracket, 1)) return ParseArray();
      break;
    case Keyword::kTryCast:
      if (call) return ParseCast(CastStyle::kTryCast);
      break;
    case Keyword::kDate:
    case Keyword::kTime:
    case Keyword::kTimestamp:
      if (PeekTypedStringLiteral()) return ParseTypedString();
      break;
    case Keyword::kExtract:
      if (call) return ParseExtract();
      break;
    case Keyword::kSubstring:
      if (call) return ParseSubstring();
      break;
    case Keyword::kPosition:
      if (call) return ParsePosition();
      break;
    case Keyword::kTrim:
      if (call) return ParseTrim();
      break;
    case Keyword::kOverlay:
      if (call) return ParseOverlay();
      break;
    case Keyword::kCurrentDate:
    case Keyword::kCurrentTime:
    case Keyword::kCurrentTimestamp:
      // SQL writes these without parentheses; they are ordinary zero-argument functions.
      if (!call) {
        Next();
        return At(std::make_unique<FunctionExpr>(ObjectName{Ident{token.value, false}}), pos);
      }
      break;
    default:
      break;
  }
  KeywordClass cls = KeywordClassOf(token.keyword);
  if (cls == KeywordClass::kReserved || (cls == KeywordClass::kReservedFunction && !call)) {
    return ErrorExpected("an expression");
  }
  return ParseNameExpr();
}

Result<ExprPtr> Parser::ParseNameExpr() {
  const Token& first = Next();
  SourcePos pos = first.pos;
  ObjectName name;
  name.push_back(Ident{first.value, first.kind == TokenKind::kQuotedIdentifier});
  while (PeekIs(TokenKind::kDot)) {
    Next();
    ASSIGN_OR_RAISE(Ident part, ParseIdentOrKeyword());
    name.push_back(std::move(part));
  }
  if (PeekIs(TokenKind::kLParen)) return ParseFunctionCall(std::move(name), pos);
  return At(std::make_unique<ColumnRefExpr>(std::move(name)), pos);
}

Result<ExprPtr> Parser::ParseFunctionCall(ObjectName name, SourcePos pos) {
  RETURN_NOT_OK(Expect(TokenKind::kLParen));
  auto call = std::make_unique<FunctionExpr>(std::move(name));
  call->distinct = ConsumeKeyword(Keyword::kDistinct);
  if (!call->distinct) ConsumeKeyword(Keyword::kAll);
  if (call->distinct || !PeekIs(TokenKind::kRParen)) {
    do {
      ASSIGN_OR_RAISE(ExprPtr arg, ParseFunctionArg());
      call->args.push_back(std::move(arg));
    } while (ConsumeIf(TokenKind::kComma));
    if (ConsumeKeywords(Keyword::kOrder, Keyword::kBy)) {
      ASSIGN_OR_RAISE(call->order_by, ParseOrderByList());
    }
  }
  RETURN_NOT_OK(Expect(TokenKind::kRParen));
  if (PeekKeyword(Keyword::kFilter) && PeekIs(TokenKind::kLParen, 1)) {
    Next();
    Next();
    RETURN_NOT_OK(ExpectKeyword(Keyword::kWhere));
    ASSIGN_OR_RAISE(call->filter, ParseExpr());
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
  }
  if (ConsumeKeyword(Keyword::kOver)) {
    if (PeekIs(TokenKind::kLParen)) {
      ASSIGN_OR_RAISE(call->over, ParseWindowSpec());
    } else {
      ASSIGN_OR_RAISE(Ident window, ParseIdent());
      call->over_name = std::move(window);
    }
  }
  return At(std::move(call), pos);
}

Result<ExprPtr> Parser::ParseFunctionArg() {
  if (PeekWildcard()) return ParseWildcard();
  return ParseExpr();
}

bool Parser::PeekWildcard() const {
  if (PeekIs(TokenKind::kStar)) return true;
  for (size_t i = 0;; i += 2) {
    const Token& token = Peek(i);
    if (token.kind != TokenKind::kWord && token.kind != TokenKind::kQuotedIdentifier) return false;
    if (!PeekIs(TokenKind::kDot, i + 1)) return false;
    if (PeekIs(TokenKind::kStar, i + 2)) return true;
  }
}

Result<ExprPtr> Parser::ParseWildcard() {
  SourcePos pos = Peek().pos;
  auto wildcard = std::make_unique<WildcardExpr>();
  while (!PeekIs(TokenKind::kStar)) {
    ASSIGN_OR_RAISE(Ident part, ParseIdentOrKeyword());
    wildcard->qualifier.push_back(std::move(part));
    RETURN_NOT_OK(Expect(TokenKind::kDot));
  }
  Next();  // '*'
  if (ConsumeKeyword(Keyword::kExclude)) {
    if (PeekIs(TokenKind::kLParen)) {
      ASSIGN_OR_RAISE(wildcard->excluded, ParseParenIdentList());
    } else {
      ASSIGN_OR_RAISE(Ident column, ParseIdent());
      wildcard->excluded.push_back(std::move(column));
    }
  } else if (PeekKeyword(Keyword::kExcept) && PeekIs(TokenKind::kLParen, 1) && PeekIdentifier(2)) {
    // `* EXCEPT (a, b)` drops columns; `* EXCEPT (SELECT ...)` is a set operation instead.
    Next();
    ASSIGN_OR_RAISE(wildcard->excluded, ParseParenIdentList());
  }
  return At(std::move(wildcard), pos);
}

Result<ExprPtr> Parser::ParseParenthesized() {
  SourcePos pos = Next().pos;  // '('
  if (PeekQueryStart()) {
    ASSIGN_OR_RAISE(QueryPtr query, ParseQuery());
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
    return At(std::make_unique<SubqueryExpr>(std::move(query)), pos);
  }
  ASSIGN_OR_RAISE(ExprPtr first, ParseExpr());
  if (PeekIs(TokenKind::kComma)) {
    ExprList elements;
    elements.push_back(std::move(first));
    while (ConsumeIf(TokenKind::kComma)) {
      ASSIGN_OR_RAISE(ExprPtr element, ParseExpr());
      elements.push_back(std::move(element));
    }
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
    return At(std::make_unique<TupleExpr>(std::move(elements)), pos);
  }
  int inner_height = height_;
  ASSIGN_OR_RAISE(first, ContinueSubqueryExpr(std::move(first)));
  RETURN_NOT_OK(Expect(TokenKind::kRParen));
  // Grouping parentheses add no tree level; ParseExpr adds one for every prefix, so report one
  // less. This keeps the measured height independent of how many parentheses were written.
  if (first->kind != ExprKind::kSubquery) height_ = inner_height - 1;
  return first;
}

Result<ExprPtr> Parser::ContinueSubqueryExpr(ExprPtr expr) {
  if (expr->kind != ExprKind::kSubquery || !PeekQueryContinuation()) return expr;
  auto& subquery = expr->As<SubqueryExpr>();
  ASSIGN_OR_RAISE(subquery.query, ContinueQuery(std::move(subquery.query)));
  return expr;
}

Result<ExprList> Parser::ParseExprList() {
  ExprList list;
  do {
    ASSIGN_OR_RAISE(ExprPtr expr, ParseExpr());
    list.push_back(std::move(expr));
  } while (ConsumeIf(TokenKind::kComma));
  return list;
}

Result<std::vector<OrderByItem>> Parser::ParseOrderByList() {
  std::vector<OrderByItem> items;
  do {
    OrderByItem item;
    ASSIGN_OR_RAISE(item.expr, ParseExpr());
    if (ConsumeKeyword(Keyword::kAsc)) {
      item.ascending = true;
    } else if (ConsumeKeyword(Keyword::kDesc)) {
      item.ascending = false;
    }
    if (ConsumeKeyword(Keyword::kNulls)) {
      if (ConsumeKeyword(Keyword::kFirst)) {
        item.nulls_first = true;
      } else if (ConsumeKeyword(Keyword::kLast)) {
        item.nulls_first = false;
      } else {
        return ErrorExpected("FIRST or LAST");
      }
    }
    items.push_back(std::move(item));
  } while (ConsumeIf(TokenKind::kComma));
  return items;
}

// --- Windows ---------------------------------------------------------------------------------

Result<std::unique_ptr<WindowSpec>> Parser::ParseWindowSpec() {
  RETURN_NOT_OK(Expect(TokenKind::kLParen));
  auto spec = std::make_unique<WindowSpec>();
  bool clause_word = PeekKeyword(Keyword::kPartition) || PeekKeyword(Keyword::kRows) ||
                     PeekKeyword(Keyword::kRange) || PeekKeyword(Keyword::kGroups);
  if (PeekIdentifier() && !clause_word) {
    ASSIGN_OR_RAISE(Ident base, ParseIdent());
    spec->base_window = std::move(base);
  }
  if (ConsumeKeyword(Keyword::kPartition)) {
    RETURN_NOT_OK(ExpectKeyword(Keyword::kBy));
    ASSIGN_OR_RAISE(spec->partition_by, ParseExprList());
  }
  if (ConsumeKeywords(Keyword::kOrder, Keyword::kBy)) {
    ASSIGN_OR_RAISE(spec->order_by, ParseOrderByList());
  }
  if (PeekKeyword(Keyword::kRows) || PeekKeyword(Keyword::kRange) ||
      PeekKeyword(Keyword::kGroups)) {
    ASSIGN_OR_RAISE(WindowFrame frame, ParseWindowFrame());
    spec->frame = std::move(frame);
  }
  RETURN_NOT_OK(Expect(TokenKind::kRParen));
  return spec;
}

Result<WindowFrame> Parser::ParseWindowFrame() {
  WindowFrame frame;
  const Token& units = Next();
  frame.units = units.keyword == Keyword::kRows    ? FrameUnits::kRows
                : units.keyword == Keyword::kRange ? FrameUnits::kRange
                                                   : FrameUnits::kGroups;
  if (ConsumeKeyword(Keyword::kBetween)) {
    ASSIGN_OR_RAISE(frame.start, ParseFrameBound());
    RETURN_NOT_OK(ExpectKeyword(Keyword::kAnd));
    ASSIGN_OR_RAISE(FrameBound end, ParseFrameBound());
    frame.end = std::move(end);
  } else {
    ASSIGN_OR_RAISE(frame.start, ParseFrameBound());
  }
  if (ConsumeKeyword(Keyword::kExclude)) {
    if (ConsumeKeywords(Keyword::kCurrent, Keyword::kRow)) {
      frame.exclusion = FrameExclusion::kCurrentRow;
    } else if (ConsumeKeyword(Keyword::kGroup)) {
      frame.exclusion = FrameExclusion::kGroup;
    } else if (ConsumeKeyword(Keyword::kTies)) {
      frame.exclusion = FrameExclusion::kTies;
    } else if (ConsumeKeywords(Keyword::kNo, Keyword::kOthers)) {
      frame.exclusion = FrameExclusion::kNoOthers;
    } else {
      return ErrorExpected("CURRENT ROW, GROUP, TIES or NO OTHERS");
    }
  }
  return frame;
}

Result<FrameBound> Parser::ParseFrameBound() {
  FrameBound bound;
  if (PeekKeyword(Keyword::kUnbounded) &&
      (PeekKeyword(Keyword::kPreceding, 1) || PeekKeyword(Keyword::kFollowing, 1))) {
    Next();
    bound.kind = ConsumeKeyword(Keyword::kPreceding) ? FrameBound::Kind::kUnboundedPreceding
                                                     : FrameBound::Kind::kUnboundedFollowing;
    if (bound.kind == FrameBound::Kind::kUnboundedFollowing) Next();
    return bound;
  }
  if (ConsumeKeywords(Keyword::kCurrent, Keyword::kRow)) {
    bound.kind = FrameBound::Kind::kCurrentRow;
    return bound;
  }
  ASSIGN_OR_RAISE(bound.offset, ParseExpr(Precedence::kComparison + 1));
  if (ConsumeKeyword(Keyword::kPreceding)) {
    bound.kind = FrameBound::Kind::kPreceding;
  } else if (ConsumeKeyword(Keyword::kFollowing)) {
    bound.kind = FrameBound::Kind::kFollowing;
  } else {
    return ErrorExpected("PRECEDING or FOLLOWING");
  }
  return bound;
}

// --- Special forms ---------------------------------------------------------------------------

Result<ExprPtr> Parser::ParseCase() {
  SourcePos pos = Next().pos;  // CASE
  auto node = std::make_unique<CaseExpr>();
  if (!PeekKeyword(Keyword::kWhen) && !PeekKeyword(Keyword::kEnd)) {
    ASSIGN_OR_RAISE(node->operand, ParseExpr());
  }
  if (!PeekKeyword(Keyword::kWhen)) return ErrorExpected("WHEN");
  while (ConsumeKeyword(Keyword::kWhen)) {
    CaseWhen when;
    ASSIGN_OR_RAISE(when.condition, ParseExpr());
    RETURN_NOT_OK(ExpectKeyword(Keyword::kThen));
    ASSIGN_OR_RAISE(when.result, ParseExpr());
    node->whens.push_back(std::move(when));
  }
  if (ConsumeKeyword(Keyword::kElse)) {
    ASSIGN_OR_RAISE(node->else_result, ParseExpr());
  }
  RETURN_NOT_OK(ExpectKeyword(Keyword::kEnd));
  return At(std::move(node), pos);
}

Result<ExprPtr> Parser::ParseCast(CastStyle style) {
  SourcePos pos = Next().pos;  // CAST or TRY_CAST
  RETURN_NOT_OK(Expect(TokenKind::kLParen));
  ASSIGN_OR_RAISE(ExprPtr expr, ParseExpr());
  RETURN_NOT_OK(ExpectKeyword(Keyword::kAs));
  ASSIGN_OR_RAISE(TypeName type, ParseTypeName());
  RETURN_NOT_OK(Expect(TokenKind::kRParen));
  return At(std::make_unique<CastExpr>(std::move(expr), std::move(type), style), pos);
}

Result<ExprPtr> Parser::ParseInterval() {
  SourcePos pos = Next().pos;  // INTERVAL
  ExprPtr value;
  const Token& token = Peek();
  if (token.kind == TokenKind::kString) {
    Next();
    value = At(LiteralExpr::String(token.value), token.pos);
  } else if (token.kind == TokenKind::kNumber) {
    Next();
    value = At(LiteralExpr::Number(token.value), token.pos);
  } else if ((token.kind == TokenKind::kMinus || token.kind == TokenKind::kPlus) &&
             PeekIs(TokenKind::kNumber, 1)) {
    Next();
    const Token& number = Next();
    UnaryOp op = token.kind == TokenKind::kMinus ? UnaryOp::kMinus : UnaryOp::kPlus;
    value = At(std::make_unique<UnaryExpr>(op, At(LiteralExpr::Number(number.value), number.pos)),
               token.pos);
  } else if (token.kind == TokenKind::kLParen) {
    Next();
    ASSIGN_OR_RAISE(value, ParseExpr());
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
  } else {
    return ErrorExpected("an interval value");
  }
  auto node = std::make_unique<IntervalExpr>(std::move(value));
  node->leading_field = IntervalFieldOf(Peek());
  if (node->leading_field != IntervalField::kNone) {
    Next();
    if (PeekKeyword(Keyword::kTo) && IntervalFieldOf(Peek(1)) != IntervalField::kNone) {
      Next();
      node->trailing_field = IntervalFieldOf(Next());
    }
  }
  return At(std::move(node), pos);
}

Result<ExprPtr> Parser::ParseTypedString() {
  SourcePos pos = Peek().pos;
  ASSIGN_OR_RAISE(TypeName type, ParseTypeName());
  if (!PeekIs(TokenKind::kString)) return ErrorExpected("a string");
  const Token& value = Next();
  return At(std::make_unique<TypedStringExpr>(std::move(type), value.value), pos);
}

Result<ExprPtr> Parser::ParseExtract() {
  SourcePos pos = Next().pos;  // EXTRACT
  RETURN_NOT_OK(Expect(TokenKind::kLParen));
  const Token& field = Peek();
  if (field.kind != TokenKind::kWord && field.kind != TokenKind::kQuotedIdentifier &&
      field.kind != TokenKind::kString) {
    return ErrorExpected("a date part");
  }
  Next();
  RETURN_NOT_OK(ExpectKeyword(Keyword::kFrom));
  ASSIGN_OR_RAISE(ExprPtr expr, ParseExpr());
  RETURN_NOT_OK(Expect(TokenKind::kRParen));
  return At(std::make_unique<ExtractExpr>(field.value, std::move(expr)), pos);
}

Result<ExprPtr> Parser::ParseSubstring() {
  SourcePos pos = Next().pos;  // SUBSTRING
  RETURN_NOT_OK(Expect(TokenKind::kLParen));
  ASSIGN_OR_RAISE(ExprPtr expr, ParseExpr());
  auto node = std::make_unique<SubstringExpr>(std::move(expr));
  if (ConsumeKeyword(Keyword::kFrom)) {
    ASSIGN_OR_RAISE(node->from, ParseExpr());
    if (ConsumeKeyword(Keyword::kFor)) {
      ASSIGN_OR_RAISE(node->length, ParseExpr());
    }
  } else if (ConsumeKeyword(Keyword::kFor)) {
    ASSIGN_OR_RAISE(node->length, ParseExpr());
  } else if (ConsumeIf(TokenKind::kComma)) {
    ASSIGN_OR_RAISE(node->from, ParseExpr());
    if (ConsumeIf(TokenKind::kComma)) {
      ASSIGN_OR_RAISE(node->length, ParseExpr());
    }
  }
  RETURN_NOT_OK(Expect(TokenKind::kRParen));
  return At(std::move(node), pos);
}

Result<ExprPtr> Parser::ParsePosition() {
  SourcePos pos = Next().pos;  // POSITION
  RETURN_NOT_OK(Expect(TokenKind::kLParen));
  // The needle binds tighter than IN so that `a IN b` is not read as an IN list.
  ASSIGN_OR_RAISE(ExprPtr needle, ParseExpr(Precedence::kComparison + 1));
  RETURN_NOT_OK(ExpectKeyword(Keyword::kIn));
  ASSIGN_OR_RAISE(ExprPtr haystack, ParseExpr());
  RETURN_NOT_OK(Expect(TokenKind::kRParen));
  return At(std::make_unique<PositionExpr>(std::move(needle), std::move(haystack)), pos);
}

Result<ExprPtr> Parser::ParseTrim() {
  SourcePos pos = Next().pos;  // TRIM
  RETURN_NOT_OK(Expect(TokenKind::kLParen));
  TrimWhere where = TrimWhere::kUnspecified;
  if (ConsumeKeyword(Keyword::kBoth)) {
    where = TrimWhere::kBoth;
  } else if (ConsumeKeyword(Keyword::kLeading)) {
    where = TrimWhere::kLeading;
  } else if (ConsumeKeyword(Keyword::kTrailing)) {
    where = TrimWhere::kTrailing;
  }
  ExprPtr chars;
  ExprPtr expr;
  if (where != TrimWhere::kUnspecified && ConsumeKeyword(Keyword::kFrom)) {
    ASSIGN_OR_RAISE(expr, ParseExpr());
  } else {
    ASSIGN_OR_RAISE(ExprPtr first, ParseExpr());
    if (ConsumeKeyword(Keyword::kFrom)) {
      chars = std::move(first);
      ASSIGN_OR_RAISE(expr, ParseExpr());
    } else if (where != TrimWhere::kUnspecified) {
      return ErrorExpected("FROM");
    } else {
      expr = std::move(first);
    }
  }
  RETURN_NOT_OK(Expect(TokenKind::kRParen));
  auto node = std::make_unique<TrimExpr>(std::move(expr));
  node->where = where;
  node->chars = std::move(chars);
  return At(std::move(node), pos);
}

Result<ExprPtr> Parser::ParseOverlay() {
  SourcePos pos = Next().pos;  // OVERLAY
  RETURN_NOT_OK(Expect(TokenKind::kLParen));
  ASSIGN_OR_RAISE(ExprPtr expr, ParseExpr());
  RETURN_NOT_OK(ExpectKeyword(Keyword::kPlacing));
  ASSIGN_OR_RAISE(ExprPtr placing, ParseExpr());
  RETURN_NOT_OK(ExpectKeyword(Keyword::kFrom));
  ASSIGN_OR_RAISE(ExprPtr from, ParseExpr());
  auto node = std::make_unique<OverlayExpr>(std::move(expr), std::move(placing), std::move(from));
  if (ConsumeKeyword(Keyword::kFor)) {
    ASSIGN_OR_RAISE(node->length, ParseExpr());
  }
  RETURN_NOT_OK(Expect(TokenKind::kRParen));
  return At(std::move(node), pos);
}

Result<ExprPtr> Parser::ParseArray() {
  SourcePos pos = Peek().pos;
  ConsumeKeyword(Keyword::kArray);
  RETURN_NOT_OK(Expect(TokenKind::kLBracket));
  ExprList elements;
  if (!PeekIs(TokenKind::kRBracket)) {
    ASSIGN_OR_RAISE(elements, ParseExprList());
  }
  RETURN_NOT_OK(Expect(TokenKind::kRBracket));
  return At(std::make_unique<ArrayExpr>(std::move(elements)), pos);
}

}  // namespace ballista::sql
