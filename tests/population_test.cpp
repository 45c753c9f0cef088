// The record population built from the project's data (issue 5): totals preserved,
// calibration margins met, and the same seed giving the same population.
#include <doctest/doctest.h>

#include <cmath>
#include <numeric>

#include "sim/base/random.hpp"
#include "sim/projection/population_summary.hpp"
#include "tests/test_support.hpp"

using namespace reliefsim;

namespace {

int index_of(const LawLibrary& law, const char* postal) {
  for (size_t i = 0; i < law.jurisdictions.size(); ++i)
    if (law.jurisdictions[i].postal == postal) return static_cast<int>(i);
  return -1;
}

}  // namespace

TEST_CASE("every replicate reproduces each observed year's possession arrests exactly") {
  Workspace ws = testing::load_project();
  REQUIRE(ws.problems.empty());
  Diagnostics problems;
  const RecordPopulation pop = build_population(*ws.law, ws.inputs, {}, problems);
  REQUIRE(problems.empty());
  // Missouri 1995 and New Jersey 2000: observed UCR years (post-1994, no coverage scaling).
  for (auto [postal, year, observed] : {std::tuple{"MO", 1995, 10435.0}, {"NJ", 2000, 20285.0}}) {
    const int j = index_of(*ws.law, postal);
    for (std::uint64_t r : {0u, 1u, 2u}) {
      std::vector<double> u, theta;
      for (const auto& p : pop.parameters) u.push_back(keyed_uniform(99, p.name, r));
      pop.compute_theta(u, theta);
      double arrests = 0;
      for (const auto& g : pop.groups)
        if (g.jurisdiction == j && g.year_first == year && g.offense == Offense::possession) arrests += pop.size(g, theta);
      CHECK(arrests == doctest::Approx(observed).epsilon(1e-9));
    }
  }
}

TEST_CASE("calibration margins: estimated years add up to the national total, race shares to the national Black share") {
  Workspace ws = testing::load_project();
  REQUIRE(ws.problems.empty());
  Diagnostics problems;
  const RecordPopulation pop = build_population(*ws.law, ws.inputs, {}, problems);
  REQUIRE(problems.empty());
  const NationalSplit national = split_national(ws.inputs.national_arrests);
  // 1987 has no state observed at all: the states must add up to the national total.
  double sum = 0;
  for (const auto& [j, s] : pop.arrest_series) sum += s.possession.at(1987).count;
  CHECK(sum == doctest::Approx(national.possession.at(1987)).epsilon(1e-9));
  // Race: the arrest-weighted Black share over all states equals the national share
  // interpolated for the year (30% in 2002, 39% in 2020: 2011 is halfway).
  for (int year : {2002, 2011, 2020}) {
    double arrests = 0, black = 0;
    for (const auto& [j, s] : pop.arrest_series) {
      auto r = pop.race.find(j);
      if (r == pop.race.end() || !r->second.count(year)) continue;
      const double a = s.possession.at(year).count + s.sale_manufacture.at(year).count;
      arrests += a;
      black += a * r->second.at(year).share[0];
    }
    const double expected = year == 2002 ? 0.30 : year == 2020 ? 0.39 : 0.345;
    CHECK(black / arrests == doctest::Approx(expected).epsilon(1e-8));
  }
  // Each state-year's shares add up to one.
  for (const auto& [j, years] : pop.race)
    for (const auto& [y, s] : years) CHECK(s.share[0] + s.share[1] + s.share[2] == doctest::Approx(1.0));
}

TEST_CASE("the same seed gives an identical population summary; another seed other draws with the same expected totals") {
  Workspace ws = testing::load_project();
  REQUIRE(ws.problems.empty());
  Diagnostics problems;
  PopulationOptions options;
  options.alive_on = *Date::parse("2022-10-06");
  const RecordPopulation pop = build_population(*ws.law, ws.inputs, options, problems);
  REQUIRE(problems.empty());
  const int mo = index_of(*ws.law, "MO");
  const Date on = *Date::parse("2022-10-06");
  const auto a = summarize_population(pop, mo, on, {1, 400, 1, false});
  const auto b = summarize_population(pop, mo, on, {1, 400, 2, false});
  const auto c = summarize_population(pop, mo, on, {2, 400, 2, false});
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) CHECK(a[i].replicates == b[i].replicates);
  CHECK(a[1].replicates != c[1].replicates);
  // Records held: the means of two seeds agree within four standard errors.
  auto mean = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()); };
  auto sd = [&](const std::vector<double>& v) {
    const double m = mean(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return std::sqrt(s / double(v.size() - 1));
  };
  REQUIRE(a[1].measure == "held");
  REQUIRE(a[1].unit == Unit::records);
  const double se = std::sqrt(2.0) * sd(a[1].replicates) / std::sqrt(400.0);
  CHECK(std::abs(mean(a[1].replicates) - mean(c[1].replicates)) < 4 * se);
}

TEST_CASE("population prints every unit and breakdown, and rejects an unknown jurisdiction") {
  auto r = testing::run_reliefsim("population MO --as-of 2022-10-06 --replicates 100 --format csv");
  REQUIRE(r.exit_code == 0);
  for (const char* m : {",held,people,", ",held,records,", ",held_grade_felony,convictions,",
                        ",held_decade_1990s,records,", ",held_race_black,people,"})
    CHECK_MESSAGE(r.out.find(m) != std::string::npos, m);
  CHECK(r.out.rfind("scenario,jurisdiction,postal,fips,measure,unit,as_of,median,p05,p95\n", 0) == 0);
  r = testing::run_reliefsim("population MX");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no jurisdiction 'MX'") != std::string::npos);
  CHECK(r.err.find("did you mean '") != std::string::npos);
}

TEST_CASE("issue 23: population without a state gives the national figures, which hold each state's") {
  const auto us = testing::run_reliefsim("population --as-of 2022-10-06 --replicates 30 --format csv");
  const auto mo = testing::run_reliefsim("population MO --as-of 2022-10-06 --replicates 30 --format csv");
  REQUIRE(us.exit_code == 0);
  REQUIRE(mo.exit_code == 0);
  auto median_of = [](const std::string& csv, const std::string& key) {
    const size_t at = csv.find(key);
    if (at == std::string::npos) return -1.0;
    const size_t start = csv.find(',', at + key.size()) + 1;  // past the date
    return std::stod(csv.substr(start, csv.find(',', start) - start));
  };
  const double nation = median_of(us.out, ",held,people,2022-10-06");
  const double missouri = median_of(mo.out, ",held,people,2022-10-06");
  CHECK(missouri > 0);
  CHECK(nation > 10 * missouri);
  CHECK(median_of(us.out, ",under_sentence_probation,people,2022-10-06") > median_of(mo.out, ",under_sentence_probation,people,2022-10-06"));
}
