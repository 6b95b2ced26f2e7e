#include <cstdio>
#include <string>

#include "ballista/sql/keywords.h"
#include "ballista/sql/precedence.h"
#include "ballista/sql/sql_printer.h"
#include "ballista/sql/sql_writer.h"

namespace ballista::sql {
namespace {

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty()) return false;
  char first = name[0];
  if (!((first >= 'a' && first <= 'z') || first == '_')) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
    if (!ok) return false;
  }
  return true;
}

std::string Quote(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string_view IntervalFieldName(IntervalField field) {
  switch (field) {
    case IntervalField::kNone:
      return "";
    case IntervalField::kYear:
      return "YEAR";
    case IntervalField::kMonth:
      return "MONTH";
    case IntervalField::kDay:
      return "DAY";
    case IntervalField::kHour:
      return "HOUR";
    case IntervalField::kMinute:
      return "MINUTE";
    case IntervalField::kSecond:
      return "SECOND";
  }
  return "";
}

// Single-part function names that the parser reads as special syntax when followed by '('.
bool IsSpecialFunctionName(std::string_view name) {
  switch (LookupKeyword(name)) {
    case Keyword::kSubstring:
    case Keyword::kPosition:
    case Keyword::kTrim:
    case Keyword::kOverlay:
    case Keyword::kExtract:
    case Keyword::kTryCast:
    case Keyword::kCube:
    case Keyword::kRollup:
      return true;
    default:
      return false;
  }
}

// Keeps a helper out of the recursive WriteExprBody frame.
#define BALLISTA_SQL_NOINLINE __attribute__((noinline))

std::string UpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

std::string FormatIdentifier(std::string_view name) {
  if (IsPlainIdentifier(name) && !IsReservedKeyword(LookupKeyword(name))) return std::string(name);
  return Quote(name);
}

std::string FormatStringLiteral(std::string_view value) {
  bool needs_escapes = false;
  for (char c : value) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) needs_escapes = true;
  }
  std::string out;
  out.reserve(value.size() + 3);
  if (!needs_escapes) {
    out += '\'';
    for (char c : value) {
      if (c == '\'') out += '\'';
      out += c;
    }
    out += '\'';
    return out;
  }
  out += "E'";
  for (char c : value) {
    auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '\'':
        out += "''";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (byte < 0x20 || byte == 0x7f) {
          // Always two hex digits, so a following hex-digit character is not absorbed.
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\x%02x", byte);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '\'';
  return out;
}

std::string FormatTypeName(const TypeName& type) {
  std::string out = type.name;
  if (!type.params.empty()) {
    out += '(';
    for (size_t i = 0; i < type.params.size(); ++i) {
      if (i > 0) out += ", ";
      out += type.params[i];
    }
    out += ')';
  }
  if (type.time_zone == TimeZoneSpec::kWith) out += " WITH TIME ZONE";
  if (type.time_zone == TimeZoneSpec::kWithout) out += " WITHOUT TIME ZONE";
  for (int i = 0; i < type.array_dims; ++i) out += "[]";
  return out;
}

std::string ToSql(const Expr& expr) {
  SqlWriter writer;
  writer.WriteExpr(expr);
  return writer.Take();
}

int ExprPrecedence(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kBinary:
      return BinaryOpPrecedence(expr.As<BinaryExpr>().op);
    case ExprKind::kUnary:
      return expr.As<UnaryExpr>().op == UnaryOp::kNot ? Precedence::kNot : Precedence::kUnary;
    case ExprKind::kIsTest:
    case ExprKind::kIsDistinctFrom:
    case ExprKind::kLike:
    case ExprKind::kInList:
    case ExprKind::kInSubquery:
    case ExprKind::kBetween:
    case ExprKind::kQuantified:
      return Precedence::kComparison;
    case ExprKind::kCast:
      return expr.As<CastExpr>().style == CastStyle::kDoubleColon ? Precedence::kCast
                                                                  : Precedence::kAtom;
    case ExprKind::kSubscript:
      return Precedence::kPostfix;
    default:
      return Precedence::kAtom;
  }
}

constexpr int kAboveComparison = Precedence::kComparison + 1;

BALLISTA_SQL_NOINLINE void SqlWriter::WriteType(const TypeName& type) {
  Write(FormatTypeName(type));
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteString(std::string_view value) {
  Write(FormatStringLiteral(value));
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteExtractField(const std::string& field) {
  // A plain lower-case field reads back the same as an upper-case word; anything else (case,
  // spaces) survives only as a string.
  if (IsPlainIdentifier(field)) {
    Write(UpperAscii(field));
  } else {
    WriteString(field);
  }
}

// --- Names -----------------------------------------------------------------------------------

BALLISTA_SQL_NOINLINE void SqlWriter::WriteIdent(const Ident& ident) {
  Write(FormatIdentifier(ident.value));
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteIdentStrict(const Ident& ident) {
  if (LookupKeyword(ident.value) != Keyword::kNone) {
    Write(Quote(ident.value));
  } else {
    WriteIdent(ident);
  }
}

void SqlWriter::WriteObjectName(const ObjectName& name) {
  for (size_t i = 0; i < name.size(); ++i) {
    if (i > 0) Write(".");
    WriteIdent(name[i]);
  }
}

void SqlWriter::WriteIdentList(const std::vector<Ident>& idents) {
  Write("(");
  for (size_t i = 0; i < idents.size(); ++i) {
    if (i > 0) Write(", ");
    WriteIdent(idents[i]);
  }
  Write(")");
}

void SqlWriter::WriteExprList(const ExprList& list) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) Write(", ");
    WriteExpr(*list[i]);
  }
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteOrderBy(const std::vector<OrderByItem>& items) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) Write(", ");
    WriteExpr(*items[i].expr);
    if (items[i].ascending) Write(*items[i].ascending ? " ASC" : " DESC");
    if (items[i].nulls_first) Write(*items[i].nulls_first ? " NULLS FIRST" : " NULLS LAST");
  }
}

// --- Expressions -----------------------------------------------------------------------------

void SqlWriter::WriteExpr(const Expr& expr, int min_precedence, int follow) {
  bool parens = ExprPrecedence(expr) < min_precedence;
  if (parens && expr.kind == ExprKind::kUnary) {
    // A prefix operator's operand extends over every operator binding at least as tightly as
    // its own operand precedence; when the next operator is weaker, no parentheses are needed.
    int operand_min =
        expr.As<UnaryExpr>().op == UnaryOp::kNot ? Precedence::kNot : Precedence::kCast;
    if (follow < operand_min) parens = false;
  }
  if (parens) {
    Write("(");
    WriteExprBody(expr, 0);
    Write(")");
  } else {
    WriteExprBody(expr, follow);
  }
}

void SqlWriter::WriteExprBody(const Expr& expr, int follow) {
  switch (expr.kind) {
    case ExprKind::kColumnRef:
      WriteObjectName(expr.As<ColumnRefExpr>().name);
      return;
    case ExprKind::kLiteral:
      WriteLiteral(expr.As<LiteralExpr>());
      return;
    case ExprKind::kTypedString:
      WriteTypedStringExpr(expr, follow);
      return;
    case ExprKind::kInterval:
      WriteInterval(expr.As<IntervalExpr>());
      return;
    case ExprKind::kParameter:
      Write(expr.As<ParameterExpr>().name);
      return;
    case ExprKind::kUnary:
      WriteUnaryExpr(expr, follow);
      return;
    case ExprKind::kBinary:
      WriteBinaryExpr(expr, follow);
      return;
    case ExprKind::kIsTest:
      WriteIsTestExpr(expr, follow);
      return;
    case ExprKind::kIsDistinctFrom:
      WriteIsDistinctFromExpr(expr, follow);
      return;
    case ExprKind::kLike:
      WriteLikeExpr(expr, follow);
      return;
    case ExprKind::kInList:
      WriteInListExpr(expr, follow);
      return;
    case ExprKind::kInSubquery:
      WriteInSubqueryExpr(expr, follow);
      return;
    case ExprKind::kBetween:
      WriteBetweenExpr(expr, follow);
      return;
    case ExprKind::kQuantified:
      WriteQuantifiedExpr(expr, follow);
      return;
    case ExprKind::kExists:
      Write("EXISTS ");
      WriteSubquery(*expr.As<ExistsExpr>().query);
      return;
    case ExprKind::kSubquery:
      WriteSubquery(*expr.As<SubqueryExpr>().query);
      return;
    case ExprKind::kCase:
      WriteCaseExpr(expr, follow);
      return;
    case ExprKind::kCast:
      WriteCastExpr(expr, follow);
      return;
    case ExprKind::kExtract:
      WriteExtractExpr(expr, follow);
      return;
    case ExprKind::kSubstring:
      WriteSubstringExpr(expr, follow);
      return;
    case ExprKind::kPosition:
      WritePositionExpr(expr, follow);
      return;
    case ExprKind::kTrim:
      WriteTrimExpr(expr, follow);
      return;
    case ExprKind::kOverlay:
      WriteOverlayExpr(expr, follow);
      return;
    case ExprKind::kFunction:
      WriteFunction(expr.As<FunctionExpr>());
      return;
    case ExprKind::kWildcard:
      WriteWildcardExpr(expr, follow);
      return;
    case ExprKind::kArray:
      Write("[");
      WriteExprList(expr.As<ArrayExpr>().elements);
      Write("]");
      return;
    case ExprKind::kSubscript:
      WriteSubscriptExpr(expr, follow);
      return;
    case ExprKind::kTuple:
      Write("(");
      WriteExprList(expr.As<TupleExpr>().elements);
      Write(")");
      return;
    case ExprKind::kGroupingSet:
      WriteGroupingSetExpr(expr, follow);
      return;
  }
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteTypedStringExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<TypedStringExpr>();
  WriteType(e.type);
  Write(" ");
  WriteString(e.value);
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteUnaryExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<UnaryExpr>();
  switch (e.op) {
    case UnaryOp::kNot:
      Write("NOT ");
      WriteExpr(*e.operand, Precedence::kNot, follow);
      return;
    case UnaryOp::kMinus:
      Write("-");
      break;
    case UnaryOp::kPlus:
      Write("+");
      break;
    case UnaryOp::kBitwiseNot:
      Write("~");
      break;
  }
  // A space keeps "- -x" from becoming "--x", which would start a comment.
  if (e.op == UnaryOp::kMinus && e.operand->kind == ExprKind::kUnary &&
      e.operand->As<UnaryExpr>().op == UnaryOp::kMinus) {
    Write(" ");
  }
  WriteExpr(*e.operand, Precedence::kCast, follow);
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteBinaryExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<BinaryExpr>();
  int precedence = BinaryOpPrecedence(e.op);
  WriteExpr(*e.left, precedence, precedence);
  Write(" ");
  Write(BinaryOpText(e.op));
  Write(" ");
  WriteExpr(*e.right, precedence + 1, follow);
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteIsTestExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<IsTestExpr>();
  WriteExpr(*e.operand, Precedence::kComparison, Precedence::kComparison);
  Write(e.negated ? " IS NOT " : " IS ");
  switch (e.test) {
    case IsTestKind::kNull:
      Write("NULL");
      break;
    case IsTestKind::kTrue:
      Write("TRUE");
      break;
    case IsTestKind::kFalse:
      Write("FALSE");
      break;
    case IsTestKind::kUnknown:
      Write("UNKNOWN");
      break;
  }
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteIsDistinctFromExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<IsDistinctFromExpr>();
  WriteExpr(*e.left, Precedence::kComparison, Precedence::kComparison);
  Write(e.negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
  WriteExpr(*e.right, kAboveComparison, follow);
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteLikeExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<LikeExpr>();
  WriteExpr(*e.expr, Precedence::kComparison, Precedence::kComparison);
  if (e.negated) Write(" NOT");
  switch (e.like_kind) {
    case LikeKind::kLike:
      Write(" LIKE ");
      break;
    case LikeKind::kILike:
      Write(" ILIKE ");
      break;
    case LikeKind::kSimilarTo:
      Write(" SIMILAR TO ");
      break;
  }
  WriteExpr(*e.pattern, kAboveComparison, e.escape ? 0 : follow);
  if (e.escape) {
    Write(" ESCAPE ");
    WriteExpr(*e.escape, kAboveComparison, follow);
  }
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteInListExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<InListExpr>();
  WriteExpr(*e.expr, Precedence::kComparison, Precedence::kComparison);
  Write(e.negated ? " NOT IN (" : " IN (");
  WriteExprList(e.list);
  Write(")");
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteInSubqueryExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<InSubqueryExpr>();
  WriteExpr(*e.expr, Precedence::kComparison, Precedence::kComparison);
  Write(e.negated ? " NOT IN " : " IN ");
  WriteSubquery(*e.query);
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteBetweenExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<BetweenExpr>();
  WriteExpr(*e.expr, Precedence::kComparison, Precedence::kComparison);
  Write(e.negated ? " NOT BETWEEN " : " BETWEEN ");
  if (e.symmetric) Write("SYMMETRIC ");
  WriteExpr(*e.low, kAboveComparison, Precedence::kAnd);
  Write(" AND ");
  WriteExpr(*e.high, kAboveComparison, follow);
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteQuantifiedExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<QuantifiedExpr>();
  WriteExpr(*e.left, Precedence::kComparison, Precedence::kComparison);
  Write(" ");
  Write(BinaryOpText(e.op));
  Write(e.quantifier == Quantifier::kAll ? " ALL " : " ANY ");
  if (e.subquery) {
    WriteSubquery(*e.subquery);
  } else {
    Write("(");
    WriteExpr(*e.array);
    Write(")");
  }
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteCaseExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<CaseExpr>();
  Write("CASE");
  if (e.operand) {
    Write(" ");
    WriteExpr(*e.operand);
  }
  for (const auto& when : e.whens) {
    Write(" WHEN ");
    WriteExpr(*when.condition);
    Write(" THEN ");
    WriteExpr(*when.result);
  }
  if (e.else_result) {
    Write(" ELSE ");
    WriteExpr(*e.else_result);
  }
  Write(" END");
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteCastExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<CastExpr>();
  if (e.style == CastStyle::kDoubleColon) {
    WriteExpr(*e.expr, Precedence::kCast, Precedence::kCast);
    Write("::");
    WriteType(e.type);
    return;
  }
  Write(e.style == CastStyle::kTryCast ? "TRY_CAST(" : "CAST(");
  WriteExpr(*e.expr);
  Write(" AS ");
  WriteType(e.type);
  Write(")");
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteExtractExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<ExtractExpr>();
  Write("EXTRACT(");
  WriteExtractField(e.field);
  Write(" FROM ");
  WriteExpr(*e.expr);
  Write(")");
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteSubstringExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<SubstringExpr>();
  Write("SUBSTRING(");
  WriteExpr(*e.expr);
  if (e.from) {
    Write(" FROM ");
    WriteExpr(*e.from);
  }
  if (e.length) {
    Write(" FOR ");
    WriteExpr(*e.length);
  }
  Write(")");
}

BALLISTA_SQL_NOINLINE void SqlWriter::WritePositionExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<PositionExpr>();
  Write("POSITION(");
  WriteExpr(*e.needle, kAboveComparison, Precedence::kComparison);
  Write(" IN ");
  WriteExpr(*e.haystack);
  Write(")");
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteTrimExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<TrimExpr>();
  Write("TRIM(");
  switch (e.where) {
    case TrimWhere::kUnspecified:
      break;
    case TrimWhere::kBoth:
      Write("BOTH ");
      break;
    case TrimWhere::kLeading:
      Write("LEADING ");
      break;
    case TrimWhere::kTrailing:
      Write("TRAILING ");
      break;
  }
  if (e.chars) {
    WriteExpr(*e.chars);
    Write(" FROM ");
  } else if (e.where != TrimWhere::kUnspecified) {
    Write("FROM ");
  }
  WriteExpr(*e.expr);
  Write(")");
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteOverlayExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<OverlayExpr>();
  Write("OVERLAY(");
  WriteExpr(*e.expr);
  Write(" PLACING ");
  WriteExpr(*e.placing);
  Write(" FROM ");
  WriteExpr(*e.from);
  if (e.length) {
    Write(" FOR ");
    WriteExpr(*e.length);
  }
  Write(")");
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteWildcardExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<WildcardExpr>();
  for (const auto& part : e.qualifier) {
    WriteIdent(part);
    Write(".");
  }
  Write("*");
  if (!e.excluded.empty()) {
    Write(" EXCLUDE ");
    WriteIdentList(e.excluded);
  }
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteSubscriptExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<SubscriptExpr>();
  WriteExpr(*e.expr, Precedence::kPostfix, Precedence::kPostfix);
  Write("[");
  WriteExpr(*e.index);
  Write("]");
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteGroupingSetExpr(const Expr& expr, int follow) {
  const auto& e = expr.As<GroupingSetExpr>();
  switch (e.grouping_kind) {
    case GroupingKind::kRollup:
      Write("ROLLUP (");
      break;
    case GroupingKind::kCube:
      Write("CUBE (");
      break;
    case GroupingKind::kGroupingSets:
      Write("GROUPING SETS (");
      break;
  }
  for (size_t i = 0; i < e.sets.size(); ++i) {
    if (i > 0) Write(", ");
    const ExprList& set = e.sets[i];
    // A one-element set is written bare: `(a)` would read back the same but nest deeper.
    bool bare = set.size() == 1 && set[0]->kind != ExprKind::kTuple;
    if (bare) {
      WriteExpr(*set[0]);
    } else {
      Write("(");
      WriteExprList(set);
      Write(")");
    }
  }
  Write(")");
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteLiteral(const LiteralExpr& literal) {
  switch (literal.literal_kind) {
    case LiteralKind::kNull:
      Write("NULL");
      return;
    case LiteralKind::kBoolean:
      Write(literal.value == "true" ? "TRUE" : "FALSE");
      return;
    case LiteralKind::kNumber:
      Write(literal.value);
      return;
    case LiteralKind::kString:
      WriteString(literal.value);
      return;
  }
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteInterval(const IntervalExpr& interval) {
  Write("INTERVAL ");
  const Expr& value = *interval.value;
  bool literal = value.kind == ExprKind::kLiteral &&
                 (value.As<LiteralExpr>().literal_kind == LiteralKind::kString ||
                  value.As<LiteralExpr>().literal_kind == LiteralKind::kNumber);
  bool signed_number =
      value.kind == ExprKind::kUnary && value.As<UnaryExpr>().op != UnaryOp::kNot &&
      value.As<UnaryExpr>().op != UnaryOp::kBitwiseNot &&
      value.As<UnaryExpr>().operand->kind == ExprKind::kLiteral &&
      value.As<UnaryExpr>().operand->As<LiteralExpr>().literal_kind == LiteralKind::kNumber;
  if (literal || signed_number) {
    WriteExpr(value);
  } else {
    // Other values need parentheses, or the field keyword after them could be misread.
    Write("(");
    WriteExpr(value);
    Write(")");
  }
  if (interval.leading_field != IntervalField::kNone) {
    Write(" ");
    Write(IntervalFieldName(interval.leading_field));
    if (interval.trailing_field != IntervalField::kNone) {
      Write(" TO ");
      Write(IntervalFieldName(interval.trailing_field));
    }
  }
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteFunction(const FunctionExpr& call) {
  for (size_t i = 0; i < call.name.size(); ++i) {
    if (i > 0) Write(".");
    const Ident& part = call.name[i];
    bool single = call.name.size() == 1;
    if (single && IsPlainIdentifier(part.value) &&
        KeywordClassOf(LookupKeyword(part.value)) == KeywordClass::kReservedFunction) {
      Write(part.value);  // left(...), current_date()
    } else if (single && IsSpecialFunctionName(part.value)) {
      Write(Quote(part.value));
    } else {
      WriteIdent(part);
    }
  }
  Write("(");
  if (call.distinct) Write("DISTINCT ");
  WriteExprList(call.args);
  if (!call.order_by.empty()) {
    Write(" ORDER BY ");
    WriteOrderBy(call.order_by);
  }
  Write(")");
  if (call.filter) {
    Write(" FILTER (WHERE ");
    WriteExpr(*call.filter);
    Write(")");
  }
  if (call.over_name) {
    Write(" OVER ");
    WriteIdent(*call.over_name);
  } else if (call.over) {
    Write(" OVER ");
    WriteWindowSpec(*call.over);
  }
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteWindowSpec(const WindowSpec& spec) {
  Write("(");
  bool first = true;
  auto separate = [&]() {
    if (!first) Write(" ");
    first = false;
  };
  if (spec.base_window) {
    separate();
    WriteIdentStrict(*spec.base_window);
  }
  if (!spec.partition_by.empty()) {
    separate();
    Write("PARTITION BY ");
    WriteExprList(spec.partition_by);
  }
  if (!spec.order_by.empty()) {
    separate();
    Write("ORDER BY ");
    WriteOrderBy(spec.order_by);
  }
  if (spec.frame) {
    separate();
    const WindowFrame& frame = *spec.frame;
    switch (frame.units) {
      case FrameUnits::kRows:
        Write("ROWS ");
        break;
      case FrameUnits::kRange:
        Write("RANGE ");
        break;
      case FrameUnits::kGroups:
        Write("GROUPS ");
        break;
    }
    if (frame.end) {
      Write("BETWEEN ");
      WriteFrameBound(frame.start);
      Write(" AND ");
      WriteFrameBound(*frame.end);
    } else {
      WriteFrameBound(frame.start);
    }
    switch (frame.exclusion) {
      case FrameExclusion::kNone:
        break;
      case FrameExclusion::kCurrentRow:
        Write(" EXCLUDE CURRENT ROW");
        break;
      case FrameExclusion::kGroup:
        Write(" EXCLUDE GROUP");
        break;
      case FrameExclusion::kTies:
        Write(" EXCLUDE TIES");
        break;
      case FrameExclusion::kNoOthers:
        Write(" EXCLUDE NO OTHERS");
        break;
    }
  }
  Write(")");
}

BALLISTA_SQL_NOINLINE void SqlWriter::WriteFrameBound(const FrameBound& bound) {
  switch (bound.kind) {
    case FrameBound::Kind::kUnboundedPreceding:
      Write("UNBOUNDED PRECEDING");
      return;
    case FrameBound::Kind::kUnboundedFollowing:
      Write("UNBOUNDED FOLLOWING");
      return;
    case FrameBound::Kind::kCurrentRow:
      Write("CURRENT ROW");
      return;
    case FrameBound::Kind::kPreceding:
    case FrameBound::Kind::kFollowing:
      break;
  }
  // A bare column named "unbounded" or "current" would read back as a keyword: quote it.
  if (bound.offset->kind == ExprKind::kColumnRef) {
    const ObjectName& name = bound.offset->As<ColumnRefExpr>().name;
    for (size_t i = 0; i < name.size(); ++i) {
      if (i > 0) Write(".");
      if (i == 0) {
        WriteIdentStrict(name[i]);
      } else {
        WriteIdent(name[i]);
      }
    }
  } else {
    WriteExpr(*bound.offset, Precedence::kComparison + 1);
  }
  Write(bound.kind == FrameBound::Kind::kPreceding ? " PRECEDING" : " FOLLOWING");
}

void SqlWriter::WriteSubquery(const Query& query) {
  Write("(");
  WriteQuery(query);
  Write(")");
}

}  // namespace ballista::sql
