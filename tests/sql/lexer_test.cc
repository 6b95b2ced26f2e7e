#include "ballista/sql/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ballista::sql {
namespace {

std::vector<Token> MustTokenize(std::string_view sql) {
  auto tokens = Tokenize(sql);
  EXPECT_TRUE(tokens.ok()) << tokens.status();
  if (!tokens.ok()) return {};
  return std::move(tokens).MoveValueUnsafe();
}

std::vector<TokenKind> Kinds(std::string_view sql) {
  std::vector<TokenKind> kinds;
  for (const Token& t : MustTokenize(sql)) kinds.push_back(t.kind);
  return kinds;
}

std::string LexError(std::string_view sql) {
  auto tokens = Tokenize(sql);
  if (tokens.ok()) return "";
  EXPECT_EQ(tokens.status().code(), StatusCode::kSyntaxError);
  return tokens.status().message();
}

TEST(LexerTest, EmptyInputIsJustEnd) {
  auto tokens = MustTokenize("");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kEnd);
  EXPECT_EQ(tokens[0].pos.line, 1);
  EXPECT_EQ(tokens[0].pos.column, 1);
  EXPECT_EQ(MustTokenize("  \n\t -- only a comment").size(), 1u);
}

TEST(LexerTest, WordsFoldToLowerCaseAndKnowTheirKeyword) {
  auto tokens = MustTokenize("SELECT MyCol FROM t_1$x");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kWord);
  EXPECT_EQ(tokens[0].keyword, Keyword::kSelect);
  EXPECT_EQ(tokens[0].value, "select");
  EXPECT_EQ(tokens[0].text, "SELECT");
  EXPECT_EQ(tokens[1].keyword, Keyword::kNone);
  EXPECT_EQ(tokens[1].value, "mycol");
  EXPECT_EQ(tokens[1].text, "MyCol");
  EXPECT_EQ(tokens[2].keyword, Keyword::kFrom);
  EXPECT_EQ(tokens[3].value, "t_1$x");
}

TEST(LexerTest, QuotedIdentifiersKeepCaseAndUndoubleQuotes) {
  auto tokens = MustTokenize(R"("My Col" "a""b" "SELECT")");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kQuotedIdentifier);
  EXPECT_EQ(tokens[0].value, "My Col");
  EXPECT_EQ(tokens[1].value, "a\"b");
  EXPECT_EQ(tokens[2].value, "SELECT");
  EXPECT_EQ(tokens[2].keyword, Keyword::kNone);  // quoting makes any word a plain name
}

TEST(LexerTest, StringsWithDoubledQuotes) {
  auto tokens = MustTokenize("'it''s' '' 'a\\nb'");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kString);
  EXPECT_EQ(tokens[0].value, "it's");
  EXPECT_EQ(tokens[1].value, "");
  EXPECT_EQ(tokens[2].value, "a\\nb");  // backslashes are literal in standard strings
}

TEST(LexerTest, EscapeStrings) {
  auto tokens = MustTokenize(R"(E'a\nb\tc\\d\'e''f' e'\x41\101\u00e9\U0001F600')");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kString);
  EXPECT_EQ(tokens[0].value, "a\nb\tc\\d'e'f");
  EXPECT_EQ(tokens[1].value, "AA\xc3\xa9\xf0\x9f\x98\x80");
}

TEST(LexerTest, Numbers) {
  auto tokens = MustTokenize("1 12.50 .5 1e10 1.5E-3 7. 2e+2");
  ASSERT_EQ(tokens.size(), 8u);
  std::vector<std::string> values;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    EXPECT_EQ(tokens[i].kind, TokenKind::kNumber);
    values.push_back(tokens[i].value);
  }
  EXPECT_EQ(values, (std::vector<std::string>{"1", "12.50", ".5", "1e10", "1.5E-3", "7.", "2e+2"}));
}

TEST(LexerTest, Parameters) {
  auto tokens = MustTokenize("$1 ? $23");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kParameter);
  EXPECT_EQ(tokens[0].value, "1");
  EXPECT_EQ(tokens[1].kind, TokenKind::kParameter);
  EXPECT_EQ(tokens[1].text, "?");
  EXPECT_EQ(tokens[2].value, "23");
}

TEST(LexerTest, Operators) {
  EXPECT_EQ(Kinds("<= <> != >= < > = == || :: << >> ~* !~ !~* ~ & | ^ + - * / % ( ) [ ] , ; ."),
            (std::vector<TokenKind>{
                TokenKind::kLtEq,        TokenKind::kNotEq,     TokenKind::kNotEq,
                TokenKind::kGtEq,        TokenKind::kLt,        TokenKind::kGt,
                TokenKind::kEq,          TokenKind::kEq,        TokenKind::kConcat,
                TokenKind::kDoubleColon, TokenKind::kShiftLeft, TokenKind::kShiftRight,
                TokenKind::kTildeStar,   TokenKind::kNotTilde,  TokenKind::kNotTildeStar,
                TokenKind::kTilde,       TokenKind::kAmpersand, TokenKind::kPipe,
                TokenKind::kCaret,       TokenKind::kPlus,      TokenKind::kMinus,
                TokenKind::kStar,        TokenKind::kSlash,     TokenKind::kPercent,
                TokenKind::kLParen,      TokenKind::kRParen,    TokenKind::kLBracket,
                TokenKind::kRBracket,    TokenKind::kComma,     TokenKind::kSemicolon,
                TokenKind::kDot,         TokenKind::kEnd}));
}

TEST(LexerTest, CommentsAreSkippedAndBlockCommentsNest) {
  EXPECT_EQ(Kinds("a -- to end of line\nb /* x /* nested */ still comment */ c"),
            (std::vector<TokenKind>{TokenKind::kWord, TokenKind::kWord, TokenKind::kWord,
                                    TokenKind::kEnd}));
  EXPECT_EQ(Kinds("1--2"), (std::vector<TokenKind>{TokenKind::kNumber, TokenKind::kEnd}));
  EXPECT_EQ(Kinds("1-/**/-2").size(), 5u);
}

TEST(LexerTest, PositionsCountLinesAndCharacters) {
  auto tokens = MustTokenize("SELECT a,\n  b\n\n    FROM 'é' x");
  ASSERT_EQ(tokens.size(), 8u);
  EXPECT_EQ(tokens[0].pos.line, 1);
  EXPECT_EQ(tokens[0].pos.column, 1);
  EXPECT_EQ(tokens[1].pos.column, 8);
  EXPECT_EQ(tokens[2].pos.column, 9);
  EXPECT_EQ(tokens[3].pos.line, 2);
  EXPECT_EQ(tokens[3].pos.column, 3);
  EXPECT_EQ(tokens[4].pos.line, 4);
  EXPECT_EQ(tokens[4].pos.column, 5);
  EXPECT_EQ(tokens[5].pos.column, 10);
  // 'é' is two bytes but one character.
  EXPECT_EQ(tokens[6].pos.column, 14);
}

TEST(LexerTest, NonAsciiLettersMayFormIdentifiers) {
  auto tokens = MustTokenize("Größe");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kWord);
  EXPECT_EQ(tokens[0].value, "größe");  // only ASCII letters fold
}

TEST(LexerTest, Errors) {
  EXPECT_EQ(LexError("SELECT 'abc"), "line 1, column 8: unterminated quoted string");
  EXPECT_EQ(LexError("SELECT\n  E'abc\\'"), "line 2, column 4: unterminated quoted string");
  EXPECT_EQ(LexError("SELECT \"abc"), "line 1, column 8: unterminated quoted identifier");
  EXPECT_EQ(LexError("SELECT \"\""), "line 1, column 8: zero-length quoted identifier");
  EXPECT_EQ(LexError("SELECT 1 /* a /* b */"), "line 1, column 10: unterminated /* comment");
  EXPECT_EQ(LexError("SELECT 1e"), "line 1, column 8: invalid number '1e'");
  EXPECT_EQ(LexError("SELECT 1.5e+x"), "line 1, column 8: invalid number '1.5e+x'");
  EXPECT_EQ(LexError("SELECT 123abc"), "line 1, column 8: invalid number '123abc'");
  EXPECT_EQ(LexError("SELECT 1.2.3"), "line 1, column 8: invalid number '1.2.3'");
  EXPECT_EQ(LexError("SELECT a # b"), "line 1, column 10: unexpected character '#'");
  EXPECT_EQ(LexError(std::string_view("x \x01", 3)),
            "line 1, column 3: unexpected character '\\x01'");
  EXPECT_EQ(LexError("SELECT $x"), "line 1, column 8: expected a parameter number after '$'");
  EXPECT_EQ(LexError("SELECT $1a"), "line 1, column 8: invalid parameter '$1a'");
  EXPECT_EQ(LexError("SELECT E'\\u12'"), "line 1, column 10: invalid Unicode escape in string");
  EXPECT_EQ(LexError("SELECT E'\\uD800'"), "line 1, column 10: invalid Unicode escape in string");
  EXPECT_EQ(LexError("a ! b"), "line 1, column 3: unexpected character '!'");
}

TEST(LexerTest, KeywordTable) {
  EXPECT_EQ(LookupKeyword("select"), Keyword::kSelect);
  EXPECT_EQ(LookupKeyword("SeLeCt"), Keyword::kSelect);
  EXPECT_EQ(LookupKeyword("selectx"), Keyword::kNone);
  EXPECT_EQ(LookupKeyword(""), Keyword::kNone);
  EXPECT_EQ(KeywordText(Keyword::kCurrentTimestamp), "CURRENT_TIMESTAMP");
  EXPECT_TRUE(IsReservedKeyword(Keyword::kFrom));
  EXPECT_TRUE(IsReservedKeyword(Keyword::kLeft));
  EXPECT_FALSE(IsReservedKeyword(Keyword::kYear));
  EXPECT_FALSE(IsReservedKeyword(Keyword::kDate));
  EXPECT_FALSE(IsReservedKeyword(Keyword::kNone));
}

}  // namespace
}  // namespace ballista::sql
