#include "ballista/arrow/pretty_print.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "ballista/arrow/array.h"
#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/decimal_util.h"
#include "ballista/arrow/temporal_util.h"
#include "ballista/arrow/type_traits.h"

namespace ballista::arrow {

namespace {

void AppendValue(const ArrayData& d, int64_t i, std::string* out);

// Arrow-rs style: "1.0" for integral values, so a float column never looks like an integer one.
void AppendFloatText(std::string text, std::string* out) {
  if (text == "nan" || text == "-nan") {
    *out += "NaN";
    return;
  }
  if (text.find_first_of(".eni") == std::string::npos) text += ".0";
  *out += text;
}

template <typename F>
void AppendFloat(F value, std::string* out) {
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof(buf), value);
  AppendFloatText(std::string(buf, result.ptr), out);
}

void AppendHalf(uint16_t bits, std::string* out) {
  const float value = Float16ToFloat(bits);
  if (!std::isfinite(value) || value == std::trunc(value)) {
    // Integral halves (|v| <= 65504) print exactly; float's shortest form shows them in full.
    AppendFloat(value, out);
    return;
  }
  // The fewest significant digits that read back as the same half (float's shortest form has
  // too many for a half), then shown in the shortest notation for those digits.
  char buf[32];
  for (int precision = 1; precision <= 9; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*g", precision, static_cast<double>(value));
    if (FloatToFloat16(std::strtof(buf, nullptr)) == bits) break;
  }
  AppendFloat(std::strtod(buf, nullptr), out);
}

void AppendHex(std::string_view bytes, std::string* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (unsigned char c : bytes) {
    out->push_back(kDigits[c >> 4]);
    out->push_back(kDigits[c & 15]);
  }
}

template <typename OffsetT>
std::string_view OffsetValue(const ArrayData& d, int64_t i) {
  const OffsetT* offsets = d.GetValues<OffsetT>(1);
  const auto* data = reinterpret_cast<const char*>(d.buffers[2]->data());
  return std::string_view(data + offsets[i], static_cast<size_t>(offsets[i + 1] - offsets[i]));
}

std::string_view ViewValue(const ArrayData& d, int64_t i) {
  const BinaryViewValue& view = d.GetValues<BinaryViewValue>(1)[i];
  const uint8_t* bytes =
      view.is_inline()
          ? view.inline_data()
          : d.buffers[2 + static_cast<size_t>(view.buffer_index())]->data() + view.buffer_offset();
  return std::string_view(reinterpret_cast<const char*>(bytes), static_cast<size_t>(view.size));
}

// Child slots [start, start + count) of `child`, "null" for null ones, separated by ", ".
void AppendChildRange(const ArrayData& child, int64_t start, int64_t count, std::string* out) {
  for (int64_t k = 0; k < count; ++k) {
    if (k > 0) *out += ", ";
    if (child.IsNull(start + k)) {
      *out += "null";
    } else {
      AppendValue(child, start + k, out);
    }
  }
}

void AppendChildSlot(const ArrayData& child, int64_t slot, std::string* out) {
  if (child.IsNull(slot)) {
    *out += "null";
  } else {
    AppendValue(child, slot, out);
  }
}


// Text of a valid slot i (relative to d.offset).
void AppendValue(const ArrayData& d, int64_t i, std::string* out) {
  const DataType& type = *d.type;
  switch (type.id()) {
    case TypeId::kNull:
      *out += "null";
      return;
    case TypeId::kBool:
      *out += bit_util::GetBit(d.buffers[1]->data(), d.offset + i) ? "true" : "false";
      return;
    case TypeId::kInt8:
      *out += std::to_string(d.GetValues<int8_t>(1)[i]);
      return;
    case TypeId::kInt16:
      *out += std::to_string(d.GetValues<int16_t>(1)[i]);
      return;
    case TypeId::kInt32:
      *out += std::to_string(d.GetValues<int32_t>(1)[i]);
      return;
    case TypeId::kInt64:
      *out += std::to_string(d.GetValues<int64_t>(1)[i]);
      return;
    case TypeId::kUInt8:
      *out += std::to_string(d.GetValues<uint8_t>(1)[i]);
      return;
    case TypeId::kUInt16:
      *out += std::to_string(d.GetValues<uint16_t>(1)[i]);
      return;
    case TypeId::kUInt32:
      *out += std::to_string(d.GetValues<uint32_t>(1)[i]);
      return;
    case TypeId::kUInt64:
      *out += std::to_string(d.GetValues<uint64_t>(1)[i]);
      return;
    case TypeId::kFloat16:
      AppendHalf(d.GetValues<uint16_t>(1)[i], out);
      return;
    case TypeId::kFloat32:
      AppendFloat(d.GetValues<float>(1)[i], out);
      return;
    case TypeId::kFloat64:
      AppendFloat(d.GetValues<double>(1)[i], out);
      return;
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256: {
      const int width = type.byte_width();
      *out += decimal::FormatUnscaled(d.buffers[1]->data() + (d.offset + i) * width, width,
                                      type.scale());
      return;
    }
    case TypeId::kDate32:
      *out += temporal::FormatDate(d.GetValues<int32_t>(1)[i]);
      return;
    case TypeId::kDate64: {
      const int64_t ms = d.GetValues<int64_t>(1)[i];
      int64_t days = ms / temporal::kMillisPerDay;
      if (ms % temporal::kMillisPerDay < 0) --days;
      *out += temporal::FormatDate(days);
      return;
    }
    case TypeId::kTime32:
      *out += temporal::FormatTimeOfDay(d.GetValues<int32_t>(1)[i], type.unit());
      return;
    case TypeId::kTime64:
      *out += temporal::FormatTimeOfDay(d.GetValues<int64_t>(1)[i], type.unit());
      return;
    case TypeId::kTimestamp:
      *out += temporal::FormatTimestamp(d.GetValues<int64_t>(1)[i], type.unit(), type.timezone());
      return;
    case TypeId::kDuration:
      *out += temporal::FormatDuration(d.GetValues<int64_t>(1)[i], type.unit());
      return;
    case TypeId::kIntervalYearMonth:
      *out += temporal::FormatInterval(d.GetValues<int32_t>(1)[i], 0, 0);
      return;
    case TypeId::kIntervalDayTime: {
      const DayTimeInterval v = d.GetValues<DayTimeInterval>(1)[i];
      *out += temporal::FormatInterval(0, v.days, int64_t{v.millis} * 1000000);
      return;
    }
    case TypeId::kIntervalMonthDayNano: {
      const MonthDayNanoInterval v = d.GetValues<MonthDayNanoInterval>(1)[i];
      *out += temporal::FormatInterval(v.months, v.days, v.nanos);
      return;
    }
    case TypeId::kUtf8:
      *out += OffsetValue<int32_t>(d, i);
      return;
    case TypeId::kLargeUtf8:
      *out += OffsetValue<int64_t>(d, i);
      return;
    case TypeId::kUtf8View:
      *out += ViewValue(d, i);
      return;
    case TypeId::kBinary:
      AppendHex(OffsetValue<int32_t>(d, i), out);
      return;
    case TypeId::kLargeBinary:
      AppendHex(OffsetValue<int64_t>(d, i), out);
      return;
    case TypeId::kBinaryView:
      AppendHex(ViewValue(d, i), out);
      return;
    case TypeId::kFixedSizeBinary: {
      const int width = type.fixed_size();
      if (width > 0) {
        AppendHex(std::string_view(
                      reinterpret_cast<const char*>(d.buffers[1]->data()) + (d.offset + i) * width,
                      static_cast<size_t>(width)),
                  out);
      }
      return;
    }
    case TypeId::kList: {
      const int32_t* offsets = d.GetValues<int32_t>(1);
      *out += '[';
      AppendChildRange(*d.child_data[0], offsets[i], offsets[i + 1] - offsets[i], out);
      *out += ']';
      return;
    }
    case TypeId::kLargeList: {
      const int64_t* offsets = d.GetValues<int64_t>(1);
      *out += '[';
      AppendChildRange(*d.child_data[0], offsets[i], offsets[i + 1] - offsets[i], out);
      *out += ']';
      return;
    }
    case TypeId::kFixedSizeList: {
      const int64_t size = type.fixed_size();
      *out += '[';
      AppendChildRange(*d.child_data[0], (d.offset + i) * size, size, out);
      *out += ']';
      return;
    }
    case TypeId::kStruct: {
      *out += '{';
      for (size_t f = 0; f < d.child_data.size(); ++f) {
        if (f > 0) *out += ", ";
        *out += type.field(static_cast<int>(f))->name();
        *out += ": ";
        AppendChildSlot(*d.child_data[f], d.offset + i, out);
      }
      *out += '}';
      return;
    }
    case TypeId::kMap: {
      const int32_t* offsets = d.GetValues<int32_t>(1);
      const ArrayData& entries = *d.child_data[0];
      *out += '{';
      for (int64_t pos = offsets[i]; pos < offsets[i + 1]; ++pos) {
        if (pos > offsets[i]) *out += ", ";
        AppendChildSlot(*entries.child_data[0], entries.offset + pos, out);
        *out += ": ";
        AppendChildSlot(*entries.child_data[1], entries.offset + pos, out);
      }
      *out += '}';
      return;
    }
    case TypeId::kDictionary:
      AppendChildSlot(*d.dictionary, GetDictionaryIndex(d, i), out);
      return;
  }
}

// Renders rows of cells as the bordered table.
std::string RenderTable(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows) {
  if (header.empty()) return "++\n++";
  std::vector<int64_t> widths(header.size());
  for (size_t c = 0; c < header.size(); ++c) widths[c] = Utf8Length(header[c]);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], Utf8Length(row[c]));
  }
  std::string separator = "+";
  for (int64_t w : widths) separator += std::string(static_cast<size_t>(w + 2), '-') + "+";
  auto render_row = [&widths](const std::vector<std::string>& cells) {
    std::string line = "|";
    for (size_t c = 0; c < cells.size(); ++c) {
      line += ' ';
      line += cells[c];
      line += std::string(static_cast<size_t>(widths[c] - Utf8Length(cells[c]) + 1), ' ');
      line += '|';
    }
    return line;
  };
  std::string out = separator + "\n" + render_row(header) + "\n" + separator;
  for (const auto& row : rows) out += "\n" + render_row(row);
  out += "\n" + separator;
  return out;
}

}  // namespace

std::string FormatValue(const ArrayData& data, int64_t i, std::string_view null_text) {
  if (data.IsNull(i)) return std::string(null_text);
  if (data.type->id() == TypeId::kDictionary) {
    // A valid index may still point at a null dictionary value; that is a null cell too.
    const int64_t index = GetDictionaryIndex(data, i);
    if (data.dictionary->IsNull(index)) return std::string(null_text);
  }
  std::string out;
  AppendValue(data, i, &out);
  return out;
}

int64_t Utf8Length(std::string_view text) {
  int64_t count = 0;
  for (unsigned char c : text) count += (c & 0xc0) != 0x80 ? 1 : 0;
  return count;
}

namespace {

std::string FormatBatches(const Schema& schema, const std::vector<const RecordBatch*>& batches) {
  std::vector<std::string> header;
  for (const auto& field : schema.fields()) header.push_back(field->name());
  std::vector<std::vector<std::string>> rows;
  for (const RecordBatch* batch : batches) {
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::vector<std::string> row;
      row.reserve(header.size());
      for (int c = 0; c < batch->num_columns() && c < static_cast<int>(header.size()); ++c) {
        row.push_back(FormatValue(*batch->column_data(c), r));
      }
      row.resize(header.size());
      rows.push_back(std::move(row));
    }
  }
  return RenderTable(header, rows);
}

}  // namespace

std::string PrettyFormat(const SchemaPtr& schema,
                         const std::vector<std::shared_ptr<RecordBatch>>& batches) {
  std::vector<const RecordBatch*> raw;
  for (const auto& batch : batches) raw.push_back(batch.get());
  return FormatBatches(*schema, raw);
}

std::string PrettyFormat(const std::vector<std::shared_ptr<RecordBatch>>& batches) {
  if (batches.empty()) return "++\n++";
  return PrettyFormat(batches[0]->schema(), batches);
}

std::string PrettyFormat(const RecordBatch& batch) {
  return FormatBatches(*batch.schema(), {&batch});
}

std::string PrettyFormatSchema(const Schema& schema) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& field : schema.fields()) {
    rows.push_back(
        {field->name(), field->type()->ToString() + (field->nullable() ? "" : " not null")});
  }
  return RenderTable({"name", "type"}, rows);
}

}  // namespace ballista::arrow
