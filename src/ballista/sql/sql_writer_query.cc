#include <string>

#include "ballista/sql/precedence.h"
#include "ballista/sql/sql_printer.h"
#include "ballista/sql/sql_writer.h"

namespace ballista::sql {
namespace {

int SetOpPrecedence(SetOp op) { return op == SetOp::kIntersect ? 2 : 1; }

std::string_view JoinKeyword(JoinKind kind) {
  switch (kind) {
    case JoinKind::kInner:
      return "JOIN";
    case JoinKind::kLeft:
      return "LEFT JOIN";
    case JoinKind::kRight:
      return "RIGHT JOIN";
    case JoinKind::kFull:
      return "FULL JOIN";
    case JoinKind::kCross:
      return "CROSS JOIN";
    case JoinKind::kLeftSemi:
      return "LEFT SEMI JOIN";
    case JoinKind::kLeftAnti:
      return "LEFT ANTI JOIN";
    case JoinKind::kRightSemi:
      return "RIGHT SEMI JOIN";
    case JoinKind::kRightAnti:
      return "RIGHT ANTI JOIN";
  }
  return "JOIN";
}

bool IsPlainUpperWord(const std::string& word) {
  if (word.empty()) return false;
  if (!((word[0] >= 'A' && word[0] <= 'Z') || word[0] == '_')) return false;
  for (char c : word) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

std::string ToSql(const Statement& statement) {
  SqlWriter writer;
  writer.WriteStatement(statement);
  return writer.Take();
}

std::string ToSql(const Query& query) {
  SqlWriter writer;
  writer.WriteQuery(query);
  return writer.Take();
}

std::string ToSql(const TableRef& table) {
  SqlWriter writer;
  writer.WriteTableRef(table);
  return writer.Take();
}

// --- Queries ---------------------------------------------------------------------------------

void SqlWriter::WriteQuery(const Query& query) {
  if (query.with) {
    Write(query.with->recursive ? "WITH RECURSIVE " : "WITH ");
    for (size_t i = 0; i < query.with->ctes.size(); ++i) {
      const Cte& cte = query.with->ctes[i];
      if (i > 0) Write(", ");
      // Strict quoting: a CTE named "recursive" must not read back as the keyword.
      WriteIdentStrict(cte.name);
      if (!cte.columns.empty()) {
        Write(" ");
        WriteIdentList(cte.columns);
      }
      Write(" AS ");
      WriteSubquery(*cte.query);
    }
    Write(" ");
  }
  WriteSetExpr(*query.body, 0);
  if (!query.order_by.empty()) {
    Write(" ORDER BY ");
    WriteOrderBy(query.order_by);
  }
  if (query.limit) {
    Write(" LIMIT ");
    WriteExpr(*query.limit);
  }
  if (query.offset) {
    Write(" OFFSET ");
    WriteExpr(*query.offset);
  }
}

void SqlWriter::WriteSetExpr(const SetExpr& body, int min_precedence) {
  switch (body.kind) {
    case SetExprKind::kSelect:
      WriteSelect(body.As<Select>());
      return;
    case SetExprKind::kValues: {
      const auto& values = body.As<Values>();
      Write("VALUES ");
      for (size_t i = 0; i < values.rows.size(); ++i) {
        if (i > 0) Write(", ");
        Write("(");
        WriteExprList(values.rows[i]);
        Write(")");
      }
      return;
    }
    case SetExprKind::kNested:
      WriteSubquery(*body.As<NestedQuery>().query);
      return;
    case SetExprKind::kSetOperation: {
      const auto& op = body.As<SetOperation>();
      int precedence = SetOpPrecedence(op.op);
      bool parens = precedence < min_precedence;
      if (parens) Write("(");
      WriteSetExpr(*op.left, precedence);
      switch (op.op) {
        case SetOp::kUnion:
          Write(" UNION");
          break;
        case SetOp::kIntersect:
          Write(" INTERSECT");
          break;
        case SetOp::kExcept:
          Write(" EXCEPT");
          break;
      }
      if (op.quantifier == SetQuantifier::kAll) Write(" ALL");
      if (op.quantifier == SetQuantifier::kDistinct) Write(" DISTINCT");
      Write(" ");
      WriteSetExpr(*op.right, precedence + 1);
      if (parens) Write(")");
      return;
    }
  }
}

void SqlWriter::WriteSelect(const Select& select) {
  Write("SELECT ");
  if (select.distinct == DistinctKind::kDistinct) Write("DISTINCT ");
  if (select.distinct == DistinctKind::kDistinctOn) {
    Write("DISTINCT ON (");
    WriteExprList(select.distinct_on);
    Write(") ");
  }
  for (size_t i = 0; i < select.items.size(); ++i) {
    if (i > 0) Write(", ");
    WriteExpr(*select.items[i].expr);
    if (select.items[i].alias) {
      Write(" AS ");
      WriteIdent(*select.items[i].alias);
    }
  }
  if (!select.from.empty()) {
    Write(" FROM ");
    for (size_t i = 0; i < select.from.size(); ++i) {
      if (i > 0) Write(", ");
      WriteTableRef(*select.from[i]);
    }
  }
  if (select.where) {
    Write(" WHERE ");
    WriteExpr(*select.where);
  }
  if (select.group_by_all) {
    Write(" GROUP BY ALL");
  } else if (!select.group_by.empty()) {
    Write(" GROUP BY ");
    WriteExprList(select.group_by);
  }
  if (select.having) {
    Write(" HAVING ");
    WriteExpr(*select.having);
  }
  if (!select.windows.empty()) {
    Write(" WINDOW ");
    for (size_t i = 0; i < select.windows.size(); ++i) {
      if (i > 0) Write(", ");
      WriteIdent(select.windows[i].name);
      Write(" AS ");
      WriteWindowSpec(select.windows[i].spec);
    }
  }
  if (select.qualify) {
    Write(" QUALIFY ");
    WriteExpr(*select.qualify);
  }
}

void SqlWriter::WriteTableAlias(const std::optional<TableAlias>& alias) {
  if (!alias) return;
  Write(" AS ");
  WriteIdent(alias->name);
  if (!alias->columns.empty()) {
    Write(" ");
    WriteIdentList(alias->columns);
  }
}

void SqlWriter::WriteTableRef(const TableRef& table) {
  switch (table.kind) {
    case TableRefKind::kNamed: {
      const auto& t = table.As<NamedTableRef>();
      WriteObjectName(t.name);
      WriteTableAlias(t.alias);
      return;
    }
    case TableRefKind::kFunction: {
      const auto& t = table.As<TableFunctionRef>();
      WriteObjectName(t.name);
      Write("(");
      WriteExprList(t.args);
      Write(")");
      WriteTableAlias(t.alias);
      return;
    }
    case TableRefKind::kFile: {
      const auto& t = table.As<FileTableRef>();
      Write(FormatStringLiteral(t.path));
      WriteTableAlias(t.alias);
      return;
    }
    case TableRefKind::kDerived: {
      const auto& t = table.As<DerivedTableRef>();
      if (t.lateral) Write("LATERAL ");
      WriteSubquery(*t.query);
      WriteTableAlias(t.alias);
      return;
    }
    case TableRefKind::kJoin: {
      const auto& t = table.As<JoinRef>();
      WriteTableRef(*t.left);
      Write(" ");
      if (t.natural) Write("NATURAL ");
      Write(JoinKeyword(t.join_kind));
      Write(" ");
      // Joins associate to the left; a join on the right needs its parentheses back.
      bool parens = t.right->kind == TableRefKind::kJoin;
      if (parens) Write("(");
      WriteTableRef(*t.right);
      if (parens) Write(")");
      if (t.on) {
        Write(" ON ");
        WriteExpr(*t.on);
      } else if (!t.using_columns.empty()) {
        Write(" USING ");
        WriteIdentList(t.using_columns);
      }
      return;
    }
  }
}

// --- Statements ------------------------------------------------------------------------------

void SqlWriter::WriteOptions(const std::vector<OptionEntry>& options) {
  Write("OPTIONS (");
  for (size_t i = 0; i < options.size(); ++i) {
    if (i > 0) Write(", ");
    Write(FormatStringLiteral(options[i].key));
    Write(" ");
    WriteExpr(*options[i].value);
  }
  Write(")");
}

void SqlWriter::WriteFormat(const std::string& format) {
  // The parser upper-cases bare words, so only upper-case words read back unchanged bare.
  if (IsPlainUpperWord(format)) {
    Write(format);
  } else {
    Write(FormatStringLiteral(format));
  }
}

void SqlWriter::WriteCreateTable(const CreateTableStatement& create) {
  Write("CREATE ");
  if (create.or_replace) Write("OR REPLACE ");
  if (create.external) Write("EXTERNAL ");
  Write("TABLE ");
  if (create.if_not_exists) Write("IF NOT EXISTS ");
  WriteObjectName(create.name);
  if (!create.columns.empty()) {
    Write(" (");
    for (size_t i = 0; i < create.columns.size(); ++i) {
      const ColumnDef& column = create.columns[i];
      if (i > 0) Write(", ");
      WriteIdent(column.name);
      Write(" ");
      Write(FormatTypeName(column.type));
      if (column.nullability == Nullability::kNotNull) Write(" NOT NULL");
      if (column.nullability == Nullability::kNull) Write(" NULL");
      if (column.default_value) {
        Write(" DEFAULT ");
        WriteExpr(*column.default_value, Precedence::kComparison + 1);
      }
    }
    Write(")");
  }
  if (create.stored_as) {
    Write(" STORED AS ");
    WriteFormat(*create.stored_as);
  }
  if (!create.partitioned_by.empty()) {
    Write(" PARTITIONED BY (");
    for (size_t i = 0; i < create.partitioned_by.size(); ++i) {
      if (i > 0) Write(", ");
      WriteIdent(create.partitioned_by[i].name);
      if (create.partitioned_by[i].type) {
        Write(" ");
        Write(FormatTypeName(*create.partitioned_by[i].type));
      }
    }
    Write(")");
  }
  if (create.with_header_row) Write(" WITH HEADER ROW");
  if (create.location) {
    Write(" LOCATION ");
    Write(FormatStringLiteral(*create.location));
  }
  if (!create.options.empty()) {
    Write(" ");
    WriteOptions(create.options);
  }
  if (create.as_query) {
    Write(" AS ");
    WriteQuery(*create.as_query);
  }
}

void SqlWriter::WriteCopy(const CopyStatement& copy) {
  Write("COPY ");
  if (copy.query) {
    WriteSubquery(*copy.query);
  } else {
    WriteObjectName(copy.table);
  }
  Write(" TO ");
  Write(FormatStringLiteral(copy.target));
  if (copy.stored_as) {
    Write(" STORED AS ");
    WriteFormat(*copy.stored_as);
  }
  if (!copy.partitioned_by.empty()) {
    Write(" PARTITIONED BY ");
    WriteIdentList(copy.partitioned_by);
  }
  if (!copy.options.empty()) {
    Write(" ");
    WriteOptions(copy.options);
  }
}

void SqlWriter::WriteStatement(const Statement& statement) {
  switch (statement.kind) {
    case StatementKind::kQuery:
      WriteQuery(*statement.As<QueryStatement>().query);
      return;
    case StatementKind::kCreateTable:
      WriteCreateTable(statement.As<CreateTableStatement>());
      return;
    case StatementKind::kCreateView: {
      const auto& s = statement.As<CreateViewStatement>();
      Write("CREATE ");
      if (s.or_replace) Write("OR REPLACE ");
      Write("VIEW ");
      if (s.if_not_exists) Write("IF NOT EXISTS ");
      WriteObjectName(s.name);
      if (!s.columns.empty()) {
        Write(" ");
        WriteIdentList(s.columns);
      }
      Write(" AS ");
      WriteQuery(*s.query);
      return;
    }
    case StatementKind::kDrop: {
      const auto& s = statement.As<DropStatement>();
      Write(s.object_kind == ObjectKind::kTable ? "DROP TABLE " : "DROP VIEW ");
      if (s.if_exists) Write("IF EXISTS ");
      WriteObjectName(s.name);
      return;
    }
    case StatementKind::kInsert: {
      const auto& s = statement.As<InsertStatement>();
      Write("INSERT INTO ");
      WriteObjectName(s.table);
      if (!s.columns.empty()) {
        Write(" ");
        WriteIdentList(s.columns);
      }
      Write(" ");
      WriteQuery(*s.source);
      return;
    }
    case StatementKind::kCopy:
      WriteCopy(statement.As<CopyStatement>());
      return;
    case StatementKind::kExplain: {
      const auto& s = statement.As<ExplainStatement>();
      Write("EXPLAIN ");
      if (s.analyze) Write("ANALYZE ");
      if (s.verbose) Write("VERBOSE ");
      WriteStatement(*s.statement);
      return;
    }
    case StatementKind::kShowTables:
      Write("SHOW TABLES");
      return;
    case StatementKind::kShowColumns:
      Write("SHOW COLUMNS FROM ");
      WriteObjectName(statement.As<ShowColumnsStatement>().table);
      return;
    case StatementKind::kShowFunctions: {
      const auto& s = statement.As<ShowFunctionsStatement>();
      Write("SHOW FUNCTIONS");
      if (s.like_pattern) {
        Write(" LIKE ");
        Write(FormatStringLiteral(*s.like_pattern));
      }
      return;
    }
    case StatementKind::kShowVariable: {
      const auto& s = statement.As<ShowVariableStatement>();
      if (s.name.empty()) {
        Write("SHOW ALL");
        return;
      }
      Write("SHOW ");
      // SHOW TABLES / COLUMNS / FUNCTIONS are statements of their own: quote such names.
      WriteIdentStrict(s.name[0]);
      for (size_t i = 1; i < s.name.size(); ++i) {
        Write(".");
        WriteIdent(s.name[i]);
      }
      return;
    }
    case StatementKind::kSetVariable: {
      const auto& s = statement.As<SetVariableStatement>();
      Write("SET ");
      WriteObjectName(s.name);
      Write(" = ");
      WriteExpr(*s.value);
      return;
    }
    case StatementKind::kDescribe:
      Write("DESCRIBE ");
      WriteObjectName(statement.As<DescribeStatement>().table);
      return;
    case StatementKind::kPrepare: {
      const auto& s = statement.As<PrepareStatement>();
      Write("PREPARE ");
      WriteIdent(s.name);
      if (!s.param_types.empty()) {
        Write(" (");
        for (size_t i = 0; i < s.param_types.size(); ++i) {
          if (i > 0) Write(", ");
          Write(FormatTypeName(s.param_types[i]));
        }
        Write(")");
      }
      Write(" AS ");
      WriteStatement(*s.statement);
      return;
    }
    case StatementKind::kExecute: {
      const auto& s = statement.As<ExecuteStatement>();
      Write("EXECUTE ");
      WriteIdent(s.name);
      if (!s.args.empty()) {
        Write("(");
        WriteExprList(s.args);
        Write(")");
      }
      return;
    }
    case StatementKind::kDeallocate:
      Write("DEALLOCATE ");
      WriteIdent(statement.As<DeallocateStatement>().name);
      return;
  }
}

}  // namespace ballista::sql
