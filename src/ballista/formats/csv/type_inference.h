#pragma once

#include <string>
#include <vector>

#include "ballista/arrow/type.h"
#include "ballista/formats/csv/csv_options.h"
#include "ballista/formats/csv/tokenizer.h"

namespace ballista::formats::csv {

/// Picks a type per column from sample rows: boolean (true/false), int64, float64, date32
/// (YYYY-MM-DD), timestamp[us] (date plus time, ' ' or 'T'), else utf8. int64 and float64 widen
/// to float64, date32 and timestamp to timestamp; any other mix, or a column with no non-null
/// sample value, is utf8. Pure function; thread-safe.
std::vector<arrow::DataTypePtr> InferColumnTypes(const TokenizedRows& sample,
                                                 const CsvReadOptions& options);

/// Column names from a header record: empty names become column_<i>, duplicates get _1, _2...
std::vector<std::string> MakeColumnNames(const std::vector<std::string>& header, int num_columns);

}  // namespace ballista::formats::csv
