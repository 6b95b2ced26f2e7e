// Type and schema halves of the C data interface bridge: format strings, flags, metadata.
// Array export/import lives in c_bridge_array.cc, streams in c_bridge_stream.cc.

#include "ballista/arrow/c_bridge.h"

#include <charconv>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ballista/arrow/c_bridge_internal.h"

namespace ballista::arrow {

namespace {

char UnitChar(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond: return 's';
    case TimeUnit::kMilli: return 'm';
    case TimeUnit::kMicro: return 'u';
    case TimeUnit::kNano: return 'n';
  }
  return '?';
}

std::string DecimalFormat(const DataType& type, std::string_view bit_width_suffix) {
  return "d:" + std::to_string(type.precision()) + "," + std::to_string(type.scale()) +
         std::string(bit_width_suffix);
}

/// Owns everything an exported ArrowSchema points to. Children and dictionary are released by the
/// destructor so that both the release callback and a failed half-built export clean up alike.
struct ExportedSchema {
  std::string format;
  std::string name;
  std::string metadata;  // encoded; only exposed when has_metadata
  bool has_metadata = false;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_pointers;
  std::unique_ptr<ArrowSchema> dictionary;

  ~ExportedSchema() {
    for (ArrowSchema& child : children) {
      if (child.release != nullptr) child.release(&child);
    }
    if (dictionary != nullptr && dictionary->release != nullptr)
      dictionary->release(dictionary.get());
  }
};

void ReleaseExportedSchema(ArrowSchema* schema) {
  if (schema == nullptr || schema->release == nullptr) return;
  // Reclaims ownership taken in FillSchema; the destructor releases children and dictionary.
  std::unique_ptr<ExportedSchema> owned(static_cast<ExportedSchema*>(schema->private_data));
  owned.reset();
  schema->private_data = nullptr;
  schema->release = nullptr;
}

std::string EncodeMetadata(const KeyValueMetadata& metadata) {
  std::string out;
  auto append_int32 = [&out](int32_t v) {
    char bytes[sizeof(v)];
    std::memcpy(bytes, &v, sizeof(v));  // native endianness, as the spec says
    out.append(bytes, sizeof(v));
  };
  append_int32(static_cast<int32_t>(metadata.size()));
  for (const auto& [key, value] : metadata) {
    append_int32(static_cast<int32_t>(key.size()));
    out += key;
    append_int32(static_cast<int32_t>(value.size()));
    out += value;
  }
  return out;
}

Status FillSchema(const DataType& type, std::string name, int64_t flags,
                  const KeyValueMetadata* metadata, ArrowSchema* out);

/// Fills `out` for a child field of a nested type.
Status FillField(const Field& field, ArrowSchema* out) {
  return FillSchema(*field.type(), field.name(), field.nullable() ? ARROW_FLAG_NULLABLE : 0,
                    &field.metadata(), out);
}

Status FillSchema(const DataType& type, std::string name, int64_t flags,
                  const KeyValueMetadata* metadata, ArrowSchema* out) {
  auto owned = std::make_unique<ExportedSchema>();
  owned->name = std::move(name);
  if (metadata != nullptr && !metadata->empty()) {
    owned->metadata = EncodeMetadata(*metadata);
    owned->has_metadata = true;
  }
  const DataType* storage = &type;
  if (type.id() == TypeId::kDictionary) {
    if (type.index_type() == nullptr || type.value_type() == nullptr) {
      return Status::InvalidArgument("exporting " + type.ToString() +
                                     ": dictionary type lacks its index or value type");
    }
    if (type.ordered()) flags |= ARROW_FLAG_DICTIONARY_ORDERED;
    owned->dictionary = std::make_unique<ArrowSchema>();
    std::memset(owned->dictionary.get(), 0, sizeof(ArrowSchema));
    RETURN_NOT_OK(
        FillSchema(*type.value_type(), "", ARROW_FLAG_NULLABLE, nullptr, owned->dictionary.get()));
    storage = type.index_type().get();
  }
  if (storage->id() == TypeId::kMap && storage->keys_sorted()) flags |= ARROW_FLAG_MAP_KEYS_SORTED;
  owned->format = FormatString(*storage);
  size_t n_children = storage->fields().size();
  owned->children.resize(n_children);  // value-initialized: zeroed, i.e. released
  for (size_t i = 0; i < n_children; ++i) {
    RETURN_NOT_OK(FillField(*storage->fields()[i], &owned->children[i]));
  }
  owned->child_pointers.resize(n_children);
  for (size_t i = 0; i < n_children; ++i) owned->child_pointers[i] = &owned->children[i];

  out->format = owned->format.c_str();
  out->name = owned->name.c_str();
  out->metadata = owned->has_metadata ? owned->metadata.data() : nullptr;
  out->flags = flags;
  out->n_children = static_cast<int64_t>(n_children);
  out->children = n_children == 0 ? nullptr : owned->child_pointers.data();
  out->dictionary = owned->dictionary.get();
  out->release = &ReleaseExportedSchema;
  out->private_data = owned.release();
  return Status::OK();
}

/// Fills a temporary first so that `out` is only written on success.
Status ExportInto(ArrowSchema* out, const std::function<Status(ArrowSchema*)>& fill) {
  if (out == nullptr)
    return Status::InvalidArgument("exporting a schema: output ArrowSchema is null");
  ArrowSchema tmp;
  std::memset(&tmp, 0, sizeof(tmp));
  RETURN_NOT_OK(fill(&tmp));
  *out = tmp;
  return Status::OK();
}

// ---- Import ----

/// Reads the length-prefixed metadata encoding. The encoding carries no total size, so only
/// negative lengths can be detected as corrupt.
Result<KeyValueMetadata> DecodeMetadata(const char* encoded, const std::string& path) {
  KeyValueMetadata metadata;
  if (encoded == nullptr) return metadata;
  auto read_int32 = [&encoded]() {
    int32_t v;
    std::memcpy(&v, encoded, sizeof(v));
    encoded += sizeof(v);
    return v;
  };
  int32_t count = read_int32();
  if (count < 0) {
    return Status::InvalidArgument(path + ": metadata has a negative entry count " +
                                   std::to_string(count));
  }
  for (int32_t i = 0; i < count; ++i) {
    std::string parts[2];
    for (std::string& part : parts) {
      int32_t length = read_int32();
      if (length < 0) {
        return Status::InvalidArgument(path + ": metadata entry " + std::to_string(i) +
                                       " has a negative length " + std::to_string(length));
      }
      part.assign(encoded, static_cast<size_t>(length));
      encoded += length;
    }
    metadata.emplace_back(std::move(parts[0]), std::move(parts[1]));
  }
  return metadata;
}

/// Parses a non-negative or negative decimal integer that must span all of `text`.
bool ParseInt(std::string_view text, int32_t* out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

std::vector<std::string_view> SplitCommas(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    parts.push_back(text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

Result<TimeUnit> ParseUnit(char c, std::string_view format, const std::string& path) {
  switch (c) {
    case 's': return TimeUnit::kSecond;
    case 'm': return TimeUnit::kMilli;
    case 'u': return TimeUnit::kMicro;
    case 'n': return TimeUnit::kNano;
    default:
      return Status::InvalidArgument(path + ": unknown time unit '" + std::string(1, c) +
                                     "' in format string '" + std::string(format) + "'");
  }
}

Result<DataTypePtr> ParseDecimal(std::string_view format, const std::string& path) {
  auto parts = SplitCommas(format.substr(2));
  int32_t precision = 0;
  int32_t scale = 0;
  int32_t bits = 128;
  if (parts.size() < 2 || parts.size() > 3 || !ParseInt(parts[0], &precision) ||
      !ParseInt(parts[1], &scale) || (parts.size() == 3 && !ParseInt(parts[2], &bits))) {
    return Status::InvalidArgument(path + ": malformed decimal format string '" +
                                   std::string(format) +
                                   "', expected 'd:precision,scale[,bitwidth]'");
  }
  TypeId id;
  switch (bits) {
    case 32: id = TypeId::kDecimal32; break;
    case 64: id = TypeId::kDecimal64; break;
    case 128: id = TypeId::kDecimal128; break;
    case 256: id = TypeId::kDecimal256; break;
    default:
      return Status::InvalidArgument(path + ": decimal bit width " + std::to_string(bits) +
                                     " in format string '" + std::string(format) +
                                     "' is not one of 32, 64, 128, 256");
  }
  auto made = MakeDecimal(id, precision, scale);
  if (!made.ok())
    return made.status().WithContext(path + ": format string '" + std::string(format) + "'");
  return made;
}

Result<int32_t> ParseWidth(std::string_view format, size_t prefix, const std::string& path) {
  int32_t width = 0;
  if (!ParseInt(format.substr(prefix), &width) || width < 0) {
    return Status::InvalidArgument(path + ": malformed width in format string '" +
                                   std::string(format) + "'");
  }
  return width;
}

Status ExpectChildren(const FieldVector& children, size_t expected, std::string_view format,
                      const std::string& path) {
  if (children.size() == expected) return Status::OK();
  return Status::InvalidArgument(path + ": format string '" + std::string(format) + "' needs " +
                                 std::to_string(expected) + " child schema(s), got " +
                                 std::to_string(children.size()));
}

/// The type of a format string whose children have already been imported as `children`.
Result<DataTypePtr> ParseFormat(std::string_view format, FieldVector children, int64_t flags,
                                const std::string& path) {
  if (format.size() == 1) {
    RETURN_NOT_OK(ExpectChildren(children, 0, format, path));
    switch (format[0]) {
      case 'n': return Null();
      case 'b': return Boolean();
      case 'c': return Int8();
      case 'C': return UInt8();
      case 's': return Int16();
      case 'S': return UInt16();
      case 'i': return Int32();
      case 'I': return UInt32();
      case 'l': return Int64();
      case 'L': return UInt64();
      case 'e': return Float16();
      case 'f': return Float32();
      case 'g': return Float64();
      case 'u': return Utf8();
      case 'U': return LargeUtf8();
      case 'z': return Binary();
      case 'Z': return LargeBinary();
      default: break;
    }
  } else if (format == "vu" || format == "vz") {
    RETURN_NOT_OK(ExpectChildren(children, 0, format, path));
    return format == "vu" ? Utf8View() : BinaryView();
  } else if (format.starts_with("d:")) {
    RETURN_NOT_OK(ExpectChildren(children, 0, format, path));
    return ParseDecimal(format, path);
  } else if (format.starts_with("w:")) {
    RETURN_NOT_OK(ExpectChildren(children, 0, format, path));
    ASSIGN_OR_RAISE(int32_t width, ParseWidth(format, 2, path));
    return MakeFixedSizeBinary(width);
  } else if (format.starts_with("t") && format.size() >= 3) {
    RETURN_NOT_OK(ExpectChildren(children, 0, format, path));
    char kind = format[1];
    if (kind == 'd' && format.size() == 3 && (format[2] == 'D' || format[2] == 'm')) {
      return format[2] == 'D' ? Date32() : Date64();
    }
    if (kind == 't' && format.size() == 3) {
      ASSIGN_OR_RAISE(TimeUnit unit, ParseUnit(format[2], format, path));
      bool is_32 = unit == TimeUnit::kSecond || unit == TimeUnit::kMilli;
      return MakeTime(is_32 ? TypeId::kTime32 : TypeId::kTime64, unit);
    }
    if (kind == 's') {
      ASSIGN_OR_RAISE(TimeUnit unit, ParseUnit(format[2], format, path));
      if (format.size() < 4 || format[3] != ':') {
        return Status::InvalidArgument(path + ": timestamp format string '" + std::string(format) +
                                       "' lacks the ':' before the time zone");
      }
      return Timestamp(unit, std::string(format.substr(4)));
    }
    if (kind == 'D' && format.size() == 3) {
      ASSIGN_OR_RAISE(TimeUnit unit, ParseUnit(format[2], format, path));
      return Duration(unit);
    }
    if (kind == 'i' && format.size() == 3) {
      if (format[2] == 'M') return IntervalYearMonth();
      if (format[2] == 'D') return IntervalDayTime();
      if (format[2] == 'n') return IntervalMonthDayNano();
    }
  } else if (format.starts_with("+")) {
    if (format == "+l" || format == "+L") {
      RETURN_NOT_OK(ExpectChildren(children, 1, format, path));
      return format == "+l" ? List(std::move(children[0])) : LargeList(std::move(children[0]));
    }
    if (format.starts_with("+w:")) {
      RETURN_NOT_OK(ExpectChildren(children, 1, format, path));
      ASSIGN_OR_RAISE(int32_t size, ParseWidth(format, 3, path));
      return FixedSizeList(std::move(children[0]), size);
    }
    if (format == "+s") return Struct(std::move(children));
    if (format == "+m") {
      RETURN_NOT_OK(ExpectChildren(children, 1, format, path));
      const FieldPtr& entries = children[0];
      if (entries->type()->id() != TypeId::kStruct || entries->type()->num_fields() != 2) {
        return Status::InvalidArgument(path + ": map entries must be a struct of two fields, got " +
                                       entries->type()->ToString());
      }
      // The columnar format forbids null entries and null keys, but not every producer clears
      // the nullable flag on them; normalize rather than reject a valid map.
      const DataTypePtr& entry_type = entries->type();
      auto key = entry_type->field(0)->WithNullable(false);
      auto normalized = MakeField(entries->name(), Struct({key, entry_type->field(1)}), false,
                                  entries->metadata());
      auto made = MakeMap(std::move(normalized), (flags & ARROW_FLAG_MAP_KEYS_SORTED) != 0);
      if (!made.ok()) return made.status().WithContext(path);
      return made;
    }
    if (format == "+vl" || format == "+vL") {
      return Status::Unsupported(path + ": list-view format string '" + std::string(format) +
                                 "' is not supported by this engine; export as '+l'/'+L' instead");
    }
    if (format.starts_with("+ud:") || format.starts_with("+us:")) {
      return Status::Unsupported(path + ": union format string '" + std::string(format) +
                                 "' is not supported by this engine");
    }
    if (format == "+r") {
      return Status::Unsupported(path +
                                 ": run-end encoded format string '+r' is not supported "
                                 "by this engine");
    }
  }
  return Status::InvalidArgument(path + ": unknown or malformed format string '" +
                                 std::string(format) + "'");
}

/// Guards against cyclic or absurdly deep foreign structures, which would overflow the stack.
constexpr int kMaxImportDepth = 64;

Result<FieldPtr> ImportFieldImpl(const ArrowSchema* schema, const std::string& path, int depth) {
  if (depth > kMaxImportDepth) {
    return Status::InvalidArgument(path + ": schema nesting deeper than " +
                                   std::to_string(kMaxImportDepth) + " levels");
  }
  if (schema == nullptr) return Status::InvalidArgument(path + ": ArrowSchema pointer is null");
  if (schema->release == nullptr)
    return Status::InvalidArgument(path + ": ArrowSchema is released");
  if (schema->format == nullptr)
    return Status::InvalidArgument(path + ": ArrowSchema.format is null");
  std::string_view format(schema->format);
  if (schema->n_children < 0) {
    return Status::InvalidArgument(path + ": negative n_children " +
                                   std::to_string(schema->n_children));
  }
  if (schema->n_children > 0 && schema->children == nullptr) {
    return Status::InvalidArgument(path + ": n_children is " + std::to_string(schema->n_children) +
                                   " but children is null");
  }
  FieldVector children;
  children.reserve(static_cast<size_t>(schema->n_children));
  for (int64_t i = 0; i < schema->n_children; ++i) {
    ASSIGN_OR_RAISE(FieldPtr child,
                    ImportFieldImpl(schema->children[i],
                                    path + ".children[" + std::to_string(i) + "]", depth + 1));
    children.push_back(std::move(child));
  }
  DataTypePtr type;
  if (schema->dictionary != nullptr) {
    ASSIGN_OR_RAISE(DataTypePtr index_type, ParseFormat(format, std::move(children), 0, path));
    ASSIGN_OR_RAISE(FieldPtr value_field,
                    ImportFieldImpl(schema->dictionary, path + ".dictionary", depth + 1));
    auto made = MakeDictionary(std::move(index_type), value_field->type(),
                               (schema->flags & ARROW_FLAG_DICTIONARY_ORDERED) != 0);
    if (!made.ok()) return made.status().WithContext(path);
    type = std::move(made).MoveValueUnsafe();
  } else {
    ASSIGN_OR_RAISE(type, ParseFormat(format, std::move(children), schema->flags, path));
  }
  ASSIGN_OR_RAISE(KeyValueMetadata metadata, DecodeMetadata(schema->metadata, path));
  return MakeField(schema->name == nullptr ? "" : schema->name, std::move(type),
                   (schema->flags & ARROW_FLAG_NULLABLE) != 0, std::move(metadata));
}

}  // namespace

std::string FormatString(const DataType& type) {
  switch (type.id()) {
    case TypeId::kNull: return "n";
    case TypeId::kBool: return "b";
    case TypeId::kInt8: return "c";
    case TypeId::kUInt8: return "C";
    case TypeId::kInt16: return "s";
    case TypeId::kUInt16: return "S";
    case TypeId::kInt32: return "i";
    case TypeId::kUInt32: return "I";
    case TypeId::kInt64: return "l";
    case TypeId::kUInt64: return "L";
    case TypeId::kFloat16: return "e";
    case TypeId::kFloat32: return "f";
    case TypeId::kFloat64: return "g";
    case TypeId::kDecimal32: return DecimalFormat(type, ",32");
    case TypeId::kDecimal64: return DecimalFormat(type, ",64");
    case TypeId::kDecimal128: return DecimalFormat(type, "");
    case TypeId::kDecimal256: return DecimalFormat(type, ",256");
    case TypeId::kUtf8: return "u";
    case TypeId::kLargeUtf8: return "U";
    case TypeId::kUtf8View: return "vu";
    case TypeId::kBinary: return "z";
    case TypeId::kLargeBinary: return "Z";
    case TypeId::kBinaryView: return "vz";
    case TypeId::kFixedSizeBinary: return "w:" + std::to_string(type.fixed_size());
    case TypeId::kDate32: return "tdD";
    case TypeId::kDate64: return "tdm";
    case TypeId::kTime32:
    case TypeId::kTime64: return std::string("tt") + UnitChar(type.unit());
    case TypeId::kTimestamp:
      return std::string("ts") + UnitChar(type.unit()) + ":" + type.timezone();
    case TypeId::kDuration: return std::string("tD") + UnitChar(type.unit());
    case TypeId::kIntervalYearMonth: return "tiM";
    case TypeId::kIntervalDayTime: return "tiD";
    case TypeId::kIntervalMonthDayNano: return "tin";
    case TypeId::kList: return "+l";
    case TypeId::kLargeList: return "+L";
    case TypeId::kFixedSizeList: return "+w:" + std::to_string(type.fixed_size());
    case TypeId::kStruct: return "+s";
    case TypeId::kMap: return "+m";
    case TypeId::kDictionary:
      return type.index_type() == nullptr ? std::string() : FormatString(*type.index_type());
  }
  return std::string();
}

Status ExportType(const DataType& type, ArrowSchema* out) {
  return ExportInto(out, [&](ArrowSchema* tmp) {
    return FillSchema(type, "", ARROW_FLAG_NULLABLE, nullptr, tmp);
  });
}

Status ExportField(const Field& field, ArrowSchema* out) {
  if (field.type() == nullptr)
    return Status::InvalidArgument("exporting field \"" + field.name() + "\": type is null");
  return ExportInto(out, [&](ArrowSchema* tmp) { return FillField(field, tmp); });
}

Status ExportSchema(const Schema& schema, ArrowSchema* out) {
  return ExportInto(out, [&](ArrowSchema* tmp) {
    return FillSchema(*Struct(schema.fields()), "", 0, &schema.metadata(), tmp);
  });
}

namespace internal {

SchemaGuard::SchemaGuard(ArrowSchema* source) {
  std::memset(&schema_, 0, sizeof(schema_));
  if (source != nullptr) {
    schema_ = *source;
    source->release = nullptr;  // moved, per the spec: the source must not be released again
  }
}

SchemaGuard::~SchemaGuard() {
  if (schema_.release != nullptr) schema_.release(&schema_);
}

Status CheckSchemaInput(const ArrowSchema* schema, std::string_view what) {
  if (schema == nullptr)
    return Status::InvalidArgument(std::string(what) + ": ArrowSchema pointer is null");
  if (schema->release == nullptr) {
    return Status::InvalidArgument(std::string(what) + ": ArrowSchema is already released");
  }
  return Status::OK();
}

}  // namespace internal

Result<DataTypePtr> ImportType(ArrowSchema* schema) {
  RETURN_NOT_OK(internal::CheckSchemaInput(schema, "ImportType"));
  internal::SchemaGuard guard(schema);
  ASSIGN_OR_RAISE(FieldPtr field, ImportFieldImpl(guard.get(), "schema", 0));
  return field->type();
}

Result<FieldPtr> ImportField(ArrowSchema* schema) {
  RETURN_NOT_OK(internal::CheckSchemaInput(schema, "ImportField"));
  internal::SchemaGuard guard(schema);
  return ImportFieldImpl(guard.get(), "schema", 0);
}

Result<SchemaPtr> ImportSchema(ArrowSchema* schema) {
  RETURN_NOT_OK(internal::CheckSchemaInput(schema, "ImportSchema"));
  internal::SchemaGuard guard(schema);
  const ArrowSchema* moved = guard.get();
  if (moved->format == nullptr || std::string_view(moved->format) != "+s") {
    return Status::InvalidArgument(
        "ImportSchema: a schema must be exported as a struct (format '+s'), got format '" +
        std::string(moved->format == nullptr ? "(null)" : moved->format) + "'");
  }
  if (moved->dictionary != nullptr) {
    return Status::InvalidArgument("ImportSchema: a schema cannot be dictionary-encoded");
  }
  ASSIGN_OR_RAISE(FieldPtr root, ImportFieldImpl(moved, "schema", 0));
  return MakeSchema(root->type()->fields(), root->metadata());
}

}  // namespace ballista::arrow
