#include <doctest/doctest.h>

#include "sim/eligibility/eligibility.hpp"

using namespace reliefsim;

namespace {
Date d(const char* s) { return *Date::parse(s); }

RecordGroup possession_conviction(int year) {
  RecordGroup g;
  g.jurisdiction = 0;
  g.year_first = g.year_last = year;
  g.offense = Offense::possession;
  g.band = 0;
  g.grade = Grade::misdemeanor;
  g.disposition = Disposition::conviction;
  return g;
}
}  // namespace

TEST_CASE("a date window cuts a year-long group by days") {
  AmountBands bands{{28.349523125}};
  Scope s;
  s.offense_on_or_before = d("2022-07-01");
  // 2022-01-01 to 2022-07-01 inclusive: 31+28+31+30+31+30+1 = 182 of 365 days.
  CHECK(eligible_fraction(possession_conviction(2022), bands, s, Mechanism::blanket_pardon, d("2022-10-06")) ==
        doctest::Approx(182.0 / 365.0));
  // A whole earlier year is in.
  CHECK(eligible_fraction(possession_conviction(2021), bands, s, Mechanism::blanket_pardon, d("2022-10-06")) == 1.0);
  // Offenses after the action's own date are never reached: 2022-01-01..2022-10-06 is 279 days.
  Scope open;
  CHECK(eligible_fraction(possession_conviction(2022), bands, open, Mechanism::blanket_pardon, d("2022-10-06")) ==
        doctest::Approx(279.0 / 365.0));
}

TEST_CASE("a pardon reaches convictions only unless its scope says otherwise") {
  AmountBands bands{{28.349523125}};
  RecordGroup g = possession_conviction(2010);
  g.disposition = Disposition::non_conviction;
  CHECK(eligible_fraction(g, bands, Scope{}, Mechanism::blanket_pardon, d("2022-10-06")) == 0);
  CHECK(eligible_fraction(g, bands, Scope{}, Mechanism::automatic_court_expungement, d("2022-10-06")) == 1);
}

TEST_CASE("amount limits, grades, civil grades and law changes") {
  AmountBands bands{{10, 28.349523125, 85.04856937}};  // bands: ≤10 g, ≤1 oz, ≤3 oz, more
  Scope three_oz;
  three_oz.max_amount_grams = 85.04856937;
  RecordGroup g = possession_conviction(2010);
  g.band = 2;  // (1 oz, 3 oz]
  CHECK(eligible_fraction(g, bands, three_oz, Mechanism::automatic_court_expungement, d("2022-12-08")) == 1);
  g.band = 3;  // over 3 oz
  CHECK(eligible_fraction(g, bands, three_oz, Mechanism::automatic_court_expungement, d("2022-12-08")) == 0);
  Scope misdemeanors;
  misdemeanors.grades = {Grade::misdemeanor};
  g.grade = Grade::felony;
  CHECK(eligible_fraction(g, bands, misdemeanors, Mechanism::blanket_pardon, d("2022-12-08")) == 0);
  g.grade = Grade::civil;
  g.criminal_record = false;  // a civil fine leaves no record to clear
  CHECK(eligible_fraction(g, bands, Scope{}, Mechanism::blanket_pardon, d("2022-12-08")) == 0);
  CHECK(eligible_fraction(possession_conviction(2010), bands, Scope{}, Mechanism::law_change, d("2022-12-08")) == 0);
}

TEST_CASE("federal fiscal-year groups are cut by the sentencing years in scope") {
  AmountBands bands{{28.349523125}};
  RecordGroup g;
  g.jurisdiction = 0;
  g.year_first = 1992;
  g.year_last = 2021;
  g.fiscal_years = true;
  g.band = -1;
  Scope s;
  s.sentenced_fiscal_years = std::make_pair(2012, 2021);  // 10 of 30 years
  CHECK(eligible_fraction(g, bands, s, Mechanism::blanket_pardon, d("2022-10-06")) == doctest::Approx(10.0 / 30.0));
}

TEST_CASE("a lookback keeps recent offenses, a waiting period old ones") {
  AmountBands bands{{28.349523125}};
  Scope lookback;
  lookback.lookback_years = 5;  // action on 2022-01-01: offenses from 2017-01-01 on
  CHECK(eligible_fraction(possession_conviction(2016), bands, lookback, Mechanism::blanket_pardon, d("2022-01-01")) == 0);
  CHECK(eligible_fraction(possession_conviction(2017), bands, lookback, Mechanism::blanket_pardon, d("2022-01-01")) == 1);
  Scope waiting;
  waiting.waiting_years = 5;  // offenses on or before 2017-01-01
  CHECK(eligible_fraction(possession_conviction(2016), bands, waiting, Mechanism::blanket_pardon, d("2022-01-01")) == 1);
  CHECK(eligible_fraction(possession_conviction(2017), bands, waiting, Mechanism::blanket_pardon, d("2022-01-01")) ==
        doctest::Approx(1.0 / 365));
  CHECK(eligible_fraction(possession_conviction(2018), bands, waiting, Mechanism::blanket_pardon, d("2022-01-01")) == 0);
}

TEST_CASE("an age condition reaches the share of arrestees of those ages, uniform within a band") {
  // The bands of data/demography/arrest_age_sex.yaml.
  const std::vector<AgeBandShare> ages = {{"under_18", 16, 0.11, 0}, {"18_to_20", 19, 0.39, 18},
                                          {"21_to_39", 28, 0.32, 21}, {"40_to_49", 44, 0.12, 40},
                                          {"50_plus", 55, 0.06, 50}};
  Scope s;
  CHECK(age_share(ages, s) == 1);  // no condition
  s.age_at_least = 21;
  CHECK(age_share(ages, s) == doctest::Approx(0.32 + 0.12 + 0.06));  // 0.50
  s.age_at_least.reset();
  s.age_under = 21;
  CHECK(age_share(ages, s) == doctest::Approx(0.11 + 0.39));
  s.age_at_least = 18;
  CHECK(age_share(ages, s) == doctest::Approx(0.39));
  // Inside a band: 30 to 39 is 10 of the 19 years of 21-39; the last band runs to 80.
  s = Scope{};
  s.age_at_least = 30;
  CHECK(age_share(ages, s) == doctest::Approx(0.32 * 10.0 / 19.0 + 0.12 + 0.06));
  s.age_at_least = 65;
  CHECK(age_share(ages, s) == doctest::Approx(0.06 * 15.0 / 30.0));
}
