// Fiscal note: the workload and cost a scenario's actions put on courts and agencies, as a
// legislature's fiscal note states them: cases to review, staff hours, and their cost, per
// jurisdiction and in total, with a median and a 90% interval.
// Stage: fiscal (depends on projection, delivery, eligibility, population, scenario, law,
// base). Pure computation: no I/O. It reads a Projection only through its public rows
// (ProjectionRow::replicates of eligible and cleared cases), so it does not depend on how
// the projection computes them.
//
// Per replicate r and jurisdiction j (docs/methodology.md, "Fiscal-note figures"):
//   cases to review = eligible cases ÷ review-eligible-share       (court-run review)
//                   = eligible cases × manual-review-share         (automated run)
//                   = cleared cases                                 (petitions, applications)
//                   = cleared cases ÷ application-pardon-grant-share (pardon applications)
//   staff hours     = cases to review × review-minutes-per-case ÷ 60
//   cost            = staff hours × staff-hour-cost
// Each parameter is drawn with keyed_uniform(seed, id, r), so manual-review-share and
// application-pardon-grant-share take the same value the delivery model used in replicate r.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/base/date.hpp"
#include "sim/base/diagnostic.hpp"
#include "sim/base/distribution.hpp"
#include "sim/base/quantile.hpp"
#include "sim/population/inputs.hpp"
#include "sim/projection/projection.hpp"
#include "sim/scenario/scenario.hpp"

namespace reliefsim {

/// Which cases someone reviews for a jurisdiction's actions, decided by their mechanisms.
/// Where a jurisdiction's actions differ, the first that applies in this order counts for
/// all of its cases (a court that reviews every case in scope reviews the petitioners' too).
enum class ReviewBasis {
  court_review,         ///< automatic_court_expungement (not electronic_batch), prosecutor_initiated
  automated_run,        ///< automatic_repository_sealing, electronic_batch, a pardon the agency notes
  pardon_application,   ///< application_pardon: every application, granted or not
  on_request,           ///< petitions, certificates, a pardon's proof on application: those filed
  none,                 ///< law_change only: no past record is touched
};
std::string_view to_string(ReviewBasis b);

/// The review basis of jurisdiction `j` from `actions` (current law's actions excluded: the
/// figures are the scenario's).
ReviewBasis review_basis(const std::vector<ResolvedAction>& actions, int j);

/// The parameters of the fiscal figures, each a named assumption of data/assumptions.yaml.
class FiscalModel {
 public:
  struct Parameter {
    std::string id;
    Distribution distribution;
  };

  /// Looks up the fiscal assumptions in `inputs`. A missing one, or one whose range leaves
  /// its bounds (minutes and cost above 0, shares in (0, 1]), is reported in `problems` at
  /// its place in data/assumptions.yaml (for a missing one, the `assumptions:` list), and the
  /// model is then not to be used.
  static FiscalModel build(const PopulationInputs& inputs, Diagnostics& problems);

  const Parameter& review_minutes() const { return review_minutes_; }
  const Parameter& review_eligible_share() const { return review_eligible_share_; }
  const Parameter& staff_hour_cost() const { return staff_hour_cost_; }
  const Parameter& manual_review_share() const { return manual_review_share_; }
  const Parameter& application_grant_share() const { return application_grant_share_; }

 private:
  Parameter review_minutes_, review_eligible_share_, staff_hour_cost_, manual_review_share_,
      application_grant_share_;
};

/// One jurisdiction's (or the total's) figures: one value per replicate, in replicate order,
/// and their summaries.
struct FiscalRow {
  int jurisdiction = -1;  ///< index into the law library; -1 for the total
  ReviewBasis basis = ReviewBasis::none;  ///< the total's: none
  std::vector<double> cases_to_review, staff_hours, cost_usd;
  Interval cases_to_review_interval, staff_hours_interval, cost_usd_interval;
};

struct FiscalNote {
  Date as_of;
  std::vector<FiscalRow> rows;  ///< Projection::jurisdictions' order, total last
  int replicates = 0;
  std::uint64_t seed = 0;
};

/// The fiscal figures of `p` on `as_of`, which must be one of its dates (eligible and cleared
/// cases then; a date it lacks gives rows of zeros). `actions` are those the projection ran.
FiscalNote estimate_fiscal_note(const Projection& p, const std::vector<ResolvedAction>& actions,
                                const FiscalModel& model, Date as_of);

}  // namespace reliefsim
