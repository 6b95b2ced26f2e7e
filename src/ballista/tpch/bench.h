#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "ballista/common/result.h"

namespace ballista::tpch {

/// Where the benchmark's queries run.
enum class BenchMode {
  kLocal,       ///< the in-process engine
  kStandalone,  ///< a scheduler and an executor inside this process (real gRPC and Flight)
  kCluster,     ///< an existing cluster at host:port
  kLocalCluster ///< a scheduler and N executor processes started for the run (LocalCluster)
};

/// "local", "standalone", "cluster", "local-cluster".
std::string_view BenchModeName(BenchMode mode);

struct BenchOptions {
  std::string data_dir;
  std::string format = "parquet";  ///< parquet | csv | tbl
  std::vector<int> queries;        ///< empty: all 22
  int iterations = 3;
  BenchMode mode = BenchMode::kLocal;
  std::string host = "localhost";
  int port = 50050;
  int executors = 2;  ///< kLocalCluster
  std::string scheduler_policy = "push-staged";  ///< kStandalone, kLocalCluster: or pull-staged
  int vcores = 0;     ///< 0: every core (local: target partitions; cluster: per executor)
  std::string bin_dir;  ///< kLocalCluster: where ballista-scheduler/-executor are
  std::string output_json;
  /// Session settings (key, value) applied before the run (`--set key=value`).
  std::vector<std::pair<std::string, std::string>> settings;
  bool verify = false;
  /// Where the expected answers are (qN.out). Empty: <data_dir>/answers when present, else the
  /// official SF 1 answers (answers-sf1) when the data is SF 1.
  std::string answers_dir;
  /// The official answers shipped with the test data (used at SF 1).
  std::string official_answers_dir;
};

struct QueryResult {
  int query = 0;
  std::vector<double> times_ms;
  double min_ms = 0;
  double median_ms = 0;
  int64_t rows = 0;
  bool verified = false;  ///< checked and matching (only with --verify)
  std::string error;      ///< a failed run or a wrong answer
};

struct BenchReport {
  double scale_factor = 0;
  std::string mode;
  std::string format;
  int vcores = 0;
  std::vector<QueryResult> queries;
  bool ok() const;
};

/// Registers the eight tables of `options.data_dir`, runs each query `iterations` times (timing
/// from submitting the SQL to holding every result batch) and, with `verify`, checks every
/// answer. Progress goes to `log`, one line per query. An error only for a setup failure (no
/// data, no cluster); query failures and wrong answers are in the report.
Result<BenchReport> RunBench(const BenchOptions& options, std::ostream& log);

/// The report as JSON: machine, scale factor, mode, format, git commit, date and `queries`, a
/// list of {"query", "min_ms", "median_ms", "rows", ...}.
std::string BenchReportJson(const BenchReport& report);

}  // namespace ballista::tpch
