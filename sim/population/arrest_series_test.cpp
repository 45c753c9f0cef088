#include <doctest/doctest.h>

#include "sim/population/arrest_series.hpp"

using namespace reliefsim;

TEST_CASE("national arrests split by the possession share, interpolated between known years") {
  std::vector<NationalArrestRow> rows = {
      {2000, 1000, 800.0, "a"}, {2001, 1000, std::nullopt, "a"}, {2002, 2000, 1800.0, "a"}, {2003, 500, std::nullopt, "a"}};
  const NationalSplit s = split_national(rows);
  CHECK(s.possession.at(2000) == 800);
  // 2001: share halfway between 0.8 and 0.9 = 0.85.
  CHECK(s.possession.at(2001) == doctest::Approx(850));
  CHECK(s.sale_manufacture.at(2001) == doctest::Approx(150));
  // 2003: after the last known share (0.9), that share carries forward.
  CHECK(s.possession.at(2003) == doctest::Approx(450));
}

TEST_CASE("state arrests: observed, adjusted for untyped drug arrests, interpolated, back- and forecast") {
  NationalSplit n;
  for (int y = 1983; y <= 1990; ++y) {
    n.possession[y] = 1000;
    n.sale_manufacture[y] = 100;
  }
  std::vector<StateArrestRow> rows = {
      {"XX", 1985, 100.0, 10.0, 1.0, "Y", std::nullopt},
      {"XX", 1986, 150.0, 10.0, 0.75, "PARTIAL", std::nullopt},  // 150 / 0.75 = 200
      {"XX", 1987, 999.0, 10.0, 1.0, "N", std::nullopt},         // unusable: estimated instead
      {"XX", 1988, 300.0, 10.0, 1.0, "Y", std::nullopt},
  };
  const JurisdictionArrests a = estimate_state_arrests("XX", rows, n, 1983, 1990);
  CHECK(a.possession.at(1985).count == 100);
  CHECK(a.possession.at(1986).count == doctest::Approx(200));
  CHECK(a.possession.at(1986).basis == ArrestBasis::adjusted);
  // 1987: shares 0.2 (1986) and 0.3 (1988), halfway: 0.25 of 1000.
  CHECK(a.possession.at(1987).count == doctest::Approx(250));
  CHECK(a.possession.at(1987).basis == ArrestBasis::gap);
  // Before 1985: mean share of the three earliest observed years (0.1, 0.2, 0.3) = 0.2.
  CHECK(a.possession.at(1983).count == doctest::Approx(200));
  CHECK(a.possession.at(1983).basis == ArrestBasis::backcast);
  // After 1988: mean of the three latest (0.3, 0.2, 0.1) = 0.2.
  CHECK(a.possession.at(1990).count == doctest::Approx(200));
  CHECK(a.possession.at(1990).basis == ArrestBasis::forecast);
}

TEST_CASE("a state that decriminalizes after its last observed year is not credited with the arrests it stops making") {
  NationalSplit n;
  for (int y = 2000; y <= 2012; ++y) n.possession[y] = 1000;
  std::vector<StateArrestRow> rows;
  for (int y = 2006; y <= 2008; ++y) rows.push_back({"XX", y, 100.0, 0.0, 1.0, "Y", std::nullopt});
  // Every incident is an arrest through 2010; from 2011 only the 14% over one ounce are.
  auto arrestable = [](int y) { return y >= 2011 ? 0.14 : 1.0; };
  const JurisdictionArrests a = estimate_state_arrests("XX", rows, n, 2000, 2012, arrestable);
  CHECK(a.possession.at(2010).count == doctest::Approx(100));
  CHECK(a.possession.at(2011).count == doctest::Approx(14));  // 1000 × 0.1 × 0.14
}
