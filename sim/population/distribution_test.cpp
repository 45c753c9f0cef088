// Sale/manufacture records: split by conduct (possession with intent, or the rest) and by
// amount range, graded by a `distribution` schedule where one is encoded.
#include <doctest/doctest.h>

#include <cmath>

#include "sim/base/random.hpp"
#include "sim/eligibility/eligibility.hpp"
#include "sim/population/record_population.hpp"

using namespace reliefsim;

namespace {

constexpr double kHalfOunce = kGramsPerOunce / 2;

// One state with 400 sale/manufacture arrests in 1990 and no possession arrests; every
// share fixed: 25% of sales are possession with intent, half of sale amounts are at or
// under one ounce, log-amount spread 1, every arrest convicted.
struct SaleWorld {
  LawLibrary law;
  PopulationInputs inputs;
  PopulationOptions options;

  explicit SaleWorld(bool half_ounce_misdemeanor) {
    Jurisdiction j;
    j.postal = "XX";
    j.name = "XX";
    j.possession.entries.push_back(
        {*Date::parse("1970-01-01"), PossessionSchedule{{{std::nullopt, Grade::misdemeanor, ""}}}, {}, "", "", false});
    if (half_ounce_misdemeanor)
      j.distribution.entries.push_back({*Date::parse("1980-01-01"),
                                        PossessionSchedule{{{kHalfOunce, Grade::misdemeanor, "Class 1 misdemeanor"},
                                                            {std::nullopt, Grade::felony, ""}}},
                                        {}, "", "", false});
    law.jurisdictions.push_back(j);
    inputs.state_arrests.push_back({"XX", 1990, 0.0, 400.0, 1.0, "Y", std::nullopt});
    inputs.national_arrests.push_back({1990, 10000, 9000.0, "test"});
    auto fixed = [&](const char* id, double v) { inputs.assumptions.push_back({id, "", Distribution::fixed(v), {}}); };
    for (const char* id : {"possession-share-up-to-1oz", "distribution-share-up-to-1oz"}) fixed(id, 0.5);
    fixed("possession-amount-spread", 1.0);
    fixed("possession-with-intent-share", 0.25);
    for (const char* id : {"conviction-share-misdemeanor", "conviction-share-felony", "marijuana-only-share",
                           "records-per-person", "federal-lpr-share", "charges-per-case", "non-conviction-filed-share",
                           "repository-reach-violation", "repository-reach-misdemeanor", "repository-reach-felony",
                           "repository-disposition-share", "post-legalization-sale-arrests"})
      fixed(id, 1.0);
    fixed("other-conviction-share", 0.0);
    options.first_year = options.last_year = 1990;
  }

  RecordPopulation build() {
    Diagnostics problems;
    RecordPopulation pop = build_population(law, inputs, options, problems);
    REQUIRE(problems.empty());
    return pop;
  }
};

// The records of `pop` a scope reaches, at the fixed parameters.
double reached(const RecordPopulation& pop, const Scope& scope) {
  std::vector<double> theta;
  pop.compute_theta(std::vector<double>(pop.parameters.size(), 0.5), theta);
  double sum = 0;
  for (const RecordGroup& g : pop.groups)
    sum += pop.size(g, theta) *
           eligible_fraction(g, pop.bands, scope, Mechanism::automatic_court_expungement, *Date::parse("2020-01-01"));
  return sum;
}

}  // namespace

TEST_CASE("sale records split into possession with intent and the rest, and add up to the arrests") {
  SaleWorld w(false);
  const RecordPopulation pop = w.build();
  // No schedule and no amount limit: one range, so two conduct cells of 8 groups each.
  size_t sale_groups = 0;
  for (const RecordGroup& g : pop.groups) sale_groups += g.offense != Offense::possession;
  CHECK(sale_groups == 16);
  Scope all, intent, sale;
  intent.offenses = {Offense::possession_with_intent};
  sale.offenses = {Offense::sale_manufacture};
  CHECK(reached(pop, all) == doctest::Approx(400));
  CHECK(reached(pop, sale) == doctest::Approx(400));  // the UCR category holds both
  CHECK(reached(pop, intent) == doctest::Approx(100));
  for (const RecordGroup& g : pop.groups)
    if (g.offense != Offense::possession) CHECK(g.grade == Grade::felony);
}

TEST_CASE("a distribution schedule grades small sales as misdemeanors; amount limits cut sale records") {
  // Half of sale amounts are at or under 1 oz with log-spread 1: the share at or under half an
  // ounce is Φ(ln 0.5) = 0.24411.
  const double small = normal_cdf(std::log(0.5));
  CHECK(small == doctest::Approx(0.24411).epsilon(1e-4));
  SaleWorld w(true);
  const RecordPopulation pop = w.build();
  Scope misdemeanors;
  misdemeanors.grades = {Grade::misdemeanor};
  CHECK(reached(pop, misdemeanors) == doctest::Approx(400 * small));
  Scope intent_misdemeanors = misdemeanors;
  intent_misdemeanors.offenses = {Offense::possession_with_intent};
  CHECK(reached(pop, intent_misdemeanors) == doctest::Approx(100 * small));
  // A limit at the tier edge reaches the same records; a limit of 1 oz, added as a band edge
  // by the scenario, reaches half.
  Scope half_ounce;
  half_ounce.max_amount_grams = kHalfOunce;
  CHECK(reached(pop, half_ounce) == doctest::Approx(400 * small));
  SaleWorld w2(true);
  w2.options.extra_band_edges = {kGramsPerOunce};
  Scope one_ounce;
  one_ounce.max_amount_grams = kGramsPerOunce;
  CHECK(reached(w2.build(), one_ounce) == doctest::Approx(200));
  // Before the schedule (1980), a year's sales would be felonies: the schedule is dated.
  SaleWorld w3(true);
  w3.law.jurisdictions[0].distribution.entries[0].from = *Date::parse("1995-01-01");
  CHECK(reached(w3.build(), misdemeanors) == doctest::Approx(0));
}
