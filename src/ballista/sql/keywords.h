#pragma once

#include <cstdint>
#include <string_view>

namespace ballista::sql {

/// How freely a keyword may stand in for an identifier.
enum class KeywordClass : uint8_t {
  /// Usable as a column, table, alias or function name without quotes (`year`, `date`, `value`).
  kUnreserved,
  /// Never an identifier unless quoted: these words steer the grammar (`FROM`, `SELECT`, `AND`).
  kReserved,
  /// Reserved, but may name a function when followed by '(' (`left(s, 2)`, `current_date()`).
  kReservedFunction,
};

// One entry per keyword the grammar looks at: enum suffix, spelling, class. Kept alphabetical.
#define BALLISTA_SQL_KEYWORDS(X)                              \
  X(All, "ALL", kReserved)                                    \
  X(Analyze, "ANALYZE", kUnreserved)                          \
  X(And, "AND", kReserved)                                    \
  X(Anti, "ANTI", kUnreserved)                                \
  X(Any, "ANY", kReserved)                                    \
  X(Array, "ARRAY", kReserved)                                \
  X(As, "AS", kReserved)                                      \
  X(Asc, "ASC", kReserved)                                    \
  X(Asymmetric, "ASYMMETRIC", kReserved)                      \
  X(Between, "BETWEEN", kReserved)                            \
  X(Both, "BOTH", kReserved)                                  \
  X(By, "BY", kUnreserved)                                    \
  X(Case, "CASE", kReserved)                                  \
  X(Cast, "CAST", kReserved)                                  \
  X(Columns, "COLUMNS", kUnreserved)                          \
  X(Copy, "COPY", kUnreserved)                                \
  X(Create, "CREATE", kReserved)                              \
  X(Cross, "CROSS", kReserved)                                \
  X(Cube, "CUBE", kUnreserved)                                \
  X(Current, "CURRENT", kUnreserved)                          \
  X(CurrentDate, "CURRENT_DATE", kReservedFunction)           \
  X(CurrentTime, "CURRENT_TIME", kReservedFunction)           \
  X(CurrentTimestamp, "CURRENT_TIMESTAMP", kReservedFunction) \
  X(Date, "DATE", kUnreserved)                                \
  X(Day, "DAY", kUnreserved)                                  \
  X(Deallocate, "DEALLOCATE", kUnreserved)                    \
  X(Default, "DEFAULT", kReserved)                            \
  X(Desc, "DESC", kReserved)                                  \
  X(Describe, "DESCRIBE", kUnreserved)                        \
  X(Distinct, "DISTINCT", kReserved)                          \
  X(Drop, "DROP", kUnreserved)                                \
  X(Else, "ELSE", kReserved)                                  \
  X(End, "END", kReserved)                                    \
  X(Escape, "ESCAPE", kUnreserved)                            \
  X(Except, "EXCEPT", kReserved)                              \
  X(Exclude, "EXCLUDE", kUnreserved)                          \
  X(Execute, "EXECUTE", kUnreserved)                          \
  X(Exists, "EXISTS", kReserved)                              \
  X(Explain, "EXPLAIN", kUnreserved)                          \
  X(External, "EXTERNAL", kUnreserved)                        \
  X(Extract, "EXTRACT", kUnreserved)                          \
  X(False, "FALSE", kReserved)                                \
  X(Fetch, "FETCH", kReserved)                                \
  X(Filter, "FILTER", kUnreserved)                            \
  X(First, "FIRST", kUnreserved)                              \
  X(Following, "FOLLOWING", kUnreserved)                      \
  X(For, "FOR", kReserved)                                    \
  X(From, "FROM", kReserved)                                  \
  X(Full, "FULL", kReserved)                                  \
  X(Functions, "FUNCTIONS", kUnreserved)                      \
  X(Group, "GROUP", kReserved)                                \
  X(Grouping, "GROUPING", kUnreserved)                        \
  X(Groups, "GROUPS", kUnreserved)                            \
  X(Having, "HAVING", kReserved)                              \
  X(Header, "HEADER", kUnreserved)                            \
  X(Hour, "HOUR", kUnreserved)                                \
  X(If, "IF", kUnreserved)                                    \
  X(Ilike, "ILIKE", kReserved)                                \
  X(In, "IN", kReserved)                                      \
  X(Inner, "INNER", kReserved)                                \
  X(Insert, "INSERT", kUnreserved)                            \
  X(Intersect, "INTERSECT", kReserved)                        \
  X(Interval, "INTERVAL", kReserved)                          \
  X(Into, "INTO", kReserved)                                  \
  X(Is, "IS", kReserved)                                      \
  X(Join, "JOIN", kReserved)                                  \
  X(Last, "LAST", kUnreserved)                                \
  X(Lateral, "LATERAL", kReserved)                            \
  X(Leading, "LEADING", kReserved)                            \
  X(Left, "LEFT", kReservedFunction)                          \
  X(Like, "LIKE", kReserved)                                  \
  X(Limit, "LIMIT", kReserved)                                \
  X(Location, "LOCATION", kUnreserved)                        \
  X(Minute, "MINUTE", kUnreserved)                            \
  X(Month, "MONTH", kUnreserved)                              \
  X(Natural, "NATURAL", kReserved)                            \
  X(Next, "NEXT", kUnreserved)                                \
  X(No, "NO", kUnreserved)                                    \
  X(Not, "NOT", kReserved)                                    \
  X(Null, "NULL", kReserved)                                  \
  X(Nulls, "NULLS", kUnreserved)                              \
  X(Offset, "OFFSET", kReserved)                              \
  X(On, "ON", kReserved)                                      \
  X(Only, "ONLY", kUnreserved)                                \
  X(Options, "OPTIONS", kUnreserved)                          \
  X(Or, "OR", kReserved)                                      \
  X(Order, "ORDER", kReserved)                                \
  X(Others, "OTHERS", kUnreserved)                            \
  X(Outer, "OUTER", kReserved)                                \
  X(Over, "OVER", kReserved)                                  \
  X(Overlay, "OVERLAY", kUnreserved)                          \
  X(Partition, "PARTITION", kUnreserved)                      \
  X(Partitioned, "PARTITIONED", kUnreserved)                  \
  X(Placing, "PLACING", kUnreserved)                          \
  X(Position, "POSITION", kUnreserved)                        \
  X(Preceding, "PRECEDING", kUnreserved)                      \
  X(Precision, "PRECISION", kUnreserved)                      \
  X(Prepare, "PREPARE", kUnreserved)                          \
  X(Qualify, "QUALIFY", kReserved)                            \
  X(Range, "RANGE", kUnreserved)                              \
  X(Recursive, "RECURSIVE", kUnreserved)                      \
  X(Replace, "REPLACE", kUnreserved)                          \
  X(Right, "RIGHT", kReservedFunction)                        \
  X(Rollup, "ROLLUP", kUnreserved)                            \
  X(Row, "ROW", kUnreserved)                                  \
  X(Rows, "ROWS", kUnreserved)                                \
  X(Second, "SECOND", kUnreserved)                            \
  X(Select, "SELECT", kReserved)                              \
  X(Semi, "SEMI", kUnreserved)                                \
  X(Set, "SET", kUnreserved)                                  \
  X(Sets, "SETS", kUnreserved)                                \
  X(Show, "SHOW", kUnreserved)                                \
  X(Similar, "SIMILAR", kReserved)                            \
  X(Some, "SOME", kReserved)                                  \
  X(Stored, "STORED", kUnreserved)                            \
  X(Substring, "SUBSTRING", kUnreserved)                      \
  X(Symmetric, "SYMMETRIC", kReserved)                        \
  X(Table, "TABLE", kReserved)                                \
  X(Tables, "TABLES", kUnreserved)                            \
  X(Then, "THEN", kReserved)                                  \
  X(Ties, "TIES", kUnreserved)                                \
  X(Time, "TIME", kUnreserved)                                \
  X(Timestamp, "TIMESTAMP", kUnreserved)                      \
  X(To, "TO", kReserved)                                      \
  X(Trailing, "TRAILING", kReserved)                          \
  X(Trim, "TRIM", kUnreserved)                                \
  X(True, "TRUE", kReserved)                                  \
  X(TryCast, "TRY_CAST", kUnreserved)                         \
  X(Unbounded, "UNBOUNDED", kUnreserved)                      \
  X(Union, "UNION", kReserved)                                \
  X(Unknown, "UNKNOWN", kUnreserved)                          \
  X(Using, "USING", kReserved)                                \
  X(Values, "VALUES", kReserved)                              \
  X(Verbose, "VERBOSE", kUnreserved)                          \
  X(View, "VIEW", kUnreserved)                                \
  X(When, "WHEN", kReserved)                                  \
  X(Where, "WHERE", kReserved)                                \
  X(Window, "WINDOW", kReserved)                              \
  X(With, "WITH", kReserved)                                  \
  X(Without, "WITHOUT", kUnreserved)                          \
  X(Year, "YEAR", kUnreserved)                                \
  X(Zone, "ZONE", kUnreserved)

/// A word with a meaning to the grammar. kNone marks a word that is only an identifier.
enum class Keyword : uint16_t {
  kNone = 0,
#define BALLISTA_SQL_KEYWORD_ENUM(name, text, cls) k##name,
  BALLISTA_SQL_KEYWORDS(BALLISTA_SQL_KEYWORD_ENUM)
#undef BALLISTA_SQL_KEYWORD_ENUM
};

/// The keyword spelled `word` (any letter case), or Keyword::kNone. Thread-safe.
Keyword LookupKeyword(std::string_view word);

/// Upper-case spelling of a keyword ("SELECT"); empty for kNone.
std::string_view KeywordText(Keyword keyword);

/// The class of a keyword; kNone is kUnreserved (a plain identifier).
KeywordClass KeywordClassOf(Keyword keyword);

/// True when `keyword` cannot be used as an unquoted identifier.
inline bool IsReservedKeyword(Keyword keyword) {
  return KeywordClassOf(keyword) != KeywordClass::kUnreserved;
}

}  // namespace ballista::sql
