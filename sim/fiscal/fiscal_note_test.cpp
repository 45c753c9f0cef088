#include <doctest/doctest.h>

#include <string>

#include "sim/fiscal/fiscal_note.hpp"
#include "sim/load/data_loader.hpp"

using namespace reliefsim;

namespace {

Date d(const char* s) { return *Date::parse(s); }

// Every fiscal assumption fixed, so each figure can be computed by hand.
const char* kFixedAssumptions = R"(assumptions:
  - id: review-minutes-per-case
    description: test
    distribution: {fixed: 15}
    reference: [{title: test, document: docs/methodology.md}]
  - id: review-eligible-share
    description: test
    distribution: {fixed: 0.1}
    reference: [{title: test, document: docs/methodology.md}]
  - id: staff-hour-cost
    description: test
    distribution: {fixed: 30}
    reference: [{title: test, document: docs/methodology.md}]
  - id: manual-review-share
    description: test
    distribution: {fixed: 0.25}
    reference: [{title: test, document: docs/methodology.md}]
  - id: application-pardon-grant-share
    description: test
    distribution: {fixed: 0.3}
    reference: [{title: test, document: docs/methodology.md}]
)";

PopulationInputs inputs_from(const std::string& yaml, Diagnostics& problems) {
  PopulationInputs in;
  load_assumptions(yaml, "data/assumptions.yaml", in, problems);
  return in;
}

// The one problem building the fiscal model from `yaml` reports, as `check` prints it.
std::string only_problem(const std::string& yaml) {
  Diagnostics problems;
  const PopulationInputs in = inputs_from(yaml, problems);
  REQUIRE(problems.empty());
  FiscalModel::build(in, problems);
  REQUIRE(problems.size() == 1);
  return format_diagnostic(problems[0], yaml);
}

ResolvedAction action(int j, Mechanism m) {
  ResolvedAction a;
  a.jurisdiction = j;
  a.mechanism = m;
  a.date = d("2022-12-08");
  return a;
}

// Two replicates; `eligible` and `cleared` cases per jurisdiction, the same in both.
Projection projection(const std::vector<double>& eligible, const std::vector<double>& cleared, Date as_of) {
  Projection p;
  p.replicates = 2;
  p.seed = 7;
  for (int j = 0; j < static_cast<int>(eligible.size()); ++j) {
    p.jurisdictions.push_back(j);
    for (auto [m, v] : {std::pair{Measure::eligible, eligible[static_cast<size_t>(j)]},
                        {Measure::cleared, cleared[static_cast<size_t>(j)]}}) {
      ProjectionRow row;
      row.jurisdiction = j;
      row.measure = m;
      row.unit = Unit::cases;
      row.as_of = as_of;
      row.replicates = {v, v};
      p.rows.push_back(row);
      // Records are not what clerks count: a row in another unit must not be read.
      row.unit = Unit::records;
      row.replicates = {v * 100, v * 100};
      p.rows.push_back(row);
    }
  }
  return p;
}

}  // namespace

TEST_CASE("the workload of each review basis, computed by hand") {
  Diagnostics problems;
  const PopulationInputs in = inputs_from(kFixedAssumptions, problems);
  const FiscalModel model = FiscalModel::build(in, problems);
  REQUIRE(problems.empty());
  const Date as_of = d("2023-12-31");
  // 0 court review, 1 petitions, 2 repository sealing, 3 pardon applications, 4 law change.
  const Projection p = projection({1000, 500, 4000, 600, 800}, {700, 200, 3000, 90, 0}, as_of);
  std::vector<ResolvedAction> actions = {action(0, Mechanism::automatic_court_expungement),
                                         action(0, Mechanism::petition_expungement),
                                         action(1, Mechanism::petition_expungement),
                                         action(2, Mechanism::automatic_repository_sealing),
                                         action(3, Mechanism::application_pardon),
                                         action(4, Mechanism::law_change)};
  // Current law's actions are not the scenario's: a court review under current law in
  // jurisdiction 1 does not make its petitions a court review.
  actions.push_back(action(1, Mechanism::automatic_court_expungement));
  actions.back().current_law = true;

  const FiscalNote note = estimate_fiscal_note(p, actions, model, as_of);
  REQUIRE(note.rows.size() == 6);
  auto check = [&](size_t i, ReviewBasis basis, double cases, double hours, double cost) {
    CAPTURE(i);
    const FiscalRow& r = note.rows[i];
    CHECK(r.basis == basis);
    for (int k = 0; k < 2; ++k) {
      CHECK(r.cases_to_review[static_cast<size_t>(k)] == doctest::Approx(cases));
      CHECK(r.staff_hours[static_cast<size_t>(k)] == doctest::Approx(hours));
      CHECK(r.cost_usd[static_cast<size_t>(k)] == doctest::Approx(cost));
    }
    CHECK(r.cost_usd_interval.median == doctest::Approx(cost));
    CHECK(r.cost_usd_interval.p05 == doctest::Approx(cost));
  };
  // 1,000 eligible ÷ 0.1 found eligible = 10,000 cases; × 15 min = 2,500 h; × $30 = $75,000.
  // Its petitions are part of the court's review, not counted again.
  check(0, ReviewBasis::court_review, 10000, 2500, 75000);
  // 200 petitions granted (cleared), all reviewed: 200 × 15 min = 50 h; × $30 = $1,500.
  check(1, ReviewBasis::on_request, 200, 50, 1500);
  // 4,000 eligible in the run × 0.25 needing a person = 1,000 cases; 250 h; $7,500.
  check(2, ReviewBasis::automated_run, 1000, 250, 7500);
  // 90 granted ÷ 0.3 granted = 300 applications; 75 h; $2,250.
  check(3, ReviewBasis::pardon_application, 300, 75, 2250);
  check(4, ReviewBasis::none, 0, 0, 0);
  // Total: 10,000 + 200 + 1,000 + 300 = 11,500 cases; 2,875 h; $86,250.
  CHECK(note.rows[5].jurisdiction == -1);
  check(5, ReviewBasis::none, 11500, 2875, 86250);
}

TEST_CASE("a date the projection lacks gives zeros, not another date's figures") {
  Diagnostics problems;
  const FiscalModel model = FiscalModel::build(inputs_from(kFixedAssumptions, problems), problems);
  const Projection p = projection({1000}, {700}, d("2023-12-31"));
  const FiscalNote note =
      estimate_fiscal_note(p, {action(0, Mechanism::automatic_court_expungement)}, model, d("2024-12-31"));
  CHECK(note.rows.back().cases_to_review_interval.median == 0);
}

TEST_CASE("a drawn parameter takes the value keyed_uniform gives its name, as the delivery model's do") {
  std::string yaml = kFixedAssumptions;
  yaml.replace(yaml.find("{fixed: 0.25}"), 13, "{uniform: [0.0, 0.3]}");
  Diagnostics problems;
  const FiscalModel model = FiscalModel::build(inputs_from(yaml, problems), problems);
  REQUIRE(problems.empty());
  const Date as_of = d("2023-12-31");
  const Projection p = projection({4000}, {0}, as_of);
  const FiscalNote note =
      estimate_fiscal_note(p, {action(0, Mechanism::automatic_repository_sealing)}, model, as_of);
  for (size_t r = 0; r < 2; ++r)
    CHECK(note.rows[0].cases_to_review[r] == doctest::Approx(4000 * 0.3 * keyed_uniform(7, "manual-review-share", r)));
}

TEST_CASE("a missing fiscal assumption is reported where the list of assumptions starts") {
  std::string yaml = kFixedAssumptions;
  const size_t from = yaml.find("  - id: staff-hour-cost");
  yaml.erase(from, yaml.find("  - id: manual-review-share") - from);
  CHECK(only_problem(yaml) ==
        "data/assumptions.yaml:2:3: the fiscal figures need assumption 'staff-hour-cost', which is not defined; "
        "add it to this list with its range and source (docs/methodology.md#staff-hour-cost)\n"
        "      - id: review-minutes-per-case\n"
        "      ^");
}

TEST_CASE("a fiscal assumption outside its bounds is reported at its distribution") {
  std::string yaml = kFixedAssumptions;
  yaml.replace(yaml.find("{fixed: 0.1}"), 12, "{uniform: [0.0, 0.2]}");
  CHECK(only_problem(yaml) ==
        "data/assumptions.yaml:8:19: assumption 'review-eligible-share': expected a share above 0 and at most 1, "
        "got uniform 0 to 0.2; see docs/methodology.md#review-eligible-share\n"
        "        distribution: {uniform: [0.0, 0.2]}\n"
        "                      ^");
}
