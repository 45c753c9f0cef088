// The `laws` summary against counts published at the time (sources in docs/validation.md,
// "The law files against published counts"). Published counts usually count laws enacted;
// ours count laws in effect, so where the two differ the case says why.
#include <doctest/doctest.h>

#include <set>

#include "sim/law/law_snapshot.hpp"
#include "sim/report/laws_table.hpp"
#include "tests/test_support.hpp"

using namespace reliefsim;

namespace {
Date d(const char* s) { return *Date::parse(s); }

std::set<std::string> names_where(const LawLibrary& law, Date on, bool adult_use) {
  std::set<std::string> out;
  for (const auto& j : law.jurisdictions) {
    if (j.level != Level::state) continue;
    const LawSnapshot s = snapshot(j, on);
    if (adult_use ? s.adult_use_since.has_value() : s.medical_since.has_value()) out.insert(j.name);
  }
  return out;
}
}  // namespace

TEST_CASE("on 2022-10-06: 19 states and D.C. with adult use, 37 states and D.C. with medical (NORML)") {
  Workspace ws = testing::load_project();
  REQUIRE(ws.law);
  const LawsSummary s = summarize_laws(*ws.law, d("2022-10-06"));
  CHECK(s.states == 50);
  CHECK(s.states_adult_use == 19);
  CHECK(s.dc_adult_use);
  CHECK(s.states_medical == 37);
  CHECK(s.dc_medical);
}

TEST_CASE("on 2024-04-20: adult use in 24 states and D.C.; medical in 37 in effect (Axios: 38 with Kentucky's, effective 2025-01-01)") {
  Workspace ws = testing::load_project();
  REQUIRE(ws.law);
  const LawsSummary s = summarize_laws(*ws.law, d("2024-04-20"));
  CHECK(s.states_adult_use == 24);
  CHECK(s.dc_adult_use);
  CHECK(s.states_medical == 38 - 1);
  CHECK_FALSE(snapshot(*ws.law->find("KY"), d("2024-04-20")).medical_since);
  CHECK(snapshot(*ws.law->find("KY"), d("2025-01-01")).medical_since);
}

TEST_CASE("in 2026 and today: the 24 adult-use states and the medical states the City of Los Angeles lists, less Texas") {
  Workspace ws = testing::load_project();
  REQUIRE(ws.law);
  // City of Los Angeles, Department of Cannabis Regulation, "The Divided States of Cannabis"
  // (2026-02-10).
  const std::set<std::string> adult_use = {
      "Alaska", "Arizona", "California", "Colorado", "Connecticut", "Delaware", "Illinois", "Maine",
      "Maryland", "Massachusetts", "Michigan", "Minnesota", "Missouri", "Montana", "Nevada", "New Jersey",
      "New Mexico", "New York", "Ohio", "Oregon", "Rhode Island", "Vermont", "Virginia", "Washington"};
  std::set<std::string> medical = adult_use;
  for (const char* s : {"Alabama", "Arkansas", "Florida", "Hawaii", "Kentucky", "Louisiana", "Mississippi",
                        "Nebraska", "New Hampshire", "North Dakota", "Oklahoma", "Pennsylvania", "South Dakota",
                        "Texas", "Utah", "West Virginia"})
    medical.insert(s);
  // The page counts Texas's low-THC Compassionate Use Program as comprehensive; NCSL and MPP
  // do not, and neither does docs/methodology.md.
  medical.erase("Texas");
  for (const char* when : {"2026-02-10", "2026-11-23"}) {
    INFO("on " << when);
    CHECK(names_where(*ws.law, d(when), true) == adult_use);
    CHECK(names_where(*ws.law, d(when), false) == medical);
  }
}
