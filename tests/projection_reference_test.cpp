// The fast evaluation (groups pre-summed into terms) against the straightforward one
// (group by group) on the default scenario: the same figures, up to the order in which
// floating-point sums are taken.
#include <doctest/doctest.h>

#include <cmath>

#include "sim/eligibility/eligibility.hpp"
#include "sim/projection/projection.hpp"
#include "tests/test_support.hpp"

using namespace reliefsim;

TEST_CASE("the pre-summed evaluation and the group-by-group reference agree on the default scenario") {
  Workspace ws = testing::load_project();
  REQUIRE(ws.problems.empty());
  auto scenario = ws.load_scenario_named("us_2022_and_governors");
  REQUIRE(scenario);
  Diagnostics problems;
  const auto actions = resolve_actions(*scenario, *ws.law, problems);
  const RecordPopulation pop = build_population(*ws.law, ws.inputs, {}, problems);
  REQUIRE(problems.empty());
  const EligibilityPlan plan = plan_eligibility(pop, actions, scenario->as_of);
  ProjectionSettings fast{11, 300, 2, false};
  ProjectionSettings reference{11, 300, 1, true};
  const DeliveryModel delivery = DeliveryModel::build(ws.inputs, problems);
  REQUIRE(problems.empty());
  const std::vector<Date> dates = {scenario->as_of, scenario->as_of.add_months(12)};
  const Projection a = project(pop, plan, actions, delivery, dates, fast);
  const Projection b = project(pop, plan, actions, delivery, dates, reference);
  REQUIRE(a.rows.size() == b.rows.size());
  int compared = 0;
  for (size_t i = 0; i < a.rows.size(); ++i) {
    REQUIRE(a.rows[i].replicates.size() == b.rows[i].replicates.size());
    for (size_t r = 0; r < a.rows[i].replicates.size(); ++r) {
      const double x = a.rows[i].replicates[r], y = b.rows[i].replicates[r];
      CHECK(std::abs(x - y) <= 1e-9 * std::max(1.0, std::abs(y)));
      ++compared;
    }
    // What a reader sees, whole numbers, is identical.
    CHECK(std::llround(a.rows[i].interval.median) == std::llround(b.rows[i].interval.median));
    CHECK(std::llround(a.rows[i].interval.p05) == std::llround(b.rows[i].interval.p05));
    CHECK(std::llround(a.rows[i].interval.p95) == std::llround(b.rows[i].interval.p95));
  }
  CHECK(a.jurisdictions.size() >= 7);
  CHECK(compared == static_cast<int>(2 * (a.jurisdictions.size() + 1) * kMeasures.size() * kProjectionUnits.size() * 300));
}

namespace {

// Every figure of two projections, bit for bit.
void require_identical(const Projection& a, const Projection& b) {
  REQUIRE(a.rows.size() == b.rows.size());
  REQUIRE(a.jurisdictions == b.jurisdictions);
  for (size_t i = 0; i < a.rows.size(); ++i) {
    const ProjectionRow &x = a.rows[i], &y = b.rows[i];
    CHECK(x.jurisdiction == y.jurisdiction);
    CHECK(x.measure == y.measure);
    CHECK(x.unit == y.unit);
    CHECK(x.as_of == y.as_of);
    REQUIRE(x.replicates == y.replicates);  // exact: same seed, same bytes
    CHECK(x.interval.median == y.interval.median);
    CHECK(x.interval.p05 == y.interval.p05);
    CHECK(x.interval.p95 == y.interval.p95);
    CHECK(x.if_board_agrees.has_value() == y.if_board_agrees.has_value());
    if (x.if_board_agrees && y.if_board_agrees) CHECK(x.if_board_agrees->median == y.if_board_agrees->median);
  }
  REQUIRE(a.board_gates.size() == b.board_gates.size());
  for (size_t i = 0; i < a.board_gates.size(); ++i) CHECK(a.board_gates[i].agreed_share == b.board_gates[i].agreed_share);
}

}  // namespace

TEST_CASE("replicates evaluated in blocks, on any thread count, with shared draws, give the same bytes") {
  Workspace ws = testing::load_project();
  REQUIRE(ws.problems.empty());
  auto scenario = ws.load_scenario_named("us_2022_and_governors");
  REQUIRE(scenario);
  Diagnostics problems;
  const auto actions = resolve_actions(*scenario, *ws.law, problems);
  PopulationOptions small;  // a small world: every fourth jurisdiction
  small.keep_every = 4;
  small.alive_on = scenario->as_of;
  const RecordPopulation pop = build_population(*ws.law, ws.inputs, small, problems);
  const DeliveryModel delivery = DeliveryModel::build(ws.inputs, problems);
  REQUIRE(problems.empty());
  const EligibilityPlan plan = plan_eligibility(pop, actions, scenario->as_of.add_months(12));
  const std::vector<Date> dates = {scenario->as_of, scenario->as_of.add_months(12)};
  // 150 replicates: two full blocks and a part of one.
  for (bool against : {false, true}) {
    CAPTURE(against);
    ProjectionSettings one{7, 150, 1, false, true, against}, three{7, 150, 3, false, true, against};
    const Projection a = project(pop, plan, actions, delivery, dates, one);
    require_identical(a, project(pop, plan, actions, delivery, dates, three));
    ReplicateDraws draws(pop, 7, 150);
    require_identical(a, project(pop, plan, actions, delivery, dates, three, &draws));  // fills the store
    require_identical(a, project(pop, plan, actions, delivery, dates, one, &draws));    // reads it
    // A store made for other settings is ignored.
    ReplicateDraws other(pop, 8, 150);
    require_identical(a, project(pop, plan, actions, delivery, dates, one, &other));
  }
}
