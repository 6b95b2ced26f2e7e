#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/common/result.h"

namespace ballista::session {

/// How query results are written out (the CLI's --format).
enum class ResultFormat { kTable, kCsv, kTsv, kJson, kNdjson };

/// "table", "csv", "tsv", "json", "ndjson".
Result<ResultFormat> ParseResultFormat(std::string_view name);

/// Writes `batches` (all of `schema`):
///   table   the bordered table of the pretty printer (NULL shown empty);
///   csv/tsv a header line, then one line per row; NULL is an empty field; fields holding the
///           separator, quotes or line breaks are quoted;
///   json    one array of objects; ndjson: one object per line. Numbers and booleans are JSON
///           values, NULL is null, everything else a string.
void WriteResult(std::ostream& out, ResultFormat format, const arrow::SchemaPtr& schema,
                 const std::vector<arrow::RecordBatchPtr>& batches);

}  // namespace ballista::session
