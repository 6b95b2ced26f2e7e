#include "ballista/sql/lexer.h"

#include <cstdint>
#include <cstdio>
#include <utility>

namespace ballista::sql {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Appends the UTF-8 encoding of a code point already checked to be a valid scalar value.
void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string DescribeChar(char c) {
  auto byte = static_cast<unsigned char>(c);
  if (byte < 0x20 || byte >= 0x7f) {
    char buf[8];
    std::snprintf(buf, sizeof(buf), "\\x%02x", byte);
    return buf;
  }
  return std::string(1, c);
}

}  // namespace

bool IsIdentifierStartByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool IsIdentifierByte(char c) { return IsIdentifierStartByte(c) || IsDigit(c) || c == '$'; }

void Lexer::Advance(size_t count) {
  for (size_t i = 0; i < count && pos_ < sql_.size(); ++i) {
    char c = sql_[pos_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      // UTF-8 continuation bytes belong to the character already counted.
      ++column_;
    }
  }
}

Result<std::vector<Token>> Lexer::Tokenize() {
  std::vector<Token> tokens;
  while (true) {
    RETURN_NOT_OK(SkipSpaceAndComments());
    Token token;
    token.pos = Here();
    size_t start = pos_;
    if (AtEnd()) {
      token.kind = TokenKind::kEnd;
      tokens.push_back(std::move(token));
      return tokens;
    }
    char c = Peek();
    if ((c == 'e' || c == 'E') && Peek(1) == '\'') {
      Advance();
      RETURN_NOT_OK(LexString(&token, /*escapes=*/true));
    } else if (IsIdentifierStartByte(c)) {
      RETURN_NOT_OK(LexWord(&token));
    } else if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) {
      RETURN_NOT_OK(LexNumber(&token));
    } else if (c == '"') {
      RETURN_NOT_OK(LexQuotedIdentifier(&token));
    } else if (c == '\'') {
      RETURN_NOT_OK(LexString(&token, /*escapes=*/false));
    } else if (c == '$' || c == '?') {
      RETURN_NOT_OK(LexParameter(&token));
    } else {
      RETURN_NOT_OK(LexOperator(&token));
    }
    token.text = sql_.substr(start, pos_ - start);
    tokens.push_back(std::move(token));
  }
}

Status Lexer::SkipSpaceAndComments() {
  while (!AtEnd()) {
    char c = Peek();
    if (IsSpace(c)) {
      Advance();
    } else if (c == '-' && Peek(1) == '-') {
      while (!AtEnd() && Peek() != '\n') Advance();
    } else if (c == '/' && Peek(1) == '*') {
      SourcePos start = Here();
      Advance(2);
      // Comments nest as in PostgreSQL, so commenting out a block that holds a comment works.
      int depth = 1;
      while (depth > 0) {
        if (AtEnd()) return SyntaxErrorAt(start, "unterminated /* comment");
        if (Peek() == '/' && Peek(1) == '*') {
          ++depth;
          Advance(2);
        } else if (Peek() == '*' && Peek(1) == '/') {
          --depth;
          Advance(2);
        } else {
          Advance();
        }
      }
    } else {
      break;
    }
  }
  return Status::OK();
}

Status Lexer::LexWord(Token* token) {
  size_t start = pos_;
  while (!AtEnd() && IsIdentifierByte(Peek())) Advance();
  std::string_view word = sql_.substr(start, pos_ - start);
  token->kind = TokenKind::kWord;
  token->keyword = LookupKeyword(word);
  token->value.reserve(word.size());
  // Only ASCII letters fold, as in PostgreSQL with UTF-8: folding other letters would need
  // locale data and could change a name's byte length.
  for (char ch : word) token->value.push_back(ToLowerAscii(ch));
  return Status::OK();
}

Status Lexer::LexNumber(Token* token) {
  SourcePos start_pos = Here();
  size_t start = pos_;
  bool valid = true;
  while (IsDigit(Peek())) Advance();
  if (Peek() == '.') {
    Advance();
    while (IsDigit(Peek())) Advance();
  }
  if (Peek() == 'e' || Peek() == 'E') {
    Advance();
    if (Peek() == '+' || Peek() == '-') Advance();
    if (!IsDigit(Peek())) valid = false;
    while (IsDigit(Peek())) Advance();
  }
  // "123abc" is one mistake, not a number followed by a name: report it whole.
  if (!AtEnd() && (IsIdentifierByte(Peek()) || Peek() == '.')) {
    valid = false;
    while (!AtEnd() && (IsIdentifierByte(Peek()) || Peek() == '.')) Advance();
  }
  std::string_view text = sql_.substr(start, pos_ - start);
  if (!valid) return SyntaxErrorAt(start_pos, "invalid number '" + std::string(text) + "'");
  token->kind = TokenKind::kNumber;
  token->value = std::string(text);
  return Status::OK();
}

Status Lexer::LexQuotedIdentifier(Token* token) {
  SourcePos start_pos = Here();
  Advance();  // opening quote
  std::string value;
  while (true) {
    if (AtEnd()) return SyntaxErrorAt(start_pos, "unterminated quoted identifier");
    char c = Peek();
    if (c == '"') {
      if (Peek(1) == '"') {
        value.push_back('"');
        Advance(2);
        continue;
      }
      Advance();
      break;
    }
    value.push_back(c);
    Advance();
  }
  if (value.empty()) return SyntaxErrorAt(start_pos, "zero-length quoted identifier");
  token->kind = TokenKind::kQuotedIdentifier;
  token->value = std::move(value);
  return Status::OK();
}

Status Lexer::LexString(Token* token, bool escapes) {
  SourcePos start_pos = Here();
  Advance();  // opening quote
  std::string value;
  while (true) {
    if (AtEnd()) return SyntaxErrorAt(start_pos, "unterminated quoted string");
    char c = Peek();
    if (c == '\'') {
      if (Peek(1) == '\'') {
        value.push_back('\'');
        Advance(2);
        continue;
      }
      Advance();
      break;
    }
    if (escapes && c == '\\') {
      if (!HasAhead(1)) return SyntaxErrorAt(start_pos, "unterminated quoted string");
      RETURN_NOT_OK(LexEscape(&value));
      continue;
    }
    value.push_back(c);
    Advance();
  }
  token->kind = TokenKind::kString;
  token->value = std::move(value);
  return Status::OK();
}

Status Lexer::LexEscape(std::string* out) {
  SourcePos escape_pos = Here();
  Advance();  // backslash
  char c = Peek();
  switch (c) {
    case 'b':
      out->push_back('\b');
      Advance();
      return Status::OK();
    case 'f':
      out->push_back('\f');
      Advance();
      return Status::OK();
    case 'n':
      out->push_back('\n');
      Advance();
      return Status::OK();
    case 'r':
      out->push_back('\r');
      Advance();
      return Status::OK();
    case 't':
      out->push_back('\t');
      Advance();
      return Status::OK();
    default:
      break;
  }
  if (c == 'x' && IsHexDigit(Peek(1))) {
    Advance();
    int value = 0;
    for (int i = 0; i < 2 && IsHexDigit(Peek()); ++i) {
      value = value * 16 + HexValue(Peek());
      Advance();
    }
    out->push_back(static_cast<char>(value));
    return Status::OK();
  }
  if (c >= '0' && c <= '7') {
    int value = 0;
    for (int i = 0; i < 3 && Peek() >= '0' && Peek() <= '7'; ++i) {
      value = value * 8 + (Peek() - '0');
      Advance();
    }
    out->push_back(static_cast<char>(value & 0xFF));
    return Status::OK();
  }
  if (c == 'u' || c == 'U') {
    int digits = c == 'u' ? 4 : 8;
    Advance();
    uint32_t cp = 0;
    for (int i = 0; i < digits; ++i) {
      if (!IsHexDigit(Peek())) return SyntaxErrorAt(escape_pos, "invalid Unicode escape in string");
      cp = cp * 16 + static_cast<uint32_t>(HexValue(Peek()));
      Advance();
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return SyntaxErrorAt(escape_pos, "invalid Unicode escape in string");
    }
    AppendUtf8(cp, out);
    return Status::OK();
  }
  // Any other escaped byte stands for itself (\\, \', \").
  out->push_back(c);
  Advance();
  return Status::OK();
}

Status Lexer::LexParameter(Token* token) {
  SourcePos start_pos = Here();
  token->kind = TokenKind::kParameter;
  if (Peek() == '?') {
    Advance();
    return Status::OK();
  }
  Advance();  // '$'
  if (!IsDigit(Peek())) return SyntaxErrorAt(start_pos, "expected a parameter number after '$'");
  size_t start = pos_;
  while (IsDigit(Peek())) Advance();
  if (!AtEnd() && IsIdentifierByte(Peek())) {
    while (!AtEnd() && IsIdentifierByte(Peek())) Advance();
    return SyntaxErrorAt(
        start_pos, "invalid parameter '$" + std::string(sql_.substr(start, pos_ - start)) + "'");
  }
  token->value = std::string(sql_.substr(start, pos_ - start));
  return Status::OK();
}

Status Lexer::LexOperator(Token* token) {
  char c = Peek();
  char n = Peek(1);
  auto set = [&](TokenKind kind, size_t length) {
    token->kind = kind;
    Advance(length);
    return Status::OK();
  };
  switch (c) {
    case '(':
      return set(TokenKind::kLParen, 1);
    case ')':
      return set(TokenKind::kRParen, 1);
    case '[':
      return set(TokenKind::kLBracket, 1);
    case ']':
      return set(TokenKind::kRBracket, 1);
    case ',':
      return set(TokenKind::kComma, 1);
    case ';':
      return set(TokenKind::kSemicolon, 1);
    case '.':
      return set(TokenKind::kDot, 1);
    case '+':
      return set(TokenKind::kPlus, 1);
    case '-':
      return set(TokenKind::kMinus, 1);
    case '*':
      return set(TokenKind::kStar, 1);
    case '/':
      return set(TokenKind::kSlash, 1);
    case '%':
      return set(TokenKind::kPercent, 1);
    case '&':
      return set(TokenKind::kAmpersand, 1);
    case '^':
      return set(TokenKind::kCaret, 1);
    case '=':
      return n == '=' ? set(TokenKind::kEq, 2) : set(TokenKind::kEq, 1);
    case '<':
      if (n == '=') return set(TokenKind::kLtEq, 2);
      if (n == '>') return set(TokenKind::kNotEq, 2);
      if (n == '<') return set(TokenKind::kShiftLeft, 2);
      return set(TokenKind::kLt, 1);
    case '>':
      if (n == '=') return set(TokenKind::kGtEq, 2);
      if (n == '>') return set(TokenKind::kShiftRight, 2);
      return set(TokenKind::kGt, 1);
    case '|':
      return n == '|' ? set(TokenKind::kConcat, 2) : set(TokenKind::kPipe, 1);
    case ':':
      if (n == ':') return set(TokenKind::kDoubleColon, 2);
      break;
    case '~':
      return n == '*' ? set(TokenKind::kTildeStar, 2) : set(TokenKind::kTilde, 1);
    case '!':
      if (n == '=') return set(TokenKind::kNotEq, 2);
      if (n == '~') {
        return Peek(2) == '*' ? set(TokenKind::kNotTildeStar, 3) : set(TokenKind::kNotTilde, 2);
      }
      break;
    default:
      break;
  }
  return SyntaxErrorAt(Here(), "unexpected character '" + DescribeChar(c) + "'");
}

Result<std::vector<Token>> Tokenize(std::string_view sql) { return Lexer(sql).Tokenize(); }

}  // namespace ballista::sql
