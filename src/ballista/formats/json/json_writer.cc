#include "ballista/formats/json/json_writer.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>

#include "ballista/arrow/decimal_util.h"
#include "ballista/arrow/temporal_util.h"

namespace ballista::formats::json {
namespace {

namespace a = ballista::arrow;
using Id = a::TypeId;

void AppendEscaped(std::string_view s, std::string* out) {
  static const char* hex = "0123456789abcdef";
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(hex[c >> 4]);
          out->push_back(hex[c & 15]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

template <typename T>
void AppendNumber(T v, std::string* out) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  (void)ec;
  out->append(buf, static_cast<size_t>(end - buf));
}

template <typename T>
void AppendFloat(T v, std::string* out) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  AppendNumber(v, out);
}

std::string_view BinaryAt(const a::ArrayData& d, int64_t j) {
  if (!d.buffers[2]) return std::string_view();
  const char* data = d.buffers[2]->data_as<char>();
  if (d.type->id() == Id::kLargeUtf8 || d.type->id() == Id::kLargeBinary) {
    const int64_t* off = d.buffers[1]->data_as<int64_t>();
    return std::string_view(data + off[j], static_cast<size_t>(off[j + 1] - off[j]));
  }
  const int32_t* off = d.buffers[1]->data_as<int32_t>();
  return std::string_view(data + off[j], static_cast<size_t>(off[j + 1] - off[j]));
}

/// Writes slot `i` (relative to d.offset) of a valid value.
Status AppendValue(const a::ArrayData& d, int64_t i, const JsonWriteOptions& options,
                   std::string* out);

Status AppendObject(const a::FieldVector& fields,
                    const std::vector<std::shared_ptr<a::ArrayData>>& columns, int64_t row,
                    const JsonWriteOptions& options, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (size_t c = 0; c < fields.size(); ++c) {
    const a::ArrayData& col = *columns[c];
    bool null = col.IsNull(row);
    if (null && !options.write_nulls) continue;
    if (!first) out->push_back(',');
    first = false;
    AppendEscaped(fields[c]->name(), out);
    out->push_back(':');
    if (null) {
      out->append("null");
    } else {
      RETURN_NOT_OK(AppendValue(col, row, options, out));
    }
  }
  out->push_back('}');
  return Status::OK();
}

Status AppendValue(const a::ArrayData& d, int64_t i, const JsonWriteOptions& options,
                   std::string* out) {
  int64_t j = d.offset + i;
  const uint8_t* raw = d.buffers.size() > 1 && d.buffers[1] ? d.buffers[1]->data() : nullptr;
  auto get = [&](auto sample) {
    decltype(sample) v;
    std::memcpy(&v, raw + j * static_cast<int64_t>(sizeof(v)), sizeof(v));
    return v;
  };
  const a::DataType& t = *d.type;
  switch (t.id()) {
    case Id::kBool:
      out->append(((raw[j >> 3] >> (j & 7)) & 1) ? "true" : "false");
      return Status::OK();
    case Id::kInt8:
      AppendNumber(get(int8_t{}), out);
      return Status::OK();
    case Id::kInt16:
      AppendNumber(get(int16_t{}), out);
      return Status::OK();
    case Id::kInt32:
      AppendNumber(get(int32_t{}), out);
      return Status::OK();
    case Id::kInt64:
      AppendNumber(get(int64_t{}), out);
      return Status::OK();
    case Id::kUInt8:
      AppendNumber(get(uint8_t{}), out);
      return Status::OK();
    case Id::kUInt16:
      AppendNumber(get(uint16_t{}), out);
      return Status::OK();
    case Id::kUInt32:
      AppendNumber(get(uint32_t{}), out);
      return Status::OK();
    case Id::kUInt64:
      AppendNumber(get(uint64_t{}), out);
      return Status::OK();
    case Id::kFloat32:
      AppendFloat(get(float{}), out);
      return Status::OK();
    case Id::kFloat64:
      AppendFloat(get(double{}), out);
      return Status::OK();
    case Id::kDecimal32:
    case Id::kDecimal64:
    case Id::kDecimal128:
    case Id::kDecimal256: {
      int width = t.byte_width();
      out->append(a::decimal::FormatUnscaled(raw + j * width, width, t.scale()));
      return Status::OK();
    }
    case Id::kUtf8:
    case Id::kLargeUtf8:
      AppendEscaped(BinaryAt(d, j), out);
      return Status::OK();
    case Id::kBinary:
    case Id::kLargeBinary:
    case Id::kFixedSizeBinary: {
      std::string_view bytes =
          t.id() == Id::kFixedSizeBinary
              ? std::string_view(reinterpret_cast<const char*>(raw) + j * t.fixed_size(),
                                 static_cast<size_t>(t.fixed_size()))
              : BinaryAt(d, j);
      static const char* hex = "0123456789abcdef";
      out->push_back('"');
      for (unsigned char c : bytes) {
        out->push_back(hex[c >> 4]);
        out->push_back(hex[c & 15]);
      }
      out->push_back('"');
      return Status::OK();
    }
    case Id::kDate32:
      AppendEscaped(a::temporal::FormatDate(get(int32_t{})), out);
      return Status::OK();
    case Id::kDate64:
      AppendEscaped(a::temporal::FormatDate(get(int64_t{}) / 86400000 -
                                            (get(int64_t{}) % 86400000 < 0 ? 1 : 0)),
                    out);
      return Status::OK();
    case Id::kTime32:
      AppendEscaped(a::temporal::FormatTimeOfDay(get(int32_t{}), t.unit()), out);
      return Status::OK();
    case Id::kTime64:
      AppendEscaped(a::temporal::FormatTimeOfDay(get(int64_t{}), t.unit()), out);
      return Status::OK();
    case Id::kTimestamp:
      AppendEscaped(a::temporal::FormatTimestamp(get(int64_t{}), t.unit(), t.timezone()), out);
      return Status::OK();
    case Id::kList:
    case Id::kLargeList: {
      int64_t begin, end;
      if (t.id() == Id::kList) {
        begin = d.buffers[1]->data_as<int32_t>()[j];
        end = d.buffers[1]->data_as<int32_t>()[j + 1];
      } else {
        begin = d.buffers[1]->data_as<int64_t>()[j];
        end = d.buffers[1]->data_as<int64_t>()[j + 1];
      }
      const a::ArrayData& child = *d.child_data[0];
      out->push_back('[');
      for (int64_t k = begin; k < end; ++k) {
        if (k > begin) out->push_back(',');
        if (child.IsNull(k)) {
          out->append("null");
        } else {
          RETURN_NOT_OK(AppendValue(child, k, options, out));
        }
      }
      out->push_back(']');
      return Status::OK();
    }
    case Id::kStruct: {
      // Struct children are addressed through the parent's offset.
      std::vector<std::shared_ptr<a::ArrayData>> children(d.child_data.begin(), d.child_data.end());
      return AppendObject(t.fields(), children, j, options, out);
    }
    case Id::kMap: {
      const int32_t* off = d.buffers[1]->data_as<int32_t>();
      const a::ArrayData& entries = *d.child_data[0];
      const a::ArrayData& keys = *entries.child_data[0];
      const a::ArrayData& values = *entries.child_data[1];
      bool string_keys = keys.type->id() == Id::kUtf8 || keys.type->id() == Id::kLargeUtf8;
      out->push_back(string_keys ? '{' : '[');
      for (int32_t k = off[j]; k < off[j + 1]; ++k) {
        int64_t e = entries.offset + k;
        if (k > off[j]) out->push_back(',');
        if (!string_keys) out->push_back('[');
        RETURN_NOT_OK(AppendValue(keys, e, options, out));
        out->push_back(string_keys ? ':' : ',');
        if (values.IsNull(e)) {
          out->append("null");
        } else {
          RETURN_NOT_OK(AppendValue(values, e, options, out));
        }
        if (!string_keys) out->push_back(']');
      }
      out->push_back(string_keys ? '}' : ']');
      return Status::OK();
    }
    default:
      return Status::Unsupported("JSON writer: type " + t.ToString());
  }
}

}  // namespace

Status AppendJsonLines(const a::RecordBatch& batch, const JsonWriteOptions& options,
                       std::string* out) {
  for (int64_t r = 0; r < batch.num_rows(); ++r) {
    RETURN_NOT_OK(AppendObject(batch.schema()->fields(), batch.columns(), r, options, out));
    out->push_back('\n');
  }
  return Status::OK();
}

Result<std::unique_ptr<JsonWriter>> JsonWriter::Open(const std::string& path,
                                                     JsonWriteOptions options) {
  std::unique_ptr<JsonWriter> w(new JsonWriter());
  w->path_ = path;
  w->options_ = options;
  w->file_ = std::fopen(path.c_str(), "wb");
  if (w->file_ == nullptr) {
    return Status::IOError("cannot create \"" + path + "\": " + std::strerror(errno));
  }
  return w;
}

JsonWriter::~JsonWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

Status JsonWriter::Write(const a::RecordBatch& batch) {
  if (file_ == nullptr) return Status::InvalidArgument("JSON writer: Write after Close");
  std::string text;
  RETURN_NOT_OK(AppendJsonLines(batch, options_, &text));
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
    return Status::IOError("write to \"" + path_ + "\" failed: " + std::strerror(errno));
  }
  return Status::OK();
}

Status JsonWriter::Close() {
  if (file_ == nullptr) return Status::InvalidArgument("JSON writer: Close called twice");
  int rc = std::fclose(file_);
  file_ = nullptr;
  if (rc != 0) return Status::IOError("closing \"" + path_ + "\" failed");
  return Status::OK();
}

Status WriteJsonFile(const std::string& path, const std::vector<a::RecordBatchPtr>& batches,
                     const JsonWriteOptions& options) {
  ASSIGN_OR_RAISE(auto writer, JsonWriter::Open(path, options));
  for (const auto& b : batches) RETURN_NOT_OK(writer->Write(*b));
  return writer->Close();
}

}  // namespace ballista::formats::json
