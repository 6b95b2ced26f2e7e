#pragma once

#include <string>
#include <string_view>

#include "ballista/sql/ast_expr.h"
#include "ballista/sql/ast_query.h"
#include "ballista/sql/ast_statement.h"

namespace ballista::sql {

/// Canonical SQL for a statement: upper-case keywords, single spaces, parentheses only where
/// precedence needs them, identifiers quoted only where needed. Parsing the result gives a tree
/// that Equals the input (the round-trip property the tests and the fuzzer check).
std::string ToSql(const Statement& statement);
std::string ToSql(const Query& query);
std::string ToSql(const Expr& expr);
std::string ToSql(const TableRef& table);

/// `name` as written in SQL: bare when it would read back as the same identifier, otherwise
/// double-quoted with embedded quotes doubled ("My Col", "select").
std::string FormatIdentifier(std::string_view name);

/// A string literal: 'it''s', or E'...' with backslash escapes when the text holds control
/// characters (which would otherwise not survive copying and pasting).
std::string FormatStringLiteral(std::string_view value);

/// A data type as written: DECIMAL(15, 2), TIMESTAMP WITH TIME ZONE, INT[].
std::string FormatTypeName(const TypeName& type);

}  // namespace ballista::sql
