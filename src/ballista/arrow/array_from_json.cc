#include "ballista/arrow/array_from_json.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "ballista/arrow/builder.h"
#include "ballista/arrow/temporal_util.h"
#include "ballista/arrow/type_traits.h"

namespace ballista::arrow {

namespace {

std::string Describe(const json::Value& v) {
  std::string text = v.Serialize();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

Status Expected(const DataType& type, std::string_view what, const json::Value& v) {
  return Status::InvalidArgument(type.ToString() + " value: expected " + std::string(what) +
                                 ", got " + Describe(v));
}

// A JSON number that is an integer, as int64 (or uint64 for the top half of uint64).
Status ParseInteger(const DataType& type, const json::Value& v, int64_t* out) {
  if (!v.IsNumber()) return Expected(type, "an integer", v);
  const std::string& text = v.number_text();
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  if (ec == std::errc::result_out_of_range) {
    return Status::InvalidArgument("value " + text + " is out of range for " + type.ToString());
  }
  if (ec != std::errc() || ptr != text.data() + text.size()) return Expected(type, "an integer", v);
  return Status::OK();
}

template <typename T>
Status ParseIntegerAs(const DataType& type, const json::Value& v, T* out) {
  if constexpr (std::is_same_v<T, uint64_t>) {
    if (!v.IsNumber()) return Expected(type, "an integer", v);
    const std::string& text = v.number_text();
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    if (ec == std::errc::result_out_of_range || (!text.empty() && text[0] == '-')) {
      return Status::InvalidArgument("value " + text + " is out of range for " + type.ToString());
    }
    if (ec != std::errc() || ptr != text.data() + text.size())
      return Expected(type, "an integer", v);
    return Status::OK();
  } else {
    int64_t wide = 0;
    RETURN_NOT_OK(ParseInteger(type, v, &wide));
    if (wide < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
        wide > static_cast<int64_t>(std::numeric_limits<T>::max())) {
      return Status::InvalidArgument("value " + v.number_text() + " is out of range for " +
                                     type.ToString());
    }
    *out = static_cast<T>(wide);
    return Status::OK();
  }
}

Status ParseDouble(const DataType& type, const json::Value& v, double* out) {
  if (v.IsNumber()) {
    const std::string& text = v.number_text();
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    if (ec == std::errc::result_out_of_range) {
      *out = std::strtod(text.c_str(), nullptr);  // overflow to +-inf, underflow to 0, like a cast
      return Status::OK();
    }
    if (ec != std::errc() || ptr != text.data() + text.size()) return Expected(type, "a number", v);
    return Status::OK();
  }
  if (v.IsString()) {
    const std::string& s = v.AsString();
    if (s == "NaN" || s == "nan") {
      *out = std::numeric_limits<double>::quiet_NaN();
      return Status::OK();
    }
    if (s == "Infinity" || s == "inf" || s == "+inf") {
      *out = std::numeric_limits<double>::infinity();
      return Status::OK();
    }
    if (s == "-Infinity" || s == "-inf") {
      *out = -std::numeric_limits<double>::infinity();
      return Status::OK();
    }
  }
  return Expected(type, "a number", v);
}

template <TypeId kId>
Status AppendNumeric(ArrayBuilder* builder, const json::Value& v) {
  auto* b = static_cast<NumericBuilder<kId>*>(builder);
  const DataType& type = *builder->type();
  using CType = PrimitiveCTypeT<kId>;
  if constexpr (kId == TypeId::kFloat16 || kId == TypeId::kFloat32 || kId == TypeId::kFloat64) {
    double d = 0;
    RETURN_NOT_OK(ParseDouble(type, v, &d));
    if constexpr (kId == TypeId::kFloat16) {
      return b->Append(FloatToFloat16(static_cast<float>(d)));
    } else {
      return b->Append(static_cast<CType>(d));
    }
  } else if constexpr (kId == TypeId::kIntervalDayTime) {
    DayTimeInterval value;
    if (v.IsArray() && v.array().size() == 2) {
      RETURN_NOT_OK(ParseIntegerAs(type, v.array()[0], &value.days));
      RETURN_NOT_OK(ParseIntegerAs(type, v.array()[1], &value.millis));
    } else if (v.IsObject()) {
      const json::Value* days = v.Get("days");
      const json::Value* millis =
          v.Get("milliseconds") != nullptr ? v.Get("milliseconds") : v.Get("millis");
      if (days != nullptr) RETURN_NOT_OK(ParseIntegerAs(type, *days, &value.days));
      if (millis != nullptr) RETURN_NOT_OK(ParseIntegerAs(type, *millis, &value.millis));
    } else {
      return Expected(type, "[days, milliseconds]", v);
    }
    return b->Append(value);
  } else if constexpr (kId == TypeId::kIntervalMonthDayNano) {
    MonthDayNanoInterval value;
    if (v.IsArray() && v.array().size() == 3) {
      RETURN_NOT_OK(ParseIntegerAs(type, v.array()[0], &value.months));
      RETURN_NOT_OK(ParseIntegerAs(type, v.array()[1], &value.days));
      RETURN_NOT_OK(ParseIntegerAs(type, v.array()[2], &value.nanos));
    } else if (v.IsObject()) {
      const json::Value* months = v.Get("months");
      const json::Value* days = v.Get("days");
      const json::Value* nanos =
          v.Get("nanoseconds") != nullptr ? v.Get("nanoseconds") : v.Get("nanos");
      if (months != nullptr) RETURN_NOT_OK(ParseIntegerAs(type, *months, &value.months));
      if (days != nullptr) RETURN_NOT_OK(ParseIntegerAs(type, *days, &value.days));
      if (nanos != nullptr) RETURN_NOT_OK(ParseIntegerAs(type, *nanos, &value.nanos));
    } else {
      return Expected(type, "[months, days, nanoseconds]", v);
    }
    return b->Append(value);
  } else {
    if (v.IsString()) {
      // Temporal types also take their ISO text form.
      const std::string& s = v.AsString();
      int64_t parsed = 0;
      if constexpr (kId == TypeId::kDate32 || kId == TypeId::kDate64) {
        ASSIGN_OR_RAISE(parsed, temporal::ParseDate(s));
        if constexpr (kId == TypeId::kDate64) {
          if (__builtin_mul_overflow(parsed, temporal::kMillisPerDay, &parsed)) {
            return Status::InvalidArgument("value \"" + s + "\" is out of range for " +
                                           type.ToString());
          }
        }
      } else if constexpr (kId == TypeId::kTime32 || kId == TypeId::kTime64) {
        ASSIGN_OR_RAISE(parsed, temporal::ParseTimeOfDay(s, type.unit()));
      } else if constexpr (kId == TypeId::kTimestamp) {
        ASSIGN_OR_RAISE(parsed, temporal::ParseTimestamp(s, type.unit()));
      } else {
        return Expected(type, "an integer", v);
      }
      if (parsed < static_cast<int64_t>(std::numeric_limits<CType>::min()) ||
          parsed > static_cast<int64_t>(std::numeric_limits<CType>::max())) {
        return Status::InvalidArgument("value \"" + s + "\" is out of range for " +
                                       type.ToString());
      }
      return b->Append(static_cast<CType>(parsed));
    }
    CType value{};
    RETURN_NOT_OK(ParseIntegerAs(type, v, &value));
    return b->Append(value);
  }
}

template <typename Builder>
Status AppendString(ArrayBuilder* builder, const json::Value& v) {
  if (!v.IsString()) return Expected(*builder->type(), "a string", v);
  return static_cast<Builder*>(builder)->Append(std::string_view(v.AsString()));
}

Status AppendList(ArrayBuilder* builder, const json::Value& v);
Status AppendStruct(ArrayBuilder* builder, const json::Value& v);
Status AppendMap(ArrayBuilder* builder, const json::Value& v);
Status AppendDictionary(ArrayBuilder* builder, const json::Value& v);

Status AppendElements(ArrayBuilder* child, const json::Value::Array& items) {
  for (size_t i = 0; i < items.size(); ++i) {
    Status st = AppendJsonValue(child, items[i]);
    if (!st.ok()) return st.WithContext("[" + std::to_string(i) + "]");
  }
  return Status::OK();
}

Status AppendList(ArrayBuilder* builder, const json::Value& v) {
  const DataType& type = *builder->type();
  if (!v.IsArray()) return Expected(type, "an array", v);
  switch (type.id()) {
    case TypeId::kList: {
      auto* b = static_cast<ListBuilder*>(builder);
      RETURN_NOT_OK(b->Append());
      return AppendElements(b->value_builder(), v.array());
    }
    case TypeId::kLargeList: {
      auto* b = static_cast<LargeListBuilder*>(builder);
      RETURN_NOT_OK(b->Append());
      return AppendElements(b->value_builder(), v.array());
    }
    default: {
      auto* b = static_cast<FixedSizeListBuilder*>(builder);
      if (static_cast<int64_t>(v.array().size()) != b->list_size()) {
        return Status::InvalidArgument(type.ToString() + " value: expected " +
                                       std::to_string(b->list_size()) + " elements, got " +
                                       std::to_string(v.array().size()));
      }
      RETURN_NOT_OK(b->Append());
      return AppendElements(b->value_builder(), v.array());
    }
  }
}

Status AppendStruct(ArrayBuilder* builder, const json::Value& v) {
  auto* b = static_cast<StructBuilder*>(builder);
  const DataType& type = *builder->type();
  if (v.IsArray()) {
    const auto& items = v.array();
    if (static_cast<int>(items.size()) != type.num_fields()) {
      return Status::InvalidArgument(type.ToString() + " value: expected " +
                                     std::to_string(type.num_fields()) + " fields, got " +
                                     std::to_string(items.size()));
    }
    RETURN_NOT_OK(b->Append());
    for (int f = 0; f < type.num_fields(); ++f) {
      Status st = AppendJsonValue(b->field_builder(f), items[static_cast<size_t>(f)]);
      if (!st.ok()) return st.WithContext(type.field(f)->name());
    }
    return Status::OK();
  }
  if (!v.IsObject()) return Expected(type, "an object", v);
  for (const auto& [name, member] : v.object()) {
    bool known = false;
    for (const auto& field : type.fields()) known = known || field->name() == name;
    if (!known)
      return Status::InvalidArgument(type.ToString() + " value: unknown field \"" + name + "\"");
  }
  RETURN_NOT_OK(b->Append());
  for (int f = 0; f < type.num_fields(); ++f) {
    const json::Value* member = v.Get(type.field(f)->name());
    Status st = member == nullptr ? b->field_builder(f)->AppendNull()
                                  : AppendJsonValue(b->field_builder(f), *member);
    if (!st.ok()) return st.WithContext(type.field(f)->name());
  }
  return Status::OK();
}

Status AppendMap(ArrayBuilder* builder, const json::Value& v) {
  auto* b = static_cast<MapBuilder*>(builder);
  const DataType& type = *builder->type();
  const TypeId key_id = b->key_builder()->type()->id();
  if (v.IsObject()) {
    RETURN_NOT_OK(b->Append());
    for (const auto& [key_text, item] : v.object()) {
      json::Value key = json::Value::MakeString(key_text);
      if (!IsStringLike(key_id) && !IsBinaryLike(key_id)) {
        // Object keys are always strings; read them as JSON for non-string key types ("1" -> 1).
        auto parsed = json::Parse(key_text);
        if (!parsed.ok())
          return Status::InvalidArgument(type.ToString() + " value: bad key \"" + key_text + "\"");
        key = *parsed;
      }
      Status st = AppendJsonValue(b->key_builder(), key);
      if (st.ok()) st = AppendJsonValue(b->item_builder(), item);
      if (!st.ok()) return st.WithContext(key_text);
    }
    return Status::OK();
  }
  if (!v.IsArray()) return Expected(type, "an array of [key, value] pairs or an object", v);
  RETURN_NOT_OK(b->Append());
  const auto& entries = v.array();
  for (size_t i = 0; i < entries.size(); ++i) {
    const json::Value& entry = entries[i];
    const json::Value* key = nullptr;
    const json::Value* item = nullptr;
    if (entry.IsArray() && entry.array().size() == 2) {
      key = &entry.array()[0];
      item = &entry.array()[1];
    } else if (entry.IsObject() && entry.Get("key") != nullptr) {
      key = entry.Get("key");
      item = entry.Get("value");
    } else {
      return Expected(type, "a [key, value] entry", entry)
          .WithContext("[" + std::to_string(i) + "]");
    }
    if (key->IsNull()) {
      return Status::InvalidArgument(type.ToString() + " value: map keys must not be null")
          .WithContext("[" + std::to_string(i) + "]");
    }
    Status st = AppendJsonValue(b->key_builder(), *key);
    if (st.ok())
      st = item == nullptr ? b->item_builder()->AppendNull()
                           : AppendJsonValue(b->item_builder(), *item);
    if (!st.ok()) return st.WithContext("[" + std::to_string(i) + "]");
  }
  return Status::OK();
}

Status AppendDictionary(ArrayBuilder* builder, const json::Value& v) {
  auto* b = static_cast<DictionaryBuilder*>(builder);
  // Build the decoded value as a one-slot array of the value type and let the builder encode it.
  ASSIGN_OR_RAISE(auto scratch, MakeBuilder(builder->type()->value_type(), builder->pool()));
  RETURN_NOT_OK(AppendJsonValue(scratch.get(), v));
  ASSIGN_OR_RAISE(auto one, scratch->Finish());
  return b->AppendArray(*one);
}

}  // namespace

Status AppendJsonValue(ArrayBuilder* builder, const json::Value& value) {
  const DataType& type = *builder->type();
  if (value.IsNull()) return builder->AppendNull();
  switch (type.id()) {
    case TypeId::kNull:
      return Expected(type, "null", value);
    case TypeId::kBool:
      if (value.IsBool()) return static_cast<BooleanBuilder*>(builder)->Append(value.AsBool());
      if (value.IsNumber() && (value.number_text() == "0" || value.number_text() == "1")) {
        return static_cast<BooleanBuilder*>(builder)->Append(value.number_text() == "1");
      }
      return Expected(type, "true or false", value);
    case TypeId::kInt8:
      return AppendNumeric<TypeId::kInt8>(builder, value);
    case TypeId::kInt16:
      return AppendNumeric<TypeId::kInt16>(builder, value);
    case TypeId::kInt32:
      return AppendNumeric<TypeId::kInt32>(builder, value);
    case TypeId::kInt64:
      return AppendNumeric<TypeId::kInt64>(builder, value);
    case TypeId::kUInt8:
      return AppendNumeric<TypeId::kUInt8>(builder, value);
    case TypeId::kUInt16:
      return AppendNumeric<TypeId::kUInt16>(builder, value);
    case TypeId::kUInt32:
      return AppendNumeric<TypeId::kUInt32>(builder, value);
    case TypeId::kUInt64:
      return AppendNumeric<TypeId::kUInt64>(builder, value);
    case TypeId::kFloat16:
      return AppendNumeric<TypeId::kFloat16>(builder, value);
    case TypeId::kFloat32:
      return AppendNumeric<TypeId::kFloat32>(builder, value);
    case TypeId::kFloat64:
      return AppendNumeric<TypeId::kFloat64>(builder, value);
    case TypeId::kDate32:
      return AppendNumeric<TypeId::kDate32>(builder, value);
    case TypeId::kDate64:
      return AppendNumeric<TypeId::kDate64>(builder, value);
    case TypeId::kTime32:
      return AppendNumeric<TypeId::kTime32>(builder, value);
    case TypeId::kTime64:
      return AppendNumeric<TypeId::kTime64>(builder, value);
    case TypeId::kTimestamp:
      return AppendNumeric<TypeId::kTimestamp>(builder, value);
    case TypeId::kDuration:
      return AppendNumeric<TypeId::kDuration>(builder, value);
    case TypeId::kIntervalYearMonth:
      return AppendNumeric<TypeId::kIntervalYearMonth>(builder, value);
    case TypeId::kIntervalDayTime:
      return AppendNumeric<TypeId::kIntervalDayTime>(builder, value);
    case TypeId::kIntervalMonthDayNano:
      return AppendNumeric<TypeId::kIntervalMonthDayNano>(builder, value);
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256: {
      auto* b = static_cast<DecimalBuilder*>(builder);
      if (value.IsNumber()) return b->AppendString(value.number_text());
      if (value.IsString()) return b->AppendString(value.AsString());
      return Expected(type, "a number or a decimal string", value);
    }
    case TypeId::kUtf8:
      return AppendString<StringBuilder>(builder, value);
    case TypeId::kLargeUtf8:
      return AppendString<LargeStringBuilder>(builder, value);
    case TypeId::kBinary:
      return AppendString<BinaryBuilder>(builder, value);
    case TypeId::kLargeBinary:
      return AppendString<LargeBinaryBuilder>(builder, value);
    case TypeId::kUtf8View:
      return AppendString<StringViewBuilder>(builder, value);
    case TypeId::kBinaryView:
      return AppendString<BinaryViewBuilder>(builder, value);
    case TypeId::kFixedSizeBinary:
      return AppendString<FixedSizeBinaryBuilder>(builder, value);
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kFixedSizeList:
      return AppendList(builder, value);
    case TypeId::kStruct:
      return AppendStruct(builder, value);
    case TypeId::kMap:
      return AppendMap(builder, value);
    case TypeId::kDictionary:
      return AppendDictionary(builder, value);
  }
  return Status::Unsupported("ArrayFromJson: type " + type.ToString() + " is not supported");
}

Result<std::shared_ptr<ArrayData>> ArrayFromJson(DataTypePtr type, std::string_view json_text) {
  if (type == nullptr) return Status::InvalidArgument("ArrayFromJson: null type");
  auto parsed = json::Parse(json_text);
  if (!parsed.ok()) return parsed.status().WithContext("ArrayFromJson");
  if (!parsed->IsArray())
    return Status::InvalidArgument("ArrayFromJson: expected a JSON array, got " +
                                   Describe(*parsed));
  ASSIGN_OR_RAISE(auto builder, MakeBuilder(type));
  const auto& items = parsed->array();
  RETURN_NOT_OK(builder->Reserve(static_cast<int64_t>(items.size())));
  if (type->id() == TypeId::kDictionary) {
    // Encode all decoded values at once rather than one scratch array per element.
    ASSIGN_OR_RAISE(auto values, ArrayFromJson(type->value_type(), json_text));
    RETURN_NOT_OK(static_cast<DictionaryBuilder*>(builder.get())->AppendArray(*values));
    return builder->Finish();
  }
  Status st = AppendElements(builder.get(), items);
  if (!st.ok()) return st.WithContext("ArrayFromJson(" + type->ToString() + ")");
  return builder->Finish();
}

Result<std::shared_ptr<RecordBatch>> RecordBatchFromJson(SchemaPtr schema,
                                                         std::string_view json_text) {
  if (schema == nullptr) return Status::InvalidArgument("RecordBatchFromJson: null schema");
  auto parsed = json::Parse(json_text);
  if (!parsed.ok()) return parsed.status().WithContext("RecordBatchFromJson");
  if (!parsed->IsArray()) {
    return Status::InvalidArgument("RecordBatchFromJson: expected a JSON array of rows, got " +
                                   Describe(*parsed));
  }
  std::vector<std::unique_ptr<ArrayBuilder>> builders;
  for (const auto& field : schema->fields()) {
    ASSIGN_OR_RAISE(auto builder, MakeBuilder(field->type()));
    builders.push_back(std::move(builder));
  }
  const auto& rows = parsed->array();
  for (size_t r = 0; r < rows.size(); ++r) {
    const json::Value& row = rows[r];
    const std::string where = "RecordBatchFromJson: row " + std::to_string(r);
    if (row.IsArray()) {
      if (static_cast<int>(row.array().size()) != schema->num_fields()) {
        return Status::InvalidArgument(where + ": expected " +
                                       std::to_string(schema->num_fields()) + " values, got " +
                                       std::to_string(row.array().size()));
      }
      for (int c = 0; c < schema->num_fields(); ++c) {
        Status st = AppendJsonValue(builders[static_cast<size_t>(c)].get(),
                                    row.array()[static_cast<size_t>(c)]);
        if (!st.ok())
          return st.WithContext(where + ", column \"" + schema->field(c)->name() + "\"");
      }
      continue;
    }
    if (!row.IsObject())
      return Status::InvalidArgument(where + ": expected an object or an array, got " +
                                     Describe(row));
    for (const auto& [name, member] : row.object()) {
      if (schema->GetFieldIndex(name) < 0) {
        auto found = schema->GetFieldByName(name);  // names the closest column
        return found.status().WithContext(where);
      }
    }
    for (int c = 0; c < schema->num_fields(); ++c) {
      const json::Value* member = row.Get(schema->field(c)->name());
      ArrayBuilder* builder = builders[static_cast<size_t>(c)].get();
      Status st = member == nullptr ? builder->AppendNull() : AppendJsonValue(builder, *member);
      if (!st.ok()) return st.WithContext(where + ", column \"" + schema->field(c)->name() + "\"");
    }
  }
  std::vector<ArrayDataPtr> columns;
  for (auto& builder : builders) {
    ASSIGN_OR_RAISE(auto column, builder->Finish());
    columns.push_back(std::move(column));
  }
  return RecordBatch::Make(std::move(schema), static_cast<int64_t>(rows.size()),
                           std::move(columns));
}

}  // namespace ballista::arrow
