#include "ballista/arrow/decimal_util.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace ballista::arrow::decimal {

namespace {

// Every width is widened to 256 bits (four little-endian 64-bit words) so that one code path
// handles Decimal32 through Decimal256. Formatting and parsing are not hot paths.
using Wide = std::array<uint64_t, 4>;

Wide Load(const uint8_t* bytes, int byte_width) {
  Wide w{};
  std::memcpy(w.data(), bytes, static_cast<size_t>(byte_width));
  if (byte_width < 32 && (bytes[byte_width - 1] & 0x80) != 0) {
    auto* raw = reinterpret_cast<uint8_t*>(w.data());
    std::memset(raw + byte_width, 0xff, static_cast<size_t>(32 - byte_width));
  }
  return w;
}

bool IsNegative(const Wide& w) { return (w[3] >> 63) != 0; }

bool IsZero(const Wide& w) { return (w[0] | w[1] | w[2] | w[3]) == 0; }

void Negate(Wide* w) {
  unsigned __int128 carry = 1;
  for (auto& word : *w) {
    unsigned __int128 sum = static_cast<unsigned __int128>(~word) + carry;
    word = static_cast<uint64_t>(sum);
    carry = sum >> 64;
  }
}

// Divides the unsigned value in place by `divisor`, returning the remainder.
uint64_t DivMod(Wide* w, uint64_t divisor) {
  unsigned __int128 remainder = 0;
  for (int i = 3; i >= 0; --i) {
    unsigned __int128 current = (remainder << 64) | (*w)[static_cast<size_t>(i)];
    (*w)[static_cast<size_t>(i)] = static_cast<uint64_t>(current / divisor);
    remainder = current % divisor;
  }
  return static_cast<uint64_t>(remainder);
}

// w = w * multiplier + addend (unsigned); false on overflow past 256 bits.
bool MulAdd(Wide* w, uint64_t multiplier, uint64_t addend) {
  unsigned __int128 carry = addend;
  for (auto& word : *w) {
    unsigned __int128 product = static_cast<unsigned __int128>(word) * multiplier + carry;
    word = static_cast<uint64_t>(product);
    carry = product >> 64;
  }
  return carry == 0;
}

// Unsigned decimal digits of a non-negative value.
std::string Digits(Wide w) {
  if (IsZero(w)) return "0";
  std::string digits;
  while (!IsZero(w)) {
    uint64_t chunk = DivMod(&w, 10000000000000000000ull);  // 10^19 fits in uint64
    for (int i = 0; i < 19; ++i) {
      digits.push_back(static_cast<char>('0' + chunk % 10));
      chunk /= 10;
      if (IsZero(w) && chunk == 0) break;
    }
  }
  std::reverse(digits.begin(), digits.end());
  return digits;
}

Status ParseError(std::string_view text, std::string_view why) {
  return Status::InvalidArgument("cannot parse \"" + std::string(text) +
                                 "\" as a decimal: " + std::string(why));
}

}  // namespace

std::string FormatUnscaled(const uint8_t* bytes, int byte_width, int32_t scale) {
  Wide w = Load(bytes, byte_width);
  const bool negative = IsNegative(w);
  if (negative) Negate(&w);  // -2^255 stays itself, which reads correctly as unsigned
  std::string digits = Digits(w);
  std::string out = negative ? "-" : "";
  if (scale > 0) {
    const auto s = static_cast<size_t>(scale);
    if (digits.size() <= s) digits.insert(0, s + 1 - digits.size(), '0');
    out += digits.substr(0, digits.size() - s);
    out += '.';
    out += digits.substr(digits.size() - s);
  } else {
    out += digits;
    if (scale < 0 && digits != "0") {
      // A huge negative scale (from a corrupt file) must not become a huge string.
      const int64_t zeros = -static_cast<int64_t>(scale);
      if (zeros <= 100) {
        out.append(static_cast<size_t>(zeros), '0');
      } else {
        out += "e" + std::to_string(zeros);
      }
    }
  }
  return out;
}

Status ParseDecimal(std::string_view text, int32_t precision, int32_t scale, int byte_width,
                    uint8_t* out) {
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    negative = text[pos] == '-';
    ++pos;
  }
  std::string digits;  // integer and fraction digits, without the point
  int64_t fraction_digits = 0;
  bool any_digit = false;
  bool seen_point = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      // Leading zeros carry no information; dropping them bounds the string by the precision.
      if (!(digits.empty() && c == '0')) digits.push_back(c);
      if (seen_point) ++fraction_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return ParseError(text, "no digits");
  int64_t exponent = 0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool exp_negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      exp_negative = text[pos] == '-';
      ++pos;
    }
    if (pos >= text.size()) return ParseError(text, "missing exponent digits");
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
      exponent = exponent * 10 + (text[pos] - '0');
      if (exponent > 100000) return ParseError(text, "exponent out of range");
    }
    if (exp_negative) exponent = -exponent;
  }
  if (pos != text.size())
    return ParseError(text, "unexpected character '" + std::string(1, text[pos]) + "'");

  // digits * 10^(exponent - fraction_digits) = unscaled * 10^-scale.
  const int64_t shift = exponent - fraction_digits + scale;
  if (digits.empty()) digits = "0";
  if (shift >= 0) {
    if (digits != "0") {
      if (static_cast<int64_t>(digits.size()) + shift > precision) {
        return ParseError(text, "needs more than " + std::to_string(precision) + " digits");
      }
      digits.append(static_cast<size_t>(shift), '0');
    }
  } else {
    const int64_t keep = static_cast<int64_t>(digits.size()) + shift;
    bool round_up = false;
    if (keep < 0) {
      digits = "0";
    } else {
      round_up = digits[static_cast<size_t>(keep)] >= '5';
      digits.resize(static_cast<size_t>(keep));
      if (digits.empty()) digits = "0";
    }
    if (round_up) {
      // Decimal increment of the kept digits (half away from zero on the magnitude).
      int64_t i = static_cast<int64_t>(digits.size()) - 1;
      for (; i >= 0 && digits[static_cast<size_t>(i)] == '9'; --i)
        digits[static_cast<size_t>(i)] = '0';
      if (i < 0) {
        digits.insert(0, 1, '1');
      } else {
        ++digits[static_cast<size_t>(i)];
      }
    }
    size_t first = digits.find_first_not_of('0');
    digits = first == std::string::npos ? "0" : digits.substr(first);
  }
  if (digits != "0" && static_cast<int64_t>(digits.size()) > precision) {
    return ParseError(text, "needs more than " + std::to_string(precision) + " digits");
  }
  Wide w{};
  for (char c : digits) {
    if (!MulAdd(&w, 10, static_cast<uint64_t>(c - '0'))) return ParseError(text, "out of range");
  }
  // The magnitude must leave the sign bit of the target width free (or be exactly 2^(bits-1)
  // when negative, the most negative value).
  Wide limit{};
  const int bits = byte_width * 8 - 1;
  limit[static_cast<size_t>(bits / 64)] = uint64_t{1} << (bits % 64);
  auto compare = [](const Wide& a, const Wide& b) {
    for (int i = 3; i >= 0; --i) {
      if (a[static_cast<size_t>(i)] != b[static_cast<size_t>(i)]) {
        return a[static_cast<size_t>(i)] < b[static_cast<size_t>(i)] ? -1 : 1;
      }
    }
    return 0;
  };
  int cmp = compare(w, limit);
  if (cmp > 0 || (cmp == 0 && !negative)) {
    return ParseError(text, "out of range for " + std::to_string(byte_width) + "-byte decimal");
  }
  if (negative) Negate(&w);
  std::memcpy(out, w.data(), static_cast<size_t>(byte_width));
  return Status::OK();
}

__int128 ToInt128(const uint8_t* bytes, int byte_width) {
  Wide w = Load(bytes, std::min(byte_width, 32));
  unsigned __int128 low = (static_cast<unsigned __int128>(w[1]) << 64) | w[0];
  return static_cast<__int128>(low);
}

bool FitsInWidth(__int128 value, int byte_width) {
  if (byte_width >= 16) return true;
  const int bits = byte_width * 8;
  const __int128 max = (static_cast<__int128>(1) << (bits - 1)) - 1;
  const __int128 min = -max - 1;
  return value >= min && value <= max;
}

void StoreInt128(__int128 value, int byte_width, uint8_t* out) {
  uint8_t raw[32];
  std::memcpy(raw, &value, 16);
  std::memset(raw + 16, value < 0 ? 0xff : 0x00, 16);
  std::memcpy(out, raw, static_cast<size_t>(byte_width));
}

}  // namespace ballista::arrow::decimal
