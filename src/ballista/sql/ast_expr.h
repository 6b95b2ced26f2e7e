#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ballista/sql/ast_common.h"

namespace ballista::sql {

/// Which node an Expr is; one value per subclass.
enum class ExprKind : uint8_t {
  kColumnRef,
  kLiteral,
  kTypedString,
  kInterval,
  kParameter,
  kUnary,
  kBinary,
  kIsTest,
  kIsDistinctFrom,
  kLike,
  kInList,
  kInSubquery,
  kBetween,
  kQuantified,
  kExists,
  kSubquery,
  kCase,
  kCast,
  kExtract,
  kSubstring,
  kPosition,
  kTrim,
  kOverlay,
  kFunction,
  kWildcard,
  kArray,
  kSubscript,
  kTuple,
  kGroupingSet,
};

/// A node of a parsed scalar expression. Nodes own their children through unique_ptr and are
/// immutable once the parser returns them (not thread-safe to mutate, safe to read
/// concurrently). `pos` is where the expression starts in the SQL text so later stages can
/// point at it; it is ignored by Equals.
class Expr {
 public:
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;
  virtual ~Expr() = default;

  /// A deep copy, positions included.
  virtual ExprPtr Clone() const = 0;

  /// Structural equality: same node kinds and values all the way down; positions and the
  /// quoting of identifiers are ignored.
  virtual bool Equals(const Expr& other) const = 0;

  /// The node as its concrete type; the caller has checked `kind`.
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }
  template <typename T>
  T& As() {
    return static_cast<T&>(*this);
  }

  const ExprKind kind;
  SourcePos pos;

 protected:
  explicit Expr(ExprKind k) : kind(k) {}
};

/// Null-safe structural equality of optional children.
bool ExprEquals(const ExprPtr& a, const ExprPtr& b);
bool ExprListEquals(const ExprList& a, const ExprList& b);
/// Null-safe deep copies.
ExprPtr CloneExpr(const ExprPtr& e);
ExprList CloneExprList(const ExprList& list);

/// An item of ORDER BY (in a query, a window or an aggregate call). Unset direction and nulls
/// order mean "as the engine defaults", and are kept unset so the printer writes what was read.
struct OrderByItem {
  ExprPtr expr;
  std::optional<bool> ascending;
  std::optional<bool> nulls_first;

  OrderByItem Clone() const;
  bool Equals(const OrderByItem& other) const;
};
std::vector<OrderByItem> CloneOrderBy(const std::vector<OrderByItem>& items);
bool OrderByEquals(const std::vector<OrderByItem>& a, const std::vector<OrderByItem>& b);

/// ROWS, RANGE or GROUPS.
enum class FrameUnits : uint8_t { kRows, kRange, kGroups };

/// One end of a window frame.
struct FrameBound {
  enum class Kind : uint8_t {
    kUnboundedPreceding,
    kPreceding,
    kCurrentRow,
    kFollowing,
    kUnboundedFollowing
  };
  Kind kind = Kind::kCurrentRow;
  ExprPtr offset;  ///< set for kPreceding and kFollowing

  FrameBound Clone() const;
  bool Equals(const FrameBound& other) const;
};

/// EXCLUDE option of a frame.
enum class FrameExclusion : uint8_t { kNone, kCurrentRow, kGroup, kTies, kNoOthers };

/// `ROWS BETWEEN start AND end EXCLUDE ...`; `end` is unset for the short form `ROWS start`.
struct WindowFrame {
  FrameUnits units = FrameUnits::kRows;
  FrameBound start;
  std::optional<FrameBound> end;
  FrameExclusion exclusion = FrameExclusion::kNone;

  WindowFrame Clone() const;
  bool Equals(const WindowFrame& other) const;
};

/// The parenthesized part of OVER (...) and of WINDOW w AS (...).
struct WindowSpec {
  std::optional<Ident> base_window;  ///< `OVER (w ORDER BY x)` refines window w
  ExprList partition_by;
  std::vector<OrderByItem> order_by;
  std::optional<WindowFrame> frame;

  WindowSpec Clone() const;
  bool Equals(const WindowSpec& other) const;
};

/// A column reference: `a`, `t.a`, `schema.t.a`.
struct ColumnRefExpr final : Expr {
  explicit ColumnRefExpr(ObjectName n) : Expr(ExprKind::kColumnRef), name(std::move(n)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ObjectName name;
};

enum class LiteralKind : uint8_t { kNull, kBoolean, kNumber, kString };

/// NULL, TRUE/FALSE, a number (kept as written: "1.50", "1e3") or a string (decoded).
struct LiteralExpr final : Expr {
  LiteralExpr(LiteralKind k, std::string v)
      : Expr(ExprKind::kLiteral), literal_kind(k), value(std::move(v)) {}
  static std::unique_ptr<LiteralExpr> Null() {
    return std::make_unique<LiteralExpr>(LiteralKind::kNull, "");
  }
  static std::unique_ptr<LiteralExpr> Boolean(bool b) {
    return std::make_unique<LiteralExpr>(LiteralKind::kBoolean, b ? "true" : "false");
  }
  static std::unique_ptr<LiteralExpr> Number(std::string text) {
    return std::make_unique<LiteralExpr>(LiteralKind::kNumber, std::move(text));
  }
  static std::unique_ptr<LiteralExpr> String(std::string text) {
    return std::make_unique<LiteralExpr>(LiteralKind::kString, std::move(text));
  }
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  LiteralKind literal_kind;
  std::string value;  ///< "true"/"false" for booleans, empty for NULL
};

/// `DATE '2024-01-31'`, `TIMESTAMP '...'`, `TIME '...'`: a string read as the named type.
struct TypedStringExpr final : Expr {
  TypedStringExpr(TypeName t, std::string v)
      : Expr(ExprKind::kTypedString), type(std::move(t)), value(std::move(v)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  TypeName type;
  std::string value;
};

/// A field of an interval qualifier.
enum class IntervalField : uint8_t { kNone, kYear, kMonth, kDay, kHour, kMinute, kSecond };

/// `INTERVAL '3 days'`, `INTERVAL '1' YEAR`, `INTERVAL '1-2' YEAR TO MONTH`.
struct IntervalExpr final : Expr {
  explicit IntervalExpr(ExprPtr v) : Expr(ExprKind::kInterval), value(std::move(v)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprPtr value;  ///< usually a string literal
  IntervalField leading_field = IntervalField::kNone;
  IntervalField trailing_field = IntervalField::kNone;  ///< after TO
};

/// A placeholder: `$1` (name "$1") or `?` (name "?").
struct ParameterExpr final : Expr {
  explicit ParameterExpr(std::string n) : Expr(ExprKind::kParameter), name(std::move(n)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  std::string name;
};

enum class UnaryOp : uint8_t { kNot, kMinus, kPlus, kBitwiseNot };

/// NOT x, -x, +x, ~x.
struct UnaryExpr final : Expr {
  UnaryExpr(UnaryOp o, ExprPtr e) : Expr(ExprKind::kUnary), op(o), operand(std::move(e)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  UnaryOp op;
  ExprPtr operand;
};

enum class BinaryOp : uint8_t {
  kOr,
  kAnd,
  kEq,
  kNotEq,
  kLt,
  kLtEq,
  kGt,
  kGtEq,
  kPlus,
  kMinus,
  kMultiply,
  kDivide,
  kModulo,
  kConcat,
  kBitwiseAnd,
  kBitwiseOr,
  kBitwiseXor,
  kShiftLeft,
  kShiftRight,
  kRegexMatch,
  kRegexIMatch,
  kRegexNotMatch,
  kRegexNotIMatch,
};

/// The SQL spelling of a binary operator ("AND", "<>", "||").
std::string_view BinaryOpText(BinaryOp op);

/// left op right.
struct BinaryExpr final : Expr {
  BinaryExpr(BinaryOp o, ExprPtr l, ExprPtr r)
      : Expr(ExprKind::kBinary), op(o), left(std::move(l)), right(std::move(r)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  BinaryOp op;
  ExprPtr left;
  ExprPtr right;
};

enum class IsTestKind : uint8_t { kNull, kTrue, kFalse, kUnknown };

/// x IS [NOT] NULL | TRUE | FALSE | UNKNOWN.
struct IsTestExpr final : Expr {
  IsTestExpr(ExprPtr e, IsTestKind t, bool neg)
      : Expr(ExprKind::kIsTest), operand(std::move(e)), test(t), negated(neg) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprPtr operand;
  IsTestKind test;
  bool negated;
};

/// a IS [NOT] DISTINCT FROM b.
struct IsDistinctFromExpr final : Expr {
  IsDistinctFromExpr(ExprPtr l, ExprPtr r, bool neg)
      : Expr(ExprKind::kIsDistinctFrom), left(std::move(l)), right(std::move(r)), negated(neg) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprPtr left;
  ExprPtr right;
  bool negated;
};

enum class LikeKind : uint8_t { kLike, kILike, kSimilarTo };

/// x [NOT] LIKE | ILIKE | SIMILAR TO pattern [ESCAPE e].
struct LikeExpr final : Expr {
  LikeExpr(LikeKind k, bool neg, ExprPtr e, ExprPtr p)
      : Expr(ExprKind::kLike),
        like_kind(k),
        negated(neg),
        expr(std::move(e)),
        pattern(std::move(p)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  LikeKind like_kind;
  bool negated;
  ExprPtr expr;
  ExprPtr pattern;
  ExprPtr escape;  ///< may be null
};

/// x [NOT] IN (a, b, ...).
struct InListExpr final : Expr {
  InListExpr(ExprPtr e, ExprList l, bool neg)
      : Expr(ExprKind::kInList), expr(std::move(e)), list(std::move(l)), negated(neg) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprPtr expr;
  ExprList list;
  bool negated;
};

/// x [NOT] IN (subquery).
struct InSubqueryExpr final : Expr {
  InSubqueryExpr(ExprPtr e, QueryPtr q, bool neg);
  ~InSubqueryExpr() override;
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprPtr expr;
  QueryPtr query;
  bool negated;
};

/// x [NOT] BETWEEN [SYMMETRIC] low AND high.
struct BetweenExpr final : Expr {
  BetweenExpr(ExprPtr e, ExprPtr lo, ExprPtr hi, bool neg)
      : Expr(ExprKind::kBetween),
        expr(std::move(e)),
        low(std::move(lo)),
        high(std::move(hi)),
        negated(neg) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprPtr expr;
  ExprPtr low;
  ExprPtr high;
  bool negated;
  bool symmetric = false;
};

/// ANY (SOME is read as ANY) or ALL.
enum class Quantifier : uint8_t { kAny, kAll };

/// x op ANY (subquery | array), x op ALL (...). Exactly one of `subquery` and `array` is set.
struct QuantifiedExpr final : Expr {
  QuantifiedExpr(ExprPtr l, BinaryOp o, Quantifier q);
  ~QuantifiedExpr() override;
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprPtr left;
  BinaryOp op;  ///< a comparison
  Quantifier quantifier;
  QueryPtr subquery;
  ExprPtr array;
};

/// EXISTS (subquery).
struct ExistsExpr final : Expr {
  explicit ExistsExpr(QueryPtr q);
  ~ExistsExpr() override;
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  QueryPtr query;
};

/// (subquery) used as a value.
struct SubqueryExpr final : Expr {
  explicit SubqueryExpr(QueryPtr q);
  ~SubqueryExpr() override;
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  QueryPtr query;
};

/// One WHEN ... THEN ... arm of a CASE.
struct CaseWhen {
  ExprPtr condition;
  ExprPtr result;
};

/// CASE [operand] WHEN ... THEN ... [ELSE ...] END. With an operand, each condition is a value
/// compared to it (simple CASE); without, each is a boolean (searched CASE).
struct CaseExpr final : Expr {
  CaseExpr() : Expr(ExprKind::kCase) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprPtr operand;  ///< may be null
  std::vector<CaseWhen> whens;
  ExprPtr else_result;  ///< may be null
};

/// How a cast was written; kept so the printer writes the same form back.
enum class CastStyle : uint8_t { kCast, kTryCast, kDoubleColon };

/// CAST(x AS t), TRY_CAST(x AS t), x::t.
struct CastExpr final : Expr {
  CastExpr(ExprPtr e, TypeName t, CastStyle s)
      : Expr(ExprKind::kCast), expr(std::move(e)), type(std::move(t)), style(s) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprPtr expr;
  TypeName type;
  CastStyle style;
};

/// EXTRACT(field FROM x); `field` is lower case ("year", "epoch").
struct ExtractExpr final : Expr {
  ExtractExpr(std::string f, ExprPtr e)
      : Expr(ExprKind::kExtract), field(std::move(f)), expr(std::move(e)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  std::string field;
  ExprPtr expr;
};

/// SUBSTRING(x FROM a FOR b), also written substring(x, a, b). `from`/`length` may be null.
struct SubstringExpr final : Expr {
  explicit SubstringExpr(ExprPtr e) : Expr(ExprKind::kSubstring), expr(std::move(e)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprPtr expr;
  ExprPtr from;
  ExprPtr length;
};

/// POSITION(needle IN haystack).
struct PositionExpr final : Expr {
  PositionExpr(ExprPtr n, ExprPtr h)
      : Expr(ExprKind::kPosition), needle(std::move(n)), haystack(std::move(h)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprPtr needle;
  ExprPtr haystack;
};

enum class TrimWhere : uint8_t { kUnspecified, kBoth, kLeading, kTrailing };

/// TRIM([LEADING | TRAILING | BOTH] [chars] FROM x) or TRIM(x).
struct TrimExpr final : Expr {
  explicit TrimExpr(ExprPtr e) : Expr(ExprKind::kTrim), expr(std::move(e)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  TrimWhere where = TrimWhere::kUnspecified;
  ExprPtr chars;  ///< may be null
  ExprPtr expr;
};

/// OVERLAY(x PLACING y FROM a [FOR b]).
struct OverlayExpr final : Expr {
  OverlayExpr(ExprPtr e, ExprPtr p, ExprPtr f)
      : Expr(ExprKind::kOverlay), expr(std::move(e)), placing(std::move(p)), from(std::move(f)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprPtr expr;
  ExprPtr placing;
  ExprPtr from;
  ExprPtr length;  ///< may be null
};

/// A function call, possibly an aggregate (DISTINCT, ORDER BY, FILTER) or a window call (OVER).
/// `count(*)` has one WildcardExpr argument.
struct FunctionExpr final : Expr {
  explicit FunctionExpr(ObjectName n) : Expr(ExprKind::kFunction), name(std::move(n)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ObjectName name;
  ExprList args;
  bool distinct = false;
  std::vector<OrderByItem> order_by;
  ExprPtr filter;                    ///< FILTER (WHERE ...); may be null
  std::unique_ptr<WindowSpec> over;  ///< OVER (...); null when absent or when over_name is set
  std::optional<Ident> over_name;    ///< OVER w
};

/// `*` or `t.*` in a select list or call, with EXCLUDE/EXCEPT (cols) removing columns.
struct WildcardExpr final : Expr {
  WildcardExpr() : Expr(ExprKind::kWildcard) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ObjectName qualifier;  ///< empty for a bare `*`
  std::vector<Ident> excluded;
};

/// [a, b, c] or ARRAY[a, b, c].
struct ArrayExpr final : Expr {
  explicit ArrayExpr(ExprList e) : Expr(ExprKind::kArray), elements(std::move(e)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprList elements;
};

/// x[i].
struct SubscriptExpr final : Expr {
  SubscriptExpr(ExprPtr e, ExprPtr i)
      : Expr(ExprKind::kSubscript), expr(std::move(e)), index(std::move(i)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprPtr expr;
  ExprPtr index;
};

/// (a, b, ...): a row value with at least two elements.
struct TupleExpr final : Expr {
  explicit TupleExpr(ExprList e) : Expr(ExprKind::kTuple), elements(std::move(e)) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  ExprList elements;
};

enum class GroupingKind : uint8_t { kRollup, kCube, kGroupingSets };

/// ROLLUP (...), CUBE (...) or GROUPING SETS (...) in GROUP BY. Each set is a list of
/// expressions: ROLLUP (a, (b, c)) has sets {a} and {b, c}; GROUPING SETS ((a), ()) has {a}, {}.
struct GroupingSetExpr final : Expr {
  explicit GroupingSetExpr(GroupingKind k) : Expr(ExprKind::kGroupingSet), grouping_kind(k) {}
  ExprPtr Clone() const override;
  bool Equals(const Expr& other) const override;

  GroupingKind grouping_kind;
  std::vector<ExprList> sets;
};

}  // namespace ballista::sql
