#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/common/result.h"
#include "ballista/compute/datum.h"
#include "ballista/compute/function.h"

namespace re2 {
class RE2;
}

namespace ballista::compute {

/// A compiled SQL LIKE pattern: '%' any run of characters, '_' one character (UTF-8 code point),
/// `escape` (default backslash; 0 for none) makes the next character literal. Patterns of the
/// shapes 'abc', 'abc%', '%abc', '%abc%' and any other mix of literals and '%' alone are matched
/// without a regex engine (ordered substring search); the rest (and every ILIKE) go through RE2. Immutable once built; Match may be called concurrently.
class LikeMatcher {
 public:
  /// InvalidArgument when the pattern ends with the escape character.
  static Result<std::shared_ptr<const LikeMatcher>> Make(std::string_view pattern,
                                                         bool case_insensitive, char escape = '\\');
  ~LikeMatcher();
  bool Match(std::string_view value) const;

 private:
  enum class Kind { kExact, kPrefix, kSuffix, kContains, kAll, kSegments, kRegex };
  LikeMatcher() = default;
  Kind kind_ = Kind::kRegex;
  std::string literal_;
  // kSegments: literal runs between '%' wildcards, plus whether the ends are anchored.
  std::vector<std::string> segments_;
  bool anchored_start_ = false;
  bool anchored_end_ = false;
  std::unique_ptr<re2::RE2> regex_;
};

/// The RE2 syntax of a SQL SIMILAR TO pattern (anchored at both ends).
std::string SimilarToRegex(std::string_view pattern, char escape = '\\');

/// `value [NOT] [I]LIKE pattern [ESCAPE escape]` over strings; `escape` may be omitted (scalar
/// escape text of zero or one character).
Result<Datum> Like(const Datum& value, const Datum& pattern, bool case_insensitive, bool negate,
                   int64_t num_rows, ExecContext* ctx = nullptr, const Datum& escape = Datum());

}  // namespace ballista::compute
