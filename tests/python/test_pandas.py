"""to_pandas dtypes are lossless and as documented in ballista/_pandas.py. Expected values are
literals the queries spell out."""

import datetime
import decimal
import math

import pandas as pd
import pytest

import ballista

WITH_NULLS = """
SELECT * FROM (VALUES
  (1, CAST(10 AS BIGINT), CAST(-1 AS TINYINT), CAST(2 AS SMALLINT), CAST(3 AS INT UNSIGNED), true, CAST(1.5 AS DOUBLE),
   'a', CAST('1.50' AS DECIMAL(10, 2)), DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05.123456'),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
) AS t(k, i64, i8, i16, u32, b, f, s, d, dt, ts) ORDER BY k
"""

WITHOUT_NULLS = """
SELECT CAST(x AS BIGINT) AS i64, CAST(x AS INT) AS i32, CAST(x AS SMALLINT) AS i16, CAST(x AS TINYINT) AS i8,
       CAST(x AS BIGINT UNSIGNED) AS u64, x > 1 AS b, CAST(x AS DOUBLE) / 2 AS f, CAST(x AS REAL) AS f32
FROM (VALUES (1), (2), (3)) AS t(x) ORDER BY x
"""


def test_integer_dtypes_without_nulls(local_ctx):
    frame = local_ctx.sql(WITHOUT_NULLS).to_pandas()
    assert {c: str(t) for c, t in frame.dtypes.items()} == {
        "i64": "int64", "i32": "int32", "i16": "int16", "i8": "int8", "u64": "uint64", "b": "bool",
        "f": "float64", "f32": "float32"}
    assert frame["i64"].tolist() == [1, 2, 3]
    assert frame["b"].tolist() == [False, True, True]
    assert frame["f"].tolist() == [0.5, 1.0, 1.5]


def test_dtypes_with_nulls(local_ctx):
    frame = local_ctx.sql(WITH_NULLS).to_pandas()
    assert {c: str(t) for c, t in frame.dtypes.items()} == {
        "k": "int32", "i64": "Int64", "i8": "Int8", "i16": "Int16", "u32": "UInt32", "b": "boolean",
        "f": "float64", "s": "object", "d": "object", "dt": "datetime64[ns]", "ts": "datetime64[ns]"}
    first, second = frame.iloc[0], frame.iloc[1]
    assert first["i64"] == 10 and second["i64"] is pd.NA
    assert first["i8"] == -1 and second["i8"] is pd.NA
    assert first["u32"] == 3 and second["u32"] is pd.NA
    assert bool(first["b"]) is True
    assert second["b"] is pd.NA
    assert first["f"] == 1.5 and math.isnan(second["f"])
    assert first["s"] == "a" and second["s"] is None
    assert second["d"] is None
    assert first["dt"] == pd.Timestamp("2024-01-02") and second["dt"] is pd.NaT
    assert first["ts"] == pd.Timestamp("2024-01-02 03:04:05.123456") and second["ts"] is pd.NaT


def test_decimals_keep_their_scale(local_ctx):
    frame = local_ctx.sql("SELECT CAST('1.50' AS DECIMAL(10, 2)) AS a, CAST('-0.05' AS DECIMAL(5, 3)) AS b, "
                          "CAST('12345678901234567890.123456789' AS DECIMAL(38, 9)) AS c").to_pandas()
    a, b, c = frame.iloc[0]
    assert isinstance(a, decimal.Decimal) and str(a) == "1.50" and a.as_tuple().exponent == -2
    assert str(b) == "-0.050" and b.as_tuple().exponent == -3
    assert c == decimal.Decimal("12345678901234567890.123456789")


def test_zoned_timestamps_are_tz_aware(local_ctx):
    df = local_ctx.sql("SELECT CAST('2024-01-02 03:04:05+02:00' AS TIMESTAMP WITH TIME ZONE) AS ts")
    frame = df.to_pandas()
    assert str(frame["ts"].dtype) == "datetime64[ns, UTC]"
    assert frame["ts"][0] == pd.Timestamp("2024-01-02 01:04:05", tz="UTC")
    assert df.to_pylist()[0]["ts"] == datetime.datetime(2024, 1, 2, 1, 4, 5, tzinfo=datetime.timezone.utc)


def test_timestamps_outside_datetime64_ns_raise(local_ctx):
    df = local_ctx.sql("SELECT TIMESTAMP '3000-01-01 00:00:00' AS ts")
    with pytest.raises(OverflowError, match="ts"):
        df.to_pandas()
    assert df.to_pylist() == [{"ts": datetime.datetime(3000, 1, 1)}]


def test_strings_are_python_str(local_ctx):
    frame = local_ctx.sql("SELECT * FROM (VALUES ('héllo'), (NULL), ('')) AS t(s)").to_pandas()
    assert frame["s"].dtype == object
    assert frame["s"].tolist() == ["héllo", None, ""]


def test_empty_results_keep_dtypes(local_ctx):
    frame = local_ctx.sql("SELECT id, region, qty, day FROM sales WHERE id < 0").to_pandas()
    assert len(frame) == 0
    assert {c: str(t) for c, t in frame.dtypes.items()} == {
        "id": "int64", "region": "object", "qty": "int64", "day": "datetime64[ns]"}


def test_many_batches(data):
    ctx = ballista.SessionContext(batch_size=64)
    ctx.register_csv("sales", data["sales"])
    df = ctx.sql("SELECT id, qty, price, day FROM sales ORDER BY id")
    assert len(df.collect()) > 1
    frame = df.to_pandas()
    rows = data["rows"]
    assert str(frame["qty"].dtype) == "Int64"
    assert frame["qty"].isna().sum() == sum(r[2] is None for r in rows)
    assert frame["id"].tolist() == [r[0] for r in rows]
    assert [None if v is pd.NA else int(v) for v in frame["qty"]] == [r[2] for r in rows]
    assert frame["price"].tolist() == [r[3] for r in rows]
    assert [d.date() for d in frame["day"]] == [r[4] for r in rows]


def test_batch_to_pandas(local_ctx):
    batch = local_ctx.sql("SELECT 7 AS x, 'y' AS s").collect()[0]
    frame = batch.to_pandas()
    assert frame.to_dict("records") == [{"x": 7, "s": "y"}]
