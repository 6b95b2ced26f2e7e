// ballista-tpch: TPC-H tools.
//   ballista-tpch gen   --scale-factor SF --output DIR [--format tbl|csv|parquet] ...
//   ballista-tpch bench --path DIR [--format parquet|csv|tbl] [--query N|all] ...
// `gen` writes the TPC-H tables; in tbl format the files are byte-identical to dbgen 2.14's.
// `bench` runs the 22 queries (bench/tpch/queries) over such files, times them and with
// --verify checks every answer.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "ballista/common/result.h"
#include "ballista/tpch/bench.h"
#include "ballista/tpch/generate.h"

using namespace ballista;

namespace {

constexpr const char* kUsage =
    "usage: ballista-tpch gen --scale-factor SF --output DIR [--format tbl|csv|parquet]\n"
    "                         [--partitions N] [--tables T1,T2,...] [--threads N]\n"
    "       ballista-tpch bench --path DIR [--format parquet|csv|tbl] [--query N|all]\n"
    "                         [--iterations K] [--local | --standalone | --host H --port P |\n"
    "                         --cluster N] [--scheduler-policy P] [--vcores N]\n"
    "                         [--output-json FILE] [--verify]\n"
    "                         [--answers DIR] [--set KEY=VALUE ...]\n"
    "\n"
    "gen: writes the TPC-H tables\n"
    "  --scale-factor SF  TPC-H scale factor (1 = about 1 GB); below 1 it is rounded down to\n"
    "                     thousandths, above 1 to an integer, as dbgen does\n"
    "  --output DIR       output directory (created if missing)\n"
    "  --format F         tbl (dbgen's '|'-terminated lines, default), csv (with header) or\n"
    "                     parquet (DECIMAL(15,2) money, DATE dates, snappy)\n"
    "  --partitions N     N files per table: T.tbl.1 .. T.tbl.N, or T/T.1.parquet ..\n"
    "                     T/T.N.parquet (default 1: T.tbl, T.parquet)\n"
    "  --tables LIST      comma-separated subset of part,partsupp,supplier,customer,orders,\n"
    "                     lineitem,nation,region (default: all)\n"
    "  --threads N        generator threads (default: one per hardware thread)\n"
    "\n"
    "bench: runs the 22 queries over the tables in DIR and prints min/median times and rows\n"
    "  --path DIR         the tables (T.parquet or T/ for parquet, T.tbl, T.csv)\n"
    "  --format F         parquet (default), csv or tbl\n"
    "  --query N|all      one query (1..22), a comma-separated list, or all (default)\n"
    "  --iterations K     runs per query (default 3); min and median are reported\n"
    "  --local            the in-process engine (default)\n"
    "  --standalone       a scheduler and an executor in this process (gRPC + Flight)\n"
    "  --host H --port P  a running cluster's scheduler\n"
    "  --cluster N        starts a scheduler and N executor processes for the run\n"
    "  --scheduler-policy push-staged|pull-staged   for --standalone and --cluster\n"
    "  --vcores N         threads (local), vcores per executor (standalone, --cluster)\n"
    "  --output-json F    writes machine, scale factor, mode, commit and per-query times\n"
    "  --verify           checks every answer: against --answers DIR, else DIR/answers/qN.out\n"
    "                     (DuckDB's, from bench/tpch/duckdb.mjs), else at SF 1 the official\n"
    "                     answers (numbers to 2 decimals, 0.01 tolerance)\n"
    "  --set KEY=VALUE    a session setting for the run (repeatable), e.g.\n"
    "                     --set ballista.adaptive.broadcast_join_threshold_bytes=0\n";

Result<int64_t> ParseInt(std::string_view flag, const std::string& value) {
  char* end = nullptr;
  const long long v = std::strtoll(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0') {
    return Status::InvalidArgument(std::string(flag) + ": expected an integer, got \"" + value +
                                   "\"");
  }
  return static_cast<int64_t>(v);
}

Result<tpch::GenerateOptions> ParseGenOptions(const std::vector<std::string>& args) {
  tpch::GenerateOptions options;
  bool have_scale = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    auto value = [&]() -> Result<std::string> {
      if (i + 1 >= args.size()) return Status::InvalidArgument(flag + ": missing value");
      return args[++i];
    };
    if (flag == "--scale-factor" || flag == "-s") {
      ASSIGN_OR_RAISE(std::string v, value());
      char* end = nullptr;
      options.scale_factor = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0') {
        return Status::InvalidArgument(flag + ": expected a number, got \"" + v + "\"");
      }
      have_scale = true;
    } else if (flag == "--output" || flag == "-o") {
      ASSIGN_OR_RAISE(options.output_dir, value());
    } else if (flag == "--format") {
      ASSIGN_OR_RAISE(std::string v, value());
      if (v == "tbl") {
        options.format = tpch::FileFormat::kTbl;
      } else if (v == "csv") {
        options.format = tpch::FileFormat::kCsv;
      } else if (v == "parquet") {
        options.format = tpch::FileFormat::kParquet;
      } else {
        return Status::InvalidArgument("--format: expected tbl, csv or parquet, got \"" + v + "\"");
      }
    } else if (flag == "--partitions") {
      ASSIGN_OR_RAISE(std::string v, value());
      ASSIGN_OR_RAISE(int64_t n, ParseInt(flag, v));
      options.partitions = static_cast<int>(n);
    } else if (flag == "--threads") {
      ASSIGN_OR_RAISE(std::string v, value());
      ASSIGN_OR_RAISE(int64_t n, ParseInt(flag, v));
      options.threads = static_cast<int>(n);
    } else if (flag == "--tables") {
      ASSIGN_OR_RAISE(std::string v, value());
      size_t pos = 0;
      while (pos <= v.size()) {
        size_t comma = v.find(',', pos);
        if (comma == std::string::npos) comma = v.size();
        std::string_view name(v.data() + pos, comma - pos);
        if (!name.empty()) {
          ASSIGN_OR_RAISE(tpch::Table t, tpch::ParseTableName(name));
          options.tables.push_back(t);
        }
        pos = comma + 1;
      }
    } else {
      return Status::InvalidArgument("unknown option \"" + flag + "\"");
    }
  }
  if (!have_scale) return Status::InvalidArgument("--scale-factor is required");
  if (options.output_dir.empty()) return Status::InvalidArgument("--output is required");
  return options;
}

int RunGen(const std::vector<std::string>& args) {
  Result<tpch::GenerateOptions> options = ParseGenOptions(args);
  if (!options.ok()) {
    std::fprintf(stderr, "ballista-tpch gen: %s\n%s", options.status().ToString().c_str(), kUsage);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  Result<tpch::GenerateSummary> summary = tpch::GenerateTables(*options);
  if (!summary.ok()) {
    std::fprintf(stderr, "ballista-tpch gen: %s\n", summary.status().ToString().c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "ballista-tpch gen: wrote %zu files, %lld bytes in %.2f s\n",
               summary->files.size(), static_cast<long long>(summary->bytes), seconds);
  return 0;
}

Result<tpch::BenchOptions> ParseBenchOptions(const std::vector<std::string>& args, const char* argv0) {
  tpch::BenchOptions options;
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  options.bin_dir = (ec ? std::filesystem::absolute(argv0) : self).parent_path().string();
  options.official_answers_dir = BALLISTA_SHARED_DIR "/testdata/tpch/answers-sf1";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    auto value = [&]() -> Result<std::string> {
      if (i + 1 >= args.size()) return Status::InvalidArgument(flag + ": missing value");
      return args[++i];
    };
    if (flag == "--path") {
      ASSIGN_OR_RAISE(options.data_dir, value());
    } else if (flag == "--format") {
      ASSIGN_OR_RAISE(options.format, value());
    } else if (flag == "--query") {
      ASSIGN_OR_RAISE(std::string v, value());
      if (v != "all") {
        size_t pos = 0;
        while (pos <= v.size()) {
          size_t comma = v.find(',', pos);
          if (comma == std::string::npos) comma = v.size();
          ASSIGN_OR_RAISE(int64_t q, ParseInt(flag, v.substr(pos, comma - pos)));
          if (q < 1 || q > 22) return Status::InvalidArgument("--query: TPC-H has queries 1 to 22, not " + std::to_string(q));
          options.queries.push_back(static_cast<int>(q));
          pos = comma + 1;
        }
      }
    } else if (flag == "--iterations") {
      ASSIGN_OR_RAISE(std::string v, value());
      ASSIGN_OR_RAISE(int64_t n, ParseInt(flag, v));
      options.iterations = static_cast<int>(n);
    } else if (flag == "--local") {
      options.mode = tpch::BenchMode::kLocal;
    } else if (flag == "--standalone") {
      options.mode = tpch::BenchMode::kStandalone;
    } else if (flag == "--host") {
      ASSIGN_OR_RAISE(options.host, value());
      options.mode = tpch::BenchMode::kCluster;
    } else if (flag == "--port") {
      ASSIGN_OR_RAISE(std::string v, value());
      ASSIGN_OR_RAISE(int64_t n, ParseInt(flag, v));
      options.port = static_cast<int>(n);
      options.mode = tpch::BenchMode::kCluster;
    } else if (flag == "--cluster") {
      ASSIGN_OR_RAISE(std::string v, value());
      ASSIGN_OR_RAISE(int64_t n, ParseInt(flag, v));
      options.executors = static_cast<int>(n);
      options.mode = tpch::BenchMode::kLocalCluster;
    } else if (flag == "--scheduler-policy") {
      ASSIGN_OR_RAISE(options.scheduler_policy, value());
      if (options.scheduler_policy != "push-staged" && options.scheduler_policy != "pull-staged") {
        return Status::InvalidArgument("--scheduler-policy: expected push-staged or pull-staged");
      }
    } else if (flag == "--vcores") {
      ASSIGN_OR_RAISE(std::string v, value());
      ASSIGN_OR_RAISE(int64_t n, ParseInt(flag, v));
      options.vcores = static_cast<int>(n);
    } else if (flag == "--output-json") {
      ASSIGN_OR_RAISE(options.output_json, value());
    } else if (flag == "--verify") {
      options.verify = true;
    } else if (flag == "--answers") {
      ASSIGN_OR_RAISE(options.answers_dir, value());
    } else if (flag == "--set") {
      ASSIGN_OR_RAISE(std::string v, value());
      const size_t eq = v.find('=');
      if (eq == std::string::npos || eq == 0) {
        return Status::InvalidArgument("--set: expected KEY=VALUE, got \"" + v + "\"");
      }
      options.settings.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else {
      return Status::InvalidArgument("unknown option \"" + flag + "\"");
    }
  }
  if (options.data_dir.empty()) return Status::InvalidArgument("--path is required");
  return options;
}

int RunBench(const std::vector<std::string>& args, const char* argv0) {
  Result<tpch::BenchOptions> options = ParseBenchOptions(args, argv0);
  if (!options.ok()) {
    std::fprintf(stderr, "ballista-tpch bench: %s\n%s", options.status().ToString().c_str(), kUsage);
    return 2;
  }
  Result<tpch::BenchReport> report = tpch::RunBench(*options, std::cout);
  if (!report.ok()) {
    std::fprintf(stderr, "ballista-tpch bench: %s\n", report.status().ToString().c_str());
    return 1;
  }
  if (!options->output_json.empty()) {
    std::ofstream out(options->output_json);
    out << tpch::BenchReportJson(*report);
    if (!out) {
      std::fprintf(stderr, "ballista-tpch bench: cannot write %s\n", options->output_json.c_str());
      return 1;
    }
  }
  return report->ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "gen") return RunGen({args.begin() + 1, args.end()});
  if (args[0] == "bench") return RunBench({args.begin() + 1, args.end()}, argv[0]);
  std::fprintf(stderr, "ballista-tpch: unknown command \"%s\"\n%s", args[0].c_str(), kUsage);
  return 2;
}
