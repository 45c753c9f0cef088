// The fast evaluation (groups pre-summed into terms) against the straightforward one
// (group by group) on the default scenario: the same figures, up to the order in which
// floating-point sums are taken.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "sim/cli/pipeline.hpp"
#include "sim/eligibility/eligibility.hpp"
#include "sim/projection/projection.hpp"
#include "sim/scenario/current_law.hpp"
#include "tests/test_support.hpp"

using namespace reliefsim;

namespace {

// The default scenario on the whole population, as `run` would project it without the
// actions of current law.
struct DefaultScenario {
  Workspace ws = testing::load_project();
  std::optional<Scenario> scenario;
  std::vector<ResolvedAction> actions;
  RecordPopulation pop;
  DefaultScenario() {
    REQUIRE(ws.problems.empty());
    scenario = ws.load_scenario_named("us_2022_and_governors");
    REQUIRE(scenario);
    Diagnostics problems;
    actions = resolve_actions(*scenario, *ws.law, problems);
    pop = build_population(*ws.law, ws.inputs, {}, problems);
    REQUIRE(problems.empty());
  }
};

}  // namespace

TEST_CASE("the pre-summed evaluation and the group-by-group reference agree on the default scenario") {
  DefaultScenario world;
  Workspace& ws = world.ws;
  const auto& scenario = world.scenario;
  const auto& actions = world.actions;
  const RecordPopulation& pop = world.pop;
  Diagnostics problems;
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

// Every figure of two lists of rows, bit for bit.
void require_identical_rows(const std::vector<ProjectionRow>& a, const std::vector<ProjectionRow>& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    const ProjectionRow &x = a[i], &y = b[i];
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
}

// Every figure of two projections, bit for bit.
void require_identical(const Projection& a, const Projection& b) {
  REQUIRE(a.jurisdictions == b.jurisdictions);
  require_identical_rows(a.rows, b.rows);
  REQUIRE(a.board_gates.size() == b.board_gates.size());
  for (size_t i = 0; i < a.board_gates.size(); ++i) CHECK(a.board_gates[i].agreed_share == b.board_gates[i].agreed_share);
}

// The default scenario on a small world: every fourth jurisdiction, people counted alive on
// the scenario's date.
struct SmallWorld {
  Workspace ws = testing::load_project();
  Scenario scenario;
  RecordPopulation pop;
  SmallWorld() {
    REQUIRE(ws.problems.empty());
    auto s = ws.load_scenario_named("us_2022_and_governors");
    REQUIRE(s);
    scenario = std::move(*s);
    PopulationOptions small;
    small.keep_every = 4;
    small.alive_on = scenario.as_of;
    Diagnostics problems;
    pop = build_population(*ws.law, ws.inputs, small, problems);
    REQUIRE(problems.empty());
  }
};

}  // namespace

TEST_CASE("replicates evaluated in blocks, on any thread count, with shared draws, give the same bytes") {
  SmallWorld w;
  Workspace& ws = w.ws;
  const Scenario* scenario = &w.scenario;
  const RecordPopulation& pop = w.pop;
  Diagnostics problems;
  const auto actions = resolve_actions(*scenario, *ws.law, problems);
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

TEST_CASE("planning jurisdiction by jurisdiction on several threads gives the plan of one thread, share for share") {
  // The national scenario on the whole population: every jurisdiction, some with several
  // actions, some with a board's gate.
  DefaultScenario world;
  const auto& scenario = world.scenario;
  const auto& actions = world.actions;
  const RecordPopulation& pop = world.pop;
  const EligibilityPlan one = plan_eligibility(pop, actions, scenario->as_of, 1);
  CHECK(one.shares.size() > 100000);
  CHECK(!one.gates.empty());
  // In group order, as the projection reads them.
  CHECK(std::is_sorted(one.shares.begin(), one.shares.end(),
                       [](const EligibleShare& a, const EligibleShare& b) { return a.group < b.group; }));
  for (int threads : {2, 3, 0}) {
    CAPTURE(threads);
    const EligibilityPlan many = plan_eligibility(pop, actions, scenario->as_of, threads);
    REQUIRE(many.shares.size() == one.shares.size());
    size_t differing = 0;
    for (size_t i = 0; i < one.shares.size(); ++i) {
      const EligibleShare &x = one.shares[i], &y = many.shares[i];
      differing += !(x.group == y.group && x.fraction == y.fraction && x.gate == y.gate && x.action == y.action &&
                     x.reach == y.reach && x.status == y.status);
    }
    CHECK(differing == 0);
    REQUIRE(many.gates.size() == one.gates.size());
    for (size_t i = 0; i < one.gates.size(); ++i) CHECK((many.gates[i].key == one.gates[i].key &&
                                                         many.gates[i].jurisdiction == one.gates[i].jurisdiction));
  }
}

TEST_CASE("planning arrest cell by arrest cell gives every group the share its own rules give") {
  // The national scenario and the current law of every jurisdiction it names: the planner
  // works the rules the groups of one arrest cell share out once a cell; here each group is
  // judged on its own, with the planner's documented steps (the scope searched, the repository's
  // amount rule, the ages), through the public eligible_fraction.
  DefaultScenario world;
  const LawLibrary& law = *world.ws.law;
  const Scenario& scenario = *world.scenario;
  const RecordPopulation& pop = world.pop;
  std::vector<ResolvedAction> actions = world.actions;
  std::set<int> where;
  std::map<int, Date> first_action;
  for (const auto& a : actions) {
    where.insert(a.jurisdiction);
    auto [it, fresh] = first_action.emplace(a.jurisdiction, a.date);
    if (!fresh && a.date < it->second) it->second = a.date;
  }
  Diagnostics problems;
  const Scenario current = current_law_scenario(law, where, scenario.as_of, provisions_replayed(scenario, law), first_action);
  for (auto& r : resolve_actions(current, law, problems)) {
    r.current_law = true;
    actions.push_back(std::move(r));
  }
  REQUIRE(problems.empty());
  size_t searched = 0, by_repository = 0;
  for (const auto& a : actions) {
    searched += a.records_searchable_from.has_value();
    by_repository += a.identified_from == RecordSource::repository && a.scope.max_amount_grams.has_value();
  }
  CHECK(searched > 0);       // the scope searched is exercised…
  CHECK(by_repository > 0);  // …and so is the repository's amount rule
  const EligibilityPlan plan = plan_eligibility(pop, actions, scenario.as_of, 2);
  std::vector<EligibleShare> expected;
  for (size_t gi = 0; gi < pop.groups.size(); ++gi) {
    const RecordGroup& g = pop.groups[gi];
    for (size_t a = 0; a < actions.size(); ++a) {
      const ResolvedAction& r = actions[a];
      if (r.jurisdiction != g.jurisdiction || r.date > scenario.as_of) continue;
      const Date on = r.reaches_as_of.value_or(r.date);
      double f = eligible_fraction(g, pop.bands, r.scope, r.mechanism, on);
      if (f > 0 && r.identified_from == RecordSource::repository && r.scope.max_amount_grams && g.band >= 0 &&
          g.tier_upper_grams > *r.scope.max_amount_grams + PossessionSchedule::kBoundToleranceGrams)
        f = 0;
      if (f > 0 && r.records_searchable_from) {
        Scope found = r.scope;
        if (!found.offense_on_or_after || *found.offense_on_or_after < *r.records_searchable_from)
          found.offense_on_or_after = r.records_searchable_from;
        f = eligible_fraction(g, pop.bands, found, r.mechanism, on);
      }
      f *= age_share(pop.age_at_arrest, r.scope);
      if (f > 0) expected.push_back({static_cast<int>(gi), f, -1, static_cast<int>(a)});
    }
  }
  REQUIRE(plan.shares.size() == expected.size());
  size_t differing = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    const EligibleShare &x = plan.shares[i], &y = expected[i];
    differing += !(x.group == y.group && x.action == y.action && x.fraction == y.fraction);
  }
  CHECK(differing == 0);
}

TEST_CASE("one projection gives a timeline of the rows it charts and the first date against current law, to the bit") {
  // What serve asks for in one projection: the same rows as a projection of every unit, and
  // the same first-date rows as a projection against current law on that date alone.
  SmallWorld w;
  Workspace& ws = w.ws;
  const Scenario* scenario = &w.scenario;
  const RecordPopulation& pop = w.pop;
  const std::vector<Date> dates = {scenario->as_of, scenario->as_of.add_months(-6), scenario->as_of.add_months(-12)};
  ProjectionSettings every{7, 150, 2, false, true}, against{7, 150, 2, false, true, true};
  ProjectionSettings both = every;
  both.first_date_against_current_law_too = true;
  both.later_dates = ProjectionSettings::LaterDates{Unit::records, {kMeasures.begin(), kMeasures.end()}, {}};
  // serve's: cleared everywhere, eligible and legally relieved in the total only.
  ProjectionSettings charted = both;
  charted.later_dates = ProjectionSettings::LaterDates{Unit::records, {Measure::cleared},
                                                       {Measure::eligible, Measure::legally_relieved}};
  ReplicateDraws draws(pop, 7, 150);
  const auto all = project_scenario(ws, pop, *scenario, dates, every);
  const auto alone = project_scenario(ws, pop, *scenario, {dates.front()}, against);
  const auto one = project_scenario(ws, pop, *scenario, dates, both, &draws);
  const auto few = project_scenario(ws, pop, *scenario, dates, charted, &draws);
  REQUIRE((all && alone && one && few));
  std::vector<ProjectionRow> kept, shown;
  for (const auto& r : all->rows) {
    if (r.as_of == dates.front() || r.unit == Unit::records) kept.push_back(r);
    if (r.as_of == dates.front() ||
        (r.unit == Unit::records &&
         (r.measure == Measure::cleared ||
          (r.jurisdiction < 0 && (r.measure == Measure::eligible || r.measure == Measure::legally_relieved)))))
      shown.push_back(r);
  }
  CHECK(kept.size() < all->rows.size());
  CHECK(shown.size() < kept.size());
  require_identical_rows(kept, one->rows);
  require_identical_rows(shown, few->rows);
  require_identical_rows(alone->rows, one->against_current_law);
  require_identical_rows(alone->rows, few->against_current_law);
  CHECK(all->against_current_law.empty());
}

namespace {

// Scenario `id` once for each list of overrides, and the population built for the first.
std::pair<std::vector<Scenario>, std::optional<RecordPopulation>> variants_of(
    Workspace& ws, const std::string& id, const std::vector<std::vector<Override>>& overrides) {
  REQUIRE(ws.problems.empty());
  std::vector<Scenario> variants;
  for (const auto& o : overrides) {
    auto s = ws.load_scenario_named(id, o);
    REQUIRE(s);
    variants.push_back(std::move(*s));
  }
  auto pop = build_population_for(ws, amount_edges(ws, variants.front()), variants.front().as_of,
                                  status_queries(ws, variants.front()));
  REQUIRE(pop);
  return {std::move(variants), std::move(pop)};
}

}  // namespace

TEST_CASE("a sweep's variants reuse the sums of the terms they share, to the bit") {
  // The deadline changes delivery only: the second and third variants find the terms' sums
  // of the first in the store; a new lookback sums its own.
  Workspace ws = testing::load_project();
  std::vector<std::vector<Override>> overrides;
  for (const auto& [lookback, deadline] : std::vector<std::pair<std::string, std::string>>{
           {"30", "2027-07-01"}, {"30", "2027-01-01"}, {"30", "2028-03-01"}, {"10", "2027-01-01"}})
    overrides.push_back({{"actions.expunge.scope.lookback_years", lookback}, {"actions.expunge.deadline", deadline}});
  auto [variants, pop] = variants_of(ws, "model_ballot_measure", overrides);
  ReplicateDraws sweep(*pop, 5, 130);
  sweep.keep_term_sums = true;
  const ProjectionSettings settings{5, 130, 2};
  for (const auto& s : variants) {
    const auto alone = project_scenario(ws, *pop, s, {s.as_of}, settings);
    const auto shared = project_scenario(ws, *pop, s, {s.as_of}, settings, &sweep);
    REQUIRE((alone && shared));
    require_identical(*alone, *shared);
  }
  CHECK(sweep.term_sums.size() == 2);
}

TEST_CASE("a server's requests share current law's paced records, to the bit") {
  // Two knob settings of the national scenario (the bench's: the governors' pardons reach
  // felonies too): current law's paced terms are the same, so the second projection takes
  // their sums from the store; the figures are those of a projection alone.
  Workspace ws = testing::load_project();
  auto [variants, pop] = variants_of(ws, "us_2022_and_governors",
                                     {{{"actions.governors_follow.scope.grades", "[violation, misdemeanor]"}},
                                      {{"actions.governors_follow.scope.grades", "[violation, misdemeanor, felony]"}}});
  ReplicateDraws server(*pop, 5, 130);
  ProjectionSettings settings{5, 130, 2};
  settings.first_date_against_current_law_too = true;
  for (const auto& s : variants) {
    const auto alone = project_scenario(ws, *pop, s, {s.as_of}, settings);
    const auto shared = project_scenario(ws, *pop, s, {s.as_of}, settings, &server);
    REQUIRE((alone && shared));
    require_identical(*alone, *shared);
    require_identical_rows(alone->against_current_law, shared->against_current_law);
  }
  CHECK(server.current_law_sums.size() == 1);
}
