#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ballista/catalog/table_provider.h"
#include "ballista/formats/csv/csv_options.h"
#include "ballista/session/dataframe.h"
#include "ballista/session/session_state.h"

namespace ballista::session {

/// The entry point of the in-process engine (DataFusion's SessionContext): register tables,
/// run SQL, build DataFrames. Statements other than queries (CREATE, DROP, INSERT, COPY, SET,
/// ...) run when Sql is called; a query runs when its DataFrame is collected. Thread-safe.
class SessionContext {
 public:
  explicit SessionContext(SessionConfig config = {});

  /// Runs one or more ';'-separated statements; returns the last one's result (an empty frame
  /// for statements without rows).
  Result<DataFrame> Sql(std::string_view sql);
  /// Sql + Collect.
  Result<std::vector<arrow::RecordBatchPtr>> SqlCollect(std::string_view sql);

  /// Registers a table under `name` in the default schema (replacing an existing one).
  Status RegisterTable(const std::string& name, catalog::TableProviderPtr table);
  /// Registers in-memory batches (all of `schema`) as a table.
  Status RegisterBatches(const std::string& name, arrow::SchemaPtr schema,
                         std::vector<arrow::RecordBatchPtr> batches);
  Status DeregisterTable(const std::string& name);
  /// Registers a file, directory or glob of CSV / Parquet / NDJSON files as a table.
  Status RegisterCsv(const std::string& name, const std::string& path,
                     const formats::csv::CsvReadOptions& options = {});
  Status RegisterParquet(const std::string& name, const std::string& path);
  Status RegisterJson(const std::string& name, const std::string& path);
  /// A frame over files, without registering them.
  Result<DataFrame> ReadCsv(const std::string& path, const formats::csv::CsvReadOptions& options = {});
  Result<DataFrame> ReadParquet(const std::string& path);
  Result<DataFrame> ReadJson(const std::string& path);
  /// A frame over a registered table.
  Result<DataFrame> Table(const std::string& name);

  catalog::CatalogList& catalog() { return state_->catalogs(); }
  SessionConfig config() const { return state_->config(); }
  Status SetConfig(std::string_view key, std::string_view value) { return state_->SetConfig(key, value); }
  const std::shared_ptr<SessionState>& state() const { return state_; }

 private:
  std::shared_ptr<SessionState> state_;
};

}  // namespace ballista::session
