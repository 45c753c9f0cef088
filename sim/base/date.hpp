// Date: a calendar day, the unit of time of the law and of every projection.
// Stage: base (depends on nothing). Dates are proleptic Gregorian days counted from
// 1970-01-01, so comparison and subtraction are integer operations.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reliefsim {

class Date {
 public:
  constexpr Date() = default;

  /// The date year-month-day, or nullopt when that day does not exist (2022-02-30).
  static std::optional<Date> from_ymd(int year, int month, int day);
  /// Parses exactly "YYYY-MM-DD"; nullopt for any other text or an impossible day.
  static std::optional<Date> parse(std::string_view text);
  /// Days since 1970-01-01 of a valid Gregorian day: Howard Hinnant's days_from_civil,
  /// exact for every day. Inline, so that a constant month and day fold away.
  static constexpr std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
  }
  /// The first day of a year (inline: planning asks millions of times).
  static constexpr Date first_of_year(int year) { return Date(days_from_civil(year, 1, 1)); }

  int year() const;
  int month() const;
  int day() const;
  /// Days since 1970-01-01 (negative before).
  std::int32_t days() const { return days_; }
  /// "YYYY-MM-DD".
  std::string to_string() const;
  /// The same day of the month `months` later, clamped to the month's last day.
  Date add_months(int months) const;
  /// The federal fiscal year the day falls in (FY N runs 1 Oct N-1 to 30 Sep N).
  int federal_fiscal_year() const;

  auto operator<=>(const Date&) const = default;

 private:
  explicit constexpr Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

/// Days in a month of a year (28..31).
int days_in_month(int year, int month);

/// How precisely a source gives a date: the day, only the month, or only the year. A date
/// known to the month or year is written as the first day of its period (docs/schema.md).
enum class DatePrecision { day, month, year };

/// "2017-03-01" (day), "2017-03" (month) or "2017" (year).
std::string precise_text(Date d, DatePrecision p);

/// The middle of the period a date of precision `p` stands for: July 1 for a year, the 15th
/// for a month, the date itself for a day. Used where the model needs one date for an event
/// known only to the year or month, rather than the first day of the period.
Date expected_date(Date d, DatePrecision p);

}  // namespace reliefsim
