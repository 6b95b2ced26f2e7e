#include "ballista/catalog/sql_type_name.h"

namespace ballista::catalog {

std::string SqlTypeName(const arrow::DataType& type) {
  using arrow::TypeId;
  switch (type.id()) {
    case TypeId::kNull:
      return "NULL";
    case TypeId::kBool:
      return "BOOLEAN";
    case TypeId::kInt8:
      return "TINYINT";
    case TypeId::kInt16:
      return "SMALLINT";
    case TypeId::kInt32:
      return "INTEGER";
    case TypeId::kInt64:
      return "BIGINT";
    case TypeId::kUInt8:
      return "UTINYINT";
    case TypeId::kUInt16:
      return "USMALLINT";
    case TypeId::kUInt32:
      return "UINTEGER";
    case TypeId::kUInt64:
      return "UBIGINT";
    case TypeId::kFloat16:
    case TypeId::kFloat32:
      return "FLOAT";
    case TypeId::kFloat64:
      return "DOUBLE";
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      return "DECIMAL(" + std::to_string(type.precision()) + "," + std::to_string(type.scale()) +
             ")";
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kUtf8View:
      return "VARCHAR";
    case TypeId::kBinary:
    case TypeId::kLargeBinary:
    case TypeId::kBinaryView:
    case TypeId::kFixedSizeBinary:
      return "BLOB";
    case TypeId::kDate32:
    case TypeId::kDate64:
      return "DATE";
    case TypeId::kTime32:
    case TypeId::kTime64:
      return "TIME";
    case TypeId::kTimestamp:
      return type.timezone().empty() ? "TIMESTAMP" : "TIMESTAMP WITH TIME ZONE";
    case TypeId::kDuration:
    case TypeId::kIntervalYearMonth:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalMonthDayNano:
      return "INTERVAL";
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kFixedSizeList:
      return SqlTypeName(*type.field(0)->type()) + "[]";
    case TypeId::kStruct: {
      std::string out = "STRUCT(";
      for (int i = 0; i < type.num_fields(); ++i) {
        if (i > 0) out += ", ";
        out += type.field(i)->name() + " " + SqlTypeName(*type.field(i)->type());
      }
      return out + ")";
    }
    case TypeId::kMap: {
      const auto& entries = *type.field(0)->type();
      return "MAP(" + SqlTypeName(*entries.field(0)->type()) + ", " +
             SqlTypeName(*entries.field(1)->type()) + ")";
    }
    case TypeId::kDictionary:
      return SqlTypeName(*type.value_type());
    default:
      return type.ToString();
  }
}

}  // namespace ballista::catalog
