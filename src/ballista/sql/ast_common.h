#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ballista/sql/token.h"

namespace ballista::sql {

/// An identifier as written. Unquoted names are folded to lower case by the lexer; quoted names
/// keep their case. Equality compares only the name: `"abc"` and `abc` denote the same object.
struct Ident {
  std::string value;
  bool quoted = false;

  bool operator==(const Ident& other) const { return value == other.value; }
};

/// A possibly qualified name: `catalog.schema.table`, `t.col`, `my_schema.my_function`.
using ObjectName = std::vector<Ident>;

/// Whether a time or timestamp type carries a time zone, as written.
enum class TimeZoneSpec : uint8_t { kUnspecified, kWith, kWithout };

/// A data type as written in the SQL text (`DECIMAL(15, 2)`, `VARCHAR`, `TIMESTAMP WITH TIME
/// ZONE`, `INT[]`). Purely syntactic: the binder maps names to engine types, so an unknown name
/// is not a syntax error.
struct TypeName {
  /// Upper-case words of the name, separated by one space ("DOUBLE PRECISION", "INT UNSIGNED").
  std::string name;
  /// Parameters as written, in order ("15", "2"); empty when the type had no parentheses.
  std::vector<std::string> params;
  TimeZoneSpec time_zone = TimeZoneSpec::kUnspecified;
  /// Number of `[]` suffixes (array nesting).
  int32_t array_dims = 0;

  bool operator==(const TypeName& other) const = default;
};

class Expr;
class SetExpr;
class TableRef;
class Statement;
struct Query;

using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;
using SetExprPtr = std::unique_ptr<SetExpr>;
using TableRefPtr = std::unique_ptr<TableRef>;
using QueryPtr = std::unique_ptr<Query>;
using StatementPtr = std::unique_ptr<Statement>;

}  // namespace ballista::sql
