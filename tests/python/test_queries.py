"""SQL and DataFrame results on the in-process engine, a standalone cluster and a real cluster of
processes, each checked against DuckDB's answer to the same question."""

import pytest

from oracle import assert_rows_match, rows_of

SQL_QUERIES = [
    "SELECT region, count(*) AS n, sum(qty) AS total_qty, count(qty) AS qty_count, min(price) AS min_price, "
    "max(day) AS last_day FROM sales GROUP BY region ORDER BY region",
    "SELECT s.region, r.manager, count(*) AS n FROM sales s LEFT JOIN regions r ON s.region = r.region "
    "GROUP BY s.region, r.manager ORDER BY s.region",
    "SELECT id, qty, price, day FROM sales WHERE qty IS NULL AND price > 50 ORDER BY id LIMIT 20",
    "SELECT region, sum(CAST(price AS DECIMAL(12, 2))) AS revenue FROM sales GROUP BY region ORDER BY region",
    "SELECT count(DISTINCT region) AS regions, sum(qty * price) AS turnover, max(id) AS last_id FROM sales",
    "SELECT day, count(*) AS n FROM sales WHERE day BETWEEN DATE '2024-03-01' AND DATE '2024-03-07' "
    "GROUP BY day ORDER BY day",
]

# The DataFrame-API questions, as the SQL DuckDB answers them.
API_FILTER_AGGREGATE = ("SELECT region, count(*) AS n, sum(qty) AS q FROM sales WHERE price > 10 "
                        "GROUP BY region ORDER BY region")
API_JOIN = ("SELECT s.id, s.region, r.manager FROM sales s LEFT JOIN regions r ON s.region = r.region "
            "WHERE s.id <= 30 ORDER BY s.id")
API_WITH_COLUMN_LIMIT = "SELECT id, price, price * 2 AS double_price FROM sales ORDER BY id LIMIT 5 OFFSET 10"
API_UNION_DISTINCT = ("SELECT region FROM (SELECT region FROM sales WHERE id < 100 UNION "
                      "SELECT region FROM regions) t ORDER BY region")


@pytest.fixture(scope="module")
def answers(duckdb):
    queries = SQL_QUERIES + [API_FILTER_AGGREGATE, API_JOIN, API_WITH_COLUMN_LIMIT, API_UNION_DISTINCT]
    return dict(zip(queries, duckdb.query_many(queries)))


def test_table_schema_is_inferred(ctx):
    schema = ctx.table("sales").schema()
    assert schema.names == ["id", "region", "qty", "price", "day"]
    assert schema.types == ["int64", "utf8", "int64", "float64", "date32"]


@pytest.mark.parametrize("sql", SQL_QUERIES)
def test_sql_matches_duckdb(ctx, answers, sql):
    df = ctx.sql(sql)
    assert df.schema().names == answers[sql]["columns"]
    assert_rows_match(rows_of(df.to_pylist()), answers[sql])


def test_filter_aggregate_sort(ctx, answers):
    df = (ctx.table("sales").filter("price > 10")
          .aggregate(["region"], ["count(*) AS n", "sum(qty) AS q"]).sort("region"))
    assert_rows_match(rows_of(df.to_pylist()), answers[API_FILTER_AGGREGATE])


def test_join_select(ctx, answers):
    regions = ctx.table("regions").select("region AS r_region", "manager")
    df = (ctx.table("sales").filter("id <= 30")
          .join(regions, on="region = r_region", how="left")
          .select("id", "region", "manager").sort("id"))
    assert_rows_match(rows_of(df.to_pylist()), answers[API_JOIN])


def test_with_column_limit(ctx, answers):
    df = (ctx.table("sales").select("id", "price").with_column("double_price", "price * 2")
          .sort("id").limit(5, offset=10))
    assert_rows_match(rows_of(df.to_pylist()), answers[API_WITH_COLUMN_LIMIT])


def test_union_distinct(ctx, answers):
    left = ctx.table("sales").filter("id < 100").select("region")
    right = ctx.table("regions").select("region")
    df = left.union(right).distinct().sort("region")
    assert_rows_match(rows_of(df.to_pylist()), answers[API_UNION_DISTINCT])
    assert left.union(right, distinct=True).count() == len(answers[API_UNION_DISTINCT]["rows"])


def test_count_and_collect(ctx, data):
    df = ctx.table("sales")
    assert df.count() == len(data["rows"])
    batches = df.collect()
    assert sum(batch.num_rows for batch in batches) == len(data["rows"])
    assert all(batch.column_names == ["id", "region", "qty", "price", "day"] for batch in batches)


def test_to_pandas_matches_to_pylist(ctx, answers):
    sql = SQL_QUERIES[0]
    df = ctx.sql(sql)
    frame = df.to_pandas()
    assert list(frame.columns) == answers[sql]["columns"]
    assert len(frame) == len(answers[sql]["rows"])
    assert list(frame["region"]) == [row[0] for row in answers[sql]["rows"]]
    assert [int(v) for v in frame["n"]] == [int(row[1]) for row in answers[sql]["rows"]]
    assert [d.date().isoformat() for d in frame["last_day"]] == [row[5] for row in answers[sql]["rows"]]


def test_execute_stream(ctx, data):
    stream = ctx.sql("SELECT id FROM sales").execute_stream()
    assert stream.schema.names == ["id"]
    ids = []
    for batch in stream:
        ids.extend(row["id"] for row in batch.to_pylist())
    assert sorted(ids) == [row[0] for row in data["rows"]]
