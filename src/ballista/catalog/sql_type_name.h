#pragma once

#include <string>

#include "ballista/arrow/type.h"

namespace ballista::catalog {

/// The SQL name of an engine type as DuckDB and PostgreSQL print it: BIGINT, INTEGER, DOUBLE,
/// DECIMAL(15,2), VARCHAR, DATE, TIMESTAMP, TIMESTAMP WITH TIME ZONE, INTERVAL, BOOLEAN,
/// INTEGER[], STRUCT(a INTEGER, b VARCHAR), MAP(VARCHAR, INTEGER). Used by information_schema,
/// DESCRIBE and error messages.
std::string SqlTypeName(const arrow::DataType& type);

}  // namespace ballista::catalog
