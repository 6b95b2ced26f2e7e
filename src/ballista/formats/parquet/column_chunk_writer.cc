#include "ballista/formats/parquet/column_chunk_writer.h"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_map>

#include "ballista/formats/parquet/metadata_writer.h"
#include "ballista/formats/parquet/rle_bit_packed.h"
#include "ballista/formats/parquet/rle_encoder.h"

namespace ballista::formats::parquet {
namespace {

void AppendU32(uint32_t v, std::string* out) {
  char buf[4];
  std::memcpy(buf, &v, 4);
  out->append(buf, 4);
}

/// Levels in the RLE hybrid encoding; empty when the maximum level is 0 (levels are omitted).
std::string EncodeLevels(const std::vector<int16_t>& levels, int64_t begin, int64_t end,
                         int16_t max_level) {
  std::string out;
  if (max_level == 0) return out;
  AppendRleBitPacked(levels.data() + begin, end - begin,
                     BitWidthFor(static_cast<uint32_t>(max_level)), &out);
  return out;
}

}  // namespace

Status ColumnChunkWriter::Append(const ShreddedLeaf& shredded) {
  def_.insert(def_.end(), shredded.def.begin(), shredded.def.end());
  rep_.insert(rep_.end(), shredded.rep.begin(), shredded.rep.end());
  if (!shredded.value_index.empty()) {
    RETURN_NOT_OK(values_.Append(*shredded.values, shredded.value_index));
  }
  return Status::OK();
}

bool ColumnChunkWriter::BuildDictionary() {
  dict_entries_.clear();
  dict_ids_.clear();
  int64_t n = values_.size();
  if (!options_.enable_dictionary || leaf_.physical == PhysicalType::kBoolean || n == 0) {
    return false;
  }
  dict_ids_.reserve(static_cast<size_t>(n));
  int64_t dict_bytes = 0;
  auto add = [&](auto& map, auto key, int64_t i) -> bool {
    auto [it, inserted] = map.try_emplace(key, static_cast<uint32_t>(dict_entries_.size()));
    if (inserted) {
      dict_entries_.push_back(i);
      dict_bytes += values_.ValueSize(i);
      if (dict_bytes > options_.dictionary_page_size_limit) return false;
    }
    dict_ids_.push_back(it->second);
    return true;
  };
  bool ok = true;
  if (values_.is_bytes()) {
    std::unordered_map<std::string_view, uint32_t> map;
    for (int64_t i = 0; i < n && ok; ++i) ok = add(map, values_.Bytes(i), i);
  } else {
    std::unordered_map<uint64_t, uint32_t> map;
    for (int64_t i = 0; i < n && ok; ++i) ok = add(map, values_.FixedKey(i), i);
  }
  if (!ok) {
    dict_entries_.clear();
    dict_ids_.clear();
  }
  return ok;
}

std::vector<ColumnChunkWriter::PageRange> ColumnChunkWriter::SplitPages(int dict_bit_width) const {
  std::vector<PageRange> pages;
  int64_t levels = static_cast<int64_t>(def_.size());
  bool repeated = leaf_.max_rep > 0;
  PageRange cur{0, 0, 0, 0};
  int64_t bytes = 0;
  for (int64_t l = 0; l < levels; ++l) {
    bool row_start = !repeated || rep_[static_cast<size_t>(l)] == 0;
    if (row_start && l > cur.level_begin &&
        (bytes >= options_.data_page_size ||
         l - cur.level_begin >= options_.data_page_max_values)) {
      cur.level_end = l;
      pages.push_back(cur);
      cur = PageRange{l, l, cur.value_end, cur.value_end};
      bytes = 0;
    }
    if (def_[static_cast<size_t>(l)] == leaf_.max_def) {
      bytes += dict_bit_width > 0 ? 1 : values_.ValueSize(cur.value_end);
      ++cur.value_end;
    }
  }
  cur.level_end = levels;
  pages.push_back(cur);
  return pages;
}

bool ColumnChunkWriter::MinMax(int64_t begin, int64_t end, int64_t* min, int64_t* max) const {
  *min = *max = -1;
  for (int64_t i = begin; i < end; ++i) {
    if (values_.IsNaN(i)) continue;
    if (*min < 0) {
      *min = *max = i;
      continue;
    }
    if (values_.Less(i, *min)) *min = i;
    if (values_.Less(*max, i)) *max = i;
  }
  return *min >= 0;
}

std::string ColumnChunkWriter::StatsBytes(int64_t i, bool is_min) const {
  std::string bytes = values_.StatsValue(i);
  // A zero bound is written as -0.0 (min) or +0.0 (max) so either zero compares inside it.
  if (leaf_.physical == PhysicalType::kFloat) {
    float f;
    std::memcpy(&f, bytes.data(), 4);
    if (f == 0.0f) {
      f = is_min ? -0.0f : 0.0f;
      std::memcpy(bytes.data(), &f, 4);
    }
  } else if (leaf_.physical == PhysicalType::kDouble) {
    double d;
    std::memcpy(&d, bytes.data(), 8);
    if (d == 0.0) {
      d = is_min ? -0.0 : 0.0;
      std::memcpy(bytes.data(), &d, 8);
    }
  }
  return bytes;
}

void ColumnChunkWriter::PageStatistics(const PageRange& page, EncodedChunk* out) const {
  ColumnIndex& ci = out->column_index;
  int64_t min, max;
  int64_t nulls = 0;
  for (int64_t l = page.level_begin; l < page.level_end; ++l) {
    if (def_[static_cast<size_t>(l)] < leaf_.max_def) ++nulls;
  }
  ci.null_counts.push_back(nulls);
  bool has = MinMax(page.value_begin, page.value_end, &min, &max);
  bool all_null = page.value_begin == page.value_end;
  ci.null_pages.push_back(all_null);
  if (has) {
    ci.min_values.push_back(StatsBytes(min, true));
    ci.max_values.push_back(StatsBytes(max, false));
  } else {
    ci.min_values.emplace_back();
    ci.max_values.emplace_back();
    // A page of only NaN has no usable bounds: drop the index rather than mislead.
    if (!all_null) out->has_column_index = false;
  }
}

Status ColumnChunkWriter::WritePage(const PageRange& page, int dict_bit_width, EncodedChunk* out,
                                    int64_t file_offset, int64_t* first_row) {
  std::string rep = EncodeLevels(rep_, page.level_begin, page.level_end, leaf_.max_rep);
  std::string def = EncodeLevels(def_, page.level_begin, page.level_end, leaf_.max_def);
  std::string values;
  if (dict_bit_width > 0) {
    values.push_back(static_cast<char>(dict_bit_width));
    AppendRleBitPacked(dict_ids_.data() + page.value_begin, page.value_end - page.value_begin,
                       dict_bit_width, &values);
  } else {
    values_.EncodePlain(page.value_begin, page.value_end, &values);
  }
  int64_t levels = page.level_end - page.level_begin;
  int64_t rows = levels;
  if (leaf_.max_rep > 0) {
    rows = 0;
    for (int64_t l = page.level_begin; l < page.level_end; ++l)
      rows += rep_[static_cast<size_t>(l)] == 0;
  }
  PageHeader header;
  std::string body;
  int64_t uncompressed;
  if (options_.data_page_v2) {
    ASSIGN_OR_RAISE(std::string compressed, Compress(options_.compression, values));
    DataPageHeaderV2 v2;
    v2.num_values = static_cast<int32_t>(levels);
    v2.num_nulls = static_cast<int32_t>(levels - (page.value_end - page.value_begin));
    v2.num_rows = static_cast<int32_t>(rows);
    v2.encoding = dict_bit_width > 0 ? Encoding::kRleDictionary : Encoding::kPlain;
    v2.definition_levels_byte_length = static_cast<int32_t>(def.size());
    v2.repetition_levels_byte_length = static_cast<int32_t>(rep.size());
    v2.is_compressed = options_.compression != CompressionCodec::kUncompressed;
    header.type = PageType::kDataPageV2;
    header.data_page_header_v2 = v2;
    uncompressed = static_cast<int64_t>(rep.size() + def.size() + values.size());
    body = rep + def + (v2.is_compressed ? compressed : values);
  } else {
    std::string raw;
    if (!rep.empty()) {
      AppendU32(static_cast<uint32_t>(rep.size()), &raw);
      raw += rep;
    }
    if (!def.empty()) {
      AppendU32(static_cast<uint32_t>(def.size()), &raw);
      raw += def;
    }
    raw += values;
    uncompressed = static_cast<int64_t>(raw.size());
    ASSIGN_OR_RAISE(body, Compress(options_.compression, raw));
    DataPageHeader v1;
    v1.num_values = static_cast<int32_t>(levels);
    v1.encoding = dict_bit_width > 0 ? Encoding::kRleDictionary : Encoding::kPlain;
    header.type = PageType::kDataPage;
    header.data_page_header = v1;
  }
  if (uncompressed > INT32_MAX || body.size() > static_cast<size_t>(INT32_MAX)) {
    return Status::InvalidArgument("parquet writer: page of column \"" + leaf_.path.back() +
                                   "\" exceeds 2 GiB");
  }
  header.uncompressed_page_size = static_cast<int32_t>(uncompressed);
  header.compressed_page_size = static_cast<int32_t>(body.size());
  std::string head = SerializePageHeader(header);
  PageLocation loc;
  loc.offset = file_offset + static_cast<int64_t>(out->bytes.size());
  loc.compressed_page_size = static_cast<int32_t>(head.size() + body.size());
  loc.first_row_index = *first_row;
  out->offset_index.page_locations.push_back(loc);
  *first_row += rows;
  uncompressed_total_ += static_cast<int64_t>(head.size()) + uncompressed;
  out->bytes += head;
  out->bytes += body;
  if (options_.write_page_index) PageStatistics(page, out);
  return Status::OK();
}

Result<EncodedChunk> ColumnChunkWriter::Flush(int64_t file_offset) {
  EncodedChunk out;
  out.has_column_index =
      options_.write_page_index && options_.write_statistics && leaf_.order != StatsOrder::kNone;
  uncompressed_total_ = 0;
  ColumnMetaData md;
  md.type = leaf_.physical;
  md.path_in_schema = leaf_.path;
  md.codec = static_cast<int32_t>(options_.compression);
  md.num_values = static_cast<int64_t>(def_.size());
  int dict_bit_width = 0;
  if (BuildDictionary()) {
    dict_bit_width = std::max(1, BitWidthFor(static_cast<uint32_t>(dict_entries_.size() - 1)));
    std::string plain;
    for (int64_t i : dict_entries_) values_.EncodePlain(i, i + 1, &plain);
    ASSIGN_OR_RAISE(std::string body, Compress(options_.compression, plain));
    PageHeader header;
    header.type = PageType::kDictionaryPage;
    header.uncompressed_page_size = static_cast<int32_t>(plain.size());
    header.compressed_page_size = static_cast<int32_t>(body.size());
    DictionaryPageHeader dict;
    dict.num_values = static_cast<int32_t>(dict_entries_.size());
    dict.encoding = Encoding::kPlain;
    header.dictionary_page_header = dict;
    std::string head = SerializePageHeader(header);
    md.dictionary_page_offset = file_offset;
    uncompressed_total_ += static_cast<int64_t>(head.size() + plain.size());
    out.bytes += head;
    out.bytes += body;
    md.encodings = {Encoding::kPlain, Encoding::kRle, Encoding::kRleDictionary};
  } else {
    md.encodings = {Encoding::kPlain, Encoding::kRle};
  }
  md.data_page_offset = file_offset + static_cast<int64_t>(out.bytes.size());
  int64_t first_row = 0;
  for (const PageRange& page : SplitPages(dict_bit_width)) {
    RETURN_NOT_OK(WritePage(page, dict_bit_width, &out, file_offset, &first_row));
  }
  md.total_uncompressed_size = uncompressed_total_;
  md.total_compressed_size = static_cast<int64_t>(out.bytes.size());
  if (options_.write_statistics) {
    Statistics stats;
    int64_t values = values_.size();
    stats.null_count = static_cast<int64_t>(def_.size()) - values;
    int64_t min, max;
    if (leaf_.order != StatsOrder::kNone && MinMax(0, values, &min, &max)) {
      std::string lo = StatsBytes(min, true), hi = StatsBytes(max, false);
      if (static_cast<int64_t>(lo.size()) <= options_.max_statistics_size &&
          static_cast<int64_t>(hi.size()) <= options_.max_statistics_size) {
        stats.min_value = std::move(lo);
        stats.max_value = std::move(hi);
      }
    }
    md.statistics = std::move(stats);
  }
  if (out.has_column_index) {
    for (size_t p = 0; p < out.column_index.min_values.size(); ++p) {
      if (static_cast<int64_t>(out.column_index.min_values[p].size()) >
              options_.max_statistics_size ||
          static_cast<int64_t>(out.column_index.max_values[p].size()) >
              options_.max_statistics_size) {
        out.has_column_index = false;
      }
    }
  }
  out.chunk.file_offset = file_offset;
  out.chunk.meta_data = std::move(md);
  values_.Clear();
  def_.clear();
  rep_.clear();
  dict_entries_.clear();
  dict_ids_.clear();
  return out;
}

}  // namespace ballista::formats::parquet
