#pragma once

// Loader for the Arrow integration-test JSON format (the ".json.gz" files beside the golden IPC
// files): the schema, the record batches and the dictionaries, built straight from the JSON
// values into ArrayData so that they are an independent expectation for the IPC readers.

#include <string>
#include <string_view>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/type.h"
#include "ballista/common/result.h"

namespace ballista::arrow::ipc::testing {

/// The contents of one integration JSON file.
struct IntegrationData {
  SchemaPtr schema;
  std::vector<RecordBatchPtr> batches;
};

/// Parses integration JSON text. Unsupported for types this engine does not hold (union,
/// run-end encoded, list views), InvalidData for malformed documents.
Result<IntegrationData> ParseIntegrationJson(std::string_view text);

/// Reads a whole gzip-compressed file (zlib); IOError naming the path on failure.
Result<std::string> ReadGzipFile(const std::string& path);

}  // namespace ballista::arrow::ipc::testing
