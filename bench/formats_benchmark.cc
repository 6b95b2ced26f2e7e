// File-format scan throughput on TPC-H lineitem (sf0.01 dbgen, 60,175 rows, 7.3 MB of text),
// single-threaded, with DuckDB (npm @duckdb/node-api, SET threads=1) timed on the same files for
// a ratio:
//   CsvParseLineitem          our CSV reader, all 16 columns typed (decimals, dates)
//   ParquetDecode/duckdb      our Parquet reader on the file DuckDB wrote (SNAPPY)
//   ParquetDecode/ours        our Parquet reader on the file our writer wrote (SNAPPY)
//   ParquetWriteLineitem      our writer (SNAPPY, dictionary, statistics, page index)
//   DuckDb*                   DuckDB materializing the same scans (CREATE TABLE AS SELECT *);
//                             manual time = the least process CPU time (user + system) of 5
//                             runs measured inside node, comparable with our rows' CPU-time
//                             rates on a loaded machine
// bytes_per_second counts the input file's bytes (CSV text, or the Parquet file). DuckDB rows
// need node and the repository's node_modules; without them those benchmarks report an error.
// Data: $BALLISTA_TPCH_DIR/lineitem.tbl, else ../shared/testdata/tpch/sf0.01-dbgen/.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "ballista/formats/csv/csv_reader.h"
#include "ballista/formats/file_io.h"
#include "ballista/formats/parquet/file_reader.h"
#include "ballista/formats/parquet/file_writer.h"

namespace ballista::formats {
namespace {

namespace a = ballista::arrow;

std::string RepoRoot() {
  std::string file = __FILE__;  // <root>/bench/formats_benchmark.cc
  return file.substr(0, file.rfind("/bench/"));
}

std::string LineitemPath() {
  const char* dir = std::getenv("BALLISTA_TPCH_DIR");
  if (dir != nullptr) return std::string(dir) + "/lineitem.tbl";
  return RepoRoot() + "/../shared/testdata/tpch/sf0.01-dbgen/lineitem.tbl";
}

a::SchemaPtr LineitemSchema() {
  auto money = a::Decimal128(15, 2);
  return a::MakeSchema({
      a::MakeField("l_orderkey", a::Int64()),
      a::MakeField("l_partkey", a::Int64()),
      a::MakeField("l_suppkey", a::Int64()),
      a::MakeField("l_linenumber", a::Int32()),
      a::MakeField("l_quantity", money),
      a::MakeField("l_extendedprice", money),
      a::MakeField("l_discount", money),
      a::MakeField("l_tax", money),
      a::MakeField("l_returnflag", a::Utf8()),
      a::MakeField("l_linestatus", a::Utf8()),
      a::MakeField("l_shipdate", a::Date32()),
      a::MakeField("l_commitdate", a::Date32()),
      a::MakeField("l_receiptdate", a::Date32()),
      a::MakeField("l_shipinstruct", a::Utf8()),
      a::MakeField("l_shipmode", a::Utf8()),
      a::MakeField("l_comment", a::Utf8()),
  });
}

csv::CsvReadOptions LineitemCsvOptions() {
  csv::CsvReadOptions options;
  options.has_header = false;
  options.delimiter = '|';
  options.allow_trailing_delimiter = true;
  options.schema = LineitemSchema();
  options.batch_size = 65536;
  return options;
}

/// Runs `script` (an ES module) with node from the repository root; stdout, or "" on failure.
std::string RunNode(const std::string& script) {
  std::string path = "/tmp/ballista_formats_bench_" + std::to_string(::getpid()) + ".mjs";
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return "";
  std::fputs(script.c_str(), f);
  std::fclose(f);
  std::string command =
      "cd '" + RepoRoot() + "' && node --input-type=module < " + path + " 2>/dev/null";
  std::FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  if (pipe != nullptr) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
    if (pclose(pipe) != 0) out.clear();
  }
  std::remove(path.c_str());
  return out;
}

/// The benchmark files, made once: our Parquet file from the CSV, DuckDB's from ours.
struct Files {
  std::string dir;
  std::string ours;
  std::string duckdb;  // empty when DuckDB is unavailable
  Files() {
    char pattern[] = "/tmp/ballista_formats_bench_XXXXXX";
    dir = mkdtemp(pattern);
    ours = dir + "/lineitem_ours.parquet";
    auto batches = csv::ReadCsvFile(LineitemPath(), LineitemCsvOptions());
    if (!batches.ok() || !parquet::WriteParquetFile(ours, LineitemSchema(), *batches).ok()) {
      ours.clear();
      return;
    }
    std::string target = dir + "/lineitem_duckdb.parquet";
    std::string out = RunNode(
        "import { DuckDBInstance } from '@duckdb/node-api';\n"
        "const c = await (await DuckDBInstance.create(':memory:')).connect();\n"
        "await c.run(\"COPY (SELECT * FROM read_parquet('" +
        ours + "')) TO '" + target +
        "' (FORMAT parquet, COMPRESSION snappy)\");\nconsole.log('ok');\n");
    if (out.find("ok") != std::string::npos) duckdb = target;
  }
  ~Files() { std::system(("rm -rf '" + dir + "'").c_str()); }
};

const Files& GetFiles() {
  static Files files;
  return files;
}

void BM_CsvParseLineitem(benchmark::State& state) {
  std::string path = LineitemPath();
  auto size = FileSize(path);
  if (!size.ok()) {
    state.SkipWithError("lineitem.tbl not found");
    return;
  }
  int64_t rows = 0;
  for (auto _ : state) {
    auto batches = csv::ReadCsvFile(path, LineitemCsvOptions());
    if (!batches.ok()) {
      state.SkipWithError(batches.status().ToString().c_str());
      return;
    }
    rows = 0;
    for (const auto& b : *batches) rows += b->num_rows();
    benchmark::DoNotOptimize(rows);
  }
  state.SetBytesProcessed(state.iterations() * *size);
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["rows_per_second"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_CsvParseLineitem)->Unit(benchmark::kMillisecond);

void ParquetDecode(benchmark::State& state, const std::string& path) {
  if (path.empty()) {
    state.SkipWithError("file unavailable (DuckDB missing?)");
    return;
  }
  int64_t size = FileSize(path).ValueOr(0);
  int64_t rows = 0;
  for (auto _ : state) {
    auto batches = parquet::ReadParquetFile(path);
    if (!batches.ok()) {
      state.SkipWithError(batches.status().ToString().c_str());
      return;
    }
    rows = 0;
    for (const auto& b : *batches) rows += b->num_rows();
    benchmark::DoNotOptimize(rows);
  }
  state.SetBytesProcessed(state.iterations() * size);
  state.counters["rows_per_second"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ParquetDecodeDuckDbFile(benchmark::State& state) {
  ParquetDecode(state, GetFiles().duckdb);
}
BENCHMARK(BM_ParquetDecodeDuckDbFile)->Unit(benchmark::kMillisecond);
void BM_ParquetDecodeOurFile(benchmark::State& state) { ParquetDecode(state, GetFiles().ours); }
BENCHMARK(BM_ParquetDecodeOurFile)->Unit(benchmark::kMillisecond);

void BM_ParquetWriteLineitem(benchmark::State& state) {
  auto batches = csv::ReadCsvFile(LineitemPath(), LineitemCsvOptions());
  if (!batches.ok()) {
    state.SkipWithError("lineitem.tbl not readable");
    return;
  }
  std::string path = GetFiles().dir + "/write_bench.parquet";
  for (auto _ : state) {
    if (!parquet::WriteParquetFile(path, LineitemSchema(), *batches).ok()) {
      state.SkipWithError("write failed");
      return;
    }
  }
  state.SetBytesProcessed(state.iterations() * FileSize(LineitemPath()).ValueOr(0));
}
BENCHMARK(BM_ParquetWriteLineitem)->Unit(benchmark::kMillisecond);

/// DuckDB (one thread) materializing `from` 5 times; the least CPU time of a run as manual time.
void DuckDbScan(benchmark::State& state, const std::string& from, int64_t bytes) {
  std::string out = RunNode(
      "import { DuckDBInstance } from '@duckdb/node-api';\n"
      "const c = await (await DuckDBInstance.create(':memory:')).connect();\n"
      "await c.run('SET threads=1');\nlet best = Infinity;\n"
      "for (let i = 0; i < 5; i++) {\n"
      "  await c.run('DROP TABLE IF EXISTS t');\n  const t0 = process.cpuUsage();\n"
      "  await c.run(\"CREATE TABLE t AS SELECT * FROM " +
      from +
      "\");\n"
      "  const d = process.cpuUsage(t0);\n"
      "  best = Math.min(best, (d.user + d.system) / 1e6);\n}\nconsole.log(best);\n");
  double seconds = std::atof(out.c_str());
  if (seconds <= 0) {
    state.SkipWithError("DuckDB unavailable");
    return;
  }
  for (auto _ : state) state.SetIterationTime(seconds);
  state.SetBytesProcessed(state.iterations() * bytes);
}

void BM_DuckDbCsvParseLineitem(benchmark::State& state) {
  DuckDbScan(state,
             "read_csv('" + LineitemPath() +
                 "', delim='|', header=false, columns={'l_orderkey': 'BIGINT', 'l_partkey': "
                 "'BIGINT', 'l_suppkey': 'BIGINT', 'l_linenumber': 'INTEGER', 'l_quantity': "
                 "'DECIMAL(15,2)', 'l_extendedprice': 'DECIMAL(15,2)', 'l_discount': "
                 "'DECIMAL(15,2)', 'l_tax': 'DECIMAL(15,2)', 'l_returnflag': 'VARCHAR', "
                 "'l_linestatus': 'VARCHAR', 'l_shipdate': 'DATE', 'l_commitdate': 'DATE', "
                 "'l_receiptdate': 'DATE', 'l_shipinstruct': 'VARCHAR', 'l_shipmode': 'VARCHAR', "
                 "'l_comment': 'VARCHAR', 'l_end': 'VARCHAR'})",
             FileSize(LineitemPath()).ValueOr(0));
}
BENCHMARK(BM_DuckDbCsvParseLineitem)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_DuckDbParquetDecodeDuckDbFile(benchmark::State& state) {
  const auto& f = GetFiles();
  if (f.duckdb.empty()) {
    state.SkipWithError("DuckDB unavailable");
    return;
  }
  DuckDbScan(state, "read_parquet('" + f.duckdb + "')", FileSize(f.duckdb).ValueOr(0));
}
BENCHMARK(BM_DuckDbParquetDecodeDuckDbFile)
    ->UseManualTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

void BM_DuckDbParquetDecodeOurFile(benchmark::State& state) {
  const auto& f = GetFiles();
  DuckDbScan(state, "read_parquet('" + f.ours + "')", FileSize(f.ours).ValueOr(0));
}
BENCHMARK(BM_DuckDbParquetDecodeOurFile)
    ->UseManualTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ballista::formats

BENCHMARK_MAIN();
