#include <algorithm>
#include <utility>

#include "ballista/sql/parser_core.h"

namespace ballista::sql {
namespace {

template <typename T>
TableRefPtr At(std::unique_ptr<T> node, SourcePos pos) {
  node->pos = pos;
  return node;
}

}  // namespace

// --- Query structure -------------------------------------------------------------------------

Result<QueryPtr> Parser::ParseQuery() {
  NestingGuard guard(this);
  if (guard.TooDeep()) return ErrorAt(Peek(), "query nested too deeply");
  auto query = std::make_unique<Query>();
  if (PeekKeyword(Keyword::kWith)) {
    ASSIGN_OR_RAISE(WithClause with, ParseWith());
    query->with = std::move(with);
  }
  ASSIGN_OR_RAISE(query->body, ParseSetExpr(0));
  RETURN_NOT_OK(ParseQueryTail(query.get()));
  return query;
}

Result<WithClause> Parser::ParseWith() {
  Next();  // WITH
  WithClause with;
  with.recursive = ConsumeKeyword(Keyword::kRecursive);
  do {
    Cte cte;
    ASSIGN_OR_RAISE(cte.name, ParseIdent());
    if (PeekIs(TokenKind::kLParen)) {
      ASSIGN_OR_RAISE(cte.columns, ParseParenIdentList());
    }
    RETURN_NOT_OK(ExpectKeyword(Keyword::kAs));
    RETURN_NOT_OK(Expect(TokenKind::kLParen));
    ASSIGN_OR_RAISE(cte.query, ParseQuery());
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
    with.ctes.push_back(std::move(cte));
  } while (ConsumeIf(TokenKind::kComma));
  return with;
}

Result<SetExprPtr> Parser::ParseSetExpr(int min_precedence) {
  int saved_height = height_;
  height_ = 0;
  ASSIGN_OR_RAISE(SetExprPtr left, ParseSetPrimary());
  ASSIGN_OR_RAISE(left, ParseSetOpChain(std::move(left), min_precedence));
  height_ = std::max(saved_height, height_);
  return left;
}

Result<SetExprPtr> Parser::ParseSetOpChain(SetExprPtr left, int min_precedence) {
  int height = height_ + 1;
  while (true) {
    SetOp op;
    int precedence;
    // INTERSECT binds tighter than UNION and EXCEPT, as in the SQL standard.
    if (PeekKeyword(Keyword::kUnion)) {
      op = SetOp::kUnion;
      precedence = 1;
    } else if (PeekKeyword(Keyword::kExcept)) {
      op = SetOp::kExcept;
      precedence = 1;
    } else if (PeekKeyword(Keyword::kIntersect)) {
      op = SetOp::kIntersect;
      precedence = 2;
    } else {
      break;
    }
    if (precedence < min_precedence) break;
    const Token& op_token = Next();
    SetQuantifier quantifier = SetQuantifier::kNone;
    if (ConsumeKeyword(Keyword::kAll)) {
      quantifier = SetQuantifier::kAll;
    } else if (ConsumeKeyword(Keyword::kDistinct)) {
      quantifier = SetQuantifier::kDistinct;
    }
    height_ = 0;
    ASSIGN_OR_RAISE(SetExprPtr right, ParseSetExpr(precedence + 1));
    height = std::max(height, height_) + 1;
    RETURN_NOT_OK(NoteHeight(height, op_token, "query"));
    left = std::make_unique<SetOperation>(op, quantifier, std::move(left), std::move(right));
  }
  height_ = height;
  return left;
}

Result<SetExprPtr> Parser::ParseSetPrimary() {
  if (PeekKeyword(Keyword::kSelect)) return ParseSelect();
  if (PeekKeyword(Keyword::kValues)) return ParseValues();
  if (PeekIs(TokenKind::kLParen)) {
    Next();
    ASSIGN_OR_RAISE(QueryPtr query, ParseQuery());
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
    if (query->IsBareBody()) return std::move(query->body);
    return SetExprPtr(std::make_unique<NestedQuery>(std::move(query)));
  }
  return ErrorExpected("SELECT, VALUES or '('");
}

bool Parser::PeekQueryContinuation() const {
  return PeekKeyword(Keyword::kUnion) || PeekKeyword(Keyword::kIntersect) ||
         PeekKeyword(Keyword::kExcept) || PeekKeyword(Keyword::kOrder) ||
         PeekKeyword(Keyword::kLimit) || PeekKeyword(Keyword::kOffset) ||
         PeekKeyword(Keyword::kFetch);
}

Result<QueryPtr> Parser::ContinueQuery(QueryPtr inner) {
  if (!PeekQueryContinuation()) return inner;
  SetExprPtr body;
  if (inner->IsBareBody()) {
    body = std::move(inner->body);
  } else {
    body = std::make_unique<NestedQuery>(std::move(inner));
  }
  ASSIGN_OR_RAISE(body, ParseSetOpChain(std::move(body), 0));
  auto query = std::make_unique<Query>();
  query->body = std::move(body);
  RETURN_NOT_OK(ParseQueryTail(query.get()));
  return query;
}

Status Parser::ParseQueryTail(Query* query) {
  if (ConsumeKeyword(Keyword::kOrder)) {
    RETURN_NOT_OK(ExpectKeyword(Keyword::kBy));
    ASSIGN_OR_RAISE(query->order_by, ParseOrderByList());
  }
  bool seen_limit = false;
  bool seen_offset = false;
  while (true) {
    if (!seen_limit && ConsumeKeyword(Keyword::kLimit)) {
      seen_limit = true;
      if (!ConsumeKeyword(Keyword::kAll)) {
        ASSIGN_OR_RAISE(query->limit, ParseExpr());
      }
    } else if (!seen_offset && ConsumeKeyword(Keyword::kOffset)) {
      seen_offset = true;
      ASSIGN_OR_RAISE(query->offset, ParseExpr());
      if (!ConsumeKeyword(Keyword::kRows)) ConsumeKeyword(Keyword::kRow);
    } else if (!seen_limit && PeekKeyword(Keyword::kFetch)) {
      // FETCH {FIRST | NEXT} [n] {ROW | ROWS} ONLY is the standard spelling of LIMIT n.
      const Token& fetch = Next();
      seen_limit = true;
      if (!ConsumeKeyword(Keyword::kFirst) && !ConsumeKeyword(Keyword::kNext)) {
        return ErrorExpected("FIRST or NEXT");
      }
      if (PeekKeyword(Keyword::kRow) || PeekKeyword(Keyword::kRows)) {
        auto one = LiteralExpr::Number("1");
        one->pos = fetch.pos;
        query->limit = std::move(one);
      } else {
        ASSIGN_OR_RAISE(query->limit, ParseExpr());
      }
      if (!ConsumeKeyword(Keyword::kRows) && !ConsumeKeyword(Keyword::kRow)) {
        return ErrorExpected("ROW or ROWS");
      }
      RETURN_NOT_OK(ExpectKeyword(Keyword::kOnly));
    } else {
      break;
    }
  }
  return Status::OK();
}

// --- SELECT ----------------------------------------------------------------------------------

Result<SetExprPtr> Parser::ParseSelect() {
  Next();  // SELECT
  auto select = std::make_unique<Select>();
  if (ConsumeKeyword(Keyword::kDistinct)) {
    select->distinct = DistinctKind::kDistinct;
    if (ConsumeKeyword(Keyword::kOn)) {
      select->distinct = DistinctKind::kDistinctOn;
      RETURN_NOT_OK(Expect(TokenKind::kLParen));
      ASSIGN_OR_RAISE(select->distinct_on, ParseExprList());
      RETURN_NOT_OK(Expect(TokenKind::kRParen));
    }
  } else {
    ConsumeKeyword(Keyword::kAll);
  }
  do {
    ASSIGN_OR_RAISE(SelectItem item, ParseSelectItem());
    select->items.push_back(std::move(item));
  } while (ConsumeIf(TokenKind::kComma));
  if (ConsumeKeyword(Keyword::kFrom)) {
    do {
      ASSIGN_OR_RAISE(TableRefPtr ref, ParseTableRef());
      select->from.push_back(std::move(ref));
    } while (ConsumeIf(TokenKind::kComma));
  }
  if (ConsumeKeyword(Keyword::kWhere)) {
    ASSIGN_OR_RAISE(select->where, ParseExpr());
  }
  if (ConsumeKeyword(Keyword::kGroup)) {
    RETURN_NOT_OK(ExpectKeyword(Keyword::kBy));
    if (ConsumeKeyword(Keyword::kAll)) {
      select->group_by_all = true;
    } else {
      do {
        ASSIGN_OR_RAISE(ExprPtr item, ParseGroupByItem());
        select->group_by.push_back(std::move(item));
      } while (ConsumeIf(TokenKind::kComma));
    }
  }
  if (ConsumeKeyword(Keyword::kHaving)) {
    ASSIGN_OR_RAISE(select->having, ParseExpr());
  }
  // WINDOW and QUALIFY are accepted in either order (engines differ); each at most once.
  bool seen_window = false;
  while (true) {
    if (!seen_window && ConsumeKeyword(Keyword::kWindow)) {
      seen_window = true;
      do {
        NamedWindow window;
        ASSIGN_OR_RAISE(window.name, ParseIdent());
        RETURN_NOT_OK(ExpectKeyword(Keyword::kAs));
        ASSIGN_OR_RAISE(auto spec, ParseWindowSpec());
        window.spec = std::move(*spec);
        select->windows.push_back(std::move(window));
      } while (ConsumeIf(TokenKind::kComma));
    } else if (!select->qualify && ConsumeKeyword(Keyword::kQualify)) {
      ASSIGN_OR_RAISE(select->qualify, ParseExpr());
    } else {
      break;
    }
  }
  return SetExprPtr(std::move(select));
}

Result<SelectItem> Parser::ParseSelectItem() {
  SelectItem item;
  if (PeekWildcard()) {
    ASSIGN_OR_RAISE(item.expr, ParseWildcard());
    return item;
  }
  ASSIGN_OR_RAISE(item.expr, ParseExpr());
  if (ConsumeKeyword(Keyword::kAs)) {
    ASSIGN_OR_RAISE(Ident alias, ParseIdentOrKeyword());
    item.alias = std::move(alias);
  } else if (PeekIdentifier()) {
    ASSIGN_OR_RAISE(Ident alias, ParseIdent());
    item.alias = std::move(alias);
  }
  return item;
}

Result<ExprPtr> Parser::ParseGroupByItem() {
  if ((PeekKeyword(Keyword::kRollup) || PeekKeyword(Keyword::kCube)) &&
      PeekIs(TokenKind::kLParen, 1)) {
    return ParseGroupingSet(PeekKeyword(Keyword::kRollup) ? GroupingKind::kRollup
                                                          : GroupingKind::kCube);
  }
  if (PeekKeyword(Keyword::kGrouping) && PeekKeyword(Keyword::kSets, 1) &&
      PeekIs(TokenKind::kLParen, 2)) {
    return ParseGroupingSet(GroupingKind::kGroupingSets);
  }
  return ParseExpr();
}

Result<ExprPtr> Parser::ParseGroupingSet(GroupingKind kind) {
  SourcePos pos = Next().pos;                       // ROLLUP, CUBE or GROUPING
  if (kind == GroupingKind::kGroupingSets) Next();  // SETS
  RETURN_NOT_OK(Expect(TokenKind::kLParen));
  auto node = std::make_unique<GroupingSetExpr>(kind);
  do {
    ExprList set;
    if (PeekIs(TokenKind::kLParen) && PeekIs(TokenKind::kRParen, 1)) {
      Next();
      Next();
    } else {
      ASSIGN_OR_RAISE(ExprPtr element, ParseExpr());
      // (a, b) is one composite element of the set, not a row value.
      if (element->kind == ExprKind::kTuple) {
        set = std::move(element->As<TupleExpr>().elements);
      } else {
        set.push_back(std::move(element));
      }
    }
    node->sets.push_back(std::move(set));
  } while (ConsumeIf(TokenKind::kComma));
  RETURN_NOT_OK(Expect(TokenKind::kRParen));
  node->pos = pos;
  return ExprPtr(std::move(node));
}

Result<SetExprPtr> Parser::ParseValues() {
  Next();  // VALUES
  auto values = std::make_unique<Values>();
  do {
    RETURN_NOT_OK(Expect(TokenKind::kLParen));
    ASSIGN_OR_RAISE(ExprList row, ParseExprList());
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
    values->rows.push_back(std::move(row));
  } while (ConsumeIf(TokenKind::kComma));
  return SetExprPtr(std::move(values));
}

// --- FROM ------------------------------------------------------------------------------------

Result<TableRefPtr> Parser::ParseTableRef() {
  int saved_height = height_;
  height_ = 0;
  ASSIGN_OR_RAISE(TableRefPtr left, ParseTableFactor());
  ASSIGN_OR_RAISE(left, ParseJoinChain(std::move(left)));
  height_ = std::max(saved_height, height_);
  return left;
}

Result<TableRefPtr> Parser::ParseJoinChain(TableRefPtr left) {
  int height = height_ + 1;
  while (true) {
    const Token& start = Peek();
    bool natural = ConsumeKeyword(Keyword::kNatural);
    JoinKind kind;
    if (!natural && ConsumeKeyword(Keyword::kCross)) {
      kind = JoinKind::kCross;
    } else if (PeekKeyword(Keyword::kJoin)) {
      kind = JoinKind::kInner;
    } else if (ConsumeKeyword(Keyword::kInner)) {
      kind = JoinKind::kInner;
    } else if (PeekKeyword(Keyword::kLeft) || PeekKeyword(Keyword::kRight)) {
      bool left_side = Next().keyword == Keyword::kLeft;
      if (ConsumeKeyword(Keyword::kSemi)) {
        kind = left_side ? JoinKind::kLeftSemi : JoinKind::kRightSemi;
      } else if (ConsumeKeyword(Keyword::kAnti)) {
        kind = left_side ? JoinKind::kLeftAnti : JoinKind::kRightAnti;
      } else {
        ConsumeKeyword(Keyword::kOuter);
        kind = left_side ? JoinKind::kLeft : JoinKind::kRight;
      }
    } else if (ConsumeKeyword(Keyword::kFull)) {
      ConsumeKeyword(Keyword::kOuter);
      kind = JoinKind::kFull;
    } else if (natural) {
      return ErrorExpected("JOIN");
    } else {
      break;
    }
    RETURN_NOT_OK(ExpectKeyword(Keyword::kJoin));
    height_ = 0;
    ASSIGN_OR_RAISE(TableRefPtr right, ParseTableFactor());
    auto join = std::make_unique<JoinRef>(kind, std::move(left), std::move(right));
    join->natural = natural;
    if (!natural && kind != JoinKind::kCross) {
      if (ConsumeKeyword(Keyword::kOn)) {
        ASSIGN_OR_RAISE(join->on, ParseExpr());
      } else if (ConsumeKeyword(Keyword::kUsing)) {
        ASSIGN_OR_RAISE(join->using_columns, ParseParenIdentList());
      } else {
        return ErrorExpected("ON or USING");
      }
    }
    height = std::max(height, height_) + 1;
    RETURN_NOT_OK(NoteHeight(height, start, "query"));
    left = At(std::move(join), start.pos);
  }
  height_ = height;
  return left;
}

Result<TableRefPtr> Parser::ParseTableFactor() {
  NestingGuard guard(this);
  if (guard.TooDeep()) return ErrorAt(Peek(), "query nested too deeply");
  const Token& start = Peek();
  SourcePos pos = start.pos;
  if (ConsumeKeyword(Keyword::kLateral)) {
    RETURN_NOT_OK(Expect(TokenKind::kLParen));
    ASSIGN_OR_RAISE(QueryPtr query, ParseQuery());
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
    auto derived = std::make_unique<DerivedTableRef>(std::move(query));
    derived->lateral = true;
    ASSIGN_OR_RAISE(derived->alias, ParseOptionalTableAlias());
    return At(std::move(derived), pos);
  }
  if (PeekIs(TokenKind::kLParen)) {
    QueryPtr query;
    TableRefPtr table;
    RETURN_NOT_OK(ParseParenthesizedFromItem(&query, &table));
    if (table) return table;
    auto derived = std::make_unique<DerivedTableRef>(std::move(query));
    ASSIGN_OR_RAISE(derived->alias, ParseOptionalTableAlias());
    return At(std::move(derived), pos);
  }
  if (start.kind == TokenKind::kString) {
    Next();
    auto file = std::make_unique<FileTableRef>(start.value);
    ASSIGN_OR_RAISE(file->alias, ParseOptionalTableAlias());
    return At(std::move(file), pos);
  }
  if (!PeekIdentifier()) return ErrorExpected("a table name, '(' or a file name");
  ASSIGN_OR_RAISE(ObjectName name, ParseObjectName());
  if (ConsumeIf(TokenKind::kLParen)) {
    auto function = std::make_unique<TableFunctionRef>(std::move(name));
    if (!PeekIs(TokenKind::kRParen)) {
      ASSIGN_OR_RAISE(function->args, ParseExprList());
    }
    RETURN_NOT_OK(Expect(TokenKind::kRParen));
    ASSIGN_OR_RAISE(function->alias, ParseOptionalTableAlias());
    return At(std::move(function), pos);
  }
  auto named = std::make_unique<NamedTableRef>(std::move(name));
  ASSIGN_OR_RAISE(named->alias, ParseOptionalTableAlias());
  return At(std::move(named), pos);
}

Status Parser::ParseParenthesizedFromItem(QueryPtr* query, TableRefPtr* table) {
  NestingGuard guard(this);
  if (guard.TooDeep()) return ErrorAt(Peek(), "query nested too deeply");
  RETURN_NOT_OK(Expect(TokenKind::kLParen));
  if (PeekQueryStart()) {
    ASSIGN_OR_RAISE(*query, ParseQuery());
    return Expect(TokenKind::kRParen);
  }
  if (!PeekIs(TokenKind::kLParen)) {
    ASSIGN_OR_RAISE(*table, ParseTableRef());
    return Expect(TokenKind::kRParen);
  }
  // "((" is ambiguous until the inner item is read: ((SELECT 1) UNION SELECT 2) is a query,
  // ((SELECT 1) AS a JOIN b ON ...) and ((a JOIN b ON ...) JOIN c ON ...) are joins.
  SourcePos inner_pos = Peek().pos;
  QueryPtr inner_query;
  TableRefPtr inner_table;
  RETURN_NOT_OK(ParseParenthesizedFromItem(&inner_query, &inner_table));
  TableRefPtr left;
  if (inner_query) {
    if (PeekQueryContinuation() || PeekIs(TokenKind::kRParen)) {
      ASSIGN_OR_RAISE(*query, ContinueQuery(std::move(inner_query)));
      return Expect(TokenKind::kRParen);
    }
    auto derived = std::make_unique<DerivedTableRef>(std::move(inner_query));
    ASSIGN_OR_RAISE(derived->alias, ParseOptionalTableAlias());
    left = At(std::move(derived), inner_pos);
  } else {
    left = std::move(inner_table);
  }
  ASSIGN_OR_RAISE(*table, ParseJoinChain(std::move(left)));
  return Expect(TokenKind::kRParen);
}

Result<std::optional<TableAlias>> Parser::ParseOptionalTableAlias() {
  std::optional<TableAlias> alias;
  if (ConsumeKeyword(Keyword::kAs) || PeekIdentifier()) {
    TableAlias value;
    ASSIGN_OR_RAISE(value.name, ParseIdent());
    if (PeekIs(TokenKind::kLParen)) {
      ASSIGN_OR_RAISE(value.columns, ParseParenIdentList());
    }
    alias = std::move(value);
  }
  return alias;
}

}  // namespace ballista::sql
