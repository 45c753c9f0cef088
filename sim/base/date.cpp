#include "sim/base/date.hpp"

#include <cstdio>

namespace reliefsim {
namespace {

struct Civil {
  int y;
  unsigned m, d;
};

// Howard Hinnant's civil_from_days, the inverse of Date::days_from_civil: exact for every
// Gregorian day.

Civil civil_from_days(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return kDays[month - 1];
}

std::optional<Date> Date::from_ymd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > days_in_month(year, month)) return std::nullopt;
  return Date(Date::days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

std::optional<Date> Date::parse(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t n) -> int {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return from_ymd(y, m, d);
}

int Date::year() const { return civil_from_days(days_).y; }
int Date::month() const { return static_cast<int>(civil_from_days(days_).m); }
int Date::day() const { return static_cast<int>(civil_from_days(days_).d); }

std::string Date::to_string() const {
  const Civil c = civil_from_days(days_);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
  return buf;
}

Date Date::add_months(int months) const {
  const Civil c = civil_from_days(days_);
  int total = c.y * 12 + static_cast<int>(c.m) - 1 + months;
  const int y = total / 12, m = total % 12 + 1;
  const int d = std::min(static_cast<int>(c.d), days_in_month(y, m));
  return *from_ymd(y, m, d);
}

int Date::federal_fiscal_year() const {
  const Civil c = civil_from_days(days_);
  return c.m >= 10 ? c.y + 1 : c.y;
}

std::string precise_text(Date d, DatePrecision p) {
  const std::string full = d.to_string();
  switch (p) {
    case DatePrecision::day: return full;
    case DatePrecision::month: return full.substr(0, 7);
    case DatePrecision::year: return full.substr(0, 4);
  }
  return full;
}

Date expected_date(Date d, DatePrecision p) {
  switch (p) {
    case DatePrecision::day: return d;
    case DatePrecision::month: return *Date::from_ymd(d.year(), d.month(), 15);
    case DatePrecision::year: return *Date::from_ymd(d.year(), 7, 1);
  }
  return d;
}

}  // namespace reliefsim
