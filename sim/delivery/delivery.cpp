#include "sim/delivery/delivery.hpp"

#include <algorithm>
#include <cmath>

namespace reliefsim {

double months_between(Date from, Date to) {
  // Calendar months, with the part-month counted in days of the month it falls in, so
  // that 2020-01-01 to 2020-06-01 is exactly 5 months.
  const int whole = (to.year() - from.year()) * 12 + (to.month() - from.month());
  return whole + double(to.day() - from.day()) / days_in_month(to.year(), to.month());
}

int burden_score(const ResolvedAction& a) {
  switch (a.mechanism) {
    case Mechanism::petition_expungement:
    case Mechanism::petition_sealing:
    case Mechanism::petition_vacatur:
    case Mechanism::certificate_on_application:
    case Mechanism::application_pardon:
      break;
    case Mechanism::blanket_pardon:
      if (a.records_updated_by_agency) return 0;
      break;  // the record changes when the person applies for proof of the pardon
    default:
      return 0;
  }
  const bool court = a.mechanism == Mechanism::petition_expungement || a.mechanism == Mechanism::petition_sealing ||
                     a.mechanism == Mechanism::petition_vacatur;
  const int fee = !a.fee_usd ? 1 : *a.fee_usd <= 0 ? 0 : *a.fee_usd <= 150 ? 1 : 2;
  return (court ? 1 : 0) + fee + (a.fingerprints ? 1 : 0) + (a.hearing ? 1 : 0);
}

int DeliveryModel::add(const PopulationInputs& inputs, const std::string& id, Diagnostics& problems) {
  const Assumption* a = inputs.find_assumption(id);
  if (!a) {
    Diagnostic d;
    d.where.file = "data/assumptions.yaml";
    d.message = "the delivery model needs assumption '" + id + "', which is not defined";
    d.hint = "add it with its range and source (docs/methodology.md)";
    problems.push_back(std::move(d));
    parameters_.push_back({id, Distribution::fixed(0)});
  } else {
    parameters_.push_back({id, a->distribution});
  }
  return static_cast<int>(parameters_.size()) - 1;
}

DeliveryModel DeliveryModel::build(const PopulationInputs& inputs, Diagnostics& problems) {
  DeliveryModel m;
  m.sealing_months_ = m.add(inputs, "repository-sealing-months", problems);
  m.deadline_overrun_ = m.add(inputs, "court-deadline-overrun", problems);
  m.no_deadline_months_ = m.add(inputs, "court-months-without-deadline", problems);
  m.manual_review_share_ = m.add(inputs, "manual-review-share", problems);
  m.electronic_batch_months_ = m.add(inputs, "electronic-batch-months", problems);
  m.court_capacity_ = m.add(inputs, "court-review-capacity", problems);
  m.preparation_months_ = m.add(inputs, "preparation-months", problems);
  m.petition_uptake_5y_ = m.add(inputs, "petition-uptake-5y", problems);
  m.petition_time_constant_ = m.add(inputs, "petition-uptake-time-constant", problems);
  m.burden_elasticity_ = m.add(inputs, "burden-uptake-elasticity", problems);
  m.application_grant_share_ = m.add(inputs, "application-pardon-grant-share", problems);
  m.outreach_multiplier_ = m.add(inputs, "outreach-uptake-multiplier", problems);
  m.legal_help_multiplier_ = m.add(inputs, "legal-help-uptake-multiplier", problems);
  return m;
}

// Take-up of something people must ask for: a saturating curve reaching the five-year
// take-up at 5 years (petition-uptake-5y, petition-uptake-time-constant), for the reference
// procedure; each point of burden above or below it divides or multiplies take-up by
// e^β (burden-uptake-elasticity).
DeliveryModel::Uptake DeliveryModel::uptake_of(const ResolvedAction& a, const std::vector<double>& delta) const {
  auto d = [&](int i) { return delta[static_cast<size_t>(i)]; };
  Uptake u;
  u.months_constant = d(petition_time_constant_) * 12;
  u.at_five_years = 1 - std::exp(-60 / u.months_constant);
  const double burden = std::exp(-d(burden_elasticity_) * (burden_score(a) - kReferenceBurden));
  const double outreach = a.outreach ? d(outreach_multiplier_) : 1.0;
  const double legal_help = a.free_legal_help ? d(legal_help_multiplier_) : 1.0;
  u.scale = d(petition_uptake_5y_) * burden * outreach * legal_help;
  return u;
}

double DeliveryModel::share(const ResolvedAction& a, double months, const std::vector<double>& delta,
                            double eligible_records, const Uptake* given) const {
  if (months < 0) return 0;
  // Where relief goes out in batches (Illinois' yearly pardons), what is cleared is what the
  // last batch carried: the pace of the work, read at the last batch date.
  if (a.batch_every_months > 0) months = std::floor(months / a.batch_every_months) * a.batch_every_months;
  auto d = [&](int i) { return delta[static_cast<size_t>(i)]; };
  auto uptake = [&](double m) {
    const Uptake take_up = given ? *given : uptake_of(a, delta);
    const double shape = (1 - std::exp(-m / take_up.months_constant)) / take_up.at_five_years;
    return std::min(1.0, take_up.scale * shape);
  };
  // An automated run (a repository's sealing, a court system's electronic batch) needs
  // preparation-months from enactment before it can start; a law enacted well before it takes
  // effect has it ready on the day (Connecticut's 2023 erasure), one that takes effect soon
  // after enactment waits. `ran` is how long the run has been going `months` after the legal
  // date, which may be more than `months`: the work done in advance counts, though nothing is
  // cleared before the law takes effect. A pardon is signed when its list is ready, and an
  // action with no known enactment date is taken to start its run on its date.
  auto run_share = [&](double length) {
    double ran = months;
    if (a.enacted && a.mechanism != Mechanism::blanket_pardon)
      ran = months + months_between(*a.enacted, a.date) - d(preparation_months_);
    if (ran < 0) return 0.0;
    return length <= 0 ? 1.0 : std::min(1.0, ran / length);
  };
  switch (a.mechanism) {
    case Mechanism::law_change:
      return 0;
    case Mechanism::blanket_pardon:
      // Legal effect at once; the record changes when its keeper updates it (as a
      // repository seals) or, otherwise, when the person applies.
      if (!a.records_updated_by_agency) return uptake(months);
      [[fallthrough]];
    case Mechanism::automatic_repository_sealing:
      return run_share(d(sealing_months_));
    case Mechanism::automatic_court_expungement:
    case Mechanism::prosecutor_initiated: {
      // Courts plan to work through the eligible records in T months: the statutory deadline
      // met late or early (court-deadline-overrun), or, with no deadline,
      // court-months-without-deadline. The plan is bounded by what they can review: no more
      // than court-review-capacity records a month per 100,000 residents, so a deadline too
      // short for the stock is overrun as capacity dictates. Records that need a person to
      // review them (multi-charge cases, paper files) take twice as long (manual-review-share).
      double t = a.deadline ? std::max(1.0, months_between(a.date, *a.deadline)) * d(deadline_overrun_)
                            : d(no_deadline_months_);
      const double capacity = d(court_capacity_) * a.residents / 1e5;  // records a month
      if (capacity > 0 && eligible_records > 0) t = std::max(t, eligible_records / capacity);
      const double r = d(manual_review_share_);
      const double slow = r * std::min(1.0, months / (2 * t));
      if (a.electronic_batch) {
        // One run over the electronic case records clears them in electronic-batch-months;
        // the records a person must handle (paper, multi-charge) still go at the courts' pace.
        return (1 - r) * run_share(d(electronic_batch_months_)) + slow;
      }
      return (1 - r) * std::min(1.0, months / t) + slow;
    }
    case Mechanism::petition_expungement:
    case Mechanism::petition_sealing:
    case Mechanism::petition_vacatur:
    case Mechanism::certificate_on_application:
      return uptake(months);
    case Mechanism::application_pardon: {
      // A one-time window: applications stop when it closes; a board grants some.
      const double open = a.ends ? std::min(months, months_between(a.date, *a.ends)) : months;
      return uptake(std::max(0.0, open)) * d(application_grant_share_);
    }
  }
  return 0;
}

}  // namespace reliefsim
