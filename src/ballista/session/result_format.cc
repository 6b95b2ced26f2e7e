#include "ballista/session/result_format.h"

#include <cctype>

#include "ballista/common/ascii.h"
#include "ballista/arrow/pretty_print.h"

namespace ballista::session {
namespace a = ballista::arrow;

Result<ResultFormat> ParseResultFormat(std::string_view name) {
  std::string n = AsciiLower(name);
  if (n == "table") return ResultFormat::kTable;
  if (n == "csv") return ResultFormat::kCsv;
  if (n == "tsv") return ResultFormat::kTsv;
  if (n == "json") return ResultFormat::kJson;
  if (n == "ndjson") return ResultFormat::kNdjson;
  return Status::InvalidArgument("unknown format \"" + std::string(name) +
                                 "\"; formats are table, csv, tsv, json, ndjson");
}

namespace {

std::string QuoteDelimited(const std::string& text, char separator) {
  bool quote = text.find_first_of(std::string("\"\r\n") + separator) != std::string::npos;
  if (!quote) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

bool IsJsonNumber(const a::DataType& type) {
  a::TypeId id = type.id();
  return a::IsInteger(id) || a::IsFloating(id) || a::IsDecimal(id);
}

std::string JsonValue(const a::ArrayData& column, int64_t row) {
  if (column.IsNull(row)) return "null";
  std::string text = a::FormatValue(column, row);
  const a::DataType& type = column.type->id() == a::TypeId::kDictionary ? *column.type->value_type() : *column.type;
  if (type.id() == a::TypeId::kBool) return text;
  if (IsJsonNumber(type)) {
    if (text == "NaN" || text == "inf" || text == "-inf") return JsonString(text);
    return text;
  }
  return JsonString(text);
}

}  // namespace

void WriteResult(std::ostream& out, ResultFormat format, const a::SchemaPtr& schema,
                 const std::vector<a::RecordBatchPtr>& batches) {
  switch (format) {
    case ResultFormat::kTable: {
      std::string table = a::PrettyFormat(schema, batches);
      out << table;
      if (!table.empty() && table.back() != '\n') out << "\n";
      return;
    }
    case ResultFormat::kCsv:
    case ResultFormat::kTsv: {
      char sep = format == ResultFormat::kCsv ? ',' : '\t';
      for (int c = 0; c < schema->num_fields(); ++c) {
        out << (c ? std::string(1, sep) : "") << QuoteDelimited(schema->field(c)->name(), sep);
      }
      out << "\n";
      for (const auto& batch : batches) {
        for (int64_t r = 0; r < batch->num_rows(); ++r) {
          for (int c = 0; c < batch->num_columns(); ++c) {
            if (c) out << sep;
            const auto& column = *batch->column_data(c);
            if (!column.IsNull(r)) out << QuoteDelimited(a::FormatValue(column, r), sep);
          }
          out << "\n";
        }
      }
      return;
    }
    case ResultFormat::kJson:
    case ResultFormat::kNdjson: {
      bool array = format == ResultFormat::kJson;
      bool first = true;
      if (array) out << "[";
      for (const auto& batch : batches) {
        for (int64_t r = 0; r < batch->num_rows(); ++r) {
          if (array) out << (first ? "" : ",") << "\n  ";
          first = false;
          out << "{";
          for (int c = 0; c < batch->num_columns(); ++c) {
            out << (c ? ", " : "") << JsonString(schema->field(c)->name()) << ": "
                << JsonValue(*batch->column_data(c), r);
          }
          out << "}";
          if (!array) out << "\n";
        }
      }
      if (array) out << (first ? "]\n" : "\n]\n");
      return;
    }
  }
}

}  // namespace ballista::session
