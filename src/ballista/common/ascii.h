#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace ballista {

/// `s` with ASCII letters lower-cased (SQL identifiers, keywords, option names, file
/// extensions; other bytes, UTF-8 included, are kept).
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Equal when ASCII letters are compared without case.
inline bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace ballista
