#pragma once

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

/// "YYYY-MM-DD" for a day offset in [0, kNumDates); the views stay valid for the process.
std::string_view DateString(int day_offset);

}  // namespace ballista::tpch
