#include "ballista/logical/type_names.h"

#include <charconv>
#include <string>

namespace ballista::logical {
namespace a = ballista::arrow;
namespace {

Result<int32_t> Param(const sql::TypeName& type, size_t i) {
  const std::string& text = type.params.at(i);
  int32_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 0) {
    return Status::PlanError("invalid parameter '" + text + "' for type " + type.name);
  }
  return value;
}

Result<a::DataTypePtr> BaseType(const sql::TypeName& type) {
  const std::string& n = type.name;
  auto no_params = [&]() -> Status {
    if (!type.params.empty()) return Status::PlanError("type " + n + " takes no parameters");
    return Status::OK();
  };
  if (n == "BOOLEAN" || n == "BOOL" || n == "LOGICAL") {
    RETURN_NOT_OK(no_params());
    return a::Boolean();
  }
  if (n == "TINYINT" || n == "INT1") return a::Int8();
  if (n == "SMALLINT" || n == "INT2" || n == "SHORT") return a::Int16();
  if (n == "INT" || n == "INTEGER" || n == "INT4" || n == "SIGNED") return a::Int32();
  if (n == "BIGINT" || n == "INT8" || n == "LONG") return a::Int64();
  if (n == "UTINYINT" || n == "TINYINT UNSIGNED") return a::UInt8();
  if (n == "USMALLINT" || n == "SMALLINT UNSIGNED") return a::UInt16();
  if (n == "UINTEGER" || n == "INT UNSIGNED" || n == "INTEGER UNSIGNED") return a::UInt32();
  if (n == "UBIGINT" || n == "BIGINT UNSIGNED") return a::UInt64();
  if (n == "REAL" || n == "FLOAT4") return a::Float32();
  if (n == "FLOAT") {
    // FLOAT(p): single precision up to 24 bits of mantissa, as PostgreSQL.
    if (!type.params.empty()) {
      ASSIGN_OR_RAISE(int32_t p, Param(type, 0));
      return p <= 24 ? a::Float32() : a::Float64();
    }
    return a::Float64();
  }
  if (n == "DOUBLE" || n == "DOUBLE PRECISION" || n == "FLOAT8") return a::Float64();
  if (n == "DECIMAL" || n == "NUMERIC" || n == "DEC") {
    int32_t precision = 18, scale = 3;
    if (type.params.size() >= 1) {
      ASSIGN_OR_RAISE(precision, Param(type, 0));
      scale = 0;
    }
    if (type.params.size() >= 2) {
      ASSIGN_OR_RAISE(scale, Param(type, 1));
    }
    if (type.params.size() > 2) return Status::PlanError("DECIMAL takes at most two parameters");
    if (precision < 1 || precision > 38) {
      return Status::PlanError("DECIMAL precision " + std::to_string(precision) +
                               " is out of range 1..38");
    }
    if (scale > precision) {
      return Status::PlanError("DECIMAL scale " + std::to_string(scale) +
                               " is larger than its precision " + std::to_string(precision));
    }
    return a::Decimal128(precision, scale);
  }
  if (n == "VARCHAR" || n == "TEXT" || n == "STRING" || n == "CHAR" || n == "CHARACTER" ||
      n == "CHARACTER VARYING" || n == "CHAR VARYING" || n == "BPCHAR" || n == "NVARCHAR" ||
      n == "NCHAR") {
    return a::Utf8();
  }
  if (n == "BLOB" || n == "BYTEA" || n == "BINARY" || n == "VARBINARY" || n == "BYTES") {
    return a::Binary();
  }
  if (n == "DATE") return a::Date32();
  if (n == "TIME") return a::Time64(a::TimeUnit::kMicro);
  if (n == "TIMESTAMP" || n == "DATETIME") {
    if (type.time_zone == sql::TimeZoneSpec::kWith) return a::Timestamp(a::TimeUnit::kMicro, "UTC");
    return a::Timestamp(a::TimeUnit::kMicro);
  }
  if (n == "TIMESTAMPTZ") return a::Timestamp(a::TimeUnit::kMicro, "UTC");
  if (n == "TIMESTAMP_S") return a::Timestamp(a::TimeUnit::kSecond);
  if (n == "TIMESTAMP_MS") return a::Timestamp(a::TimeUnit::kMilli);
  if (n == "TIMESTAMP_NS") return a::Timestamp(a::TimeUnit::kNano);
  if (n == "INTERVAL") return a::IntervalMonthDayNano();
  return Status::PlanError("unknown type \"" + n + "\"");
}

}  // namespace

Result<a::DataTypePtr> ResolveTypeName(const sql::TypeName& type) {
  ASSIGN_OR_RAISE(auto base, BaseType(type));
  for (int32_t i = 0; i < type.array_dims; ++i) base = a::List(base);
  return base;
}

}  // namespace ballista::logical
