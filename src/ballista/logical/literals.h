#pragma once

#include <string_view>

#include "ballista/arrow/scalar.h"
#include "ballista/common/result.h"
#include "ballista/sql/ast_expr.h"

namespace ballista::logical {

/// A numeric literal as DuckDB types it: an integer that fits is INTEGER, else BIGINT, else
/// HUGEINT-sized DECIMAL(38,0), else DOUBLE; a literal with a point is DECIMAL(p,s) with the
/// written digits (1.50 -> DECIMAL(3,2)); one with an exponent is DOUBLE.
Result<arrow::Scalar> NumberLiteral(std::string_view text);

/// The value of an interval literal: `'3 days'`, `'1 year 2 months'`, `'2 hours 30 minutes'`,
/// `'-1 day'`, `'10:30:00'` with an optional qualifier (`'1' YEAR`, `'1-2' YEAR TO MONTH`,
/// `'3' DAY`). Months, days and nanoseconds are kept apart (MonthDayNano), as in PostgreSQL.
Result<arrow::Scalar> IntervalLiteral(std::string_view text, sql::IntervalField leading,
                                      sql::IntervalField trailing);

}  // namespace ballista::logical
