#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ballista/sql/ast_common.h"
#include "ballista/sql/ast_expr.h"
#include "ballista/sql/ast_query.h"

namespace ballista::sql {

/// Which node a Statement is.
enum class StatementKind : uint8_t {
  kQuery,
  kCreateTable,
  kCreateView,
  kDrop,
  kInsert,
  kCopy,
  kExplain,
  kShowTables,
  kShowColumns,
  kShowFunctions,
  kShowVariable,
  kSetVariable,
  kDescribe,
  kPrepare,
  kExecute,
  kDeallocate,
};

/// One SQL statement. Immutable once parsed; `pos` (ignored by Equals) is where it starts.
class Statement {
 public:
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  virtual ~Statement() = default;

  /// A deep copy, positions included.
  virtual StatementPtr Clone() const = 0;
  /// Structural equality ignoring positions.
  virtual bool Equals(const Statement& other) const = 0;

  /// The node as its concrete type; the caller has checked `kind`.
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  const StatementKind kind;
  SourcePos pos;

 protected:
  explicit Statement(StatementKind k) : kind(k) {}
};

bool StatementEquals(const StatementPtr& a, const StatementPtr& b);

/// A query run for its rows.
struct QueryStatement final : Statement {
  explicit QueryStatement(QueryPtr q) : Statement(StatementKind::kQuery), query(std::move(q)) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  QueryPtr query;
};

enum class Nullability : uint8_t { kUnspecified, kNull, kNotNull };

/// A column of CREATE TABLE: name type [NULL | NOT NULL] [DEFAULT expr].
struct ColumnDef {
  Ident name;
  TypeName type;
  Nullability nullability = Nullability::kUnspecified;
  ExprPtr default_value;  ///< may be null
  SourcePos pos;

  ColumnDef Clone() const;
  bool Equals(const ColumnDef& other) const;
};

/// A column of PARTITIONED BY: a name, with a type when the column is not in the column list.
struct PartitionColumn {
  Ident name;
  std::optional<TypeName> type;

  bool operator==(const PartitionColumn& other) const = default;
};

/// 'key' value in OPTIONS (...). Dotted keys written without quotes (format.delimiter) are
/// joined with '.'; the value is a literal or a bare word (a ColumnRefExpr).
struct OptionEntry {
  std::string key;
  ExprPtr value;

  OptionEntry Clone() const;
  bool Equals(const OptionEntry& other) const;
};
std::vector<OptionEntry> CloneOptions(const std::vector<OptionEntry>& options);
bool OptionsEqual(const std::vector<OptionEntry>& a, const std::vector<OptionEntry>& b);

/// CREATE [OR REPLACE] [EXTERNAL] TABLE [IF NOT EXISTS] name [(columns)] followed, for
/// external tables, by STORED AS / PARTITIONED BY / WITH HEADER ROW / LOCATION / OPTIONS in any
/// order, or, for other tables, by an optional AS query.
struct CreateTableStatement final : Statement {
  CreateTableStatement() : Statement(StatementKind::kCreateTable) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  bool or_replace = false;
  bool external = false;
  bool if_not_exists = false;
  ObjectName name;
  std::vector<ColumnDef> columns;
  std::optional<std::string> stored_as;  ///< upper case when written as a word (PARQUET)
  std::vector<PartitionColumn> partitioned_by;
  bool with_header_row = false;
  std::optional<std::string> location;
  std::vector<OptionEntry> options;
  QueryPtr as_query;  ///< may be null
};

/// CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name [(cols)] AS query.
struct CreateViewStatement final : Statement {
  CreateViewStatement() : Statement(StatementKind::kCreateView) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  bool or_replace = false;
  bool if_not_exists = false;
  ObjectName name;
  std::vector<Ident> columns;
  QueryPtr query;
};

enum class ObjectKind : uint8_t { kTable, kView };

/// DROP TABLE | VIEW [IF EXISTS] name.
struct DropStatement final : Statement {
  DropStatement() : Statement(StatementKind::kDrop) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  ObjectKind object_kind = ObjectKind::kTable;
  bool if_exists = false;
  ObjectName name;
};

/// INSERT INTO table [(cols)] query (VALUES or SELECT).
struct InsertStatement final : Statement {
  InsertStatement() : Statement(StatementKind::kInsert) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  ObjectName table;
  std::vector<Ident> columns;
  QueryPtr source;
};

/// COPY table | (query) TO 'path' [STORED AS fmt] [PARTITIONED BY (cols)] [OPTIONS (...)].
/// Exactly one of `table` (non-empty) and `query` is set.
struct CopyStatement final : Statement {
  CopyStatement() : Statement(StatementKind::kCopy) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  ObjectName table;
  QueryPtr query;
  std::string target;
  std::optional<std::string> stored_as;
  std::vector<Ident> partitioned_by;
  std::vector<OptionEntry> options;
};

/// EXPLAIN [ANALYZE] [VERBOSE] statement.
struct ExplainStatement final : Statement {
  explicit ExplainStatement(StatementPtr s)
      : Statement(StatementKind::kExplain), statement(std::move(s)) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  bool analyze = false;
  bool verbose = false;
  StatementPtr statement;
};

/// SHOW TABLES.
struct ShowTablesStatement final : Statement {
  ShowTablesStatement() : Statement(StatementKind::kShowTables) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;
};

/// SHOW COLUMNS FROM table.
struct ShowColumnsStatement final : Statement {
  explicit ShowColumnsStatement(ObjectName t)
      : Statement(StatementKind::kShowColumns), table(std::move(t)) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  ObjectName table;
};

/// SHOW FUNCTIONS [LIKE 'pattern'].
struct ShowFunctionsStatement final : Statement {
  ShowFunctionsStatement() : Statement(StatementKind::kShowFunctions) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  std::optional<std::string> like_pattern;
};

/// SHOW name (a setting such as datafusion.execution.batch_size) or SHOW ALL (empty name).
struct ShowVariableStatement final : Statement {
  explicit ShowVariableStatement(ObjectName n)
      : Statement(StatementKind::kShowVariable), name(std::move(n)) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  ObjectName name;  ///< empty for SHOW ALL
};

/// SET name = value (also written SET name TO value).
struct SetVariableStatement final : Statement {
  SetVariableStatement(ObjectName n, ExprPtr v)
      : Statement(StatementKind::kSetVariable), name(std::move(n)), value(std::move(v)) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  ObjectName name;
  ExprPtr value;
};

/// DESCRIBE table.
struct DescribeStatement final : Statement {
  explicit DescribeStatement(ObjectName t)
      : Statement(StatementKind::kDescribe), table(std::move(t)) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  ObjectName table;
};

/// PREPARE name [(types)] AS statement.
struct PrepareStatement final : Statement {
  PrepareStatement(Ident n, StatementPtr s)
      : Statement(StatementKind::kPrepare), name(std::move(n)), statement(std::move(s)) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  Ident name;
  std::vector<TypeName> param_types;
  StatementPtr statement;
};

/// EXECUTE name [(args)].
struct ExecuteStatement final : Statement {
  explicit ExecuteStatement(Ident n) : Statement(StatementKind::kExecute), name(std::move(n)) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  Ident name;
  ExprList args;
};

/// DEALLOCATE [PREPARE] name.
struct DeallocateStatement final : Statement {
  explicit DeallocateStatement(Ident n)
      : Statement(StatementKind::kDeallocate), name(std::move(n)) {}
  StatementPtr Clone() const override;
  bool Equals(const Statement& other) const override;

  Ident name;
};

}  // namespace ballista::sql
