#include "ballista/sql/keywords.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>

namespace ballista::sql {
namespace {

/// One row of the keyword table: spelling, enum value and class.
struct KeywordEntry {
  std::string_view text;
  Keyword keyword;
  KeywordClass cls;
};

constexpr KeywordEntry kKeywordTable[] = {
#define BALLISTA_SQL_KEYWORD_ENTRY(name, text, cls) {text, Keyword::k##name, KeywordClass::cls},
    BALLISTA_SQL_KEYWORDS(BALLISTA_SQL_KEYWORD_ENTRY)
#undef BALLISTA_SQL_KEYWORD_ENTRY
};
constexpr size_t kKeywordCount = sizeof(kKeywordTable) / sizeof(kKeywordTable[0]);

// The table is written in alphabetical order so lookup can binary-search it; checked at compile
// time so that a keyword added out of order fails the build instead of silently never matching.
constexpr bool TableIsSorted() {
  for (size_t i = 1; i < kKeywordCount; ++i) {
    if (!(kKeywordTable[i - 1].text < kKeywordTable[i].text)) return false;
  }
  return true;
}
static_assert(TableIsSorted(), "BALLISTA_SQL_KEYWORDS must be in strictly ascending order");

// The enum is declared from the same list, so entry i describes enum value i + 1.
constexpr bool TableMatchesEnum() {
  for (size_t i = 0; i < kKeywordCount; ++i) {
    if (static_cast<size_t>(kKeywordTable[i].keyword) != i + 1) return false;
  }
  return true;
}
static_assert(TableMatchesEnum(), "keyword table and enum are out of step");

constexpr size_t kLongestKeyword = 32;

}  // namespace

Keyword LookupKeyword(std::string_view word) {
  if (word.empty() || word.size() > kLongestKeyword) return Keyword::kNone;
  std::array<char, kLongestKeyword> upper{};
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    upper[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  std::string_view key(upper.data(), word.size());
  const KeywordEntry* begin = kKeywordTable;
  const KeywordEntry* end = kKeywordTable + kKeywordCount;
  const KeywordEntry* it = std::lower_bound(
      begin, end, key, [](const KeywordEntry& e, std::string_view k) { return e.text < k; });
  if (it != end && it->text == key) return it->keyword;
  return Keyword::kNone;
}

std::string_view KeywordText(Keyword keyword) {
  size_t index = static_cast<size_t>(keyword);
  if (index == 0 || index > kKeywordCount) return {};
  return kKeywordTable[index - 1].text;
}

KeywordClass KeywordClassOf(Keyword keyword) {
  size_t index = static_cast<size_t>(keyword);
  if (index == 0 || index > kKeywordCount) return KeywordClass::kUnreserved;
  return kKeywordTable[index - 1].cls;
}

}  // namespace ballista::sql
