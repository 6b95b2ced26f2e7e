#include "ballista/formats/json/value_converter.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "ballista/arrow/builder.h"
#include "ballista/arrow/temporal_util.h"

namespace ballista::formats::json {
namespace {

namespace a = ballista::arrow;
using Id = a::TypeId;
using simdjson::dom::element_type;

std::string Text(const simdjson::dom::element& value) {
  std::string text = simdjson::minify(value);
  if (text.size() > 64) text = text.substr(0, 61) + "...";
  return text;
}

Status Mismatch(const std::string& path, const a::DataType& type,
                const simdjson::dom::element& value) {
  return Status::InvalidData("column \"" + path + "\" (" + type.ToString() + "): cannot convert " +
                             Text(value));
}

/// An integer from an int64, uint64 or integral double element; false when it is none of these.
bool AsInteger(const simdjson::dom::element& v, __int128* out) {
  switch (v.type()) {
    case element_type::INT64:
      *out = v.get_int64().value_unsafe();
      return true;
    case element_type::UINT64:
      *out = v.get_uint64().value_unsafe();
      return true;
    case element_type::DOUBLE: {
      double d = v.get_double().value_unsafe();
      if (!std::isfinite(d) || d != std::trunc(d) || std::fabs(d) > 1.8e19) return false;
      *out = static_cast<__int128>(d);
      return true;
    }
    default:
      return false;
  }
}

template <Id kId>
Status AppendInt(a::ArrayBuilder* b, const a::DataType& t, const simdjson::dom::element& v,
                 const std::string& path) {
  using C = typename a::NumericBuilder<kId>::c_type;
  __int128 x;
  if (!AsInteger(v, &x) || x < static_cast<__int128>(std::numeric_limits<C>::min()) ||
      x > static_cast<__int128>(std::numeric_limits<C>::max())) {
    return Mismatch(path, t, v);
  }
  return static_cast<a::NumericBuilder<kId>*>(b)->Append(static_cast<C>(x));
}

}  // namespace

Status CheckReadableType(const a::Field& field) {
  const a::DataType& t = *field.type();
  switch (t.id()) {
    case Id::kBool:
    case Id::kInt8:
    case Id::kInt16:
    case Id::kInt32:
    case Id::kInt64:
    case Id::kUInt8:
    case Id::kUInt16:
    case Id::kUInt32:
    case Id::kUInt64:
    case Id::kFloat32:
    case Id::kFloat64:
    case Id::kDecimal128:
    case Id::kUtf8:
    case Id::kLargeUtf8:
    case Id::kDate32:
    case Id::kTimestamp:
      return Status::OK();
    case Id::kStruct:
      for (const auto& f : t.fields()) RETURN_NOT_OK(CheckReadableType(*f));
      return Status::OK();
    case Id::kList:
    case Id::kLargeList:
      return CheckReadableType(*t.field(0));
    default:
      return Status::Unsupported("JSON reader: column \"" + field.name() + "\" has type " +
                                 t.ToString() + ", which JSON values do not convert to");
  }
}

Status AppendJsonValue(a::ArrayBuilder* b, const a::DataType& t, const simdjson::dom::element& v,
                       const std::string& path) {
  if (v.is_null()) return b->AppendNull();
  switch (t.id()) {
    case Id::kBool:
      if (!v.is_bool()) return Mismatch(path, t, v);
      return static_cast<a::BooleanBuilder*>(b)->Append(v.get_bool().value_unsafe());
    case Id::kInt8:
      return AppendInt<Id::kInt8>(b, t, v, path);
    case Id::kInt16:
      return AppendInt<Id::kInt16>(b, t, v, path);
    case Id::kInt32:
      return AppendInt<Id::kInt32>(b, t, v, path);
    case Id::kInt64:
      return AppendInt<Id::kInt64>(b, t, v, path);
    case Id::kUInt8:
      return AppendInt<Id::kUInt8>(b, t, v, path);
    case Id::kUInt16:
      return AppendInt<Id::kUInt16>(b, t, v, path);
    case Id::kUInt32:
      return AppendInt<Id::kUInt32>(b, t, v, path);
    case Id::kUInt64:
      return AppendInt<Id::kUInt64>(b, t, v, path);
    case Id::kFloat32:
    case Id::kFloat64: {
      double d;
      if (v.type() == element_type::INT64) {
        d = static_cast<double>(v.get_int64().value_unsafe());
      } else if (v.type() == element_type::UINT64) {
        d = static_cast<double>(v.get_uint64().value_unsafe());
      } else if (v.type() == element_type::DOUBLE) {
        d = v.get_double().value_unsafe();
      } else {
        return Mismatch(path, t, v);
      }
      if (t.id() == Id::kFloat32) {
        return static_cast<a::Float32Builder*>(b)->Append(static_cast<float>(d));
      }
      return static_cast<a::Float64Builder*>(b)->Append(d);
    }
    case Id::kDecimal128: {
      auto* db = static_cast<a::DecimalBuilder*>(b);
      if (v.is_string()) {
        Status st = db->AppendString(v.get_string().value_unsafe());
        return st.ok() ? st : Mismatch(path, t, v);
      }
      if (!v.is_number()) return Mismatch(path, t, v);
      // The number's shortest text (minify prints it the way it was parsed).
      Status st = db->AppendString(simdjson::minify(v));
      return st.ok() ? st : Mismatch(path, t, v);
    }
    case Id::kUtf8:
    case Id::kLargeUtf8: {
      std::string text;
      std::string_view view;
      if (v.is_string()) {
        view = v.get_string().value_unsafe();
      } else {
        text = simdjson::minify(v);
        view = text;
      }
      if (t.id() == Id::kUtf8) return static_cast<a::StringBuilder*>(b)->Append(view);
      return static_cast<a::LargeStringBuilder*>(b)->Append(view);
    }
    case Id::kDate32: {
      if (!v.is_string()) return Mismatch(path, t, v);
      auto days = a::temporal::ParseDate(v.get_string().value_unsafe());
      if (!days.ok()) return Mismatch(path, t, v);
      return static_cast<a::Date32Builder*>(b)->Append(static_cast<int32_t>(*days));
    }
    case Id::kTimestamp: {
      auto* tb = static_cast<a::TimestampBuilder*>(b);
      if (v.type() == element_type::INT64) return tb->Append(v.get_int64().value_unsafe());
      if (!v.is_string()) return Mismatch(path, t, v);
      auto value = a::temporal::ParseTimestamp(v.get_string().value_unsafe(), t.unit());
      if (!value.ok()) return Mismatch(path, t, v);
      return tb->Append(*value);
    }
    case Id::kStruct: {
      if (!v.is_object()) return Mismatch(path, t, v);
      auto* sb = static_cast<a::StructBuilder*>(b);
      RETURN_NOT_OK(sb->Append(true));
      simdjson::dom::object object = v.get_object().value_unsafe();
      for (int i = 0; i < t.num_fields(); ++i) {
        const auto& f = t.field(i);
        simdjson::dom::element child;
        if (object.at_key(f->name()).get(child) != simdjson::SUCCESS) {
          RETURN_NOT_OK(sb->field_builder(i)->AppendNull());
          continue;
        }
        RETURN_NOT_OK(
            AppendJsonValue(sb->field_builder(i), *f->type(), child, path + "." + f->name()));
      }
      return Status::OK();
    }
    case Id::kList:
    case Id::kLargeList: {
      if (!v.is_array()) return Mismatch(path, t, v);
      a::ArrayBuilder* values;
      if (t.id() == Id::kList) {
        auto* lb = static_cast<a::ListBuilder*>(b);
        RETURN_NOT_OK(lb->Append(true));
        values = lb->value_builder();
      } else {
        auto* lb = static_cast<a::LargeListBuilder*>(b);
        RETURN_NOT_OK(lb->Append(true));
        values = lb->value_builder();
      }
      simdjson::dom::array array = v.get_array().value_unsafe();
      for (auto item : array) {
        RETURN_NOT_OK(AppendJsonValue(values, *t.field(0)->type(), item, path + "[]"));
      }
      return Status::OK();
    }
    default:
      return Status::Unsupported("JSON reader: type " + t.ToString());
  }
}

}  // namespace ballista::formats::json
