"""Comparison of this engine's rows with the DuckDB oracle's JSON rows (see duckdb_oracle.mjs)."""

import datetime
import decimal
import math


def cell_matches(ours, theirs):
    """Whether our Python value equals DuckDB's JSON value, compared by our value's type."""
    if ours is None or theirs is None:
        return ours is None and theirs is None
    if isinstance(ours, bool):
        return theirs is ours
    if isinstance(ours, int):
        return ours == int(theirs)
    if isinstance(ours, float):
        return math.isclose(ours, float(theirs), rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(ours, decimal.Decimal):
        return ours == decimal.Decimal(str(theirs))
    if isinstance(ours, datetime.datetime):
        return ours.isoformat(sep=" ") == theirs
    if isinstance(ours, datetime.date):
        return ours.isoformat() == theirs
    return ours == theirs


def assert_rows_match(ours, answer):
    """`ours`: a list of row tuples; `answer`: the oracle's {"columns", "rows"} for the same query."""
    theirs = answer["rows"]
    assert len(ours) == len(theirs), f"{len(ours)} rows, DuckDB has {len(theirs)}"
    for index, (our_row, their_row) in enumerate(zip(ours, theirs)):
        assert len(our_row) == len(their_row), f"row {index}: {our_row} vs DuckDB {their_row}"
        for our_cell, their_cell in zip(our_row, their_row):
            assert cell_matches(our_cell, their_cell), f"row {index}: {our_row} vs DuckDB {their_row}"


def rows_of(pylist):
    """to_pylist() dicts as tuples in column order."""
    return [tuple(row.values()) for row in pylist]
