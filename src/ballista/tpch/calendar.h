#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace ballista::tpch {

/// TPC-H dates are day offsets from STARTDATE, 1992-01-01. Every generated date lies in
/// [0, kNumDates): 1992-01-01 .. 1998-12-31.
inline constexpr int kNumDates = 2557;
/// Days from 1970-01-01 to 1992-01-01 (to turn a day offset into an Arrow date32).
inline constexpr int32_t kStartDateEpochDays = 8035;
/// The last order date: STARTDATE + 2557 - (121 + 30) - 1 days (1998-08-02).
inline constexpr int kMaxOrderDate = kNumDates - (121 + 30) - 1;
/// CURRENTDATE, 1995-06-17: lineitems shipped up to it are filled ('F'), received up to it may
/// be returned.
inline constexpr int kCurrentDate = 1263;

namespace internal {

using DateText = std::array<char, 10>;

/// "YYYY-MM-DD" for every day offset, built at compile time.
constexpr std::array<DateText, kNumDates> MakeDateTexts() {
  constexpr int kDaysInMonth[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  std::array<DateText, kNumDates> texts{};
  int year = 1992, month = 1, day = 1;
  for (DateText& t : texts) {
    t = {static_cast<char>('0' + year / 1000),
         static_cast<char>('0' + year / 100 % 10),
         static_cast<char>('0' + year / 10 % 10),
         static_cast<char>('0' + year % 10),
         '-',
         static_cast<char>('0' + month / 10),
         static_cast<char>('0' + month % 10),
         '-',
         static_cast<char>('0' + day / 10),
         static_cast<char>('0' + day % 10)};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (++day > kDaysInMonth[month - 1] + (month == 2 && leap ? 1 : 0)) {
      day = 1;
      if (++month > 12) {
        month = 1;
        ++year;
      }
    }
  }
  return texts;
}

inline constexpr std::array<DateText, kNumDates> kDateTexts = MakeDateTexts();

}  // namespace internal

/// "YYYY-MM-DD" for a day offset in [0, kNumDates); the views are static.
inline std::string_view DateString(int day_offset) {
  return {internal::kDateTexts[day_offset].data(), 10};
}

}  // namespace ballista::tpch
