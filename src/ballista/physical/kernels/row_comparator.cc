#include "ballista/physical/kernels/row_comparator.h"

#include <algorithm>
#include <cmath>
#include <numeric>
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

using ValueCompare = int (*)(const a::ArrayData&, int64_t, const a::ArrayData&, int64_t);

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

Result<std::vector<int64_t>> SortIndices(const std::vector<a::ArrayDataPtr>& keys,
                                         const std::vector<SortOrder>& orders, int64_t n) {
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

}  // namespace ballista::physical
