#include "ballista/arrow/type.h"

#include <algorithm>

#include "ballista/common/logging.h"

namespace ballista::arrow {

std::string_view TimeUnitName(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond: return "s";
    case TimeUnit::kMilli: return "ms";
    case TimeUnit::kMicro: return "us";
    case TimeUnit::kNano: return "ns";
  }
  return "?";
}

std::string_view TypeIdName(TypeId id) {
  switch (id) {
    case TypeId::kNull: return "null";
    case TypeId::kBool: return "bool";
    case TypeId::kInt8: return "int8";
    case TypeId::kInt16: return "int16";
    case TypeId::kInt32: return "int32";
    case TypeId::kInt64: return "int64";
    case TypeId::kUInt8: return "uint8";
    case TypeId::kUInt16: return "uint16";
    case TypeId::kUInt32: return "uint32";
    case TypeId::kUInt64: return "uint64";
    case TypeId::kFloat16: return "float16";
    case TypeId::kFloat32: return "float32";
    case TypeId::kFloat64: return "float64";
    case TypeId::kDecimal32: return "decimal32";
    case TypeId::kDecimal64: return "decimal64";
    case TypeId::kDecimal128: return "decimal128";
    case TypeId::kDecimal256: return "decimal256";
    case TypeId::kUtf8: return "utf8";
    case TypeId::kLargeUtf8: return "large_utf8";
    case TypeId::kUtf8View: return "utf8_view";
    case TypeId::kBinary: return "binary";
    case TypeId::kLargeBinary: return "large_binary";
    case TypeId::kBinaryView: return "binary_view";
    case TypeId::kFixedSizeBinary: return "fixed_size_binary";
    case TypeId::kDate32: return "date32";
    case TypeId::kDate64: return "date64";
    case TypeId::kTime32: return "time32";
    case TypeId::kTime64: return "time64";
    case TypeId::kTimestamp: return "timestamp";
    case TypeId::kDuration: return "duration";
    case TypeId::kIntervalYearMonth: return "interval_year_month";
    case TypeId::kIntervalDayTime: return "interval_day_time";
    case TypeId::kIntervalMonthDayNano: return "interval_month_day_nano";
    case TypeId::kList: return "list";
    case TypeId::kLargeList: return "large_list";
    case TypeId::kFixedSizeList: return "fixed_size_list";
    case TypeId::kStruct: return "struct";
    case TypeId::kMap: return "map";
    case TypeId::kDictionary: return "dictionary";
  }
  return "unknown";
}

DataType::DataType(TypeId id, Params p)
    : id_(id),
      precision_(p.precision),
      scale_(p.scale),
      unit_(p.unit),
      timezone_(std::move(p.timezone)),
      fixed_size_(p.fixed_size),
      keys_sorted_(p.keys_sorted),
      index_type_(std::move(p.index_type)),
      value_type_(std::move(p.value_type)),
      ordered_(p.ordered),
      fields_(std::move(p.fields)) {}

int DataType::bit_width() const {
  if (id_ == TypeId::kBool) return 1;
  int bytes = byte_width();
  return bytes < 0 ? -1 : bytes * 8;
}

int DataType::byte_width() const {
  switch (id_) {
    case TypeId::kInt8:
    case TypeId::kUInt8: return 1;
    case TypeId::kInt16:
    case TypeId::kUInt16:
    case TypeId::kFloat16: return 2;
    case TypeId::kInt32:
    case TypeId::kUInt32:
    case TypeId::kFloat32:
    case TypeId::kDate32:
    case TypeId::kTime32:
    case TypeId::kDecimal32:
    case TypeId::kIntervalYearMonth: return 4;
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kFloat64:
    case TypeId::kDate64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration:
    case TypeId::kDecimal64:
    case TypeId::kIntervalDayTime: return 8;
    case TypeId::kDecimal128:
    case TypeId::kIntervalMonthDayNano: return 16;
    case TypeId::kDecimal256: return 32;
    case TypeId::kFixedSizeBinary: return fixed_size_;
    default: return -1;
  }
}

bool DataType::Equals(const DataType& other, bool check_metadata) const {
  if (this == &other) return true;
  if (id_ != other.id_) return false;
  switch (id_) {
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      return precision_ == other.precision_ && scale_ == other.scale_;
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kDuration: return unit_ == other.unit_;
    case TypeId::kTimestamp: return unit_ == other.unit_ && timezone_ == other.timezone_;
    case TypeId::kFixedSizeBinary: return fixed_size_ == other.fixed_size_;
    case TypeId::kDictionary:
      return ordered_ == other.ordered_ && index_type_->Equals(*other.index_type_) &&
             value_type_->Equals(*other.value_type_, check_metadata);
    case TypeId::kMap:
      if (keys_sorted_ != other.keys_sorted_) return false;
      break;
    case TypeId::kFixedSizeList:
      if (fixed_size_ != other.fixed_size_) return false;
      break;
    default: break;
  }
  if (fields_.size() != other.fields_.size()) return false;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!fields_[i]->Equals(*other.fields_[i], check_metadata)) return false;
  }
  return true;
}

bool operator==(const DataType& a, const DataType& b) { return a.Equals(b); }

std::string DataType::ToString() const {
  std::string out(TypeIdName(id_));
  switch (id_) {
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      return out + "(" + std::to_string(precision_) + ", " + std::to_string(scale_) + ")";
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kDuration: return out + "[" + std::string(TimeUnitName(unit_)) + "]";
    case TypeId::kTimestamp:
      out += "[" + std::string(TimeUnitName(unit_));
      if (!timezone_.empty()) out += ", tz=" + timezone_;
      return out + "]";
    case TypeId::kFixedSizeBinary: return out + "[" + std::to_string(fixed_size_) + "]";
    case TypeId::kList:
    case TypeId::kLargeList: return out + "<" + fields_[0]->ToString() + ">";
    case TypeId::kFixedSizeList:
      return out + "<" + fields_[0]->ToString() + ">[" + std::to_string(fixed_size_) + "]";
    case TypeId::kStruct: {
      out += "<";
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (i > 0) out += ", ";
        out += fields_[i]->ToString();
      }
      return out + ">";
    }
    case TypeId::kMap: {
      const auto& entries = fields_[0]->type();
      out += "<" + entries->field(0)->type()->ToString() + ", " + entries->field(1)->type()->ToString();
      if (keys_sorted_) out += ", keys_sorted";
      return out + ">";
    }
    case TypeId::kDictionary:
      return out + "<values=" + value_type_->ToString() + ", indices=" + index_type_->ToString() +
             (ordered_ ? ", ordered" : "") + ">";
    default: return out;
  }
}

FieldPtr Field::WithName(std::string name) const {
  return std::make_shared<Field>(std::move(name), type_, nullable_, metadata_);
}
FieldPtr Field::WithType(DataTypePtr type) const {
  return std::make_shared<Field>(name_, std::move(type), nullable_, metadata_);
}
FieldPtr Field::WithNullable(bool nullable) const {
  return std::make_shared<Field>(name_, type_, nullable, metadata_);
}

bool Field::Equals(const Field& other, bool check_metadata) const {
  if (this == &other) return true;
  if (name_ != other.name_ || nullable_ != other.nullable_) return false;
  if (check_metadata && metadata_ != other.metadata_) return false;
  return type_->Equals(*other.type_, check_metadata);
}

std::string Field::ToString() const {
  return name_ + ": " + type_->ToString() + (nullable_ ? "" : " not null");
}

FieldPtr MakeField(std::string name, DataTypePtr type, bool nullable, KeyValueMetadata metadata) {
  return std::make_shared<Field>(std::move(name), std::move(type), nullable, std::move(metadata));
}

int Schema::GetFieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i]->name() == name) return static_cast<int>(i);
  }
  return -1;
}

namespace {
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

Result<FieldPtr> Schema::GetFieldByName(std::string_view name) const {
  int index = GetFieldIndex(name);
  if (index >= 0) return fields_[static_cast<size_t>(index)];
  std::string message = "field \"" + std::string(name) + "\" not found";
  const Field* best = nullptr;
  size_t best_distance = 3;  // suggest only close matches
  for (const auto& field : fields_) {
    size_t d = EditDistance(name, field->name());
    if (d < best_distance) {
      best_distance = d;
      best = field.get();
    }
  }
  if (best != nullptr) message += "; did you mean \"" + best->name() + "\"?";
  return Status::NotFound(std::move(message));
}

bool Schema::Equals(const Schema& other, bool check_metadata) const {
  if (fields_.size() != other.fields_.size()) return false;
  if (check_metadata && metadata_ != other.metadata_) return false;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!fields_[i]->Equals(*other.fields_[i], check_metadata)) return false;
  }
  return true;
}

std::string Schema::ToString() const {
  std::string out;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out += "\n";
    out += fields_[i]->ToString();
  }
  return out;
}

SchemaPtr MakeSchema(FieldVector fields, KeyValueMetadata metadata) {
  return std::make_shared<Schema>(std::move(fields), std::move(metadata));
}

namespace {
DataTypePtr Simple(TypeId id) { return std::make_shared<DataType>(id, DataType::Params{}); }
}  // namespace

#define BALLISTA_SINGLETON_TYPE(Name, Id)        \
  DataTypePtr Name() {                           \
    static const DataTypePtr kType = Simple(Id); \
    return kType;                                \
  }

BALLISTA_SINGLETON_TYPE(Null, TypeId::kNull)
BALLISTA_SINGLETON_TYPE(Boolean, TypeId::kBool)
BALLISTA_SINGLETON_TYPE(Int8, TypeId::kInt8)
BALLISTA_SINGLETON_TYPE(Int16, TypeId::kInt16)
BALLISTA_SINGLETON_TYPE(Int32, TypeId::kInt32)
BALLISTA_SINGLETON_TYPE(Int64, TypeId::kInt64)
BALLISTA_SINGLETON_TYPE(UInt8, TypeId::kUInt8)
BALLISTA_SINGLETON_TYPE(UInt16, TypeId::kUInt16)
BALLISTA_SINGLETON_TYPE(UInt32, TypeId::kUInt32)
BALLISTA_SINGLETON_TYPE(UInt64, TypeId::kUInt64)
BALLISTA_SINGLETON_TYPE(Float16, TypeId::kFloat16)
BALLISTA_SINGLETON_TYPE(Float32, TypeId::kFloat32)
BALLISTA_SINGLETON_TYPE(Float64, TypeId::kFloat64)
BALLISTA_SINGLETON_TYPE(Utf8, TypeId::kUtf8)
BALLISTA_SINGLETON_TYPE(LargeUtf8, TypeId::kLargeUtf8)
BALLISTA_SINGLETON_TYPE(Utf8View, TypeId::kUtf8View)
BALLISTA_SINGLETON_TYPE(Binary, TypeId::kBinary)
BALLISTA_SINGLETON_TYPE(LargeBinary, TypeId::kLargeBinary)
BALLISTA_SINGLETON_TYPE(BinaryView, TypeId::kBinaryView)
BALLISTA_SINGLETON_TYPE(Date32, TypeId::kDate32)
BALLISTA_SINGLETON_TYPE(Date64, TypeId::kDate64)
BALLISTA_SINGLETON_TYPE(IntervalYearMonth, TypeId::kIntervalYearMonth)
BALLISTA_SINGLETON_TYPE(IntervalDayTime, TypeId::kIntervalDayTime)
BALLISTA_SINGLETON_TYPE(IntervalMonthDayNano, TypeId::kIntervalMonthDayNano)

#undef BALLISTA_SINGLETON_TYPE

int32_t MaxDecimalPrecision(TypeId id) {
  switch (id) {
    case TypeId::kDecimal32: return 9;
    case TypeId::kDecimal64: return 18;
    case TypeId::kDecimal128: return 38;
    case TypeId::kDecimal256: return 76;
    default: return 0;
  }
}

Result<DataTypePtr> MakeDecimal(TypeId id, int32_t precision, int32_t scale) {
  if (!IsDecimal(id)) return Status::InvalidArgument("not a decimal type: " + std::string(TypeIdName(id)));
  int32_t max = MaxDecimalPrecision(id);
  if (precision < 1 || precision > max) {
    return Status::InvalidArgument(std::string(TypeIdName(id)) + " precision must be between 1 and " +
                                   std::to_string(max) + ", got " + std::to_string(precision));
  }
  if (scale > precision) {
    return Status::InvalidArgument("decimal scale " + std::to_string(scale) +
                                   " is larger than its precision " + std::to_string(precision));
  }
  DataType::Params p;
  p.precision = precision;
  p.scale = scale;
  return DataTypePtr(std::make_shared<DataType>(id, std::move(p)));
}

namespace {
DataTypePtr MustDecimal(TypeId id, int32_t precision, int32_t scale) {
  auto made = MakeDecimal(id, precision, scale);
  BALLISTA_CHECK(made.ok());
  return *made;
}
}  // namespace

DataTypePtr Decimal32(int32_t precision, int32_t scale) { return MustDecimal(TypeId::kDecimal32, precision, scale); }
DataTypePtr Decimal64(int32_t precision, int32_t scale) { return MustDecimal(TypeId::kDecimal64, precision, scale); }
DataTypePtr Decimal128(int32_t precision, int32_t scale) { return MustDecimal(TypeId::kDecimal128, precision, scale); }
DataTypePtr Decimal256(int32_t precision, int32_t scale) { return MustDecimal(TypeId::kDecimal256, precision, scale); }

Result<DataTypePtr> MakeFixedSizeBinary(int32_t byte_width) {
  if (byte_width < 0) return Status::InvalidArgument("fixed_size_binary width must not be negative");
  DataType::Params p;
  p.fixed_size = byte_width;
  return DataTypePtr(std::make_shared<DataType>(TypeId::kFixedSizeBinary, std::move(p)));
}

DataTypePtr FixedSizeBinary(int32_t byte_width) {
  auto made = MakeFixedSizeBinary(byte_width);
  BALLISTA_CHECK(made.ok());
  return *made;
}

Result<DataTypePtr> MakeTime(TypeId id, TimeUnit unit) {
  bool ok = (id == TypeId::kTime32 && (unit == TimeUnit::kSecond || unit == TimeUnit::kMilli)) ||
            (id == TypeId::kTime64 && (unit == TimeUnit::kMicro || unit == TimeUnit::kNano));
  if (!ok) {
    return Status::InvalidArgument(std::string(TypeIdName(id)) + " cannot have unit " +
                                   std::string(TimeUnitName(unit)));
  }
  DataType::Params p;
  p.unit = unit;
  return DataTypePtr(std::make_shared<DataType>(id, std::move(p)));
}

DataTypePtr Time32(TimeUnit unit) {
  auto made = MakeTime(TypeId::kTime32, unit);
  BALLISTA_CHECK(made.ok());
  return *made;
}

DataTypePtr Time64(TimeUnit unit) {
  auto made = MakeTime(TypeId::kTime64, unit);
  BALLISTA_CHECK(made.ok());
  return *made;
}

DataTypePtr Timestamp(TimeUnit unit, std::string timezone) {
  DataType::Params p;
  p.unit = unit;
  p.timezone = std::move(timezone);
  return std::make_shared<DataType>(TypeId::kTimestamp, std::move(p));
}

DataTypePtr Duration(TimeUnit unit) {
  DataType::Params p;
  p.unit = unit;
  return std::make_shared<DataType>(TypeId::kDuration, std::move(p));
}

DataTypePtr List(FieldPtr item) {
  DataType::Params p;
  p.fields = {std::move(item)};
  return std::make_shared<DataType>(TypeId::kList, std::move(p));
}
DataTypePtr List(DataTypePtr item_type) { return List(MakeField("item", std::move(item_type))); }

DataTypePtr LargeList(FieldPtr item) {
  DataType::Params p;
  p.fields = {std::move(item)};
  return std::make_shared<DataType>(TypeId::kLargeList, std::move(p));
}
DataTypePtr LargeList(DataTypePtr item_type) { return LargeList(MakeField("item", std::move(item_type))); }

DataTypePtr FixedSizeList(FieldPtr item, int32_t list_size) {
  BALLISTA_CHECK(list_size >= 0);
  DataType::Params p;
  p.fields = {std::move(item)};
  p.fixed_size = list_size;
  return std::make_shared<DataType>(TypeId::kFixedSizeList, std::move(p));
}
DataTypePtr FixedSizeList(DataTypePtr item_type, int32_t list_size) {
  return FixedSizeList(MakeField("item", std::move(item_type)), list_size);
}

DataTypePtr Struct(FieldVector fields) {
  DataType::Params p;
  p.fields = std::move(fields);
  return std::make_shared<DataType>(TypeId::kStruct, std::move(p));
}

Result<DataTypePtr> MakeMap(FieldPtr entries, bool keys_sorted) {
  const auto& t = entries->type();
  if (t->id() != TypeId::kStruct || t->num_fields() != 2) {
    return Status::InvalidArgument("map entries must be a struct of two fields, got " + t->ToString());
  }
  if (entries->nullable()) return Status::InvalidArgument("map entries must not be nullable");
  if (t->field(0)->nullable()) return Status::InvalidArgument("map keys must not be nullable");
  DataType::Params p;
  p.fields = {std::move(entries)};
  p.keys_sorted = keys_sorted;
  return DataTypePtr(std::make_shared<DataType>(TypeId::kMap, std::move(p)));
}

DataTypePtr Map(FieldPtr entries, bool keys_sorted) {
  auto made = MakeMap(std::move(entries), keys_sorted);
  BALLISTA_CHECK(made.ok());
  return *made;
}

DataTypePtr Map(DataTypePtr key_type, DataTypePtr item_type, bool keys_sorted) {
  auto entries = Struct({MakeField("key", std::move(key_type), false), MakeField("value", std::move(item_type))});
  return Map(MakeField("entries", std::move(entries), false), keys_sorted);
}

Result<DataTypePtr> MakeDictionary(DataTypePtr index_type, DataTypePtr value_type, bool ordered) {
  if (!IsInteger(index_type->id())) {
    return Status::InvalidArgument("dictionary index type must be an integer, got " + index_type->ToString());
  }
  DataType::Params p;
  p.index_type = std::move(index_type);
  p.value_type = std::move(value_type);
  p.ordered = ordered;
  return DataTypePtr(std::make_shared<DataType>(TypeId::kDictionary, std::move(p)));
}

DataTypePtr Dictionary(DataTypePtr index_type, DataTypePtr value_type, bool ordered) {
  auto made = MakeDictionary(std::move(index_type), std::move(value_type), ordered);
  BALLISTA_CHECK(made.ok());
  return *made;
}

bool IsSignedInteger(TypeId id) {
  return id == TypeId::kInt8 || id == TypeId::kInt16 || id == TypeId::kInt32 || id == TypeId::kInt64;
}
bool IsUnsignedInteger(TypeId id) {
  return id == TypeId::kUInt8 || id == TypeId::kUInt16 || id == TypeId::kUInt32 || id == TypeId::kUInt64;
}
bool IsInteger(TypeId id) { return IsSignedInteger(id) || IsUnsignedInteger(id); }
bool IsFloating(TypeId id) {
  return id == TypeId::kFloat16 || id == TypeId::kFloat32 || id == TypeId::kFloat64;
}
bool IsDecimal(TypeId id) {
  return id == TypeId::kDecimal32 || id == TypeId::kDecimal64 || id == TypeId::kDecimal128 ||
         id == TypeId::kDecimal256;
}
bool IsNumeric(TypeId id) { return IsInteger(id) || IsFloating(id) || IsDecimal(id); }
bool IsStringLike(TypeId id) {
  return id == TypeId::kUtf8 || id == TypeId::kLargeUtf8 || id == TypeId::kUtf8View;
}
bool IsBinaryLike(TypeId id) {
  return id == TypeId::kBinary || id == TypeId::kLargeBinary || id == TypeId::kBinaryView;
}
bool IsBaseBinary(TypeId id) {
  return id == TypeId::kUtf8 || id == TypeId::kLargeUtf8 || id == TypeId::kBinary ||
         id == TypeId::kLargeBinary;
}
bool IsBinaryView(TypeId id) { return id == TypeId::kUtf8View || id == TypeId::kBinaryView; }
bool IsInterval(TypeId id) {
  return id == TypeId::kIntervalYearMonth || id == TypeId::kIntervalDayTime ||
         id == TypeId::kIntervalMonthDayNano;
}
bool IsTemporal(TypeId id) {
  return id == TypeId::kDate32 || id == TypeId::kDate64 || id == TypeId::kTime32 ||
         id == TypeId::kTime64 || id == TypeId::kTimestamp || id == TypeId::kDuration || IsInterval(id);
}
bool IsNested(TypeId id) {
  return id == TypeId::kList || id == TypeId::kLargeList || id == TypeId::kFixedSizeList ||
         id == TypeId::kStruct || id == TypeId::kMap;
}
bool IsListLike(TypeId id) {
  return id == TypeId::kList || id == TypeId::kLargeList || id == TypeId::kFixedSizeList ||
         id == TypeId::kMap;
}
bool IsFixedWidth(TypeId id) {
  return id == TypeId::kBool || id == TypeId::kFixedSizeBinary || IsInteger(id) || IsFloating(id) ||
         IsDecimal(id) || (IsTemporal(id));
}

}  // namespace ballista::arrow
