#include "ballista/dist/scalar_serde.h"

#include <cstring>
#include <memory>

#include "ballista/arrow/ipc/io.h"
#include "ballista/arrow/ipc/reader.h"
#include "ballista/arrow/ipc/writer.h"
#include "ballista/dist/type_serde.h"

namespace ballista::dist {
namespace a = ballista::arrow;
namespace pb = ballista::protobuf;

namespace {

Status Invalid(const std::string& message) {
  return Status::InvalidData("malformed serialized plan: " + message);
}

bool IsNestedValue(a::TypeId id) { return a::IsNested(id) || id == a::TypeId::kDictionary; }

std::string Int128Bytes(__int128 v) {
  std::string out(16, '\0');
  unsigned __int128 u = static_cast<unsigned __int128>(v);
  for (size_t i = 0; i < 16; ++i) {
    out[i] = static_cast<char>(static_cast<uint8_t>(u & 0xff));
    u >>= 8;
  }
  return out;
}

__int128 Int128FromBytes(std::string_view bytes) {
  unsigned __int128 u = 0;
  for (size_t i = 16; i-- > 0;) u = (u << 8) | static_cast<uint8_t>(bytes[i]);
  return static_cast<__int128>(u);
}

Status NestedToProto(const a::Scalar& scalar, pb::ScalarValue* out) {
  ASSIGN_OR_RAISE(auto data, a::MakeArrayFromScalar(scalar, 1));
  auto schema = a::MakeSchema({a::MakeField("value", scalar.type(), true)});
  auto batch = std::make_shared<a::RecordBatch>(schema, 1, std::vector<a::ArrayDataPtr>{data});
  ASSIGN_OR_RAISE(auto bytes, EncodeIpcStream(schema, {batch}));
  out->set_nested_ipc(std::move(bytes));
  return Status::OK();
}

Result<a::Scalar> NestedFromProto(const a::DataTypePtr& type, std::string_view bytes) {
  if (!IsNestedValue(type->id())) return Invalid("nested value for type " + type->ToString());
  a::Schema expected({a::MakeField("value", type, true)});
  ASSIGN_OR_RAISE(auto batches, DecodeIpcStream(bytes, expected));
  if (batches.size() != 1 || batches[0]->num_rows() != 1) {
    return Invalid("nested scalar value is not one row");
  }
  auto scalar = a::ScalarFromArray(*batches[0]->column_data(0), 0);
  if (!scalar.ok()) return Invalid(scalar.status().message());
  return scalar;
}

}  // namespace

Status ScalarToProto(const a::Scalar& scalar, pb::ScalarValue* out) {
  out->Clear();
  RETURN_NOT_OK(TypeToProto(*scalar.type(), out->mutable_type()));
  if (scalar.is_null()) return Status::OK();
  if (IsNestedValue(scalar.type()->id())) return NestedToProto(scalar, out);
  const auto& value = scalar.value();
  if (const auto* v = std::get_if<bool>(&value)) {
    out->set_bool_value(*v);
  } else if (const auto* v = std::get_if<int64_t>(&value)) {
    out->set_int_value(*v);
  } else if (const auto* v = std::get_if<uint64_t>(&value)) {
    out->set_uint_value(*v);
  } else if (const auto* v = std::get_if<double>(&value)) {
    out->set_double_value(*v);
  } else if (const auto* v = std::get_if<__int128>(&value)) {
    out->set_decimal_value(Int128Bytes(*v));
  } else if (const auto* v = std::get_if<a::Decimal256Value>(&value)) {
    out->set_decimal_value(
        std::string(reinterpret_cast<const char*>(v->bytes.data()), v->bytes.size()));
  } else if (const auto* v = std::get_if<std::string>(&value)) {
    out->set_bytes_value(*v);
  } else if (const auto* v = std::get_if<a::IntervalValue>(&value)) {
    auto* interval = out->mutable_interval_value();
    interval->set_months(v->months);
    interval->set_days(v->days);
    interval->set_millis(v->millis);
    interval->set_nanos(v->nanos);
  } else {
    return Status::Internal("plan serde: scalar of type " + scalar.type()->ToString() +
                            " holds an unexpected value kind");
  }
  return Status::OK();
}

Result<a::Scalar> ScalarFromProto(const pb::ScalarValue& proto) {
  if (!proto.has_type()) return Invalid("scalar without a type");
  ASSIGN_OR_RAISE(auto type, TypeFromProto(proto.type()));
  a::Scalar::Value value;
  switch (proto.value_case()) {
    case pb::ScalarValue::VALUE_NOT_SET:
      return a::Scalar::Null(std::move(type));
    case pb::ScalarValue::kNestedIpc:
      return NestedFromProto(type, proto.nested_ipc());
    case pb::ScalarValue::kBoolValue:
      value = proto.bool_value();
      break;
    case pb::ScalarValue::kIntValue:
      value = static_cast<int64_t>(proto.int_value());
      break;
    case pb::ScalarValue::kUintValue:
      value = static_cast<uint64_t>(proto.uint_value());
      break;
    case pb::ScalarValue::kDoubleValue:
      if (!a::IsFloating(type->id())) return Invalid("floating value for type " + type->ToString());
      value = proto.double_value();
      break;
    case pb::ScalarValue::kDecimalValue: {
      const std::string& bytes = proto.decimal_value();
      if (type->id() == a::TypeId::kDecimal256) {
        a::Decimal256Value d;
        if (bytes.size() != d.bytes.size()) return Invalid("decimal256 value is not 32 bytes");
        std::memcpy(d.bytes.data(), bytes.data(), d.bytes.size());
        value = d;
      } else {
        if (!a::IsDecimal(type->id())) return Invalid("decimal value for type " + type->ToString());
        if (bytes.size() != 16) return Invalid("decimal value is not 16 bytes");
        value = Int128FromBytes(bytes);
      }
      break;
    }
    case pb::ScalarValue::kBytesValue:
      if (!a::IsStringLike(type->id()) && !a::IsBinaryLike(type->id()) &&
          type->id() != a::TypeId::kFixedSizeBinary) {
        return Invalid("string value for type " + type->ToString());
      }
      value = proto.bytes_value();
      break;
    case pb::ScalarValue::kIntervalValue: {
      if (!a::IsInterval(type->id())) return Invalid("interval value for type " + type->ToString());
      const auto& in = proto.interval_value();
      value = a::IntervalValue{in.months(), in.days(), in.millis(), in.nanos()};
      break;
    }
  }
  if (IsNestedValue(type->id()))
    return Invalid("nested type " + type->ToString() + " without an IPC value");
  auto scalar = a::MakeScalar(type, std::move(value));
  if (!scalar.ok())
    return Invalid("scalar of type " + type->ToString() + ": " + scalar.status().message());
  return scalar;
}

Result<std::string> EncodeIpcStream(const a::SchemaPtr& schema,
                                    const std::vector<a::RecordBatchPtr>& batches) {
  ASSIGN_OR_RAISE(auto buffer, a::ipc::SerializeStream(schema, batches));
  return std::string(buffer->view());
}

Result<std::vector<a::RecordBatchPtr>> DecodeIpcStream(std::string_view bytes,
                                                       const a::Schema& expected) {
  auto reader =
      a::ipc::StreamReader::Open(std::make_unique<a::ipc::BufferReader>(Buffer::CopyOf(bytes)));
  if (!reader.ok()) return Invalid("inline Arrow IPC data: " + reader.status().message());
  const a::Schema& actual = *(*reader)->schema();
  bool same = actual.num_fields() == expected.num_fields();
  for (int i = 0; same && i < actual.num_fields(); ++i) {
    same = actual.field(i)->type()->Equals(*expected.field(i)->type());
  }
  if (!same) {
    return Invalid("inline Arrow IPC data has schema {" + actual.ToString() + "}, expected {" +
                   expected.ToString() + "}");
  }
  std::vector<a::RecordBatchPtr> batches;
  while (true) {
    auto batch = (*reader)->ReadNext();
    if (!batch.ok()) return Invalid("inline Arrow IPC data: " + batch.status().message());
    if (*batch == nullptr) break;
    batches.push_back(std::move(batch).ValueOrDie());
  }
  return batches;
}

}  // namespace ballista::dist
