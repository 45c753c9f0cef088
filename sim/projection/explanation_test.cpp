#include <doctest/doctest.h>

#include "sim/projection/explanation.hpp"

using namespace reliefsim;

TEST_CASE("explain names the deciding rule and its citation for each group (hand-built case)") {
  // One state, XX: up to 1 oz a misdemeanor, more a felony; 1,000 possession arrests in 1990.
  LawLibrary law;
  Jurisdiction j;
  j.postal = "XX";
  j.name = "Test State";
  PossessionSchedule s{{{kGramsPerOunce, Grade::misdemeanor, ""}, {std::nullopt, Grade::felony, ""}}};
  j.possession.entries.push_back({*Date::parse("1970-01-01"), s, {}, "", "", false});
  law.jurisdictions.push_back(j);
  PopulationInputs in;
  in.state_arrests.push_back({"XX", 1990, 1000.0, 0.0, 1.0, "Y", std::nullopt});
  in.national_arrests.push_back({1990, 10000, 9000.0, "test"});
  for (const char* id : {"possession-share-up-to-1oz", "possession-amount-spread", "conviction-share-misdemeanor",
                         "conviction-share-felony", "marijuana-only-share", "records-per-person", "federal-lpr-share",
                         "other-conviction-share", "non-conviction-filed-share", "charges-per-case",
                         "repository-reach-violation", "repository-reach-misdemeanor", "repository-reach-felony",
                         "repository-disposition-share", "post-legalization-sale-arrests", "possession-with-intent-share",
                         "distribution-share-up-to-1oz"})
    in.assumptions.push_back({id, "", Distribution::fixed(std::string(id) == "possession-share-up-to-1oz" ? 0.9 : 0.5), {}});
  PopulationOptions options;
  options.first_year = options.last_year = 1990;
  Diagnostics problems;
  const RecordPopulation pop = build_population(law, in, options, problems);
  REQUIRE(problems.empty());
  Scenario sc;
  Action a;
  a.id = "seal_misdemeanors";
  a.mechanism = Mechanism::automatic_repository_sealing;
  a.jurisdictions = {"XX"};
  a.date = *Date::parse("2020-01-01");
  a.scope.grades = {Grade::misdemeanor};
  a.scope.dispositions = {Disposition::conviction};
  a.reference = {{"Test Sealing Act § 1", "", "TSA 1", ""}};
  sc.actions.push_back(a);
  const auto actions = resolve_actions(sc, law, problems);
  const auto rows = explain_eligibility(pop, 0, actions, *Date::parse("2020-01-01"));
  bool misdemeanor_conviction = false, felony = false, dismissed = false;
  for (const auto& r : rows) {
    if (r.grade == "misdemeanor" && r.disposition == "conviction") {
      misdemeanor_conviction = true;
      CHECK(r.eligible);
      CHECK(r.rule == "eligible under seal_misdemeanors (automatic_repository_sealing)");
      CHECK(r.citation == "Test Sealing Act § 1 (TSA 1)");
      CHECK(r.amount == "up to 28.35 g");
      // 1,000 arrests × 0.9 at or under an ounce × 0.5 convicted.
      CHECK(r.records == doctest::Approx(450));
    }
    if (r.grade == "felony" && r.offense == "possession") {
      felony = true;
      CHECK_FALSE(r.eligible);
      CHECK(r.rule == "not eligible: seal_misdemeanors: the grade (felony) is not among [misdemeanor]");
      CHECK(r.amount == "over 28.35 g");
    }
    if (r.grade == "misdemeanor" && r.disposition == "non_conviction") {
      dismissed = true;
      CHECK(r.rule == "not eligible: seal_misdemeanors: the disposition (non_conviction) is not among [conviction]");
    }
  }
  CHECK((misdemeanor_conviction && felony && dismissed));
}
