// Operator throughput through the whole engine (SQL → plan → pipelines), one thread
// (execution.target_partitions = 1), on memory tables made with range():
//   t: 1,000,000 rows (k BIGINT, v BIGINT in [0, 100003), s VARCHAR 'row-<k>')
//   d:   100,000 rows (id BIGINT, w BIGINT)
// Each query reduces its operator's output to one row so the result transfer is negligible:
//   HashAggregate   100,000 groups over t
//   HashJoin        build d (100,000 rows), probe t (1,000,000 rows)
//   Sort            all of t by v (a full sort: the top 1,000,000 rows)
//   Filter          v < 50000 over t
//   StringUpper     upper(s) over t
// Time is the process CPU time (user + system) of one query, so a loaded machine does not skew
// it. DuckDb* rows run the same SQL in DuckDB (npm @duckdb/node-api, SET threads=1), timed the
// same way (least of 5 runs); they need node and the repository's node_modules.
// items_per_second counts the input rows of the operator (t's rows; the join counts probe rows).

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include <benchmark/benchmark.h>

#include "ballista/session/session_context.h"

namespace ballista::session {
namespace {

constexpr int64_t kRows = 1000000;

const char* kSetup[] = {
    "CREATE TABLE t AS SELECT range AS k, (range * 7919) % 100003 AS v, 'row-' || range AS s FROM range(1000000)",
    "CREATE TABLE d AS SELECT range AS id, range * 2 AS w FROM range(100000)",
};

const char* kAggregate = "SELECT count(*), sum(sv) FROM (SELECT k % 100000 AS g, sum(v) AS sv FROM t GROUP BY g)";
const char* kJoin = "SELECT count(*), sum(d.w) FROM t JOIN d ON t.v = d.id";
const char* kSort = "SELECT k, v FROM t ORDER BY v, k LIMIT 1 OFFSET 999999";
const char* kFilter = "SELECT count(*) FROM t WHERE v < 50000";
const char* kUpper = "SELECT sum(length(upper(s))) FROM t";

double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

SessionContext& Context() {
  static SessionContext* ctx = [] {
    auto* c = new SessionContext();
    for (const char* sql : kSetup) {
      auto r = c->SqlCollect(sql);
      if (!r.ok()) std::fprintf(stderr, "setup failed: %s\n", r.status().ToString().c_str());
    }
    (void)c->SqlCollect("SET execution.target_partitions = 1");
    return c;
  }();
  return *ctx;
}

void RunOurs(benchmark::State& state, const char* sql) {
  SessionContext& ctx = Context();
  for (auto _ : state) {
    const double start = ProcessCpuSeconds();
    auto result = ctx.SqlCollect(sql);
    const double seconds = ProcessCpuSeconds() - start;
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      return;
    }
    state.SetIterationTime(seconds);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}

std::string RepoRoot() {
  std::string file = __FILE__;  // <root>/bench/operators_benchmark.cc
  return file.substr(0, file.rfind("/bench/"));
}

/// Least CPU seconds of 5 DuckDB runs of `sql` after the same setup; 0 when node is unavailable.
double DuckDbSeconds(const char* sql) {
  std::string script =
      "import { DuckDBInstance } from '@duckdb/node-api';\n"
      "const c = await (await DuckDBInstance.create(':memory:')).connect();\n"
      "await c.run('SET threads=1');\n";
  for (const char* setup : kSetup) script += "await c.run(\"" + std::string(setup) + "\");\n";
  script += "let best = Infinity;\nfor (let i = 0; i < 5; i++) {\n  const t0 = process.cpuUsage();\n"
            "  await c.runAndReadAll(\"" + std::string(sql) + "\");\n"
            "  const d = process.cpuUsage(t0);\n  best = Math.min(best, (d.user + d.system) / 1e6);\n}\n"
            "console.log(best);\n";
  const std::string path = "/tmp/ballista_operators_bench_" + std::to_string(::getpid()) + ".mjs";
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return 0;
  std::fputs(script.c_str(), f);
  std::fclose(f);
  // From stdin, imports resolve from the working directory (the repository's node_modules).
  const std::string command = "cd '" + RepoRoot() + "' && node --input-type=module < " + path + " 2>/dev/null";
  std::FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  if (pipe != nullptr) {
    char buf[256];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
    if (pclose(pipe) != 0) out.clear();
  }
  std::remove(path.c_str());
  return std::atof(out.c_str());
}

void RunDuckDb(benchmark::State& state, const char* sql) {
  const double seconds = DuckDbSeconds(sql);
  if (seconds <= 0) {
    state.SkipWithError("DuckDB unavailable");
    return;
  }
  for (auto _ : state) state.SetIterationTime(seconds);
  state.SetItemsProcessed(state.iterations() * kRows);
}

#define BALLISTA_OPERATOR_BENCHMARK(name, sql)                                                         \
  void BM_##name(benchmark::State& state) { RunOurs(state, sql); }                                      \
  BENCHMARK(BM_##name)->UseManualTime()->Unit(benchmark::kMillisecond);                                 \
  void BM_DuckDb##name(benchmark::State& state) { RunDuckDb(state, sql); }                              \
  BENCHMARK(BM_DuckDb##name)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

BALLISTA_OPERATOR_BENCHMARK(HashAggregate, kAggregate)
BALLISTA_OPERATOR_BENCHMARK(HashJoin, kJoin)
BALLISTA_OPERATOR_BENCHMARK(Sort, kSort)
BALLISTA_OPERATOR_BENCHMARK(Filter, kFilter)
BALLISTA_OPERATOR_BENCHMARK(StringUpper, kUpper)

}  // namespace
}  // namespace ballista::session

BENCHMARK_MAIN();
