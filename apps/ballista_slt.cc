// ballista-slt: runs sqllogictest files (tests/sql/**/*.slt) against the engine.
//   ballista-slt [--mode local|standalone|cluster] [--batch-size N] [--optimizer off]
//                [--complete-with-duckdb]
//                FILE_OR_DIR...
// --complete-with-duckdb fills in the expected results of every query record from DuckDB (npm
// @duckdb/node-api), never from this engine, and rewrites the files.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "ballista/common/json.h"
#include "ballista/client/local_cluster.h"
#include "ballista/client/session_context.h"
#include "ballista/session/session_context.h"
#include "ballista/session/slt_runner.h"

namespace fs = std::filesystem;
using namespace ballista;

namespace {

std::vector<std::string> CollectFiles(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  for (const auto& arg : args) {
    if (fs::is_directory(arg)) {
      for (const auto& entry : fs::recursive_directory_iterator(arg)) {
        if (entry.is_regular_file() && entry.path().extension() == ".slt") files.push_back(entry.path().string());
      }
    } else {
      files.push_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string JsonEscape(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

/// Runs the file's records in DuckDB through tests/sql/duckdb_complete.mjs and rewrites the
/// expected results. Returns false on failure.
bool CompleteWithDuckDb(const std::string& file, const std::string& script) {
  auto records = session::ParseSltFile(file);
  if (!records.ok()) {
    std::cerr << records.status().message() << "\n";
    return false;
  }
  std::string input = "[";
  for (size_t i = 0; i < records->size(); ++i) {
    const auto& r = (*records)[i];
    bool query = r.kind == session::SltRecord::Kind::kQuery;
    input += (i ? "," : "") + std::string("{\"sql\":") + JsonEscape(r.sql) + ",\"query\":" +
             (query ? "true" : "false") + ",\"types\":" + JsonEscape(r.types) + "}";
  }
  input += "]";
  fs::path tmp = fs::temp_directory_path() / ("slt_records_" + std::to_string(::getpid()) + ".json");
  std::ofstream(tmp) << input;
  std::string command = "node " + script + " " + tmp.string();
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  if (pipe) {
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) output.append(buf, n);
    pclose(pipe);
  }
  fs::remove(tmp);
  auto parsed = json::Parse(output);
  if (!parsed.ok() || !parsed->IsArray()) {
    std::cerr << file << ": DuckDB did not answer (is node with @duckdb/node-api installed?)\n";
    return false;
  }
  std::vector<std::vector<std::string>> results;
  const auto& outcomes = parsed->array();
  for (size_t i = 0; i < records->size() && i < outcomes.size(); ++i) {
    const auto& r = (*records)[i];
    const json::Value& o = outcomes[i];
    const json::Value* ok = o.Get("ok");
    if (r.kind == session::SltRecord::Kind::kQuery) {
      if (!ok || !ok->AsBool()) {
        const json::Value* error = o.Get("error");
        std::cerr << r.file << ":" << r.line << ": DuckDB failed: " << (error ? error->AsString() : "") << "\n";
        return false;
      }
      std::vector<std::string> rows;
      for (const auto& row : o.Get("rows")->array()) rows.push_back(row.AsString());
      results.push_back(session::SortRows(rows, r.sort_mode));
    } else if (r.kind == session::SltRecord::Kind::kStatementOk && (!ok || !ok->AsBool())) {
      std::cerr << r.file << ":" << r.line << ": DuckDB failed a 'statement ok' record\n";
    }
  }
  auto status = session::WriteCompletedSlt(file, results);
  if (!status.ok()) {
    std::cerr << status.message() << "\n";
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> paths;
  std::string mode = "local";
  bool complete = false;
  session::SessionConfig base;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--mode" && i + 1 < argc) {
      mode = argv[++i];
    } else if (arg == "--batch-size" && i + 1 < argc) {
      auto status = base.Set("execution.batch_size", argv[++i]);
      if (!status.ok()) {
        std::cerr << status.message() << "\n";
        return 2;
      }
    } else if (arg == "--optimizer" && i + 1 < argc) {
      std::string v = argv[++i];
      base.optimizer_enabled = v != "off";
    } else if (arg == "--complete-with-duckdb") {
      complete = true;
    } else if (arg == "-h" || arg == "--help") {
      std::cout << "usage: ballista-slt [--mode local] [--batch-size N] [--optimizer on|off] "
                   "[--complete-with-duckdb] FILE_OR_DIR...\n";
      return 0;
    } else {
      paths.push_back(arg);
    }
  }
  if (mode != "local" && mode != "standalone" && mode != "cluster") {
    std::cerr << "--mode is local, standalone or cluster, not '" << mode << "'\n";
    return 2;
  }
  std::vector<std::string> files = CollectFiles(paths);
  if (files.empty()) {
    std::cerr << "no .slt files given\n";
    return 2;
  }
  if (complete) {
    fs::path script = fs::path(argv[0]).parent_path() / "../../tests/sql/duckdb_complete.mjs";
    if (const char* env = std::getenv("BALLISTA_SOURCE_DIR")) script = fs::path(env) / "tests/sql/duckdb_complete.mjs";
    bool ok = true;
    for (const auto& f : files) ok = CompleteWithDuckDb(f, script.string()) && ok;
    return ok ? 0 : 1;
  }
  // cluster: a scheduler and two executor processes on loopback, shared by every file (each file
  // gets its own session); standalone: an in-process cluster per file.
  std::unique_ptr<client::LocalCluster> cluster;
  if (mode == "cluster") {
    client::LocalCluster::Options options;
    options.bin_dir = fs::absolute(fs::path(argv[0])).parent_path().string();
    options.executors = 2;
    options.vcores = 2;
    auto started = client::LocalCluster::Start(options);
    if (!started.ok()) {
      std::cerr << "cannot start the cluster: " << started.status().message() << "\n";
      return 1;
    }
    cluster = std::move(*started);
  }
  std::vector<std::string> labels = {"ballista", mode == "local" ? "local" : "distributed", mode};
  int failures = 0, queries = 0, records = 0;
  for (const auto& file : files) {
    auto parsed = session::ParseSltFile(file);
    if (!parsed.ok()) {
      std::cerr << parsed.status().message() << "\n";
      ++failures;
      continue;
    }
    Result<ballista::SessionContext> made = ballista::SessionContext(base);
    if (mode == "standalone") made = ballista::SessionContext::Standalone(base);
    if (mode == "cluster") made = ballista::SessionContext::Remote(cluster->url(), base);
    if (!made.ok()) {
      std::cerr << file << ": cannot create a " << mode << " context: " << made.status().message() << "\n";
      ++failures;
      continue;
    }
    ballista::SessionContext context = std::move(*made);
    session::SltEngine engine = [&](const std::string& sql) { return context.SqlCollect(sql); };
    auto result = session::RunSltRecords(*parsed, engine, std::cerr, labels);
    failures += result.failures;
    queries += result.queries;
    records += result.records;
  }
  std::cout << files.size() << " files, " << records << " records (" << queries << " queries), "
            << failures << " failures\n";
  return failures == 0 ? 0 : 1;
}
