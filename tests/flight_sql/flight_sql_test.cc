// Arrow Flight SQL against a real cluster (ballista-scheduler with --auth-user and
// --auth-password-file, 2 ballista-executor processes on OS-picked ports): the standard-parts
// client tests/interop/flight_sql_client.mjs (@grpc/grpc-js, @grpc/proto-loader, protobufjs,
// apache-arrow) authenticates, creates the TPC-H SF 0.01 tables with CommandStatementUpdate, runs
// the metadata commands, bad SQL, prepared statements with parameters, cancellation (an abandoned
// GetFlightInfo cancels its job, checked through the REST API) and the 22
// TPC-H queries, and checks each answer against DuckDB (@duckdb/node-api) on the same files.
// Skips (saying why) without node, the npm packages or the data, unless BALLISTA_REQUIRE_INTEROP
// or CI is set, in which case that is a failure.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "../sql/tpch_queries.h"
#include "ballista/client/local_cluster.h"
#include "ballista/common/json.h"

namespace ballista::client {
namespace {

namespace fs = std::filesystem;

std::string TpchDir() { return std::string(BALLISTA_SHARED_DIR) + "/testdata/tpch/sf0.01-dbgen"; }

/// Why the node client cannot run here, or empty when it can.
std::string UnavailableReason() {
  if (std::system("command -v node > /dev/null 2>&1") != 0) {
    return "the `node` executable is not on PATH";
  }
  for (const char* package :
       {"@grpc/grpc-js", "@grpc/proto-loader", "protobufjs", "apache-arrow", "@duckdb/node-api"}) {
    if (!fs::exists(fs::path(BALLISTA_SOURCE_DIR) / "node_modules" / package / "package.json")) {
      return std::string("node_modules/") + package + " is missing (run `npm ci` at the root)";
    }
  }
  if (!fs::exists(TpchDir())) {
    return "no TPC-H data at " + TpchDir();
  }
  return "";
}


/// Runs the node client against a fresh cluster; `user` "-" starts the scheduler without
/// authentication. Returns after checking the client's exit status and summary line.
void RunClient(const std::string& user) {
  std::string reason = UnavailableReason();
  if (!reason.empty()) {
    if (std::getenv("BALLISTA_REQUIRE_INTEROP") != nullptr || std::getenv("CI") != nullptr) {
      FAIL() << "Flight SQL interop cannot run: " << reason;
    }
    GTEST_SKIP() << "Flight SQL interop skipped: " << reason;
  }
  fs::path dir = fs::temp_directory_path() / ("flight_sql_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string password = "s3cret pass";
  {
    std::ofstream(dir / "password") << password << "\n";
    std::ofstream queries(dir / "queries.json");
    queries << "[";
    for (size_t q = 0; q < 22; ++q) {
      std::string quoted;
      json::AppendQuoted(sql::testing::kTpchQueries[q], &quoted);
      queries << (q ? "," : "") << quoted;
    }
    queries << "]";
  }
  LocalCluster::Options options;
  options.bin_dir = std::string(BALLISTA_BINARY_DIR) + "/bin";
  options.executors = 2;
  options.vcores = 2;
  if (user != "-") {
    options.scheduler_args = {"--auth-user", user, "--auth-password-file",
                              (dir / "password").string()};
  }
  auto cluster = LocalCluster::Start(options);
  ASSERT_TRUE(cluster.ok()) << cluster.status().ToString();

  std::string command = "timeout 480 node '" + std::string(BALLISTA_SOURCE_DIR) +
                        "/tests/interop/flight_sql_client.mjs' 127.0.0.1 " +
                        std::to_string((*cluster)->scheduler_port()) + " '" + user + "' '" +
                        password + "' '" + TpchDir() + "' '" + (dir / "queries.json").string() +
                        "' " + std::to_string((*cluster)->http_port()) + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char chunk[4096];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof(chunk), pipe)) > 0) {
    output.append(chunk, n);
  }
  int status = pclose(pipe);
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  (*cluster)->Stop();
  fs::remove_all(dir);
  std::cout << output;
  EXPECT_EQ(code, 0) << "flight_sql_client.mjs failed (exit " << code << "):\n" << output;
  EXPECT_NE(output.find("all Flight SQL checks passed"), std::string::npos);
}

TEST(FlightSqlTest, StandardClientAgainstClusterMatchesDuckDb) { RunClient("alice"); }

TEST(FlightSqlTest, WithoutAuthenticationCallsNeedNoCredentials) { RunClient("-"); }

}  // namespace
}  // namespace ballista::client
