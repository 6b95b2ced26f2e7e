#pragma once

#include <pybind11/pybind11.h>

#include <vector>

#include "ballista/arrow/array.h"
#include "ballista/arrow/record_batch.h"

namespace ballista::python {

/// Conversions of engine arrays into Python objects. All functions require the GIL and raise
/// Python exceptions (OverflowError for values outside the target's range, ValueError for dates
/// outside datetime's years 1..9999).
///
/// Python values per Arrow type (to_pylist):
///   null -> None; bool -> bool; integers -> int; floats -> float; decimals -> decimal.Decimal with
///   the type's scale ("1.50"); utf8 (all layouts) -> str; binary -> bytes; date -> datetime.date;
///   timestamp -> datetime.datetime (aware, in the type's zone, when it has one; a nanosecond value
///   that is not a whole microsecond becomes a pandas.Timestamp, a datetime subclass, so nothing
///   is lost); time -> datetime.time (sub-microsecond digits are dropped: datetime.time has none);
///   duration -> datetime.timedelta (pandas.Timedelta for sub-microsecond nanoseconds);
///   interval year-month -> int months; day-time -> (days, millis); month-day-nano ->
///   (months, days, nanos); list -> list; struct -> dict; map -> list of (key, value) tuples;
///   dictionary -> the referenced value.
pybind11::object ValueToPython(const arrow::Array& array, int64_t i);

/// The rows of `batches` (all of `schema`) as a list of {column name: value} dicts.
pybind11::list BatchesToPylist(const arrow::Schema& schema, const std::vector<arrow::RecordBatchPtr>& batches);

/// The columns of `batches` (all of `schema`) as pieces for pandas, one tuple per column:
/// (kind, values, mask, timezone), assembled by ballista/_pandas.py. Kinds:
///   "numpy":     `values` is the final numpy array (ints and bools without nulls, floats with
///                NaN for nulls).
///   "integer" / "boolean": `values` plus a bool `mask` (True = null), for pandas' nullable
///                IntegerArray / BooleanArray.
///   "datetime":  int64 nanoseconds since the epoch (UTC instants for zoned timestamps), nulls
///                as NaT; `timezone` is the Arrow zone or None. Dates become midnight.
///   "timedelta": int64 nanoseconds, nulls as NaT.
///   "object":    an object array of ValueToPython values (None for nulls).
/// Values are copied; units are converted to nanoseconds with an OverflowError for values that
/// do not fit datetime64[ns] (years 1677..2262).
pybind11::list BatchesToPandasColumns(const arrow::Schema& schema,
                                      const std::vector<arrow::RecordBatchPtr>& batches);

}  // namespace ballista::python
