#include "ballista/sql/token.h"

#include <cstdio>
#include <string>

namespace ballista::sql {

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd:
      return "end of input";
    case TokenKind::kWord:
      return "identifier";
    case TokenKind::kQuotedIdentifier:
      return "quoted identifier";
    case TokenKind::kString:
      return "string";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kParameter:
      return "parameter";
    case TokenKind::kLParen:
      return "'('";
    case TokenKind::kRParen:
      return "')'";
    case TokenKind::kLBracket:
      return "'['";
    case TokenKind::kRBracket:
      return "']'";
    case TokenKind::kComma:
      return "','";
    case TokenKind::kSemicolon:
      return "';'";
    case TokenKind::kDot:
      return "'.'";
    case TokenKind::kPlus:
      return "'+'";
    case TokenKind::kMinus:
      return "'-'";
    case TokenKind::kStar:
      return "'*'";
    case TokenKind::kSlash:
      return "'/'";
    case TokenKind::kPercent:
      return "'%'";
    case TokenKind::kEq:
      return "'='";
    case TokenKind::kNotEq:
      return "'<>'";
    case TokenKind::kLt:
      return "'<'";
    case TokenKind::kLtEq:
      return "'<='";
    case TokenKind::kGt:
      return "'>'";
    case TokenKind::kGtEq:
      return "'>='";
    case TokenKind::kConcat:
      return "'||'";
    case TokenKind::kDoubleColon:
      return "'::'";
    case TokenKind::kAmpersand:
      return "'&'";
    case TokenKind::kPipe:
      return "'|'";
    case TokenKind::kCaret:
      return "'^'";
    case TokenKind::kShiftLeft:
      return "'<<'";
    case TokenKind::kShiftRight:
      return "'>>'";
    case TokenKind::kTilde:
      return "'~'";
    case TokenKind::kTildeStar:
      return "'~*'";
    case TokenKind::kNotTilde:
      return "'!~'";
    case TokenKind::kNotTildeStar:
      return "'!~*'";
  }
  return "token";
}

std::string DescribeToken(const Token& token) {
  if (token.kind == TokenKind::kEnd) return "end of input";
  constexpr size_t kMaxShown = 40;
  std::string shown;
  for (char c : token.text.substr(0, kMaxShown)) {
    // Control bytes would break the one-line message; show them as escapes.
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", byte);
      shown += buf;
    } else {
      shown += c;
    }
  }
  if (token.text.size() > kMaxShown) shown += "...";
  if (token.kind == TokenKind::kString) return "string " + shown;
  return "'" + shown + "'";
}

Status SyntaxErrorAt(SourcePos pos, std::string_view message) {
  return Status::SyntaxError("line " + std::to_string(pos.line) + ", column " +
                             std::to_string(pos.column) + ": " + std::string(message));
}

}  // namespace ballista::sql
