#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ballista/common/result.h"

namespace ballista::arrow {

/// Every logical type of the Arrow columnar format this engine supports.
enum class TypeId : uint8_t {
  kNull,
  kBool,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kUInt8,
  kUInt16,
  kUInt32,
  kUInt64,
  kFloat16,
  kFloat32,
  kFloat64,
  kDecimal32,
  kDecimal64,
  kDecimal128,
  kDecimal256,
  kUtf8,
  kLargeUtf8,
  kUtf8View,
  kBinary,
  kLargeBinary,
  kBinaryView,
  kFixedSizeBinary,
  kDate32,
  kDate64,
  kTime32,
  kTime64,
  kTimestamp,
  kDuration,
  kIntervalYearMonth,
  kIntervalDayTime,
  kIntervalMonthDayNano,
  kList,
  kLargeList,
  kFixedSizeList,
  kStruct,
  kMap,
  kDictionary,
};

enum class TimeUnit : uint8_t { kSecond, kMilli, kMicro, kNano };

std::string_view TimeUnitName(TimeUnit unit);  // "s", "ms", "us", "ns"

class DataType;
class Field;
class Schema;
using DataTypePtr = std::shared_ptr<const DataType>;
using FieldPtr = std::shared_ptr<const Field>;
using SchemaPtr = std::shared_ptr<const Schema>;
using FieldVector = std::vector<FieldPtr>;

/// Ordered key/value pairs (Arrow custom metadata on fields and schemas).
using KeyValueMetadata = std::vector<std::pair<std::string, std::string>>;

/// An Arrow logical type: an id plus the parameters that id uses. Immutable and shared
/// (`DataTypePtr`); build one with the factory functions below. Thread-safe.
class DataType {
 public:
  TypeId id() const { return id_; }

  /// Decimal precision and scale.
  int32_t precision() const { return precision_; }
  int32_t scale() const { return scale_; }
  /// Unit of Time32/Time64/Timestamp/Duration.
  TimeUnit unit() const { return unit_; }
  /// Timestamp time zone; empty for a zone-less (local) timestamp.
  const std::string& timezone() const { return timezone_; }
  /// FixedSizeBinary width in bytes, or FixedSizeList length.
  int32_t fixed_size() const { return fixed_size_; }
  /// Map: whether keys within each entry list are sorted.
  bool keys_sorted() const { return keys_sorted_; }
  /// Dictionary index type (a signed or unsigned integer type) and value type.
  const DataTypePtr& index_type() const { return index_type_; }
  const DataTypePtr& value_type() const { return value_type_; }
  /// Dictionary: whether the dictionary order is meaningful.
  bool ordered() const { return ordered_; }

  /// Child fields: List/LargeList/FixedSizeList have one ("item"), Struct has its members, Map
  /// has one non-nullable struct field "entries" with "key" (non-nullable) and "value".
  const FieldVector& fields() const { return fields_; }
  const FieldPtr& field(int i) const { return fields_[static_cast<size_t>(i)]; }
  int num_fields() const { return static_cast<int>(fields_.size()); }

  /// Bits per value of fixed-width types (Bool: 1, FixedSizeBinary: 8 * width); -1 otherwise.
  int bit_width() const;
  /// Bytes per value of fixed-width types other than Bool; -1 otherwise.
  int byte_width() const;

  /// Structural equality. Field names, nullability and (optionally) metadata of children count.
  bool Equals(const DataType& other, bool check_metadata = false) const;
  /// A readable name: "int32", "decimal128(15, 2)", "timestamp[us, tz=UTC]", "list<item: int32>".
  std::string ToString() const;

  /// Used by the factory functions; prefer them.
  struct Params {
    int32_t precision = 0;
    int32_t scale = 0;
    TimeUnit unit = TimeUnit::kSecond;
    std::string timezone;
    int32_t fixed_size = 0;
    bool keys_sorted = false;
    DataTypePtr index_type;
    DataTypePtr value_type;
    bool ordered = false;
    FieldVector fields;
  };
  DataType(TypeId id, Params params);

 private:
  TypeId id_;
  int32_t precision_;
  int32_t scale_;
  TimeUnit unit_;
  std::string timezone_;
  int32_t fixed_size_;
  bool keys_sorted_;
  DataTypePtr index_type_;
  DataTypePtr value_type_;
  bool ordered_;
  FieldVector fields_;
};

bool operator==(const DataType& a, const DataType& b);

/// A named, typed column with nullability and metadata. Immutable and shared. Thread-safe.
class Field {
 public:
  Field(std::string name, DataTypePtr type, bool nullable = true, KeyValueMetadata metadata = {})
      : name_(std::move(name)), type_(std::move(type)), nullable_(nullable), metadata_(std::move(metadata)) {}

  const std::string& name() const { return name_; }
  const DataTypePtr& type() const { return type_; }
  bool nullable() const { return nullable_; }
  const KeyValueMetadata& metadata() const { return metadata_; }

  FieldPtr WithName(std::string name) const;
  FieldPtr WithType(DataTypePtr type) const;
  FieldPtr WithNullable(bool nullable) const;

  bool Equals(const Field& other, bool check_metadata = false) const;
  /// "name: type" plus " not null" when not nullable.
  std::string ToString() const;

 private:
  std::string name_;
  DataTypePtr type_;
  bool nullable_;
  KeyValueMetadata metadata_;
};

FieldPtr MakeField(std::string name, DataTypePtr type, bool nullable = true,
                   KeyValueMetadata metadata = {});

/// An ordered list of fields plus metadata: the shape of a RecordBatch. Immutable and shared.
class Schema {
 public:
  explicit Schema(FieldVector fields, KeyValueMetadata metadata = {})
      : fields_(std::move(fields)), metadata_(std::move(metadata)) {}

  const FieldVector& fields() const { return fields_; }
  const FieldPtr& field(int i) const { return fields_[static_cast<size_t>(i)]; }
  int num_fields() const { return static_cast<int>(fields_.size()); }
  const KeyValueMetadata& metadata() const { return metadata_; }

  /// Index of the first field named `name`, or -1.
  int GetFieldIndex(std::string_view name) const;
  /// The field named `name`; NotFound (naming the closest match) when absent.
  Result<FieldPtr> GetFieldByName(std::string_view name) const;

  bool Equals(const Schema& other, bool check_metadata = false) const;
  /// One "name: type" line per field.
  std::string ToString() const;

 private:
  FieldVector fields_;
  KeyValueMetadata metadata_;
};

SchemaPtr MakeSchema(FieldVector fields, KeyValueMetadata metadata = {});

// ---- Factories. Parameterless types return shared singletons. ----
DataTypePtr Null();
DataTypePtr Boolean();
DataTypePtr Int8();
DataTypePtr Int16();
DataTypePtr Int32();
DataTypePtr Int64();
DataTypePtr UInt8();
DataTypePtr UInt16();
DataTypePtr UInt32();
DataTypePtr UInt64();
DataTypePtr Float16();
DataTypePtr Float32();
DataTypePtr Float64();
DataTypePtr Utf8();
DataTypePtr LargeUtf8();
DataTypePtr Utf8View();
DataTypePtr Binary();
DataTypePtr LargeBinary();
DataTypePtr BinaryView();
DataTypePtr Date32();
DataTypePtr Date64();
DataTypePtr IntervalYearMonth();
DataTypePtr IntervalDayTime();
DataTypePtr IntervalMonthDayNano();
DataTypePtr Decimal32(int32_t precision, int32_t scale);
DataTypePtr Decimal64(int32_t precision, int32_t scale);
DataTypePtr Decimal128(int32_t precision, int32_t scale);
DataTypePtr Decimal256(int32_t precision, int32_t scale);
DataTypePtr FixedSizeBinary(int32_t byte_width);
DataTypePtr Time32(TimeUnit unit);  // kSecond or kMilli
DataTypePtr Time64(TimeUnit unit);  // kMicro or kNano
DataTypePtr Timestamp(TimeUnit unit, std::string timezone = "");
DataTypePtr Duration(TimeUnit unit);
DataTypePtr List(FieldPtr item);
DataTypePtr List(DataTypePtr item_type);  // item field named "item", nullable
DataTypePtr LargeList(FieldPtr item);
DataTypePtr LargeList(DataTypePtr item_type);
DataTypePtr FixedSizeList(FieldPtr item, int32_t list_size);
DataTypePtr FixedSizeList(DataTypePtr item_type, int32_t list_size);
DataTypePtr Struct(FieldVector fields);
/// Map with an "entries" struct of non-nullable "key" and nullable "value".
DataTypePtr Map(DataTypePtr key_type, DataTypePtr item_type, bool keys_sorted = false);
/// Map from an explicit entries field (a non-nullable struct of two fields, key not nullable).
DataTypePtr Map(FieldPtr entries, bool keys_sorted = false);
DataTypePtr Dictionary(DataTypePtr index_type, DataTypePtr value_type, bool ordered = false);

/// Checked constructors for parameters that come from outside (files, SQL, the wire).
Result<DataTypePtr> MakeDecimal(TypeId id, int32_t precision, int32_t scale);
Result<DataTypePtr> MakeFixedSizeBinary(int32_t byte_width);
Result<DataTypePtr> MakeTime(TypeId id, TimeUnit unit);
Result<DataTypePtr> MakeDictionary(DataTypePtr index_type, DataTypePtr value_type, bool ordered);
Result<DataTypePtr> MakeMap(FieldPtr entries, bool keys_sorted);

/// Largest decimal precision for a decimal type id (9, 18, 38, 76).
int32_t MaxDecimalPrecision(TypeId id);

// ---- Type predicates over ids. ----
bool IsSignedInteger(TypeId id);
bool IsUnsignedInteger(TypeId id);
bool IsInteger(TypeId id);
bool IsFloating(TypeId id);  // Float16/32/64
bool IsDecimal(TypeId id);
bool IsNumeric(TypeId id);  // integer, floating or decimal
bool IsStringLike(TypeId id);  // Utf8, LargeUtf8, Utf8View
bool IsBinaryLike(TypeId id);  // Binary, LargeBinary, BinaryView (not FixedSizeBinary)
bool IsBaseBinary(TypeId id);  // offset-based: Utf8, LargeUtf8, Binary, LargeBinary
bool IsBinaryView(TypeId id);  // Utf8View, BinaryView
bool IsTemporal(TypeId id);  // date, time, timestamp, duration, interval
bool IsInterval(TypeId id);
bool IsNested(TypeId id);  // List, LargeList, FixedSizeList, Struct, Map
bool IsListLike(TypeId id);  // List, LargeList, FixedSizeList, Map
/// Values live in one fixed-width buffer (Bool included; FixedSizeBinary and decimals too).
bool IsFixedWidth(TypeId id);
/// Name of the type id alone ("int32", "utf8", "list", ...).
std::string_view TypeIdName(TypeId id);

}  // namespace ballista::arrow
