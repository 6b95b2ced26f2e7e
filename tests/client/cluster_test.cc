// A real cluster of processes on loopback (ballista-scheduler + 2 ballista-executor, started by
// client::LocalCluster): TPC-H answers equal DuckDB's in both scheduling policies, an executor
// killed with SIGKILL in the middle of Q9 and Q18 does not change the answer (and tasks really
// ran again), cancelling frees every vcore within 2 seconds, and finished jobs' shuffle
// directories are removed after the clean-up interval.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <thread>

#include "../sql/tpch_oracle.h"
#include "ballista/client/local_cluster.h"
#include "ballista/client/session_context.h"

namespace ballista::client {
namespace {

using namespace ballista::tpch_testing;
namespace fs = std::filesystem;

std::string BinDir() { return std::string(BALLISTA_BINARY_DIR) + "/bin"; }

std::unique_ptr<LocalCluster> StartCluster(const std::string& policy, std::vector<std::string> scheduler_args = {},
                                           std::vector<std::string> executor_args = {}) {
  LocalCluster::Options options;
  options.bin_dir = BinDir();
  options.executors = 2;
  options.vcores = 2;
  options.policy = policy;
  options.scheduler_args = std::move(scheduler_args);
  options.executor_args = std::move(executor_args);
  auto cluster = LocalCluster::Start(options);
  EXPECT_TRUE(cluster.ok()) << cluster.status().ToString();
  return cluster.ok() ? std::move(*cluster) : nullptr;
}

ballista::SessionContext Connect(const LocalCluster& cluster, const std::string& data_dir) {
  auto context = ballista::SessionContext::Remote(cluster.url());
  EXPECT_TRUE(context.ok()) << context.status().ToString();
  for (const auto& ddl : TpchTableDdl(data_dir)) {
    auto created = context->Sql(ddl);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
  }
  return std::move(*context);
}

std::string HttpGet(int port, const std::string& path) {
  httplib::Client http("127.0.0.1", port);
  http.set_connection_timeout(2);
  http.set_read_timeout(5);
  auto res = http.Get(path);
  if (!res) return "error: " + httplib::to_string(res.error());
  if (res->status != 200) return "HTTP " + std::to_string(res->status) + ": " + res->body;
  return res->body;
}

double Metric(int port, const std::string& name) {
  std::string text = HttpGet(port, "/metrics");
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name + " ", 0) == 0) return std::atof(line.c_str() + name.size() + 1);
  }
  return -1;
}

void CheckAllQueries(const std::string& policy) {
  if (!fs::exists(SharedTpchDir())) GTEST_SKIP() << "no TPC-H data";
  auto answers = DuckDbTpchAnswers(SharedTpchDir());
  ASSERT_EQ(answers.size(), 22u) << "DuckDB (node @duckdb/node-api) is needed for the expected answers";
  auto cluster = StartCluster(policy);
  ASSERT_TRUE(cluster);
  auto ctx = Connect(*cluster, SharedTpchDir());
  for (size_t q = 0; q < 22; ++q) {
    auto batches = ctx.SqlCollect(sql::testing::kTpchQueries[q]);
    ASSERT_TRUE(batches.ok()) << "Q" << q + 1 << ": " << batches.status().ToString();
    auto rows = session::RenderRows(*batches, "");
    EXPECT_TRUE(TpchAnswerMatches(rows, answers[q])) << "Q" << q + 1 << " differs from DuckDB";
  }
  EXPECT_GT(Metric(cluster->http_port(), "ballista_jobs_completed_total"), 21);
}

TEST(ClusterTest, TpchMatchesDuckDbPushStaged) { CheckAllQueries("push-staged"); }

TEST(ClusterTest, TpchMatchesDuckDbPullStaged) { CheckAllQueries("pull-staged"); }

/// Kills executor 0 once the query's job has finished some tasks, and checks the answer.
void KillExecutorDuring(int query_number) {
  if (!fs::exists(SharedTpchDir())) GTEST_SKIP() << "no TPC-H data";
  auto answers = DuckDbTpchAnswers(SharedTpchDir());
  ASSERT_EQ(answers.size(), 22u);
  auto cluster = StartCluster("push-staged",
                              {"--executor-timeout-seconds", "2", "--expire-dead-executor-interval-seconds", "1"},
                              {"--executor-heartbeat-interval-seconds", "1"});
  ASSERT_TRUE(cluster);
  auto ctx = Connect(*cluster, SharedTpchDir());
  // Small batches and more shuffle partitions make the query run long enough to be hit.
  ASSERT_TRUE(ctx.Sql("SET execution.batch_size = 16").ok());
  ASSERT_TRUE(ctx.Sql("SET ballista.shuffle.partitions = 8").ok());
  auto running = std::async(std::launch::async, [&] {
    return ctx.SqlCollect(sql::testing::kTpchQueries[query_number - 1]);
  });
  // Wait (bounded) until some task of the job is done, then kill an executor.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool killed = false;
  while (std::chrono::steady_clock::now() < deadline) {
    std::string jobs = HttpGet(cluster->http_port(), "/api/jobs");
    if (jobs.find("\"status\":\"Running\"") != std::string::npos && jobs.find("\"tasks_done\":0") == std::string::npos) {
      kill(cluster->executor_pids()[0], SIGKILL);
      killed = true;
      break;
    }
    if (running.wait_for(std::chrono::milliseconds(5)) == std::future_status::ready) break;
  }
  ASSERT_TRUE(running.wait_for(std::chrono::seconds(120)) == std::future_status::ready) << "query hung";
  auto batches = running.get();
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  EXPECT_TRUE(killed) << "the query finished before an executor could be killed";
  auto rows = session::RenderRows(*batches, "");
  EXPECT_TRUE(TpchAnswerMatches(rows, answers[static_cast<size_t>(query_number - 1)]))
      << "Q" << query_number << " differs from DuckDB after an executor was killed";
  if (killed) {
    EXPECT_GT(Metric(cluster->http_port(), "ballista_tasks_rerun_total"), 0);
  }
}

TEST(ClusterTest, ExecutorKilledDuringQ9) { KillExecutorDuring(9); }

TEST(ClusterTest, ExecutorKilledDuringQ18) { KillExecutorDuring(18); }

TEST(ClusterTest, CancelFreesEveryVcoreWithinTwoSeconds) {
  auto cluster = StartCluster("push-staged");
  ASSERT_TRUE(cluster);
  auto ctx = ballista::SessionContext::Remote(cluster->url());
  ASSERT_TRUE(ctx.ok());
  // Minutes of streaming work spread over all 4 vcores.
  auto running = std::async(std::launch::async, [&] {
    return ctx->SqlCollect("SELECT count(*) FROM generate_series(1, 100000000000) t(x) WHERE x % 7 = 3");
  });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::string job_id;
  while (job_id.empty() && std::chrono::steady_clock::now() < deadline) {
    std::string jobs = HttpGet(cluster->http_port(), "/api/jobs");
    size_t at = jobs.find("\"status\":\"Running\"");
    size_t id = jobs.rfind("\"job_id\":\"", at);
    if (at != std::string::npos && id != std::string::npos) {
      job_id = jobs.substr(id + 10, jobs.find('"', id + 10) - id - 10);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ASSERT_FALSE(job_id.empty()) << "the job never started running";
  httplib::Client http("127.0.0.1", cluster->http_port());
  auto cancelled_at = std::chrono::steady_clock::now();
  auto res = http.Patch(("/api/job/" + job_id).c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  ASSERT_TRUE(running.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
  auto result = running.get();
  EXPECT_FALSE(result.ok());
  // Every vcore free again within 2 seconds of the cancel.
  bool free = false;
  while (std::chrono::steady_clock::now() - cancelled_at < std::chrono::seconds(2)) {
    std::string state = HttpGet(cluster->http_port(), "/api/state");
    if (state.find("\"vcores\":4,\"free_vcores\":4,") != std::string::npos &&
        state.find("\"running_tasks\":0") != std::string::npos) {
      free = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(free) << HttpGet(cluster->http_port(), "/api/state") << "\n"
                    << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                             cancelled_at)
                           .count()
                    << " ms after the cancel";
}

/// The id of the job the scheduler reports as running, or "" once `deadline` passes.
std::string RunningJob(const LocalCluster& cluster, std::chrono::steady_clock::time_point deadline) {
  while (std::chrono::steady_clock::now() < deadline) {
    std::string jobs = HttpGet(cluster.http_port(), "/api/jobs");
    size_t at = jobs.find("\"status\":\"Running\"");
    size_t id = jobs.rfind("\"job_id\":\"", at);
    if (at != std::string::npos && id != std::string::npos) {
      return jobs.substr(id + 10, jobs.find('"', id + 10) - id - 10);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return "";
}

TEST(ClusterTest, CliShowsProgressOnATerminalAndCtrlCCancels) {
  auto cluster = StartCluster("push-staged");
  ASSERT_TRUE(cluster);
  const std::string cli = BinDir() + "/ballista-cli";
  const std::string port = std::to_string(cluster->scheduler_port());
  // The CLI runs on a pseudo-terminal, as in a user's shell: stderr is a terminal.
  int master = -1;
  pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl(cli.c_str(), cli.c_str(), "--host", "127.0.0.1", "--port", port.c_str(), "-c",
          "SELECT count(*) FROM generate_series(1, 100000000000) t(x) WHERE x % 7 = 3", static_cast<char*>(nullptr));
    _exit(127);
  }
  fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
  std::string output;
  auto drain = [&] {
    char buf[4096];
    ssize_t n;
    while ((n = read(master, buf, sizeof(buf))) > 0) output.append(buf, static_cast<size_t>(n));
  };
  const std::string job_id = RunningJob(*cluster, std::chrono::steady_clock::now() + std::chrono::seconds(30));
  ASSERT_FALSE(job_id.empty()) << "the job never started running";
  // Progress appears once the query has run for a second.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (output.find("tasks ") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    drain();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_NE(output.find("[" + job_id + "] stages "), std::string::npos) << output;
  const auto interrupted_at = std::chrono::steady_clock::now();
  ASSERT_EQ(kill(pid, SIGINT), 0);
  int wstatus = 0;
  pid_t done = 0;
  while (done == 0 && std::chrono::steady_clock::now() - interrupted_at < std::chrono::seconds(10)) {
    drain();
    done = waitpid(pid, &wstatus, WNOHANG);
    if (done == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (done == 0) {
    kill(pid, SIGKILL);
    waitpid(pid, &wstatus, 0);
  }
  drain();
  close(master);
  ASSERT_EQ(done, pid) << "ballista-cli did not stop within 10 s of Ctrl-C:\n" << output;
  EXPECT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) != 0) << output;
  EXPECT_NE(output.find("Cancelling the running job"), std::string::npos) << output;
  EXPECT_NE(output.find("cancelled"), std::string::npos) << output;
  // The cluster stopped the job: every vcore is free again.
  bool free = false;
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!free && std::chrono::steady_clock::now() < deadline) {
    std::string state = HttpGet(cluster->http_port(), "/api/state");
    free = state.find("\"vcores\":4,\"free_vcores\":4,") != std::string::npos;
    if (!free) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(free) << HttpGet(cluster->http_port(), "/api/state");
}

TEST(ClusterTest, ProxyResultsStreamThroughTheScheduler) {
  auto cluster = StartCluster("push-staged");
  ASSERT_TRUE(cluster);
  auto ctx = ballista::SessionContext::Remote(cluster->url());
  ASSERT_TRUE(ctx.ok());
  const std::string sql =
      "SELECT x % 3 AS k, count(*) AS n, 'v' || CAST(min(x) AS VARCHAR) AS first FROM generate_series(1, 3000) t(x) "
      "GROUP BY k ORDER BY k";
  const std::vector<std::string> expected = {"0 1000 v3", "1 1000 v1", "2 1000 v2"};
  auto direct = ctx->SqlCollect(sql);
  ASSERT_TRUE(direct.ok()) << direct.status().ToString();
  EXPECT_EQ(session::RenderRows(*direct, "IIT"), expected);
  EXPECT_EQ(Metric(cluster->http_port(), "ballista_results_proxied_partitions_total"), 0);
  ASSERT_TRUE(ctx->SetConfig("ballista.client.proxy_results", "true").ok());
  auto proxied = ctx->SqlCollect(sql);
  ASSERT_TRUE(proxied.ok()) << proxied.status().ToString();
  EXPECT_EQ(session::RenderRows(*proxied, "IIT"), expected);
  EXPECT_GT(Metric(cluster->http_port(), "ballista_results_proxied_partitions_total"), 0);
  EXPECT_FALSE(ctx->SetConfig("ballista.client.proxy_results", "sometimes").ok());
}

/// /api/job/{id}/stages of the job submitted last.
std::string LastJobStages(const LocalCluster& cluster) {
  std::string jobs = HttpGet(cluster.http_port(), "/api/jobs");
  size_t id = jobs.rfind("\"job_id\":\"");
  if (id == std::string::npos) return "no job in " + jobs;
  std::string job_id = jobs.substr(id + 10, jobs.find('"', id + 10) - id - 10);
  return HttpGet(cluster.http_port(), "/api/job/" + job_id + "/stages");
}

TEST(ClusterTest, AdaptiveStagesCoalesceSmallPartitionsAndSkipEmptyOnes) {
  auto cluster = StartCluster("push-staged");
  ASSERT_TRUE(cluster);
  auto ctx = ballista::SessionContext::Remote(cluster->url());
  ASSERT_TRUE(ctx.ok());
  ASSERT_TRUE(ctx->SetConfig("ballista.shuffle.partitions", "8").ok());
  const std::string grouped = "SELECT x % 5 AS k, count(*) FROM generate_series(1, 1000) t(x) GROUP BY k ORDER BY k";
  const std::vector<std::string> expected = {"0 200", "1 200", "2 200", "3 200", "4 200"};
  // 8 tiny hash partitions are read by one task.
  auto rows = ctx->SqlCollect(grouped);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(session::RenderRows(*rows, "II"), expected);
  std::string stages = LastJobStages(*cluster);
  EXPECT_NE(stages.find("\"tasks\":1,\"tasks_done\":1,\"tasks_running\":0,\"coalesced\":true"), std::string::npos)
      << stages;
  // Without coalescing: one task per partition, the same answer.
  ASSERT_TRUE(ctx->SetConfig("ballista.shuffle.coalesce_target_bytes", "0").ok());
  rows = ctx->SqlCollect(grouped);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(session::RenderRows(*rows, "II"), expected);
  stages = LastJobStages(*cluster);
  EXPECT_EQ(stages.find("\"coalesced\":true"), std::string::npos) << stages;
  EXPECT_NE(stages.find("\"tasks\":8,\"tasks_done\":8"), std::string::npos) << stages;
  // A stage whose inputs came out empty is not run at all; its output is empty.
  auto empty = ctx->SqlCollect("SELECT x % 5 AS k, count(*) FROM generate_series(1, 1000) t(x) WHERE x < 0 GROUP BY k");
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(session::RenderRows(*empty, "II").empty());
  stages = LastJobStages(*cluster);
  EXPECT_NE(stages.find("\"skipped\":true"), std::string::npos) << stages;
  // A global aggregate still answers one row over empty input.
  auto counted = ctx->SqlCollect("SELECT count(*) FROM generate_series(1, 1000) t(x) WHERE x < 0");
  ASSERT_TRUE(counted.ok()) << counted.status().ToString();
  EXPECT_EQ(session::RenderRows(*counted, "I"), std::vector<std::string>{"0"});
}

TEST(ClusterTest, AdaptiveJoinsBroadcastBuildSidesThatTurnOutSmall) {
  auto cluster = StartCluster("push-staged");
  ASSERT_TRUE(cluster);
  auto ctx = ballista::SessionContext::Remote(cluster->url());
  ASSERT_TRUE(ctx.ok());
  // No broadcast by estimate: the join is planned with both sides hash-shuffled.
  ASSERT_TRUE(ctx->SetConfig("ballista.optimizer.broadcast_join_threshold_bytes", "0").ok());
  // The build side keeps 20 of 2,000 rows, far fewer than estimated.
  const std::string sql =
      "SELECT count(*), sum(a.x) FROM generate_series(1, 20000) a(x) "
      "JOIN (SELECT y FROM generate_series(1, 2000) b(y) WHERE y % 100 = 7) s ON a.x = s.y";
  const std::vector<std::string> expected = {"20 19140"};  // DuckDB
  auto rows = ctx->SqlCollect(sql);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(session::RenderRows(*rows, "II"), expected);
  // The probe side's stage ran inside the join stage, which read the build side whole.
  std::string stages = LastJobStages(*cluster);
  EXPECT_NE(stages.find("\"broadcast_join\":true"), std::string::npos) << stages;
  EXPECT_NE(stages.find("\"tasks\":0,\"tasks_done\":0,\"tasks_running\":0"), std::string::npos) << stages;
  EXPECT_NE(stages.find("\"merged_into\":3,\"inputs\":[]"), std::string::npos) << stages;
  EXPECT_NE(stages.find("\"broadcast_join\":true,\"merged_into\":null,\"inputs\":[1],"), std::string::npos)
      << stages;
  // Below the build side's real size: the hash join runs as planned, with the same answer.
  ASSERT_TRUE(ctx->SetConfig("ballista.adaptive.broadcast_join_threshold_bytes", "1").ok());
  rows = ctx->SqlCollect(sql);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(session::RenderRows(*rows, "II"), expected);
  stages = LastJobStages(*cluster);
  EXPECT_EQ(stages.find("\"broadcast_join\":true"), std::string::npos) << stages;
  EXPECT_EQ(stages.find("\"merged_into\":3"), std::string::npos) << stages;
}

TEST(ClusterTest, ShuffleDirectoriesRemovedAfterCleanUpInterval) {
  auto cluster = StartCluster("push-staged", {"--finished-job-data-clean-up-interval-seconds", "1"});
  ASSERT_TRUE(cluster);
  auto ctx = ballista::SessionContext::Remote(cluster->url());
  ASSERT_TRUE(ctx.ok());
  auto rows = ctx->SqlCollect("SELECT x % 10 AS k, count(*) FROM generate_series(1, 10000) t(x) GROUP BY k");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  auto job_dirs = [&] {
    int n = 0;
    for (const auto& dir : cluster->executor_work_dirs()) {
      std::error_code ec;
      for (const auto& entry : fs::directory_iterator(dir, ec)) n += entry.is_directory() ? 1 : 0;
    }
    return n;
  };
  EXPECT_GT(job_dirs(), 0) << "the job wrote no shuffle directory";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (job_dirs() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(job_dirs(), 0) << "shuffle directories still there 10 s after the job";
}

TEST(ClusterTest, BadRequestsGetClearErrors) {
  auto cluster = StartCluster("push-staged");
  ASSERT_TRUE(cluster);
  auto bad_url = ballista::SessionContext::Remote("df://127.0.0.1:notaport");
  EXPECT_FALSE(bad_url.ok());
  auto ctx = ballista::SessionContext::Remote(cluster->url());
  ASSERT_TRUE(ctx.ok());
  auto wrong = ctx->SqlCollect("SELECT 1 / 0");
  EXPECT_FALSE(wrong.ok());
  auto syntax = ctx->SqlCollect("SELEC 1");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.status().message().find("line 1"), std::string::npos) << syntax.status().message();
  // The servers keep serving.
  auto fine = ctx->SqlCollect("SELECT 41 + 1");
  ASSERT_TRUE(fine.ok()) << fine.status().ToString();
  EXPECT_EQ(session::RenderRows(*fine, "I"), std::vector<std::string>{"42"});
}

}  // namespace
}  // namespace ballista::client
