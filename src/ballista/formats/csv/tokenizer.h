#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/common/result.h"
#include "ballista/formats/csv/csv_options.h"

namespace ballista::formats::csv {

/// One field of a tokenized record: a view into the input bytes, or into TokenizedRows::scratch
/// when the field had escaped quotes that had to be removed.
struct FieldRef {
  const char* data;
  uint32_t size;
  bool quoted;
  std::string_view view() const { return {data, size}; }
};

/// Records split into fields, row-major, every row with exactly `num_columns` fields. Valid until
/// the input bytes or `scratch` change.
struct TokenizedRows {
  int num_columns = 0;
  std::vector<FieldRef> fields;
  /// Line (1-based) on which each record starts, for error messages.
  std::vector<int64_t> row_line;
  /// Unescaped copies of quoted fields that contained escapes.
  std::string scratch;

  int64_t num_rows() const { return static_cast<int64_t>(row_line.size()); }
  const FieldRef& at(int64_t row, int column) const {
    return fields[static_cast<size_t>(row) * static_cast<size_t>(num_columns) +
                  static_cast<size_t>(column)];
  }
  /// Drops one row (used when a value in it fails to convert and bad rows are skipped).
  void EraseRow(int64_t row);
  void Clear() {
    fields.clear();
    row_line.clear();
    scratch.clear();
  }
};

/// Why Tokenize returned.
enum class TokenizeStop : uint8_t {
  kMaxRows,   ///< `max_rows` records were produced
  kNeedMore,  ///< the input ends inside a record and is not final: supply more bytes
  kLimit,     ///< the next line starts at or after `stop` (end of a byte range)
  kEnd,       ///< final input fully consumed
};

/// A state machine that splits CSV bytes into records and fields (RFC 4180 plus the options'
/// escape, comment, and blank-line rules). It works over a caller-owned window of bytes that
/// always starts at a line start, so a reader can refill and compact its buffer between calls.
/// Not thread-safe; one tokenizer per reader.
class Tokenizer {
 public:
  Tokenizer(const CsvReadOptions& options, std::string source_name);

  /// Records with a different field count are errors (or skipped and counted with
  /// skip_bad_rows); 0 accepts any count (used for the header and the first record).
  void set_expected_fields(int expected) { expected_fields_ = expected; }
  /// Line number of the line at the current position.
  int64_t line() const { return line_; }
  void set_line(int64_t line) { line_ = line; }
  /// Records dropped so far for having the wrong number of fields.
  int64_t bad_rows() const { return bad_rows_; }
  void set_bad_rows(int64_t bad_rows) { bad_rows_ = bad_rows; }

  /// Tokenizes records of `data` from `*pos`, appending at most `max_rows` to `out` (whose
  /// num_columns must equal the expected count, or which holds only one row when the count is
  /// unknown). `final` says no bytes follow `data`. No record starting at or after `stop` is
  /// read. On return `*pos` is the start of the first line not consumed; for kNeedMore that is the
  /// start of the incomplete record, and line() is rewound to it.
  Result<TokenizeStop> Tokenize(std::string_view data, bool final, size_t stop, int64_t max_rows,
                                size_t* pos, TokenizedRows* out);

 private:
  enum class FieldEnd : uint8_t { kOk, kNeedMore };
  Result<FieldEnd> ParseQuoted(std::string_view data, bool final, size_t* pos, TokenizedRows* out);
  /// End of the unquoted field starting at `p`: the first delimiter, CR or LF, or `size`.
  size_t ScanUnquoted(const char* bytes, size_t p, size_t size) const;
  Status ErrorAt(std::string_view data, size_t pos, std::string message) const;

  CsvReadOptions options_;
  std::string source_name_;
  bool special_[256];
  int expected_fields_ = 0;
  int64_t line_ = 1;
  int64_t bad_rows_ = 0;
};

/// Counts the line ends in `data` the way the tokenizer does: LF, CRLF and lone CR each end a
/// line. `prev_cr` carries a CR that ended the previous chunk (so a CRLF split across chunks counts
/// once); it is updated for the next chunk.
int64_t CountLineEnds(std::string_view data, bool* prev_cr);

}  // namespace ballista::formats::csv
