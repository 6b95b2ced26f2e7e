#pragma once

// Row-wise evaluation helpers for string functions: arguments read through StringReader /
// ValuesReader, results appended to a builder. NULL in any argument gives NULL unless the
// function asks to see NULLs. Internal to compute/.

#include <string>

#include "ballista/arrow/builder.h"
#include "ballista/compute/kernel_util.h"

namespace ballista::compute::internal {

/// Number of UTF-8 code points.
inline int64_t CodePoints(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

/// Byte offset of code point `k` (clamped to the end).
inline size_t CodePointOffset(std::string_view s, int64_t k) {
  size_t i = 0;
  while (i < s.size() && k > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --k;
  }
  return i;
}

/// Whether any argument is NULL at row i.
inline bool AnyNull(const std::vector<Datum>& args, int64_t i) {
  for (const auto& a : args) {
    if (a.is_scalar() ? a.scalar().is_null() : a.array()->IsNull(i)) return true;
  }
  return false;
}

/// Runs fn(i, &out) -> bool (false: NULL row) for each row where no argument is NULL (every row
/// when `see_nulls`), producing a Utf8 array (or scalar when all arguments are scalars).
template <typename Fn>
Result<Datum> StringResult(const std::vector<Datum>& args, int64_t num_rows, ExecContext* ctx,
                           bool see_nulls, Fn&& fn) {
  const bool as_scalar = AllScalar(args);
  const int64_t n = as_scalar ? 1 : num_rows;
  arrow::StringBuilder builder(PoolOf(ctx));
  RETURN_NOT_OK(builder.Reserve(n));
  bool all_null = false;
  std::shared_ptr<Buffer> validity;
  if (!see_nulls) {
    ASSIGN_OR_RAISE(validity, IntersectValidity(args, n, PoolOf(ctx), &all_null));
  }
  const uint8_t* valid = validity ? validity->data() : nullptr;
  std::string out;
  for (int64_t i = 0; i < n; ++i) {
    if (all_null || (valid && !arrow::bit_util::GetBit(valid, i))) {
      RETURN_NOT_OK(builder.AppendNull());
      continue;
    }
    out.clear();
    Result<bool> valid = fn(i, &out);
    if (!valid.ok()) return valid.status();
    RETURN_NOT_OK(*valid ? builder.Append(out) : builder.AppendNull());
  }
  ASSIGN_OR_RAISE(auto arr, builder.Finish());
  return FinishDatum(std::move(arr), as_scalar);
}

/// As StringResult for fixed-width results of C type T and arrow type `type`.
template <typename T, typename Fn>
Result<Datum> FixedResult(const std::vector<Datum>& args, int64_t num_rows, const DataTypePtr& type,
                          ExecContext* ctx, Fn&& fn) {
  const bool as_scalar = AllScalar(args);
  const int64_t n = as_scalar ? 1 : num_rows;
  MemoryPool* pool = PoolOf(ctx);
  ASSIGN_OR_RAISE(auto values, AllocateValues<T>(n, pool));
  ASSIGN_OR_RAISE(auto validity, AllocateBitmap(n, pool));
  T* out = values->template mutable_data_as<T>();
  bool all_null = false;
  ASSIGN_OR_RAISE(auto in_validity, IntersectValidity(args, n, pool, &all_null));
  const uint8_t* in_valid = in_validity ? in_validity->data() : nullptr;
  for (int64_t i = 0; i < n && !all_null; ++i) {
    if (in_valid && !arrow::bit_util::GetBit(in_valid, i)) continue;
    Result<bool> valid = fn(i, out + i);
    if (!valid.ok()) return valid.status();
    if (*valid) arrow::bit_util::SetBit(validity->mutable_data(), i);
  }
  return FinishDatum(MakeFixedWidthArray(type, n, std::move(validity), std::move(values)), as_scalar);
}

/// Boolean results: fn(i, &b) -> bool valid.
template <typename Fn>
Result<Datum> BoolResult(const std::vector<Datum>& args, int64_t num_rows, ExecContext* ctx, Fn&& fn) {
  const bool as_scalar = AllScalar(args);
  const int64_t n = as_scalar ? 1 : num_rows;
  MemoryPool* pool = PoolOf(ctx);
  ASSIGN_OR_RAISE(auto values, AllocateBitmap(n, pool));
  ASSIGN_OR_RAISE(auto validity, AllocateBitmap(n, pool));
  bool all_null = false;
  ASSIGN_OR_RAISE(auto in_validity, IntersectValidity(args, n, pool, &all_null));
  const uint8_t* in_valid = in_validity ? in_validity->data() : nullptr;
  for (int64_t i = 0; i < n && !all_null; ++i) {
    if (in_valid && !arrow::bit_util::GetBit(in_valid, i)) continue;
    bool b = false;
    Result<bool> valid = fn(i, &b);
    if (!valid.ok()) return valid.status();
    if (*valid) {
      arrow::bit_util::SetBit(validity->mutable_data(), i);
      if (b) arrow::bit_util::SetBit(values->mutable_data(), i);
    }
  }
  return FinishDatum(MakeFixedWidthArray(arrow::Boolean(), n, std::move(validity), std::move(values)),
                     as_scalar);
}

}  // namespace ballista::compute::internal
