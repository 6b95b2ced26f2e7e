"""Engine errors surface as BallistaError subclasses carrying the engine's message."""

import pytest

import ballista


def test_syntax_error(ctx):
    with pytest.raises(ballista.SqlSyntaxError) as info:
        ctx.sql("SELEC 1")
    error = info.value
    assert isinstance(error, ballista.BallistaError) and isinstance(error, ValueError)
    assert str(error) == "Syntax error: line 1, column 1: expected a statement but found 'SELEC'"
    assert error.code == "Syntax error"
    assert error.sqlstate == "42601"
    assert error.message == "line 1, column 1: expected a statement but found 'SELEC'"


def test_plan_errors(ctx):
    with pytest.raises(ballista.PlanError, match='column "nope" not found'):
        ctx.sql("SELECT nope FROM sales")
    with pytest.raises(ballista.PlanError):
        ctx.table("sales").select("nope")
    with pytest.raises(ballista.NotFoundError, match='table "missing" not found'):
        ctx.table("missing")


def test_execution_error_at_collect(ctx):
    df = ctx.sql("SELECT 1 / (id - id) AS boom FROM sales")
    with pytest.raises(ballista.ExecutionError, match="division by zero"):
        df.collect()
    with pytest.raises(ballista.ExecutionError, match="division by zero"):
        df.to_pandas()


def test_missing_file(local_ctx, tmp_path):
    missing = str(tmp_path / "missing.csv")
    with pytest.raises(ballista.NotFoundError, match="does not exist"):
        local_ctx.read_csv(missing)


def test_bad_settings():
    with pytest.raises(ballista.InvalidArgumentError, match='unknown setting "nonsense"'):
        ballista.SessionContext(nonsense=1)
    with pytest.raises(ballista.InvalidArgumentError, match="target_partitions"):
        ballista.SessionContext(target_partitions=100000)
    with pytest.raises(TypeError):
        ballista.SessionContext(config=["not", "a", "dict"])


def test_unreachable_scheduler():
    with pytest.raises(ballista.UnavailableError) as info:
        ballista.SessionContext.remote("df://127.0.0.1:1").sql("SELECT 1").collect()
    assert isinstance(info.value, ConnectionError)


def test_bad_arguments(local_ctx):
    with pytest.raises(ValueError, match="how is inner"):
        local_ctx.table("sales").join(local_ctx.table("regions"), on="true", how="sideways")
    with pytest.raises(TypeError, match="unknown CSV option"):
        local_ctx.read_csv("x.csv", header=True)
