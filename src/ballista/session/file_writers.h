#pragma once

#include <string>

#include "ballista/arrow/record_batch_reader.h"
#include "ballista/common/result.h"
#include "ballista/formats/csv/csv_options.h"
#include "ballista/formats/json/json_options.h"
#include "ballista/formats/parquet/writer_options.h"

namespace ballista::session {

/// Drains `reader` into a CSV file (header on, comma, NULL as an empty field unless the options
/// say otherwise). Returns the number of rows written.
Result<int64_t> WriteCsvFile(const std::string& path, arrow::RecordBatchReader& reader,
                             const formats::csv::CsvWriteOptions& options = {});

/// Drains `reader` into a Parquet file (SNAPPY by default).
Result<int64_t> WriteParquetFile(const std::string& path, arrow::RecordBatchReader& reader,
                                 const formats::parquet::ParquetWriteOptions& options = {});

/// Drains `reader` into an NDJSON file (one object per line).
Result<int64_t> WriteJsonFile(const std::string& path, arrow::RecordBatchReader& reader,
                              const formats::json::JsonWriteOptions& options = {});

}  // namespace ballista::session
