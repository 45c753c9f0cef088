#include <doctest/doctest.h>

#include "sim/base/date.hpp"

using reliefsim::Date;
using reliefsim::DatePrecision;
using reliefsim::expected_date;
using reliefsim::precise_text;

TEST_CASE("a date parses from YYYY-MM-DD and prints back the same") {
  auto d = Date::parse("2022-12-08");
  REQUIRE(d);
  CHECK(d->year() == 2022);
  CHECK(d->month() == 12);
  CHECK(d->day() == 8);
  CHECK(d->to_string() == "2022-12-08");
}

TEST_CASE("impossible or malformed dates are rejected") {
  CHECK_FALSE(Date::parse("2022-02-30"));
  CHECK_FALSE(Date::parse("2021-02-29"));  // not a leap year
  CHECK(Date::parse("2020-02-29"));        // a leap year
  CHECK_FALSE(Date::parse("1900-02-29"));  // century, not a leap year
  CHECK(Date::parse("2000-02-29"));        // 400-year, a leap year
  CHECK_FALSE(Date::parse("12/8/2022"));
  CHECK_FALSE(Date::parse("2022-13-01"));
  CHECK_FALSE(Date::parse("2022-1-01"));
  CHECK_FALSE(Date::parse(""));
}

TEST_CASE("days count from 1970-01-01") {
  CHECK(Date::parse("1970-01-01")->days() == 0);
  CHECK(Date::parse("1970-01-02")->days() == 1);
  // 2022-10-06 minus 2022-01-01 is 278 days (31+28+31+30+31+30+31+31+30+5).
  CHECK(Date::parse("2022-10-06")->days() - Date::parse("2022-01-01")->days() == 278);
}

TEST_CASE("federal fiscal year N starts on 1 October of N-1") {
  CHECK(Date::parse("2021-09-30")->federal_fiscal_year() == 2021);
  CHECK(Date::parse("2021-10-01")->federal_fiscal_year() == 2022);
}

TEST_CASE("adding months clamps to the end of a short month") {
  CHECK(Date::parse("2023-01-31")->add_months(1).to_string() == "2023-02-28");
  CHECK(Date::parse("2022-12-08")->add_months(6).to_string() == "2023-06-08");
}

TEST_CASE("issue 17: a date known only to the year or month stands for the middle of its period") {
  const Date d = *Date::parse("2017-01-01");
  CHECK(precise_text(d, DatePrecision::year) == "2017");
  CHECK(precise_text(d, DatePrecision::month) == "2017-01");
  CHECK(precise_text(d, DatePrecision::day) == "2017-01-01");
  CHECK(expected_date(d, DatePrecision::year) == *Date::parse("2017-07-01"));
  CHECK(expected_date(*Date::parse("2017-03-01"), DatePrecision::month) == *Date::parse("2017-03-15"));
  CHECK(expected_date(d, DatePrecision::day) == d);
}

TEST_CASE("the first day of a year, inline, is the day from_ymd gives") {
  for (int y : {1, 4, 99, 100, 399, 400, 1600, 1899, 1900, 1969, 1970, 1971, 2000, 2021, 2024, 2100, 9999})
    CHECK(Date::first_of_year(y) == *Date::from_ymd(y, 1, 1));
  CHECK(Date::first_of_year(1970).days() == 0);
  CHECK(Date::first_of_year(2024).to_string() == "2024-01-01");
}
