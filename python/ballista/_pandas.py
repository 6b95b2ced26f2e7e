"""Assembles pandas DataFrames from the column pieces the extension builds (no pyarrow needed).

dtypes, chosen to be lossless:
  integers without nulls -> int8..int64 / uint8..uint64
  integers with nulls    -> pandas nullable Int8..Int64 / UInt8..UInt64
  booleans               -> bool, or pandas "boolean" when there are nulls
  floats                 -> float16/32/64, nulls as NaN
  decimals               -> object column of decimal.Decimal carrying the type's scale
  strings                -> object column of str, None for nulls
  binary                 -> object column of bytes
  dates                  -> datetime64[ns] at midnight (pandas 1.5 has no date dtype; an object
                            column of datetime.date would defeat vectorized date arithmetic)
  timestamps             -> datetime64[ns]; with a time zone, tz-aware datetime64[ns, zone]
                            (values converted from the Arrow unit; out-of-range values raise
                            OverflowError rather than wrap)
  durations              -> timedelta64[ns]
  everything else        -> object column of the values to_pylist gives (lists, dicts, ...)
"""

import pandas as pd


def _column(kind, values, mask, timezone):
    if kind == "numpy" or kind == "object":
        return values
    if kind == "integer":
        return pd.arrays.IntegerArray(values, mask)
    if kind == "boolean":
        return pd.arrays.BooleanArray(values, mask)
    if kind == "datetime":
        series = pd.Series(values.view("datetime64[ns]"), copy=False)
        if timezone is not None:
            series = series.dt.tz_localize("UTC").dt.tz_convert(timezone)
        return series
    if kind == "timedelta":
        return values.view("timedelta64[ns]")
    raise ValueError(f"unknown column kind {kind!r}")


def assemble(names, columns):
    """A pandas.DataFrame with columns `names` built from (kind, values, mask, timezone) pieces."""
    data = {}
    for index, piece in enumerate(columns):
        column = _column(*piece)
        data[index] = column.array if isinstance(column, pd.Series) else column
    frame = pd.DataFrame(data, columns=list(range(len(names))))
    frame.columns = list(names)
    return frame
