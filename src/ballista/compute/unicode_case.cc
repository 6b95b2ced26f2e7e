#include "ballista/compute/unicode_case.h"

namespace ballista::compute {
namespace {

/// In [first, last], pairs (upper, lower) sit next to each other with the upper case letter at
/// even (`upper_even`) or odd code points.
struct PairedRange {
  uint32_t first;
  uint32_t last;
  bool upper_even;
};

constexpr PairedRange kPairedRanges[] = {
    {0x0100, 0x012F, true}, {0x0132, 0x0137, true}, {0x0139, 0x0148, false}, {0x014A, 0x0177, true},
    {0x0179, 0x017E, false}, {0x0460, 0x0481, true}, {0x048A, 0x04BF, true}, {0x04C1, 0x04CE, false},
    {0x04D0, 0x052F, true}, {0x1E00, 0x1E95, true}, {0x1EA0, 0x1EFF, true},
};

/// In [lower_first, lower_first + count), lower case letter lower_first + i has the upper case
/// letter upper_first + i.
struct ShiftedRange {
  uint32_t lower_first;
  uint32_t upper_first;
  uint32_t count;
};

constexpr ShiftedRange kShiftedRanges[] = {
    {0x0061, 0x0041, 26},  // ASCII
    {0x00E0, 0x00C0, 23},  // à..ö
    {0x00F8, 0x00D8, 7},   // ø..þ
    {0x03B1, 0x0391, 17},  // α..ρ
    {0x03C3, 0x03A3, 7},   // σ..ω
    {0x03AD, 0x0388, 3},   // έ ή ί
    {0x03CD, 0x038E, 2},   // ύ ώ
    {0x0430, 0x0410, 32},  // а..я
    {0x0450, 0x0400, 16},  // ѐ..џ
    {0x0561, 0x0531, 38},  // Armenian
    {0xFF41, 0xFF21, 26},  // fullwidth a..z
};

/// Single pairs that fit no range: (lower, upper).
constexpr uint32_t kSinglePairs[][2] = {
    {0x00DF, 0x1E9E},  // ß ẞ (as DuckDB)
    {0x00FF, 0x0178},  // ÿ Ÿ
    {0x03AC, 0x0386},  // ά Ά
    {0x03CC, 0x038C},  // ό Ό
};

}  // namespace

uint32_t ToUpperCodePoint(uint32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  for (const auto& r : kShiftedRanges) {
    if (c >= r.lower_first && c < r.lower_first + r.count) return r.upper_first + (c - r.lower_first);
  }
  for (const auto& r : kPairedRanges) {
    if (c >= r.first && c <= r.last) {
      const bool is_upper = ((c % 2) == 0) == r.upper_even;
      return is_upper ? c : c - 1;
    }
  }
  for (const auto& p : kSinglePairs) {
    if (c == p[0]) return p[1];
  }
  switch (c) {
    case 0x00B5: return 0x039C;  // µ -> Μ
    case 0x0131: return 0x0049;  // dotless ı -> I
    case 0x017F: return 0x0053;  // long ſ -> S
    case 0x03C2: return 0x03A3;  // final ς -> Σ
    default: return c;
  }
}

uint32_t ToLowerCodePoint(uint32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  for (const auto& r : kShiftedRanges) {
    if (c >= r.upper_first && c < r.upper_first + r.count) return r.lower_first + (c - r.upper_first);
  }
  for (const auto& r : kPairedRanges) {
    if (c >= r.first && c <= r.last) {
      const bool is_upper = ((c % 2) == 0) == r.upper_even;
      return is_upper ? c + 1 : c;
    }
  }
  for (const auto& p : kSinglePairs) {
    if (c == p[1]) return p[0];
  }
  if (c == 0x0130) return 0x0069;  // İ -> i
  return c;
}

namespace {

void AppendUtf8(uint32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace

void AppendCaseMapped(std::string_view text, bool upper, std::string* out) {
  size_t i = 0;
  while (i < text.size()) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
      out->push_back(static_cast<char>(upper ? ToUpperCodePoint(b0) : ToLowerCodePoint(b0)));
      ++i;
      continue;
    }
    // Decode one multi-byte sequence; anything malformed is copied byte by byte.
    const int length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
    bool valid = length > 0 && i + static_cast<size_t>(length) <= text.size();
    uint32_t c = length == 4 ? (b0 & 0x07u) : length == 3 ? (b0 & 0x0Fu) : (b0 & 0x1Fu);
    for (int k = 1; valid && k < length; ++k) {
      const auto b = static_cast<unsigned char>(text[i + static_cast<size_t>(k)]);
      valid = (b & 0xC0) == 0x80;
      c = (c << 6) | (b & 0x3Fu);
    }
    if (!valid) {
      out->push_back(static_cast<char>(b0));
      ++i;
      continue;
    }
    AppendUtf8(upper ? ToUpperCodePoint(c) : ToLowerCodePoint(c), out);
    i += static_cast<size_t>(length);
  }
}

}  // namespace ballista::compute
