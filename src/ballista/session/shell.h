#pragma once

#include <iostream>
#include <string>

#include "ballista/session/result_format.h"
#include "ballista/session/session_context.h"

namespace ballista::session {

struct ShellOptions {
  ResultFormat format = ResultFormat::kTable;
  /// No "N rows in set" lines and no banner.
  bool quiet = false;
};

/// The interactive and batch front end of ballista-cli over a session: runs statements, prints
/// results in the chosen format, handles the meta commands \q, \?, \d and \d table. Errors are
/// printed to `err` as "Error: ..." (with the SQL position when the error has one).
class Shell {
 public:
  Shell(SessionContext* context, ShellOptions options, std::ostream& out = std::cout,
        std::ostream& err = std::cerr)
      : context_(context), options_(options), out_(out), err_(err) {}

  /// Runs every statement of `text` (or one meta command); stops at the first failure.
  /// Returns false when a statement failed.
  bool RunText(const std::string& text, bool print_results = true);
  /// Runs a file of statements; false when it cannot be read or a statement failed.
  bool RunFile(const std::string& path, bool print_results = true);
  /// Reads statements from the terminal (libedit, with history) until \q or end of input.
  /// Returns false when the last statement failed.
  bool RunInteractive();

  /// True once \q was given.
  bool quit() const { return quit_; }

 private:
  bool RunMetaCommand(const std::string& line);
  bool RunStatement(const std::string& sql, bool print_results);

  SessionContext* context_;
  ShellOptions options_;
  std::ostream& out_;
  std::ostream& err_;
  bool quit_ = false;
};

/// True when `buffer` holds a complete statement: it ends with ';' outside quotes and comments
/// (or is a meta command).
bool StatementComplete(const std::string& buffer);

}  // namespace ballista::session
