#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/common/buffer.h"
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

/// Returns bytes [offset, offset + length) of the file (exactly that many, or an error).
using FileRangeReader = std::function<Result<std::shared_ptr<Buffer>>(int64_t offset, int64_t length)>;

/// Decodes all pages of one column chunk of a file of `file_size` bytes, reading only the chunk's
/// byte range through `read_range`; `where` names the file, row group and column for error
/// messages (the page number is added). Every offset and length from the metadata is checked
/// against the file size. Thread-safe when `read_range` is.
Result<ColumnChunkData> ReadColumnChunkPages(const FileRangeReader& read_range, int64_t file_size,
                                             const ColumnChunk& chunk, const ColumnDescriptor& column,
                                             const std::string& where);

}  // namespace ballista::formats::parquet
