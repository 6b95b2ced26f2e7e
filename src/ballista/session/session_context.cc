#include "ballista/session/session_context.h"

#include "ballista/catalog/listing_table.h"
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

namespace {

Result<catalog::TableProviderPtr> Listing(const std::string& path, catalog::FileFormat format,
                                          const formats::csv::CsvReadOptions* csv) {
  catalog::ListingTableOptions options;
  options.format = format;
  if (csv) options.csv = *csv;
  options.file_extension.assign(1, '*');  // every file of a named location
  ASSIGN_OR_RAISE(auto table, catalog::ListingTable::Make(path, std::move(options)));
  return catalog::TableProviderPtr(std::move(table));
}

/// A frame scanning every column of `provider`, its columns qualified by `name`.
DataFrame ScanFrame(const std::shared_ptr<SessionState>& state, const std::string& name,
                    catalog::TableProviderPtr provider) {
  auto schema = provider->schema();
  std::vector<int> projection;
  std::vector<logical::OutputColumn> output;
  for (int i = 0; i < schema->num_fields(); ++i) {
    projection.push_back(i);
    output.push_back({logical::NextColumnId(), name, schema->field(i)->name(), schema->field(i)->type(),
                      schema->field(i)->nullable()});
  }
  catalog::ResolvedTable table{"", "", name, std::move(provider)};
  return DataFrame(state, std::make_shared<logical::TableScan>(std::move(table), std::move(projection),
                                                               std::move(output),
                                                               std::vector<logical::ExprPtr>{}, std::nullopt));
}

}  // namespace

Status SessionContext::RegisterCsv(const std::string& name, const std::string& path,
                                   const formats::csv::CsvReadOptions& options) {
  ASSIGN_OR_RAISE(auto table, Listing(path, catalog::FileFormat::kCsv, &options));
  return RegisterTable(name, std::move(table));
}

Status SessionContext::RegisterParquet(const std::string& name, const std::string& path) {
  ASSIGN_OR_RAISE(auto table, Listing(path, catalog::FileFormat::kParquet, nullptr));
  return RegisterTable(name, std::move(table));
}

Status SessionContext::RegisterJson(const std::string& name, const std::string& path) {
  ASSIGN_OR_RAISE(auto table, Listing(path, catalog::FileFormat::kJson, nullptr));
  return RegisterTable(name, std::move(table));
}

Result<DataFrame> SessionContext::ReadCsv(const std::string& path, const formats::csv::CsvReadOptions& options) {
  ASSIGN_OR_RAISE(auto table, Listing(path, catalog::FileFormat::kCsv, &options));
  return ScanFrame(state_, "csv", std::move(table));
}

Result<DataFrame> SessionContext::ReadParquet(const std::string& path) {
  ASSIGN_OR_RAISE(auto table, Listing(path, catalog::FileFormat::kParquet, nullptr));
  return ScanFrame(state_, "parquet", std::move(table));
}

Result<DataFrame> SessionContext::ReadJson(const std::string& path) {
  ASSIGN_OR_RAISE(auto table, Listing(path, catalog::FileFormat::kJson, nullptr));
  return ScanFrame(state_, "json", std::move(table));
}

Result<DataFrame> SessionContext::Table(const std::string& name) {
  ASSIGN_OR_RAISE(auto query, sql::ParseQuery("SELECT * FROM " + name));
  logical::Binder binder(state_->catalogs_ptr().get(), &compute::FunctionRegistry::Default(),
                         SessionBinderHooks(state_));
  ASSIGN_OR_RAISE(auto plan, binder.BindQuery(*query));
  return DataFrame(state_, std::move(plan));
}

}  // namespace ballista::session
