#include "ballista/formats/parquet/column_reader.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "ballista/formats/codec.h"
#include "ballista/formats/parquet/rle_bit_packed.h"

namespace ballista::formats::parquet {
namespace {

// A page may claim at most this many values: RLE lets a few bytes describe millions of levels,
// so the byte size alone cannot bound memory.
constexpr int64_t kMaxValuesPerPage = int64_t{1} << 24;
constexpr size_t kMaxChunkBytes = (size_t{1} << 31) - 1;

std::string EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kPlain:
      return "PLAIN";
    case Encoding::kPlainDictionary:
      return "PLAIN_DICTIONARY";
    case Encoding::kRle:
      return "RLE";
    case Encoding::kBitPacked:
      return "BIT_PACKED";
    case Encoding::kDeltaBinaryPacked:
      return "DELTA_BINARY_PACKED";
    case Encoding::kDeltaLengthByteArray:
      return "DELTA_LENGTH_BYTE_ARRAY";
    case Encoding::kDeltaByteArray:
      return "DELTA_BYTE_ARRAY";
    case Encoding::kRleDictionary:
      return "RLE_DICTIONARY";
    case Encoding::kByteStreamSplit:
      return "BYTE_STREAM_SPLIT";
  }
  return "encoding " + std::to_string(static_cast<int32_t>(e));
}

// Levels of a data page: v1 pages prefix RLE levels with a 4-byte length, v2 pages give the length
// in the header. Returns the bytes consumed from `bytes`.
Result<int64_t> DecodeLevels(std::string_view bytes, bool length_prefixed, int64_t v2_length,
                             Encoding encoding, int16_t max_level, int64_t count,
                             std::vector<int16_t>* out) {
  if (encoding != Encoding::kRle) {
    return Status::Unsupported("level encoding " + EncodingName(encoding));
  }
  std::string_view run = bytes;
  int64_t consumed = 0;
  if (length_prefixed) {
    if (bytes.size() < 4) return Status::InvalidData("level length prefix truncated");
    uint32_t length;
    std::memcpy(&length, bytes.data(), 4);
    if (length > bytes.size() - 4) return Status::InvalidData("level data longer than the page");
    run = bytes.substr(4, length);
    consumed = 4 + static_cast<int64_t>(length);
  } else {
    if (v2_length < 0 || static_cast<uint64_t>(v2_length) > bytes.size()) {
      return Status::InvalidData("level byte length exceeds the page");
    }
    run = bytes.substr(0, static_cast<size_t>(v2_length));
    consumed = v2_length;
  }
  RleBitPackedDecoder decoder(run, BitWidthFor(static_cast<uint32_t>(max_level)));
  std::vector<uint32_t> levels(static_cast<size_t>(count));
  RETURN_NOT_OK(decoder.GetBatch(levels.data(), count));
  for (uint32_t level : levels) {
    if (level > static_cast<uint32_t>(max_level)) {
      return Status::InvalidData("level " + std::to_string(level) + " above the maximum " +
                                 std::to_string(max_level));
    }
    out->push_back(static_cast<int16_t>(level));
  }
  return consumed;
}

Status DecodeValues(Encoding encoding, PhysicalType type, std::string_view bytes, int64_t count,
                    const std::optional<DecodedValues>& dict, DecodedValues* out) {
  switch (encoding) {
    case Encoding::kPlain:
      return DecodePlain(type, bytes, count, out);
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary:
      if (!dict) return Status::InvalidData("dictionary-encoded page without a dictionary page");
      return DecodeDictionaryIndices(bytes, count, *dict, out);
    case Encoding::kRle:
      if (type != PhysicalType::kBoolean)
        return Status::Unsupported("RLE encoding for non-boolean values");
      return DecodeRleBoolean(bytes, count, out);
    case Encoding::kDeltaBinaryPacked:
      return DecodeDeltaBinaryPacked(type, bytes, count, out);
    case Encoding::kDeltaLengthByteArray:
      if (type != PhysicalType::kByteArray)
        return Status::InvalidData("DELTA_LENGTH_BYTE_ARRAY on a non-BYTE_ARRAY column");
      return DecodeDeltaLengthByteArray(bytes, count, out);
    case Encoding::kDeltaByteArray:
      if (type != PhysicalType::kByteArray && type != PhysicalType::kFixedLenByteArray) {
        return Status::InvalidData("DELTA_BYTE_ARRAY on a non-binary column");
      }
      return DecodeDeltaByteArray(bytes, count, out);
    case Encoding::kByteStreamSplit:
      if (type == PhysicalType::kBoolean || type == PhysicalType::kByteArray) {
        return Status::InvalidData("BYTE_STREAM_SPLIT on a BOOLEAN or BYTE_ARRAY column");
      }
      return DecodeByteStreamSplit(bytes, count, out);
    default:
      return Status::Unsupported("value encoding " + EncodingName(encoding));
  }
}

}  // namespace

Result<ColumnChunkData> ReadColumnChunkPages(const FileRangeReader& read_range, int64_t file_size,
                                             const ColumnChunk& chunk, const ColumnDescriptor& column,
                                             const std::string& where) {
  if (chunk.encrypted) return Status::Unsupported(where + ": encrypted column chunk");
  if (!chunk.file_path.empty()) {
    return Status::Unsupported(where + ": column chunk in another file (" + chunk.file_path + ")");
  }
  if (!chunk.meta_data) return Status::InvalidData(where + ": column chunk has no metadata");
  const ColumnMetaData& meta = *chunk.meta_data;
  PhysicalType type = *column.element.type;
  if (meta.type != type) return Status::InvalidData(where + ": chunk type differs from the schema");
  if (meta.codec < 0 || meta.codec > 7) {
    return Status::InvalidData(where + ": unknown compression codec " + std::to_string(meta.codec));
  }
  auto codec = static_cast<CompressionCodec>(meta.codec);
  if (meta.num_values == 0) {
    ColumnChunkData empty;
    empty.values.width = PhysicalWidth(type, column.element.type_length);
    return empty;  // empty chunks may carry placeholder offsets
  }
  int64_t start = meta.data_page_offset;
  // Some writers store 0 for "no dictionary page"; only an offset before the data pages counts.
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 &&
      *meta.dictionary_page_offset < start) {
    start = *meta.dictionary_page_offset;
  }
  if (start < 4 || start >= file_size || meta.total_compressed_size < 0) {
    return Status::InvalidData(where + ": column chunk offset " + std::to_string(start) +
                               " outside the file");
  }
  int64_t end = file_size - 8;  // footer length and magic follow the data
  if (meta.total_compressed_size > 0 && meta.total_compressed_size <= end - start) {
    end = start + meta.total_compressed_size;
  }
  if (meta.num_values < 0) return Status::InvalidData(where + ": negative num_values");
  // The chunk's bytes, [start, end) of the file; positions below stay file offsets.
  ASSIGN_OR_RAISE(std::shared_ptr<Buffer> chunk_bytes, read_range(start, std::max<int64_t>(0, end - start)));
  const std::string_view chunk_view = chunk_bytes->view();
  auto file_bytes = [&](int64_t offset, int64_t length) {
    return chunk_view.substr(static_cast<size_t>(offset - start), static_cast<size_t>(length));
  };

  ColumnChunkData out;
  out.values.width = PhysicalWidth(type, column.element.type_length);
  {
    // Sized from the metadata, but capped: a corrupt chunk may claim any number of values.
    constexpr int64_t kMaxReservedValues = int64_t{1} << 22;
    constexpr int64_t kMaxReservedBytes = int64_t{64} << 20;
    out.values.Reserve(std::min(meta.num_values, kMaxReservedValues),
                       std::clamp<int64_t>(meta.total_uncompressed_size, 0, kMaxReservedBytes));
  }
  std::optional<DecodedValues> dict;
  int64_t pos = start;
  int page_number = 0;
  while (out.num_levels < meta.num_values && pos < end) {
    std::string page_where = where + ", page " + std::to_string(page_number++);
    int64_t header_size = 0;
    auto header_result = ParsePageHeader(file_bytes(pos, end - pos), &header_size);
    if (!header_result.ok()) {
      return Status::InvalidData(page_where +
                                 ": bad page header: " + header_result.status().message());
    }
    PageHeader header = std::move(header_result).ValueOrDie();
    pos += header_size;
    if (header.compressed_page_size < 0 || header.compressed_page_size > end - pos ||
        header.uncompressed_page_size < 0) {
      return Status::InvalidData(page_where + ": page size " +
                                 std::to_string(header.compressed_page_size) +
                                 " exceeds the column chunk");
    }
    std::string_view raw = file_bytes(pos, header.compressed_page_size);
    pos += header.compressed_page_size;
    auto fail = [&](const Status& st) {
      if (st.code() == StatusCode::kUnsupported)
        return Status::Unsupported(page_where + ": " + st.message());
      return Status::InvalidData(page_where + ": " + st.message());
    };

    if (header.type == PageType::kDictionaryPage) {
      if (!header.dictionary_page_header)
        return Status::InvalidData(page_where + ": no dictionary header");
      if (dict) return Status::InvalidData(page_where + ": second dictionary page");
      const auto& dh = *header.dictionary_page_header;
      if (dh.num_values < 0 || dh.num_values > kMaxValuesPerPage) {
        return Status::InvalidData(page_where + ": dictionary size " +
                                   std::to_string(dh.num_values));
      }
      if (dh.encoding != Encoding::kPlain && dh.encoding != Encoding::kPlainDictionary) {
        return Status::Unsupported(page_where + ": dictionary page encoding " +
                                   EncodingName(dh.encoding));
      }
      auto page = Decompress(codec, raw, header.uncompressed_page_size);
      if (!page.ok()) return fail(page.status());
      dict.emplace();
      dict->width = out.values.width;
      Status st = DecodePlain(type, (*page)->view(), dh.num_values, &*dict);
      if (!st.ok()) return fail(st);
      continue;
    }
    if (header.type != PageType::kDataPage && header.type != PageType::kDataPageV2) {
      continue;  // index pages and unknown page types carry nothing we need
    }
    bool v2 = header.type == PageType::kDataPageV2;
    if (v2 ? !header.data_page_header_v2 : !header.data_page_header) {
      return Status::InvalidData(page_where + ": data page without its header");
    }
    int64_t num_values =
        v2 ? header.data_page_header_v2->num_values : header.data_page_header->num_values;
    if (num_values < 0 || num_values > kMaxValuesPerPage) {
      return Status::InvalidData(page_where + ": page claims " + std::to_string(num_values) +
                                 " values");
    }
    Encoding encoding =
        v2 ? header.data_page_header_v2->encoding : header.data_page_header->encoding;

    std::string_view levels_bytes;
    std::string_view values_bytes;
    std::shared_ptr<Buffer> page_buffer;
    if (v2) {
      const auto& h2 = *header.data_page_header_v2;
      int64_t level_bytes =
          int64_t{h2.repetition_levels_byte_length} + h2.definition_levels_byte_length;
      if (h2.repetition_levels_byte_length < 0 || h2.definition_levels_byte_length < 0 ||
          level_bytes > static_cast<int64_t>(raw.size()) ||
          level_bytes > header.uncompressed_page_size) {
        return Status::InvalidData(page_where + ": level lengths exceed the page");
      }
      levels_bytes = raw.substr(0, static_cast<size_t>(level_bytes));
      std::string_view compressed = raw.substr(static_cast<size_t>(level_bytes));
      int64_t values_size = header.uncompressed_page_size - level_bytes;
      if (h2.is_compressed && codec != CompressionCodec::kUncompressed && !compressed.empty()) {
        auto page = Decompress(codec, compressed, values_size);
        if (!page.ok()) return fail(page.status());
        page_buffer = *page;
        values_bytes = page_buffer->view();
      } else {
        values_bytes = compressed;
      }
    } else {
      auto page = Decompress(codec, raw, header.uncompressed_page_size);
      if (!page.ok()) return fail(page.status());
      page_buffer = *page;
      levels_bytes = page_buffer->view();
    }

    // Levels: repetition first, then definition.
    std::string_view cursor = levels_bytes;
    int64_t non_null = num_values;
    if (column.max_repetition_level > 0) {
      Encoding enc = v2 ? Encoding::kRle : header.data_page_header->repetition_level_encoding;
      auto used = DecodeLevels(
          cursor, !v2, v2 ? header.data_page_header_v2->repetition_levels_byte_length : 0, enc,
          column.max_repetition_level, num_values, &out.repetition_levels);
      if (!used.ok()) return fail(used.status());
      cursor = cursor.substr(static_cast<size_t>(*used));
    }
    if (v2) {
      // v2 sections have explicit lengths; skip the repetition bytes even when the column has no
      // repetition (some writers emit an empty-run section anyway).
      cursor = levels_bytes.substr(
          static_cast<size_t>(header.data_page_header_v2->repetition_levels_byte_length));
    }
    if (column.max_definition_level > 0) {
      Encoding enc = v2 ? Encoding::kRle : header.data_page_header->definition_level_encoding;
      size_t before = out.definition_levels.size();
      auto used = DecodeLevels(
          cursor, !v2, v2 ? header.data_page_header_v2->definition_levels_byte_length : 0, enc,
          column.max_definition_level, num_values, &out.definition_levels);
      if (!used.ok()) return fail(used.status());
      cursor = cursor.substr(static_cast<size_t>(*used));
      non_null = 0;
      for (size_t i = before; i < out.definition_levels.size(); ++i) {
        non_null += out.definition_levels[i] == column.max_definition_level;
      }
    }
    if (!v2) values_bytes = cursor;
    Status st = DecodeValues(encoding, type, values_bytes, non_null, dict, &out.values);
    if (!st.ok()) return fail(st);
    out.num_levels += num_values;
    // Dictionary pages let tiny pages expand into huge columns; Arrow's 32-bit offsets also need
    // the total below 2 GiB.
    if (out.values.data.size() > kMaxChunkBytes || out.values.fixed.size() > kMaxChunkBytes) {
      return Status::Unsupported(page_where + ": column chunk decodes to more than 2 GiB");
    }
  }
  if (out.num_levels < meta.num_values) {
    return Status::InvalidData(where + ": column chunk ends after " +
                               std::to_string(out.num_levels) + " of " +
                               std::to_string(meta.num_values) + " values");
  }
  return out;
}

}  // namespace ballista::formats::parquet
