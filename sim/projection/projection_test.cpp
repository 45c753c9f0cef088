#include <doctest/doctest.h>

#include <cmath>
#include <functional>

#include "sim/projection/projection.hpp"

using namespace reliefsim;

namespace {

Date d(const char* s) { return *Date::parse(s); }

// One state, XX, where possession of any amount was a misdemeanor, with 1,000 possession
// arrests in 1985 and none for sale; every assumption fixed unless a test says otherwise.
struct TinyWorld {
  LawLibrary law;
  PopulationInputs inputs;
  PopulationOptions options;

  TinyWorld() {
    for (const char* postal : {"XX", "YY"}) {
      Jurisdiction j;
      j.postal = postal;
      j.name = postal;
      PossessionSchedule all_misdemeanor{{{std::nullopt, Grade::misdemeanor, ""}}};
      j.possession.entries.push_back({d("1970-01-01"), all_misdemeanor, {}, "", "", false});
      law.jurisdictions.push_back(j);
      inputs.state_arrests.push_back({postal, 1985, 1000.0, 0.0, 1.0, "Y", std::nullopt});
    }
    inputs.national_arrests.push_back({1985, 10000, 9000.0, "test"});
    auto fixed = [&](const char* id, double v) { inputs.assumptions.push_back({id, "", Distribution::fixed(v), {}}); };
    fixed("possession-share-up-to-1oz", 0.9);
    fixed("possession-amount-spread", 1.0);
    fixed("conviction-share-misdemeanor", 0.5);
    fixed("conviction-share-felony", 0.5);
    fixed("marijuana-only-share", 1.0);
    fixed("records-per-person", 2.0);
    fixed("federal-lpr-share", 0.5);
    fixed("other-conviction-share", 0.0);
    fixed("non-conviction-filed-share", 1.0);
    fixed("charges-per-case", 1.0);
    fixed("repository-sealing-months", 0.0);
    fixed("court-deadline-overrun", 1.0);
    fixed("court-months-without-deadline", 5.0);
    fixed("manual-review-share", 0.0);
    fixed("electronic-batch-months", 2.0);
    fixed("preparation-months", 6.0);
    fixed("petition-uptake-5y", 0.065);
    fixed("petition-uptake-time-constant", 2.0);
    fixed("burden-uptake-elasticity", 0.0);
    fixed("application-pardon-grant-share", 0.5);
    fixed("outreach-uptake-multiplier", 2.0);
    fixed("legal-help-uptake-multiplier", 1.5);
    // The repository holds every record unless a test says otherwise.
    fixed("repository-reach-violation", 1.0);
    fixed("repository-reach-misdemeanor", 1.0);
    fixed("repository-reach-felony", 1.0);
    fixed("repository-disposition-share", 1.0);
    fixed("post-legalization-sale-arrests", 1.0);
    // Courts' capacity: 100 records a month per 100,000 residents (only where residents are set).
    fixed("court-review-capacity", 100.0);
    // Sentences: misdemeanors never jailed, half of the rest on probation for 12 months on
    // average (felony values are not used by these one-grade worlds).
    fixed("sentence-misdemeanor-jail-share", 0.0);
    fixed("sentence-misdemeanor-probation-of-rest", 0.5);
    fixed("sentence-misdemeanor-probation-months", 12.0);
    fixed("sentence-felony-prison-share", 0.3);
    fixed("sentence-felony-jail-share", 0.2);
    fixed("sentence-felony-probation-of-rest", 0.8);
    fixed("sentence-felony-probation-months", 24.0);
    fixed("sentence-prison-months", 12.0);
    fixed("sentence-jail-months", 3.0);
    fixed("sentence-parole-months", 24.0);
    fixed("possession-with-intent-share", 0.25);
    fixed("distribution-share-up-to-1oz", 0.5);
    options.first_year = options.last_year = 1985;
  }

  Projection run(Scope scope, ProjectionSettings settings = {1, 20, 1}, std::vector<Date> dates = {d("2020-01-01")},
                 const std::function<void(Action&)>& change = {}) {
    Scenario s;
    Action a;
    a.id = "expunge";
    a.mechanism = Mechanism::automatic_court_expungement;
    a.jurisdictions = {"XX", "YY"};
    a.date = d("2020-01-01");
    a.scope = scope;
    if (change) change(a);
    s.actions.push_back(a);
    Diagnostics problems;
    const auto actions = resolve_actions(s, law, problems);
    if (scope.max_amount_grams) options.extra_band_edges.push_back(*scope.max_amount_grams);
    const RecordPopulation pop = build_population(law, inputs, options, problems);
    REQUIRE(problems.empty());
    const DeliveryModel delivery = DeliveryModel::build(inputs, problems);
    REQUIRE(problems.empty());
    return project(pop, plan_eligibility(pop, actions, dates.back()), actions, delivery, dates, settings);
  }

  /// Runs `s`, whose first `current_law` actions stand for the law already in force.
  Projection run_with_current_law(const Scenario& s, size_t current_law, std::vector<Date> dates,
                                  bool against_current_law = false) {
    Diagnostics problems;
    auto actions = resolve_actions(s, law, problems);
    for (size_t i = 0; i < actions.size(); ++i) actions[i].current_law = i < current_law * 2;  // XX and YY each
    const RecordPopulation pop = build_population(law, inputs, options, problems);
    REQUIRE(problems.empty());
    const DeliveryModel delivery = DeliveryModel::build(inputs, problems);
    REQUIRE(problems.empty());
    ProjectionSettings settings{1, 20, 1};
    settings.against_current_law = against_current_law;
    return project(pop, plan_eligibility(pop, actions, dates.back()), actions, delivery, dates, settings);
  }
  void set(const char* id, double v) {
    for (auto& a : inputs.assumptions)
      if (a.id == id) a.distribution = Distribution::fixed(v);
  }
};

Action action(const char* id, Mechanism m, const char* date, Scope scope) {
  Action a;
  a.id = id;
  a.mechanism = m;
  a.jurisdictions = {"XX", "YY"};
  a.date = d(date);
  a.scope = std::move(scope);
  return a;
}

double median_of(const Projection& p, int jurisdiction, Unit u, Measure m = Measure::eligible) {
  for (const auto& r : p.rows)
    if (r.jurisdiction == jurisdiction && r.unit == u && r.measure == m) return r.interval.median;
  return -1;
}

}  // namespace

TEST_CASE("1,000 arrests, half convicted, two records a person: 500 convictions, 250 people") {
  TinyWorld w;
  Scope convictions;
  convictions.dispositions = {Disposition::conviction};
  const Projection p = w.run(convictions);
  CHECK(median_of(p, 0, Unit::records) == doctest::Approx(500));
  CHECK(median_of(p, 0, Unit::convictions) == doctest::Approx(500));
  CHECK(median_of(p, 0, Unit::people) == doctest::Approx(250));
  CHECK(median_of(p, -1, Unit::records) == doctest::Approx(1000));  // XX + YY
}

TEST_CASE("an expungement of arrests and convictions counts records of both") {
  TinyWorld w;
  const Projection p = w.run(Scope{});
  // 1,000 records (every arrest), of which 500 convictions.
  CHECK(median_of(p, 0, Unit::records) == doctest::Approx(1000));
  CHECK(median_of(p, 0, Unit::convictions) == doctest::Approx(500));
}

TEST_CASE("a one-ounce limit keeps the 90% of possession arrests at or under one ounce") {
  TinyWorld w;
  Scope one_oz;
  one_oz.max_amount_grams = kGramsPerOunce;
  one_oz.dispositions = {Disposition::conviction};
  CHECK(median_of(w.run(one_oz), 0, Unit::records) == doctest::Approx(450));  // 1,000 × 0.9 × 0.5
}

TEST_CASE("the total is the per-replicate sum, and threads do not change a single value") {
  TinyWorld w;
  w.inputs.assumptions[2].distribution = Distribution::uniform(0.3, 0.7);  // conviction share
  w.inputs.assumptions[5].distribution = Distribution::uniform(1.1, 1.6);  // records per person
  const Projection one = w.run(Scope{}, {99, 101, 1});
  const Projection two = w.run(Scope{}, {99, 101, 2});
  REQUIRE(one.rows.size() == two.rows.size());
  for (size_t i = 0; i < one.rows.size(); ++i) CHECK(one.rows[i].replicates == two.rows[i].replicates);
  for (Unit u : kProjectionUnits) {
    const ProjectionRow *xx = nullptr, *yy = nullptr, *total = nullptr;
    for (const auto& r : one.rows) {
      if (r.unit != u || r.measure != Measure::eligible) continue;
      (r.jurisdiction == 0 ? xx : r.jurisdiction == 1 ? yy : total) = &r;
    }
    REQUIRE((xx && yy && total));
    for (size_t k = 0; k < total->replicates.size(); ++k)
      CHECK(total->replicates[k] == xx->replicates[k] + yy->replicates[k]);
  }
  // The conviction share varies, so the convictions do too.
  const auto conv = rows_of(one, d("2020-01-01"), Measure::eligible, Unit::convictions);
  CHECK(conv.front()->interval.p05 < conv.front()->interval.p95);
}

TEST_CASE("automatic court expungement clears at the courts' pace: 1,000 eligible, 200 a month, all by month 5") {
  // With no deadline the courts take court-months-without-deadline = 5 months for the whole
  // stock of 1,000 convictions (500 in each of XX and YY): 200 a month, all by month 5 and
  // not before.
  TinyWorld w;
  Scope s;
  s.dispositions = {Disposition::conviction};
  std::vector<Date> dates;
  for (int month = 0; month <= 6; ++month) dates.push_back(d("2020-01-01").add_months(month));
  const Projection p = w.run(s, {1, 10, 1}, dates);
  for (int month = 0; month <= 6; ++month) {
    const auto rows = rows_of(p, dates[static_cast<size_t>(month)], Measure::cleared, Unit::convictions);
    const double total = rows.back()->interval.median;  // the total row
    INFO("month " << month);
    CHECK(total == doctest::Approx(std::min(1000.0, 200.0 * month)));
  }
}

TEST_CASE("an electronic batch clears in electronic-batch-months; the manual share still goes at the courts' pace") {
  // electronic-batch-months = 2, court-months-without-deadline = 5. With no manual review:
  // 500 a month, all 1,000 by month 2. With manual-review-share 0.2: 800 go in the batch
  // (400 a month) and 200 at half the courts' pace (200 over 10 months, 20 a month).
  TinyWorld w;
  Scope s;
  s.dispositions = {Disposition::conviction};
  std::vector<Date> dates;
  for (int month = 0; month <= 3; ++month) dates.push_back(d("2020-01-01").add_months(month));
  auto batch = [](Action& a) { a.electronic_batch = true; };
  const Projection p = w.run(s, {1, 10, 1}, dates, batch);
  for (int month = 0; month <= 3; ++month) {
    INFO("month " << month);
    CHECK(rows_of(p, dates[static_cast<size_t>(month)], Measure::cleared, Unit::convictions).back()->interval.median ==
          doctest::Approx(std::min(1000.0, 500.0 * month)));
  }
  for (auto& a : w.inputs.assumptions)
    if (a.id == "manual-review-share") a.distribution = Distribution::fixed(0.2);
  const Projection q = w.run(s, {1, 10, 1}, dates, batch);
  CHECK(rows_of(q, dates[1], Measure::cleared, Unit::convictions).back()->interval.median == doctest::Approx(420));
  CHECK(rows_of(q, dates[3], Measure::cleared, Unit::convictions).back()->interval.median == doctest::Approx(860));
}

TEST_CASE("issue 16: a preparation time moves day-one clearance") {
  // preparation-months = 6, electronic-batch-months = 2, 500 convictions a state.
  // Enacted 18 months before it takes effect: the run was ready a year early, so all 500
  // are cleared on the first day. Enacted 2 months before: the run can start 4 months after
  // the effective date and takes 2: nothing at months 0 and 4, 250 at month 5, all at 6.
  // With no enactment date the run starts on the effective date (250 at month 1).
  TinyWorld w;
  Scope s;
  s.dispositions = {Disposition::conviction};
  std::vector<Date> dates;
  for (int month : {0, 1, 4, 5, 6}) dates.push_back(d("2020-01-01").add_months(month));
  auto cleared = [&](const Projection& p, size_t k) {
    return rows_of(p, dates[k], Measure::cleared, Unit::convictions).back()->interval.median / 2;  // per state
  };
  const Projection early = w.run(s, {1, 10, 1}, dates, [](Action& a) {
    a.electronic_batch = true;
    a.enacted = d("2018-07-01");
  });
  CHECK(cleared(early, 0) == doctest::Approx(500));
  const Projection late = w.run(s, {1, 10, 1}, dates, [](Action& a) {
    a.electronic_batch = true;
    a.enacted = d("2019-11-01");
  });
  CHECK(cleared(late, 0) == doctest::Approx(0));
  CHECK(cleared(late, 1) == doctest::Approx(0));
  CHECK(cleared(late, 2) == doctest::Approx(0));
  CHECK(cleared(late, 3) == doctest::Approx(250));
  CHECK(cleared(late, 4) == doctest::Approx(500));
  const Projection unknown = w.run(s, {1, 10, 1}, dates, [](Action& a) { a.electronic_batch = true; });
  CHECK(cleared(unknown, 0) == doctest::Approx(0));
  CHECK(cleared(unknown, 1) == doctest::Approx(250));
  // A repository's sealing waits the same way; a pardon, signed when its list is ready, does not.
  const Projection sealing = w.run(s, {1, 10, 1}, dates, [](Action& a) {
    a.mechanism = Mechanism::automatic_repository_sealing;
    a.enacted = d("2019-11-01");
  });
  // repository-sealing-months 0: all at once, when ready 4 months after the effective date.
  CHECK(cleared(sealing, 1) == doctest::Approx(0));
  CHECK(cleared(sealing, 2) == doctest::Approx(500));
  const Projection pardon = w.run(s, {1, 10, 1}, dates, [](Action& a) {
    a.mechanism = Mechanism::blanket_pardon;
    a.records_updated_by_agency = true;
    a.enacted = d("2019-11-01");
  });
  CHECK(cleared(pardon, 0) == doctest::Approx(500));
}

TEST_CASE("issue 16: a pardon relieves in law on its date; its records are cleared as they are updated") {
  // 500 convictions a state. A blanket pardon whose records change only when people apply
  // (petition-uptake-5y 6.5% at five years, reference burden) has legally relieved all 1,000
  // at once and cleared 65 by five years. An automatic expungement's order is its update:
  // legal change and clearance are the same (court-months-without-deadline 5: 40% at month 2).
  TinyWorld w;
  Scope s;
  s.dispositions = {Disposition::conviction};
  const std::vector<Date> dates = {d("2020-01-01"), d("2020-03-01"), d("2025-01-01")};
  const Projection pardon = w.run(s, {1, 5, 1}, dates, [](Action& a) { a.mechanism = Mechanism::blanket_pardon; });
  auto total = [](const Projection& p, Date on, Measure m) {
    return rows_of(p, on, m, Unit::convictions).back()->interval.median;
  };
  CHECK(total(pardon, dates[0], Measure::legally_relieved) == doctest::Approx(1000));
  CHECK(total(pardon, dates[0], Measure::cleared) == doctest::Approx(0));
  CHECK(total(pardon, dates[2], Measure::legally_relieved) == doctest::Approx(1000));
  CHECK(total(pardon, dates[2], Measure::cleared) == doctest::Approx(65).epsilon(1e-3));
  const Projection expunge = w.run(s, {1, 5, 1}, dates);
  CHECK(total(expunge, dates[1], Measure::legally_relieved) == doctest::Approx(400));
  CHECK(total(expunge, dates[1], Measure::cleared) == doctest::Approx(400));
}

TEST_CASE("issue 16: relief in batches goes out on the batch dates only") {
  // Courts finish in 5 months (200 of the 1,000 convictions a month) but send orders out every
  // 3 months: 0 before month 3, 600 from month 3 to month 5, all 1,000 at month 6.
  TinyWorld w;
  Scope s;
  s.dispositions = {Disposition::conviction};
  std::vector<Date> dates;
  for (int month : {1, 2, 3, 5, 6}) dates.push_back(d("2020-01-01").add_months(month));
  const Projection p = w.run(s, {1, 10, 1}, dates, [](Action& a) { a.batch_every_months = 3; });
  const double expected[] = {0, 0, 600, 600, 1000};
  for (size_t k = 0; k < dates.size(); ++k) {
    INFO(dates[k].to_string());
    CHECK(rows_of(p, dates[k], Measure::cleared, Unit::convictions).back()->interval.median == doctest::Approx(expected[k]));
  }
}

TEST_CASE("electronic_batch is refused on a mechanism other than automatic court expungement") {
  TinyWorld w;
  Scenario sc;
  Action a;
  a.id = "petition";
  a.mechanism = Mechanism::petition_expungement;
  a.jurisdictions = {"XX"};
  a.date = d("2020-01-01");
  a.electronic_batch = true;
  sc.actions.push_back(a);
  Diagnostics problems;
  CHECK(resolve_actions(sc, w.law, problems).empty());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("electronic_batch, which applies only to automatic_court_expungement") != std::string::npos);
}

TEST_CASE("a petition reaches its five-year take-up at five years, on a saturating curve") {
  TinyWorld w;
  Scope s;
  s.dispositions = {Disposition::conviction};
  // petition-uptake-5y = 6.5%, time constant 2 years: at 5 years 6.5% of 1,000 convictions.
  Scenario sc;
  const std::vector<Date> dates = {d("2020-01-01"), d("2022-07-02"), d("2025-01-01")};
  Action a;
  a.id = "petition";
  a.mechanism = Mechanism::petition_expungement;
  a.jurisdictions = {"XX", "YY"};
  a.date = d("2020-01-01");
  a.scope = s;
  sc.actions.push_back(a);
  Diagnostics problems;
  const auto actions = resolve_actions(sc, w.law, problems);
  const RecordPopulation pop = build_population(w.law, w.inputs, w.options, problems);
  const DeliveryModel delivery = DeliveryModel::build(w.inputs, problems);
  REQUIRE(problems.empty());
  const Projection p = project(pop, plan_eligibility(pop, actions, dates.back()), actions, delivery, dates, {1, 5, 1});
  auto cleared = [&](Date on) { return rows_of(p, on, Measure::cleared, Unit::convictions).back()->interval.median; };
  CHECK(cleared(dates[0]) == 0);
  // Halfway (2.5 years): 65 × (1 - e^-1.25) / (1 - e^-2.5) = 65 × 0.7135 / 0.9179.
  CHECK(cleared(dates[1]) == doctest::Approx(65 * (1 - std::exp(-1.25)) / (1 - std::exp(-2.5))).epsilon(2e-3));
  CHECK(cleared(dates[2]) == doctest::Approx(65).epsilon(1e-3));
}

TEST_CASE("issue 16: a burden score lowers take-up as documented") {
  // burden-uptake-elasticity β = 0.5; petition-uptake-5y 6.5% of 1,000 convictions (both
  // states) at five years for the reference procedure (score 2: a court petition with a fee).
  // Each point above divides take-up by e^0.5, each point below multiplies it.
  TinyWorld w;
  w.set("burden-uptake-elasticity", 0.5);
  Scope s;
  s.dispositions = {Disposition::conviction};
  const std::vector<Date> at_five_years = {d("2025-01-01")};
  auto take_up = [&](const std::function<void(Action&)>& procedure) {
    const Projection p = w.run(s, {1, 5, 1}, at_five_years, [&](Action& a) {
      a.mechanism = Mechanism::petition_expungement;
      procedure(a);
    });
    return rows_of(p, at_five_years[0], Measure::cleared, Unit::convictions).back()->interval.median;
  };
  CHECK(take_up([](Action& a) { a.fee_usd = 50; }) == doctest::Approx(65).epsilon(1e-3));
  CHECK(take_up([](Action&) {}) == doctest::Approx(65).epsilon(1e-3));  // a fee not stated counts as one
  CHECK(take_up([](Action& a) { a.fee_usd = 281; }) == doctest::Approx(65 * std::exp(-0.5)).epsilon(1e-3));
  CHECK(take_up([](Action& a) {
          a.fee_usd = 50;
          a.fingerprints = true;
          a.hearing = true;
        }) == doctest::Approx(65 * std::exp(-1.0)).epsilon(1e-3));
  CHECK(take_up([](Action& a) { a.fee_usd = 0; }) == doctest::Approx(65 * std::exp(0.5)).epsilon(1e-3));
  CHECK(take_up([](Action& a) {
          a.mechanism = Mechanism::certificate_on_application;
          a.fee_usd = 0;
        }) == doctest::Approx(65 * std::exp(1.0)).epsilon(1e-3));
  // With β = 0 (the range's lower end) the burden changes nothing.
  w.set("burden-uptake-elasticity", 0.0);
  CHECK(take_up([](Action& a) { a.fee_usd = 281; a.hearing = true; }) == doctest::Approx(65).epsilon(1e-3));
}

TEST_CASE("90% intervals cover a synthetic truth drawn from the same parameters about 90% of the time") {
  // Each trial draws a true world from the parameter distributions (one replicate under its
  // own seed), then projects with another seed and checks whether the 90% interval of
  // records cleared a year on covers the truth. 300 trials: the binomial standard error of
  // a 90% coverage is 1.7 points; quantiles estimated from 200 replicates add a little. The
  // tolerance, 0.84 to 0.96, is about 3.5 standard errors.
  TinyWorld w;
  w.inputs.assumptions[2].distribution = Distribution::uniform(0.3, 0.7);   // conviction share
  w.inputs.assumptions[5].distribution = Distribution::uniform(1.1, 1.6);   // records per person
  for (auto& a : w.inputs.assumptions)
    if (a.id == "court-months-without-deadline") a.distribution = Distribution::uniform(6, 18);
  Scope s;
  const std::vector<Date> dates = {d("2021-01-01")};
  int covered = 0;
  const int trials = 300;
  for (int t = 0; t < trials; ++t) {
    const Projection truth = w.run(s, {100000u + static_cast<std::uint64_t>(t), 1, 1}, dates);
    const Projection estimate = w.run(s, {static_cast<std::uint64_t>(t), 200, 1}, dates);
    const double x = rows_of(truth, dates[0], Measure::cleared, Unit::people).back()->replicates[0];
    const Interval& iv = rows_of(estimate, dates[0], Measure::cleared, Unit::people).back()->interval;
    covered += iv.p05 <= x && x <= iv.p95;
  }
  const double coverage = double(covered) / trials;
  MESSAGE("coverage " << coverage);
  CHECK(coverage >= 0.84);
  CHECK(coverage <= 0.96);
}

TEST_CASE("delivery by mechanism, hand-computed") {
  TinyWorld w;
  Diagnostics problems;
  const DeliveryModel m = DeliveryModel::build(w.inputs, problems);
  REQUIRE(problems.empty());
  std::vector<double> delta;
  for (const auto& p : m.parameters()) delta.push_back(p.distribution.at(0.5));  // all fixed here
  ResolvedAction a;
  a.date = d("2020-01-01");
  // Repository sealing with a lag of 0 months: everything at once.
  a.mechanism = Mechanism::automatic_repository_sealing;
  CHECK(m.cleared_share(a, 0, delta) == 1);
  CHECK(m.cleared_share(a, -1, delta) == 0);  // not before the law takes effect
  // A statutory deadline of 6 months met exactly (overrun 1): half at month 3.
  a.mechanism = Mechanism::automatic_court_expungement;
  a.deadline = d("2020-07-01");
  CHECK(m.cleared_share(a, 3, delta) == doctest::Approx(0.5));
  CHECK(m.cleared_share(a, 6, delta) == doctest::Approx(1));
  // A pardon: in legal effect at once, records changed on application (6.5% at 5 years) or,
  // where the agency updates them, as a repository seals.
  a.mechanism = Mechanism::blanket_pardon;
  CHECK(m.cleared_share(a, 60, delta) == doctest::Approx(0.065));
  a.records_updated_by_agency = true;
  CHECK(m.cleared_share(a, 0, delta) == 1);
  // Outreach (×2) and free legal help (×1.5) on a petition: 6.5% × 3 at 5 years.
  a = ResolvedAction{};
  a.date = d("2020-01-01");
  a.mechanism = Mechanism::petition_expungement;
  a.outreach = true;
  a.free_legal_help = true;
  CHECK(m.cleared_share(a, 60, delta) == doctest::Approx(0.195));
  // A one-month application window, half granted: the take-up of one month, halved, and
  // no more after it closes.
  a = ResolvedAction{};
  a.date = d("2020-01-01");
  a.mechanism = Mechanism::application_pardon;
  a.ends = d("2020-02-01");
  const double one_month = 0.065 * (1 - std::exp(-1.0 / 24)) / (1 - std::exp(-60.0 / 24));
  CHECK(m.cleared_share(a, 12, delta) == doctest::Approx(0.5 * one_month));
  // A law change clears nothing.
  a.mechanism = Mechanism::law_change;
  CHECK(m.cleared_share(a, 12, delta) == 0);
}

TEST_CASE("take-up worked out once per draw gives the same shares, to the bit") {
  // A timeline asks each action's share on many dates with one draw: uptake_of keeps the
  // draw's date-free parts. Every mechanism, with and without them, must agree exactly.
  TinyWorld w;
  Diagnostics problems;
  const DeliveryModel m = DeliveryModel::build(w.inputs, problems);
  REQUIRE(problems.empty());
  size_t compared = 0, positive = 0;
  for (double u : {0.1, 0.37, 0.5, 0.83}) {
    std::vector<double> delta;
    for (const auto& p : m.parameters()) delta.push_back(p.distribution.at(u));
    for (Mechanism mech : {Mechanism::petition_expungement, Mechanism::petition_sealing, Mechanism::petition_vacatur,
                           Mechanism::certificate_on_application, Mechanism::application_pardon,
                           Mechanism::blanket_pardon, Mechanism::automatic_court_expungement,
                           Mechanism::automatic_repository_sealing}) {
      for (bool help : {false, true}) {
        ResolvedAction a;
        a.date = d("2020-01-01");
        a.mechanism = mech;
        a.outreach = help;
        a.free_legal_help = !help;
        a.fee_usd = help ? 0.0 : 300.0;
        a.ends = d("2021-07-01");
        const DeliveryModel::Uptake once = m.uptake_of(a, delta);
        for (double months : {0.0, 0.5, 7.25, 30.0, 61.0, 180.0}) {
          const double plain = m.cleared_share(a, months, delta, 5000);
          CHECK(m.cleared_share(a, months, delta, 5000, once) == plain);
          ++compared;
          positive += plain > 0;
        }
      }
    }
  }
  CHECK(compared == 4 * 8 * 2 * 6);
  CHECK(positive > compared / 2);  // the shares compared are mostly not zero
}

// A governor's pardon in XX, where a board must agree, and in YY, where the governor acts
// alone: XX's figures are 0 in the replicates where the board said no and the full count
// where it said yes; the projection says how often it agreed and what it gave then.
TEST_CASE("a board-gated pardon reports how often the board agreed and the figures when it did") {
  TinyWorld w;
  w.law.jurisdictions[0].pardon_power.entries.push_back({d("1970-01-01"), PardonPower::board, {}, "", "", false});
  w.law.jurisdictions[1].pardon_power.entries.push_back({d("1970-01-01"), PardonPower::governor_alone, {}, "", "", false});
  auto pardon = [](double chance) {
    return [chance](Action& a) {
      a.mechanism = Mechanism::blanket_pardon;
      a.acted_by = "governor";
      a.board_gate = BoardGate{Distribution::fixed(chance), {}};
    };
  };
  Scope convictions;
  convictions.dispositions = {Disposition::conviction};

  const Projection half = w.run(convictions, {7, 400, 1}, {d("2020-01-01")}, pardon(0.5));
  REQUIRE(half.board_gates.size() == 1);
  CHECK(half.board_gates[0].jurisdiction == 0);  // YY needs no board
  const double share = half.board_gates[0].agreed_share;
  CHECK(share > 0.4);
  CHECK(share < 0.6);
  for (const auto& r : half.rows) {
    if (r.jurisdiction != 0) {
      CHECK_FALSE(r.if_board_agrees);
      continue;
    }
    if (r.unit != Unit::convictions || r.measure != Measure::eligible) continue;
    // Every replicate is 0 (no) or 500 (yes); the "yes" share is the agreed share, and the
    // figures over the "yes" replicates are all 500.
    const auto yes = std::count(r.replicates.begin(), r.replicates.end(), 500.0);
    CHECK(yes + std::count(r.replicates.begin(), r.replicates.end(), 0.0) == 400);
    CHECK(double(yes) / 400 == doctest::Approx(share));
    REQUIRE(r.if_board_agrees);
    CHECK(r.if_board_agrees->median == doctest::Approx(500));
    CHECK(r.if_board_agrees->p05 == doctest::Approx(500));
  }

  const Projection never = w.run(convictions, {7, 50, 1}, {d("2020-01-01")}, pardon(0.0));
  REQUIRE(never.board_gates.size() == 1);
  CHECK(never.board_gates[0].agreed_share == 0);
  CHECK(median_of(never, 0, Unit::convictions) == 0);
  CHECK(median_of(never, 1, Unit::convictions) == doctest::Approx(500));
  for (const auto& r : never.rows) CHECK_FALSE(r.if_board_agrees);

  const Projection always = w.run(convictions, {7, 50, 1}, {d("2020-01-01")}, pardon(1.0));
  CHECK(always.board_gates[0].agreed_share == 1);
  CHECK(median_of(always, 0, Unit::convictions) == doctest::Approx(500));
}

TEST_CASE("issue 15: a pardon after an automatic expungement excludes exactly what the expungement had cleared") {
  // Current law: an automatic court expungement of convictions of one ounce or less on
  // 2020-01-01, no deadline, courts done in 5 months (court-months-without-deadline), no
  // manual review: by 2020-03-01 (2 months) 2/5 of its 450 convictions per state are
  // cleared. A blanket pardon of every conviction that day reaches 500 per state.
  TinyWorld w;
  Scope one_oz;
  one_oz.max_amount_grams = kGramsPerOunce;
  one_oz.dispositions = {Disposition::conviction};
  w.options.extra_band_edges.push_back(kGramsPerOunce);
  Scope all_convictions;
  all_convictions.dispositions = {Disposition::conviction};
  Scenario s;
  s.actions = {action("earlier_expungement", Mechanism::automatic_court_expungement, "2020-01-01", one_oz),
               action("pardon", Mechanism::blanket_pardon, "2020-03-01", all_convictions)};
  const Projection p = w.run_with_current_law(s, 1, {d("2020-03-01")});
  // 500 - 450 × 2/5 = 320 convictions eligible; 180 already relieved.
  CHECK(median_of(p, 0, Unit::convictions) == doctest::Approx(320));
  CHECK(median_of(p, 0, Unit::convictions, Measure::already_relieved) == doctest::Approx(180));
  CHECK(median_of(p, -1, Unit::convictions, Measure::already_relieved) == doctest::Approx(360));
  // Without current law the pardon reaches all 500, and nothing is already relieved.
  const Projection none = w.run_with_current_law(s, 0, {d("2020-03-01")});
  CHECK(median_of(none, 0, Unit::convictions) == doctest::Approx(500));
  CHECK(median_of(none, 0, Unit::convictions, Measure::already_relieved) == doctest::Approx(0));
  // Current law's own relief is not reported as the scenario's: only the pardon's 2 × 320.
  CHECK(median_of(p, -1, Unit::convictions) == doctest::Approx(640));
}

TEST_CASE("issue 15: against current law, a scenario is not credited with what current law would clear anyway") {
  // Current law: an automatic court expungement of the 450 convictions of one ounce or less a
  // state on 2020-01-01, courts done in 5 months. New: an automatic court expungement of all
  // 500 convictions on 2020-03-01, also done in 5 months. On 2020-04-01 current law had
  // relieved 2/5 of its 450 when the new law took effect (c0) and 3/5 by then (cD); the new
  // law has cleared 1/5 of the 320 left to it: 64 a state.
  // The world with both has cleared max(3/5, 2/5 + 3/5 × 1/5) × 450 = 270 of the overlap and
  // 1/5 of the other 50, 10: 280. Current law alone: 270. Against current law: 10 a state.
  TinyWorld w;
  Scope one_oz;
  one_oz.max_amount_grams = kGramsPerOunce;
  one_oz.dispositions = {Disposition::conviction};
  w.options.extra_band_edges.push_back(kGramsPerOunce);
  Scope all_convictions;
  all_convictions.dispositions = {Disposition::conviction};
  Scenario s;
  s.actions = {action("earlier_expungement", Mechanism::automatic_court_expungement, "2020-01-01", one_oz),
               action("expungement", Mechanism::automatic_court_expungement, "2020-03-01", all_convictions)};
  const Projection net = w.run_with_current_law(s, 1, {d("2020-04-01")});
  CHECK(median_of(net, 0, Unit::convictions, Measure::cleared) == doctest::Approx(64));
  const Projection against = w.run_with_current_law(s, 1, {d("2020-04-01")}, true);
  CHECK(median_of(against, 0, Unit::convictions, Measure::cleared) == doctest::Approx(10));
  CHECK(median_of(against, -1, Unit::convictions, Measure::cleared) == doctest::Approx(20));
  // Eligible and already relieved are the baseline's: 320 and 180.
  CHECK(median_of(against, 0, Unit::convictions) == doctest::Approx(320));
  CHECK(median_of(against, 0, Unit::convictions, Measure::already_relieved) == doctest::Approx(180));
  // Once current law is done (2020-06-01: cD = 1), the new law adds only its other 50, at
  // 3/5 by then: 30.
  const Projection later = w.run_with_current_law(s, 1, {d("2020-06-01")}, true);
  CHECK(median_of(later, 0, Unit::convictions, Measure::cleared) == doctest::Approx(30));
}

TEST_CASE("issue 15: a new pardon cannot pardon what an earlier blanket pardon already pardoned") {
  // An earlier blanket pardon (records not updated, so hardly anything is 'cleared') still
  // removes its 450 convictions per state from a second pardon; a new expungement, which
  // changes the record, still reaches them.
  TinyWorld w;
  Scope one_oz;
  one_oz.max_amount_grams = kGramsPerOunce;
  one_oz.dispositions = {Disposition::conviction};
  w.options.extra_band_edges.push_back(kGramsPerOunce);
  Scope all_convictions;
  all_convictions.dispositions = {Disposition::conviction};
  Scenario s;
  s.actions = {action("earlier_pardon", Mechanism::blanket_pardon, "2019-01-01", one_oz),
               action("pardon", Mechanism::blanket_pardon, "2020-01-01", all_convictions)};
  CHECK(median_of(w.run_with_current_law(s, 1, {d("2020-01-01")}), 0, Unit::convictions) == doctest::Approx(50));
  s.actions[1].mechanism = Mechanism::automatic_court_expungement;
  // The earlier pardon's records were updated only on application: 12 months of take-up
  // U(12) = 0.065 × (1 - e^(-12/24)) / (1 - e^(-60/24)) of 450 are no longer eligible.
  const double u12 = 0.065 * (1 - std::exp(-0.5)) / (1 - std::exp(-2.5));
  CHECK(median_of(w.run_with_current_law(s, 1, {d("2020-01-01")}), 0, Unit::convictions) ==
        doctest::Approx(500 - 450 * u12));
}

TEST_CASE("issue 15: an agency searching the repository finds arrests by grade, and convictions with their disposition") {
  // XX: one ounce or less a violation, more a felony; 1,000 arrests, 90% at or under one
  // ounce, half convicted. Reach: violation 0.1, felony 0.9; dispositions recorded for 0.8.
  TinyWorld w;
  PossessionSchedule split{{{kGramsPerOunce, Grade::violation, ""}, {std::nullopt, Grade::felony, ""}}};
  for (auto& j : w.law.jurisdictions) j.possession.entries.front().value = split;
  w.set("repository-reach-violation", 0.1);
  w.set("repository-reach-felony", 0.9);
  w.set("repository-disposition-share", 0.8);
  Scope convictions;
  convictions.dispositions = {Disposition::conviction};
  auto sealing = [&](Scope scope) {
    Scenario s;
    s.actions = {action("seal", Mechanism::automatic_repository_sealing, "2020-01-01", std::move(scope))};
    return w.run_with_current_law(s, 0, {d("2020-01-01")});
  };
  // 450 violation convictions × 0.1 × 0.8 + 50 felony convictions × 0.9 × 0.8 = 36 + 36.
  CHECK(median_of(sealing(convictions), 0, Unit::convictions) == doctest::Approx(72));
  // Non-convictions need no disposition: 450 × 0.1 + 50 × 0.9 = 90.
  Scope arrests;
  arrests.dispositions = {Disposition::non_conviction};
  CHECK(median_of(sealing(arrests), 0, Unit::records) == doctest::Approx(90));
  // A court-run expungement of the same convictions finds all 500.
  Scenario court;
  court.actions = {action("expunge", Mechanism::automatic_court_expungement, "2020-01-01", convictions)};
  CHECK(median_of(w.run_with_current_law(court, 0, {d("2020-01-01")}), 0, Unit::convictions) == doctest::Approx(500));
}

TEST_CASE("issue 16: courts clear at their capacity: 1,000 a month and 5,000 eligible are done at month 5, not before") {
  // court-review-capacity = 100 records a month per 100,000 residents; 1,000,000 residents:
  // 1,000 a month. A 2-month deadline (met exactly if it could be: overrun 1) cannot be met
  // for 5,000 records: the courts overrun it, at capacity, and finish at month 5.
  TinyWorld w;
  Diagnostics problems;
  const DeliveryModel m = DeliveryModel::build(w.inputs, problems);
  REQUIRE(problems.empty());
  std::vector<double> delta;
  for (const auto& p : m.parameters()) delta.push_back(p.distribution.at(0.5));
  ResolvedAction a;
  a.date = d("2020-01-01");
  a.mechanism = Mechanism::automatic_court_expungement;
  a.deadline = d("2020-03-01");
  a.residents = 1'000'000;
  for (int month = 1; month <= 6; ++month) {
    INFO("month " << month);
    CHECK(5000 * m.cleared_share(a, month, delta, 5000) == doctest::Approx(std::min(5000, 1000 * month)));
  }
  // 1,500 records fit in the deadline's plan: 750 a month, done at month 2.
  CHECK(1500 * m.cleared_share(a, 1, delta, 1500) == doctest::Approx(750));
  CHECK(m.cleared_share(a, 2, delta, 1500) == doctest::Approx(1));
  // With no residents known, capacity sets no limit: the deadline's plan alone.
  a.residents = 0;
  CHECK(m.cleared_share(a, 2, delta, 5000) == doctest::Approx(1));
}

TEST_CASE("issue 15: a sealing does not block a later pardon, and a law not yet in force relieves nothing") {
  // Current law: a repository sealing of every conviction in 2019 (all sealed at once:
  // repository-sealing-months 0) and an automatic court expungement of 2021. A pardon of
  // 2020 still reaches all 500 convictions a state: sealed convictions can be pardoned, and
  // the 2021 law had not acted yet. An expungement of 2020 instead finds them all sealed.
  TinyWorld w;
  Scope convictions;
  convictions.dispositions = {Disposition::conviction};
  Scenario s;
  s.actions = {action("sealing", Mechanism::automatic_repository_sealing, "2019-01-01", convictions),
               action("later_expungement", Mechanism::automatic_court_expungement, "2021-01-01", convictions),
               action("pardon", Mechanism::blanket_pardon, "2020-01-01", convictions)};
  const Projection p = w.run_with_current_law(s, 2, {d("2021-06-01")});
  CHECK(median_of(p, 0, Unit::convictions) == doctest::Approx(500));
  CHECK(median_of(p, 0, Unit::convictions, Measure::already_relieved) == doctest::Approx(0));
  s.actions[2].mechanism = Mechanism::automatic_court_expungement;
  const Projection e = w.run_with_current_law(s, 2, {d("2021-06-01")});
  CHECK(median_of(e, 0, Unit::convictions) == doctest::Approx(0));
  CHECK(median_of(e, 0, Unit::convictions, Measure::already_relieved) == doctest::Approx(500));
}

TEST_CASE("issue 15: a repository list by amount finds only records whose offense class shows the amount") {
  // XX: possession of any amount a misdemeanor: a record does not say whether it was an
  // ounce or less, so a repository search for convictions of one ounce or less finds none;
  // a court, reading its files, finds the 450 (1,000 × 0.9 × 0.5). Where one ounce or less
  // is its own class (a violation), the repository finds them.
  TinyWorld w;
  w.options.extra_band_edges.push_back(kGramsPerOunce);
  Scope one_oz;
  one_oz.max_amount_grams = kGramsPerOunce;
  one_oz.dispositions = {Disposition::conviction};
  auto found = [&](RecordSource from) {
    Scenario s;
    s.actions = {action("pardon", Mechanism::blanket_pardon, "2020-01-01", one_oz)};
    s.actions[0].identified_from = from;
    return median_of(w.run_with_current_law(s, 0, {d("2020-01-01")}), 0, Unit::convictions);
  };
  CHECK(found(RecordSource::repository) == doctest::Approx(0));
  CHECK(found(RecordSource::court_records) == doctest::Approx(450));
  PossessionSchedule split{{{kGramsPerOunce, Grade::violation, ""}, {std::nullopt, Grade::misdemeanor, ""}}};
  for (auto& j : w.law.jurisdictions) j.possession.entries.front().value = split;
  CHECK(found(RecordSource::repository) == doctest::Approx(450));  // reach 1 in this world
}

TEST_CASE("issue 23: known sentence lengths give a known share on probation on a date") {
  // XX: 1,000 misdemeanor arrests in 1985, 500 convictions, taken as convicted on 1985-07-01.
  // Half are put on probation (no jail), which lasts 12 months on average at a constant
  // rate: on 1986-07-01 (365 days = 11.99 months later) e^(-11.99/12) of them are still on it.
  TinyWorld w;
  Scope on_probation;
  on_probation.dispositions = {Disposition::conviction};
  on_probation.status_on = Scope::StatusOn{d("1986-07-01"), status_bit(SentenceStatus::probation)};
  w.options.status_queries.push_back(*on_probation.status_on);
  Scenario s;
  s.actions = {action("vacate", Mechanism::automatic_court_expungement, "1986-07-01", on_probation)};
  const double months = 365 / 30.4375;
  const double share = 0.5 * std::exp(-months / 12);
  CHECK(median_of(w.run_with_current_law(s, 0, {d("1986-07-01")}), 0, Unit::convictions) == doctest::Approx(500 * share));
  // Nobody was jailed: a clause for the incarcerated reaches no one.
  s.actions[0].scope.status_on->any_of = status_bit(SentenceStatus::incarcerated);
  w.options.status_queries.push_back(*s.actions[0].scope.status_on);
  CHECK(median_of(w.run_with_current_law(s, 0, {d("1986-07-01")}), 0, Unit::convictions) == doctest::Approx(0));
}

TEST_CASE("issue 23: a status condition combines with amount and date conditions") {
  // As above, limited to one ounce or less (90%) and to offenses by 1985-12-31 (all of 1985).
  TinyWorld w;
  w.options.extra_band_edges.push_back(kGramsPerOunce);
  Scope scope;
  scope.dispositions = {Disposition::conviction};
  scope.max_amount_grams = kGramsPerOunce;
  scope.offense_on_or_before = d("1985-12-31");
  scope.status_on = Scope::StatusOn{d("1986-07-01"), status_bit(SentenceStatus::probation) | status_bit(SentenceStatus::parole)};
  w.options.status_queries.push_back(*scope.status_on);
  Scenario s;
  s.actions = {action("vacate", Mechanism::automatic_court_expungement, "1986-07-01", scope)};
  const double share = 0.5 * std::exp(-(365 / 30.4375) / 12);  // misdemeanors: no prison, so no parole
  CHECK(median_of(w.run_with_current_law(s, 0, {d("1986-07-01")}), 0, Unit::convictions) == doctest::Approx(450 * share));
  // Half of the year 1985 only: half as many.
  s.actions[0].scope.offense_on_or_before = d("1985-07-01");
  const double half = median_of(w.run_with_current_law(s, 0, {d("1986-07-01")}), 0, Unit::convictions);
  CHECK(half == doctest::Approx(450 * share * 182.0 / 365).epsilon(0.01));
}

TEST_CASE("a population of the jurisdictions in scope alone gives their figures bit for bit") {
  // YY's amount bands sit at other theta slots when XX is built first; every parameter is
  // drawn by its name, so the slots do not matter.
  TinyWorld w;
  w.inputs.assumptions[0].distribution = Distribution::uniform(0.8, 0.95);  // share up to 1 oz
  w.inputs.assumptions[2].distribution = Distribution::uniform(0.3, 0.7);   // conviction share
  w.inputs.assumptions[5].distribution = Distribution::uniform(1.1, 1.6);   // records per person
  Scenario s;
  Action a = action("expunge", Mechanism::automatic_court_expungement, "2020-01-01", Scope{});
  a.jurisdictions = {"YY"};
  a.scope.max_amount_grams = kGramsPerOunce;
  s.actions.push_back(a);
  w.options.extra_band_edges = {kGramsPerOunce};
  Diagnostics problems;
  const auto actions = resolve_actions(s, w.law, problems);
  const DeliveryModel delivery = DeliveryModel::build(w.inputs, problems);
  const RecordPopulation all = build_population(w.law, w.inputs, w.options, problems);
  w.options.only_jurisdictions = {1};
  const RecordPopulation yy = build_population(w.law, w.inputs, w.options, problems);
  REQUIRE(problems.empty());
  CHECK(yy.groups.size() * 2 == all.groups.size());
  CHECK(yy.group_ranges.at(0).first == yy.group_ranges.at(0).second);  // XX holds nothing
  const std::vector<Date> dates = {d("2020-06-30"), d("2021-01-01")};
  const ProjectionSettings settings{7, 64, 1};
  const Projection from_all = project(all, plan_eligibility(all, actions, dates.back()), actions, delivery, dates, settings);
  const Projection from_yy = project(yy, plan_eligibility(yy, actions, dates.back()), actions, delivery, dates, settings);
  REQUIRE(from_all.rows.size() == from_yy.rows.size());
  for (size_t i = 0; i < from_all.rows.size(); ++i) CHECK(from_all.rows[i].replicates == from_yy.rows[i].replicates);
  // The figures vary between replicates: the comparison is not of constants.
  const auto records = rows_of(from_yy, dates.front(), Measure::eligible, Unit::records);
  CHECK(records.front()->interval.p05 < records.front()->interval.p95);
}

TEST_CASE("issue 18: the pre-summed terms and the group-by-group reference agree exactly on a small world") {
  // Three years of 1,024 arrests in each of two states, every share a power of two: each
  // group's records are exact, so summing groups into terms first (the fast path) and
  // adding them group by group (the reference) must give the same bits, not merely close.
  TinyWorld w;
  w.inputs.state_arrests.clear();
  w.inputs.national_arrests.clear();
  for (int y : {1985, 1986, 1987}) {
    for (const char* postal : {"XX", "YY"}) w.inputs.state_arrests.push_back({postal, y, 1024.0, 0.0, 1.0, "Y", std::nullopt});
    w.inputs.national_arrests.push_back({y, 8192, 2048.0, "test"});
  }
  w.options.first_year = 1985;
  w.options.last_year = 1987;
  w.set("possession-share-up-to-1oz", 0.5);
  w.set("non-conviction-filed-share", 0.5);
  w.set("charges-per-case", 2.0);
  Scope convictions;
  convictions.dispositions = {Disposition::conviction};
  const std::vector<Date> dates = {d("2020-01-01"), d("2020-06-30")};
  for (const Scope& scope : {Scope{}, convictions}) {
    const Projection fast = w.run(scope, {3, 70, 2, false}, dates);
    const Projection reference = w.run(scope, {3, 70, 1, true}, dates);
    REQUIRE(fast.rows.size() == reference.rows.size());
    for (size_t i = 0; i < fast.rows.size(); ++i) CHECK(fast.rows[i].replicates == reference.rows[i].replicates);
    // 3,072 arrests in XX, half of them convicted: the hand count.
    CHECK(median_of(fast, 0, Unit::convictions) == 1536);
    CHECK(median_of(reference, 0, Unit::records) == (scope.dispositions.empty() ? 3072 : 1536));
  }
}
