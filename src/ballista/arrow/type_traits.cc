#include "ballista/arrow/type_traits.h"

namespace ballista::arrow {

DataTypePtr ParameterFreeType(TypeId id) {
  switch (id) {
    case TypeId::kNull:
      return Null();
    case TypeId::kBool:
      return Boolean();
    case TypeId::kInt8:
      return Int8();
    case TypeId::kInt16:
      return Int16();
    case TypeId::kInt32:
      return Int32();
    case TypeId::kInt64:
      return Int64();
    case TypeId::kUInt8:
      return UInt8();
    case TypeId::kUInt16:
      return UInt16();
    case TypeId::kUInt32:
      return UInt32();
    case TypeId::kUInt64:
      return UInt64();
    case TypeId::kFloat16:
      return Float16();
    case TypeId::kFloat32:
      return Float32();
    case TypeId::kFloat64:
      return Float64();
    case TypeId::kUtf8:
      return Utf8();
    case TypeId::kLargeUtf8:
      return LargeUtf8();
    case TypeId::kUtf8View:
      return Utf8View();
    case TypeId::kBinary:
      return Binary();
    case TypeId::kLargeBinary:
      return LargeBinary();
    case TypeId::kBinaryView:
      return BinaryView();
    case TypeId::kDate32:
      return Date32();
    case TypeId::kDate64:
      return Date64();
    case TypeId::kIntervalYearMonth:
      return IntervalYearMonth();
    case TypeId::kIntervalDayTime:
      return IntervalDayTime();
    case TypeId::kIntervalMonthDayNano:
      return IntervalMonthDayNano();
    default:
      return nullptr;
  }
}

}  // namespace ballista::arrow
