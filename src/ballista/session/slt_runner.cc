#include "ballista/session/slt_runner.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "ballista/arrow/pretty_print.h"

namespace ballista::session {
namespace a = ballista::arrow;

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<std::string> Words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

/// The rest of `line` after its first `n` words.
std::string AfterWords(const std::string& line, int n) {
  size_t pos = 0;
  for (int i = 0; i < n; ++i) {
    pos = line.find_first_not_of(" \t", pos);
    if (pos == std::string::npos) return "";
    pos = line.find_first_of(" \t", pos);
    if (pos == std::string::npos) return "";
  }
  return Trim(line.substr(pos));
}

Status ParseInto(const std::string& path, std::vector<SltRecord>* out, int depth) {
  if (depth > 16) return Status::InvalidArgument("include nesting too deep at " + path);
  std::ifstream in(path);
  if (!in) return Status::IOError("cannot read " + path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  size_t i = 0;
  auto where = [&](size_t n) { return path + ":" + std::to_string(n + 1); };
  std::vector<std::pair<bool, std::string>> conditions;
  while (i < lines.size()) {
    std::string t = Trim(lines[i]);
    if (t.empty() || t[0] == '#') {
      ++i;
      continue;
    }
    std::vector<std::string> words = Words(t);
    if (words[0] == "include") {
      std::filesystem::path target = std::filesystem::path(path).parent_path() / AfterWords(t, 1);
      RETURN_NOT_OK(ParseInto(target.string(), out, depth + 1));
      ++i;
      continue;
    }
    if (words[0] == "halt") break;
    if (words[0] == "onlyif" || words[0] == "skipif") {
      if (words.size() < 2) return Status::InvalidArgument(where(i) + ": " + words[0] + " needs a label");
      conditions.emplace_back(words[0] == "onlyif", words[1]);
      ++i;
      continue;
    }
    if (words[0] == "hash-threshold" || words[0] == "control" || words[0] == "mode") {
      ++i;
      continue;
    }
    SltRecord record;
    record.conditions = std::move(conditions);
    conditions.clear();
    record.file = path;
    record.line = static_cast<int>(i + 1);
    if (words[0] == "statement") {
      if (words.size() < 2) return Status::InvalidArgument(where(i) + ": statement needs ok or error");
      if (words[1] == "ok" || words[1] == "count") {
        record.kind = SltRecord::Kind::kStatementOk;
      } else if (words[1] == "error") {
        record.kind = SltRecord::Kind::kStatementError;
        record.error_pattern = AfterWords(t, 2);
      } else {
        return Status::InvalidArgument(where(i) + ": unknown statement mode '" + words[1] + "'");
      }
    } else if (words[0] == "query") {
      if (words.size() >= 2 && words[1] == "error") {
        record.kind = SltRecord::Kind::kQueryError;
        record.error_pattern = AfterWords(t, 2);
      } else {
        record.kind = SltRecord::Kind::kQuery;
        if (words.size() >= 2) record.types = words[1];
        if (words.size() >= 3) record.sort_mode = words[2] == "nosort" ? "" : words[2];
      }
    } else {
      return Status::InvalidArgument(where(i) + ": expected statement, query or include, found '" + t + "'");
    }
    ++i;
    std::string sql;
    while (i < lines.size() && Trim(lines[i]) != "" && Trim(lines[i]) != "----") {
      sql += (sql.empty() ? "" : "\n") + lines[i];
      ++i;
    }
    record.sql = sql;
    if (i < lines.size() && Trim(lines[i]) == "----") {
      record.has_expected = true;
      ++i;
      if (record.kind == SltRecord::Kind::kStatementError || record.kind == SltRecord::Kind::kQueryError) {
        // Multi-line error text: everything up to a blank line.
        std::string message;
        while (i < lines.size() && !Trim(lines[i]).empty()) message += (message.empty() ? "" : "\n") + lines[i++];
        record.error_pattern = message;
      } else {
        while (i < lines.size() && !Trim(lines[i]).empty()) record.expected.push_back(lines[i++]);
      }
    }
    out->push_back(std::move(record));
  }
  return Status::OK();
}

std::string FormatFloat(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return "0";
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.12g", v);
  std::string s = buf;
  if (s.find('e') == std::string::npos && s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s;
}

std::string RenderValue(const a::ArrayData& column, int64_t row, char type) {
  if (column.IsNull(row)) return "NULL";
  std::string text = a::FormatValue(column, row);
  a::TypeId id = column.type->id() == a::TypeId::kDictionary ? column.type->value_type()->id() : column.type->id();
  if (type == 'R' || a::IsFloating(id) || (a::IsDecimal(id) && type != 'T')) {
    try {
      return FormatFloat(std::stod(text));
    } catch (...) {
      return text;
    }
  }
  if (id == a::TypeId::kTimestamp || id == a::TypeId::kDate64) {
    std::replace(text.begin(), text.end(), 'T', ' ');
    if (!text.empty() && text.back() == 'Z') text.pop_back();
  }
  if (text.empty()) return "(empty)";
  return text;
}

}  // namespace

Result<std::vector<SltRecord>> ParseSltFile(const std::string& path) {
  std::vector<SltRecord> out;
  RETURN_NOT_OK(ParseInto(path, &out, 0));
  return out;
}

std::vector<std::string> RenderRows(const std::vector<a::RecordBatchPtr>& batches, const std::string& types) {
  std::vector<std::string> rows;
  for (const auto& batch : batches) {
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::string line;
      for (int c = 0; c < batch->num_columns(); ++c) {
        char type = static_cast<size_t>(c) < types.size() ? types[static_cast<size_t>(c)] : '?';
        line += (c ? " " : "") + RenderValue(*batch->column_data(c), r, type);
      }
      rows.push_back(std::move(line));
    }
  }
  return rows;
}

std::vector<std::string> SortRows(std::vector<std::string> rows, const std::string& sort_mode) {
  if (sort_mode == "rowsort") {
    std::sort(rows.begin(), rows.end());
  } else if (sort_mode == "valuesort") {
    std::vector<std::string> values;
    for (const auto& row : rows) {
      for (auto& w : Words(row)) values.push_back(w);
    }
    std::sort(values.begin(), values.end());
    return values;
  }
  return rows;
}

namespace {

/// Expected lines normalized like rendered ones (tabs and runs of spaces become one space).
std::vector<std::string> NormalizeExpected(const std::vector<std::string>& lines, const std::string& sort_mode) {
  std::vector<std::string> out;
  for (const auto& line : lines) {
    std::vector<std::string> words = Words(line);
    std::string joined;
    for (size_t i = 0; i < words.size(); ++i) joined += (i ? " " : "") + words[i];
    out.push_back(joined);
  }
  if (sort_mode == "valuesort") {
    std::vector<std::string> values;
    for (const auto& l : out) {
      for (auto& w : Words(l)) values.push_back(w);
    }
    std::sort(values.begin(), values.end());
    return values;
  }
  if (sort_mode == "rowsort") std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> NormalizeActual(const std::vector<std::string>& rows, const std::string& sort_mode) {
  std::vector<std::string> out;
  // A value with line breaks (an EXPLAIN plan) continues on the following lines, as written in
  // the files.
  std::vector<std::string> lines;
  for (auto r : rows) {
    while (!r.empty() && (r.back() == '\n' || r.back() == ' ')) r.pop_back();
    size_t start = 0;
    while (true) {
      size_t nl = r.find('\n', start);
      lines.push_back(r.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  for (const auto& r : lines) {
    std::vector<std::string> words = Words(r);
    std::string joined;
    for (size_t i = 0; i < words.size(); ++i) joined += (i ? " " : "") + words[i];
    out.push_back(joined);
  }
  return SortRows(out, sort_mode);
}

bool ErrorMatches(const std::string& pattern, const std::string& message) {
  if (pattern.empty()) return true;
  try {
    return std::regex_search(message, std::regex(pattern));
  } catch (const std::regex_error&) {
    return message.find(pattern) != std::string::npos;
  }
}

}  // namespace

SltResult RunSltRecords(const std::vector<SltRecord>& records, const SltEngine& engine, std::ostream& log,
                        const std::vector<std::string>& labels) {
  SltResult result;
  for (const auto& record : records) {
    ++result.records;
    bool runs = true;
    for (const auto& [only, label] : record.conditions) {
      bool has = std::find(labels.begin(), labels.end(), label) != labels.end();
      if (only != has) runs = false;
    }
    if (!runs) {
      ++result.skipped;
      continue;
    }
    auto fail = [&](const std::string& why) {
      ++result.failures;
      log << record.file << ":" << record.line << ": " << why << "\n" << record.sql << "\n\n";
    };
    auto outcome = engine(record.sql);
    switch (record.kind) {
      case SltRecord::Kind::kStatementOk:
        if (!outcome.ok()) fail("statement failed: " + outcome.status().message());
        break;
      case SltRecord::Kind::kStatementError:
      case SltRecord::Kind::kQueryError:
        if (record.kind == SltRecord::Kind::kQueryError) ++result.queries;
        if (outcome.ok()) {
          fail("expected an error matching '" + record.error_pattern + "', but it succeeded");
        } else if (!ErrorMatches(record.error_pattern, outcome.status().message())) {
          fail("error '" + outcome.status().message() + "' does not match '" + record.error_pattern + "'");
        }
        break;
      case SltRecord::Kind::kQuery: {
        ++result.queries;
        if (!outcome.ok()) {
          fail("query failed: " + outcome.status().message());
          break;
        }
        auto actual = NormalizeActual(RenderRows(*outcome, record.types), record.sort_mode);
        auto expected = NormalizeExpected(record.expected, record.sort_mode);
        if (actual != expected) {
          std::string text = "wrong result\nexpected:\n";
          for (const auto& l : expected) text += "  " + l + "\n";
          text += "actual:\n";
          for (const auto& l : actual) text += "  " + l + "\n";
          fail(text);
        }
        break;
      }
    }
  }
  return result;
}

Status WriteCompletedSlt(const std::string& path, const std::vector<std::vector<std::string>>& results) {
  std::ifstream in(path);
  if (!in) return Status::IOError("cannot read " + path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  std::vector<std::string> out;
  size_t query_index = 0;
  size_t i = 0;
  while (i < lines.size()) {
    std::string t = Trim(lines[i]);
    std::vector<std::string> words = Words(t);
    bool is_query = !words.empty() && words[0] == "query" && (words.size() < 2 || words[1] != "error");
    out.push_back(lines[i++]);
    if (!is_query) continue;
    while (i < lines.size() && !Trim(lines[i]).empty() && Trim(lines[i]) != "----") out.push_back(lines[i++]);
    if (i < lines.size() && Trim(lines[i]) == "----") {
      ++i;
      while (i < lines.size() && !Trim(lines[i]).empty()) ++i;
    }
    out.push_back("----");
    if (query_index < results.size()) {
      for (const auto& r : results[query_index]) out.push_back(r);
    }
    ++query_index;
  }
  std::ofstream o(path);
  for (const auto& l : out) o << l << "\n";
  if (!o) return Status::IOError("cannot write " + path);
  return Status::OK();
}

}  // namespace ballista::session
