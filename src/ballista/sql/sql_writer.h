#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ballista/sql/ast_expr.h"
#include "ballista/sql/ast_query.h"
#include "ballista/sql/ast_statement.h"

namespace ballista::sql {

/// Appends canonical SQL for AST nodes to one string (the engine behind ToSql). Expression
/// methods live in sql_writer_expr.cc, query and statement methods in sql_writer_query.cc.
/// One writer builds one string; not thread-safe.
class SqlWriter {
 public:
  /// The text written so far.
  std::string Take() { return std::move(out_); }

  /// Writes `expr`, parenthesized when it binds more loosely than `min_precedence`.
  /// `follow` is the precedence of the operator written right after it (0 if none): a prefix
  /// operator (NOT, unary minus) needs no parentheses when its operand cannot absorb that
  /// operator, which keeps the output no more deeply nested than the input (so anything that
  /// parsed within the parser's nesting limits prints to text that parses again).
  void WriteExpr(const Expr& expr, int min_precedence = 0, int follow = 0);
  void WriteQuery(const Query& query);
  void WriteStatement(const Statement& statement);
  void WriteTableRef(const TableRef& table);

 private:
  void Write(std::string_view text) { out_ += text; }
  void WriteIdent(const Ident& ident);
  /// Quotes any keyword, for places where even an unreserved keyword would be misread.
  void WriteIdentStrict(const Ident& ident);
  void WriteObjectName(const ObjectName& name);
  void WriteIdentList(const std::vector<Ident>& idents);
  void WriteExprList(const ExprList& list);
  void WriteOrderBy(const std::vector<OrderByItem>& items);
  void WriteWindowSpec(const WindowSpec& spec);
  void WriteFrameBound(const FrameBound& bound);
  void WriteExprBody(const Expr& expr, int follow);
  // One out-of-line writer per node kind with children, for the same reason.
  void WriteTypedStringExpr(const Expr& expr, int follow);
  void WriteUnaryExpr(const Expr& expr, int follow);
  void WriteBinaryExpr(const Expr& expr, int follow);
  void WriteIsTestExpr(const Expr& expr, int follow);
  void WriteIsDistinctFromExpr(const Expr& expr, int follow);
  void WriteLikeExpr(const Expr& expr, int follow);
  void WriteInListExpr(const Expr& expr, int follow);
  void WriteInSubqueryExpr(const Expr& expr, int follow);
  void WriteBetweenExpr(const Expr& expr, int follow);
  void WriteQuantifiedExpr(const Expr& expr, int follow);
  void WriteCaseExpr(const Expr& expr, int follow);
  void WriteCastExpr(const Expr& expr, int follow);
  void WriteExtractExpr(const Expr& expr, int follow);
  void WriteSubstringExpr(const Expr& expr, int follow);
  void WritePositionExpr(const Expr& expr, int follow);
  void WriteTrimExpr(const Expr& expr, int follow);
  void WriteOverlayExpr(const Expr& expr, int follow);
  void WriteWildcardExpr(const Expr& expr, int follow);
  void WriteSubscriptExpr(const Expr& expr, int follow);
  void WriteGroupingSetExpr(const Expr& expr, int follow);
  // Helpers that build temporary strings are kept out of line (BALLISTA_SQL_NOINLINE in the .cc):
  // WriteExprBody recurses once per tree level, so its frame must stay small, especially
  // under sanitizers, which give every temporary its own padded stack slot.
  void WriteType(const TypeName& type);
  void WriteString(std::string_view value);
  void WriteExtractField(const std::string& field);
  void WriteFunction(const FunctionExpr& call);
  void WriteLiteral(const LiteralExpr& literal);
  void WriteInterval(const IntervalExpr& interval);
  void WriteSubquery(const Query& query);

  void WriteSetExpr(const SetExpr& body, int min_precedence);
  void WriteSelect(const Select& select);
  void WriteTableAlias(const std::optional<TableAlias>& alias);
  void WriteOptions(const std::vector<OptionEntry>& options);
  void WriteFormat(const std::string& format);
  void WriteCreateTable(const CreateTableStatement& create);
  void WriteCopy(const CopyStatement& copy);

  std::string out_;
};

/// Binding strength of a node as printed (see precedence.h); atoms are Precedence::kAtom.
int ExprPrecedence(const Expr& expr);

}  // namespace ballista::sql
