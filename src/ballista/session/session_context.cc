#include "ballista/session/session_context.h"

#include "ballista/catalog/memory_table.h"
#include "ballista/logical/binder.h"
#include "ballista/session/statement_executor.h"
#include "ballista/sql/parser.h"

namespace ballista::session {

SessionContext::SessionContext(SessionConfig config) : state_(std::make_shared<SessionState>()) {
  state_->ReplaceConfig(std::move(config));
}

Result<DataFrame> SessionContext::Sql(std::string_view sql) {
  ASSIGN_OR_RAISE(auto statements, sql::ParseStatements(sql));
  if (statements.empty()) return Status::InvalidArgument("no SQL statement given");
  std::optional<DataFrame> last;
  for (const auto& statement : statements) {
    ASSIGN_OR_RAISE(auto frame, ExecuteStatement(state_, *statement));
    last = std::move(frame);
  }
  return *last;
}

Result<std::vector<arrow::RecordBatchPtr>> SessionContext::SqlCollect(std::string_view sql) {
  ASSIGN_OR_RAISE(auto frame, Sql(sql));
  return frame.Collect();
}

Status SessionContext::RegisterTable(const std::string& name, catalog::TableProviderPtr table) {
  return state_->catalogs().RegisterTable({"", "", name}, std::move(table), true);
}

Status SessionContext::RegisterBatches(const std::string& name, arrow::SchemaPtr schema,
                                       std::vector<arrow::RecordBatchPtr> batches) {
  ASSIGN_OR_RAISE(auto table, catalog::MemoryTable::Make(std::move(schema), std::move(batches)));
  return RegisterTable(name, std::move(table));
}

Status SessionContext::DeregisterTable(const std::string& name) {
  return state_->catalogs().DeregisterTable({"", "", name});
}

Result<DataFrame> SessionContext::Table(const std::string& name) {
  ASSIGN_OR_RAISE(auto query, sql::ParseQuery("SELECT * FROM " + name));
  logical::Binder binder(state_->catalogs_ptr().get(), &compute::FunctionRegistry::Default(),
                         SessionBinderHooks(state_));
  ASSIGN_OR_RAISE(auto plan, binder.BindQuery(*query));
  return DataFrame(state_, std::move(plan));
}

}  // namespace ballista::session
