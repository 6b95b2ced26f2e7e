#include "ballista/formats/csv/csv_reader.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "ballista/formats/csv/type_inference.h"
#include "ballista/formats/file_io.h"

namespace ballista::formats::csv {

namespace {

constexpr size_t kBlockBytes = 1 << 20;

/// Where the first line that starts at or after `offset` begins, and its line number.
///
/// Range splitting rule (quote parity): in RFC 4180 text a quote character only opens or closes
/// a quoted field, and an escaped quote inside one is doubled, so a position is inside a quoted
/// field exactly when an odd number of quote characters precede it. Counting quotes over the
/// prefix is a memchr-speed pass and needs no guessing, so every range reader agrees with a
/// sequential read on where lines start. (Files whose unquoted fields contain stray quote
/// characters break the rule; comments and escape characters do too, so SplitFile never splits
/// those.) The prefix pass costs O(offset) per range, far less than parsing the range.
struct LineStart {
  int64_t offset;
  int64_t line;
};

Result<LineStart> FindLineStart(const LocalFile& file, int64_t offset, char quote) {
  if (offset <= 0) return LineStart{0, 1};
  std::vector<uint8_t> chunk(kBlockBytes);
  int64_t quotes = 0;
  int64_t lines = 1;
  bool prev_cr = false;
  // The line containing `offset` starts after the last line end before it; look from
  // offset - 1 so that a line end just before `offset` makes `offset` itself a line start.
  const int64_t scan_from = offset - 1;
  for (int64_t at = 0; at < scan_from;) {
    int64_t want = std::min<int64_t>(static_cast<int64_t>(chunk.size()), scan_from - at);
    ASSIGN_OR_RAISE(int64_t n, file.ReadAt(at, want, chunk.data()));
    if (n == 0) break;
    const char* text = reinterpret_cast<const char*>(chunk.data());
    quotes += std::count(text, text + n, quote);
    lines += CountLineEnds(std::string_view(text, static_cast<size_t>(n)), &prev_cr);
    at += n;
  }
  bool in_quote = (quotes & 1) != 0;
  std::string scanned;
  int64_t at = scan_from;
  while (true) {
    ASSIGN_OR_RAISE(int64_t n, file.ReadAt(at, static_cast<int64_t>(chunk.size()), chunk.data()));
    if (n == 0) break;
    size_t base = scanned.size();
    scanned.append(reinterpret_cast<const char*>(chunk.data()), static_cast<size_t>(n));
    for (size_t i = base; i < scanned.size(); ++i) {
      char c = scanned[i];
      if (c == quote) {
        in_quote = !in_quote;
      } else if (!in_quote && (c == '\n' || c == '\r')) {
        size_t start = i + 1;
        if (c == '\r') {
          if (start == scanned.size()) {
            // The byte after a CR decides; fetch it.
            uint8_t next = 0;
            ASSIGN_OR_RAISE(int64_t m,
                            file.ReadAt(scan_from + static_cast<int64_t>(start), 1, &next));
            if (m == 1 && next == '\n') {
              scanned.push_back('\n');
              ++start;
            }
          } else if (scanned[start] == '\n') {
            ++start;
          }
        }
        lines += CountLineEnds(std::string_view(scanned.data(), start), &prev_cr);
        return LineStart{scan_from + static_cast<int64_t>(start), lines};
      }
    }
    at += n;
  }
  return LineStart{file.size(), lines};
}

std::string Shorten(std::string_view text) {
  if (text.size() <= 60) return std::string(text);
  return std::string(text.substr(0, 57)) + "...";
}

}  // namespace

CsvReader::CsvReader(std::unique_ptr<InputStream> stream, const CsvReadOptions& options,
                     std::string name)
    : stream_(std::move(stream)), options_(options), name_(name), tokenizer_(options, name) {}

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path,
                                                   const CsvReadOptions& options) {
  ASSIGN_OR_RAISE(auto stream, OpenInputStream(path, options.compression));
  std::unique_ptr<CsvReader> reader(new CsvReader(std::move(stream), options, path));
  RETURN_NOT_OK(reader->Init(true));
  return reader;
}

Result<std::unique_ptr<CsvReader>> CsvReader::OpenBuffer(std::string_view data,
                                                         const CsvReadOptions& options,
                                                         std::string name) {
  Compression compression =
      options.compression == Compression::kAuto ? Compression::kNone : options.compression;
  auto stream = MakeBufferInputStream(data, compression, name);
  std::unique_ptr<CsvReader> reader(new CsvReader(std::move(stream), options, std::move(name)));
  RETURN_NOT_OK(reader->Init(true));
  return reader;
}

Result<std::unique_ptr<CsvReader>> CsvReader::OpenRange(const std::string& path, ByteRange range,
                                                        const CsvReadOptions& options) {
  if (range.offset < 0 || range.length < 0) {
    return Status::InvalidArgument(path + ": invalid byte range");
  }
  if (ResolveCompression(path, options.compression) != Compression::kNone) {
    if (range.offset != 0) {
      return Status::InvalidArgument(path + ": compressed files cannot be read by byte range");
    }
    ASSIGN_OR_RAISE(auto reader, Open(path, options));
    return reader;
  }
  if (range.offset > 0 && (options.comment.has_value() || options.escape.has_value())) {
    return Status::InvalidArgument(
        path + ": files read with a comment or escape character cannot be split into ranges");
  }
  CsvReadOptions resolved = options;
  if (resolved.schema == nullptr) {
    ASSIGN_OR_RAISE(resolved.schema, InferSchema(path, options));
  }
  ASSIGN_OR_RAISE(auto file, LocalFile::Open(path));
  ASSIGN_OR_RAISE(LineStart start, FindLineStart(*file, range.offset, options.quote));
  ASSIGN_OR_RAISE(auto stream, OpenInputStream(path, Compression::kNone, start.offset));
  std::unique_ptr<CsvReader> reader(new CsvReader(std::move(stream), resolved, path));
  reader->buffer_offset_ = start.offset;
  reader->stop_offset_ = range.offset + range.length;
  reader->tokenizer_.set_line(start.line);
  RETURN_NOT_OK(reader->Init(start.offset == 0));
  return reader;
}

size_t CsvReader::RelativeStop() const {
  if (stop_offset_ == INT64_MAX) return std::numeric_limits<size_t>::max();
  if (stop_offset_ <= buffer_offset_) return 0;
  return static_cast<size_t>(stop_offset_ - buffer_offset_);
}

Status CsvReader::Refill() {
  if (pos_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    buffer_offset_ += static_cast<int64_t>(pos_);
    pos_ = 0;
  }
  if (buffer_.size() - end_ < kBlockBytes / 2) {
    buffer_.resize(std::max(buffer_.size() * 2, end_ + kBlockBytes));
  }
  ASSIGN_OR_RAISE(int64_t n, stream_->Read(reinterpret_cast<uint8_t*>(buffer_.data() + end_),
                                           static_cast<int64_t>(buffer_.size() - end_)));
  if (n == 0) eof_ = true;
  end_ += static_cast<size_t>(n);
  return Status::OK();
}

Result<bool> CsvReader::PeekRecord(TokenizedRows* rows) {
  const int64_t line = tokenizer_.line();
  tokenizer_.set_expected_fields(0);
  while (true) {
    rows->Clear();
    rows->num_columns = 0;
    size_t p = pos_;
    ASSIGN_OR_RAISE(TokenizeStop stop, tokenizer_.Tokenize(std::string_view(buffer_.data(), end_),
                                                           eof_, RelativeStop(), 1, &p, rows));
    if (stop == TokenizeStop::kNeedMore) {
      RETURN_NOT_OK(Refill());
      continue;
    }
    tokenizer_.set_line(line);
    rows->num_columns = static_cast<int>(rows->fields.size());
    return rows->num_rows() == 1;
  }
}

Status CsvReader::PeekRecords(int64_t max_rows, TokenizedRows* rows) {
  const int64_t line = tokenizer_.line();
  const int64_t bad = tokenizer_.bad_rows();
  const int columns = rows->num_columns;
  while (true) {
    rows->Clear();
    rows->num_columns = columns;
    size_t p = pos_;
    tokenizer_.set_line(line);
    tokenizer_.set_bad_rows(bad);
    ASSIGN_OR_RAISE(TokenizeStop stop,
                    tokenizer_.Tokenize(std::string_view(buffer_.data(), end_), eof_,
                                        RelativeStop(), max_rows, &p, rows));
    if (stop == TokenizeStop::kNeedMore) {
      RETURN_NOT_OK(Refill());
      continue;
    }
    tokenizer_.set_line(line);
    tokenizer_.set_bad_rows(bad);
    return Status::OK();
  }
}

Status CsvReader::Init(bool at_file_start) {
  if (options_.batch_size <= 0) return Status::InvalidArgument("batch_size must be positive");
  auto is_line_end = [](char c) { return c == '\n' || c == '\r'; };
  if (options_.delimiter == options_.quote || is_line_end(options_.delimiter) ||
      is_line_end(options_.quote) || (options_.escape && is_line_end(*options_.escape)) ||
      (options_.comment &&
       (is_line_end(*options_.comment) || *options_.comment == options_.delimiter))) {
    return Status::InvalidArgument(name_ +
                                   ": delimiter, quote, escape and comment characters must "
                                   "differ from each other and from line ends");
  }
  std::vector<std::string> header;
  int num_columns = -1;
  if (at_file_start && options_.has_header) {
    TokenizedRows record;
    ASSIGN_OR_RAISE(bool found, PeekRecord(&record));
    if (found) {
      for (const FieldRef& field : record.fields) header.emplace_back(field.view());
      num_columns = record.num_columns;
      // Consume the header line: tokenize it again for real so pos_ and line() advance.
      size_t p = pos_;
      record.Clear();
      RETURN_NOT_OK(tokenizer_
                        .Tokenize(std::string_view(buffer_.data(), end_), eof_, RelativeStop(), 1,
                                  &p, &record)
                        .status());
      pos_ = p;
    }
  }
  if (options_.schema != nullptr) {
    int expected = options_.schema->num_fields();
    if (num_columns >= 0 && num_columns != expected) {
      return Status::InvalidData(name_ + ":1: header has " + std::to_string(num_columns) +
                                 " fields but the schema has " + std::to_string(expected));
    }
    num_columns = expected;
    file_schema_ = options_.schema;
  } else {
    if (num_columns < 0) {
      TokenizedRows first;
      ASSIGN_OR_RAISE(bool found, PeekRecord(&first));
      num_columns = found ? first.num_columns : 0;
    }
    std::vector<std::string> names = MakeColumnNames(header, num_columns);
    TokenizedRows sample;
    sample.num_columns = num_columns;
    tokenizer_.set_expected_fields(num_columns);
    if (num_columns > 0) RETURN_NOT_OK(PeekRecords(options_.infer_rows, &sample));
    std::vector<arrow::DataTypePtr> types = InferColumnTypes(sample, options_);
    arrow::FieldVector fields;
    for (int i = 0; i < num_columns; ++i) {
      fields.push_back(
          arrow::MakeField(names[static_cast<size_t>(i)], types[static_cast<size_t>(i)]));
    }
    file_schema_ = arrow::MakeSchema(std::move(fields));
  }
  tokenizer_.set_expected_fields(num_columns);
  rows_.num_columns = num_columns;
  arrow::FieldVector projected;
  if (options_.include_columns.empty()) {
    for (int i = 0; i < num_columns; ++i) projection_.push_back(i);
  } else {
    for (const std::string& column : options_.include_columns) {
      int index = file_schema_->GetFieldIndex(column);
      if (index < 0) {
        return Status::InvalidArgument(name_ + ": column \"" + column + "\" not found");
      }
      projection_.push_back(index);
    }
  }
  for (int index : projection_) {
    const arrow::FieldPtr& field = file_schema_->field(index);
    auto decoder = ColumnDecoder::Make(field->type(), options_);
    if (!decoder.ok()) {
      return decoder.status().WithContext(name_ + ": column \"" + field->name() + "\"");
    }
    decoders_.push_back(std::move(*decoder));
    projected.push_back(field);
  }
  schema_ = arrow::MakeSchema(std::move(projected));
  return Status::OK();
}

Status CsvReader::Convert() {
  const int64_t base = decoders_.empty() ? 0 : decoders_[0]->length();
  while (true) {
    bool retry = false;
    for (size_t k = 0; k < decoders_.size() && !retry; ++k) {
      int column = projection_[k];
      int64_t bad = decoders_[k]->Append(rows_, column);
      if (bad < 0) continue;
      if (!options_.skip_bad_rows) {
        const arrow::FieldPtr& field = file_schema_->field(column);
        return Status::InvalidData(
            name_ + ":" + std::to_string(rows_.row_line[static_cast<size_t>(bad)]) + ": column \"" +
            field->name() + "\" (" + field->type()->ToString() + "): cannot parse \"" +
            Shorten(rows_.at(bad, column).view()) + "\"");
      }
      for (auto& decoder : decoders_) decoder->Truncate(base);
      rows_.EraseRow(bad);
      ++bad_values_;
      retry = true;
    }
    if (!retry) return Status::OK();
  }
}

Result<arrow::RecordBatchPtr> CsvReader::Next() {
  int64_t pending = 0;
  while (!done_ && pending < options_.batch_size) {
    rows_.Clear();
    size_t p = pos_;
    ASSIGN_OR_RAISE(TokenizeStop stop,
                    tokenizer_.Tokenize(std::string_view(buffer_.data(), end_), eof_,
                                        RelativeStop(), options_.batch_size - pending, &p, &rows_));
    pos_ = p;
    RETURN_NOT_OK(Convert());
    pending += rows_.num_rows();
    if (stop == TokenizeStop::kNeedMore) {
      RETURN_NOT_OK(Refill());
    } else if (stop == TokenizeStop::kLimit || stop == TokenizeStop::kEnd) {
      done_ = true;
    }
  }
  rows_.Clear();
  if (pending == 0) return arrow::RecordBatchPtr();
  std::vector<arrow::ArrayDataPtr> columns;
  for (auto& decoder : decoders_) {
    ASSIGN_OR_RAISE(auto column, decoder->Finish());
    columns.push_back(std::move(column));
  }
  return std::make_shared<arrow::RecordBatch>(schema_, pending, std::move(columns));
}

Result<arrow::SchemaPtr> InferSchema(const std::string& path, const CsvReadOptions& options) {
  CsvReadOptions probe = options;
  probe.include_columns.clear();
  ASSIGN_OR_RAISE(auto reader, CsvReader::Open(path, probe));
  return reader->file_schema();
}

Result<std::vector<arrow::RecordBatchPtr>> ReadCsvFile(const std::string& path,
                                                       const CsvReadOptions& options) {
  ASSIGN_OR_RAISE(auto reader, CsvReader::Open(path, options));
  return reader->ReadAll();
}

Result<std::vector<arrow::RecordBatchPtr>> ReadCsvBuffer(std::string_view data,
                                                         const CsvReadOptions& options,
                                                         std::string name) {
  ASSIGN_OR_RAISE(auto reader, CsvReader::OpenBuffer(data, options, std::move(name)));
  return reader->ReadAll();
}

Result<std::vector<ByteRange>> SplitFile(const std::string& path, int64_t target_range_bytes,
                                         const CsvReadOptions& options) {
  if (target_range_bytes <= 0) {
    return Status::InvalidArgument("target range size must be positive");
  }
  ASSIGN_OR_RAISE(int64_t size, FileSize(path));
  if (ResolveCompression(path, options.compression) != Compression::kNone ||
      options.comment.has_value() || options.escape.has_value() || size <= target_range_bytes) {
    return std::vector<ByteRange>{{0, size}};
  }
  std::vector<ByteRange> ranges;
  for (int64_t at = 0; at < size; at += target_range_bytes) {
    ranges.push_back({at, std::min(target_range_bytes, size - at)});
  }
  return ranges;
}

}  // namespace ballista::formats::csv
