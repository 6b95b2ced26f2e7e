#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/common/result.h"
#include "ballista/sql/token.h"

namespace ballista::sql {

/// Splits SQL text into tokens. Accepts any bytes: malformed input (an unterminated string or
/// comment, a bad number, a stray character) becomes a SyntaxError naming its line and column,
/// never a crash. Comments (`-- ...` and nested `/* ... */`) and white space are dropped.
/// One Lexer tokenizes one input once; not thread-safe, but separate instances are independent.
class Lexer {
 public:
  /// `sql` must outlive the returned tokens (their `text` views it).
  explicit Lexer(std::string_view sql) : sql_(sql) {}

  /// All tokens of the input, ending with exactly one kEnd token.
  Result<std::vector<Token>> Tokenize();

 private:
  bool AtEnd() const { return pos_ >= sql_.size(); }
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < sql_.size() ? sql_[pos_ + ahead] : '\0';
  }
  bool HasAhead(size_t ahead) const { return pos_ + ahead < sql_.size(); }
  /// Moves past `count` bytes, keeping line and column up to date.
  void Advance(size_t count = 1);
  SourcePos Here() const { return SourcePos{line_, column_}; }

  Status SkipSpaceAndComments();
  Status LexWord(Token* token);
  Status LexNumber(Token* token);
  Status LexQuotedIdentifier(Token* token);
  /// A '...' string; with `escapes` (E'...') backslash sequences are decoded too.
  Status LexString(Token* token, bool escapes);
  Status LexEscape(std::string* out);
  Status LexParameter(Token* token);
  Status LexOperator(Token* token);

  std::string_view sql_;
  size_t pos_ = 0;
  int32_t line_ = 1;
  int32_t column_ = 1;
};

/// Convenience wrapper: Lexer(sql).Tokenize().
Result<std::vector<Token>> Tokenize(std::string_view sql);

/// True for bytes that may continue an unquoted identifier (letters, digits, '_', '$', and any
/// byte of a multi-byte UTF-8 character).
bool IsIdentifierByte(char c);

/// True for bytes that may start an unquoted identifier (letters, '_', multi-byte UTF-8).
bool IsIdentifierStartByte(char c);

}  // namespace ballista::sql
