#include "ballista/sql/parser_core.h"

#include <string>
#include <utility>

#include "ballista/sql/lexer.h"
#include "ballista/sql/parser.h"

namespace ballista::sql {
namespace {

std::string ToUpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

Parser::Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {
  // The lexer always ends with kEnd; guard anyway so Peek never reads past the vector.
  if (tokens_.empty() || tokens_.back().kind != TokenKind::kEnd) tokens_.push_back(Token{});
}

// --- Tokens ----------------------------------------------------------------------------------

const Token& Parser::Peek(size_t ahead) const {
  size_t index = pos_ + ahead;
  return index < tokens_.size() ? tokens_[index] : tokens_.back();
}

const Token& Parser::Next() {
  const Token& token = Peek();
  if (pos_ < tokens_.size() - 1) ++pos_;
  return token;
}

bool Parser::PeekKeyword(Keyword keyword, size_t ahead) const {
  const Token& token = Peek(ahead);
  return token.kind == TokenKind::kWord && token.keyword == keyword;
}

bool Parser::ConsumeIf(TokenKind kind) {
  if (!PeekIs(kind)) return false;
  Next();
  return true;
}

bool Parser::ConsumeKeyword(Keyword keyword) {
  if (!PeekKeyword(keyword)) return false;
  Next();
  return true;
}

bool Parser::ConsumeKeywords(Keyword first, Keyword second) {
  if (!PeekKeyword(first) || !PeekKeyword(second, 1)) return false;
  Next();
  Next();
  return true;
}

Status Parser::Expect(TokenKind kind) {
  if (ConsumeIf(kind)) return Status::OK();
  return ErrorExpected(TokenKindName(kind));
}

Status Parser::ExpectKeyword(Keyword keyword) {
  if (ConsumeKeyword(keyword)) return Status::OK();
  return ErrorExpected(KeywordText(keyword));
}

Status Parser::ErrorExpected(std::string_view what) const {
  return ErrorAt(Peek(), "expected " + std::string(what) + " but found " + DescribeToken(Peek()));
}

Status Parser::ErrorAt(const Token& token, std::string_view message) const {
  return SyntaxErrorAt(token.pos, message);
}

bool Parser::PeekQueryStart(size_t ahead) const {
  return PeekKeyword(Keyword::kSelect, ahead) || PeekKeyword(Keyword::kValues, ahead) ||
         PeekKeyword(Keyword::kWith, ahead);
}

Status Parser::NoteHeight(int height, const Token& at, std::string_view what) {
  if (height > kMaxHeight) return ErrorAt(at, std::string(what) + " nested too deeply");
  return Status::OK();
}

// --- Names -----------------------------------------------------------------------------------

bool Parser::PeekIdentifier(size_t ahead) const {
  const Token& token = Peek(ahead);
  if (token.kind == TokenKind::kQuotedIdentifier) return true;
  return token.kind == TokenKind::kWord && !IsReservedKeyword(token.keyword);
}

Result<Ident> Parser::ParseIdent() {
  if (!PeekIdentifier()) return ErrorExpected("an identifier");
  const Token& token = Next();
  return Ident{token.value, token.kind == TokenKind::kQuotedIdentifier};
}

Result<Ident> Parser::ParseIdentOrKeyword() {
  if (!PeekIs(TokenKind::kWord) && !PeekIs(TokenKind::kQuotedIdentifier)) {
    return ErrorExpected("an identifier");
  }
  const Token& token = Next();
  return Ident{token.value, token.kind == TokenKind::kQuotedIdentifier};
}

Result<ObjectName> Parser::ParseObjectName() {
  ObjectName name;
  ASSIGN_OR_RAISE(Ident first, ParseIdent());
  name.push_back(std::move(first));
  while (PeekIs(TokenKind::kDot)) {
    Next();
    ASSIGN_OR_RAISE(Ident part, ParseIdentOrKeyword());
    name.push_back(std::move(part));
  }
  return name;
}

Result<std::vector<Ident>> Parser::ParseParenIdentList() {
  RETURN_NOT_OK(Expect(TokenKind::kLParen));
  std::vector<Ident> idents;
  do {
    ASSIGN_OR_RAISE(Ident ident, ParseIdent());
    idents.push_back(std::move(ident));
  } while (ConsumeIf(TokenKind::kComma));
  RETURN_NOT_OK(Expect(TokenKind::kRParen));
  return idents;
}

// --- Types -----------------------------------------------------------------------------------

Result<TypeName> Parser::ParseTypeName() {
  const Token& first = Peek();
  // Reserved words cannot name types, except INTERVAL, which is both a literal prefix and a type.
  bool usable = first.kind == TokenKind::kWord &&
                (!IsReservedKeyword(first.keyword) || first.keyword == Keyword::kInterval);
  if (!usable) return ErrorExpected("a data type");
  Next();
  TypeName type;
  type.name = ToUpperAscii(first.value);
  auto append_word = [&](std::string_view word) {
    type.name += ' ';
    type.name += word;
  };
  if (type.name == "DOUBLE" && ConsumeKeyword(Keyword::kPrecision)) {
    append_word("PRECISION");
  } else if ((type.name == "CHARACTER" || type.name == "CHAR") && PeekIs(TokenKind::kWord) &&
             Peek().value == "varying") {
    Next();
    append_word("VARYING");
  }
  if (ConsumeIf(TokenKind::kLParen)) {
    do {
      std::string param;
      if (PeekIs(TokenKind::kMinus) || PeekIs(TokenKind::kPlus)) param = Next().text;
      if (!PeekIs(TokenKind::kNumber)) return ErrorExpected("a number");
      param += Next().value;
      type.params.push_back(std::move(param));
    } while (ConsumeIf(TokenKind::kComma));
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
  }
  if (PeekIs(TokenKind::kWord) && Peek().keyword == Keyword::kNone && Peek().value == "unsigned") {
    Next();
    append_word("UNSIGNED");
  }
  if ((type.name == "TIME" || type.name == "TIMESTAMP") &&
      (PeekKeyword(Keyword::kWith) || PeekKeyword(Keyword::kWithout)) &&
      PeekKeyword(Keyword::kTime, 1) && PeekKeyword(Keyword::kZone, 2)) {
    type.time_zone = PeekKeyword(Keyword::kWith) ? TimeZoneSpec::kWith : TimeZoneSpec::kWithout;
    Next();
    Next();
    Next();
  }
  while (PeekIs(TokenKind::kLBracket) && PeekIs(TokenKind::kRBracket, 1)) {
    Next();
    Next();
    ++type.array_dims;
  }
  return type;
}

bool Parser::PeekTypedStringLiteral() const {
  const Token& token = Peek();
  if (token.kind != TokenKind::kWord) return false;
  if (token.keyword == Keyword::kDate) return PeekIs(TokenKind::kString, 1);
  if (token.keyword != Keyword::kTime && token.keyword != Keyword::kTimestamp) return false;
  if (PeekIs(TokenKind::kString, 1)) return true;
  return (PeekKeyword(Keyword::kWith, 1) || PeekKeyword(Keyword::kWithout, 1)) &&
         PeekKeyword(Keyword::kTime, 2) && PeekKeyword(Keyword::kZone, 3) &&
         PeekIs(TokenKind::kString, 4);
}

// --- Entry points ----------------------------------------------------------------------------

Status Parser::ExpectStatementEnd() {
  if (PeekIs(TokenKind::kSemicolon) || PeekIs(TokenKind::kEnd)) return Status::OK();
  return ErrorExpected("';' or end of input");
}

Result<std::vector<StatementPtr>> Parser::ParseStatementList() {
  std::vector<StatementPtr> statements;
  while (true) {
    while (ConsumeIf(TokenKind::kSemicolon)) {
    }
    if (PeekIs(TokenKind::kEnd)) break;
    ASSIGN_OR_RAISE(StatementPtr statement, ParseStatement());
    RETURN_NOT_OK(ExpectStatementEnd());
    statements.push_back(std::move(statement));
  }
  return statements;
}

Result<StatementPtr> Parser::ParseOnlyStatement() {
  ASSIGN_OR_RAISE(StatementPtr statement, ParseStatement());
  RETURN_NOT_OK(ExpectStatementEnd());
  while (ConsumeIf(TokenKind::kSemicolon)) {
  }
  if (!PeekIs(TokenKind::kEnd)) return ErrorExpected("end of input");
  return statement;
}

Result<ExprPtr> Parser::ParseOnlyExpression() {
  ASSIGN_OR_RAISE(ExprPtr expr, ParseExpr());
  if (!PeekIs(TokenKind::kEnd)) return ErrorExpected("end of input");
  return expr;
}

Result<QueryPtr> Parser::ParseOnlyQuery() {
  ASSIGN_OR_RAISE(QueryPtr query, ParseQuery());
  while (ConsumeIf(TokenKind::kSemicolon)) {
  }
  if (!PeekIs(TokenKind::kEnd)) return ErrorExpected("end of input");
  return query;
}

Result<StatementPtr> ParseStatement(std::string_view sql) {
  ASSIGN_OR_RAISE(auto tokens, Tokenize(sql));
  return Parser(std::move(tokens)).ParseOnlyStatement();
}

Result<std::vector<StatementPtr>> ParseStatements(std::string_view sql) {
  ASSIGN_OR_RAISE(auto tokens, Tokenize(sql));
  return Parser(std::move(tokens)).ParseStatementList();
}

Result<ExprPtr> ParseExpression(std::string_view sql) {
  ASSIGN_OR_RAISE(auto tokens, Tokenize(sql));
  return Parser(std::move(tokens)).ParseOnlyExpression();
}

Result<QueryPtr> ParseQuery(std::string_view sql) {
  ASSIGN_OR_RAISE(auto tokens, Tokenize(sql));
  return Parser(std::move(tokens)).ParseOnlyQuery();
}

}  // namespace ballista::sql
