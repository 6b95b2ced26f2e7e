#include "ballista/formats/json/schema_inference.h"

#include "ballista/arrow/temporal_util.h"

namespace ballista::formats::json {
namespace {

namespace a = ballista::arrow;
using Kind = InferredType::Kind;

/// The kind of a string value: a date, a (zoned) timestamp or plain text.
Kind StringKind(std::string_view s, bool infer_temporal) {
  if (!infer_temporal || s.size() < 10 || s.size() > 40 || s[4] != '-' || s[7] != '-') {
    return Kind::kString;
  }
  if (s.size() == 10) return a::temporal::ParseDate(s).ok() ? Kind::kDate : Kind::kString;
  if (s[10] != 'T' && s[10] != ' ') return Kind::kString;
  if (!a::temporal::ParseTimestamp(s, a::TimeUnit::kMicro).ok()) return Kind::kString;
  size_t sign = s.find_last_of("+-");
  bool zoned = s.back() == 'Z' || (sign != std::string_view::npos && sign > 10);
  return zoned ? Kind::kTimestampTz : Kind::kTimestamp;
}

/// The join of two scalar kinds (neither struct nor list).
Kind JoinScalar(Kind x, Kind y) {
  if (x == y) return x;
  if (x == Kind::kNull) return y;
  if (y == Kind::kNull) return x;
  if ((x == Kind::kInt64 && y == Kind::kFloat64) || (x == Kind::kFloat64 && y == Kind::kInt64)) {
    return Kind::kFloat64;
  }
  if ((x == Kind::kDate && y == Kind::kTimestamp) || (x == Kind::kTimestamp && y == Kind::kDate)) {
    return Kind::kTimestamp;
  }
  return Kind::kString;
}

}  // namespace

InferredType::InferredType(const InferredType& other) { *this = other; }

InferredType& InferredType::operator=(const InferredType& other) {
  if (this == &other) return *this;
  kind = other.kind;
  fields.clear();
  for (const auto& [name, type] : other.fields) {
    fields.emplace_back(name, std::make_unique<InferredType>(*type));
  }
  element = other.element ? std::make_unique<InferredType>(*other.element) : nullptr;
  return *this;
}

InferredType* InferredType::Field(std::string_view name) {
  for (auto& [n, t] : fields) {
    if (n == name) return t.get();
  }
  fields.emplace_back(std::string(name), std::make_unique<InferredType>());
  return fields.back().second.get();
}

void InferredType::MergeType(const InferredType& other) {
  if (other.kind == Kind::kNull) return;
  if (kind == Kind::kNull) {
    *this = other;
    return;
  }
  if (kind == Kind::kStruct && other.kind == Kind::kStruct) {
    for (const auto& [name, type] : other.fields) Field(name)->MergeType(*type);
    return;
  }
  if (kind == Kind::kList && other.kind == Kind::kList) {
    if (other.element) {
      if (!element) element = std::make_unique<InferredType>();
      element->MergeType(*other.element);
    }
    return;
  }
  bool nested = kind == Kind::kStruct || kind == Kind::kList || other.kind == Kind::kStruct ||
                other.kind == Kind::kList;
  Kind joined = nested ? Kind::kString : JoinScalar(kind, other.kind);
  if (joined == Kind::kString) {
    fields.clear();
    element.reset();
  }
  kind = joined;
}

void InferredType::Merge(const simdjson::dom::element& value, bool infer_temporal) {
  InferredType t;
  switch (value.type()) {
    case simdjson::dom::element_type::NULL_VALUE:
      return;
    case simdjson::dom::element_type::BOOL:
      t.kind = Kind::kBool;
      break;
    case simdjson::dom::element_type::INT64:
      t.kind = Kind::kInt64;
      break;
    case simdjson::dom::element_type::UINT64:  // beyond int64
    case simdjson::dom::element_type::DOUBLE:
      t.kind = Kind::kFloat64;
      break;
    case simdjson::dom::element_type::STRING:
      t.kind = StringKind(std::string_view(value.get_string().value_unsafe()), infer_temporal);
      break;
    case simdjson::dom::element_type::OBJECT: {
      t.kind = Kind::kStruct;
      simdjson::dom::object object = value.get_object().value_unsafe();
      for (auto field : object) {
        t.Field(field.key)->Merge(field.value, infer_temporal);
      }
      break;
    }
    case simdjson::dom::element_type::ARRAY: {
      t.kind = Kind::kList;
      simdjson::dom::array array = value.get_array().value_unsafe();
      for (auto item : array) {
        if (!t.element) t.element = std::make_unique<InferredType>();
        t.element->Merge(item, infer_temporal);
      }
      break;
    }
  }
  MergeType(t);
}

a::DataTypePtr InferredType::ToArrow() const {
  switch (kind) {
    case Kind::kBool:
      return a::Boolean();
    case Kind::kInt64:
      return a::Int64();
    case Kind::kFloat64:
      return a::Float64();
    case Kind::kDate:
      return a::Date32();
    case Kind::kTimestamp:
      return a::Timestamp(a::TimeUnit::kMicro);
    case Kind::kTimestampTz:
      return a::Timestamp(a::TimeUnit::kMicro, "UTC");
    case Kind::kStruct: {
      a::FieldVector out;
      for (const auto& [name, type] : fields) out.push_back(a::MakeField(name, type->ToArrow()));
      if (out.empty()) return a::Utf8();  // only `{}` seen: keep the text
      return a::Struct(std::move(out));
    }
    case Kind::kList:
      return a::List(element ? element->ToArrow() : a::Utf8());
    case Kind::kNull:
    case Kind::kString:
      return a::Utf8();
  }
  return a::Utf8();
}

}  // namespace ballista::formats::json
