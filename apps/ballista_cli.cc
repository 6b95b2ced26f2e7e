// ballista-cli: run SQL interactively or in batch on a standalone cluster (the default), a remote
// cluster (--host/--port) or the in-process engine (--local).
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "ballista/client/session_context.h"
#include "ballista/session/shell.h"

namespace {

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
