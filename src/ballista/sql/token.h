#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ballista/common/status.h"
#include "ballista/sql/keywords.h"

namespace ballista::sql {

/// A place in the SQL text: 1-based line and column (columns count characters, not bytes).
/// Line 0 means "unknown" (a node made by code rather than by the parser).
struct SourcePos {
  int32_t line = 0;
  int32_t column = 0;
};

/// The lexical category of a token.
enum class TokenKind : uint8_t {
  kEnd,               ///< end of input (always the last token)
  kWord,              ///< an unquoted word: identifier or keyword (see Token::keyword)
  kQuotedIdentifier,  ///< "a ""quoted"" name"
  kString,            ///< 'text' or E'text'; Token::value holds the decoded text
  kNumber,            ///< 12, 1.5, .5, 1e-3 (value is the text as written)
  kParameter,         ///< $1 or ?
  kLParen,            ///< (
  kRParen,            ///< )
  kLBracket,          ///< [
  kRBracket,          ///< ]
  kComma,             ///< ,
  kSemicolon,         ///< ;
  kDot,               ///< .
  kPlus,              ///< +
  kMinus,             ///< -
  kStar,              ///< *
  kSlash,             ///< /
  kPercent,           ///< %
  kEq,                ///< = or ==
  kNotEq,             ///< <> or !=
  kLt,                ///< <
  kLtEq,              ///< <=
  kGt,                ///< >
  kGtEq,              ///< >=
  kConcat,            ///< ||
  kDoubleColon,       ///< ::
  kAmpersand,         ///< &
  kPipe,              ///< |
  kCaret,             ///< ^
  kShiftLeft,         ///< <<
  kShiftRight,        ///< >>
  kTilde,             ///< ~
  kTildeStar,         ///< ~*
  kNotTilde,          ///< !~
  kNotTildeStar,      ///< !~*
};

/// One token of SQL text. `text` views the original input (valid while the input lives);
/// `value` is the processed form: lower-cased for unquoted words, unescaped for quoted
/// identifiers and strings, the digits for parameters.
struct Token {
  TokenKind kind = TokenKind::kEnd;
  Keyword keyword = Keyword::kNone;  ///< set for kWord tokens that spell a keyword
  std::string_view text;
  std::string value;
  SourcePos pos;
};

/// A short human description of a token kind for error messages ("')'", "identifier").
std::string_view TokenKindName(TokenKind kind);

/// How a token is named in "expected X but found Y" messages: "'FROM'", "end of input",
/// "string 'abc'". Long texts are shortened so messages stay one line.
std::string DescribeToken(const Token& token);

/// A syntax error located at `pos`: "line 3, column 14: <message>".
Status SyntaxErrorAt(SourcePos pos, std::string_view message);

}  // namespace ballista::sql
