#include "ballista/formats/csv/csv_writer.h"

#include <cerrno>
#include <charconv>
#include <cstring>

#include "ballista/arrow/decimal_util.h"
#include "ballista/arrow/pretty_print.h"
#include "ballista/arrow/temporal_util.h"

namespace ballista::formats::csv {

using arrow::ArrayData;
using arrow::TypeId;

namespace {
constexpr size_t kFlushBytes = 1 << 20;

template <typename T>
void AppendNumber(std::string* out, T value) {
  char text[64];
  auto [end, ec] = std::to_chars(text, text + sizeof(text), value);
  (void)ec;  // 64 bytes hold any integer or shortest float
  out->append(text, static_cast<size_t>(end - text));
}
}  // namespace

Result<std::unique_ptr<CsvWriter>> CsvWriter::Open(const std::string& path, arrow::SchemaPtr schema,
                                                   const CsvWriteOptions& options) {
  std::unique_ptr<CsvWriter> writer(new CsvWriter(std::move(schema), options));
  writer->path_ = path;
  writer->file_ = std::fopen(path.c_str(), "wb");
  if (writer->file_ == nullptr) {
    return Status::IOError("cannot create " + path + ": " + std::strerror(errno));
  }
  RETURN_NOT_OK(writer->WriteHeader());
  return writer;
}

Result<std::unique_ptr<CsvWriter>> CsvWriter::OpenString(std::string* out, arrow::SchemaPtr schema,
                                                         const CsvWriteOptions& options) {
  std::unique_ptr<CsvWriter> writer(new CsvWriter(std::move(schema), options));
  writer->path_ = "<string>";
  writer->string_out_ = out;
  RETURN_NOT_OK(writer->WriteHeader());
  return writer;
}

CsvWriter::~CsvWriter() {
  if (!closed_) (void)Close();
}

void CsvWriter::AppendText(std::string_view text, bool is_string) {
  bool needs_quotes = false;
  if (is_string) {
    needs_quotes =
        text.empty() || text == options_.null_string ||
        (options_.quote_surrounding_spaces && (text.front() == ' ' || text.back() == ' '));
  }
  if (!needs_quotes) {
    for (char c : text) {
      if (c == options_.delimiter || c == options_.quote || c == '\n' || c == '\r') {
        needs_quotes = true;
        break;
      }
    }
  }
  if (!needs_quotes) {
    buffer_.append(text);
    return;
  }
  buffer_.push_back(options_.quote);
  for (char c : text) {
    if (c == options_.quote) buffer_.push_back(options_.quote);
    buffer_.push_back(c);
  }
  buffer_.push_back(options_.quote);
}

Status CsvWriter::WriteHeader() {
  if (!options_.header) return Status::OK();
  for (int i = 0; i < schema_->num_fields(); ++i) {
    if (i > 0) buffer_.push_back(options_.delimiter);
    AppendText(schema_->field(i)->name(), true);
  }
  buffer_.append(options_.line_terminator);
  return Flush();
}

Status CsvWriter::Flush() {
  if (buffer_.empty()) return Status::OK();
  if (string_out_ != nullptr) {
    string_out_->append(buffer_);
  } else if (file_ != nullptr) {
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      return Status::IOError("cannot write " + path_ + ": " + std::strerror(errno));
    }
  }
  buffer_.clear();
  return Status::OK();
}

Status CsvWriter::Write(const arrow::RecordBatch& batch) {
  if (closed_) return Status::InvalidArgument(path_ + ": write after close");
  if (batch.num_columns() != schema_->num_fields()) {
    return Status::InvalidArgument(path_ + ": batch has " + std::to_string(batch.num_columns()) +
                                   " columns, the writer " + std::to_string(schema_->num_fields()));
  }
  std::string scratch;
  for (int64_t row = 0; row < batch.num_rows(); ++row) {
    for (int c = 0; c < batch.num_columns(); ++c) {
      if (c > 0) buffer_.push_back(options_.delimiter);
      const ArrayData& data = *batch.column_data(c);
      if (data.IsNull(row)) {
        buffer_.append(options_.null_string);
        continue;
      }
      const int64_t i = row + data.offset;
      switch (data.type->id()) {
        case TypeId::kBool: {
          bool v = (data.buffers[1]->data()[i >> 3] >> (i & 7)) & 1;
          buffer_.append(v ? "true" : "false");
          break;
        }
        case TypeId::kInt8:
          AppendNumber(&buffer_, data.buffers[1]->data_as<int8_t>()[i]);
          break;
        case TypeId::kInt16:
          AppendNumber(&buffer_, data.buffers[1]->data_as<int16_t>()[i]);
          break;
        case TypeId::kInt32:
          AppendNumber(&buffer_, data.buffers[1]->data_as<int32_t>()[i]);
          break;
        case TypeId::kInt64:
          AppendNumber(&buffer_, data.buffers[1]->data_as<int64_t>()[i]);
          break;
        case TypeId::kUInt8:
          AppendNumber(&buffer_, data.buffers[1]->data_as<uint8_t>()[i]);
          break;
        case TypeId::kUInt16:
          AppendNumber(&buffer_, data.buffers[1]->data_as<uint16_t>()[i]);
          break;
        case TypeId::kUInt32:
          AppendNumber(&buffer_, data.buffers[1]->data_as<uint32_t>()[i]);
          break;
        case TypeId::kUInt64:
          AppendNumber(&buffer_, data.buffers[1]->data_as<uint64_t>()[i]);
          break;
        case TypeId::kFloat32:
          AppendNumber(&buffer_, data.buffers[1]->data_as<float>()[i]);
          break;
        case TypeId::kFloat64:
          AppendNumber(&buffer_, data.buffers[1]->data_as<double>()[i]);
          break;
        case TypeId::kDate32:
          buffer_.append(arrow::temporal::FormatDate(data.buffers[1]->data_as<int32_t>()[i]));
          break;
        case TypeId::kTimestamp:
          buffer_.append(arrow::temporal::FormatTimestamp(
              data.buffers[1]->data_as<int64_t>()[i], data.type->unit(), data.type->timezone()));
          break;
        case TypeId::kDecimal32:
        case TypeId::kDecimal64:
        case TypeId::kDecimal128:
        case TypeId::kDecimal256: {
          int width = data.type->byte_width();
          buffer_.append(arrow::decimal::FormatUnscaled(data.buffers[1]->data() + i * width, width,
                                                        data.type->scale()));
          break;
        }
        case TypeId::kUtf8: {
          const int32_t* offsets = data.buffers[1]->data_as<int32_t>();
          const char* chars = data.buffers[2] ? data.buffers[2]->data_as<char>() : "";
          AppendText(std::string_view(chars + offsets[i],
                                      static_cast<size_t>(offsets[i + 1] - offsets[i])),
                     true);
          break;
        }
        case TypeId::kLargeUtf8: {
          const int64_t* offsets = data.buffers[1]->data_as<int64_t>();
          const char* chars = data.buffers[2] ? data.buffers[2]->data_as<char>() : "";
          AppendText(std::string_view(chars + offsets[i],
                                      static_cast<size_t>(offsets[i + 1] - offsets[i])),
                     true);
          break;
        }
        default:
          // Other types use the pretty printer's text, quoted when needed.
          scratch = arrow::FormatValue(data, row);
          AppendText(scratch, true);
          break;
      }
    }
    buffer_.append(options_.line_terminator);
    if (buffer_.size() >= kFlushBytes) RETURN_NOT_OK(Flush());
  }
  return Flush();
}

Status CsvWriter::Close() {
  if (closed_) return Status::OK();
  closed_ = true;
  Status status = Flush();
  if (file_ != nullptr) {
    if (std::fclose(file_) != 0 && status.ok()) {
      status = Status::IOError("cannot close " + path_ + ": " + std::strerror(errno));
    }
    file_ = nullptr;
  }
  return status;
}

Status WriteCsvFile(const std::string& path, const arrow::SchemaPtr& schema,
                    const std::vector<arrow::RecordBatchPtr>& batches,
                    const CsvWriteOptions& options) {
  ASSIGN_OR_RAISE(auto writer, CsvWriter::Open(path, schema, options));
  for (const auto& batch : batches) RETURN_NOT_OK(writer->Write(*batch));
  return writer->Close();
}

}  // namespace ballista::formats::csv
