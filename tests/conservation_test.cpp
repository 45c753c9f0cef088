// Conservation: the federal population built from the Sentencing Commission's figures,
// run through the 2022 proclamation restricted to citizens sentenced FY1992-2021, yields
// exactly the Commission's 6,577 people (USSC news advisory of 2022-10-07): nothing is
// lost or double-counted between the data file and the projection.
#include <doctest/doctest.h>

#include "sim/eligibility/eligibility.hpp"
#include "sim/load/scenario_loader.hpp"
#include "sim/projection/projection.hpp"
#include "tests/test_support.hpp"

using namespace reliefsim;

TEST_CASE("the 2022 proclamation restricted to citizens sentenced FY1992-2021 reaches exactly 6,577 people") {
  Workspace ws = testing::load_project();
  REQUIRE(ws.problems.empty());
  auto scenario = ws.load_scenario_named("us_2022_proclamation");
  REQUIRE(scenario);
  // The restriction of the test, on top of the proclamation's own scope.
  for (auto& a : scenario->actions) {
    a.scope.citizenship = {Citizenship::citizen};
    a.scope.sentenced_fiscal_years = std::make_pair(1992, 2021);
  }
  Diagnostics problems;
  const auto actions = resolve_actions(*scenario, *ws.law, problems);
  REQUIRE(problems.empty());
  const RecordPopulation pop = build_population(*ws.law, ws.inputs, {}, problems);
  REQUIRE(problems.empty());
  const DeliveryModel delivery = DeliveryModel::build(ws.inputs, problems);
  REQUIRE(problems.empty());
  const Projection p = project(pop, plan_eligibility(pop, actions, scenario->as_of), actions, delivery,
                               {scenario->as_of}, {7, 200, 2});
  const int us = [&] {
    for (size_t i = 0; i < ws.law->jurisdictions.size(); ++i)
      if (ws.law->jurisdictions[i].postal == "US") return static_cast<int>(i);
    return -1;
  }();
  int checked = 0;
  for (const auto& row : p.rows) {
    if (row.jurisdiction != us || row.unit != Unit::people || row.measure != Measure::eligible) continue;
    for (double v : row.replicates) CHECK(v == 6577.0);  // every replicate, not just the median
    ++checked;
  }
  CHECK(checked == 1);
}
