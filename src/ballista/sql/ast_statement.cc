#include "ballista/sql/ast_statement.h"

namespace ballista::sql {
namespace {

template <typename T>
StatementPtr Positioned(std::unique_ptr<T> node, SourcePos pos) {
  node->pos = pos;
  return node;
}

template <typename T>
const T* SameKind(const T& self, const Statement& other) {
  if (other.kind != self.kind) return nullptr;
  return &other.As<T>();
}

QueryPtr CloneQuery(const QueryPtr& q) { return q ? q->Clone() : nullptr; }

}  // namespace

bool StatementEquals(const StatementPtr& a, const StatementPtr& b) {
  if (!a || !b) return !a && !b;
  return a->Equals(*b);
}

StatementPtr QueryStatement::Clone() const {
  return Positioned(std::make_unique<QueryStatement>(query->Clone()), pos);
}
bool QueryStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  return o && QueryEquals(query, o->query);
}

ColumnDef ColumnDef::Clone() const {
  return ColumnDef{name, type, nullability, CloneExpr(default_value), pos};
}
bool ColumnDef::Equals(const ColumnDef& other) const {
  return name == other.name && type == other.type && nullability == other.nullability &&
         ExprEquals(default_value, other.default_value);
}

OptionEntry OptionEntry::Clone() const { return OptionEntry{key, CloneExpr(value)}; }
bool OptionEntry::Equals(const OptionEntry& other) const {
  return key == other.key && ExprEquals(value, other.value);
}

std::vector<OptionEntry> CloneOptions(const std::vector<OptionEntry>& options) {
  std::vector<OptionEntry> out;
  out.reserve(options.size());
  for (const auto& o : options) out.push_back(o.Clone());
  return out;
}

bool OptionsEqual(const std::vector<OptionEntry>& a, const std::vector<OptionEntry>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a[i].Equals(b[i])) return false;
  }
  return true;
}

StatementPtr CreateTableStatement::Clone() const {
  auto out = std::make_unique<CreateTableStatement>();
  out->or_replace = or_replace;
  out->external = external;
  out->if_not_exists = if_not_exists;
  out->name = name;
  for (const auto& c : columns) out->columns.push_back(c.Clone());
  out->stored_as = stored_as;
  out->partitioned_by = partitioned_by;
  out->with_header_row = with_header_row;
  out->location = location;
  out->options = CloneOptions(options);
  out->as_query = CloneQuery(as_query);
  return Positioned(std::move(out), pos);
}
bool CreateTableStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  if (!o || or_replace != o->or_replace || external != o->external ||
      if_not_exists != o->if_not_exists || name != o->name || stored_as != o->stored_as ||
      partitioned_by != o->partitioned_by || with_header_row != o->with_header_row ||
      location != o->location || columns.size() != o->columns.size()) {
    return false;
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    if (!columns[i].Equals(o->columns[i])) return false;
  }
  return OptionsEqual(options, o->options) && QueryEquals(as_query, o->as_query);
}

StatementPtr CreateViewStatement::Clone() const {
  auto out = std::make_unique<CreateViewStatement>();
  out->or_replace = or_replace;
  out->if_not_exists = if_not_exists;
  out->name = name;
  out->columns = columns;
  out->query = CloneQuery(query);
  return Positioned(std::move(out), pos);
}
bool CreateViewStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  return o && or_replace == o->or_replace && if_not_exists == o->if_not_exists && name == o->name &&
         columns == o->columns && QueryEquals(query, o->query);
}

StatementPtr DropStatement::Clone() const {
  auto out = std::make_unique<DropStatement>();
  out->object_kind = object_kind;
  out->if_exists = if_exists;
  out->name = name;
  return Positioned(std::move(out), pos);
}
bool DropStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  return o && object_kind == o->object_kind && if_exists == o->if_exists && name == o->name;
}

StatementPtr InsertStatement::Clone() const {
  auto out = std::make_unique<InsertStatement>();
  out->table = table;
  out->columns = columns;
  out->source = CloneQuery(source);
  return Positioned(std::move(out), pos);
}
bool InsertStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  return o && table == o->table && columns == o->columns && QueryEquals(source, o->source);
}

StatementPtr CopyStatement::Clone() const {
  auto out = std::make_unique<CopyStatement>();
  out->table = table;
  out->query = CloneQuery(query);
  out->target = target;
  out->stored_as = stored_as;
  out->partitioned_by = partitioned_by;
  out->options = CloneOptions(options);
  return Positioned(std::move(out), pos);
}
bool CopyStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  return o && table == o->table && QueryEquals(query, o->query) && target == o->target &&
         stored_as == o->stored_as && partitioned_by == o->partitioned_by &&
         OptionsEqual(options, o->options);
}

StatementPtr ExplainStatement::Clone() const {
  auto out = std::make_unique<ExplainStatement>(statement->Clone());
  out->analyze = analyze;
  out->verbose = verbose;
  return Positioned(std::move(out), pos);
}
bool ExplainStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  return o && analyze == o->analyze && verbose == o->verbose &&
         StatementEquals(statement, o->statement);
}

StatementPtr ShowTablesStatement::Clone() const {
  return Positioned(std::make_unique<ShowTablesStatement>(), pos);
}
bool ShowTablesStatement::Equals(const Statement& other) const {
  return SameKind(*this, other) != nullptr;
}

StatementPtr ShowColumnsStatement::Clone() const {
  return Positioned(std::make_unique<ShowColumnsStatement>(table), pos);
}
bool ShowColumnsStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  return o && table == o->table;
}

StatementPtr ShowFunctionsStatement::Clone() const {
  auto out = std::make_unique<ShowFunctionsStatement>();
  out->like_pattern = like_pattern;
  return Positioned(std::move(out), pos);
}
bool ShowFunctionsStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  return o && like_pattern == o->like_pattern;
}

StatementPtr ShowVariableStatement::Clone() const {
  return Positioned(std::make_unique<ShowVariableStatement>(name), pos);
}
bool ShowVariableStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  return o && name == o->name;
}

StatementPtr SetVariableStatement::Clone() const {
  return Positioned(std::make_unique<SetVariableStatement>(name, CloneExpr(value)), pos);
}
bool SetVariableStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  return o && name == o->name && ExprEquals(value, o->value);
}

StatementPtr DescribeStatement::Clone() const {
  return Positioned(std::make_unique<DescribeStatement>(table), pos);
}
bool DescribeStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  return o && table == o->table;
}

StatementPtr PrepareStatement::Clone() const {
  auto out = std::make_unique<PrepareStatement>(name, statement->Clone());
  out->param_types = param_types;
  return Positioned(std::move(out), pos);
}
bool PrepareStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  return o && name == o->name && param_types == o->param_types &&
         StatementEquals(statement, o->statement);
}

StatementPtr ExecuteStatement::Clone() const {
  auto out = std::make_unique<ExecuteStatement>(name);
  out->args = CloneExprList(args);
  return Positioned(std::move(out), pos);
}
bool ExecuteStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  return o && name == o->name && ExprListEquals(args, o->args);
}

StatementPtr DeallocateStatement::Clone() const {
  return Positioned(std::make_unique<DeallocateStatement>(name), pos);
}
bool DeallocateStatement::Equals(const Statement& other) const {
  auto* o = SameKind(*this, other);
  return o && name == o->name;
}

}  // namespace ballista::sql
