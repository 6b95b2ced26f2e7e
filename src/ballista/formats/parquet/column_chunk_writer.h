#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ballista/common/status.h"
#include "ballista/formats/parquet/column_values.h"
#include "ballista/formats/parquet/file_metadata.h"
#include "ballista/formats/parquet/level_builder.h"
#include "ballista/formats/parquet/writer_options.h"
#include "ballista/formats/parquet/writer_schema.h"

namespace ballista::formats::parquet {

/// The encoded form of one column chunk: its bytes (dictionary page then data pages), its
/// metadata (offsets relative to the chunk start until Relocate) and its page index.
struct EncodedChunk {
  std::string bytes;
  ColumnChunk chunk;
  ColumnIndex column_index;
  OffsetIndex offset_index;
  bool has_column_index = false;
};

/// Buffers the levels and values of one leaf for the current row group and encodes them into
/// pages on Flush. One per leaf; single-threaded.
class ColumnChunkWriter {
 public:
  ColumnChunkWriter(const WriteLeaf& leaf, const ParquetWriteOptions& options)
      : leaf_(leaf), options_(options), values_(leaf) {}

  /// Adds a shredded batch slice of this leaf.
  Status Append(const ShreddedLeaf& shredded);
  /// Bytes buffered (values plus levels), for the row-group size limit.
  int64_t buffered_bytes() const {
    return values_.plain_bytes() + static_cast<int64_t>(def_.size() + rep_.size()) * 2;
  }
  /// Encodes everything buffered as a column chunk whose first byte lands at `file_offset`,
  /// then clears the buffers.
  Result<EncodedChunk> Flush(int64_t file_offset);

 private:
  struct PageRange {
    int64_t level_begin, level_end, value_begin, value_end;
  };
  std::vector<PageRange> SplitPages(int dict_bit_width) const;
  /// Builds the dictionary; false (and nothing built) when it would pass the size limit.
  bool BuildDictionary();
  Status WritePage(const PageRange& page, int dict_bit_width, EncodedChunk* out,
                   int64_t file_offset, int64_t* first_row);
  void PageStatistics(const PageRange& page, EncodedChunk* out) const;
  /// min and max indices over values [begin, end) in statistics order, skipping NaN; false when
  /// no value qualifies.
  bool MinMax(int64_t begin, int64_t end, int64_t* min, int64_t* max) const;
  std::string StatsBytes(int64_t i, bool is_min) const;

  const WriteLeaf& leaf_;
  const ParquetWriteOptions& options_;
  ColumnValues values_;
  std::vector<int16_t> def_;
  std::vector<int16_t> rep_;
  // Dictionary state for the chunk being flushed.
  std::vector<int64_t> dict_entries_;  // value index of each dictionary entry
  std::vector<uint32_t> dict_ids_;     // dictionary id of each value
  int64_t uncompressed_total_ = 0;
};

}  // namespace ballista::formats::parquet
