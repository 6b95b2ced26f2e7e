#include "ballista/formats/json/json_reader.h"

#include <cstring>

#include "ballista/formats/file_io.h"
#include "ballista/formats/json/schema_inference.h"
#include "ballista/formats/json/value_converter.h"

namespace ballista::formats::json {
namespace {

namespace a = ballista::arrow;

// Read granularity: large enough to amortize calls, small enough that short inputs stay cheap.
constexpr int64_t kBlockSize = 64 << 10;

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

}  // namespace

JsonReader::JsonReader(std::unique_ptr<InputStream> stream, const JsonReadOptions& options,
                       std::string name)
    : stream_(std::move(stream)), options_(options), name_(std::move(name)) {}

std::string JsonReader::Where(int64_t line_offset) const {
  if (range_mode_) return name_ + " (line at byte " + std::to_string(line_offset) + ")";
  return name_ + ":" + std::to_string(line_no_);
}

Status JsonReader::Refill() {
  buffer_.erase(0, pos_);
  buffer_offset_ += static_cast<int64_t>(pos_);
  pos_ = 0;
  size_t old = buffer_.size();
  buffer_.resize(old + kBlockSize);
  ASSIGN_OR_RAISE(int64_t n,
                  stream_->Read(reinterpret_cast<uint8_t*>(buffer_.data() + old), kBlockSize));
  buffer_.resize(old + static_cast<size_t>(n));
  if (n == 0) eof_ = true;
  return Status::OK();
}

Result<bool> JsonReader::LineAt(size_t* cursor, std::string_view* line, int64_t* line_offset) {
  while (true) {
    size_t start = pos_ + *cursor;
    if (buffer_offset_ + static_cast<int64_t>(start) >= stop_offset_) return false;
    const char* begin = buffer_.data() + start;
    const void* nl =
        start < buffer_.size() ? std::memchr(begin, '\n', buffer_.size() - start) : nullptr;
    if (nl != nullptr || (eof_ && start < buffer_.size())) {
      size_t end =
          nl ? static_cast<size_t>(static_cast<const char*>(nl) - buffer_.data()) : buffer_.size();
      *line = std::string_view(begin, end - start);
      *line_offset = buffer_offset_ + static_cast<int64_t>(start);
      *cursor = end + (nl ? 1 : 0) - pos_;
      return true;
    }
    if (eof_) return false;
    RETURN_NOT_OK(Refill());  // keeps bytes from pos_, so the cursor stays valid
  }
}

Status JsonReader::Init(bool infer, int64_t start_offset, bool skip_partial_line) {
  buffer_offset_ = start_offset;
  if (skip_partial_line) {
    // The stream starts one byte before the range: a '\n' there means the range starts a line.
    size_t cursor = 0;
    std::string_view line;
    int64_t offset;
    ASSIGN_OR_RAISE(bool found, LineAt(&cursor, &line, &offset));
    (void)found;
    pos_ += cursor;
  }
  a::SchemaPtr file_schema = options_.schema;
  if (infer) {
    InferredType root;
    root.kind = InferredType::Kind::kStruct;
    size_t cursor = 0;
    int64_t sampled = 0;
    int64_t line_number = 0;
    std::string_view line;
    int64_t offset;
    while (sampled < options_.infer_rows) {
      ASSIGN_OR_RAISE(bool found, LineAt(&cursor, &line, &offset));
      if (!found) break;
      ++line_number;
      if (IsBlank(line)) continue;
      simdjson::dom::element doc;
      auto error = parser_.parse(line.data(), line.size()).get(doc);
      if (error) {
        return Status::InvalidData(name_ + ":" + std::to_string(line_number) +
                                   ": invalid JSON: " + simdjson::error_message(error));
      }
      if (!doc.is_object()) {
        return Status::InvalidData(name_ + ":" + std::to_string(line_number) +
                                   ": expected a JSON object");
      }
      root.Merge(doc, options_.infer_temporal);
      ++sampled;
    }
    a::FieldVector fields;
    for (const auto& [key, type] : root.fields)
      fields.push_back(a::MakeField(key, type->ToArrow()));
    file_schema = a::MakeSchema(std::move(fields));
  }
  for (const auto& f : file_schema->fields()) RETURN_NOT_OK(CheckReadableType(*f));
  if (options_.include_columns.empty()) {
    schema_ = file_schema;
  } else {
    a::FieldVector fields;
    for (const auto& name : options_.include_columns) {
      ASSIGN_OR_RAISE(auto field, file_schema->GetFieldByName(name));
      fields.push_back(field);
    }
    schema_ = a::MakeSchema(std::move(fields));
  }
  for (int i = 0; i < schema_->num_fields(); ++i) {
    column_of_[schema_->field(i)->name()] = i;
    ASSIGN_OR_RAISE(auto builder, a::MakeBuilder(schema_->field(i)->type()));
    builders_.push_back(std::move(builder));
  }
  seen_.assign(builders_.size(), 0);
  return Status::OK();
}

Status JsonReader::ConvertLine(std::string_view line, int64_t line_offset) {
  simdjson::dom::element doc;
  auto error = parser_.parse(line.data(), line.size()).get(doc);
  if (error) {
    return Status::InvalidData(Where(line_offset) +
                               ": invalid JSON: " + simdjson::error_message(error));
  }
  simdjson::dom::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) {
    return Status::InvalidData(Where(line_offset) + ": expected a JSON object");
  }
  std::fill(seen_.begin(), seen_.end(), 0);
  for (auto field : object) {
    auto it = column_of_.find(std::string(field.key));
    if (it == column_of_.end() || seen_[static_cast<size_t>(it->second)]) continue;
    int c = it->second;
    seen_[static_cast<size_t>(c)] = 1;
    Status st = AppendJsonValue(builders_[static_cast<size_t>(c)].get(), *schema_->field(c)->type(),
                                field.value, schema_->field(c)->name());
    if (!st.ok()) return Status::InvalidData(Where(line_offset) + ": " + st.message());
  }
  for (size_t c = 0; c < builders_.size(); ++c) {
    if (!seen_[c]) RETURN_NOT_OK(builders_[c]->AppendNull());
  }
  return Status::OK();
}

Result<a::RecordBatchPtr> JsonReader::Next() {
  int64_t rows = 0;
  std::string_view line;
  int64_t offset;
  while (rows < options_.batch_size) {
    size_t cursor = 0;
    ASSIGN_OR_RAISE(bool found, LineAt(&cursor, &line, &offset));
    if (!found) break;
    pos_ += cursor;
    ++line_no_;
    if (IsBlank(line)) continue;
    RETURN_NOT_OK(ConvertLine(line, offset));
    ++rows;
  }
  if (rows == 0) return a::RecordBatchPtr();
  std::vector<a::ArrayDataPtr> columns;
  for (auto& b : builders_) {
    ASSIGN_OR_RAISE(auto array, b->Finish());
    columns.push_back(std::move(array));
  }
  return a::RecordBatch::Make(schema_, rows, std::move(columns));
}

Result<std::unique_ptr<JsonReader>> JsonReader::Open(const std::string& path,
                                                     const JsonReadOptions& options) {
  ASSIGN_OR_RAISE(auto stream, OpenInputStream(path, options.compression));
  std::unique_ptr<JsonReader> reader(new JsonReader(std::move(stream), options, path));
  RETURN_NOT_OK(reader->Init(options.schema == nullptr, 0, false));
  return reader;
}

Result<std::unique_ptr<JsonReader>> JsonReader::OpenRange(const std::string& path, ByteRange range,
                                                          const JsonReadOptions& options) {
  JsonReadOptions resolved = options;
  if (resolved.schema == nullptr) {
    JsonReadOptions whole = options;
    whole.include_columns.clear();
    ASSIGN_OR_RAISE(resolved.schema, InferJsonSchema(path, whole));
  }
  int64_t start = range.offset > 0 ? range.offset - 1 : 0;
  ASSIGN_OR_RAISE(auto stream, OpenInputStream(path, Compression::kNone, start));
  std::unique_ptr<JsonReader> reader(new JsonReader(std::move(stream), resolved, path));
  reader->range_mode_ = true;
  reader->stop_offset_ = range.offset + range.length;
  RETURN_NOT_OK(reader->Init(false, start, range.offset > 0));
  return reader;
}

Result<std::unique_ptr<JsonReader>> JsonReader::OpenBuffer(std::string_view data,
                                                           const JsonReadOptions& options,
                                                           std::string name) {
  Compression compression =
      options.compression == Compression::kAuto ? Compression::kNone : options.compression;
  auto stream = MakeBufferInputStream(data, compression, name);
  std::unique_ptr<JsonReader> reader(new JsonReader(std::move(stream), options, std::move(name)));
  RETURN_NOT_OK(reader->Init(options.schema == nullptr, 0, false));
  return reader;
}

Result<a::SchemaPtr> InferJsonSchema(const std::string& path, const JsonReadOptions& options) {
  JsonReadOptions copy = options;
  copy.schema = nullptr;
  copy.include_columns.clear();
  ASSIGN_OR_RAISE(auto reader, JsonReader::Open(path, copy));
  return reader->schema();
}

Result<std::vector<a::RecordBatchPtr>> ReadJsonFile(const std::string& path,
                                                    const JsonReadOptions& options) {
  ASSIGN_OR_RAISE(auto reader, JsonReader::Open(path, options));
  return reader->ReadAll();
}

Result<std::vector<a::RecordBatchPtr>> ReadJsonBuffer(std::string_view data,
                                                      const JsonReadOptions& options,
                                                      std::string name) {
  ASSIGN_OR_RAISE(auto reader, JsonReader::OpenBuffer(data, options, std::move(name)));
  return reader->ReadAll();
}

Result<std::vector<ByteRange>> SplitJsonFile(const std::string& path, int64_t target_range_bytes,
                                             const JsonReadOptions& options) {
  ASSIGN_OR_RAISE(int64_t size, FileSize(path));
  std::vector<ByteRange> ranges;
  if (ResolveCompression(path, options.compression) != Compression::kNone ||
      target_range_bytes <= 0 || size <= target_range_bytes) {
    ranges.push_back({0, size});
    return ranges;
  }
  for (int64_t offset = 0; offset < size; offset += target_range_bytes) {
    ranges.push_back({offset, std::min(target_range_bytes, size - offset)});
  }
  return ranges;
}

}  // namespace ballista::formats::json
