#include "ballista/dist/type_serde.h"

#include <limits>

namespace ballista::dist {
namespace a = ballista::arrow;
namespace pb = ballista::protobuf;

namespace {

/// Nested types deeper than this are refused on decode (guards the stack).
constexpr int kMaxTypeDepth = 64;

Status Invalid(const std::string& message) {
  return Status::InvalidData("malformed serialized plan: " + message);
}

pb::TimeUnit UnitToProto(a::TimeUnit unit) {
  switch (unit) {
    case a::TimeUnit::kSecond:
      return pb::TIME_UNIT_SECOND;
    case a::TimeUnit::kMilli:
      return pb::TIME_UNIT_MILLI;
    case a::TimeUnit::kMicro:
      return pb::TIME_UNIT_MICRO;
    case a::TimeUnit::kNano:
      return pb::TIME_UNIT_NANO;
  }
  return pb::TIME_UNIT_SECOND;
}

Result<a::TimeUnit> UnitFromProto(int unit) {
  switch (unit) {
    case pb::TIME_UNIT_SECOND:
      return a::TimeUnit::kSecond;
    case pb::TIME_UNIT_MILLI:
      return a::TimeUnit::kMilli;
    case pb::TIME_UNIT_MICRO:
      return a::TimeUnit::kMicro;
    case pb::TIME_UNIT_NANO:
      return a::TimeUnit::kNano;
    default:
      return Invalid("unknown time unit " + std::to_string(unit));
  }
}

/// The wire form of parameterless types; UNSPECIFIED for types with parameters.
pb::SimpleType SimpleToProto(a::TypeId id) {
  switch (id) {
    case a::TypeId::kNull:
      return pb::SIMPLE_TYPE_NULL;
    case a::TypeId::kBool:
      return pb::SIMPLE_TYPE_BOOL;
    case a::TypeId::kInt8:
      return pb::SIMPLE_TYPE_INT8;
    case a::TypeId::kInt16:
      return pb::SIMPLE_TYPE_INT16;
    case a::TypeId::kInt32:
      return pb::SIMPLE_TYPE_INT32;
    case a::TypeId::kInt64:
      return pb::SIMPLE_TYPE_INT64;
    case a::TypeId::kUInt8:
      return pb::SIMPLE_TYPE_UINT8;
    case a::TypeId::kUInt16:
      return pb::SIMPLE_TYPE_UINT16;
    case a::TypeId::kUInt32:
      return pb::SIMPLE_TYPE_UINT32;
    case a::TypeId::kUInt64:
      return pb::SIMPLE_TYPE_UINT64;
    case a::TypeId::kFloat16:
      return pb::SIMPLE_TYPE_FLOAT16;
    case a::TypeId::kFloat32:
      return pb::SIMPLE_TYPE_FLOAT32;
    case a::TypeId::kFloat64:
      return pb::SIMPLE_TYPE_FLOAT64;
    case a::TypeId::kUtf8:
      return pb::SIMPLE_TYPE_UTF8;
    case a::TypeId::kLargeUtf8:
      return pb::SIMPLE_TYPE_LARGE_UTF8;
    case a::TypeId::kUtf8View:
      return pb::SIMPLE_TYPE_UTF8_VIEW;
    case a::TypeId::kBinary:
      return pb::SIMPLE_TYPE_BINARY;
    case a::TypeId::kLargeBinary:
      return pb::SIMPLE_TYPE_LARGE_BINARY;
    case a::TypeId::kBinaryView:
      return pb::SIMPLE_TYPE_BINARY_VIEW;
    case a::TypeId::kDate32:
      return pb::SIMPLE_TYPE_DATE32;
    case a::TypeId::kDate64:
      return pb::SIMPLE_TYPE_DATE64;
    case a::TypeId::kIntervalYearMonth:
      return pb::SIMPLE_TYPE_INTERVAL_YEAR_MONTH;
    case a::TypeId::kIntervalDayTime:
      return pb::SIMPLE_TYPE_INTERVAL_DAY_TIME;
    case a::TypeId::kIntervalMonthDayNano:
      return pb::SIMPLE_TYPE_INTERVAL_MONTH_DAY_NANO;
    default:
      return pb::SIMPLE_TYPE_UNSPECIFIED;
  }
}

Result<a::DataTypePtr> SimpleFromProto(int simple) {
  switch (simple) {
    case pb::SIMPLE_TYPE_NULL:
      return a::Null();
    case pb::SIMPLE_TYPE_BOOL:
      return a::Boolean();
    case pb::SIMPLE_TYPE_INT8:
      return a::Int8();
    case pb::SIMPLE_TYPE_INT16:
      return a::Int16();
    case pb::SIMPLE_TYPE_INT32:
      return a::Int32();
    case pb::SIMPLE_TYPE_INT64:
      return a::Int64();
    case pb::SIMPLE_TYPE_UINT8:
      return a::UInt8();
    case pb::SIMPLE_TYPE_UINT16:
      return a::UInt16();
    case pb::SIMPLE_TYPE_UINT32:
      return a::UInt32();
    case pb::SIMPLE_TYPE_UINT64:
      return a::UInt64();
    case pb::SIMPLE_TYPE_FLOAT16:
      return a::Float16();
    case pb::SIMPLE_TYPE_FLOAT32:
      return a::Float32();
    case pb::SIMPLE_TYPE_FLOAT64:
      return a::Float64();
    case pb::SIMPLE_TYPE_UTF8:
      return a::Utf8();
    case pb::SIMPLE_TYPE_LARGE_UTF8:
      return a::LargeUtf8();
    case pb::SIMPLE_TYPE_UTF8_VIEW:
      return a::Utf8View();
    case pb::SIMPLE_TYPE_BINARY:
      return a::Binary();
    case pb::SIMPLE_TYPE_LARGE_BINARY:
      return a::LargeBinary();
    case pb::SIMPLE_TYPE_BINARY_VIEW:
      return a::BinaryView();
    case pb::SIMPLE_TYPE_DATE32:
      return a::Date32();
    case pb::SIMPLE_TYPE_DATE64:
      return a::Date64();
    case pb::SIMPLE_TYPE_INTERVAL_YEAR_MONTH:
      return a::IntervalYearMonth();
    case pb::SIMPLE_TYPE_INTERVAL_DAY_TIME:
      return a::IntervalDayTime();
    case pb::SIMPLE_TYPE_INTERVAL_MONTH_DAY_NANO:
      return a::IntervalMonthDayNano();
    default:
      return Invalid("unknown type " + std::to_string(simple));
  }
}

void MetadataToProto(const a::KeyValueMetadata& metadata,
                     google::protobuf::RepeatedPtrField<pb::KeyValue>* out) {
  for (const auto& [key, value] : metadata) {
    auto* kv = out->Add();
    kv->set_key(key);
    kv->set_value(value);
  }
}

a::KeyValueMetadata MetadataFromProto(const google::protobuf::RepeatedPtrField<pb::KeyValue>& in) {
  a::KeyValueMetadata out;
  out.reserve(static_cast<size_t>(in.size()));
  for (const auto& kv : in) out.emplace_back(kv.key(), kv.value());
  return out;
}

Result<a::DataTypePtr> TypeFromProtoAt(const pb::ArrowType& proto, int depth);

Result<a::FieldPtr> FieldFromProtoAt(const pb::Field& proto, int depth) {
  if (!proto.has_type()) return Invalid("field \"" + proto.name() + "\" has no type");
  ASSIGN_OR_RAISE(auto type, TypeFromProtoAt(proto.type(), depth + 1));
  return a::MakeField(proto.name(), std::move(type), proto.nullable(),
                      MetadataFromProto(proto.metadata()));
}

Result<a::FieldPtr> ChildField(bool has, const pb::Field& field, const char* what, int depth) {
  if (!has) return Invalid(std::string(what) + " type without its child field");
  return FieldFromProtoAt(field, depth);
}

Result<a::DataTypePtr> TypeFromProtoAt(const pb::ArrowType& proto, int depth) {
  if (depth > kMaxTypeDepth)
    return Invalid("type nesting deeper than " + std::to_string(kMaxTypeDepth));
  switch (proto.kind_case()) {
    case pb::ArrowType::kSimple:
      return SimpleFromProto(proto.simple());
    case pb::ArrowType::kDecimal: {
      a::TypeId id;
      switch (proto.decimal().bit_width()) {
        case 32:
          id = a::TypeId::kDecimal32;
          break;
        case 64:
          id = a::TypeId::kDecimal64;
          break;
        case 128:
          id = a::TypeId::kDecimal128;
          break;
        case 256:
          id = a::TypeId::kDecimal256;
          break;
        default:
          return Invalid("decimal bit width " + std::to_string(proto.decimal().bit_width()));
      }
      auto type = a::MakeDecimal(id, proto.decimal().precision(), proto.decimal().scale());
      if (!type.ok()) return Invalid(type.status().message());
      return type;
    }
    case pb::ArrowType::kFixedSizeBinary: {
      auto type = a::MakeFixedSizeBinary(proto.fixed_size_binary().byte_width());
      if (!type.ok()) return Invalid(type.status().message());
      return type;
    }
    case pb::ArrowType::kTime32:
    case pb::ArrowType::kTime64: {
      const auto& time =
          proto.kind_case() == pb::ArrowType::kTime32 ? proto.time32() : proto.time64();
      ASSIGN_OR_RAISE(auto unit, UnitFromProto(time.unit()));
      auto id =
          proto.kind_case() == pb::ArrowType::kTime32 ? a::TypeId::kTime32 : a::TypeId::kTime64;
      auto type = a::MakeTime(id, unit);
      if (!type.ok()) return Invalid(type.status().message());
      return type;
    }
    case pb::ArrowType::kTimestamp: {
      ASSIGN_OR_RAISE(auto unit, UnitFromProto(proto.timestamp().unit()));
      return a::Timestamp(unit, proto.timestamp().timezone());
    }
    case pb::ArrowType::kDuration: {
      ASSIGN_OR_RAISE(auto unit, UnitFromProto(proto.duration().unit()));
      return a::Duration(unit);
    }
    case pb::ArrowType::kList: {
      ASSIGN_OR_RAISE(auto item,
                      ChildField(proto.list().has_item(), proto.list().item(), "list", depth));
      return a::List(std::move(item));
    }
    case pb::ArrowType::kLargeList: {
      ASSIGN_OR_RAISE(auto item, ChildField(proto.large_list().has_item(),
                                            proto.large_list().item(), "large list", depth));
      return a::LargeList(std::move(item));
    }
    case pb::ArrowType::kFixedSizeList: {
      const auto& list = proto.fixed_size_list();
      if (list.list_size() < 0) return Invalid("negative fixed-size list length");
      ASSIGN_OR_RAISE(auto item,
                      ChildField(list.has_item(), list.item(), "fixed-size list", depth));
      return a::FixedSizeList(std::move(item), list.list_size());
    }
    case pb::ArrowType::kStructType: {
      a::FieldVector fields;
      for (const auto& f : proto.struct_type().fields()) {
        ASSIGN_OR_RAISE(auto field, FieldFromProtoAt(f, depth + 1));
        fields.push_back(std::move(field));
      }
      return a::Struct(std::move(fields));
    }
    case pb::ArrowType::kMap: {
      ASSIGN_OR_RAISE(auto entries,
                      ChildField(proto.map().has_entries(), proto.map().entries(), "map", depth));
      auto type = a::MakeMap(std::move(entries), proto.map().keys_sorted());
      if (!type.ok()) return Invalid(type.status().message());
      return type;
    }
    case pb::ArrowType::kDictionary: {
      const auto& dict = proto.dictionary();
      if (!dict.has_index_type() || !dict.has_value_type())
        return Invalid("dictionary type without index or value type");
      ASSIGN_OR_RAISE(auto index, TypeFromProtoAt(dict.index_type(), depth + 1));
      ASSIGN_OR_RAISE(auto value, TypeFromProtoAt(dict.value_type(), depth + 1));
      auto type = a::MakeDictionary(std::move(index), std::move(value), dict.ordered());
      if (!type.ok()) return Invalid(type.status().message());
      return type;
    }
    case pb::ArrowType::KIND_NOT_SET:
      break;
  }
  return Invalid("type without a kind (unknown to this build, or missing)");
}

}  // namespace

Status TypeToProto(const a::DataType& type, pb::ArrowType* out) {
  out->Clear();
  const a::TypeId id = type.id();
  if (pb::SimpleType simple = SimpleToProto(id); simple != pb::SIMPLE_TYPE_UNSPECIFIED) {
    out->set_simple(simple);
    return Status::OK();
  }
  switch (id) {
    case a::TypeId::kDecimal32:
    case a::TypeId::kDecimal64:
    case a::TypeId::kDecimal128:
    case a::TypeId::kDecimal256: {
      auto* decimal = out->mutable_decimal();
      decimal->set_bit_width(id == a::TypeId::kDecimal32    ? 32
                             : id == a::TypeId::kDecimal64  ? 64
                             : id == a::TypeId::kDecimal128 ? 128
                                                            : 256);
      decimal->set_precision(type.precision());
      decimal->set_scale(type.scale());
      return Status::OK();
    }
    case a::TypeId::kFixedSizeBinary:
      out->mutable_fixed_size_binary()->set_byte_width(type.fixed_size());
      return Status::OK();
    case a::TypeId::kTime32:
      out->mutable_time32()->set_unit(UnitToProto(type.unit()));
      return Status::OK();
    case a::TypeId::kTime64:
      out->mutable_time64()->set_unit(UnitToProto(type.unit()));
      return Status::OK();
    case a::TypeId::kTimestamp:
      out->mutable_timestamp()->set_unit(UnitToProto(type.unit()));
      out->mutable_timestamp()->set_timezone(type.timezone());
      return Status::OK();
    case a::TypeId::kDuration:
      out->mutable_duration()->set_unit(UnitToProto(type.unit()));
      return Status::OK();
    case a::TypeId::kList:
      return FieldToProto(*type.field(0), out->mutable_list()->mutable_item());
    case a::TypeId::kLargeList:
      return FieldToProto(*type.field(0), out->mutable_large_list()->mutable_item());
    case a::TypeId::kFixedSizeList:
      out->mutable_fixed_size_list()->set_list_size(type.fixed_size());
      return FieldToProto(*type.field(0), out->mutable_fixed_size_list()->mutable_item());
    case a::TypeId::kStruct: {
      auto* fields = out->mutable_struct_type()->mutable_fields();
      for (const auto& field : type.fields()) RETURN_NOT_OK(FieldToProto(*field, fields->Add()));
      return Status::OK();
    }
    case a::TypeId::kMap:
      out->mutable_map()->set_keys_sorted(type.keys_sorted());
      return FieldToProto(*type.field(0), out->mutable_map()->mutable_entries());
    case a::TypeId::kDictionary: {
      auto* dict = out->mutable_dictionary();
      dict->set_ordered(type.ordered());
      RETURN_NOT_OK(TypeToProto(*type.index_type(), dict->mutable_index_type()));
      return TypeToProto(*type.value_type(), dict->mutable_value_type());
    }
    default:
      break;
  }
  return Status::Unsupported("plan serde: no wire form for type " + type.ToString());
}

Result<a::DataTypePtr> TypeFromProto(const pb::ArrowType& proto) {
  return TypeFromProtoAt(proto, 0);
}

Status FieldToProto(const a::Field& field, pb::Field* out) {
  out->set_name(field.name());
  out->set_nullable(field.nullable());
  MetadataToProto(field.metadata(), out->mutable_metadata());
  return TypeToProto(*field.type(), out->mutable_type());
}

Result<a::FieldPtr> FieldFromProto(const pb::Field& proto) { return FieldFromProtoAt(proto, 0); }

Status SchemaToProto(const a::Schema& schema, pb::Schema* out) {
  out->Clear();
  for (const auto& field : schema.fields()) RETURN_NOT_OK(FieldToProto(*field, out->add_fields()));
  MetadataToProto(schema.metadata(), out->mutable_metadata());
  return Status::OK();
}

Result<a::SchemaPtr> SchemaFromProto(const pb::Schema& proto) {
  a::FieldVector fields;
  fields.reserve(static_cast<size_t>(proto.fields_size()));
  for (const auto& f : proto.fields()) {
    ASSIGN_OR_RAISE(auto field, FieldFromProto(f));
    fields.push_back(std::move(field));
  }
  return a::MakeSchema(std::move(fields), MetadataFromProto(proto.metadata()));
}

Result<std::string> SerializeSchema(const a::Schema& schema) {
  pb::SerializedSchema message;
  message.set_version(kPlanSerdeVersion);
  RETURN_NOT_OK(SchemaToProto(schema, message.mutable_schema()));
  std::string bytes;
  if (!message.SerializeToString(&bytes))
    return Status::Internal("could not encode a schema message");
  return bytes;
}

Result<a::SchemaPtr> DeserializeSchema(std::string_view bytes) {
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return Status::InvalidData("serialized schema is too large");
  }
  pb::SerializedSchema message;
  if (!message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return Status::InvalidData(
        "serialized schema: not a valid SerializedSchema message (truncated or corrupt bytes)");
  }
  if (message.version() != kPlanSerdeVersion) {
    return Status::InvalidData("serialized schema has version " +
                               std::to_string(message.version()) + "; this build reads version " +
                               std::to_string(kPlanSerdeVersion));
  }
  if (!message.has_schema()) return Status::InvalidData("serialized schema: the schema is missing");
  return SchemaFromProto(message.schema());
}

}  // namespace ballista::dist
