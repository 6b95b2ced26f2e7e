#include "ballista/formats/csv/tokenizer.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace ballista::formats::csv {

void TokenizedRows::EraseRow(int64_t row) {
  auto begin = fields.begin() + static_cast<std::ptrdiff_t>(row * num_columns);
  fields.erase(begin, begin + num_columns);
  row_line.erase(row_line.begin() + static_cast<std::ptrdiff_t>(row));
}

int64_t CountLineEnds(std::string_view data, bool* prev_cr) {
  int64_t count = 0;
  size_t i = 0;
  if (*prev_cr && !data.empty() && data[0] == '\n') i = 1;  // the LF of a split CRLF
  if (std::memchr(data.data(), '\r', data.size()) == nullptr) {
    count = std::count(data.begin() + static_cast<std::ptrdiff_t>(i), data.end(), '\n');
  } else {
    for (; i < data.size(); ++i) {
      char c = data[i];
      if (c == '\n') {
        ++count;
      } else if (c == '\r') {
        ++count;
        if (i + 1 < data.size() && data[i + 1] == '\n') ++i;
      }
    }
  }
  if (!data.empty()) *prev_cr = data.back() == '\r';
  return count;
}

size_t Tokenizer::ScanUnquoted(const char* bytes, size_t p, size_t size) const {
  // Eight bytes at a time (SWAR): a lane equal to the delimiter, LF or CR becomes zero after the
  // XOR, and the classic has-zero-byte test flags it; its lowest flagged lane is exact.
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  const uint64_t delimiters = kOnes * static_cast<uint8_t>(options_.delimiter);
  constexpr uint64_t kLf = kOnes * '\n';
  constexpr uint64_t kCr = kOnes * '\r';
  auto zero_lanes = [](uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  while (p + 8 <= size) {
    uint64_t word;
    std::memcpy(&word, bytes + p, sizeof(word));
    uint64_t hits = zero_lanes(word ^ delimiters) | zero_lanes(word ^ kLf) | zero_lanes(word ^ kCr);
    if (hits != 0) return p + static_cast<size_t>(std::countr_zero(hits) / 8);
    p += 8;
  }
  while (p < size && !special_[static_cast<uint8_t>(bytes[p])]) ++p;
  return p;
}

Tokenizer::Tokenizer(const CsvReadOptions& options, std::string source_name)
    : options_(options), source_name_(std::move(source_name)) {
  std::memset(special_, 0, sizeof(special_));
  special_[static_cast<uint8_t>(options_.delimiter)] = true;
  special_[static_cast<uint8_t>('\n')] = true;
  special_[static_cast<uint8_t>('\r')] = true;
}

Status Tokenizer::ErrorAt(std::string_view data, size_t pos, std::string message) const {
  // The window always starts at a line start, so the column is the distance to the last line
  // end before `pos` (1-based, in bytes).
  size_t line_begin = pos;
  while (line_begin > 0 && data[line_begin - 1] != '\n' && data[line_begin - 1] != '\r') {
    --line_begin;
  }
  return Status::InvalidData(source_name_ + ":" + std::to_string(line_) + ":" +
                             std::to_string(pos - line_begin + 1) + ": " + message);
}

Result<Tokenizer::FieldEnd> Tokenizer::ParseQuoted(std::string_view data, bool final, size_t* pos,
                                                   TokenizedRows* out) {
  const char quote = options_.quote;
  const size_t open = *pos;
  const int64_t open_line = line_;
  size_t p = open + 1;
  size_t segment = p;
  bool copied = false;
  size_t scratch_begin = out->scratch.size();
  bool prev_cr = false;
  const bool has_escape = options_.escape.has_value() && *options_.escape != quote;
  const char escape = has_escape ? *options_.escape : quote;
  while (true) {
    size_t hit = std::string_view::npos;
    if (has_escape) {
      for (size_t i = p; i < data.size(); ++i) {
        if (data[i] == quote || data[i] == escape) {
          hit = i;
          break;
        }
      }
    } else {
      const void* found = std::memchr(data.data() + p, quote, data.size() - p);
      if (found != nullptr) hit = static_cast<const char*>(found) - data.data();
    }
    size_t span_end = hit == std::string_view::npos ? data.size() : hit;
    line_ += CountLineEnds(data.substr(p, span_end - p), &prev_cr);
    if (hit == std::string_view::npos) {
      if (!final) {
        line_ = open_line;
        return FieldEnd::kNeedMore;
      }
      line_ = open_line;
      return ErrorAt(data, open, "unterminated quoted field at end of file");
    }
    if (hit + 1 >= data.size() && !final) {
      // Cannot yet tell a closing quote from the first of a doubled pair (or an escape's target).
      line_ = open_line;
      return FieldEnd::kNeedMore;
    }
    if (data[hit] == quote && (hit + 1 >= data.size() || data[hit + 1] != quote)) {
      // Closing quote.
      if (!copied) {
        out->fields.push_back({data.data() + segment, static_cast<uint32_t>(hit - segment), true});
      } else {
        out->scratch.append(data.data() + segment, hit - segment);
        out->fields.push_back({out->scratch.data() + scratch_begin,
                               static_cast<uint32_t>(out->scratch.size() - scratch_begin), true});
      }
      *pos = hit + 1;
      return FieldEnd::kOk;
    }
    if (hit + 1 >= data.size()) {
      line_ = open_line;
      return ErrorAt(data, open, "unterminated quoted field at end of file");
    }
    // A doubled quote or an escape: keep the following character literally.
    out->scratch.append(data.data() + segment, hit - segment);
    out->scratch.push_back(data[hit + 1]);
    if (data[hit + 1] == '\n' || data[hit + 1] == '\r') {
      line_ += CountLineEnds(data.substr(hit + 1, 1), &prev_cr);
    }
    copied = true;
    p = hit + 2;
    segment = p;
  }
}

Result<TokenizeStop> Tokenizer::Tokenize(std::string_view data, bool final, size_t stop,
                                         int64_t max_rows, size_t* pos, TokenizedRows* out) {
  // Pointers into scratch must stay valid for the whole batch: reserve the worst case (every
  // remaining byte copied) so appends never reallocate.
  out->scratch.reserve(out->scratch.size() + (data.size() - *pos) + 1);
  const char delimiter = options_.delimiter;
  const char quote = options_.quote;
  int64_t rows = 0;
  size_t p = *pos;
  const size_t size = data.size();
  const char* bytes = data.data();
  while (true) {
    *pos = p;
    if (rows >= max_rows) return TokenizeStop::kMaxRows;
    if (p >= stop) return TokenizeStop::kLimit;
    if (p >= size) return final ? TokenizeStop::kEnd : TokenizeStop::kNeedMore;
    char c = bytes[p];
    if (c == '\n') {  // blank line
      ++p;
      ++line_;
      continue;
    }
    if (c == '\r') {
      if (p + 1 >= size && !final) return TokenizeStop::kNeedMore;
      ++p;
      if (p < size && bytes[p] == '\n') ++p;
      ++line_;
      continue;
    }
    if (options_.comment.has_value() && c == *options_.comment) {
      size_t q = p;
      while (q < size && bytes[q] != '\n' && bytes[q] != '\r') ++q;
      if ((q >= size || (bytes[q] == '\r' && q + 1 >= size)) && !final) {
        return TokenizeStop::kNeedMore;
      }
      p = q;  // the line end is consumed as a blank line next round
      continue;
    }
    // One record.
    const size_t record_begin = p;
    const int64_t record_line = line_;
    const size_t first_field = out->fields.size();
    const size_t scratch_mark = out->scratch.size();
    bool need_more = false;
    bool ended = false;
    while (!ended) {
      if (p < size && bytes[p] == quote) {
        ASSIGN_OR_RAISE(FieldEnd end, ParseQuoted(data, final, &p, out));
        if (end == FieldEnd::kNeedMore) {
          need_more = true;
          break;
        }
        if (p < size && bytes[p] != delimiter && bytes[p] != '\n' && bytes[p] != '\r') {
          std::string shown(1, bytes[p]);
          return ErrorAt(data, p, "unexpected character '" + shown + "' after closing quote");
        }
      } else {
        size_t begin = p;
        p = ScanUnquoted(bytes, p, size);
        out->fields.push_back({bytes + begin, static_cast<uint32_t>(p - begin), false});
      }
      if (p >= size) {
        if (!final) need_more = true;
        break;  // end of file ends the record
      }
      char end = bytes[p];
      if (end == delimiter) {
        ++p;
        if (p >= size) {
          if (!final) {
            need_more = true;
            break;
          }
          out->fields.push_back({bytes + p, 0, false});  // "a,b," at end of file
          break;
        }
        continue;
      }
      if (end == '\r') {
        if (p + 1 >= size && !final) {
          need_more = true;
          break;
        }
        ++p;
        if (p < size && bytes[p] == '\n') ++p;
      } else {
        ++p;  // '\n'
      }
      ++line_;
      ended = true;
    }
    if (need_more) {
      out->fields.resize(first_field);
      out->scratch.resize(scratch_mark);
      line_ = record_line;
      *pos = record_begin;
      return TokenizeStop::kNeedMore;
    }
    int found = static_cast<int>(out->fields.size() - first_field);
    if (options_.allow_trailing_delimiter && found >= 2 && found != expected_fields_ &&
        out->fields.back().size == 0 && !out->fields.back().quoted) {
      out->fields.pop_back();
      --found;
    }
    if (expected_fields_ > 0 && found != expected_fields_) {
      if (!options_.skip_bad_rows) {
        return Status::InvalidData(source_name_ + ":" + std::to_string(record_line) +
                                   ": expected " + std::to_string(expected_fields_) +
                                   " fields, found " + std::to_string(found));
      }
      out->fields.resize(first_field);
      ++bad_rows_;
      continue;
    }
    out->row_line.push_back(record_line);
    ++rows;
  }
}

}  // namespace ballista::formats::csv
