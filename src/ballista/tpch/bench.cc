#include "ballista/tpch/bench.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "ballista/arrow/pretty_print.h"
#include "ballista/client/local_cluster.h"
#include "ballista/client/session_context.h"
#include "ballista/common/json.h"
#include "ballista/tpch/answers.h"
#include "ballista/tpch/queries.h"
#include "ballista/tpch/schema.h"

namespace ballista::tpch {
namespace {

namespace fs = std::filesystem;

/// The file or folder holding `table` in `format` under `dir`.
Result<std::string> TableLocation(const std::string& dir, Table table, const std::string& format) {
  const std::string name(TableName(table));
  std::vector<fs::path> candidates;
  if (format == "parquet") {
    candidates = {fs::path(dir) / (name + ".parquet"), fs::path(dir) / name};
  } else {
    candidates = {fs::path(dir) / (name + "." + format)};
  }
  for (const fs::path& p : candidates) {
    if (fs::exists(p)) return p.string();
  }
  return Status::NotFound(candidates.front().string() + ": no " + format + " data for table " + name +
                          " (generate it with: ballista-tpch gen --format " + format + " --output " + dir + ")");
}

std::string SqlQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

Status RegisterTables(session::SessionContext& context, const BenchOptions& options) {
  for (Table table : kAllTables) {
    ASSIGN_OR_RAISE(std::string location, TableLocation(options.data_dir, table, options.format));
    std::string ddl = "CREATE EXTERNAL TABLE " + std::string(TableName(table));
    if (options.format == "parquet") {
      ddl += " STORED AS PARQUET";
    } else {
      ddl += " (" + TableColumnDefinitions(table) + ") STORED AS CSV";
    }
    ddl += " LOCATION " + SqlQuote(location);
    ASSIGN_OR_RAISE(auto frame, context.Sql(ddl));
    ASSIGN_OR_RAISE(auto ignored, frame.Collect());
    (void)ignored;
  }
  return Status::OK();
}

Result<double> DetectScaleFactor(session::SessionContext& context) {
  ASSIGN_OR_RAISE(auto frame, context.Sql("SELECT count(*) FROM supplier"));
  ASSIGN_OR_RAISE(auto batches, frame.Collect());
  for (const auto& batch : batches) {
    if (batch->num_rows() > 0) {
      const double suppliers = std::stod(arrow::FormatValue(*batch->column_data(0), 0));
      return suppliers / 10000.0;  // 10,000 suppliers per unit of scale (TPC-H 4.2.5)
    }
  }
  return Status::InvalidData("the supplier table is empty");
}

/// The folder holding the expected answers, or an error saying why there is none.
Result<std::string> AnswersDir(const BenchOptions& options, double scale_factor, bool* official) {
  *official = false;
  if (!options.answers_dir.empty()) return options.answers_dir;
  const fs::path beside = fs::path(options.data_dir) / "answers";
  if (fs::exists(beside / "q1.out")) return beside.string();
  if (std::fabs(scale_factor - 1.0) < 1e-9 && !options.official_answers_dir.empty() &&
      fs::exists(fs::path(options.official_answers_dir) / "q1.out")) {
    *official = true;
    return options.official_answers_dir;
  }
  return Status::NotFound("--verify: no answers for scale factor " + std::to_string(scale_factor) + " in " +
                          beside.string() + "; write DuckDB's with: node bench/tpch/duckdb.mjs answers " +
                          options.data_dir + " " + options.format);
}

Result<std::unique_ptr<session::SessionContext>> OpenContext(const BenchOptions& options,
                                                              std::unique_ptr<client::LocalCluster>* cluster) {
  session::SessionConfig config;
  if (options.vcores > 0 && options.mode == BenchMode::kLocal) {
    RETURN_NOT_OK(config.Set("execution.target_partitions", std::to_string(options.vcores)));
  }
  for (const auto& [key, value] : options.settings) RETURN_NOT_OK(config.Set(key, value));
  switch (options.mode) {
    case BenchMode::kLocal:
      return std::make_unique<session::SessionContext>(config);
    case BenchMode::kStandalone: {
      StandaloneOptions standalone;
      standalone.vcores_per_executor = options.vcores;
      standalone.scheduler_policy = options.scheduler_policy;
      ASSIGN_OR_RAISE(auto context, ballista::SessionContext::Standalone(config, standalone));
      return std::unique_ptr<session::SessionContext>(new ballista::SessionContext(std::move(context)));
    }
    case BenchMode::kCluster: {
      ASSIGN_OR_RAISE(auto context, ballista::SessionContext::Remote(
                                        "df://" + options.host + ":" + std::to_string(options.port), config));
      return std::unique_ptr<session::SessionContext>(new ballista::SessionContext(std::move(context)));
    }
    case BenchMode::kLocalCluster: {
      client::LocalCluster::Options cluster_options;
      cluster_options.bin_dir = options.bin_dir;
      cluster_options.executors = options.executors;
      cluster_options.policy = options.scheduler_policy;
      cluster_options.vcores = options.vcores > 0 ? options.vcores
                                                  : std::max(1, static_cast<int>(std::thread::hardware_concurrency()) /
                                                                    std::max(1, options.executors));
      ASSIGN_OR_RAISE(*cluster, client::LocalCluster::Start(cluster_options));
      ASSIGN_OR_RAISE(auto context, ballista::SessionContext::Remote((*cluster)->url(), config));
      return std::unique_ptr<session::SessionContext>(new ballista::SessionContext(std::move(context)));
    }
  }
  return Status::InvalidArgument("unknown mode");
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::string RunCommand(const std::string& command) {
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buf[256];
    while (std::fgets(buf, sizeof(buf), pipe)) out += buf;
    pclose(pipe);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      size_t colon = line.find(':');
      if (colon != std::string::npos) return line.substr(colon + 2);
    }
  }
  return "unknown";
}

}  // namespace

std::string_view BenchModeName(BenchMode mode) {
  switch (mode) {
    case BenchMode::kLocal:
      return "local";
    case BenchMode::kStandalone:
      return "standalone";
    case BenchMode::kCluster:
      return "cluster";
    case BenchMode::kLocalCluster:
      return "local-cluster";
  }
  return "?";
}

bool BenchReport::ok() const {
  return std::all_of(queries.begin(), queries.end(), [](const QueryResult& q) { return q.error.empty(); });
}

Result<BenchReport> RunBench(const BenchOptions& options, std::ostream& log) {
  if (options.format != "parquet" && options.format != "csv" && options.format != "tbl") {
    return Status::InvalidArgument("--format: expected parquet, csv or tbl, got \"" + options.format + "\"");
  }
  if (options.iterations < 1) return Status::InvalidArgument("--iterations must be at least 1");
  std::unique_ptr<client::LocalCluster> cluster;
  ASSIGN_OR_RAISE(auto context, OpenContext(options, &cluster));
  RETURN_NOT_OK(RegisterTables(*context, options));

  BenchReport report;
  report.mode = std::string(BenchModeName(options.mode));
  if (options.mode == BenchMode::kStandalone || options.mode == BenchMode::kLocalCluster) {
    report.mode += " (" + options.scheduler_policy + ")";
  }
  report.format = options.format;
  report.vcores = options.vcores;
  ASSIGN_OR_RAISE(report.scale_factor, DetectScaleFactor(*context));

  std::string answers_dir;
  bool official = false;
  if (options.verify) {
    ASSIGN_OR_RAISE(answers_dir, AnswersDir(options, report.scale_factor, &official));
    log << "verifying against " << answers_dir << "\n";
  }

  std::vector<int> queries = options.queries;
  if (queries.empty()) {
    for (int q = 1; q <= 22; ++q) queries.push_back(q);
  }
  for (int q : queries) {
    QueryResult result;
    result.query = q;
    ASSIGN_OR_RAISE(std::string_view sql, TpchQuery(q));
    std::vector<arrow::RecordBatchPtr> last;
    for (int i = 0; i < options.iterations && result.error.empty(); ++i) {
      const auto start = std::chrono::steady_clock::now();
      Result<std::vector<arrow::RecordBatchPtr>> batches = context->SqlCollect(sql);
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      if (!batches.ok()) {
        result.error = batches.status().ToString();
        break;
      }
      result.times_ms.push_back(ms);
      last = std::move(*batches);
    }
    if (result.error.empty()) {
      result.min_ms = *std::min_element(result.times_ms.begin(), result.times_ms.end());
      result.median_ms = Median(result.times_ms);
      for (const auto& batch : last) result.rows += batch->num_rows();
      if (options.verify) {
        const std::string path = answers_dir + "/q" + std::to_string(q) + ".out";
        Result<ExpectedAnswer> expected = ReadAnswerFile(path);
        if (!expected.ok()) {
          result.error = expected.status().ToString();
        } else {
          if (official && q == 17 && expected->rows.size() == 1 && !expected->rows[0].empty()) {
            // dbgen's answers/q17.out says 348406.02, 0.034 below the exact value 348406.054...
            // (sum(l_extendedprice) / 7.0 over the qualifying rows); the issue asks for the exact
            // value, which DuckDB gives as well.
            expected->rows[0][0] = "348406.05";
          }
          Status check = CheckAnswer(last, *expected);
          if (check.ok()) {
            result.verified = true;
          } else {
            result.error = "wrong answer: " + check.message();
          }
        }
      }
    }
    char line[256];
    if (result.error.empty()) {
      std::snprintf(line, sizeof(line), "Q%02d  min %10.1f ms  median %10.1f ms  rows %8lld%s\n", q, result.min_ms,
                    result.median_ms, static_cast<long long>(result.rows), result.verified ? "  verified" : "");
      log << line;
    } else {
      std::snprintf(line, sizeof(line), "Q%02d  FAILED: ", q);
      log << line << result.error << "\n";
    }
    log.flush();
    report.queries.push_back(std::move(result));
  }
  double total_min = 0, total_median = 0;
  for (const auto& q : report.queries) {
    total_min += q.min_ms;
    total_median += q.median_ms;
  }
  char line[160];
  std::snprintf(line, sizeof(line), "total  min %10.1f ms  median %10.1f ms  (%s, %s, SF %g)\n", total_min,
                total_median, report.mode.c_str(), report.format.c_str(), report.scale_factor);
  log << line;
  if (cluster) cluster->Stop();
  return report;
}

std::string BenchReportJson(const BenchReport& report) {
  std::string out = "{\n";
  auto field = [&](const std::string& key, const std::string& json_value, bool last = false) {
    out += "  ";
    json::AppendQuoted(key, &out);
    out += ": " + json_value + (last ? "\n" : ",\n");
  };
  auto quoted = [](const std::string& s) {
    std::string q;
    json::AppendQuoted(s, &q);
    return q;
  };
  char host[256] = {0};
  ::gethostname(host, sizeof(host) - 1);
  std::string machine = "{\"hostname\": " + quoted(host) + ", \"cpu\": " + quoted(CpuModel()) +
                        ", \"cores\": " + std::to_string(std::thread::hardware_concurrency()) + "}";
  field("machine", machine);
  char sf[32];
  std::snprintf(sf, sizeof(sf), "%g", report.scale_factor);
  field("scale_factor", sf);
  field("mode", quoted(report.mode));
  field("format", quoted(report.format));
  field("vcores", std::to_string(report.vcores));
  std::string commit = RunCommand("git -C " BALLISTA_SOURCE_DIR " rev-parse --short HEAD 2>/dev/null");
  field("git_commit", quoted(commit.empty() ? "unknown" : commit));
  std::time_t now = std::time(nullptr);
  char date[32];
  std::strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  field("date", quoted(date));
  std::string queries = "[\n";
  for (size_t i = 0; i < report.queries.size(); ++i) {
    const QueryResult& q = report.queries[i];
    char buf[256];
    std::snprintf(buf, sizeof(buf), "    {\"query\": %d, \"min_ms\": %.3f, \"median_ms\": %.3f, \"rows\": %lld, \"verified\": %s",
                  q.query, q.min_ms, q.median_ms, static_cast<long long>(q.rows), q.verified ? "true" : "false");
    queries += buf;
    if (!q.error.empty()) queries += ", \"error\": " + quoted(q.error);
    queries += i + 1 < report.queries.size() ? "},\n" : "}\n";
  }
  queries += "  ]";
  field("queries", queries, true);
  return out + "}\n";
}

}  // namespace ballista::tpch
