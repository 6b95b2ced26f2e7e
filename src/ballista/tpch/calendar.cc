#include "ballista/tpch/calendar.h"

#include <array>

namespace ballista::tpch {
namespace {

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

struct DateTable {
  std::array<std::array<char, 10>, kNumDates> text;
  DateTable() {
    static constexpr int kDaysInMonth[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int year = 1992, month = 1, day = 1;
    for (int i = 0; i < kNumDates; ++i) {
      char* t = text[i].data();
      t[0] = static_cast<char>('0' + year / 1000);
      t[1] = static_cast<char>('0' + year / 100 % 10);
      t[2] = static_cast<char>('0' + year / 10 % 10);
      t[3] = static_cast<char>('0' + year % 10);
      t[4] = '-';
      t[5] = static_cast<char>('0' + month / 10);
      t[6] = static_cast<char>('0' + month % 10);
      t[7] = '-';
      t[8] = static_cast<char>('0' + day / 10);
      t[9] = static_cast<char>('0' + day % 10);
      const int month_days = kDaysInMonth[month - 1] + (month == 2 && IsLeap(year) ? 1 : 0);
      if (++day > month_days) {
        day = 1;
        if (++month > 12) {
          month = 1;
          ++year;
        }
      }
    }
  }
};

}  // namespace

std::string_view DateString(int day_offset) {
  static const DateTable table;
  return {table.text[day_offset].data(), 10};
}

}  // namespace ballista::tpch
