#include "ballista/compute/type_coercion.h"

#include <algorithm>

namespace ballista::compute {

using arrow::DataTypePtr;
using arrow::TypeId;

std::string SqlTypeName(const DataTypePtr& type) {
  switch (type->id()) {
    case TypeId::kNull: return "NULL";
    case TypeId::kBool: return "BOOLEAN";
    case TypeId::kInt8: return "TINYINT";
    case TypeId::kInt16: return "SMALLINT";
    case TypeId::kInt32: return "INTEGER";
    case TypeId::kInt64: return "BIGINT";
    case TypeId::kUInt8: return "TINYINT UNSIGNED";
    case TypeId::kUInt16: return "SMALLINT UNSIGNED";
    case TypeId::kUInt32: return "INTEGER UNSIGNED";
    case TypeId::kUInt64: return "BIGINT UNSIGNED";
    case TypeId::kFloat16: return "HALF";
    case TypeId::kFloat32: return "REAL";
    case TypeId::kFloat64: return "DOUBLE";
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      return "DECIMAL(" + std::to_string(type->precision()) + "," + std::to_string(type->scale()) +
             ")";
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kUtf8View: return "VARCHAR";
    case TypeId::kBinary:
    case TypeId::kLargeBinary:
    case TypeId::kBinaryView:
    case TypeId::kFixedSizeBinary: return "BYTEA";
    case TypeId::kDate32:
    case TypeId::kDate64: return "DATE";
    case TypeId::kTime32:
    case TypeId::kTime64: return "TIME";
    case TypeId::kTimestamp:
      return type->timezone().empty() ? "TIMESTAMP" : "TIMESTAMP WITH TIME ZONE";
    case TypeId::kDuration: return "DURATION";
    case TypeId::kIntervalYearMonth:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalMonthDayNano: return "INTERVAL";
    default: {
      std::string name = type->ToString();
      std::transform(name.begin(), name.end(), name.begin(), ::toupper);
      return name;
    }
  }
}

DataTypePtr EngineType(const DataTypePtr& type) {
  switch (type->id()) {
    case TypeId::kDecimal32:
    case TypeId::kDecimal64: return arrow::Decimal128(type->precision(), type->scale());
    case TypeId::kFloat16: return arrow::Float32();
    case TypeId::kLargeUtf8:
    case TypeId::kUtf8View: return arrow::Utf8();
    case TypeId::kDate64: return arrow::Timestamp(arrow::TimeUnit::kMilli);
    case TypeId::kIntervalYearMonth:
    case TypeId::kIntervalDayTime: return arrow::IntervalMonthDayNano();
    case TypeId::kDictionary: return EngineType(type->value_type());
    default: return type;
  }
}

DataTypePtr CappedDecimal(int32_t precision, int32_t scale) {
  scale = std::clamp(scale, 0, 38);
  precision = std::clamp(precision, std::max(scale, 1), 38);
  return arrow::Decimal128(precision, scale);
}

DataTypePtr DecimalForNumeric(const DataTypePtr& type) {
  switch (type->id()) {
    case TypeId::kInt8:
    case TypeId::kUInt8: return arrow::Decimal128(3, 0);
    case TypeId::kInt16:
    case TypeId::kUInt16: return arrow::Decimal128(5, 0);
    case TypeId::kInt32:
    case TypeId::kUInt32: return arrow::Decimal128(10, 0);
    case TypeId::kInt64: return arrow::Decimal128(19, 0);
    case TypeId::kUInt64: return arrow::Decimal128(20, 0);
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128: return arrow::Decimal128(type->precision(), type->scale());
    default: return nullptr;
  }
}

namespace {

int IntegerBits(TypeId id) {
  switch (id) {
    case TypeId::kInt8:
    case TypeId::kUInt8: return 8;
    case TypeId::kInt16:
    case TypeId::kUInt16: return 16;
    case TypeId::kInt32:
    case TypeId::kUInt32: return 32;
    default: return 64;
  }
}

DataTypePtr SignedOfBits(int bits) {
  switch (bits) {
    case 8: return arrow::Int8();
    case 16: return arrow::Int16();
    case 32: return arrow::Int32();
    default: return arrow::Int64();
  }
}

DataTypePtr UnsignedOfBits(int bits) {
  switch (bits) {
    case 8: return arrow::UInt8();
    case 16: return arrow::UInt16();
    case 32: return arrow::UInt32();
    default: return arrow::UInt64();
  }
}

DataTypePtr CommonInteger(const DataTypePtr& a, const DataTypePtr& b) {
  const bool a_signed = arrow::IsSignedInteger(a->id());
  const bool b_signed = arrow::IsSignedInteger(b->id());
  const int a_bits = IntegerBits(a->id());
  const int b_bits = IntegerBits(b->id());
  if (a_signed == b_signed) {
    const int bits = std::max(a_bits, b_bits);
    return a_signed ? SignedOfBits(bits) : UnsignedOfBits(bits);
  }
  // Signed with unsigned: a signed type wider than the unsigned one (int64 at most).
  const int unsigned_bits = a_signed ? b_bits : a_bits;
  const int signed_bits = a_signed ? a_bits : b_bits;
  return SignedOfBits(std::min(64, std::max(signed_bits, unsigned_bits * 2)));
}

// Decimal holding both decimals: enough integer digits for either and the larger scale.
DataTypePtr WiderDecimal(const DataTypePtr& a, const DataTypePtr& b) {
  const int32_t scale = std::max(a->scale(), b->scale());
  const int32_t integer_digits =
      std::max(a->precision() - a->scale(), b->precision() - b->scale());
  return CappedDecimal(integer_digits + scale, scale);
}

arrow::TimeUnit FinerUnit(arrow::TimeUnit a, arrow::TimeUnit b) {
  return static_cast<uint8_t>(a) > static_cast<uint8_t>(b) ? a : b;
}

bool IsDateOrTimestamp(TypeId id) {
  return id == TypeId::kDate32 || id == TypeId::kDate64 || id == TypeId::kTimestamp;
}

}  // namespace

Result<DataTypePtr> CommonNumericType(const DataTypePtr& a, const DataTypePtr& b) {
  const TypeId x = a->id();
  const TypeId y = b->id();
  if (!arrow::IsNumeric(x) || !arrow::IsNumeric(y)) {
    return Status::TypeError("no common numeric type for " + SqlTypeName(a) + " and " +
                             SqlTypeName(b));
  }
  if (arrow::IsFloating(x) || arrow::IsFloating(y)) {
    if ((x == TypeId::kFloat32 || x == TypeId::kFloat16) &&
        (y == TypeId::kFloat32 || y == TypeId::kFloat16)) {
      return arrow::Float32();
    }
    return arrow::Float64();
  }
  if (arrow::IsDecimal(x) || arrow::IsDecimal(y)) {
    return WiderDecimal(DecimalForNumeric(a), DecimalForNumeric(b));
  }
  return CommonInteger(a, b);
}

Result<DataTypePtr> CommonSuperType(const DataTypePtr& a_in, const DataTypePtr& b_in) {
  const DataTypePtr a = EngineType(a_in);
  const DataTypePtr b = EngineType(b_in);
  if (a->id() == TypeId::kNull) return b;
  if (b->id() == TypeId::kNull) return a;
  if (a->Equals(*b)) return a;
  const TypeId x = a->id();
  const TypeId y = b->id();
  if (arrow::IsNumeric(x) && arrow::IsNumeric(y)) return CommonNumericType(a, b);
  if (x == TypeId::kUtf8 && y == TypeId::kUtf8) return arrow::Utf8();
  if (x == TypeId::kUtf8 && (IsDateOrTimestamp(y) || arrow::IsInterval(y))) return b;
  if (y == TypeId::kUtf8 && (IsDateOrTimestamp(x) || arrow::IsInterval(x))) return a;
  if ((x == TypeId::kUtf8 && (arrow::IsNumeric(y) || y == TypeId::kBool)) ||
      (y == TypeId::kUtf8 && (arrow::IsNumeric(x) || x == TypeId::kBool))) {
    return arrow::Utf8();
  }
  if (x == TypeId::kDate32 && y == TypeId::kTimestamp) return b;
  if (y == TypeId::kDate32 && x == TypeId::kTimestamp) return a;
  if (x == TypeId::kTimestamp && y == TypeId::kTimestamp) {
    return arrow::Timestamp(FinerUnit(a->unit(), b->unit()),
                            a->timezone().empty() ? b->timezone() : a->timezone());
  }
  if (x == TypeId::kDuration && y == TypeId::kDuration) {
    return arrow::Duration(FinerUnit(a->unit(), b->unit()));
  }
  if (arrow::IsBinaryLike(x) && arrow::IsBinaryLike(y)) return arrow::Binary();
  if (x == TypeId::kList && y == TypeId::kList) {
    ASSIGN_OR_RAISE(auto item, CommonSuperType(a->field(0)->type(), b->field(0)->type()));
    return arrow::List(item);
  }
  return Status::TypeError("cannot find a common type for " + SqlTypeName(a_in) + " and " +
                           SqlTypeName(b_in));
}

Result<DataTypePtr> CommonSuperType(const std::vector<DataTypePtr>& types) {
  DataTypePtr common = arrow::Null();
  for (const auto& t : types) {
    ASSIGN_OR_RAISE(common, CommonSuperType(common, t));
  }
  return common;
}

Result<DataTypePtr> ComparisonType(const DataTypePtr& a_in, const DataTypePtr& b_in) {
  const DataTypePtr a = EngineType(a_in);
  const DataTypePtr b = EngineType(b_in);
  const TypeId x = a->id();
  const TypeId y = b->id();
  if (x == TypeId::kNull) return b;
  if (y == TypeId::kNull) return a;
  if (a->Equals(*b)) return a;
  if (arrow::IsNumeric(x) && arrow::IsNumeric(y)) return CommonNumericType(a, b);
  // A string compared with a typed value is read as that type (a literal like '1998-12-01').
  if (x == TypeId::kUtf8 && (arrow::IsNumeric(y) || IsDateOrTimestamp(y) || y == TypeId::kBool ||
                             arrow::IsInterval(y))) {
    return b;
  }
  if (y == TypeId::kUtf8 && (arrow::IsNumeric(x) || IsDateOrTimestamp(x) || x == TypeId::kBool ||
                             arrow::IsInterval(x))) {
    return a;
  }
  if (x == TypeId::kUtf8 && y == TypeId::kUtf8) return arrow::Utf8();
  if ((IsDateOrTimestamp(x) && IsDateOrTimestamp(y)) ||
      (x == TypeId::kDuration && y == TypeId::kDuration)) {
    return CommonSuperType(a, b);
  }
  if (arrow::IsBinaryLike(x) && arrow::IsBinaryLike(y)) return arrow::Binary();
  return Status::TypeError("cannot compare " + SqlTypeName(a_in) + " with " + SqlTypeName(b_in));
}

bool CanCast(const DataTypePtr& from_in, const DataTypePtr& to_in) {
  const DataTypePtr from = EngineType(from_in);
  const DataTypePtr to = EngineType(to_in);
  const TypeId x = from->id();
  const TypeId y = to->id();
  if (x == TypeId::kNull || from->Equals(*to)) return true;
  if (x == TypeId::kUtf8 || y == TypeId::kUtf8) {
    return !arrow::IsNested(x) && !arrow::IsNested(y);
  }
  const bool x_num = arrow::IsNumeric(x);
  const bool y_num = arrow::IsNumeric(y);
  if ((x_num || x == TypeId::kBool) && (y_num || y == TypeId::kBool)) return true;
  if (IsDateOrTimestamp(x) && IsDateOrTimestamp(y)) return true;
  if (x == TypeId::kDuration && y == TypeId::kDuration) return true;
  if ((x == TypeId::kTimestamp || x == TypeId::kDate32) && arrow::IsInteger(y)) return true;
  if (arrow::IsInteger(x) && (y == TypeId::kTimestamp || y == TypeId::kDate32)) return true;
  if (arrow::IsInterval(x) && arrow::IsInterval(y)) return true;
  if (x == TypeId::kDuration && y == TypeId::kIntervalMonthDayNano) return true;
  if (arrow::IsBinaryLike(x) && arrow::IsBinaryLike(y)) return true;
  return false;
}

}  // namespace ballista::compute
