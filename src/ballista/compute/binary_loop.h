#pragma once

// Element-wise loops over two fixed-width inputs (arrays or broadcast scalars) writing a
// fixed-width output, with a separate fast loop for each array/scalar shape. Internal to compute/.

#include "ballista/compute/kernel_util.h"

namespace ballista::compute::internal {

/// Calls f(i, a_i, b_i) for every row, with the scalar side hoisted out of the loop.
template <typename A, typename B, typename F>
inline void ForEachPair(const ValuesReader<A>& a, const ValuesReader<B>& b, int64_t n, F&& f) {
  if (a.values && b.values) {
    for (int64_t i = 0; i < n; ++i) f(i, LoadValue(a.values + i), LoadValue(b.values + i));
  } else if (a.values) {
    const B y = b.scalar;
    for (int64_t i = 0; i < n; ++i) f(i, LoadValue(a.values + i), y);
  } else if (b.values) {
    const A x = a.scalar;
    for (int64_t i = 0; i < n; ++i) f(i, x, LoadValue(b.values + i));
  } else {
    for (int64_t i = 0; i < n; ++i) f(i, a.scalar, b.scalar);
  }
}

/// Evaluates out = op(a, b) row by row into a new array of `out_type`; `op(x, y, &out)` returns
/// false when the row fails, and then `error(x, y)` gives the Status of the first failing valid
/// row. Null inputs give null outputs. All-scalar inputs give a scalar.
template <typename Out, typename A, typename B, typename Op, typename ErrorFn>
Result<Datum> BinaryFixedKernel(const Datum& a, const Datum& b, int64_t num_rows,
                                const DataTypePtr& out_type, ExecContext* ctx, Op&& op,
                                ErrorFn&& error) {
  const std::vector<Datum> args = {a, b};
  const bool as_scalar = AllScalar(args);
  const int64_t n = as_scalar ? 1 : num_rows;
  MemoryPool* pool = PoolOf(ctx);
  bool all_null = false;
  ASSIGN_OR_RAISE(auto validity, IntersectValidity(args, n, pool, &all_null));
  if (all_null) return NullDatum(out_type, num_rows, as_scalar, ctx);
  ASSIGN_OR_RAISE(auto values, AllocateValues<Out>(n, pool));
  Out* out = values->template mutable_data_as<Out>();
  ValuesReader<A> ra(a);
  ValuesReader<B> rb(b);
  bool failed = false;
  ForEachPair(ra, rb, n, [&](int64_t i, A x, B y) { failed |= !op(x, y, out + i); });
  if (failed) {
    const uint8_t* valid = validity ? validity->data() : nullptr;
    for (int64_t i = 0; i < n; ++i) {
      if (valid && !arrow::bit_util::GetBit(valid, i)) continue;
      Out scratch;
      if (!op(ra[i], rb[i], &scratch)) return error(ra[i], rb[i]);
    }
  }
  return FinishDatum(MakeFixedWidthArray(out_type, n, std::move(validity), std::move(values)),
                     as_scalar);
}

/// As BinaryFixedKernel for one input.
template <typename Out, typename A, typename Op, typename ErrorFn>
Result<Datum> UnaryFixedKernel(const Datum& a, int64_t num_rows, const DataTypePtr& out_type,
                               ExecContext* ctx, Op&& op, ErrorFn&& error) {
  const std::vector<Datum> args = {a};
  const bool as_scalar = AllScalar(args);
  const int64_t n = as_scalar ? 1 : num_rows;
  MemoryPool* pool = PoolOf(ctx);
  bool all_null = false;
  ASSIGN_OR_RAISE(auto validity, IntersectValidity(args, n, pool, &all_null));
  if (all_null) return NullDatum(out_type, num_rows, as_scalar, ctx);
  ASSIGN_OR_RAISE(auto values, AllocateValues<Out>(n, pool));
  Out* out = values->template mutable_data_as<Out>();
  ValuesReader<A> ra(a);
  bool failed = false;
  if (ra.values) {
    for (int64_t i = 0; i < n; ++i) failed |= !op(LoadValue(ra.values + i), out + i);
  } else {
    failed = !op(ra.scalar, out);
  }
  if (failed) {
    const uint8_t* valid = validity ? validity->data() : nullptr;
    for (int64_t i = 0; i < n; ++i) {
      if (valid && !arrow::bit_util::GetBit(valid, i)) continue;
      Out scratch;
      if (!op(ra[i], &scratch)) return error(ra[i]);
    }
  }
  return FinishDatum(MakeFixedWidthArray(out_type, n, std::move(validity), std::move(values)),
                     as_scalar);
}

/// Packs f(i) for i in [0, n) into a bitmap, eight results per byte.
template <typename F>
inline void GenerateBits(uint8_t* bits, int64_t n, F&& f) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint8_t byte = 0;
    for (int k = 0; k < 8; ++k) byte |= static_cast<uint8_t>(f(i + k)) << k;
    bits[i >> 3] = byte;
  }
  if (i < n) {
    uint8_t byte = 0;
    for (int k = 0; i + k < n; ++k) byte |= static_cast<uint8_t>(f(i + k)) << k;
    bits[i >> 3] = byte;
  }
}

}  // namespace ballista::compute::internal
