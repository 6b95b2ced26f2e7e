// ballista-cli: run SQL interactively or in batch on a standalone cluster (the default), a remote
// cluster (--host/--port) or the in-process engine (--local). On a cluster, Ctrl-C cancels the
// running job (and a second Ctrl-C with none running quits a batch run), and queries running
// longer than a second show their stages and tasks on stderr when it is a terminal.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "ballista/client/remote_runner.h"
#include "ballista/client/session_context.h"
#include "ballista/session/shell.h"

namespace {

/// SIGINT writes a byte here; a watcher thread does the (not signal-safe) cancelling.
int interrupt_pipe[2] = {-1, -1};

void OnInterrupt(int) {
  const char byte = 1;
  ssize_t ignored = ::write(interrupt_pipe[1], &byte, 1);
  (void)ignored;
}

void WriteStderr(const std::string& text) {
  ssize_t ignored = ::write(2, text.data(), text.size());
  (void)ignored;
}

/// Ctrl-C and progress for a context whose queries run on a cluster.
void InstallClusterControls(const std::shared_ptr<const ballista::client::RemoteQueryRunner>& runner, bool interactive) {
  if (::pipe(interrupt_pipe) != 0) return;
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  std::thread([runner, interactive] {
    char byte;
    while (::read(interrupt_pipe[0], &byte, 1) == 1) {
      if (runner->HasActiveJobs()) {
        // Said before cancelling: the cancelled query's error follows it.
        WriteStderr("\nCancelling the running job...\n");
        runner->CancelActiveJobs();
      } else if (!interactive) {
        WriteStderr("\nInterrupted\n");
        ::_exit(130);
      }
    }
  }).detach();
  if (::isatty(2)) {
    auto shown = std::make_shared<std::atomic<bool>>(false);
    runner->SetProgressListener([shown](const ballista::client::JobProgress& p) {
      if (p.finished) {
        if (shown->exchange(false)) WriteStderr("\r\033[K");
        return;
      }
      if (p.elapsed_seconds < 1.0) return;
      char line[160];
      std::snprintf(line, sizeof(line), "\r\033[K[%s] stages %d/%d, tasks %d/%d, %.1f s", p.job_id.c_str(),
                    p.stages_done, p.stages_total, p.tasks_done, p.tasks_total, p.elapsed_seconds);
      WriteStderr(line);
      shown->store(true);
    });
  }
}

void Usage() {
  std::cout << "usage: ballista-cli [--local | --host HOST [--port PORT]] [-c SQL]... [-f FILE]...\n"
               "                    [-r|--rc FILE] [--format table|csv|tsv|json|ndjson] [--quiet]\n"
               "  (default)   start a standalone cluster (scheduler + executor) in this process\n"
               "  --host H    run queries on the cluster whose scheduler is at H\n"
               "  --port P    the scheduler's port (default 50050)\n"
               "  --local     run queries in this process without a cluster\n"
               "  -c SQL      run SQL and exit (repeatable)\n"
               "  -f FILE     run the statements in FILE and exit (repeatable)\n"
               "  -r, --rc F  run F first, printing nothing unless a statement fails\n"
               "  --format    result format (default table)\n"
               "  --quiet     no banner and no row-count lines\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ballista::session;
  ShellOptions options;
  std::vector<std::string> commands, files, rc_files;
  bool local = false;
  std::string host;
  std::string port = "50050";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* flag) -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "Error: " << flag << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--local") {
      local = true;
    } else if (arg == "--host") {
      host = value("--host");
    } else if (arg == "--port") {
      port = value("--port");
    } else if (arg == "-c" || arg == "--command") {
      commands.push_back(value("-c"));
    } else if (arg == "-f" || arg == "--file") {
      files.push_back(value("-f"));
    } else if (arg == "-r" || arg == "--rc") {
      rc_files.push_back(value("--rc"));
    } else if (arg == "--format") {
      auto format = ParseResultFormat(value("--format"));
      if (!format.ok()) {
        std::cerr << "Error: " << format.status().message() << "\n";
        return 2;
      }
      options.format = *format;
    } else if (arg == "-q" || arg == "--quiet") {
      options.quiet = true;
    } else if (arg == "-h" || arg == "--help") {
      Usage();
      return 0;
    } else {
      std::cerr << "Error: unknown argument " << arg << "\n";
      Usage();
      return 2;
    }
  }
  if (local && !host.empty()) {
    std::cerr << "Error: --local and --host exclude each other\n";
    return 2;
  }
  ballista::Result<ballista::SessionContext> made = ballista::SessionContext();
  if (!host.empty()) {
    made = ballista::SessionContext::Remote("df://" + host + ":" + port);
  } else if (!local) {
    made = ballista::SessionContext::Standalone();
  }
  if (!made.ok()) {
    std::cerr << "Error: " << made.status().message() << "\n";
    return 1;
  }
  ballista::SessionContext context = std::move(*made);
  if (auto remote = std::dynamic_pointer_cast<const ballista::client::RemoteQueryRunner>(context.state()->runner())) {
    InstallClusterControls(remote, commands.empty() && files.empty());
  }
  Shell shell(&context, options);
  for (const auto& rc : rc_files) {
    if (!shell.RunFile(rc, /*print_results=*/false)) return 1;
  }
  if (!commands.empty() || !files.empty()) {
    for (const auto& command : commands) {
      if (!shell.RunText(command)) return 1;
    }
    for (const auto& file : files) {
      if (!shell.RunFile(file)) return 1;
    }
    return 0;
  }
  return shell.RunInteractive() ? 0 : 1;
}
