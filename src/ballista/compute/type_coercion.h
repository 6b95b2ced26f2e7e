#pragma once

#include <string>
#include <vector>

#include "ballista/arrow/type.h"
#include "ballista/common/result.h"

namespace ballista::compute {

/// SQL spelling of a type for messages: INTEGER, BIGINT, DOUBLE, DECIMAL(15,2), VARCHAR, DATE,
/// TIMESTAMP, INTERVAL, BOOLEAN, NULL, ...
std::string SqlTypeName(const arrow::DataTypePtr& type);

/// The type both values convert to without loss where possible, for CASE/COALESCE/UNION/IN lists
/// (PostgreSQL/DataFusion rules): NULL takes the other type; integers widen (signed with unsigned
/// to the next signed width); integer with float -> DOUBLE; integer with decimal -> a decimal
/// holding both; decimal with float -> DOUBLE; strings unify to VARCHAR; a string with a
/// date/timestamp -> the temporal type (the string is parsed); a string with a number -> VARCHAR;
/// DATE with TIMESTAMP -> TIMESTAMP; timestamps of different units -> the finer unit. TypeError
/// `cannot find a common type for X and Y` otherwise.
Result<arrow::DataTypePtr> CommonSuperType(const arrow::DataTypePtr& a, const arrow::DataTypePtr& b);
/// CommonSuperType folded over a list (the empty list gives NULL).
Result<arrow::DataTypePtr> CommonSuperType(const std::vector<arrow::DataTypePtr>& types);

/// The engine's computation type for a storage type: Decimal32/64 -> Decimal128, Float16 ->
/// Float32, LargeUtf8/Utf8View -> Utf8, Date64 -> Timestamp(ms), other interval kinds ->
/// MonthDayNano, Dictionary -> its value's engine type; others unchanged.
arrow::DataTypePtr EngineType(const arrow::DataTypePtr& type);

/// The decimal that holds every value of an integer type exactly (INTEGER -> DECIMAL(10,0));
/// decimals are returned as Decimal128 of the same precision and scale. Null for other types.
arrow::DataTypePtr DecimalForNumeric(const arrow::DataTypePtr& type);

/// Decimal128 with precision and scale capped at 38 (precision at least 1 and at least scale).
arrow::DataTypePtr CappedDecimal(int32_t precision, int32_t scale);

/// The common type of two numeric types for arithmetic and comparison (see CommonSuperType).
Result<arrow::DataTypePtr> CommonNumericType(const arrow::DataTypePtr& a,
                                             const arrow::DataTypePtr& b);

/// The types two comparison operands are cast to before comparing: numerics to their common
/// type, a string with a date/timestamp/number to that type, DATE with TIMESTAMP to TIMESTAMP.
/// TypeError `cannot compare DATE with INTEGER` otherwise.
Result<arrow::DataTypePtr> ComparisonType(const arrow::DataTypePtr& a, const arrow::DataTypePtr& b);

/// Whether Cast supports converting `from` to `to`.
bool CanCast(const arrow::DataTypePtr& from, const arrow::DataTypePtr& to);

}  // namespace ballista::compute
