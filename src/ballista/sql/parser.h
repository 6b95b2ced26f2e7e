#pragma once

#include <string_view>
#include <vector>

#include "ballista/common/result.h"
#include "ballista/sql/ast_expr.h"
#include "ballista/sql/ast_query.h"
#include "ballista/sql/ast_statement.h"

namespace ballista::sql {

/// Parses exactly one statement; a trailing ';' is allowed. Errors are SyntaxError statuses
/// whose message starts with "line L, column C: ".
Result<StatementPtr> ParseStatement(std::string_view sql);

/// Parses statements separated by ';' (empty statements are skipped; empty input gives none).
Result<std::vector<StatementPtr>> ParseStatements(std::string_view sql);

/// Parses one scalar expression, e.g. "a + 1 > b" (for tests, defaults and tools).
Result<ExprPtr> ParseExpression(std::string_view sql);

/// Parses one query (SELECT, VALUES, WITH ..., or a parenthesized query).
Result<QueryPtr> ParseQuery(std::string_view sql);

}  // namespace ballista::sql
