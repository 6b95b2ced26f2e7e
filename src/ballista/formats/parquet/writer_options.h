#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ballista/formats/codec.h"

namespace ballista::formats::parquet {

/// Settings of ParquetWriter. Defaults follow common writers (Arrow C++, DuckDB): SNAPPY pages,
/// dictionary encoding with PLAIN fallback, data page v1, statistics and a page index.
struct ParquetWriteOptions {
  /// Most rows in one row group; a row group also closes once its buffered values pass
  /// `row_group_max_bytes`.
  int64_t row_group_size = 1 << 20;
  int64_t row_group_max_bytes = int64_t{128} << 20;
  /// Page compression: kUncompressed, kSnappy, kGzip or kZstd.
  CompressionCodec compression = CompressionCodec::kSnappy;
  /// RLE_DICTIONARY pages while a column chunk's dictionary stays under
  /// `dictionary_page_size_limit` bytes (PLAIN-encoded size); PLAIN for the chunk otherwise.
  bool enable_dictionary = true;
  int64_t dictionary_page_size_limit = 1 << 20;
  /// A data page closes at this many (estimated, uncompressed) value bytes or this many levels,
  /// and always at a row boundary.
  int64_t data_page_size = 1 << 20;
  int64_t data_page_max_values = 20000;
  /// Data page v2 (levels stored uncompressed before the compressed values) instead of v1.
  bool data_page_v2 = false;
  /// min/max/null_count per column chunk, and a ColumnIndex/OffsetIndex per chunk.
  bool write_statistics = true;
  bool write_page_index = true;
  /// Byte-array min/max longer than this are left out of the statistics (never truncated, so
  /// readers may trust them as exact).
  int64_t max_statistics_size = 4096;
  std::string created_by = "ballista-cpp";
  std::vector<std::pair<std::string, std::string>> key_value_metadata;
};

}  // namespace ballista::formats::parquet
