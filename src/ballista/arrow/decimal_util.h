#pragma once

// Text conversion of decimal values stored as little-endian two's-complement integers of 4, 8, 16
// or 32 bytes (Decimal32/64/128/256). Shared by arrays, builders, the pretty printer and JSON.

#include <cstdint>
#include <string>
#include <string_view>

#include "ballista/common/status.h"

namespace ballista::arrow::decimal {

/// Formats the unscaled integer at `bytes` (`byte_width` of 4, 8, 16 or 32) with `scale`
/// fractional digits: 1230 with scale 2 -> "12.30", -5 with scale 3 -> "-0.005"; a negative scale
/// appends zeros (12 with scale -2 -> "1200").
std::string FormatUnscaled(const uint8_t* bytes, int byte_width, int32_t scale);

/// Parses decimal text ("12.3", "-0.005", "+7", ".5", "1.5e3") into the unscaled integer for
/// `scale`, written as `byte_width` little-endian bytes to `out`. Digits past the scale are
/// rounded half away from zero. InvalidArgument when the text is not a number or the result needs
/// more than `precision` digits.
Status ParseDecimal(std::string_view text, int32_t precision, int32_t scale, int byte_width,
                    uint8_t* out);

/// Sign-extends (or truncates, for 32-byte values) the integer at `bytes` to 128 bits.
__int128 ToInt128(const uint8_t* bytes, int byte_width);

/// Whether `value` is representable in `byte_width` bytes of two's complement.
bool FitsInWidth(__int128 value, int byte_width);

/// Writes `value` as `byte_width` little-endian bytes, sign-extended to 32 bytes when needed. The
/// caller checks FitsInWidth first for widths below 16.
void StoreInt128(__int128 value, int byte_width, uint8_t* out);

}  // namespace ballista::arrow::decimal
