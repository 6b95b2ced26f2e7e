#pragma once

#include <vector>

#include "ballista/arrow/scalar.h"
#include "ballista/compute/datum.h"
#include "ballista/compute/function.h"

namespace ballista::compute {

/// CASE WHEN conds[0] THEN values[0] ... ELSE else_value END over `num_rows` rows. Conditions are
/// BOOLEAN (NULL counts as false); values and else_value share one type (cast them with
/// CommonSuperType first); a null-typed else gives NULL. The first true condition wins.
Result<Datum> CaseWhen(const std::vector<Datum>& conds, const std::vector<Datum>& values,
                       const Datum& else_value, int64_t num_rows, ExecContext* ctx = nullptr);

/// The first non-NULL argument per row (arguments of one type).
Result<Datum> Coalesce(const std::vector<Datum>& args, int64_t num_rows, ExecContext* ctx = nullptr);

/// NULL where a = b, else a (arguments of one comparable type).
Result<Datum> NullIf(const Datum& a, const Datum& b, int64_t num_rows, ExecContext* ctx = nullptr);

/// The largest / smallest non-NULL argument per row (NULL when all are NULL), as PostgreSQL.
Result<Datum> Greatest(const std::vector<Datum>& args, int64_t num_rows, ExecContext* ctx = nullptr);
Result<Datum> Least(const std::vector<Datum>& args, int64_t num_rows, ExecContext* ctx = nullptr);

/// `values IN (set...)` with SQL semantics: true when found; NULL when not found and the set holds
/// a NULL, or when the value is NULL; false otherwise. Set entries are cast to the values' type
/// (a set entry that does not convert cannot match). Hash lookup per row.
Result<Datum> IsIn(const Datum& values, const std::vector<arrow::Scalar>& set,
                   ExecContext* ctx = nullptr);

/// Picks row i of sources[choice[i]] (choice -1: NULL) into one array of `type`. Sources are
/// arrays of `num_rows` rows or scalars.
Result<std::shared_ptr<arrow::ArrayData>> ChooseRows(const arrow::DataTypePtr& type,
                                                     const std::vector<Datum>& sources,
                                                     const std::vector<int32_t>& choice,
                                                     ExecContext* ctx = nullptr);

}  // namespace ballista::compute
