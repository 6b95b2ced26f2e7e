#include "ballista/formats/parquet/statistics.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "ballista/formats/object_store/object_store.h"

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;
using Id = a::TypeId;

/// Decodes one plain-encoded statistics value of `leaf` into a scalar of its Arrow type.
std::optional<a::Scalar> Decode(const ColumnDescriptor& leaf, const std::string& bytes) {
  const a::DataTypePtr& type = leaf.arrow_type;
  PhysicalType physical = *leaf.element.type;
  auto le = [&](auto sample) -> std::optional<decltype(sample)> {
    if (bytes.size() != sizeof(sample)) return std::nullopt;
    decltype(sample) v;
    std::memcpy(&v, bytes.data(), sizeof(v));
    return v;
  };
  auto make = [&](a::Scalar::Value v) -> std::optional<a::Scalar> {
    auto s = a::MakeScalar(type, std::move(v));
    if (!s.ok()) return std::nullopt;
    return *s;
  };
  if (a::IsDecimal(type->id())) {
    __int128 v = 0;
    if (physical == PhysicalType::kInt32) {
      auto x = le(int32_t{});
      if (!x) return std::nullopt;
      v = *x;
    } else if (physical == PhysicalType::kInt64) {
      auto x = le(int64_t{});
      if (!x) return std::nullopt;
      v = *x;
    } else {
      if (bytes.empty() || bytes.size() > 16) return std::nullopt;
      v = static_cast<int8_t>(bytes[0]) < 0 ? -1 : 0;  // sign extension
      for (unsigned char c : bytes) v = (v << 8) | c;
    }
    return make(v);
  }
  switch (type->id()) {
    case Id::kBool:
      if (bytes.size() != 1) return std::nullopt;
      return make(bytes[0] != 0);
    case Id::kInt8:
    case Id::kInt16:
    case Id::kInt32:
    case Id::kDate32:
    case Id::kTime32: {
      auto x = le(int32_t{});
      if (!x) return std::nullopt;
      return make(static_cast<int64_t>(*x));
    }
    case Id::kUInt8:
    case Id::kUInt16:
    case Id::kUInt32: {
      auto x = le(uint32_t{});
      if (!x) return std::nullopt;
      return make(static_cast<uint64_t>(*x));
    }
    case Id::kInt64:
    case Id::kTime64:
    case Id::kTimestamp: {
      if (physical != PhysicalType::kInt64) return std::nullopt;  // INT96 has no order
      auto x = le(int64_t{});
      if (!x) return std::nullopt;
      return make(*x);
    }
    case Id::kUInt64: {
      auto x = le(uint64_t{});
      if (!x) return std::nullopt;
      return make(*x);
    }
    case Id::kFloat32: {
      auto x = le(float{});
      if (!x || std::isnan(*x)) return std::nullopt;
      return make(static_cast<double>(*x));
    }
    case Id::kFloat64: {
      auto x = le(double{});
      if (!x || std::isnan(*x)) return std::nullopt;
      return make(*x);
    }
    case Id::kUtf8:
    case Id::kBinary:
    case Id::kFixedSizeBinary:
      return make(bytes);
    default:
      return std::nullopt;
  }
}

/// Whether the deprecated min/max fields (signed comparison) may be trusted for `leaf`.
bool LegacyStatsUsable(const ColumnDescriptor& leaf) {
  PhysicalType p = *leaf.element.type;
  bool numeric = p == PhysicalType::kInt32 || p == PhysicalType::kInt64 ||
                 p == PhysicalType::kFloat || p == PhysicalType::kDouble;
  return numeric && !a::IsUnsignedInteger(leaf.arrow_type->id());
}

/// The leaf of top-level field `field` when it is a flat primitive column; null otherwise.
const ColumnDescriptor* FlatLeaf(const ParquetFileReader& reader, int field) {
  const auto& nodes = reader.parquet_schema().fields();
  if (field < 0 || field >= static_cast<int>(nodes.size())) return nullptr;
  const SchemaNode& node = nodes[static_cast<size_t>(field)];
  if (node.kind != SchemaNode::Kind::kLeaf || node.leaf_index < 0) return nullptr;
  const auto& leaf = reader.parquet_schema().leaves()[static_cast<size_t>(node.leaf_index)];
  if (leaf.max_repetition_level > 0 || !leaf.element.type) return nullptr;
  return &leaf;
}

void Merge(ColumnStatistics* into, const ColumnStatistics& s, bool first) {
  if (first) {
    *into = s;
    return;
  }
  into->null_count = into->null_count && s.null_count
                         ? std::optional<int64_t>(*into->null_count + *s.null_count)
                         : std::nullopt;
  into->num_values =
      into->num_values >= 0 && s.num_values >= 0 ? into->num_values + s.num_values : -1;
  auto pick = [](std::optional<a::Scalar>* cur, const std::optional<a::Scalar>& other, int sign) {
    if (!*cur || !other) {
      cur->reset();
      return;
    }
    auto c = CompareScalars(*other, **cur);
    if (!c) {
      cur->reset();
    } else if (*c * sign > 0) {
      *cur = other;
    }
  };
  // A row group of only nulls has no min/max but does not make the others unknown.
  bool s_all_null = s.null_count && s.num_values >= 0 && *s.null_count == s.num_values;
  if (!s_all_null) {
    pick(&into->min, s.min, -1);
    pick(&into->max, s.max, 1);
  }
}

}  // namespace

ColumnStatistics RowGroupStatistics(const ParquetFileReader& reader, int row_group, int field) {
  ColumnStatistics out;
  const ColumnDescriptor* leaf = FlatLeaf(reader, field);
  if (leaf == nullptr || row_group < 0 || row_group >= reader.num_row_groups()) return out;
  const RowGroup& rg = reader.metadata().row_groups[static_cast<size_t>(row_group)];
  if (leaf->leaf_index >= static_cast<int>(rg.columns.size())) return out;
  const auto& chunk = rg.columns[static_cast<size_t>(leaf->leaf_index)];
  if (!chunk.meta_data) return out;
  out.num_values = chunk.meta_data->num_values;
  if (!chunk.meta_data->statistics) return out;
  const Statistics& st = *chunk.meta_data->statistics;
  out.null_count = st.null_count;
  const std::optional<std::string>* lo = &st.min_value;
  const std::optional<std::string>* hi = &st.max_value;
  if ((!*lo || !*hi) && LegacyStatsUsable(*leaf)) {
    lo = &st.min;
    hi = &st.max;
  }
  if (*lo && *hi) {
    out.min = Decode(*leaf, **lo);
    out.max = Decode(*leaf, **hi);
    if (!out.min || !out.max) {
      out.min.reset();
      out.max.reset();
    }
  }
  return out;
}

FileStatistics ComputeFileStatistics(const ParquetFileReader& reader) {
  FileStatistics out;
  out.num_rows = reader.num_rows();
  int fields = reader.schema()->num_fields();
  out.columns.resize(static_cast<size_t>(fields));
  for (int f = 0; f < fields; ++f) {
    for (int g = 0; g < reader.num_row_groups(); ++g) {
      Merge(&out.columns[static_cast<size_t>(f)], RowGroupStatistics(reader, g, f), g == 0);
    }
  }
  return out;
}

std::vector<int> PruneRowGroups(const ParquetFileReader& reader, const ScanPredicate& predicate) {
  std::vector<int> out;
  for (int g = 0; g < reader.num_row_groups(); ++g) {
    bool keep = true;
    for (const auto& p : predicate.conjuncts) {
      int field = reader.schema()->GetFieldIndex(p.column);
      if (field < 0) continue;
      if (!StatisticsMayMatch(p, RowGroupStatistics(reader, g, field))) {
        keep = false;
        break;
      }
    }
    if (keep) out.push_back(g);
  }
  return out;
}

std::vector<RowRange> SelectPageRows(const ParquetFileReader& reader, int row_group,
                                     const ScanPredicate& predicate) {
  int64_t rows = reader.metadata().row_groups[static_cast<size_t>(row_group)].num_rows;
  // A per-row-group bitmap of surviving rows is simplest; pages are few and rows bounded.
  std::vector<RowRange> keep = {{0, rows}};
  for (const auto& p : predicate.conjuncts) {
    int field = reader.schema()->GetFieldIndex(p.column);
    const ColumnDescriptor* leaf = FlatLeaf(reader, field);
    if (leaf == nullptr) continue;
    auto offsets = reader.ReadOffsetIndex(row_group, leaf->leaf_index);
    auto index = reader.ReadColumnIndex(row_group, leaf->leaf_index);
    if (!offsets.ok() || !index.ok()) continue;
    const auto& pages = offsets->page_locations;
    if (index->min_values.size() != pages.size() || index->max_values.size() != pages.size() ||
        index->null_pages.size() != pages.size()) {
      continue;  // inconsistent index: no pruning
    }
    std::vector<RowRange> column_keep;
    for (size_t i = 0; i < pages.size(); ++i) {
      int64_t begin = pages[i].first_row_index;
      int64_t end = i + 1 < pages.size() ? pages[i + 1].first_row_index : rows;
      ColumnStatistics s;
      s.num_values = end - begin;
      if (index->null_counts.size() == pages.size()) s.null_count = index->null_counts[i];
      if (index->null_pages[i]) {
        s.null_count = s.num_values;
      } else {
        s.min = Decode(*leaf, index->min_values[i]);
        s.max = Decode(*leaf, index->max_values[i]);
        if (!s.min || !s.max) s.min.reset(), s.max.reset();
      }
      if (StatisticsMayMatch(p, s)) {
        if (!column_keep.empty() && column_keep.back().end == begin) {
          column_keep.back().end = end;
        } else {
          column_keep.push_back({begin, end});
        }
      }
    }
    // Intersect the sorted range lists.
    std::vector<RowRange> merged;
    size_t x = 0, y = 0;
    while (x < keep.size() && y < column_keep.size()) {
      int64_t b = std::max(keep[x].begin, column_keep[y].begin);
      int64_t e = std::min(keep[x].end, column_keep[y].end);
      if (b < e) merged.push_back({b, e});
      if (keep[x].end < column_keep[y].end) {
        ++x;
      } else {
        ++y;
      }
    }
    keep = std::move(merged);
  }
  return keep;
}

Result<std::vector<a::RecordBatchPtr>> ReadPruned(const ParquetFileReader& reader,
                                                  const ScanPredicate& predicate,
                                                  const std::vector<int>& column_indices) {
  std::vector<a::RecordBatchPtr> out;
  for (int g : PruneRowGroups(reader, predicate)) {
    std::vector<RowRange> ranges = SelectPageRows(reader, g, predicate);
    if (ranges.empty()) continue;
    ASSIGN_OR_RAISE(auto batch, reader.ReadRowGroup(g, column_indices));
    if (ranges.size() == 1 && ranges[0].begin == 0 && ranges[0].end == batch->num_rows()) {
      out.push_back(std::move(batch));
      continue;
    }
    for (const auto& r : ranges) out.push_back(batch->Slice(r.begin, r.end - r.begin));
  }
  return out;
}

Result<std::shared_ptr<ParquetFileReader>> MetadataCache::Open(const std::string& path) {
  object_store::LocalFileSystem fs;
  ASSIGN_OR_RAISE(auto info, fs.Head(path));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(path);
    if (it != entries_.end() && it->second.size == info.size &&
        it->second.mtime_ns == info.mtime_ns) {
      ++hits_;
      it->second.last_use = ++clock_;
      return it->second.reader;
    }
    ++misses_;
  }
  // Opened outside the lock: another thread may open the same file concurrently, and the last
  // one to finish wins the slot (both results are equivalent).
  ASSIGN_OR_RAISE(auto reader, ParquetFileReader::Open(path));
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.size() >= capacity_ && entries_.find(path) == entries_.end()) {
    auto oldest = entries_.begin();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->second.last_use < oldest->second.last_use) oldest = it;
    }
    entries_.erase(oldest);
  }
  entries_[path] = Entry{info.size, info.mtime_ns, ++clock_, reader};
  return reader;
}

int64_t MetadataCache::hits() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return hits_;
}

int64_t MetadataCache::misses() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return misses_;
}

}  // namespace ballista::formats::parquet
