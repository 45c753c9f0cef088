#include "sim/fiscal/fiscal_note.hpp"

#include <algorithm>
#include <limits>

#include "sim/base/random.hpp"

namespace reliefsim {

std::string_view to_string(ReviewBasis b) {
  switch (b) {
    case ReviewBasis::court_review: return "court_review";
    case ReviewBasis::automated_run: return "automated_run";
    case ReviewBasis::pardon_application: return "pardon_application";
    case ReviewBasis::on_request: return "on_request";
    case ReviewBasis::none: return "none";
  }
  return "none";
}

namespace {

ReviewBasis basis_of(const ResolvedAction& a) {
  switch (a.mechanism) {
    case Mechanism::automatic_court_expungement:
      // A court system's batch over its electronic records leaves only the share needing a
      // person (manual-review-share) to its staff, as the delivery model times it.
      return a.electronic_batch ? ReviewBasis::automated_run : ReviewBasis::court_review;
    case Mechanism::prosecutor_initiated:
      return ReviewBasis::court_review;
    case Mechanism::automatic_repository_sealing:
      return ReviewBasis::automated_run;
    case Mechanism::blanket_pardon:
      // Noted on the records by their keeper, or proved on the person's application.
      return a.records_updated_by_agency ? ReviewBasis::automated_run : ReviewBasis::on_request;
    case Mechanism::application_pardon:
      return ReviewBasis::pardon_application;
    case Mechanism::petition_expungement:
    case Mechanism::petition_sealing:
    case Mechanism::petition_vacatur:
    case Mechanism::certificate_on_application:
      return ReviewBasis::on_request;
    case Mechanism::law_change:
      return ReviewBasis::none;
  }
  return ReviewBasis::none;
}

// Lower is heavier: the basis that counts where a jurisdiction's actions differ.
int weight(ReviewBasis b) { return static_cast<int>(b); }

struct Bounds {
  double low;
  bool low_allowed;  // whether `low` itself is allowed (a share of 0), or only above it
  double high;       // allowed
  const char* expected;
};

// The distribution's smallest and largest values (its 0.1% and 99.9% points for a lognormal,
// which has no bounds of its own).
std::pair<double, double> range_of(const Distribution& d) {
  switch (d.kind) {
    case Distribution::Kind::fixed: return {d.a, d.a};
    case Distribution::Kind::uniform: return {d.a, d.b};
    case Distribution::Kind::triangular: return {d.a, d.c};
    case Distribution::Kind::lognormal: return {d.at(0.001), d.at(0.999)};
  }
  return {d.a, d.a};
}

FiscalModel::Parameter need(const PopulationInputs& inputs, const std::string& id, Bounds b, Diagnostics& problems) {
  const Assumption* a = inputs.find_assumption(id);
  if (!a) {
    problems.push_back({inputs.assumptions_where,
                        "the fiscal figures need assumption '" + id + "', which is not defined",
                        "add it to this list with its range and source (docs/methodology.md#" + id + ")"});
    return {id, Distribution::fixed(0)};
  }
  const auto [lo, hi] = range_of(a->distribution);
  const bool low_ok = b.low_allowed ? lo >= b.low : lo > b.low;
  if (!low_ok || hi > b.high) {
    problems.push_back({a->where,
                        "assumption '" + id + "': expected " + b.expected + ", got " + a->distribution.describe(),
                        "see docs/methodology.md#" + id});
  }
  return {id, a->distribution};
}

}  // namespace

ReviewBasis review_basis(const std::vector<ResolvedAction>& actions, int j) {
  ReviewBasis out = ReviewBasis::none;
  for (const auto& a : actions)
    if (!a.current_law && a.jurisdiction == j && weight(basis_of(a)) < weight(out)) out = basis_of(a);
  return out;
}

FiscalModel FiscalModel::build(const PopulationInputs& inputs, Diagnostics& problems) {
  constexpr double kNoLimit = std::numeric_limits<double>::infinity();
  FiscalModel m;
  m.review_minutes_ = need(inputs, "review-minutes-per-case", {0, false, kNoLimit, "minutes above 0"}, problems);
  // Divisors: a share of 0 would make every case a case to review.
  m.review_eligible_share_ =
      need(inputs, "review-eligible-share", {0, false, 1, "a share above 0 and at most 1"}, problems);
  m.staff_hour_cost_ = need(inputs, "staff-hour-cost", {0, false, kNoLimit, "dollars per hour above 0"}, problems);
  m.application_grant_share_ =
      need(inputs, "application-pardon-grant-share", {0, false, 1, "a share above 0 and at most 1"}, problems);
  // The delivery model's own (docs/methodology.md), where no case needing a person is allowed.
  m.manual_review_share_ = need(inputs, "manual-review-share", {0, true, 1, "a share from 0 to 1"}, problems);
  return m;
}

FiscalNote estimate_fiscal_note(const Projection& p, const std::vector<ResolvedAction>& actions,
                                const FiscalModel& model, Date as_of) {
  FiscalNote note;
  note.as_of = as_of;
  note.replicates = p.replicates;
  note.seed = p.seed;
  const size_t n = static_cast<size_t>(std::max(0, p.replicates));
  auto draws = [&](const FiscalModel::Parameter& q) {
    std::vector<double> v(n);
    for (size_t r = 0; r < n; ++r) v[r] = q.distribution.at(keyed_uniform(p.seed, q.id, r));
    return v;
  };
  const auto minutes = draws(model.review_minutes());
  const auto eligible_share = draws(model.review_eligible_share());
  const auto hour_cost = draws(model.staff_hour_cost());
  const auto manual_share = draws(model.manual_review_share());
  const auto grant_share = draws(model.application_grant_share());

  auto replicates_of = [&](Measure m, int j) -> std::vector<double> {
    for (const ProjectionRow* row : rows_of(p, as_of, m, Unit::cases))
      if (row->jurisdiction == j && row->replicates.size() == n) return {row->replicates.begin(), row->replicates.end()};
    return std::vector<double>(n, 0.0);
  };
  auto finish = [](FiscalRow& row) {
    row.cases_to_review_interval = summarize(row.cases_to_review);
    row.staff_hours_interval = summarize(row.staff_hours);
    row.cost_usd_interval = summarize(row.cost_usd);
  };

  FiscalRow total;
  total.cases_to_review.assign(n, 0.0);
  total.staff_hours.assign(n, 0.0);
  total.cost_usd.assign(n, 0.0);
  for (int j : p.jurisdictions) {
    FiscalRow row;
    row.jurisdiction = j;
    row.basis = review_basis(actions, j);
    const auto eligible = replicates_of(Measure::eligible, j);
    const auto cleared = replicates_of(Measure::cleared, j);
    row.cases_to_review.resize(n);
    row.staff_hours.resize(n);
    row.cost_usd.resize(n);
    for (size_t r = 0; r < n; ++r) {
      double cases = 0;
      switch (row.basis) {
        // Clerks go through every candidate case to find the eligible ones (Missouri's
        // circuit clerks, docs/research/fiscal.md).
        case ReviewBasis::court_review: cases = eligible[r] / eligible_share[r]; break;
        case ReviewBasis::automated_run: cases = eligible[r] * manual_share[r]; break;
        // Every application is reviewed, granted or not.
        case ReviewBasis::pardon_application: cases = cleared[r] / grant_share[r]; break;
        // Those filed; petitions denied are not counted (cleared counts those granted).
        case ReviewBasis::on_request: cases = cleared[r]; break;
        case ReviewBasis::none: cases = 0; break;
      }
      row.cases_to_review[r] = cases;
      row.staff_hours[r] = cases * minutes[r] / 60.0;
      row.cost_usd[r] = row.staff_hours[r] * hour_cost[r];
      total.cases_to_review[r] += row.cases_to_review[r];
      total.staff_hours[r] += row.staff_hours[r];
      total.cost_usd[r] += row.cost_usd[r];
    }
    finish(row);
    note.rows.push_back(std::move(row));
  }
  finish(total);
  note.rows.push_back(std::move(total));
  return note;
}

}  // namespace reliefsim
