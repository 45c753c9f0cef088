// Delivery: how much of what an action makes eligible is actually cleared by a date, by
// mechanism. Stage: delivery (depends on eligibility, scenario, population). Pure.
// Each mechanism's model and parameters are in docs/methodology.md ("Delivery").
#pragma once

#include <string>
#include <vector>

#include "sim/base/diagnostic.hpp"
#include "sim/population/record_population.hpp"
#include "sim/scenario/scenario.hpp"

namespace reliefsim {

class DeliveryModel {
 public:
  /// Looks up the delivery assumptions in `inputs`; missing ones are reported in `problems`.
  static DeliveryModel build(const PopulationInputs& inputs, Diagnostics& problems);

  /// The delivery parameters, drawn per replicate like the population's (by name).
  const std::vector<BaseParameter>& parameters() const { return parameters_; }

  /// Share (0 to 1) of the records `a` made eligible that are cleared `months` after its
  /// legal date, given one draw `delta` of parameters() (in their order). `eligible_records`
  /// is how many records the action reaches in its jurisdiction in this replicate: courts
  /// that review records one by one clear them at a pace their capacity bounds
  /// (court-review-capacity × residents), so a larger stock takes longer. 0: no bound.
  double cleared_share(const ResolvedAction& a, double months, const std::vector<double>& delta,
                       double eligible_records = 0) const {
    return share(a, months, delta, eligible_records, nullptr);
  }

  /// The parts of an action's take-up (of what people must ask for) that one draw fixes
  /// whatever the date: worked out once, for an action asked about on many dates.
  struct Uptake {
    double months_constant = 0;  ///< petition-uptake-time-constant, in months
    double at_five_years = 0;    ///< 1 - e^(-60 / months_constant): the curve's value at 5 years
    double scale = 0;            ///< take-up at 5 years for this action's burden, outreach and help
  };
  Uptake uptake_of(const ResolvedAction& a, const std::vector<double>& delta) const;
  /// cleared_share with uptake_of(a, delta) given: the same bits, with less work.
  double cleared_share(const ResolvedAction& a, double months, const std::vector<double>& delta,
                       double eligible_records, const Uptake& uptake) const {
    return share(a, months, delta, eligible_records, &uptake);
  }

 private:
  // `uptake`: worked out here, when the mechanism needs it, if not given.
  double share(const ResolvedAction& a, double months, const std::vector<double>& delta, double eligible_records,
               const Uptake* uptake) const;
  int add(const PopulationInputs& inputs, const std::string& id, Diagnostics& problems);
  std::vector<BaseParameter> parameters_;
  int electronic_batch_months_ = -1, court_capacity_ = -1, preparation_months_ = -1;
  int sealing_months_ = -1, deadline_overrun_ = -1, no_deadline_months_ = -1, manual_review_share_ = -1;
  int petition_uptake_5y_ = -1, petition_time_constant_ = -1, burden_elasticity_ = -1;
  int application_grant_share_ = -1, outreach_multiplier_ = -1, legal_help_multiplier_ = -1;
};

/// The burden of the procedure a person must follow to obtain `a`'s relief, in points of the
/// scale in docs/methodology.md ("burden-uptake-elasticity"): a court petition 1 (a form to
/// an agency 0); a fee over $150 2, a fee of $1 to $150 or one not stated 1, none 0;
/// fingerprints 1; a hearing 1. Relief no one has to ask for scores 0.
int burden_score(const ResolvedAction& a);

/// The burden score of the reference procedure, at which petition-uptake-5y applies: a
/// court petition with a fee and neither fingerprints nor a hearing.
inline constexpr int kReferenceBurden = 2;

/// Calendar months from `from` to `to` (negative before); a part-month counts in days of
/// the month `to` falls in.
double months_between(Date from, Date to);

}  // namespace reliefsim
