// ballista-cli: run SQL against the in-process engine (--local), interactively or in batch.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "ballista/session/shell.h"

namespace {

void Usage() {
  std::cout << "usage: ballista-cli [--local] [-c SQL]... [-f FILE]... [-r|--rc FILE]\n"
               "                    [--format table|csv|tsv|json|ndjson] [--quiet]\n"
               "  --local     run queries in this process (the default)\n"
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
      continue;
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
  SessionContext context;
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
