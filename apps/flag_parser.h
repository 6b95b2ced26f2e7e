#pragma once
// A small --flag parser shared by the server binaries: each flag has a help line and writes
// into its target; `--flag value` and `--flag=value` both work.
#include <csignal>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "ballista/common/parse_number.h"

namespace ballista::apps {

class FlagParser {
 public:
  explicit FlagParser(std::string usage) : usage_(std::move(usage)) {}

  void Add(std::vector<std::string> names, std::string help, std::function<bool(const std::string&)> set) {
    flags_.push_back({std::move(names), std::move(help), std::move(set)});
  }
  void String(std::vector<std::string> names, std::string help, std::string* target) {
    Add(std::move(names), std::move(help) + " (default: " + (target->empty() ? "none" : *target) + ")",
        [target](const std::string& v) {
          *target = v;
          return true;
        });
  }
  template <typename T>
  void Int(std::vector<std::string> names, std::string help, T* target) {
    Add(std::move(names), std::move(help) + " (default: " + std::to_string(*target) + ")", [target](const std::string& v) {
      auto parsed = ParseInt64(v);
      if (!parsed) return false;
      *target = static_cast<T>(*parsed);
      return true;
    });
  }

  /// Parses argv; prints help and exits 0 for --help, prints the problem and exits 2 on errors.
  void Parse(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
      std::string arg = argv[i];
      if (arg == "-h" || arg == "--help") {
        std::cout << usage_ << "\n\nOptions:\n";
        for (const auto& f : flags_) {
          std::string names;
          for (const auto& n : f.names) names += (names.empty() ? "" : ", ") + n;
          std::cout << "  " << names << "\n      " << f.help << "\n";
        }
        std::cout << "  -h, --help\n      print this help\n";
        std::exit(0);
      }
      std::string value;
      bool has_value = false;
      size_t eq = arg.find('=');
      if (arg.rfind("--", 0) == 0 && eq != std::string::npos) {
        value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
        has_value = true;
      }
      const Flag* flag = nullptr;
      for (const auto& f : flags_) {
        for (const auto& n : f.names) {
          if (n == arg) flag = &f;
        }
      }
      if (!flag) Fail("unknown option " + arg);
      if (!has_value) {
        if (i + 1 >= argc) Fail(arg + " needs a value");
        value = argv[++i];
      }
      if (!flag->set(value)) Fail("bad value '" + value + "' for " + arg);
    }
  }

  [[noreturn]] static void Fail(const std::string& message) {
    std::cerr << "Error: " << message << " (see --help)\n";
    std::exit(2);
  }

 private:
  struct Flag {
    std::vector<std::string> names;
    std::string help;
    std::function<bool(const std::string&)> set;
  };
  std::string usage_;
  std::vector<Flag> flags_;
};

/// Blocks SIGTERM and SIGINT in every thread started after this call, so WaitForStopSignal
/// receives them.
inline void BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

/// Waits for SIGTERM or SIGINT and returns it.
inline int WaitForStopSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int sig = 0;
  sigwait(&set, &sig);
  return sig;
}

}  // namespace ballista::apps
