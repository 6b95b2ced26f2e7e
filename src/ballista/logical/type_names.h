#pragma once

#include "ballista/arrow/type.h"
#include "ballista/common/result.h"
#include "ballista/sql/ast_common.h"

namespace ballista::logical {

/// The engine type a SQL type name denotes, as DuckDB and PostgreSQL read it: INT/INTEGER ->
/// Int32, BIGINT -> Int64, REAL/FLOAT4 -> Float32, DOUBLE/FLOAT -> Float64, DECIMAL(p,s) /
/// NUMERIC -> Decimal128 (default 18,3 as DuckDB), VARCHAR/TEXT/STRING/CHAR(n) -> Utf8,
/// DATE -> Date32, TIMESTAMP -> Timestamp(us), TIMESTAMPTZ -> Timestamp(us, "UTC"),
/// TIME -> Time64(us), INTERVAL -> MonthDayNano, BOOLEAN, BLOB/BYTEA -> Binary, `T[]` -> List.
/// An unknown name is a PlanError naming it.
Result<arrow::DataTypePtr> ResolveTypeName(const sql::TypeName& type);

}  // namespace ballista::logical
