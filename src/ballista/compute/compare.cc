#include "ballista/compute/compare.h"

#include "ballista/compute/binary_loop.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::DataTypePtr;
using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

const char* CompareOpSymbol(CompareOp op) {
  switch (op) {
    case CompareOp::kEq: return "=";
    case CompareOp::kNotEq: return "<>";
    case CompareOp::kLt: return "<";
    case CompareOp::kLtEq: return "<=";
    case CompareOp::kGt: return ">";
    case CompareOp::kGtEq: return ">=";
  }
  return "?";
}

namespace {

template <CompareOp kOp, typename T>
inline bool Apply(const T& x, const T& y) {
  if constexpr (kOp == CompareOp::kEq) return x == y;
  if constexpr (kOp == CompareOp::kNotEq) return !(x == y);
  if constexpr (kOp == CompareOp::kLt) return x < y;
  if constexpr (kOp == CompareOp::kLtEq) return !(y < x);
  if constexpr (kOp == CompareOp::kGt) return y < x;
  if constexpr (kOp == CompareOp::kGtEq) return !(x < y);
}

// Intervals order by their parts, months first (PostgreSQL normalizes 30-day months; a
// lexicographic order keeps comparisons exact and consistent with equality).
struct IntervalKey {
  int32_t months, days;
  int64_t nanos;
  bool operator==(const IntervalKey&) const = default;
  bool operator<(const IntervalKey& o) const {
    if (months != o.months) return months < o.months;
    if (days != o.days) return days < o.days;
    return nanos < o.nanos;
  }
};

// Fills the result bitmap for fixed-width values, one tight loop per array/scalar shape.
template <CompareOp kOp, typename T>
void CompareFixedBits(const Datum& a, const Datum& b, int64_t n, uint8_t* bits) {
  ValuesReader<T> ra(a);
  ValuesReader<T> rb(b);
  if (ra.values && rb.values) {
    const T* x = ra.values;
    const T* y = rb.values;
    GenerateBits(bits, n, [&](int64_t i) { return Apply<kOp>(LoadValue(x + i), LoadValue(y + i)); });
  } else if (ra.values) {
    const T* x = ra.values;
    const T y = rb.scalar;
    GenerateBits(bits, n, [&](int64_t i) { return Apply<kOp>(LoadValue(x + i), y); });
  } else if (rb.values) {
    const T x = ra.scalar;
    const T* y = rb.values;
    GenerateBits(bits, n, [&](int64_t i) { return Apply<kOp>(x, LoadValue(y + i)); });
  } else {
    GenerateBits(bits, n, [&](int64_t) { return Apply<kOp>(ra.scalar, rb.scalar); });
  }
}

template <CompareOp kOp>
void CompareIntervalBits(const Datum& a, const Datum& b, int64_t n, uint8_t* bits) {
  ValuesReader<arrow::MonthDayNanoInterval> ra(a), rb(b);
  GenerateBits(bits, n, [&](int64_t i) {
    const auto x = ra[i];
    const auto y = rb[i];
    return Apply<kOp>(IntervalKey{x.months, x.days, x.nanos}, IntervalKey{y.months, y.days, y.nanos});
  });
}

template <CompareOp kOp>
void CompareStringBits(const Datum& a, const Datum& b, int64_t n, uint8_t* bits) {
  StringReader ra(a), rb(b);
  if (rb.is_scalar()) {
    const std::string_view y = rb[0];
    GenerateBits(bits, n, [&](int64_t i) { return Apply<kOp>(ra[i], y); });
  } else {
    GenerateBits(bits, n, [&](int64_t i) { return Apply<kOp>(ra[i], rb[i]); });
  }
}

template <CompareOp kOp>
void CompareBoolBits(const Datum& a, const Datum& b, int64_t n, uint8_t* bits) {
  BoolReader ra(a), rb(b);
  GenerateBits(bits, n, [&](int64_t i) { return Apply<kOp>(ra[i], rb[i]); });
}

using BitsFn = void (*)(const Datum&, const Datum&, int64_t, uint8_t*);

template <CompareOp kOp>
BitsFn PickBitsFn(TypeId id) {
  if (id == TypeId::kBool) return &CompareBoolBits<kOp>;
  if (arrow::IsStringLike(id) || arrow::IsBinaryLike(id)) return &CompareStringBits<kOp>;
  if (id == TypeId::kIntervalMonthDayNano) return &CompareIntervalBits<kOp>;
  BitsFn fn = nullptr;
  DispatchFixedWidth(id, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (!std::is_same_v<T, arrow::MonthDayNanoInterval>) fn = &CompareFixedBits<kOp, T>;
  });
  return fn;
}

BitsFn PickBitsFn(CompareOp op, TypeId id) {
  switch (op) {
    case CompareOp::kEq: return PickBitsFn<CompareOp::kEq>(id);
    case CompareOp::kNotEq: return PickBitsFn<CompareOp::kNotEq>(id);
    case CompareOp::kLt: return PickBitsFn<CompareOp::kLt>(id);
    case CompareOp::kLtEq: return PickBitsFn<CompareOp::kLtEq>(id);
    case CompareOp::kGt: return PickBitsFn<CompareOp::kGt>(id);
    case CompareOp::kGtEq: return PickBitsFn<CompareOp::kGtEq>(id);
  }
  return nullptr;
}

ScalarKernel MakeCompareKernel(BitsFn fn) {
  return [fn](const std::vector<Datum>& args, int64_t num_rows, ExecContext* ctx) -> Result<Datum> {
    const bool as_scalar = AllScalar(args);
    const int64_t n = as_scalar ? 1 : num_rows;
    MemoryPool* pool = PoolOf(ctx);
    bool all_null = false;
    ASSIGN_OR_RAISE(auto validity, IntersectValidity(args, n, pool, &all_null));
    if (all_null || fn == nullptr) return NullDatum(arrow::Boolean(), num_rows, as_scalar, ctx);
    ASSIGN_OR_RAISE(auto bits, AllocateBitmap(n, pool));
    fn(args[0], args[1], n, bits->mutable_data());
    return FinishDatum(MakeFixedWidthArray(arrow::Boolean(), n, std::move(validity), std::move(bits)),
                       as_scalar);
  };
}

// Equality bits ignoring validity (for DISTINCT FROM).
Result<std::shared_ptr<Buffer>> EqualBits(TypeId id, const Datum& a, const Datum& b, int64_t n,
                                          MemoryPool* pool) {
  ASSIGN_OR_RAISE(auto bits, AllocateBitmap(n, pool));
  BitsFn fn = PickBitsFn(CompareOp::kEq, id);
  if (fn != nullptr) fn(a, b, n, bits->mutable_data());
  return bits;
}

bool DatumValid(const Datum& d, int64_t i) {
  if (d.is_scalar()) return d.scalar().is_valid();
  return d.array()->IsValid(i);
}

}  // namespace

Result<ResolvedScalar> ResolveCompare(CompareOp op, const DataTypePtr& a, const DataTypePtr& b) {
  ASSIGN_OR_RAISE(auto common, ComparisonType(a, b));
  return ResolvedScalar{{common, common}, arrow::Boolean(),
                        MakeCompareKernel(PickBitsFn(op, common->id()))};
}

Result<Datum> Compare(CompareOp op, const Datum& a, const Datum& b, ExecContext* ctx) {
  ASSIGN_OR_RAISE(auto resolved, ResolveCompare(op, a.type(), b.type()));
  const int64_t n = a.is_array() ? a.length() : (b.is_array() ? b.length() : 1);
  return CallResolved(resolved, {a, b}, n, ctx);
}

Result<ResolvedScalar> ResolveDistinctFrom(bool distinct, const DataTypePtr& a,
                                           const DataTypePtr& b) {
  ASSIGN_OR_RAISE(auto common, ComparisonType(a, b));
  const TypeId id = common->id();
  ScalarKernel kernel = [distinct, id](const std::vector<Datum>& args, int64_t num_rows,
                                       ExecContext* ctx) -> Result<Datum> {
    const bool as_scalar = AllScalar(args);
    const int64_t n = as_scalar ? 1 : num_rows;
    MemoryPool* pool = PoolOf(ctx);
    ASSIGN_OR_RAISE(auto eq, EqualBits(id, args[0], args[1], n, pool));
    uint8_t* bits = eq->mutable_data();
    for (int64_t i = 0; i < n; ++i) {
      const bool va = DatumValid(args[0], i);
      const bool vb = DatumValid(args[1], i);
      const bool same = (va && vb) ? arrow::bit_util::GetBit(bits, i) : (va == vb);
      arrow::bit_util::SetBitTo(bits, i, distinct ? !same : same);
    }
    return FinishDatum(MakeFixedWidthArray(arrow::Boolean(), n, nullptr, std::move(eq)), as_scalar);
  };
  return ResolvedScalar{{common, common}, arrow::Boolean(), std::move(kernel)};
}

Result<Datum> IsDistinctFrom(const Datum& a, const Datum& b, ExecContext* ctx) {
  ASSIGN_OR_RAISE(auto resolved, ResolveDistinctFrom(true, a.type(), b.type()));
  const int64_t n = a.is_array() ? a.length() : (b.is_array() ? b.length() : 1);
  return CallResolved(resolved, {a, b}, n, ctx);
}

Result<Datum> IsNotDistinctFrom(const Datum& a, const Datum& b, ExecContext* ctx) {
  ASSIGN_OR_RAISE(auto resolved, ResolveDistinctFrom(false, a.type(), b.type()));
  const int64_t n = a.is_array() ? a.length() : (b.is_array() ? b.length() : 1);
  return CallResolved(resolved, {a, b}, n, ctx);
}

}  // namespace ballista::compute
