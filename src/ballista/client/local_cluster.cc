#include "ballista/client/local_cluster.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

extern char** environ;

namespace ballista::client {
namespace fs = std::filesystem;

Result<std::unique_ptr<LocalCluster>> LocalCluster::Start(const Options& options) {
  std::unique_ptr<LocalCluster> cluster(new LocalCluster());
  cluster->options_ = options;
  std::string pattern = (fs::temp_directory_path() / "ballista-cluster-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (!mkdtemp(buffer.data())) return Status::IOError("cannot create a cluster directory");
  cluster->root_dir_ = buffer.data();
  std::vector<std::string> argv = {options.bin_dir + "/ballista-scheduler", "--bind-host", "127.0.0.1",
                                   "--bind-port", "0", "--http-port", "0", "--scheduler-policy", options.policy,
                                   "--min-ready-executors", std::to_string(options.executors)};
  argv.insert(argv.end(), options.scheduler_args.begin(), options.scheduler_args.end());
  Child scheduler;
  ASSIGN_OR_RAISE(auto line, cluster->StartProcess(argv, "ballista-scheduler listening on", &scheduler));
  // "ballista-scheduler listening on 127.0.0.1:PORT (http PORT)"
  size_t colon = line.rfind(':', line.find(" (http"));
  size_t http = line.find("(http ");
  if (colon == std::string::npos || http == std::string::npos) {
    return Status::Internal("unexpected scheduler start-up line: " + line);
  }
  cluster->scheduler_port_ = std::atoi(line.c_str() + colon + 1);
  cluster->http_port_ = std::atoi(line.c_str() + http + 6);
  for (int i = 0; i < options.executors; ++i) RETURN_NOT_OK(cluster->AddExecutor());
  return cluster;
}

Status LocalCluster::AddExecutor() {
  std::string work_dir = root_dir_ + "/executor-" + std::to_string(work_dirs_.size());
  std::vector<std::string> argv = {options_.bin_dir + "/ballista-executor", "--scheduler-host", "127.0.0.1",
                                   "--scheduler-port", std::to_string(scheduler_port_), "--bind-host", "127.0.0.1",
                                   "--bind-port", "0", "--bind-grpc-port", "0", "--bind-health-port", "-1",
                                   "--vcores", std::to_string(options_.vcores), "--work-dir", work_dir,
                                   "--task-scheduling-policy", options_.policy};
  argv.insert(argv.end(), options_.executor_args.begin(), options_.executor_args.end());
  Child child;
  ASSIGN_OR_RAISE(auto line, StartProcess(argv, "ballista-executor", &child));
  executor_pids_.push_back(child.pid);
  work_dirs_.push_back(work_dir);
  return Status::OK();
}

Result<std::string> LocalCluster::StartProcess(const std::vector<std::string>& argv, const std::string& ready_prefix,
                                               Child* child) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return Status::IOError("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (rc != 0) {
    close(pipe_fds[0]);
    return Status::IOError("cannot start " + argv[0] + ": " + std::strerror(rc));
  }
  child->pid = pid;
  child->stdout_fd = pipe_fds[0];
  children_.push_back(*child);
  // Read the start-up line, bounded by the timeout.
  std::string text;
  auto deadline = std::chrono::steady_clock::now() + options_.start_timeout;
  while (true) {
    size_t newline = text.find('\n');
    if (newline != std::string::npos) {
      std::string line = text.substr(0, newline);
      if (line.rfind(ready_prefix, 0) == 0) return line;
      text.erase(0, newline + 1);
      continue;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return Status::Unavailable(argv[0] + " did not start within the timeout");
    pollfd fd{child->stdout_fd, POLLIN, 0};
    int ready = poll(&fd, 1, static_cast<int>(left.count()));
    if (ready <= 0) continue;
    char buf[4096];
    ssize_t n = read(child->stdout_fd, buf, sizeof(buf));
    if (n <= 0) {
      int status = 0;
      waitpid(pid, &status, WNOHANG);
      return Status::Unavailable(argv[0] + " exited before it was ready");
    }
    text.append(buf, static_cast<size_t>(n));
  }
}

void LocalCluster::Stop() {
  // Executors first (they deregister), then the scheduler.
  for (auto it = children_.rbegin(); it != children_.rend(); ++it) {
    if (it->pid > 0) kill(it->pid, SIGTERM);
  }
  for (auto& child : children_) {
    if (child.pid <= 0) continue;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    int status = 0;
    while (waitpid(child.pid, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        kill(child.pid, SIGKILL);
        waitpid(child.pid, &status, 0);
        break;
      }
      usleep(10000);
    }
    if (child.stdout_fd >= 0) close(child.stdout_fd);
    child.pid = -1;
    child.stdout_fd = -1;
  }
  children_.clear();
  if (!root_dir_.empty()) {
    std::error_code ec;
    fs::remove_all(root_dir_, ec);
    root_dir_.clear();
  }
}

LocalCluster::~LocalCluster() { Stop(); }

}  // namespace ballista::client
