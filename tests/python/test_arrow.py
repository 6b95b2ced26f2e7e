"""The Arrow PyCapsule protocol: results leave through __arrow_c_stream__ / __arrow_c_array__ /
__arrow_c_schema__ and are read by an independent ctypes consumer; data from outside comes in
through register_arrow."""

import gc

import pandas as pd
import pytest

import ballista
from ballista import _ballista

from arrow_c import Int64ColumnProducer, capsule_name, consume_stream


def test_stream_capsule_is_read_by_a_c_consumer(ctx, data):
    df = ctx.sql("SELECT id, region, qty, price FROM sales WHERE id <= 100 ORDER BY id")
    capsule = df.__arrow_c_stream__()
    assert capsule_name(capsule) == "arrow_array_stream"
    fields, columns = consume_stream(capsule)
    assert [name for name, _ in fields] == ["id", "region", "qty", "price"]
    assert fields[0][1] == "l" and fields[2][1] == "l" and fields[3][1] == "g"
    assert fields[1][1] in ("u", "vu")
    expected = data["rows"][:100]
    assert columns["id"] == [row[0] for row in expected]
    assert columns["region"] == [row[1] for row in expected]
    assert columns["qty"] == [row[2] for row in expected]
    assert columns["price"] == [row[3] for row in expected]


def test_stream_accepts_requested_schema(local_ctx):
    df = local_ctx.sql("SELECT 1 AS one")
    fields, columns = consume_stream(df.__arrow_c_stream__(df.schema().__arrow_c_schema__()))
    assert [name for name, _ in fields] == ["one"]
    assert columns["one"] == [1]
    fields, _ = consume_stream(df.__arrow_c_stream__(requested_schema=None))
    assert [name for name, _ in fields] == ["one"]


def test_unconsumed_capsules_are_freed(local_ctx):
    df = local_ctx.sql("SELECT id FROM sales")
    for _ in range(20):
        capsule = df.__arrow_c_stream__()
        del capsule
        schema_capsule, array_capsule = df.collect()[0].__arrow_c_array__()
        del schema_capsule, array_capsule
    gc.collect()


def test_batch_and_schema_capsules(local_ctx):
    batch = local_ctx.sql("SELECT CAST(id AS BIGINT) AS id, region FROM sales WHERE id <= 3 ORDER BY id").collect()[0]
    schema_capsule, array_capsule = batch.__arrow_c_array__()
    assert capsule_name(schema_capsule) == "arrow_schema"
    assert capsule_name(array_capsule) == "arrow_array"
    assert capsule_name(batch.__arrow_c_schema__()) == "arrow_schema"
    schema, batches = _ballista._read_arrow(batch)
    assert schema.names == ["id", "region"]
    assert batches[0].to_pylist() == batch.to_pylist()
    assert _ballista._import_schema(batch.schema) == batch.schema


def test_register_arrow_round_trip(ctx, data):
    source = ctx.sql("SELECT id, region, qty FROM sales WHERE id <= 50 ORDER BY id")
    ctx.register_arrow("sales_copy", source)
    try:
        copied = ctx.sql("SELECT id, region, qty FROM sales_copy ORDER BY id").to_pylist()
        expected = [{"id": r[0], "region": r[1], "qty": r[2]} for r in data["rows"][:50]]
        assert copied == expected
    finally:
        ctx.deregister_table("sales_copy")


def test_register_arrow_from_a_foreign_producer(local_ctx):
    values = [1, None, -3, 1_700_000_000]
    producer = Int64ColumnProducer(values)
    local_ctx.register_arrow("foreign", producer)
    try:
        assert local_ctx.sql("SELECT n FROM foreign").to_pylist() == [{"n": v} for v in values]
        assert local_ctx.sql("SELECT sum(n) AS s, count(n) AS c FROM foreign").to_pylist() == [
            {"s": 1 - 3 + 1_700_000_000, "c": 3}]
    finally:
        local_ctx.deregister_table("foreign")
    gc.collect()


def test_zoned_second_timestamps_convert_to_pandas(local_ctx):
    # 1_700_000_000 s = 2023-11-14 22:13:20 UTC = 23:13:20 in Berlin (CET, +01:00).
    producer = Int64ColumnProducer([1_700_000_000, None, 0], timestamp_format="tss:Europe/Berlin")
    local_ctx.register_arrow("zoned", producer)
    try:
        df = local_ctx.sql("SELECT ts FROM zoned")
        assert df.schema().types == ["timestamp[s, tz=Europe/Berlin]"]
        frame = df.to_pandas()
        assert str(frame["ts"].dtype) == "datetime64[ns, Europe/Berlin]"
        assert frame["ts"][0] == pd.Timestamp("2023-11-14 23:13:20", tz="Europe/Berlin")
        assert frame["ts"][0].tz_convert("UTC") == pd.Timestamp("2023-11-14 22:13:20", tz="UTC")
        assert pd.isna(frame["ts"][1])
        assert frame["ts"][2] == pd.Timestamp("1970-01-01 01:00:00", tz="Europe/Berlin")
        row = df.to_pylist()[0]["ts"]
        assert row.isoformat() == "2023-11-14T23:13:20+01:00"
    finally:
        local_ctx.deregister_table("zoned")


def test_register_arrow_rejects_other_objects(local_ctx):
    with pytest.raises(TypeError):
        local_ctx.register_arrow("nothing", 42)
    assert isinstance(ballista.SessionContext, type)
