"""SessionContext settings, table registration, files written and read back, show and explain."""

import pytest

import ballista


def test_settings_from_dict_keywords_and_set_config():
    ctx = ballista.SessionContext({"execution.batch_size": 128}, target_partitions=3,
                                  ballista_shuffle_compression_codec="zstd", optimizer_enabled=False)
    config = ctx.config()
    assert config["execution.batch_size"] == "128"
    assert config["execution.target_partitions"] == "3"
    assert config["ballista.shuffle.compression.codec"] == "zstd"
    assert config["optimizer.enabled"] == "false"
    ctx.set_config("execution.batch_size", 256)
    assert ctx.config()["execution.batch_size"] == "256"
    ctx.sql("SET execution.batch_size = 512")
    assert ctx.config()["execution.batch_size"] == "512"


def test_standalone_options(data):
    ctx = ballista.SessionContext.standalone(executors=1, vcores_per_executor=1, target_partitions=2)
    ctx.register_csv("sales", data["sales"])
    assert ctx.sql("SELECT count(*) AS n FROM sales").to_pylist() == [{"n": len(data["rows"])}]


def test_register_and_deregister(ctx, data):
    ctx.register_csv("sales_again", data["sales"])
    assert ctx.table("sales_again").count() == len(data["rows"])
    ctx.deregister_table("sales_again")
    with pytest.raises(ballista.NotFoundError):
        ctx.table("sales_again")


def test_ddl_through_sql(local_ctx):
    local_ctx.sql("CREATE TABLE tiny AS SELECT * FROM (VALUES (1, 'one'), (2, 'two')) AS t(n, word)")
    try:
        assert local_ctx.sql("SELECT word FROM tiny ORDER BY n").to_pylist() == [{"word": "one"}, {"word": "two"}]
    finally:
        local_ctx.sql("DROP TABLE tiny")


@pytest.mark.parametrize("file_format", ["csv", "parquet", "json"])
def test_write_and_read_back(ctx, data, tmp_path, file_format):
    path = str(tmp_path / f"out.{file_format}")
    source = ctx.sql("SELECT id, region, qty, price FROM sales WHERE id <= 200")
    getattr(source, "write_" + file_format)(path)
    reader = getattr(ctx, "read_" + file_format)
    back = reader(path).sort("id").to_pylist()
    expected = [{"id": r[0], "region": r[1], "qty": r[2], "price": r[3]} for r in data["rows"][:200]]
    assert back == expected
    getattr(ctx, "register_" + file_format)("written", path)
    try:
        assert ctx.table("written").count() == 200
    finally:
        ctx.deregister_table("written")


def test_read_csv_options(local_ctx, tmp_path):
    path = tmp_path / "semicolons.csv"
    path.write_text("1;a\n2;NA\n")
    df = local_ctx.read_csv(str(path), has_header=False, delimiter=";", null_string="NA")
    assert [list(row.values()) for row in df.to_pylist()] == [[1, "a"], [2, None]]


def test_show_explain_and_repr(local_ctx, capsys):
    df = local_ctx.sql("SELECT region, count(*) AS n FROM sales GROUP BY region ORDER BY region LIMIT 2")
    df.show()
    printed = capsys.readouterr().out
    assert "| region" in printed and "| east" in printed and "| central" in printed
    assert df.to_string() + "\n" == printed
    plan = df.explain()
    assert "logical_plan" in plan and "physical_plan" in plan
    assert "region: utf8" in repr(df)
    assert df.schema().names == ["region", "n"]
    assert len(df.schema()) == 2
    assert "region" in repr(df.collect()[0])
