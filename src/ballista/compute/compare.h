#pragma once

#include "ballista/compute/datum.h"
#include "ballista/compute/function.h"

namespace ballista::compute {

enum class CompareOp { kEq, kNotEq, kLt, kLtEq, kGt, kGtEq };

/// "=", "<>", "<", "<=", ">", ">=".
const char* CompareOpSymbol(CompareOp op);

/// Casts both operands to ComparisonType(a, b) (type_coercion.h) and compares: numbers by value,
/// decimals at a common scale, strings bytewise (UTF-8 code point order), booleans false < true,
/// dates/timestamps in time order, intervals by months then days then nanoseconds. NULL in gives
/// NULL out. TypeError `cannot compare DATE with INTEGER` for incomparable types.
Result<ResolvedScalar> ResolveCompare(CompareOp op, const arrow::DataTypePtr& a,
                                      const arrow::DataTypePtr& b);
/// Resolves, casts and compares.
Result<Datum> Compare(CompareOp op, const Datum& a, const Datum& b, ExecContext* ctx = nullptr);

/// `a IS [NOT] DISTINCT FROM b`: like = / <> but NULL equals NULL and the result is never NULL.
Result<ResolvedScalar> ResolveDistinctFrom(bool distinct, const arrow::DataTypePtr& a,
                                           const arrow::DataTypePtr& b);
Result<Datum> IsDistinctFrom(const Datum& a, const Datum& b, ExecContext* ctx = nullptr);
Result<Datum> IsNotDistinctFrom(const Datum& a, const Datum& b, ExecContext* ctx = nullptr);

}  // namespace ballista::compute
