"""Fixtures of the Python package tests: generated data, the three kinds of SessionContext, a real
cluster of processes, and DuckDB (through node) as the independent oracle.

Run through ctest (which sets PYTHONPATH to build/python and BALLISTA_BIN_DIR to build/bin), or
by hand: PYTHONPATH=build/python BALLISTA_BIN_DIR=build/bin /usr/bin/python3 -m pytest tests/python
"""

import datetime
import json
import os
import random
import re
import selectors
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import pytest

import ballista

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(TESTS_DIR))
BIN_DIR = os.environ.get("BALLISTA_BIN_DIR", os.path.join(SOURCE_DIR, "build", "bin"))

REGIONS = ["north", "south", "east", "west", "central"]
MANAGERS = {"north": "Ada", "south": "Brian", "east": "Chen", "west": "Dana"}  # no manager for central
SALES_ROWS = 3000
START_DAY = datetime.date(2024, 1, 1)


def generate_sales(rng):
    """Deterministic rows (id, region, qty or None, price, day) of the sales table."""
    rows = []
    for i in range(1, SALES_ROWS + 1):
        qty = None if i % 7 == 0 else rng.randint(1, 50)
        price = round(rng.uniform(1, 100), 2)
        day = START_DAY + datetime.timedelta(days=rng.randint(0, 365))
        rows.append((i, rng.choice(REGIONS), qty, price, day))
    return rows


@pytest.fixture(scope="session", autouse=True)
def remove_temporary_files(tmp_path_factory):
    """Leaves nothing behind in the temp dir (pytest would keep the last three runs' folders)."""
    yield
    shutil.rmtree(tmp_path_factory.getbasetemp(), ignore_errors=True)


@pytest.fixture(scope="session")
def data(tmp_path_factory):
    """Writes sales.csv and regions.csv; returns their paths and the generated rows."""
    directory = tmp_path_factory.mktemp("data")
    rows = generate_sales(random.Random(20240101))
    sales = directory / "sales.csv"
    with open(sales, "w") as f:
        f.write("id,region,qty,price,day\n")
        for i, region, qty, price, day in rows:
            f.write(f"{i},{region},{'' if qty is None else qty},{price:.2f},{day.isoformat()}\n")
    regions = directory / "regions.csv"
    with open(regions, "w") as f:
        f.write("region,manager\n")
        for region, manager in MANAGERS.items():
            f.write(f"{region},{manager}\n")
    return {"sales": str(sales), "regions": str(regions), "rows": rows}


class DuckDB:
    """Answers SQL over the test tables with DuckDB (node + @duckdb/node-api), the independent
    oracle. Each call starts one node process (bounded by a timeout)."""

    def __init__(self, data, work_dir):
        self.work_dir = work_dir
        self.setup = [
            "CREATE TABLE sales AS SELECT * FROM read_csv('%s', header=true, columns={'id': 'BIGINT', "
            "'region': 'VARCHAR', 'qty': 'BIGINT', 'price': 'DOUBLE', 'day': 'DATE'})" % data["sales"],
            "CREATE TABLE regions AS SELECT * FROM read_csv('%s', header=true, columns={'region': 'VARCHAR', "
            "'manager': 'VARCHAR'})" % data["regions"],
        ]

    def query_many(self, queries):
        request = os.path.join(self.work_dir, "duckdb_request.json")
        with open(request, "w") as f:
            json.dump({"setup": self.setup, "queries": list(queries)}, f)
        completed = subprocess.run(
            ["node", os.path.join(TESTS_DIR, "duckdb_oracle.mjs"), request],
            cwd=SOURCE_DIR, capture_output=True, text=True, timeout=120, check=False)
        if completed.returncode != 0:
            raise RuntimeError("DuckDB oracle failed: " + completed.stderr[-2000:])
        answers = json.loads(completed.stdout)
        for sql, answer in zip(queries, answers):
            if "error" in answer:
                raise RuntimeError(f"DuckDB rejected {sql!r}: {answer['error']}")
        return answers


@pytest.fixture(scope="session")
def duckdb(data, tmp_path_factory):
    return DuckDB(data, str(tmp_path_factory.mktemp("duckdb")))


class LocalCluster:
    """A ballista-scheduler and `executors` ballista-executor processes on loopback ports the OS
    picks, read back from each process's start-up line (as client/local_cluster.cc does). Every
    wait is bounded; stop() terminates the processes (SIGKILL after a grace period) and removes
    the work directories."""

    def __init__(self, bin_dir, executors=2, vcores=2, start_timeout=30.0):
        self.root = tempfile.mkdtemp(prefix="ballista-pytest-cluster-")
        self.processes = []
        self.start_timeout = start_timeout
        try:
            line = self._start([os.path.join(bin_dir, "ballista-scheduler"), "--bind-host", "127.0.0.1",
                                "--bind-port", "0", "--http-port", "0", "--scheduler-policy", "push-staged",
                                "--min-ready-executors", str(executors)],
                               "ballista-scheduler listening on", "scheduler")
            # "ballista-scheduler listening on 127.0.0.1:PORT (http PORT)"
            match = re.search(r":(\d+) \(http (-?\d+)\)", line)
            if not match:
                raise RuntimeError("unexpected scheduler start-up line: " + line)
            self.scheduler_port = int(match.group(1))
            for i in range(executors):
                work_dir = os.path.join(self.root, f"executor-{i}")
                os.makedirs(work_dir)
                self._start([os.path.join(bin_dir, "ballista-executor"), "--scheduler-host", "127.0.0.1",
                             "--scheduler-port", str(self.scheduler_port), "--bind-host", "127.0.0.1",
                             "--bind-port", "0", "--bind-grpc-port", "0", "--bind-health-port", "-1",
                             "--vcores", str(vcores), "--work-dir", work_dir, "--task-scheduling-policy",
                             "push-staged"],
                            "ballista-executor", f"executor-{i}")
        except BaseException:
            self.stop()
            raise

    @property
    def url(self):
        return f"df://127.0.0.1:{self.scheduler_port}"

    def _start(self, argv, ready_prefix, name):
        log = open(os.path.join(self.root, name + ".log"), "wb")
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
        log.close()
        self.processes.append(process)
        deadline = time.monotonic() + self.start_timeout
        pending = b""
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            while True:
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    text = line.decode(errors="replace")
                    if text.startswith(ready_prefix):
                        self._drain(process)
                        return text
                left = deadline - time.monotonic()
                if left <= 0:
                    raise RuntimeError(f"{argv[0]} did not start within {self.start_timeout} s")
                if not selector.select(timeout=left):
                    continue
                chunk = os.read(process.stdout.fileno(), 4096)
                if not chunk:
                    raise RuntimeError(f"{argv[0]} exited before it was ready (exit code {process.wait(5)})")
                pending += chunk

    @staticmethod
    def _drain(process):
        """Keeps reading the process's stdout so that it never blocks on a full pipe."""
        def run():
            try:
                while os.read(process.stdout.fileno(), 4096):
                    pass
            except OSError:
                pass
        threading.Thread(target=run, daemon=True).start()

    def stop(self):
        # Executors first (they deregister), then the scheduler.
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        self.processes = []
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def cluster():
    for binary in ("ballista-scheduler", "ballista-executor"):
        if not os.access(os.path.join(BIN_DIR, binary), os.X_OK):
            pytest.fail(f"{binary} is not built in {BIN_DIR} (set BALLISTA_BIN_DIR)")
    started = LocalCluster(BIN_DIR, executors=2, vcores=2)
    yield started
    started.stop()


def register_tables(ctx, data):
    ctx.register_csv("sales", data["sales"])
    ctx.register_csv("regions", data["regions"])
    return ctx


@pytest.fixture(scope="session")
def local_ctx(data):
    return register_tables(ballista.SessionContext(), data)


@pytest.fixture(scope="session")
def standalone_ctx(data):
    return register_tables(ballista.SessionContext.standalone(executors=2, vcores_per_executor=2), data)


@pytest.fixture(scope="session")
def cluster_ctx(cluster, data):
    return register_tables(ballista.SessionContext.remote(cluster.url), data)


@pytest.fixture(params=["local", "standalone", "cluster"])
def ctx(request):
    """Each test using it runs against the in-process engine, a standalone cluster and a real
    multi-process cluster."""
    return request.getfixturevalue(request.param + "_ctx")
