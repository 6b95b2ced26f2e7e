"""Queries run with the GIL released: a Python thread keeps running while one executes."""

import threading
import time

HEAVY_QUERY = ("SELECT count(*) AS c, sum(a.generate_series * b.generate_series) AS s "
               "FROM generate_series(1, 3000) a CROSS JOIN generate_series(1, 3000) b")
# sum over a in 1..n, b in 1..n of a*b = (n(n+1)/2)^2
EXPECTED = [{"c": 3000 * 3000, "s": (3000 * 3001 // 2) ** 2}]


def run_with_ticker(work):
    """Runs work() while another thread records a timestamp every millisecond; returns work's
    result, the run's duration and the number of ticks strictly inside the run."""
    ticks = []
    stop = threading.Event()
    started = threading.Event()

    def ticker():
        started.set()
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.001)

    thread = threading.Thread(target=ticker, daemon=True)
    thread.start()
    assert started.wait(timeout=10)
    begin = time.monotonic()
    result = work()
    end = time.monotonic()
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    inside = [t for t in ticks if begin < t < end]
    return result, end - begin, len(inside)


def test_python_threads_run_during_a_query(ctx):
    # Holding the GIL through the query would leave no tick inside it.
    result, duration, ticks = run_with_ticker(lambda: ctx.sql(HEAVY_QUERY).to_pylist())
    assert result == EXPECTED
    assert ticks >= min(10, int(duration * 1000) // 4), f"{ticks} ticks during a {duration:.3f} s query"
    assert ticks > 0


def test_python_threads_run_during_to_pandas(local_ctx):
    frame, duration, ticks = run_with_ticker(lambda: local_ctx.sql(HEAVY_QUERY).to_pandas())
    assert frame.to_dict("records") == EXPECTED
    assert ticks > 0, f"no tick during a {duration:.3f} s query"


def test_concurrent_queries_from_threads(local_ctx):
    results = [None] * 4
    errors = []

    def run(index):
        try:
            results[index] = local_ctx.sql(f"SELECT count(*) AS n FROM sales WHERE id % 4 = {index}").to_pylist()
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert sum(r[0]["n"] for r in results) == local_ctx.table("sales").count()
