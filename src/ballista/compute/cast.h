#pragma once

#include <memory>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/scalar.h"
#include "ballista/compute/datum.h"
#include "ballista/compute/function.h"

namespace ballista::compute {

/// Converts `value` to `to` (SQL CAST). Supported: between all integer, float, decimal and
/// boolean types; strings to and from every engine type (numbers, decimals, dates, timestamps,
/// booleans, intervals); dates and timestamps of any unit between each other; integers to and from
/// dates/timestamps (days/units since the epoch); durations between units; interval kinds;
/// LargeUtf8/Utf8View/Decimal32/64 storage types in and out. Narrowing checks ranges, decimals are
/// rescaled with rounding half away from zero; float -> integer rounds half to even (as PostgreSQL and DuckDB).
/// A value that does not convert is an error naming it (`cannot cast 'abc' to INTEGER`,
/// `value 300 is out of range for TINYINT`), or NULL when `safe` (TRY_CAST). Unsupported type
/// pairs are a TypeError. Scalars stay scalars. Thread-safe.
Result<Datum> Cast(const Datum& value, const arrow::DataTypePtr& to, bool safe = false,
                   ExecContext* ctx = nullptr);

/// Cast of one array.
Result<std::shared_ptr<arrow::ArrayData>> CastArray(const std::shared_ptr<arrow::ArrayData>& value,
                                                    const arrow::DataTypePtr& to, bool safe = false,
                                                    ExecContext* ctx = nullptr);

/// Cast of one scalar.
Result<arrow::Scalar> CastScalar(const arrow::Scalar& value, const arrow::DataTypePtr& to,
                                 bool safe = false);

}  // namespace ballista::compute
