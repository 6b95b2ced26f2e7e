#include "ballista/session/shell.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <editline/readline.h>

#include "ballista/sql/ast_statement.h"
#include "ballista/sql/parser.h"
#include "ballista/sql/sql_printer.h"

namespace ballista::session {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

const char* kHelp =
    "Statements end with ';'. Meta commands:\n"
    "  \\q          quit\n"
    "  \\?          this help\n"
    "  \\d          list tables\n"
    "  \\d NAME     describe table NAME\n";

/// Byte offset of a 1-based line/column position in `text` (0 when unknown).
size_t OffsetOf(const std::string& text, const sql::SourcePos& pos) {
  if (pos.line <= 0) return 0;
  size_t offset = 0;
  for (int line = 1; line < pos.line && offset < text.size(); ++line) {
    size_t nl = text.find('\n', offset);
    if (nl == std::string::npos) return 0;
    offset = nl + 1;
  }
  return std::min(text.size(), offset + static_cast<size_t>(std::max(0, pos.column - 1)));
}

}  // namespace

bool StatementComplete(const std::string& buffer) {
  std::string t = Trim(buffer);
  if (t.empty()) return false;
  if (t[0] == '\\') return true;
  bool in_single = false, in_double = false, in_line_comment = false;
  int block_depth = 0;
  char last = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    char next = i + 1 < t.size() ? t[i + 1] : 0;
    if (in_line_comment) {
      if (c == '\n') in_line_comment = false;
      continue;
    }
    if (block_depth > 0) {
      if (c == '*' && next == '/') { --block_depth; ++i; }
      continue;
    }
    if (in_single) { if (c == '\'') in_single = false; continue; }
    if (in_double) { if (c == '"') in_double = false; continue; }
    if (c == '-' && next == '-') { in_line_comment = true; continue; }
    if (c == '/' && next == '*') { ++block_depth; ++i; continue; }
    if (c == '\'') in_single = true;
    else if (c == '"') in_double = true;
    if (!std::isspace(static_cast<unsigned char>(c))) last = c;
  }
  return !in_single && !in_double && block_depth == 0 && last == ';';
}

bool Shell::RunMetaCommand(const std::string& line) {
  std::string command = Trim(line);
  if (command == "\\q" || command == "\\quit") {
    quit_ = true;
    return true;
  }
  if (command == "\\?" || command == "\\h" || command == "\\help") {
    out_ << kHelp;
    return true;
  }
  if (command == "\\d") return RunStatement("SHOW TABLES", true);
  if (command.rfind("\\d ", 0) == 0) return RunStatement("DESCRIBE " + Trim(command.substr(3)), true);
  err_ << "Error: unknown command " << command << "; \\? lists the commands\n";
  return false;
}

bool Shell::RunStatement(const std::string& sql, bool print_results) {
  auto start = std::chrono::steady_clock::now();
  auto frame = context_->Sql(sql);
  if (!frame.ok()) {
    err_ << "Error: " << frame.status().message() << "\n";
    return false;
  }
  auto batches = frame->Collect();
  if (!batches.ok()) {
    err_ << "Error: " << batches.status().message() << "\n";
    return false;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int64_t rows = 0;
  for (const auto& b : *batches) rows += b->num_rows();
  if (print_results) {
    if (frame->Schema()->num_fields() > 0) WriteResult(out_, options_.format, frame->Schema(), *batches);
    if (!options_.quiet) {
      char line[128];
      std::snprintf(line, sizeof(line), "%lld row%s in set. Query took %.3f seconds.\n",
                    static_cast<long long>(rows), rows == 1 ? "" : "s", seconds);
      out_ << line;
    }
  }
  out_.flush();
  return true;
}

bool Shell::RunText(const std::string& text, bool print_results) {
  std::string trimmed = Trim(text);
  if (trimmed.empty()) return true;
  if (trimmed[0] == '\\') return RunMetaCommand(trimmed);
  // Split into statements with the parser (it knows quotes and comments), then run each from
  // its own text so errors point into the statement the user wrote.
  auto statements = sql::ParseStatements(trimmed);
  if (!statements.ok()) {
    err_ << "Error: " << statements.status().message() << "\n";
    return false;
  }
  // Statement i spans from its start to the start of statement i + 1.
  std::vector<size_t> starts;
  for (const auto& statement : *statements) starts.push_back(OffsetOf(trimmed, statement->pos));
  for (size_t i = 0; i < starts.size(); ++i) {
    size_t end = i + 1 < starts.size() ? starts[i + 1] : trimmed.size();
    std::string piece = trimmed.substr(starts[i], end - starts[i]);
    if (!RunStatement(piece, print_results)) return false;
    if (quit_) break;
  }
  return true;
}

bool Shell::RunFile(const std::string& path, bool print_results) {
  std::ifstream in(path);
  if (!in) {
    err_ << "Error: cannot read " << path << "\n";
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  // Meta commands are line-based; everything else goes through the statement splitter.
  std::string text = buffer.str(), pending;
  std::istringstream lines(text);
  std::string line;
  bool ok = true;
  while (std::getline(lines, line)) {
    if (Trim(line).rfind("\\", 0) == 0 && Trim(pending).empty()) {
      ok = RunMetaCommand(line);
      if (!ok || quit_) return ok;
      continue;
    }
    pending += line + "\n";
  }
  if (!Trim(pending).empty()) ok = RunText(pending, print_results);
  return ok;
}

bool Shell::RunInteractive() {
  const char* home = std::getenv("HOME");
  std::string history = home ? std::string(home) + "/.ballista_history" : "";
  if (!history.empty()) read_history(history.c_str());
  if (!options_.quiet) out_ << "Ballista CLI. Statements end with ';'. \\? for help, \\q to quit.\n";
  std::string buffer;
  bool ok = true;
  while (!quit_) {
    char* raw = readline(buffer.empty() ? "ballista> " : "      -> ");
    if (raw == nullptr) break;  // end of input
    std::string line(raw);
    std::free(raw);
    buffer += (buffer.empty() ? "" : "\n") + line;
    if (!StatementComplete(buffer)) continue;
    add_history(buffer.c_str());
    ok = RunText(buffer);
    buffer.clear();
  }
  if (!history.empty()) write_history(history.c_str());
  return ok;
}

}  // namespace ballista::session
