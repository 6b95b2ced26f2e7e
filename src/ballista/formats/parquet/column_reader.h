#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/common/result.h"
#include "ballista/formats/parquet/encodings.h"
#include "ballista/formats/parquet/file_metadata.h"
#include "ballista/formats/parquet/schema.h"

namespace ballista::formats::parquet {

/// Everything decoded from one column chunk: levels (empty when the max level is 0) and the dense
/// non-null values.
struct ColumnChunkData {
  int64_t num_levels = 0;  // number of level entries (= rows for flat columns)
  std::vector<int16_t> definition_levels;
  std::vector<int16_t> repetition_levels;
  DecodedValues values;
};

/// Decodes all pages of one column chunk. `file` is the whole file; `where` names the file, row
/// group and column for error messages (the page number is added). Every offset and length from
/// the metadata is checked against `file`. Thread-safe (reads only its arguments).
Result<ColumnChunkData> ReadColumnChunkPages(std::string_view file, const ColumnChunk& chunk,
                                             const ColumnDescriptor& column,
                                             const std::string& where);

}  // namespace ballista::formats::parquet
