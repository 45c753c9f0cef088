#include <doctest/doctest.h>

#include <cmath>

#include "sim/population/survival.hpp"

using namespace reliefsim;

TEST_CASE("survival is the ratio of life-table survivors, interpolated log-linearly between ages") {
  Demography d;
  // One table: 100,000 alive at 20, 90,000 at 30, 81,000 at 40 (10% die each decade).
  for (auto [age, lx] : {std::pair{20, 100000.0}, {30, 90000.0}, {40, 81000.0}})
    d.life_table.push_back({2000, true, age, lx});
  d.age_bands = {{"twenty", 20, 1.0}};
  d.male_share = 1.0;
  const SurvivalModel m(d);
  CHECK(m.survival(true, 20, 2000, 10) == doctest::Approx(0.9));
  CHECK(m.survival(true, 20, 2000, 20) == doctest::Approx(0.81));
  // Halfway between tabulated ages: 100000 × 0.9^(1/2) survivors at 25.
  CHECK(m.survival(true, 20, 2000, 5) == doctest::Approx(std::sqrt(0.9)));
  // Arrested in 1999 (taken at mid-year 1999.5), counted on 2009-07-02: ten years later.
  const SurvivalShares s = m.shares(1999, *Date::parse("2009-07-02"));
  CHECK(s.alive == doctest::Approx(0.9).epsilon(1e-3));
  CHECK(s.alive_sq == doctest::Approx(0.81).epsilon(1e-3));
  // Past the oldest tabulated age nobody is alive.
  CHECK(m.survival(true, 20, 2000, 30) == 0);
}
