#include "ballista/compute/sort.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ballista/arrow/decimal_util.h"
#include "ballista/compute/kernel_util.h"
#include "ballista/compute/selection.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::ArrayData;
using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

RowComparator::~RowComparator() = default;

namespace {

// Three-way order of values, NaN last for floats.
template <typename T>
inline int CompareValues(const T& x, const T& y) {
  if constexpr (std::is_floating_point_v<T>) {
    const bool xn = std::isnan(x), yn = std::isnan(y);
    if (xn || yn) return static_cast<int>(xn) - static_cast<int>(yn);
  }
  if constexpr (std::is_same_v<T, arrow::MonthDayNanoInterval>) {
    if (x.months != y.months) return x.months < y.months ? -1 : 1;
    if (x.days != y.days) return x.days < y.days ? -1 : 1;
    return x.nanos < y.nanos ? -1 : (x.nanos > y.nanos ? 1 : 0);
  } else {
    return x < y ? -1 : (y < x ? 1 : 0);
  }
}

// Compares one column pair; null ordering and direction applied.
class ColumnComparator {
 public:
  virtual ~ColumnComparator() = default;
  virtual int Compare(int64_t a, int64_t b) const = 0;
};

template <typename Reader>
class TypedColumnComparator final : public ColumnComparator {
 public:
  TypedColumnComparator(const ArrayData& left, const ArrayData& right, SortKey key)
      : left_(left), right_(right), l_(Datum(std::make_shared<ArrayData>(left))),
        r_(Datum(std::make_shared<ArrayData>(right))), key_(key),
        l_nulls_(left.GetNullCount() > 0), r_nulls_(right.GetNullCount() > 0) {}
  int Compare(int64_t a, int64_t b) const override {
    const bool an = l_nulls_ && left_.IsNull(a);
    const bool bn = r_nulls_ && right_.IsNull(b);
    if (an || bn) {
      if (an && bn) return 0;
      return (an ? -1 : 1) * (key_.nulls_first ? 1 : -1);
    }
    const int c = CompareValues(l_[a], r_[b]);
    return key_.descending ? -c : c;
  }

 private:
  const ArrayData& left_;
  const ArrayData& right_;
  Reader l_, r_;
  SortKey key_;
  bool l_nulls_, r_nulls_;
};

// Decimals of any width, read as __int128.
struct DecimalValues {
  const uint8_t* base;
  int width;
  explicit DecimalValues(const Datum& d)
      : base(d.array()->buffers[1]->data() + d.array()->offset * d.array()->type->byte_width()),
        width(d.array()->type->byte_width()) {}
  __int128 operator[](int64_t i) const { return arrow::decimal::ToInt128(base + i * width, width); }
};

struct NullValues {
  explicit NullValues(const Datum&) {}
  int operator[](int64_t) const { return 0; }
};

Result<std::unique_ptr<ColumnComparator>> MakeColumnComparator(const ArrayData& left,
                                                               const ArrayData& right, SortKey key) {
  const TypeId id = left.type->id();
  if (id == TypeId::kNull) return std::make_unique<TypedColumnComparator<NullValues>>(left, right, key);
  if (id == TypeId::kBool) return std::make_unique<TypedColumnComparator<BoolReader>>(left, right, key);
  if (arrow::IsStringLike(id) || arrow::IsBinaryLike(id)) {
    return std::make_unique<TypedColumnComparator<StringReader>>(left, right, key);
  }
  if (id == TypeId::kDecimal32 || id == TypeId::kDecimal64 || id == TypeId::kDecimal256) {
    return std::make_unique<TypedColumnComparator<DecimalValues>>(left, right, key);
  }
  std::unique_ptr<ColumnComparator> out;
  DispatchFixedWidth(id, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if (id != TypeId::kFloat16) {
      out = std::make_unique<TypedColumnComparator<ValuesReader<T>>>(left, right, key);
    }
  });
  if (!out) return Status::TypeError("cannot sort by a column of type " + SqlTypeName(left.type));
  return out;
}

class MultiColumnComparator final : public RowComparator {
 public:
  explicit MultiColumnComparator(std::vector<std::unique_ptr<ColumnComparator>> columns)
      : columns_(std::move(columns)) {}
  int Compare(int64_t a, int64_t b) const override {
    for (const auto& c : columns_) {
      const int r = c->Compare(a, b);
      if (r != 0) return r;
    }
    return 0;
  }

 private:
  std::vector<std::unique_ptr<ColumnComparator>> columns_;
};

// Order-preserving unsigned image of a value.
template <typename T>
inline uint64_t NormalizedKey(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    const double d = v == 0 ? 0.0 : static_cast<double>(v);  // -0.0 sorts with 0.0
    if (std::isnan(d)) return ~uint64_t{0};
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof(bits));
    return (bits >> 63) ? ~bits : bits | (uint64_t{1} << 63);
  } else if constexpr (std::is_signed_v<T>) {
    return static_cast<uint64_t>(static_cast<int64_t>(v)) ^ (uint64_t{1} << 63);
  } else {
    return static_cast<uint64_t>(v);
  }
}

// Big-endian first eight bytes of a string: orders like the bytes (ties need the full compare).
inline uint64_t StringPrefixKey(std::string_view v) {
  uint64_t k = 0;
  const size_t n = std::min<size_t>(8, v.size());
  for (size_t i = 0; i < n; ++i) k |= static_cast<uint64_t>(static_cast<unsigned char>(v[i])) << (56 - 8 * i);
  return k;
}

// Sorts rows[begin, end) by key k, then each run of rows equal under key k by the next keys.
// Keys of fixed-width integer/float/temporal types and strings go through order-preserving 64-bit
// keys (strings: an 8-byte prefix, full compare on prefix ties); other types use the comparator.
class KeySorter {
 public:
  KeySorter(const std::vector<std::shared_ptr<ArrayData>>& columns, const std::vector<SortKey>& keys)
      : columns_(columns), keys_(keys) {}

  Status Init() {
    for (size_t c = 0; c < columns_.size(); ++c) {
      ASSIGN_OR_RAISE(auto cmp, MakeColumnComparator(*columns_[c], *columns_[c], keys_[c]));
      comparators_.push_back(std::move(cmp));
    }
    return Status::OK();
  }

  void Sort(std::vector<uint32_t>* rows, size_t begin, size_t end, size_t k) {
    if (k >= columns_.size() || end - begin < 2) return;
    const ArrayData& column = *columns_[k];
    const SortKey key = keys_[k];
    const ColumnComparator& cmp = *comparators_[k];
    // Order-preserving keys when the type has them.
    std::vector<std::pair<uint64_t, uint32_t>> keyed;
    std::vector<uint32_t> nulls;
    const bool normalized = Normalize(column, *rows, begin, end, key.descending, &keyed, &nulls);
    if (!normalized) {
      std::stable_sort(rows->begin() + static_cast<ptrdiff_t>(begin), rows->begin() + static_cast<ptrdiff_t>(end),
                       [&](uint32_t a, uint32_t b) { return cmp.Compare(a, b) < 0; });
      RecurseOnRuns(rows, begin, end, k, [&](uint32_t a, uint32_t b) { return cmp.Compare(a, b) == 0; });
      return;
    }
    // Pairs compare the key, then the row number: a stable order.
    std::sort(keyed.begin(), keyed.end());
    size_t pos = begin;
    auto emit_nulls = [&] {
      const size_t start = pos;
      for (uint32_t r : nulls) (*rows)[pos++] = r;
      Sort(rows, start, pos, k + 1);
    };
    if (key.nulls_first) emit_nulls();
    const size_t values_begin = pos;
    for (const auto& [nk, r] : keyed) (*rows)[pos++] = r;
    const bool is_string = arrow::IsStringLike(column.type->id()) || arrow::IsBinaryLike(column.type->id());
    // Runs of equal normalized keys: strings finish the order with full compares first.
    size_t run = values_begin;
    for (size_t i = 0; i <= keyed.size(); ++i) {
      if (i < keyed.size() && i > 0 && keyed[i].first == keyed[i - 1].first) continue;
      if (i > 0) {
        const size_t run_end = values_begin + i;
        if (run_end - run > 1) {
          if (is_string) {
            std::stable_sort(rows->begin() + static_cast<ptrdiff_t>(run), rows->begin() + static_cast<ptrdiff_t>(run_end),
                             [&](uint32_t a, uint32_t b) { return cmp.Compare(a, b) < 0; });
            RecurseOnRuns(rows, run, run_end, k, [&](uint32_t a, uint32_t b) { return cmp.Compare(a, b) == 0; });
          } else {
            Sort(rows, run, run_end, k + 1);
          }
        }
      }
      run = values_begin + i;
    }
    if (!key.nulls_first) emit_nulls();
  }

 private:
  template <typename Equal>
  void RecurseOnRuns(std::vector<uint32_t>* rows, size_t begin, size_t end, size_t k, Equal&& equal) {
    size_t run = begin;
    for (size_t i = begin + 1; i <= end; ++i) {
      if (i < end && equal((*rows)[i - 1], (*rows)[i])) continue;
      if (i - run > 1) Sort(rows, run, i, k + 1);
      run = i;
    }
  }

  static bool Normalize(const ArrayData& column, const std::vector<uint32_t>& rows, size_t begin, size_t end,
                        bool descending, std::vector<std::pair<uint64_t, uint32_t>>* keyed,
                        std::vector<uint32_t>* nulls) {
    const TypeId id = column.type->id();
    const bool has_nulls = column.GetNullCount() > 0;
    keyed->reserve(end - begin);
    auto add = [&](uint32_t r, uint64_t k) { keyed->emplace_back(descending ? ~k : k, r); };
    if (arrow::IsStringLike(id) || arrow::IsBinaryLike(id)) {
      StringReader reader{Datum(std::make_shared<ArrayData>(column))};
      for (size_t i = begin; i < end; ++i) {
        const uint32_t r = rows[i];
        if (has_nulls && column.IsNull(r)) nulls->push_back(r);
        else add(r, StringPrefixKey(reader[r]));
      }
      return true;
    }
    if (id == TypeId::kFloat16 || arrow::IsDecimal(id) || id == TypeId::kIntervalMonthDayNano || id == TypeId::kBool) {
      return false;
    }
    bool handled = false;
    DispatchFixedWidth(id, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<T, __int128> && !std::is_same_v<T, arrow::MonthDayNanoInterval>) {
        handled = true;
        const T* v = column.GetValues<T>(1);
        for (size_t i = begin; i < end; ++i) {
          const uint32_t r = rows[i];
          if (has_nulls && column.IsNull(r)) nulls->push_back(r);
          else add(r, NormalizedKey<T>(v[r]));
        }
      }
    });
    return handled;
  }

  const std::vector<std::shared_ptr<ArrayData>>& columns_;
  const std::vector<SortKey>& keys_;
  std::vector<std::unique_ptr<ColumnComparator>> comparators_;
};

}  // namespace

Result<std::unique_ptr<RowComparator>> RowComparator::Make(
    const std::vector<std::shared_ptr<ArrayData>>& left,
    const std::vector<std::shared_ptr<ArrayData>>& right, const std::vector<SortKey>& keys) {
  if (left.size() != right.size() || left.size() != keys.size()) {
    return Status::InvalidArgument("row comparator: column and key counts differ");
  }
  std::vector<std::unique_ptr<ColumnComparator>> columns;
  for (size_t c = 0; c < left.size(); ++c) {
    ASSIGN_OR_RAISE(auto cmp, MakeColumnComparator(*left[c], *right[c], keys[c]));
    columns.push_back(std::move(cmp));
  }
  return std::unique_ptr<RowComparator>(new MultiColumnComparator(std::move(columns)));
}

Result<std::vector<uint32_t>> SortIndices(const std::vector<std::shared_ptr<ArrayData>>& columns,
                                          const std::vector<SortKey>& keys) {
  if (columns.empty()) return Status::InvalidArgument("sort needs at least one column");
  if (columns.size() != keys.size()) {
    return Status::InvalidArgument("sort: " + std::to_string(columns.size()) + " columns but " +
                                   std::to_string(keys.size()) + " keys");
  }
  const int64_t n = columns[0]->length;
  if (n > static_cast<int64_t>(UINT32_MAX)) return Status::InvalidArgument("sort: too many rows");
  std::vector<uint32_t> rows(static_cast<size_t>(n));
  std::iota(rows.begin(), rows.end(), 0u);
  KeySorter sorter(columns, keys);
  RETURN_NOT_OK(sorter.Init());
  sorter.Sort(&rows, 0, rows.size(), 0);
  return rows;
}

Result<std::shared_ptr<arrow::RecordBatch>> SortRecordBatch(const arrow::RecordBatch& batch,
                                                            const std::vector<int>& key_columns,
                                                            const std::vector<SortKey>& keys) {
  std::vector<std::shared_ptr<ArrayData>> columns;
  for (int c : key_columns) columns.push_back(batch.column_data(c));
  ASSIGN_OR_RAISE(auto order, SortIndices(columns, keys));
  return TakeRecordBatch(batch, order.data(), static_cast<int64_t>(order.size()));
}

}  // namespace ballista::compute
