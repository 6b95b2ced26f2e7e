#include <string>
#include <utility>

#include "ballista/sql/parser_core.h"
#include "ballista/sql/precedence.h"

namespace ballista::sql {
namespace {

template <typename T>
StatementPtr At(std::unique_ptr<T> node, SourcePos pos) {
  node->pos = pos;
  return node;
}

std::string ToUpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

Result<StatementPtr> Parser::ParseStatement() {
  NestingGuard guard(this);
  if (guard.TooDeep()) return ErrorAt(Peek(), "statement nested too deeply");
  const Token& start = Peek();
  SourcePos pos = start.pos;
  if (PeekQueryStart() || PeekIs(TokenKind::kLParen)) {
    ASSIGN_OR_RAISE(QueryPtr query, ParseQuery());
    return At(std::make_unique<QueryStatement>(std::move(query)), pos);
  }
  if (start.kind == TokenKind::kWord) {
    switch (start.keyword) {
      case Keyword::kCreate:
        return ParseCreate();
      case Keyword::kDrop:
        return ParseDrop();
      case Keyword::kInsert:
        return ParseInsert();
      case Keyword::kCopy:
        return ParseCopy();
      case Keyword::kExplain:
        return ParseExplain();
      case Keyword::kShow:
        return ParseShow();
      case Keyword::kSet:
        return ParseSet();
      case Keyword::kDescribe: {
        Next();
        ASSIGN_OR_RAISE(ObjectName table, ParseObjectName());
        return At(std::make_unique<DescribeStatement>(std::move(table)), pos);
      }
      case Keyword::kPrepare:
        return ParsePrepare();
      case Keyword::kExecute:
        return ParseExecute();
      case Keyword::kDeallocate: {
        Next();
        ConsumeKeyword(Keyword::kPrepare);
        ASSIGN_OR_RAISE(Ident name, ParseIdent());
        return At(std::make_unique<DeallocateStatement>(std::move(name)), pos);
      }
      default:
        break;
    }
  }
  return ErrorExpected("a statement");
}

// --- CREATE ----------------------------------------------------------------------------------

Result<StatementPtr> Parser::ParseCreate() {
  SourcePos pos = Next().pos;  // CREATE
  bool or_replace = false;
  if (ConsumeKeyword(Keyword::kOr)) {
    RETURN_NOT_OK(ExpectKeyword(Keyword::kReplace));
    or_replace = true;
  }
  StatementPtr statement;
  if (ConsumeKeyword(Keyword::kExternal)) {
    RETURN_NOT_OK(ExpectKeyword(Keyword::kTable));
    ASSIGN_OR_RAISE(statement, ParseCreateTable(or_replace, /*external=*/true));
  } else if (ConsumeKeyword(Keyword::kTable)) {
    ASSIGN_OR_RAISE(statement, ParseCreateTable(or_replace, /*external=*/false));
  } else if (ConsumeKeyword(Keyword::kView)) {
    ASSIGN_OR_RAISE(statement, ParseCreateView(or_replace));
  } else {
    return ErrorExpected("TABLE, EXTERNAL TABLE or VIEW");
  }
  statement->pos = pos;
  return statement;
}

Result<StatementPtr> Parser::ParseCreateTable(bool or_replace, bool external) {
  auto create = std::make_unique<CreateTableStatement>();
  create->or_replace = or_replace;
  create->external = external;
  if (ConsumeKeyword(Keyword::kIf)) {
    RETURN_NOT_OK(ExpectKeyword(Keyword::kNot));
    RETURN_NOT_OK(ExpectKeyword(Keyword::kExists));
    create->if_not_exists = true;
  }
  ASSIGN_OR_RAISE(create->name, ParseObjectName());
  if (ConsumeIf(TokenKind::kLParen)) {
    do {
      ASSIGN_OR_RAISE(ColumnDef column, ParseColumnDef());
      create->columns.push_back(std::move(column));
    } while (ConsumeIf(TokenKind::kComma));
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
  }
  if (!external) {
    if (ConsumeKeyword(Keyword::kAs)) {
      ASSIGN_OR_RAISE(create->as_query, ParseQuery());
    } else if (create->columns.empty()) {
      return ErrorExpected("'(' or AS");
    }
    return StatementPtr(std::move(create));
  }
  // The clauses of an external table may come in any order, each at most once.
  bool seen_partitioned = false;
  bool seen_options = false;
  while (true) {
    const Token& clause = Peek();
    auto duplicate = [&](std::string_view name) {
      return ErrorAt(clause, "duplicate " + std::string(name) + " clause");
    };
    if (ConsumeKeyword(Keyword::kStored)) {
      if (create->stored_as) return duplicate("STORED AS");
      RETURN_NOT_OK(ExpectKeyword(Keyword::kAs));
      ASSIGN_OR_RAISE(std::string format, ParseFormatName());
      create->stored_as = std::move(format);
    } else if (ConsumeKeyword(Keyword::kPartitioned)) {
      if (seen_partitioned) return duplicate("PARTITIONED BY");
      seen_partitioned = true;
      RETURN_NOT_OK(ExpectKeyword(Keyword::kBy));
      RETURN_NOT_OK(Expect(TokenKind::kLParen));
      do {
        PartitionColumn column;
        ASSIGN_OR_RAISE(column.name, ParseIdent());
        if (!PeekIs(TokenKind::kComma) && !PeekIs(TokenKind::kRParen)) {
          ASSIGN_OR_RAISE(TypeName type, ParseTypeName());
          column.type = std::move(type);
        }
        create->partitioned_by.push_back(std::move(column));
      } while (ConsumeIf(TokenKind::kComma));
      RETURN_NOT_OK(Expect(TokenKind::kRParen));
    } else if (ConsumeKeyword(Keyword::kLocation)) {
      if (create->location) return duplicate("LOCATION");
      if (!PeekIs(TokenKind::kString)) return ErrorExpected("a string");
      create->location = Next().value;
    } else if (ConsumeKeyword(Keyword::kOptions)) {
      if (seen_options) return duplicate("OPTIONS");
      seen_options = true;
      ASSIGN_OR_RAISE(create->options, ParseOptions());
    } else if (PeekKeyword(Keyword::kWith) && PeekKeyword(Keyword::kHeader, 1)) {
      if (create->with_header_row) return duplicate("WITH HEADER ROW");
      Next();
      Next();
      RETURN_NOT_OK(ExpectKeyword(Keyword::kRow));
      create->with_header_row = true;
    } else {
      break;
    }
  }
  if (!create->stored_as) return ErrorExpected("STORED AS");
  if (!create->location) return ErrorExpected("LOCATION");
  return StatementPtr(std::move(create));
}

Result<ColumnDef> Parser::ParseColumnDef() {
  ColumnDef column;
  column.pos = Peek().pos;
  ASSIGN_OR_RAISE(column.name, ParseIdent());
  ASSIGN_OR_RAISE(column.type, ParseTypeName());
  while (true) {
    if (ConsumeKeywords(Keyword::kNot, Keyword::kNull)) {
      column.nullability = Nullability::kNotNull;
    } else if (ConsumeKeyword(Keyword::kNull)) {
      column.nullability = Nullability::kNull;
    } else if (ConsumeKeyword(Keyword::kDefault)) {
      if (column.default_value) return ErrorAt(Peek(), "duplicate DEFAULT clause");
      ASSIGN_OR_RAISE(column.default_value, ParseExpr(Precedence::kComparison + 1));
    } else {
      break;
    }
  }
  return column;
}

Result<std::vector<OptionEntry>> Parser::ParseOptions() {
  RETURN_NOT_OK(Expect(TokenKind::kLParen));
  std::vector<OptionEntry> options;
  do {
    OptionEntry entry;
    if (PeekIs(TokenKind::kString)) {
      entry.key = Next().value;
    } else {
      // Unquoted keys may be dotted (format.delimiter) and may be keywords.
      ASSIGN_OR_RAISE(Ident part, ParseIdentOrKeyword());
      entry.key = part.value;
      while (ConsumeIf(TokenKind::kDot)) {
        ASSIGN_OR_RAISE(Ident next, ParseIdentOrKeyword());
        entry.key += '.';
        entry.key += next.value;
      }
    }
    const Token& value = Peek();
    if (value.kind == TokenKind::kString) {
      Next();
      entry.value = LiteralExpr::String(value.value);
    } else if (value.kind == TokenKind::kNumber) {
      Next();
      entry.value = LiteralExpr::Number(value.value);
    } else if ((value.kind == TokenKind::kMinus || value.kind == TokenKind::kPlus) &&
               PeekIs(TokenKind::kNumber, 1)) {
      Next();
      auto number = LiteralExpr::Number(Next().value);
      UnaryOp op = value.kind == TokenKind::kMinus ? UnaryOp::kMinus : UnaryOp::kPlus;
      entry.value = std::make_unique<UnaryExpr>(op, std::move(number));
    } else if (PeekKeyword(Keyword::kTrue) || PeekKeyword(Keyword::kFalse)) {
      entry.value = LiteralExpr::Boolean(Next().keyword == Keyword::kTrue);
    } else if (PeekKeyword(Keyword::kNull)) {
      Next();
      entry.value = LiteralExpr::Null();
    } else if (PeekIdentifier()) {
      ASSIGN_OR_RAISE(Ident word, ParseIdent());
      entry.value = std::make_unique<ColumnRefExpr>(ObjectName{std::move(word)});
    } else {
      return ErrorExpected("an option value");
    }
    entry.value->pos = value.pos;
    options.push_back(std::move(entry));
  } while (ConsumeIf(TokenKind::kComma));
  RETURN_NOT_OK(Expect(TokenKind::kRParen));
  return options;
}

Result<std::string> Parser::ParseFormatName() {
  const Token& token = Peek();
  if (token.kind == TokenKind::kWord) {
    Next();
    return ToUpperAscii(token.value);
  }
  if (token.kind == TokenKind::kString || token.kind == TokenKind::kQuotedIdentifier) {
    Next();
    return token.value;
  }
  return ErrorExpected("a file format");
}

Result<StatementPtr> Parser::ParseCreateView(bool or_replace) {
  auto create = std::make_unique<CreateViewStatement>();
  create->or_replace = or_replace;
  if (ConsumeKeyword(Keyword::kIf)) {
    RETURN_NOT_OK(ExpectKeyword(Keyword::kNot));
    RETURN_NOT_OK(ExpectKeyword(Keyword::kExists));
    create->if_not_exists = true;
  }
  ASSIGN_OR_RAISE(create->name, ParseObjectName());
  if (PeekIs(TokenKind::kLParen)) {
    ASSIGN_OR_RAISE(create->columns, ParseParenIdentList());
  }
  RETURN_NOT_OK(ExpectKeyword(Keyword::kAs));
  ASSIGN_OR_RAISE(create->query, ParseQuery());
  return StatementPtr(std::move(create));
}

// --- Other statements ------------------------------------------------------------------------

Result<StatementPtr> Parser::ParseDrop() {
  SourcePos pos = Next().pos;  // DROP
  auto drop = std::make_unique<DropStatement>();
  if (ConsumeKeyword(Keyword::kTable)) {
    drop->object_kind = ObjectKind::kTable;
  } else if (ConsumeKeyword(Keyword::kView)) {
    drop->object_kind = ObjectKind::kView;
  } else {
    return ErrorExpected("TABLE or VIEW");
  }
  if (ConsumeKeyword(Keyword::kIf)) {
    RETURN_NOT_OK(ExpectKeyword(Keyword::kExists));
    drop->if_exists = true;
  }
  ASSIGN_OR_RAISE(drop->name, ParseObjectName());
  return At(std::move(drop), pos);
}

Result<StatementPtr> Parser::ParseInsert() {
  SourcePos pos = Next().pos;  // INSERT
  RETURN_NOT_OK(ExpectKeyword(Keyword::kInto));
  auto insert = std::make_unique<InsertStatement>();
  ASSIGN_OR_RAISE(insert->table, ParseObjectName());
  // "(" starts either the column list or a parenthesized query.
  if (PeekIs(TokenKind::kLParen) && !PeekQueryStart(1) && !PeekIs(TokenKind::kLParen, 1)) {
    ASSIGN_OR_RAISE(insert->columns, ParseParenIdentList());
  }
  if (!PeekQueryStart() && !PeekIs(TokenKind::kLParen)) return ErrorExpected("SELECT or VALUES");
  ASSIGN_OR_RAISE(insert->source, ParseQuery());
  return At(std::move(insert), pos);
}

Result<StatementPtr> Parser::ParseCopy() {
  SourcePos pos = Next().pos;  // COPY
  auto copy = std::make_unique<CopyStatement>();
  if (ConsumeIf(TokenKind::kLParen)) {
    ASSIGN_OR_RAISE(copy->query, ParseQuery());
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
  } else {
    ASSIGN_OR_RAISE(copy->table, ParseObjectName());
  }
  RETURN_NOT_OK(ExpectKeyword(Keyword::kTo));
  if (!PeekIs(TokenKind::kString)) return ErrorExpected("a string");
  copy->target = Next().value;
  bool seen_partitioned = false;
  bool seen_options = false;
  while (true) {
    const Token& clause = Peek();
    auto duplicate = [&](std::string_view name) {
      return ErrorAt(clause, "duplicate " + std::string(name) + " clause");
    };
    if (ConsumeKeyword(Keyword::kStored)) {
      if (copy->stored_as) return duplicate("STORED AS");
      RETURN_NOT_OK(ExpectKeyword(Keyword::kAs));
      ASSIGN_OR_RAISE(std::string format, ParseFormatName());
      copy->stored_as = std::move(format);
    } else if (ConsumeKeyword(Keyword::kPartitioned)) {
      if (seen_partitioned) return duplicate("PARTITIONED BY");
      seen_partitioned = true;
      RETURN_NOT_OK(ExpectKeyword(Keyword::kBy));
      ASSIGN_OR_RAISE(copy->partitioned_by, ParseParenIdentList());
    } else if (ConsumeKeyword(Keyword::kOptions)) {
      if (seen_options) return duplicate("OPTIONS");
      seen_options = true;
      ASSIGN_OR_RAISE(copy->options, ParseOptions());
    } else {
      break;
    }
  }
  return At(std::move(copy), pos);
}

Result<StatementPtr> Parser::ParseExplain() {
  SourcePos pos = Next().pos;  // EXPLAIN
  bool analyze = ConsumeKeyword(Keyword::kAnalyze);
  bool verbose = ConsumeKeyword(Keyword::kVerbose);
  ASSIGN_OR_RAISE(StatementPtr statement, ParseStatement());
  auto explain = std::make_unique<ExplainStatement>(std::move(statement));
  explain->analyze = analyze;
  explain->verbose = verbose;
  return At(std::move(explain), pos);
}

Result<StatementPtr> Parser::ParseShow() {
  SourcePos pos = Next().pos;  // SHOW
  if (ConsumeKeyword(Keyword::kTables)) return At(std::make_unique<ShowTablesStatement>(), pos);
  if (ConsumeKeyword(Keyword::kColumns)) {
    if (!ConsumeKeyword(Keyword::kFrom) && !ConsumeKeyword(Keyword::kIn)) {
      return ErrorExpected("FROM or IN");
    }
    ASSIGN_OR_RAISE(ObjectName table, ParseObjectName());
    return At(std::make_unique<ShowColumnsStatement>(std::move(table)), pos);
  }
  if (ConsumeKeyword(Keyword::kFunctions)) {
    auto show = std::make_unique<ShowFunctionsStatement>();
    if (ConsumeKeyword(Keyword::kLike)) {
      if (!PeekIs(TokenKind::kString)) return ErrorExpected("a string");
      show->like_pattern = Next().value;
    }
    return At(std::move(show), pos);
  }
  if (ConsumeKeyword(Keyword::kAll))
    return At(std::make_unique<ShowVariableStatement>(ObjectName{}), pos);
  ASSIGN_OR_RAISE(ObjectName name, ParseObjectName());
  return At(std::make_unique<ShowVariableStatement>(std::move(name)), pos);
}

Result<StatementPtr> Parser::ParseSet() {
  SourcePos pos = Next().pos;  // SET
  ASSIGN_OR_RAISE(ObjectName name, ParseObjectName());
  if (!ConsumeIf(TokenKind::kEq) && !ConsumeKeyword(Keyword::kTo))
    return ErrorExpected("'=' or TO");
  ASSIGN_OR_RAISE(ExprPtr value, ParseExpr());
  return At(std::make_unique<SetVariableStatement>(std::move(name), std::move(value)), pos);
}

Result<StatementPtr> Parser::ParsePrepare() {
  SourcePos pos = Next().pos;  // PREPARE
  ASSIGN_OR_RAISE(Ident name, ParseIdent());
  std::vector<TypeName> types;
  if (ConsumeIf(TokenKind::kLParen)) {
    do {
      ASSIGN_OR_RAISE(TypeName type, ParseTypeName());
      types.push_back(std::move(type));
    } while (ConsumeIf(TokenKind::kComma));
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
  }
  RETURN_NOT_OK(ExpectKeyword(Keyword::kAs));
  ASSIGN_OR_RAISE(StatementPtr statement, ParseStatement());
  auto prepare = std::make_unique<PrepareStatement>(std::move(name), std::move(statement));
  prepare->param_types = std::move(types);
  return At(std::move(prepare), pos);
}

Result<StatementPtr> Parser::ParseExecute() {
  SourcePos pos = Next().pos;  // EXECUTE
  ASSIGN_OR_RAISE(Ident name, ParseIdent());
  auto execute = std::make_unique<ExecuteStatement>(std::move(name));
  if (ConsumeIf(TokenKind::kLParen)) {
    if (!PeekIs(TokenKind::kRParen)) {
      ASSIGN_OR_RAISE(execute->args, ParseExprList());
    }
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
  }
  return At(std::move(execute), pos);
}

}  // namespace ballista::sql
