#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "ballista/common/result.h"
#include "ballista/sql/ast_expr.h"
#include "ballista/sql/ast_query.h"
#include "ballista/sql/ast_statement.h"
#include "ballista/sql/token.h"

namespace ballista::sql {

/// Recursive-descent parser over a token vector (from Lexer). Expressions use precedence
/// climbing (see precedence.h); queries, FROM items and statements are plain recursive descent.
///
/// Two limits keep hostile input from exhausting the stack, here and in every later pass that
/// walks the tree recursively (printer, binder, Clone, Equals, destructors):
/// - kMaxDepth bounds the parser's own recursion (parentheses, subqueries, prefix operators);
/// - kMaxHeight bounds the height of the tree built, which left-associative chains such as
///   `a + b + c + ...` or long JOIN lists grow without recursing in the parser.
/// Each tree-building function reports the height of what it built through `height_`: on
/// return `height_` is at least the height of every subtree finished since the caller reset it.
///
/// One Parser parses one token vector once; not thread-safe. The methods are split over
/// parser_core.cc (tokens, names, types, entry points), parser_expr.cc, parser_query.cc and
/// parser_statement.cc.
class Parser {
 public:
  static constexpr int kMaxDepth = 256;
  static constexpr int kMaxHeight = 1000;

  explicit Parser(std::vector<Token> tokens);

  /// Statements separated by ';' up to the end of input.
  Result<std::vector<StatementPtr>> ParseStatementList();
  /// Exactly one statement (with optional trailing ';').
  Result<StatementPtr> ParseOnlyStatement();
  /// Exactly one expression.
  Result<ExprPtr> ParseOnlyExpression();
  /// Exactly one query (with optional trailing ';').
  Result<QueryPtr> ParseOnlyQuery();

 private:
  /// Counts one level of parser recursion for its lifetime.
  class NestingGuard {
   public:
    explicit NestingGuard(Parser* parser) : parser_(parser) { ++parser_->depth_; }
    ~NestingGuard() { --parser_->depth_; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;
    bool TooDeep() const { return parser_->depth_ > kMaxDepth; }

   private:
    Parser* parser_;
  };

  // --- Tokens (parser_core.cc) ---
  const Token& Peek(size_t ahead = 0) const;
  const Token& Next();
  bool PeekIs(TokenKind kind, size_t ahead = 0) const { return Peek(ahead).kind == kind; }
  bool PeekKeyword(Keyword keyword, size_t ahead = 0) const;
  bool ConsumeIf(TokenKind kind);
  bool ConsumeKeyword(Keyword keyword);
  /// Consumes `first` and `second` when both come next.
  bool ConsumeKeywords(Keyword first, Keyword second);
  Status Expect(TokenKind kind);
  Status ExpectKeyword(Keyword keyword);
  /// "line L, column C: expected <what> but found <next token>".
  Status ErrorExpected(std::string_view what) const;
  Status ErrorAt(const Token& token, std::string_view message) const;
  /// True when the next tokens start a query (SELECT, VALUES, WITH).
  bool PeekQueryStart(size_t ahead = 0) const;
  /// Marks `height` as the height of a finished subtree; fails past kMaxHeight.
  Status NoteHeight(int height, const Token& at, std::string_view what);

  // --- Names and types (parser_core.cc) ---
  /// A name usable as an identifier: quoted, or an unquoted word that is not reserved.
  bool PeekIdentifier(size_t ahead = 0) const;
  Result<Ident> ParseIdent();
  /// After AS or '.', where any word (reserved or not) can only be a name.
  Result<Ident> ParseIdentOrKeyword();
  Result<ObjectName> ParseObjectName();
  /// '(' ident, ... ')'.
  Result<std::vector<Ident>> ParseParenIdentList();
  Result<TypeName> ParseTypeName();
  bool PeekTypedStringLiteral() const;

  // --- Expressions (parser_expr.cc) ---
  Result<ExprPtr> ParseExpr(int min_precedence = 0);
  Result<ExprPtr> ParsePrefix();
  /// Binding strength of the operator at the cursor when it follows an operand; 0 if none.
  int PeekInfixPrecedence() const;
  Result<ExprPtr> ParseInfix(ExprPtr left, int precedence);
  Result<ExprPtr> ParseComparisonRight(ExprPtr left, BinaryOp op, const Token& op_token);
  Result<ExprPtr> ParseIsSuffix(ExprPtr left, const Token& op_token);
  Result<ExprPtr> ParseNegatableSuffix(ExprPtr left, bool negated, const Token& op_token);
  Result<ExprPtr> ParseParenthesized();
  Result<ExprPtr> ParseWordExpr();
  Result<ExprPtr> ParseNameExpr();
  Result<ExprPtr> ParseFunctionCall(ObjectName name, SourcePos pos);
  Result<ExprPtr> ParseFunctionArg();
  Result<std::unique_ptr<WindowSpec>> ParseWindowSpec();
  Result<WindowFrame> ParseWindowFrame();
  Result<FrameBound> ParseFrameBound();
  Result<ExprPtr> ParseCase();
  Result<ExprPtr> ParseCast(CastStyle style);
  Result<ExprPtr> ParseInterval();
  Result<ExprPtr> ParseTypedString();
  Result<ExprPtr> ParseExtract();
  Result<ExprPtr> ParseSubstring();
  Result<ExprPtr> ParsePosition();
  Result<ExprPtr> ParseTrim();
  Result<ExprPtr> ParseOverlay();
  Result<ExprPtr> ParseArray();
  /// True when the tokens ahead are `*` or `name. ... .*`.
  bool PeekWildcard() const;
  Result<ExprPtr> ParseWildcard();
  /// When `expr` is a parenthesized subquery followed by UNION/ORDER BY/LIMIT..., parses the
  /// rest of that query and returns it as a subquery; otherwise returns `expr` unchanged.
  Result<ExprPtr> ContinueSubqueryExpr(ExprPtr expr);
  Result<ExprList> ParseExprList();
  Result<std::vector<OrderByItem>> ParseOrderByList();

  // --- Queries (parser_query.cc) ---
  Result<QueryPtr> ParseQuery();
  Result<WithClause> ParseWith();
  Result<SetExprPtr> ParseSetExpr(int min_precedence);
  Result<SetExprPtr> ParseSetPrimary();
  /// Continues `left UNION ... INTERSECT ...` from an already-parsed left operand.
  Result<SetExprPtr> ParseSetOpChain(SetExprPtr left, int min_precedence);
  bool PeekQueryContinuation() const;
  /// Given a finished parenthesized query, parses any set operation, ORDER BY or LIMIT that
  /// follows it inside the same parentheses.
  Result<QueryPtr> ContinueQuery(QueryPtr inner);
  Status ParseQueryTail(Query* query);
  Result<SetExprPtr> ParseSelect();
  Result<SetExprPtr> ParseValues();
  Result<SelectItem> ParseSelectItem();
  Result<ExprPtr> ParseGroupByItem();
  Result<ExprPtr> ParseGroupingSet(GroupingKind kind);
  Result<TableRefPtr> ParseTableRef();
  Result<TableRefPtr> ParseJoinChain(TableRefPtr left);
  Result<TableRefPtr> ParseTableFactor();
  /// The content of '(' ... ')' in FROM: a query (derived table) or a joined table. Exactly
  /// one of the two results is set.
  Status ParseParenthesizedFromItem(QueryPtr* query, TableRefPtr* table);
  Result<std::optional<TableAlias>> ParseOptionalTableAlias();

  // --- Statements (parser_statement.cc) ---
  Result<StatementPtr> ParseStatement();
  Result<StatementPtr> ParseCreate();
  Result<StatementPtr> ParseCreateTable(bool or_replace, bool external);
  Result<StatementPtr> ParseCreateView(bool or_replace);
  Result<ColumnDef> ParseColumnDef();
  Result<std::vector<OptionEntry>> ParseOptions();
  Result<std::string> ParseFormatName();
  Result<StatementPtr> ParseDrop();
  Result<StatementPtr> ParseInsert();
  Result<StatementPtr> ParseCopy();
  Result<StatementPtr> ParseExplain();
  Result<StatementPtr> ParseShow();
  Result<StatementPtr> ParseSet();
  Result<StatementPtr> ParsePrepare();
  Result<StatementPtr> ParseExecute();
  /// Fails unless the statement ends here (';' or end of input).
  Status ExpectStatementEnd();

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  int height_ = 0;
};

}  // namespace ballista::sql
