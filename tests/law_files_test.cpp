// The project's own law and scenario files: they load, and their dated values say what
// the cited statutes say at, before and after each change.
#include <doctest/doctest.h>

#include <filesystem>

#include "sim/load/scenario_loader.hpp"
#include "tests/test_support.hpp"

using namespace reliefsim;

namespace {
Date d(const char* s) { return *Date::parse(s); }
}  // namespace

TEST_CASE("every file in states/, scenarios/ and data/ loads without a problem") {
  Workspace ws = testing::load_project();
  for (const auto& p : ws.problems) FAIL_CHECK(format_diagnostic(p));
  REQUIRE(ws.law);
  CHECK(ws.law->jurisdictions.size() >= 7);
  for (const char* postal : {"US", "DC", "MO", "KS", "OR", "CT", "NJ"}) CHECK_MESSAGE(ws.law->find(postal), postal);
  namespace fs = std::filesystem;
  int scenarios = 0;
  for (const auto& e : fs::directory_iterator(std::string(RELIEFSIM_SOURCE_DIR) + "/scenarios")) {
    if (e.path().extension() != ".yaml") continue;
    auto text = ws.read(e.path().string());
    REQUIRE(text);
    Diagnostics problems;
    auto s = load_scenario(*text, e.path().string(), problems, ws.scenario_source());
    if (s) resolve_actions(*s, *ws.law, problems);
    for (const auto& p : problems) FAIL_CHECK(format_diagnostic(p));
    ++scenarios;
  }
  CHECK(scenarios >= 4);
}

TEST_CASE("Missouri possession grades change on 2017-01-01 and 2022-12-08 (RSMo 579.015; Mo. Const. art. XIV)") {
  Workspace ws = testing::load_project();
  REQUIRE(ws.law);
  const Jurisdiction& mo = *ws.law->find("MO");
  auto grade = [&](const char* date, double grams) { return mo.possession.value_on(d(date))->grade_for(grams); };
  // Before 2017: RSMo 195.202, 35 g or less a Class A misdemeanor, more a Class C felony.
  CHECK(grade("2016-12-31", 20) == Grade::misdemeanor);
  CHECK(grade("2016-12-31", 50) == Grade::felony);
  // RSMo 579.015 from 2017-01-01: more than 35 g a Class D felony.
  CHECK(grade("2017-01-01", 50) == Grade::felony);
  CHECK(grade("2022-12-07", 50) == Grade::felony);
  // Amendment 3 from 2022-12-08: up to 3 oz (85 g) legal for adults.
  CHECK(grade("2022-12-08", 50) == Grade::none);
  CHECK(*mo.adult_use.legal.value_on(d("2022-12-07")) == false);
  CHECK(*mo.adult_use.legal.value_on(d("2022-12-08")) == true);
  CHECK(*mo.adult_use.possession_limit.value_on(d("2022-12-08")) == 3);
}

TEST_CASE("decriminalization and legalization dates of D.C. and Connecticut") {
  Workspace ws = testing::load_project();
  REQUIRE(ws.law);
  const Jurisdiction& dc = *ws.law->find("DC");
  // D.C. Law 20-126: up to 1 oz a civil violation from 2014-07-17.
  CHECK(*dc.decriminalized.value_on(d("2014-07-16")) == false);
  CHECK(*dc.decriminalized.value_on(d("2014-07-17")) == true);
  // Initiative 71 (D.C. Law 20-153): legal for adults from 2015-02-26.
  CHECK(*dc.adult_use.legal.value_on(d("2015-02-25")) == false);
  CHECK(*dc.adult_use.legal.value_on(d("2015-02-26")) == true);
  const Jurisdiction& ct = *ws.law->find("CT");
  // Conn. Public Act 21-1: possession legal for adults from 2021-07-01.
  CHECK(*ct.adult_use.legal.value_on(d("2021-06-30")) == false);
  CHECK(*ct.adult_use.legal.value_on(d("2021-07-01")) == true);
  // CGS 54-124a / 54-130a: the Board of Pardons and Paroles, not the governor, pardons.
  CHECK(*ct.pardon_power.value_on(d("2022-10-06")) == PardonPower::board);
}
