#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ballista::compute {

/// Simple (one code point to one code point) case mappings for the scripts most text uses:
/// ASCII, Latin-1, Latin Extended-A and Additional, Greek, Cyrillic, Armenian and fullwidth
/// Latin. Code points outside them map to themselves. No locale rules and no one-to-many
/// mappings (upper('ß') is the capital 'ẞ', not 'SS'), as with DuckDB's simple case mapping.
uint32_t ToUpperCodePoint(uint32_t c);
uint32_t ToLowerCodePoint(uint32_t c);

/// Appends `text` (UTF-8) to `out` with every code point case-mapped. Invalid UTF-8 bytes are
/// copied unchanged.
void AppendCaseMapped(std::string_view text, bool upper, std::string* out);

}  // namespace ballista::compute
