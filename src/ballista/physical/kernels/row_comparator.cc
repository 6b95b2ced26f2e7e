#include "ballista/physical/kernels/row_comparator.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <functional>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/type.h"

namespace ballista::physical {
namespace {

namespace a = ballista::arrow;

template <typename T>
int Cmp(const T& x, const T& y) {
  if constexpr (std::is_floating_point_v<T>) {
    // NaN sorts after every other value (as in DuckDB and PostgreSQL).
    const bool xn = std::isnan(x), yn = std::isnan(y);
    if (xn || yn) return xn == yn ? 0 : (xn ? 1 : -1);
  }
  return x < y ? -1 : (y < x ? 1 : 0);
}

template <typename T>
int CompareFixed(const a::ArrayData& x, int64_t i, const a::ArrayData& y, int64_t j) {
  T vx, vy;
  std::memcpy(&vx, x.buffers[1]->data() + (x.offset + i) * static_cast<int64_t>(sizeof(T)), sizeof(T));
  std::memcpy(&vy, y.buffers[1]->data() + (y.offset + j) * static_cast<int64_t>(sizeof(T)), sizeof(T));
  return Cmp(vx, vy);
}

template <typename Offset>
std::string_view BinaryAt(const a::ArrayData& x, int64_t i) {
  const Offset* o = x.GetValues<Offset>(1);
  const char* data = x.buffers[2] ? reinterpret_cast<const char*>(x.buffers[2]->data()) : "";
  return std::string_view(data + o[i], static_cast<size_t>(o[i + 1] - o[i]));
}

/// The comparison of values of `type`; null for a type without an ordering here.
ValueCompare ComparatorFor(const a::DataType& type) {
  switch (type.id()) {
    case a::TypeId::kNull:
      return [](const a::ArrayData&, int64_t, const a::ArrayData&, int64_t) { return 0; };
    case a::TypeId::kBool:
      return [](const a::ArrayData& x, int64_t i, const a::ArrayData& y, int64_t j) {
        return Cmp<int>(a::bit_util::GetBit(x.buffers[1]->data(), x.offset + i),
                        a::bit_util::GetBit(y.buffers[1]->data(), y.offset + j));
      };
    case a::TypeId::kInt8: return &CompareFixed<int8_t>;
    case a::TypeId::kInt16: return &CompareFixed<int16_t>;
    case a::TypeId::kInt32:
    case a::TypeId::kDate32:
    case a::TypeId::kTime32:
    case a::TypeId::kIntervalYearMonth:
    case a::TypeId::kDecimal32:
      return &CompareFixed<int32_t>;
    case a::TypeId::kInt64:
    case a::TypeId::kDate64:
    case a::TypeId::kTime64:
    case a::TypeId::kTimestamp:
    case a::TypeId::kDuration:
    case a::TypeId::kDecimal64:
      return &CompareFixed<int64_t>;
    case a::TypeId::kUInt8: return &CompareFixed<uint8_t>;
    case a::TypeId::kUInt16: return &CompareFixed<uint16_t>;
    case a::TypeId::kUInt32: return &CompareFixed<uint32_t>;
    case a::TypeId::kUInt64: return &CompareFixed<uint64_t>;
    case a::TypeId::kFloat32: return &CompareFixed<float>;
    case a::TypeId::kFloat64: return &CompareFixed<double>;
    case a::TypeId::kDecimal128: return &CompareFixed<__int128>;
    case a::TypeId::kUtf8:
    case a::TypeId::kBinary:
      return [](const a::ArrayData& x, int64_t i, const a::ArrayData& y, int64_t j) {
        return Cmp(BinaryAt<int32_t>(x, i), BinaryAt<int32_t>(y, j));
      };
    case a::TypeId::kLargeUtf8:
    case a::TypeId::kLargeBinary:
      return [](const a::ArrayData& x, int64_t i, const a::ArrayData& y, int64_t j) {
        return Cmp(BinaryAt<int64_t>(x, i), BinaryAt<int64_t>(y, j));
      };
    default:
      return nullptr;
  }
}

}  // namespace

Result<RowComparator> RowComparator::Make(std::vector<a::ArrayDataPtr> keys,
                                          std::vector<SortOrder> orders) {
  RowComparator out;
  out.keys_ = std::move(keys);
  for (size_t k = 0; k < out.keys_.size(); ++k) {
    const a::ArrayData* col = out.keys_[k].get();
    ValueCompare cmp = ComparatorFor(*col->type);
    if (cmp == nullptr) {
      return Status::Unsupported("cannot sort values of type " + col->type->ToString());
    }
    const SortOrder order = orders[k];
    const bool has_nulls = col->GetNullCount() > 0;
    out.compare_.push_back([col, cmp, order, has_nulls](int64_t x, int64_t y) {
      if (has_nulls) {
        const bool xv = col->IsValid(x), yv = col->IsValid(y);
        if (!xv || !yv) {
          if (xv == yv) return 0;
          // A NULL goes first exactly when nulls_first, whatever the direction.
          return (!xv) == order.nulls_first ? -1 : 1;
        }
      }
      const int c = cmp(*col, x, *col, y);
      return order.ascending ? c : -c;
    });
  }
  return out;
}

namespace {

/// Values of type T at `base` as unsigned words in the same order: signed values are
/// sign-extended and their sign bit flipped.
template <typename T>
std::function<uint64_t(int64_t)> OrderedWords(const uint8_t* base) {
  return [values = reinterpret_cast<const T*>(base)](int64_t i) -> uint64_t {
    if constexpr (std::is_signed_v<T>) {
      return static_cast<uint64_t>(static_cast<int64_t>(values[i])) ^ (uint64_t{1} << 63);
    } else {
      return static_cast<uint64_t>(values[i]);
    }
  };
}

/// For an integer-like key (integers, dates, times, timestamps, durations, 32/64-bit
/// decimals): the value of row i as an unsigned word whose order is the key's order, or nullopt
/// for other types.
std::optional<std::function<uint64_t(int64_t)>> NormalizedWord(const a::ArrayData& column) {
  const a::TypeId id = column.type->id();
  const int width = column.type->byte_width();
  switch (id) {
    case a::TypeId::kDate32:
    case a::TypeId::kDate64:
    case a::TypeId::kTime32:
    case a::TypeId::kTime64:
    case a::TypeId::kTimestamp:
    case a::TypeId::kDuration:
    case a::TypeId::kDecimal32:
    case a::TypeId::kDecimal64:
    case a::TypeId::kIntervalYearMonth:
      break;
    default:
      if (!a::IsInteger(id)) return std::nullopt;
  }
  if (width <= 0 || width > 8 || column.buffers.size() < 2 || !column.buffers[1]) return std::nullopt;
  const bool is_unsigned = a::IsUnsignedInteger(id);
  const uint8_t* base = column.buffers[1]->data() + column.offset * width;
  switch (width) {
    case 1: return is_unsigned ? OrderedWords<uint8_t>(base) : OrderedWords<int8_t>(base);
    case 2: return is_unsigned ? OrderedWords<uint16_t>(base) : OrderedWords<int16_t>(base);
    case 4: return is_unsigned ? OrderedWords<uint32_t>(base) : OrderedWords<int32_t>(base);
    case 8: return is_unsigned ? OrderedWords<uint64_t>(base) : OrderedWords<int64_t>(base);
    default: return std::nullopt;
  }
}

/// Sorts by up to K integer-like keys through normalized words (a null-rank word and a value
/// word per key, complemented for DESC), with the row index as the last word so the order is
/// that of a stable sort. Returns false when a key is not integer-like.
template <int K>
bool SortNormalized(const std::vector<a::ArrayDataPtr>& keys, const std::vector<SortOrder>& orders,
                    int64_t n, std::vector<int64_t>* indices) {
  struct Row {
    uint64_t words[2 * K];
    int64_t index;
  };
  std::vector<std::function<uint64_t(int64_t)>> values;
  for (int k = 0; k < K; ++k) {
    auto word = NormalizedWord(*keys[static_cast<size_t>(k)]);
    if (!word) return false;
    values.push_back(std::move(*word));
  }
  std::vector<Row> rows(static_cast<size_t>(n));
  for (int k = 0; k < K; ++k) {
    const a::ArrayData& column = *keys[static_cast<size_t>(k)];
    const SortOrder order = orders[static_cast<size_t>(k)];
    const bool has_nulls = column.GetNullCount() > 0;
    const uint64_t flip = order.ascending ? 0 : ~uint64_t{0};
    const auto& value = values[static_cast<size_t>(k)];
    for (int64_t i = 0; i < n; ++i) {
      Row& row = rows[static_cast<size_t>(i)];
      const bool is_null = has_nulls && column.IsNull(i);
      // NULLs first: null rank 0 before 1; NULLs last: the other way round.
      row.words[2 * k] = is_null == order.nulls_first ? 0 : 1;
      row.words[2 * k + 1] = is_null ? 0 : value(i) ^ flip;
    }
  }
  for (int64_t i = 0; i < n; ++i) rows[static_cast<size_t>(i)].index = i;
  std::sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) {
    for (int w = 0; w < 2 * K; ++w) {
      if (x.words[w] != y.words[w]) return x.words[w] < y.words[w];
    }
    return x.index < y.index;
  });
  indices->resize(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) (*indices)[static_cast<size_t>(i)] = rows[static_cast<size_t>(i)].index;
  return true;
}

}  // namespace

Result<std::vector<int64_t>> SortIndices(const std::vector<a::ArrayDataPtr>& keys,
                                         const std::vector<SortOrder>& orders, int64_t n) {
  std::vector<int64_t> sorted;
  if (keys.size() == 1 && SortNormalized<1>(keys, orders, n, &sorted)) return sorted;
  if (keys.size() == 2 && SortNormalized<2>(keys, orders, n, &sorted)) return sorted;
  if (keys.size() == 3 && SortNormalized<3>(keys, orders, n, &sorted)) return sorted;
  ASSIGN_OR_RAISE(RowComparator cmp, RowComparator::Make(keys, orders));
  std::vector<int64_t> indices(static_cast<size_t>(n));
  std::iota(indices.begin(), indices.end(), 0);
  std::stable_sort(indices.begin(), indices.end(),
                   [&cmp](int64_t x, int64_t y) { return cmp.Compare(x, y) < 0; });
  return indices;
}

int CompareValues(const a::ArrayData& x, int64_t i, const a::ArrayData& y, int64_t j) {
  ValueCompare cmp = ComparatorFor(*x.type);
  return cmp == nullptr ? 0 : cmp(x, i, y, j);
}

ValueCompare ValueComparatorFor(const a::DataType& type) {
  ValueCompare cmp = ComparatorFor(type);
  if (cmp != nullptr) return cmp;
  return [](const a::ArrayData&, int64_t, const a::ArrayData&, int64_t) { return 0; };
}

}  // namespace ballista::physical
