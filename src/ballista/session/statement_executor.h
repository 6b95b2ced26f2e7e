#pragma once

#include "ballista/logical/binder.h"
#include "ballista/session/dataframe.h"
#include "ballista/sql/ast_statement.h"

namespace ballista::session {

/// Runs one parsed statement in a session. Queries return their (unexecuted) frame; DDL, DML
/// and settings statements run now and return a frame of their result rows (EXPLAIN text,
/// SHOW output, the row count of INSERT/COPY) or an empty frame.
Result<DataFrame> ExecuteStatement(const std::shared_ptr<SessionState>& state,
                                   const sql::Statement& statement,
                                   const std::vector<arrow::Scalar>& parameters = {});

/// The hooks the binder needs for this session (table functions, file paths in FROM).
logical::BinderHooks SessionBinderHooks(const std::shared_ptr<SessionState>& state);

}  // namespace ballista::session
