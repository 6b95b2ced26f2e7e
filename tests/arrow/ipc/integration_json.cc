#include "integration_json.h"

#include <zlib.h>

#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <set>

#include "ballista/arrow/bit_util.h"
#include "ballista/common/buffer.h"
#include "ballista/common/json.h"

namespace ballista::arrow::ipc::testing {

namespace {

using json::Value;

/// A schema field together with what the JSON says about its dictionary encoding, mirrored for
/// the children of its (value) type.
struct FieldSpec {
  FieldPtr field;
  int64_t dictionary_id = -1;
  std::vector<FieldSpec> children;
};

Status Bad(const std::string& what) { return Status::InvalidData("integration JSON: " + what); }

const Value* Member(const Value& object, std::string_view key) { return object.Get(key); }

Result<const Value*> Required(const Value& object, std::string_view key, const std::string& where) {
  const Value* v = object.Get(key);
  if (v == nullptr) return Bad(where + ": missing \"" + std::string(key) + "\"");
  return v;
}

Result<std::string> StringMember(const Value& object, std::string_view key, const std::string& where) {
  ASSIGN_OR_RAISE(const Value* v, Required(object, key, where));
  if (!v->IsString()) return Bad(where + ": \"" + std::string(key) + "\" is not a string");
  return v->AsString();
}

Result<int64_t> IntMember(const Value& object, std::string_view key, const std::string& where) {
  ASSIGN_OR_RAISE(const Value* v, Required(object, key, where));
  if (v->IsString()) return static_cast<int64_t>(std::stoll(v->AsString()));
  return v->AsInt64();
}

/// Integers appear as JSON numbers or (for 64-bit types) as strings.
Result<int64_t> AsSigned(const Value& v) {
  if (v.IsString()) return static_cast<int64_t>(std::strtoll(v.AsString().c_str(), nullptr, 10));
  if (!v.IsNumber()) return Bad("expected an integer");
  return static_cast<int64_t>(std::strtoll(v.number_text().c_str(), nullptr, 10));
}

Result<uint64_t> AsUnsigned(const Value& v) {
  if (v.IsString()) return static_cast<uint64_t>(std::strtoull(v.AsString().c_str(), nullptr, 10));
  if (!v.IsNumber()) return Bad("expected an integer");
  return static_cast<uint64_t>(std::strtoull(v.number_text().c_str(), nullptr, 10));
}

Result<TimeUnit> ParseUnit(const std::string& unit) {
  if (unit == "SECOND") return TimeUnit::kSecond;
  if (unit == "MILLISECOND") return TimeUnit::kMilli;
  if (unit == "MICROSECOND") return TimeUnit::kMicro;
  if (unit == "NANOSECOND") return TimeUnit::kNano;
  return Bad("unknown time unit " + unit);
}

Result<DataTypePtr> ParseInt(const Value& type) {
  ASSIGN_OR_RAISE(int64_t bits, IntMember(type, "bitWidth", "int type"));
  const Value* is_signed = Member(type, "isSigned");
  bool s = is_signed != nullptr && is_signed->AsBool();
  switch (bits) {
    case 8:
      return s ? Int8() : UInt8();
    case 16:
      return s ? Int16() : UInt16();
    case 32:
      return s ? Int32() : UInt32();
    case 64:
      return s ? Int64() : UInt64();
  }
  return Bad("bad int bit width " + std::to_string(bits));
}

Result<DataTypePtr> ParseType(const Value& type, FieldVector children, const std::string& where) {
  ASSIGN_OR_RAISE(std::string name, StringMember(type, "name", where));
  if (name == "null") return Null();
  if (name == "bool") return Boolean();
  if (name == "int") return ParseInt(type);
  if (name == "floatingpoint") {
    ASSIGN_OR_RAISE(std::string precision, StringMember(type, "precision", where));
    if (precision == "HALF") return Float16();
    if (precision == "SINGLE") return Float32();
    if (precision == "DOUBLE") return Float64();
    return Bad(where + ": bad precision " + precision);
  }
  if (name == "utf8") return Utf8();
  if (name == "largeutf8") return LargeUtf8();
  if (name == "utf8view") return Utf8View();
  if (name == "binary") return Binary();
  if (name == "largebinary") return LargeBinary();
  if (name == "binaryview") return BinaryView();
  if (name == "fixedsizebinary") {
    ASSIGN_OR_RAISE(int64_t width, IntMember(type, "byteWidth", where));
    return FixedSizeBinary(static_cast<int32_t>(width));
  }
  if (name == "decimal") {
    ASSIGN_OR_RAISE(int64_t precision, IntMember(type, "precision", where));
    ASSIGN_OR_RAISE(int64_t scale, IntMember(type, "scale", where));
    int64_t bits = 128;
    if (Member(type, "bitWidth") != nullptr) {
      ASSIGN_OR_RAISE(bits, IntMember(type, "bitWidth", where));
    }
    TypeId id = bits == 32 ? TypeId::kDecimal32
                : bits == 64 ? TypeId::kDecimal64
                : bits == 256 ? TypeId::kDecimal256
                              : TypeId::kDecimal128;
    return MakeDecimal(id, static_cast<int32_t>(precision), static_cast<int32_t>(scale));
  }
  if (name == "date") {
    ASSIGN_OR_RAISE(std::string unit, StringMember(type, "unit", where));
    return unit == "DAY" ? Date32() : Date64();
  }
  if (name == "time") {
    ASSIGN_OR_RAISE(std::string unit_name, StringMember(type, "unit", where));
    ASSIGN_OR_RAISE(TimeUnit unit, ParseUnit(unit_name));
    ASSIGN_OR_RAISE(int64_t bits, IntMember(type, "bitWidth", where));
    return MakeTime(bits == 32 ? TypeId::kTime32 : TypeId::kTime64, unit);
  }
  if (name == "timestamp") {
    ASSIGN_OR_RAISE(std::string unit_name, StringMember(type, "unit", where));
    ASSIGN_OR_RAISE(TimeUnit unit, ParseUnit(unit_name));
    const Value* tz = Member(type, "timezone");
    return Timestamp(unit, tz != nullptr && tz->IsString() ? tz->AsString() : std::string());
  }
  if (name == "duration") {
    ASSIGN_OR_RAISE(std::string unit_name, StringMember(type, "unit", where));
    ASSIGN_OR_RAISE(TimeUnit unit, ParseUnit(unit_name));
    return Duration(unit);
  }
  if (name == "interval") {
    ASSIGN_OR_RAISE(std::string unit, StringMember(type, "unit", where));
    if (unit == "YEAR_MONTH") return IntervalYearMonth();
    if (unit == "DAY_TIME") return IntervalDayTime();
    if (unit == "MONTH_DAY_NANO") return IntervalMonthDayNano();
    return Bad(where + ": bad interval unit " + unit);
  }
  if (name == "list" || name == "largelist" || name == "fixedsizelist" || name == "map") {
    if (children.size() != 1) return Bad(where + ": " + name + " needs one child");
    if (name == "list") return List(children[0]);
    if (name == "largelist") return LargeList(children[0]);
    if (name == "map") {
      const Value* sorted = Member(type, "keysSorted");
      return MakeMap(children[0], sorted != nullptr && sorted->AsBool());
    }
    ASSIGN_OR_RAISE(int64_t size, IntMember(type, "listSize", where));
    return FixedSizeList(children[0], static_cast<int32_t>(size));
  }
  if (name == "struct") return Struct(std::move(children));
  return Status::Unsupported(where + ": type '" + name + "' is not supported by this engine");
}

KeyValueMetadata ParseMetadata(const Value* metadata) {
  KeyValueMetadata out;
  if (metadata == nullptr || !metadata->IsArray()) return out;
  for (const Value& kv : metadata->array()) {
    const Value* k = kv.Get("key");
    const Value* v = kv.Get("value");
    out.emplace_back(k ? k->AsString() : "", v ? v->AsString() : "");
  }
  return out;
}

Result<FieldSpec> ParseField(const Value& field, const std::string& parent, int depth) {
  if (depth > 64) return Bad("nesting too deep");
  ASSIGN_OR_RAISE(std::string name, StringMember(field, "name", parent + " field"));
  std::string where = parent.empty() ? name : parent + "." + name;
  FieldSpec spec;
  FieldVector child_fields;
  if (const Value* children = Member(field, "children"); children != nullptr && children->IsArray()) {
    for (const Value& child : children->array()) {
      ASSIGN_OR_RAISE(FieldSpec child_spec, ParseField(child, where, depth + 1));
      child_fields.push_back(child_spec.field);
      spec.children.push_back(std::move(child_spec));
    }
  }
  ASSIGN_OR_RAISE(const Value* type_json, Required(field, "type", where));
  ASSIGN_OR_RAISE(DataTypePtr type, ParseType(*type_json, std::move(child_fields), where));
  if (const Value* dictionary = Member(field, "dictionary"); dictionary != nullptr) {
    ASSIGN_OR_RAISE(spec.dictionary_id, IntMember(*dictionary, "id", where));
    DataTypePtr index = Int32();
    if (const Value* index_json = Member(*dictionary, "indexType"); index_json != nullptr) {
      ASSIGN_OR_RAISE(index, ParseInt(*index_json));
    }
    const Value* ordered = Member(*dictionary, "isOrdered");
    type = Dictionary(index, type, ordered != nullptr && ordered->AsBool());
  }
  const Value* nullable = Member(field, "nullable");
  spec.field = MakeField(name, type, nullable == nullptr || nullable->AsBool(),
                         ParseMetadata(Member(field, "metadata")));
  return spec;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> FromHex(const std::string& hex) {
  if (hex.size() % 2 != 0) return Bad("odd-length hex string");
  std::string out(hex.size() / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = HexValue(hex[2 * i]);
    int lo = HexValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return Bad("bad hex digit in '" + hex + "'");
    out[i] = static_cast<char>(hi * 16 + lo);
  }
  return out;
}

/// A decimal integer string as `bytes` bytes of little-endian two's complement.
Result<std::string> DecimalBytes(const std::string& text, int bytes) {
  std::vector<uint32_t> limbs(static_cast<size_t>(bytes / 4), 0);
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  if (i == text.size()) return Bad("empty decimal '" + text + "'");
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return Bad("bad decimal '" + text + "'");
    uint64_t carry = static_cast<uint64_t>(text[i] - '0');
    for (uint32_t& limb : limbs) {
      uint64_t v = static_cast<uint64_t>(limb) * 10 + carry;
      limb = static_cast<uint32_t>(v);
      carry = v >> 32;
    }
  }
  if (negative) {
    uint64_t carry = 1;
    for (uint32_t& limb : limbs) {
      uint64_t v = static_cast<uint64_t>(static_cast<uint32_t>(~limb)) + carry;
      limb = static_cast<uint32_t>(v);
      carry = v >> 32;
    }
  }
  std::string out(static_cast<size_t>(bytes), '\0');
  std::memcpy(out.data(), limbs.data(), static_cast<size_t>(bytes));
  return out;
}

/// IEEE binary16 bits of `value`, rounding to nearest even.
uint16_t HalfFromDouble(double value) {
  float f = static_cast<float>(value);
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
  int32_t exponent = static_cast<int32_t>((bits >> 23) & 0xFF);
  uint32_t mantissa = bits & 0x7FFFFFu;
  if (exponent == 0xFF) return static_cast<uint16_t>(sign | 0x7C00u | (mantissa ? 0x200u : 0u));
  int32_t e = exponent - 127 + 15;
  if (e >= 0x1F) return static_cast<uint16_t>(sign | 0x7C00u);
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 0x800000u;
    uint32_t shift = static_cast<uint32_t>(14 - e);
    uint32_t half = mantissa >> shift;
    uint32_t rest = mantissa & ((1u << shift) - 1);
    uint32_t midpoint = 1u << (shift - 1);
    if (rest > midpoint || (rest == midpoint && (half & 1u))) ++half;
    return static_cast<uint16_t>(sign | half);
  }
  uint32_t half = (static_cast<uint32_t>(e) << 10) | (mantissa >> 13);
  uint32_t rest = mantissa & 0x1FFFu;
  if (rest > 0x1000u || (rest == 0x1000u && (half & 1u))) ++half;
  return static_cast<uint16_t>(sign | half);
}

/// Builds arrays from integration JSON columns; dictionaries are built once, on first use, from
/// the document's "dictionaries" section. Single-threaded.
class ArrayBuilderFromJson {
 public:
  ArrayBuilderFromJson(std::map<int64_t, const FieldSpec*> dict_specs, std::map<int64_t, const Value*> dict_json)
      : dict_specs_(std::move(dict_specs)), dict_json_(std::move(dict_json)) {}

  Result<ArrayDataPtr> Build(const FieldSpec& spec, const DataTypePtr& type, const Value& column, int depth);

  Result<ArrayDataPtr> GetDictionary(int64_t id) {
    if (auto found = built_.find(id); found != built_.end()) return found->second;
    if (building_.count(id)) return Bad("dictionary " + std::to_string(id) + " refers to itself");
    auto spec = dict_specs_.find(id);
    auto data = dict_json_.find(id);
    if (spec == dict_specs_.end() || data == dict_json_.end()) {
      return Bad("no dictionary with id " + std::to_string(id));
    }
    building_.insert(id);
    ASSIGN_OR_RAISE(const Value* columns, Required(*data->second, "columns", "dictionary"));
    if (!columns->IsArray() || columns->array().size() != 1) return Bad("dictionary needs one column");
    ASSIGN_OR_RAISE(auto values, Build(*spec->second, spec->second->field->type()->value_type(),
                                       columns->array()[0], 0));
    building_.erase(id);
    built_[id] = values;
    return values;
  }

 private:
  std::map<int64_t, const FieldSpec*> dict_specs_;
  std::map<int64_t, const Value*> dict_json_;
  std::map<int64_t, ArrayDataPtr> built_;
  std::set<int64_t> building_;
};

Result<const Value::Array*> ArrayMember(const Value& column, std::string_view key, const std::string& where) {
  ASSIGN_OR_RAISE(const Value* v, Required(column, key, where));
  if (!v->IsArray()) return Bad(where + ": \"" + std::string(key) + "\" is not an array");
  return &v->array();
}

template <typename T>
Result<std::shared_ptr<Buffer>> ValuesBuffer(const Value::Array& items, bool is_unsigned) {
  ASSIGN_OR_RAISE(auto buffer, PoolBuffer::Make(static_cast<int64_t>(items.size() * sizeof(T))));
  T* out = buffer->mutable_data_as<T>();
  for (size_t i = 0; i < items.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      out[i] = static_cast<T>(items[i].AsDouble());
    } else if (is_unsigned) {
      ASSIGN_OR_RAISE(uint64_t v, AsUnsigned(items[i]));
      out[i] = static_cast<T>(v);
    } else {
      ASSIGN_OR_RAISE(int64_t v, AsSigned(items[i]));
      out[i] = static_cast<T>(v);
    }
  }
  return std::shared_ptr<Buffer>(std::move(buffer));
}

/// Integers of `width` bytes.
Result<std::shared_ptr<Buffer>> IntValues(int width, const Value::Array& items, bool is_unsigned) {
  switch (width) {
    case 1:
      return ValuesBuffer<int8_t>(items, is_unsigned);
    case 2:
      return ValuesBuffer<int16_t>(items, is_unsigned);
    case 4:
      return ValuesBuffer<int32_t>(items, is_unsigned);
    default:
      return ValuesBuffer<int64_t>(items, is_unsigned);
  }
}

Result<std::shared_ptr<Buffer>> BytesBuffer(const std::string& bytes) { return Buffer::CopyOf(bytes); }

Result<ArrayDataPtr> ArrayBuilderFromJson::Build(const FieldSpec& spec, const DataTypePtr& type,
                                                 const Value& column, int depth) {
  if (depth > 64) return Bad("nesting too deep");
  std::string where = "column '" + spec.field->name() + "'";
  ASSIGN_OR_RAISE(int64_t count, IntMember(column, "count", where));
  if (type->id() == TypeId::kNull) return ArrayData::Make(type, count, {}, count);

  // Validity: a bitmap only when something is null.
  std::shared_ptr<Buffer> validity;
  int64_t null_count = 0;
  if (const Value* bits = Member(column, "VALIDITY"); bits != nullptr && bits->IsArray()) {
    const auto& items = bits->array();
    if (static_cast<int64_t>(items.size()) != count) return Bad(where + ": VALIDITY length differs from count");
    ASSIGN_OR_RAISE(auto bitmap, PoolBuffer::Make(bit_util::BytesForBits(count)));
    for (int64_t i = 0; i < count; ++i) {
      ASSIGN_OR_RAISE(int64_t bit, AsSigned(items[static_cast<size_t>(i)]));
      if (bit != 0) {
        bit_util::SetBit(bitmap->mutable_data(), i);
      } else {
        ++null_count;
      }
    }
    if (null_count > 0) validity = std::move(bitmap);
  }
  auto out = ArrayData::Make(type, count, {validity}, null_count);

  auto child_spec = [&](size_t i) -> Result<const FieldSpec*> {
    if (i >= spec.children.size()) return Bad(where + ": missing child field spec");
    return &spec.children[i];
  };
  auto child_column = [&](size_t i) -> Result<const Value*> {
    ASSIGN_OR_RAISE(auto children, ArrayMember(column, "children", where));
    if (i >= children->size()) return Bad(where + ": missing child column");
    return &(*children)[i];
  };

  switch (type->id()) {
    case TypeId::kDictionary: {
      ASSIGN_OR_RAISE(auto items, ArrayMember(column, "DATA", where));
      const DataType& index = *type->index_type();
      ASSIGN_OR_RAISE(auto indices, IntValues(index.byte_width(), *items, IsUnsignedInteger(index.id())));
      out->buffers.push_back(std::move(indices));
      ASSIGN_OR_RAISE(out->dictionary, GetDictionary(spec.dictionary_id));
      return out;
    }
    case TypeId::kBool: {
      ASSIGN_OR_RAISE(auto items, ArrayMember(column, "DATA", where));
      ASSIGN_OR_RAISE(auto bits, PoolBuffer::Make(bit_util::BytesForBits(count)));
      for (int64_t i = 0; i < count; ++i) {
        if ((*items)[static_cast<size_t>(i)].AsBool()) bit_util::SetBit(bits->mutable_data(), i);
      }
      out->buffers.push_back(std::shared_ptr<Buffer>(std::move(bits)));
      return out;
    }
    case TypeId::kUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: {
      bool large = type->id() == TypeId::kLargeUtf8 || type->id() == TypeId::kLargeBinary;
      bool text = type->id() == TypeId::kUtf8 || type->id() == TypeId::kLargeUtf8;
      ASSIGN_OR_RAISE(auto offsets_json, ArrayMember(column, "OFFSET", where));
      ASSIGN_OR_RAISE(auto items, ArrayMember(column, "DATA", where));
      std::shared_ptr<Buffer> offsets;
      if (large) {
        ASSIGN_OR_RAISE(offsets, ValuesBuffer<int64_t>(*offsets_json, false));
      } else {
        ASSIGN_OR_RAISE(offsets, ValuesBuffer<int32_t>(*offsets_json, false));
      }
      std::string data;
      for (const Value& item : *items) {
        if (text) {
          data += item.AsString();
        } else {
          ASSIGN_OR_RAISE(std::string bytes, FromHex(item.AsString()));
          data += bytes;
        }
      }
      out->buffers.push_back(std::move(offsets));
      ASSIGN_OR_RAISE(auto data_buffer, BytesBuffer(data));
      out->buffers.push_back(std::move(data_buffer));
      return out;
    }
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      bool text = type->id() == TypeId::kUtf8View;
      ASSIGN_OR_RAISE(auto views_json, ArrayMember(column, "VIEWS", where));
      std::string views(views_json->size() * 16, '\0');
      for (size_t i = 0; i < views_json->size(); ++i) {
        const Value& view = (*views_json)[i];
        ASSIGN_OR_RAISE(int64_t size, IntMember(view, "SIZE", where));
        int32_t size32 = static_cast<int32_t>(size);
        char* slot = views.data() + i * 16;
        std::memcpy(slot, &size32, 4);
        if (size <= 12) {
          ASSIGN_OR_RAISE(std::string inlined, StringMember(view, "INLINED", where));
          if (!text) {
            ASSIGN_OR_RAISE(inlined, FromHex(inlined));
          }
          if (static_cast<int64_t>(inlined.size()) != size) return Bad(where + ": inline view size mismatch");
          std::memcpy(slot + 4, inlined.data(), inlined.size());
        } else {
          ASSIGN_OR_RAISE(std::string prefix_hex, StringMember(view, "PREFIX_HEX", where));
          ASSIGN_OR_RAISE(std::string prefix, FromHex(prefix_hex));
          if (prefix.size() != 4) return Bad(where + ": view prefix is not 4 bytes");
          ASSIGN_OR_RAISE(int64_t index, IntMember(view, "BUFFER_INDEX", where));
          ASSIGN_OR_RAISE(int64_t offset, IntMember(view, "OFFSET", where));
          int32_t index32 = static_cast<int32_t>(index);
          int32_t offset32 = static_cast<int32_t>(offset);
          std::memcpy(slot + 4, prefix.data(), 4);
          std::memcpy(slot + 8, &index32, 4);
          std::memcpy(slot + 12, &offset32, 4);
        }
      }
      ASSIGN_OR_RAISE(auto views_buffer, BytesBuffer(views));
      out->buffers.push_back(std::move(views_buffer));
      ASSIGN_OR_RAISE(auto variadic, ArrayMember(column, "VARIADIC_DATA_BUFFERS", where));
      for (const Value& hex : *variadic) {
        ASSIGN_OR_RAISE(std::string bytes, FromHex(hex.AsString()));
        ASSIGN_OR_RAISE(auto data_buffer, BytesBuffer(bytes));
        out->buffers.push_back(std::move(data_buffer));
      }
      return out;
    }
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kLargeList: {
      ASSIGN_OR_RAISE(auto offsets_json, ArrayMember(column, "OFFSET", where));
      std::shared_ptr<Buffer> offsets;
      if (type->id() == TypeId::kLargeList) {
        ASSIGN_OR_RAISE(offsets, ValuesBuffer<int64_t>(*offsets_json, false));
      } else {
        ASSIGN_OR_RAISE(offsets, ValuesBuffer<int32_t>(*offsets_json, false));
      }
      out->buffers.push_back(std::move(offsets));
      ASSIGN_OR_RAISE(const FieldSpec* cs, child_spec(0));
      ASSIGN_OR_RAISE(const Value* cc, child_column(0));
      ASSIGN_OR_RAISE(auto child, Build(*cs, type->field(0)->type(), *cc, depth + 1));
      out->child_data.push_back(std::move(child));
      return out;
    }
    case TypeId::kFixedSizeList:
    case TypeId::kStruct: {
      for (int i = 0; i < type->num_fields(); ++i) {
        ASSIGN_OR_RAISE(const FieldSpec* cs, child_spec(static_cast<size_t>(i)));
        ASSIGN_OR_RAISE(const Value* cc, child_column(static_cast<size_t>(i)));
        ASSIGN_OR_RAISE(auto child, Build(*cs, type->field(i)->type(), *cc, depth + 1));
        out->child_data.push_back(std::move(child));
      }
      return out;
    }
    default:
      break;
  }

  ASSIGN_OR_RAISE(auto items, ArrayMember(column, "DATA", where));
  if (static_cast<int64_t>(items->size()) != count) return Bad(where + ": DATA length differs from count");
  std::shared_ptr<Buffer> values;
  switch (type->id()) {
    case TypeId::kInt8:
    case TypeId::kUInt8:
    case TypeId::kInt16:
    case TypeId::kUInt16:
    case TypeId::kInt32:
    case TypeId::kUInt32:
    case TypeId::kDate32:
    case TypeId::kTime32:
    case TypeId::kIntervalYearMonth:
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kDate64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: {
      ASSIGN_OR_RAISE(values, IntValues(type->byte_width(), *items, IsUnsignedInteger(type->id())));
      break;
    }
    case TypeId::kFloat32: {
      ASSIGN_OR_RAISE(values, ValuesBuffer<float>(*items, false));
      break;
    }
    case TypeId::kFloat64: {
      ASSIGN_OR_RAISE(values, ValuesBuffer<double>(*items, false));
      break;
    }
    case TypeId::kFloat16: {
      std::string bytes(items->size() * 2, '\0');
      for (size_t i = 0; i < items->size(); ++i) {
        uint16_t h = HalfFromDouble((*items)[i].AsDouble());
        std::memcpy(bytes.data() + 2 * i, &h, 2);
      }
      ASSIGN_OR_RAISE(values, BytesBuffer(bytes));
      break;
    }
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256: {
      int width = type->byte_width();
      std::string bytes;
      for (const Value& item : *items) {
        ASSIGN_OR_RAISE(std::string one, DecimalBytes(item.IsString() ? item.AsString() : item.number_text(), width));
        bytes += one;
      }
      ASSIGN_OR_RAISE(values, BytesBuffer(bytes));
      break;
    }
    case TypeId::kFixedSizeBinary: {
      std::string bytes;
      for (const Value& item : *items) {
        ASSIGN_OR_RAISE(std::string one, FromHex(item.AsString()));
        if (static_cast<int>(one.size()) != type->fixed_size()) return Bad(where + ": wrong fixed-size value");
        bytes += one;
      }
      ASSIGN_OR_RAISE(values, BytesBuffer(bytes));
      break;
    }
    case TypeId::kIntervalDayTime: {
      std::string bytes(items->size() * 8, '\0');
      for (size_t i = 0; i < items->size(); ++i) {
        ASSIGN_OR_RAISE(int64_t days, IntMember((*items)[i], "days", where));
        ASSIGN_OR_RAISE(int64_t ms, IntMember((*items)[i], "milliseconds", where));
        int32_t parts[2] = {static_cast<int32_t>(days), static_cast<int32_t>(ms)};
        std::memcpy(bytes.data() + 8 * i, parts, 8);
      }
      ASSIGN_OR_RAISE(values, BytesBuffer(bytes));
      break;
    }
    case TypeId::kIntervalMonthDayNano: {
      std::string bytes(items->size() * 16, '\0');
      for (size_t i = 0; i < items->size(); ++i) {
        ASSIGN_OR_RAISE(int64_t months, IntMember((*items)[i], "months", where));
        ASSIGN_OR_RAISE(int64_t days, IntMember((*items)[i], "days", where));
        ASSIGN_OR_RAISE(const Value* nanos_json, Required((*items)[i], "nanoseconds", where));
        ASSIGN_OR_RAISE(int64_t nanos, AsSigned(*nanos_json));
        int32_t md[2] = {static_cast<int32_t>(months), static_cast<int32_t>(days)};
        std::memcpy(bytes.data() + 16 * i, md, 8);
        std::memcpy(bytes.data() + 16 * i + 8, &nanos, 8);
      }
      ASSIGN_OR_RAISE(values, BytesBuffer(bytes));
      break;
    }
    default:
      return Status::Unsupported(where + ": no JSON reader for type " + type->ToString());
  }
  out->buffers.push_back(std::move(values));
  return out;
}

void CollectDictionarySpecs(const FieldSpec& spec, std::map<int64_t, const FieldSpec*>* out) {
  if (spec.dictionary_id >= 0) out->emplace(spec.dictionary_id, &spec);
  for (const auto& child : spec.children) CollectDictionarySpecs(child, out);
}

}  // namespace

Result<IntegrationData> ParseIntegrationJson(std::string_view text) {
  ASSIGN_OR_RAISE(Value doc, json::Parse(text));
  ASSIGN_OR_RAISE(const Value* schema_json, Required(doc, "schema", "document"));
  ASSIGN_OR_RAISE(const Value* fields_json, Required(*schema_json, "fields", "schema"));
  std::vector<FieldSpec> specs;
  FieldVector fields;
  for (const Value& f : fields_json->array()) {
    ASSIGN_OR_RAISE(FieldSpec spec, ParseField(f, "", 0));
    fields.push_back(spec.field);
    specs.push_back(std::move(spec));
  }
  IntegrationData out;
  out.schema = MakeSchema(std::move(fields), ParseMetadata(Member(*schema_json, "metadata")));

  std::map<int64_t, const FieldSpec*> dict_specs;
  for (const auto& spec : specs) CollectDictionarySpecs(spec, &dict_specs);
  std::map<int64_t, const Value*> dict_json;
  if (const Value* dictionaries = Member(doc, "dictionaries"); dictionaries != nullptr) {
    for (const Value& d : dictionaries->array()) {
      ASSIGN_OR_RAISE(int64_t id, IntMember(d, "id", "dictionary"));
      ASSIGN_OR_RAISE(const Value* data, Required(d, "data", "dictionary"));
      dict_json[id] = data;
    }
  }
  ArrayBuilderFromJson builder(dict_specs, dict_json);
  ASSIGN_OR_RAISE(const Value* batches, Required(doc, "batches", "document"));
  for (const Value& batch : batches->array()) {
    ASSIGN_OR_RAISE(int64_t count, IntMember(batch, "count", "batch"));
    ASSIGN_OR_RAISE(auto columns, ArrayMember(batch, "columns", "batch"));
    if (columns->size() != specs.size()) return Bad("batch column count differs from the schema");
    std::vector<ArrayDataPtr> arrays;
    for (size_t i = 0; i < specs.size(); ++i) {
      ASSIGN_OR_RAISE(auto array, builder.Build(specs[i], specs[i].field->type(), (*columns)[i], 0));
      arrays.push_back(std::move(array));
    }
    ASSIGN_OR_RAISE(auto rb, RecordBatch::Make(out.schema, count, std::move(arrays)));
    out.batches.push_back(std::move(rb));
  }
  return out;
}

Result<std::string> ReadGzipFile(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return Status::IOError("cannot open '" + path + "'");
  std::string out;
  char chunk[1 << 16];
  while (true) {
    int n = gzread(file, chunk, sizeof(chunk));
    if (n < 0) {
      gzclose(file);
      return Status::IOError("'" + path + "': gzip read failed");
    }
    if (n == 0) break;
    out.append(chunk, static_cast<size_t>(n));
  }
  gzclose(file);
  return out;
}

}  // namespace ballista::arrow::ipc::testing
