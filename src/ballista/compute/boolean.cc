#include "ballista/compute/boolean.h"

#include <algorithm>
#include <cstring>

#include "ballista/compute/binary_loop.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

namespace {

Status CheckBoolean(const Datum& d, const char* op) {
  const TypeId id = d.type()->id();
  if (id == TypeId::kBool || id == TypeId::kNull) return Status::OK();
  return Status::TypeError(std::string("argument of ") + op + " must be BOOLEAN, not " +
                           SqlTypeName(d.type()));
}

// Null-typed data reads as all-null booleans.
Datum AsBoolean(const Datum& d) {
  if (d.type()->id() != TypeId::kNull) return d;
  return Datum(arrow::Scalar::Null(arrow::Boolean()));
}

/// A boolean operand's value and validity bits, 64 rows per word: an array whose offset is a
/// multiple of 8 (so words are plain byte loads), or a scalar (constant words).
class BoolWords {
 public:
  static bool Supported(const BoolReader& r) { return r.bits == nullptr || r.offset % 8 == 0; }

  BoolWords(const BoolReader& r, int64_t num_rows)
      : reader_(r), total_bytes_(arrow::bit_util::BytesForBits(num_rows)) {}

  bool all_valid() const { return reader_.bits ? reader_.validity == nullptr : reader_.scalar_valid; }
  uint64_t Values(int64_t w) const {
    return reader_.bits ? Load(reader_.bits, w) : (reader_.scalar ? ~uint64_t{0} : 0);
  }
  uint64_t Valid(int64_t w) const {
    if (reader_.bits) return reader_.validity ? Load(reader_.validity, w) : ~uint64_t{0};
    return reader_.scalar_valid ? ~uint64_t{0} : 0;
  }

 private:
  uint64_t Load(const uint8_t* bitmap, int64_t w) const {
    const int64_t bytes = std::min<int64_t>(8, total_bytes_ - w * 8);
    uint64_t word = 0;  // bitmaps are little-endian: bit i of a byte is row 8 * byte + i
    std::memcpy(&word, bitmap + reader_.offset / 8 + w * 8, static_cast<size_t>(bytes));
    return word;
  }

  const BoolReader& reader_;
  int64_t total_bytes_;
};

/// Stores the low bytes of `word` covering rows [64 w, min(64 w + 64, n)) of `bitmap`.
void StoreWord(uint8_t* bitmap, int64_t w, int64_t n, uint64_t word) {
  const int64_t rows = std::min<int64_t>(64, n - w * 64);
  if (rows < 64) word &= (uint64_t{1} << rows) - 1;
  std::memcpy(bitmap + w * 8, &word, static_cast<size_t>(arrow::bit_util::BytesForBits(rows)));
}

Result<Datum> Kleene(const Datum& a_in, const Datum& b_in, bool is_and, ExecContext* ctx) {
  RETURN_NOT_OK(CheckBoolean(a_in, is_and ? "AND" : "OR"));
  RETURN_NOT_OK(CheckBoolean(b_in, is_and ? "AND" : "OR"));
  const int64_t num_rows = a_in.is_array() ? a_in.length() : (b_in.is_array() ? b_in.length() : 1);
  const Datum a = AsBoolean(a_in);
  const Datum b = AsBoolean(b_in);
  const bool as_scalar = a.is_scalar() && b.is_scalar();
  const int64_t n = as_scalar ? 1 : num_rows;
  MemoryPool* pool = PoolOf(ctx);
  BoolReader ra(a), rb(b);
  ASSIGN_OR_RAISE(auto values, AllocateBitmap(n, pool));
  ASSIGN_OR_RAISE(auto validity, AllocateBitmap(n, pool));
  if (!as_scalar && BoolWords::Supported(ra) && BoolWords::Supported(rb)) {
    // 64 rows at a time. A row is valid when both sides are, or when either side holds the
    // dominant value (false for AND, true for OR), which decides the row next to a NULL.
    BoolWords wa(ra, n), wb(rb, n);
    const bool all_valid = wa.all_valid() && wb.all_valid();
    for (int64_t w = 0; w * 64 < n; ++w) {
      const uint64_t va = wa.Valid(w), vb = wb.Valid(w);
      const uint64_t a_bits = wa.Values(w), b_bits = wb.Values(w);
      const uint64_t xa = a_bits & va, xb = b_bits & vb;
      StoreWord(values->mutable_data(), w, n, is_and ? (xa & xb) : (xa | xb));
      if (all_valid) continue;
      const uint64_t decided = is_and ? ((va & ~a_bits) | (vb & ~b_bits)) : (xa | xb);
      StoreWord(validity->mutable_data(), w, n, (va & vb) | decided);
    }
    return FinishDatum(MakeFixedWidthArray(arrow::Boolean(), n, all_valid ? nullptr : std::move(validity),
                                           std::move(values)),
                       false);
  }
  // The dominant value (false for AND, true for OR) decides the row even next to a NULL.
  const bool dominant = !is_and;
  GenerateBits(values->mutable_data(), n, [&](int64_t i) {
    const bool x = ra[i] && ra.IsValid(i);
    const bool y = rb[i] && rb.IsValid(i);
    return is_and ? (x && y) : (x || y);
  });
  GenerateBits(validity->mutable_data(), n, [&](int64_t i) {
    const bool va = ra.IsValid(i);
    const bool vb = rb.IsValid(i);
    return (va && vb) || (va && ra[i] == dominant) || (vb && rb[i] == dominant);
  });
  return FinishDatum(MakeFixedWidthArray(arrow::Boolean(), n, std::move(validity), std::move(values)),
                     as_scalar);
}

Result<Datum> NullCheck(const Datum& a, bool want_null, ExecContext* ctx) {
  if (a.is_scalar()) return Datum(arrow::Scalar::Boolean(a.scalar().is_null() == want_null));
  const arrow::ArrayData& data = *a.array();
  const int64_t n = data.length;
  ASSIGN_OR_RAISE(auto bits, AllocateBitmap(n, PoolOf(ctx)));
  const uint8_t* validity = data.validity();
  if (data.type->id() == TypeId::kNull) {
    arrow::bit_util::SetBitsTo(bits->mutable_data(), 0, n, want_null);
  } else if (validity == nullptr) {
    arrow::bit_util::SetBitsTo(bits->mutable_data(), 0, n, !want_null);
  } else {
    GenerateBits(bits->mutable_data(), n, [&](int64_t i) {
      return arrow::bit_util::GetBit(validity, data.offset + i) != want_null;
    });
  }
  return Datum(MakeFixedWidthArray(arrow::Boolean(), n, nullptr, std::move(bits)));
}

}  // namespace

Result<Datum> And(const Datum& a, const Datum& b, ExecContext* ctx) { return Kleene(a, b, true, ctx); }
Result<Datum> Or(const Datum& a, const Datum& b, ExecContext* ctx) { return Kleene(a, b, false, ctx); }

Result<Datum> Not(const Datum& a_in, ExecContext* ctx) {
  RETURN_NOT_OK(CheckBoolean(a_in, "NOT"));
  const Datum a = AsBoolean(a_in);
  if (a.is_scalar()) {
    return Datum(a.scalar().is_null() ? a.scalar() : arrow::Scalar::Boolean(!a.scalar().As<bool>()));
  }
  const arrow::ArrayData& data = *a.array();
  const int64_t n = data.length;
  MemoryPool* pool = PoolOf(ctx);
  BoolReader r(a);
  ASSIGN_OR_RAISE(auto values, AllocateBitmap(n, pool));
  GenerateBits(values->mutable_data(), n, [&](int64_t i) { return !r[i]; });
  std::shared_ptr<Buffer> validity;
  if (data.validity() != nullptr && data.GetNullCount() > 0) {
    ASSIGN_OR_RAISE(validity, AllocateBitmap(n, pool));
    arrow::bit_util::CopyBitmap(data.validity(), data.offset, n, validity->mutable_data(), 0);
  }
  return Datum(MakeFixedWidthArray(arrow::Boolean(), n, std::move(validity), std::move(values)));
}

Result<Datum> IsNull(const Datum& a, ExecContext* ctx) { return NullCheck(a, true, ctx); }
Result<Datum> IsNotNull(const Datum& a, ExecContext* ctx) { return NullCheck(a, false, ctx); }

Result<std::shared_ptr<arrow::ArrayData>> NullToFalse(const Datum& mask, int64_t num_rows,
                                                      ExecContext* ctx) {
  RETURN_NOT_OK(CheckBoolean(mask, "a filter"));
  const Datum m = AsBoolean(mask);
  BoolReader r(m);
  ASSIGN_OR_RAISE(auto values, AllocateBitmap(num_rows, PoolOf(ctx)));
  GenerateBits(values->mutable_data(), num_rows, [&](int64_t i) { return r[i] && r.IsValid(i); });
  return MakeFixedWidthArray(arrow::Boolean(), num_rows, nullptr, std::move(values));
}

}  // namespace ballista::compute
