#pragma once

#include "ballista/compute/datum.h"
#include "ballista/compute/function.h"

namespace ballista::compute {

/// Kleene logic over BOOLEAN (NULL is unknown): false AND NULL = false, true OR NULL = true,
/// NOT NULL = NULL. Arguments must be BOOLEAN (or NULL-typed).
Result<Datum> And(const Datum& a, const Datum& b, ExecContext* ctx = nullptr);
Result<Datum> Or(const Datum& a, const Datum& b, ExecContext* ctx = nullptr);
Result<Datum> Not(const Datum& a, ExecContext* ctx = nullptr);

/// Whether each value is (not) NULL; never NULL itself.
Result<Datum> IsNull(const Datum& a, ExecContext* ctx = nullptr);
Result<Datum> IsNotNull(const Datum& a, ExecContext* ctx = nullptr);

/// A boolean array of `num_rows` where every NULL of `mask` became false (for filters).
Result<std::shared_ptr<arrow::ArrayData>> NullToFalse(const Datum& mask, int64_t num_rows,
                                                      ExecContext* ctx = nullptr);

}  // namespace ballista::compute
