#include <cstring>
#include <utility>

#include "ballista/arrow/ipc/metadata_internal.h"

namespace ballista::arrow::ipc::internal {

namespace {

using flatbuffers::FlatBufferBuilder;
using flatbuffers::Offset;

using FieldOffsets = std::vector<Offset<fb::Field>>;

/// A flatbuffers Type union member: its tag and table.
struct TypeOffset {
  fb::Type type_type;
  Offset<void> type;
};

fb::TimeUnit ToFlatbuffer(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond:
      return fb::TimeUnit::SECOND;
    case TimeUnit::kMilli:
      return fb::TimeUnit::MILLISECOND;
    case TimeUnit::kMicro:
      return fb::TimeUnit::MICROSECOND;
    case TimeUnit::kNano:
      return fb::TimeUnit::NANOSECOND;
  }
  return fb::TimeUnit::SECOND;
}

Result<TimeUnit> FromFlatbuffer(fb::TimeUnit unit, const std::string& where) {
  switch (unit) {
    case fb::TimeUnit::SECOND:
      return TimeUnit::kSecond;
    case fb::TimeUnit::MILLISECOND:
      return TimeUnit::kMilli;
    case fb::TimeUnit::MICROSECOND:
      return TimeUnit::kMicro;
    case fb::TimeUnit::NANOSECOND:
      return TimeUnit::kNano;
  }
  return Status::InvalidData(where + ": unknown time unit " + std::to_string(static_cast<int>(unit)));
}

/// The flatbuffers type table of a non-dictionary type. Children are written by the caller.
Result<TypeOffset> WriteType(FlatBufferBuilder& b, const DataType& type) {
  switch (type.id()) {
    case TypeId::kNull:
      return TypeOffset{fb::Type::Null, fb::CreateNull(b).Union()};
    case TypeId::kBool:
      return TypeOffset{fb::Type::Bool, fb::CreateBool(b).Union()};
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
      return TypeOffset{fb::Type::Int,
                        fb::CreateInt(b, type.bit_width(), IsSignedInteger(type.id())).Union()};
    case TypeId::kFloat16:
      return TypeOffset{fb::Type::FloatingPoint,
                        fb::CreateFloatingPoint(b, fb::Precision::HALF).Union()};
    case TypeId::kFloat32:
      return TypeOffset{fb::Type::FloatingPoint,
                        fb::CreateFloatingPoint(b, fb::Precision::SINGLE).Union()};
    case TypeId::kFloat64:
      return TypeOffset{fb::Type::FloatingPoint,
                        fb::CreateFloatingPoint(b, fb::Precision::DOUBLE).Union()};
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      return TypeOffset{fb::Type::Decimal,
                        fb::CreateDecimal(b, type.precision(), type.scale(), type.bit_width()).Union()};
    case TypeId::kUtf8:
      return TypeOffset{fb::Type::Utf8, fb::CreateUtf8(b).Union()};
    case TypeId::kLargeUtf8:
      return TypeOffset{fb::Type::LargeUtf8, fb::CreateLargeUtf8(b).Union()};
    case TypeId::kUtf8View:
      return TypeOffset{fb::Type::Utf8View, fb::CreateUtf8View(b).Union()};
    case TypeId::kBinary:
      return TypeOffset{fb::Type::Binary, fb::CreateBinary(b).Union()};
    case TypeId::kLargeBinary:
      return TypeOffset{fb::Type::LargeBinary, fb::CreateLargeBinary(b).Union()};
    case TypeId::kBinaryView:
      return TypeOffset{fb::Type::BinaryView, fb::CreateBinaryView(b).Union()};
    case TypeId::kFixedSizeBinary:
      return TypeOffset{fb::Type::FixedSizeBinary,
                        fb::CreateFixedSizeBinary(b, type.fixed_size()).Union()};
    case TypeId::kDate32:
      return TypeOffset{fb::Type::Date, fb::CreateDate(b, fb::DateUnit::DAY).Union()};
    case TypeId::kDate64:
      return TypeOffset{fb::Type::Date, fb::CreateDate(b, fb::DateUnit::MILLISECOND).Union()};
    case TypeId::kTime32:
      return TypeOffset{fb::Type::Time, fb::CreateTime(b, ToFlatbuffer(type.unit()), 32).Union()};
    case TypeId::kTime64:
      return TypeOffset{fb::Type::Time, fb::CreateTime(b, ToFlatbuffer(type.unit()), 64).Union()};
    case TypeId::kTimestamp: {
      Offset<flatbuffers::String> tz = 0;
      if (!type.timezone().empty()) tz = b.CreateString(type.timezone());
      return TypeOffset{fb::Type::Timestamp,
                        fb::CreateTimestamp(b, ToFlatbuffer(type.unit()), tz).Union()};
    }
    case TypeId::kDuration:
      return TypeOffset{fb::Type::Duration, fb::CreateDuration(b, ToFlatbuffer(type.unit())).Union()};
    case TypeId::kIntervalYearMonth:
      return TypeOffset{fb::Type::Interval,
                        fb::CreateInterval(b, fb::IntervalUnit::YEAR_MONTH).Union()};
    case TypeId::kIntervalDayTime:
      return TypeOffset{fb::Type::Interval, fb::CreateInterval(b, fb::IntervalUnit::DAY_TIME).Union()};
    case TypeId::kIntervalMonthDayNano:
      return TypeOffset{fb::Type::Interval,
                        fb::CreateInterval(b, fb::IntervalUnit::MONTH_DAY_NANO).Union()};
    case TypeId::kList:
      return TypeOffset{fb::Type::List, fb::CreateList(b).Union()};
    case TypeId::kLargeList:
      return TypeOffset{fb::Type::LargeList, fb::CreateLargeList(b).Union()};
    case TypeId::kFixedSizeList:
      return TypeOffset{fb::Type::FixedSizeList, fb::CreateFixedSizeList(b, type.fixed_size()).Union()};
    case TypeId::kStruct:
      return TypeOffset{fb::Type::Struct_, fb::CreateStruct_(b).Union()};
    case TypeId::kMap:
      return TypeOffset{fb::Type::Map, fb::CreateMap(b, type.keys_sorted()).Union()};
    case TypeId::kDictionary:
      break;
  }
  return Status::InvalidArgument("IPC: type " + type.ToString() + " has no IPC form here");
}

Result<Offset<fb::Field>> WriteField(FlatBufferBuilder& b, const Field& field, int64_t* next_id,
                                     int depth) {
  if (depth > 1024) return Status::InvalidArgument("IPC: schema nesting is too deep to write");
  const DataType* type = field.type().get();
  Offset<fb::DictionaryEncoding> dictionary = 0;
  int64_t dictionary_id = -1;
  if (type->id() == TypeId::kDictionary) {
    // Pre-order: the dictionary takes its id before the fields nested in its values.
    dictionary_id = (*next_id)++;
    type = type->value_type().get();
    if (type->id() == TypeId::kDictionary) {
      return Status::Unsupported("IPC: field '" + field.name() +
                                 "': a dictionary of dictionaries cannot be represented");
    }
  }
  FieldOffsets children;
  for (const auto& child : type->fields()) {
    ASSIGN_OR_RAISE(auto child_offset, WriteField(b, *child, next_id, depth + 1));
    children.push_back(child_offset);
  }
  if (dictionary_id >= 0) {
    const DataType& index = *field.type()->index_type();
    auto index_offset = fb::CreateInt(b, index.bit_width(), IsSignedInteger(index.id()));
    dictionary = fb::CreateDictionaryEncoding(b, dictionary_id, index_offset, field.type()->ordered(),
                                              fb::DictionaryKind::DenseArray);
  }
  ASSIGN_OR_RAISE(TypeOffset type_offset, WriteType(b, *type));
  auto name = b.CreateString(field.name());
  auto children_offset = b.CreateVector(children);
  auto metadata = WriteMetadata(b, field.metadata());
  return fb::CreateField(b, name, field.nullable(), type_offset.type_type, type_offset.type,
                         dictionary, children_offset, metadata);
}

// ---- Reading ----

Status WrongChildren(const std::string& where, std::string_view type, size_t count) {
  return Status::InvalidData(where + ": a " + std::string(type) + " needs exactly one child field, found " +
                             std::to_string(count));
}

Result<DataTypePtr> IntFromFlatbuffer(const fb::Int* int_type, const std::string& where) {
  if (int_type == nullptr) return Status::InvalidData(where + ": Int type without parameters");
  bool is_signed = int_type->is_signed();
  switch (int_type->bitWidth()) {
    case 8:
      return is_signed ? Int8() : UInt8();
    case 16:
      return is_signed ? Int16() : UInt16();
    case 32:
      return is_signed ? Int32() : UInt32();
    case 64:
      return is_signed ? Int64() : UInt64();
    default:
      break;
  }
  return Status::InvalidData(where + ": integer bit width " + std::to_string(int_type->bitWidth()) +
                             " is not 8, 16, 32 or 64");
}

/// Turns a checked-constructor error (InvalidArgument) into InvalidData with the place.
template <typename T>
Result<T> AsDataError(Result<T> made, const std::string& where) {
  if (made.ok()) return made;
  return Status::InvalidData(where + ": " + made.status().message());
}

Result<DataTypePtr> TypeFromFlatbuffer(const fb::Field& field, FieldVector children,
                                       const std::string& where) {
  fb::Type tag = field.type_type();
  switch (tag) {
    case fb::Type::NONE:
      return Status::InvalidData(where + ": field has no type");
    case fb::Type::Null:
      return Null();
    case fb::Type::Bool:
      return Boolean();
    case fb::Type::Int:
      return IntFromFlatbuffer(field.type_as_Int(), where);
    case fb::Type::FloatingPoint: {
      const fb::FloatingPoint* fp = field.type_as_FloatingPoint();
      if (fp == nullptr) return Status::InvalidData(where + ": FloatingPoint type without parameters");
      switch (fp->precision()) {
        case fb::Precision::HALF:
          return Float16();
        case fb::Precision::SINGLE:
          return Float32();
        case fb::Precision::DOUBLE:
          return Float64();
      }
      return Status::InvalidData(where + ": unknown floating point precision " +
                                 std::to_string(static_cast<int>(fp->precision())));
    }
    case fb::Type::Decimal: {
      const fb::Decimal* dec = field.type_as_Decimal();
      if (dec == nullptr) return Status::InvalidData(where + ": Decimal type without parameters");
      TypeId id;
      switch (dec->bitWidth()) {
        case 32:
          id = TypeId::kDecimal32;
          break;
        case 64:
          id = TypeId::kDecimal64;
          break;
        case 128:
          id = TypeId::kDecimal128;
          break;
        case 256:
          id = TypeId::kDecimal256;
          break;
        default:
          return Status::InvalidData(where + ": decimal bit width " + std::to_string(dec->bitWidth()) +
                                     " is not 32, 64, 128 or 256");
      }
      return AsDataError(MakeDecimal(id, dec->precision(), dec->scale()), where);
    }
    case fb::Type::Utf8:
      return Utf8();
    case fb::Type::LargeUtf8:
      return LargeUtf8();
    case fb::Type::Utf8View:
      return Utf8View();
    case fb::Type::Binary:
      return Binary();
    case fb::Type::LargeBinary:
      return LargeBinary();
    case fb::Type::BinaryView:
      return BinaryView();
    case fb::Type::FixedSizeBinary: {
      const fb::FixedSizeBinary* fsb = field.type_as_FixedSizeBinary();
      if (fsb == nullptr) return Status::InvalidData(where + ": FixedSizeBinary without parameters");
      return AsDataError(MakeFixedSizeBinary(fsb->byteWidth()), where);
    }
    case fb::Type::Date: {
      const fb::Date* date = field.type_as_Date();
      if (date == nullptr) return Status::InvalidData(where + ": Date type without parameters");
      if (date->unit() == fb::DateUnit::DAY) return Date32();
      if (date->unit() == fb::DateUnit::MILLISECOND) return Date64();
      return Status::InvalidData(where + ": unknown date unit");
    }
    case fb::Type::Time: {
      const fb::Time* time = field.type_as_Time();
      if (time == nullptr) return Status::InvalidData(where + ": Time type without parameters");
      ASSIGN_OR_RAISE(TimeUnit unit, FromFlatbuffer(time->unit(), where));
      if (time->bitWidth() == 32) return AsDataError(MakeTime(TypeId::kTime32, unit), where);
      if (time->bitWidth() == 64) return AsDataError(MakeTime(TypeId::kTime64, unit), where);
      return Status::InvalidData(where + ": time bit width " + std::to_string(time->bitWidth()) +
                                 " is not 32 or 64");
    }
    case fb::Type::Timestamp: {
      const fb::Timestamp* ts = field.type_as_Timestamp();
      if (ts == nullptr) return Status::InvalidData(where + ": Timestamp type without parameters");
      ASSIGN_OR_RAISE(TimeUnit unit, FromFlatbuffer(ts->unit(), where));
      return Timestamp(unit, ts->timezone() ? ts->timezone()->str() : std::string());
    }
    case fb::Type::Duration: {
      const fb::Duration* d = field.type_as_Duration();
      if (d == nullptr) return Status::InvalidData(where + ": Duration type without parameters");
      ASSIGN_OR_RAISE(TimeUnit unit, FromFlatbuffer(d->unit(), where));
      return Duration(unit);
    }
    case fb::Type::Interval: {
      const fb::Interval* iv = field.type_as_Interval();
      if (iv == nullptr) return Status::InvalidData(where + ": Interval type without parameters");
      switch (iv->unit()) {
        case fb::IntervalUnit::YEAR_MONTH:
          return IntervalYearMonth();
        case fb::IntervalUnit::DAY_TIME:
          return IntervalDayTime();
        case fb::IntervalUnit::MONTH_DAY_NANO:
          return IntervalMonthDayNano();
      }
      return Status::InvalidData(where + ": unknown interval unit");
    }
    case fb::Type::List:
      if (children.size() != 1) return WrongChildren(where, "list", children.size());
      return List(std::move(children[0]));
    case fb::Type::LargeList:
      if (children.size() != 1) return WrongChildren(where, "large list", children.size());
      return LargeList(std::move(children[0]));
    case fb::Type::FixedSizeList: {
      const fb::FixedSizeList* fsl = field.type_as_FixedSizeList();
      if (fsl == nullptr) return Status::InvalidData(where + ": FixedSizeList without parameters");
      if (children.size() != 1) return WrongChildren(where, "fixed-size list", children.size());
      if (fsl->listSize() < 0) {
        return Status::InvalidData(where + ": negative fixed-size list length " +
                                   std::to_string(fsl->listSize()));
      }
      return FixedSizeList(std::move(children[0]), fsl->listSize());
    }
    case fb::Type::Struct_:
      return Struct(std::move(children));
    case fb::Type::Map: {
      const fb::Map* map = field.type_as_Map();
      if (children.size() != 1) return WrongChildren(where, "map", children.size());
      return AsDataError(MakeMap(std::move(children[0]), map != nullptr && map->keysSorted()), where);
    }
    case fb::Type::Union:
    case fb::Type::RunEndEncoded:
    case fb::Type::ListView:
    case fb::Type::LargeListView:
      return Status::Unsupported(where + ": the Arrow type " + FlatbufferTypeName(tag) +
                                 " is not supported by this engine");
  }
  return Status::InvalidData(where + ": unknown type tag " + std::to_string(static_cast<int>(tag)));
}

Result<FieldPtr> ReadField(const fb::Field* field, const std::string& parent_path, int depth,
                           int max_depth, std::vector<int64_t>* preorder_ids) {
  if (field == nullptr) return Status::InvalidData("IPC schema: null field entry under " + parent_path);
  std::string name = field->name() ? field->name()->str() : std::string();
  std::string path = parent_path.empty() ? name : parent_path + "." + name;
  std::string where = "IPC schema: field '" + path + "'";
  if (depth > max_depth) {
    return Status::InvalidData(where + ": nesting deeper than " + std::to_string(max_depth) + " levels");
  }
  const fb::DictionaryEncoding* encoding = field->dictionary();
  if (encoding != nullptr) preorder_ids->push_back(encoding->id());
  FieldVector children;
  if (field->children() != nullptr) {
    children.reserve(field->children()->size());
    for (const fb::Field* child : *field->children()) {
      ASSIGN_OR_RAISE(auto child_field, ReadField(child, path, depth + 1, max_depth, preorder_ids));
      children.push_back(std::move(child_field));
    }
  }
  ASSIGN_OR_RAISE(DataTypePtr type, TypeFromFlatbuffer(*field, std::move(children), where));
  if (encoding != nullptr) {
    DataTypePtr index_type = Int32();  // the format's default when indexType is absent
    if (encoding->indexType() != nullptr) {
      ASSIGN_OR_RAISE(index_type, IntFromFlatbuffer(encoding->indexType(), where + " dictionary index"));
    }
    ASSIGN_OR_RAISE(type, AsDataError(MakeDictionary(index_type, type, encoding->isOrdered()), where));
  }
  return MakeField(std::move(name), std::move(type), field->nullable(),
                   ReadMetadata(field->custom_metadata()));
}

}  // namespace

flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>> WriteMetadata(
    FlatBufferBuilder& b, const KeyValueMetadata& metadata) {
  if (metadata.empty()) return 0;
  std::vector<Offset<fb::KeyValue>> entries;
  entries.reserve(metadata.size());
  for (const auto& [key, value] : metadata) {
    auto k = b.CreateString(key);
    auto v = b.CreateString(value);
    entries.push_back(fb::CreateKeyValue(b, k, v));
  }
  return b.CreateVector(entries);
}

KeyValueMetadata ReadMetadata(const flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>* metadata) {
  KeyValueMetadata out;
  if (metadata == nullptr) return out;
  out.reserve(metadata->size());
  for (const fb::KeyValue* kv : *metadata) {
    if (kv == nullptr) continue;
    out.emplace_back(kv->key() ? kv->key()->str() : std::string(),
                     kv->value() ? kv->value()->str() : std::string());
  }
  return out;
}

Result<Offset<fb::Schema>> WriteSchema(FlatBufferBuilder& b, const Schema& schema) {
  int64_t next_id = 0;
  FieldOffsets fields;
  fields.reserve(static_cast<size_t>(schema.num_fields()));
  for (const auto& field : schema.fields()) {
    ASSIGN_OR_RAISE(auto offset, WriteField(b, *field, &next_id, 0));
    fields.push_back(offset);
  }
  auto fields_offset = b.CreateVector(fields);
  auto metadata = WriteMetadata(b, schema.metadata());
  return fb::CreateSchema(b, fb::Endianness::Little, fields_offset, metadata);
}

Result<SchemaPtr> ReadSchema(const fb::Schema* schema, int max_depth,
                             std::vector<int64_t>* preorder_ids) {
  if (schema == nullptr) return Status::InvalidData("IPC: message has no schema");
  if (schema->endianness() != fb::Endianness::Little) {
    return Status::Unsupported("IPC schema: big-endian data is not supported");
  }
  FieldVector fields;
  if (schema->fields() != nullptr) {
    fields.reserve(schema->fields()->size());
    for (const fb::Field* field : *schema->fields()) {
      ASSIGN_OR_RAISE(auto f, ReadField(field, "", 0, max_depth, preorder_ids));
      fields.push_back(std::move(f));
    }
  }
  return MakeSchema(std::move(fields), ReadMetadata(schema->custom_metadata()));
}

Result<std::shared_ptr<Buffer>> FinishedToBuffer(const FlatBufferBuilder& builder) {
  ASSIGN_OR_RAISE(auto buffer, PoolBuffer::Make(static_cast<int64_t>(builder.GetSize())));
  std::memcpy(buffer->mutable_data(), builder.GetBufferPointer(), builder.GetSize());
  return std::shared_ptr<Buffer>(std::move(buffer));
}

namespace {

flatbuffers::Verifier::Options VerifierOptions() {
  flatbuffers::Verifier::Options options;
  // Each nested field costs two levels (the field table and its children vector).
  options.max_depth = 256;
  options.max_tables = 1000000;
  return options;
}

}  // namespace

Result<const fb::Message*> VerifyMessage(const uint8_t* data, int64_t size, const std::string& context) {
  if (size < 8 || size >= static_cast<int64_t>(FLATBUFFERS_MAX_BUFFER_SIZE)) {
    return Status::InvalidData(context + ": metadata of " + std::to_string(size) +
                               " bytes cannot hold a message");
  }
  flatbuffers::Verifier verifier(data, static_cast<size_t>(size), VerifierOptions());
  if (!fb::VerifyMessageBuffer(verifier)) {
    return Status::InvalidData(context + ": message metadata failed flatbuffers verification");
  }
  return fb::GetMessage(data);
}

Result<const fb::Footer*> VerifyFooter(const uint8_t* data, int64_t size, const std::string& context) {
  if (size < 8 || size >= static_cast<int64_t>(FLATBUFFERS_MAX_BUFFER_SIZE)) {
    return Status::InvalidData(context + ": footer of " + std::to_string(size) +
                               " bytes cannot hold a footer");
  }
  flatbuffers::Verifier verifier(data, static_cast<size_t>(size), VerifierOptions());
  if (!fb::VerifyFooterBuffer(verifier)) {
    return Status::InvalidData(context + ": footer failed flatbuffers verification");
  }
  return fb::GetFooter(data);
}

std::string FlatbufferTypeName(fb::Type type) {
  const char* name = fb::EnumNameType(type);
  if (name == nullptr || *name == '\0') return "type #" + std::to_string(static_cast<int>(type));
  return name;
}

}  // namespace ballista::arrow::ipc::internal
