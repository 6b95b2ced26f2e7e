#pragma once

// Helpers shared by scalar.cc, scalar_array.cc and scalar_to_string.cc; not public API.

#include <cstdint>

namespace ballista::arrow::scalar_internal {

/// IEEE half-precision bits to float (exact).
float HalfToFloat(uint16_t bits);
/// Float to IEEE half-precision bits, rounding to nearest with ties to even; overflow gives
/// infinity and NaN stays NaN.
uint16_t FloatToHalf(float value);

}  // namespace ballista::arrow::scalar_internal
