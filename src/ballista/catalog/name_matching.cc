#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "ballista/catalog/catalog.h"

namespace ballista::catalog {

size_t NameDistance(std::string_view a, std::string_view b) {
  // Levenshtein distance over lower-cased bytes, one row at a time.
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string ClosestName(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = SIZE_MAX;
  for (const auto& candidate : candidates) {
    size_t d = NameDistance(name, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  // A typo changes a few characters; anything further is a different name, not a hint.
  size_t allowed = std::max<size_t>(1, std::min<size_t>(3, name.size() / 3));
  return best_distance <= allowed ? best : std::string();
}

}  // namespace ballista::catalog
