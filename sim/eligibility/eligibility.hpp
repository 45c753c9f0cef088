// Eligibility: which record groups a scenario reaches, and by which action. Stage:
// eligibility (depends on population and scenario). Decided once per group, before
// any replicate is drawn: the law does not change between replicates.
#pragma once

#include <string>
#include <vector>

#include "sim/population/record_population.hpp"
#include "sim/scenario/scenario.hpp"

namespace reliefsim {

/// A board whose agreement a governor's pardon needs; drawn per replicate.
struct Gate {
  std::string key;  ///< "<action id>/<jurisdiction index>", the name its random draw is keyed on
  Distribution probability;
  int jurisdiction = -1;  ///< index into the law library
};

struct EligibleShare {
  int group = -1;
  double fraction = 0;  ///< share of the group reached (date windows cut groups)
  int gate = -1;        ///< index into EligibilityPlan::gates, or -1 when none is needed
  int action = -1;      ///< index into the resolved actions, for explanations
  /// Theta slot of the share of the reached records the acting agency can find
  /// (RecordPopulation::repository_slot for actions on the repository's records), else kOne.
  int reach = kOne;
  /// Theta slot of the share of the group's people in the scope's sentence status on its
  /// date (RecordPopulation::status_slot), for clauses limited to people under sentence.
  int status = kOne;
};

struct EligibilityPlan {
  /// Sorted by group; several per group possible. A national plan holds over a million,
  /// copied into place by the planning threads (InPlaceAllocator).
  std::vector<EligibleShare, InPlaceAllocator<EligibleShare>> shares;
  std::vector<Gate> gates;
};

/// Whether an action reaches group `g`, and if not, the first rule that keeps it out.
struct EligibilityDecision {
  double fraction = 0;  ///< share of the group reached, 0 to 1
  std::string reason;   ///< empty when fraction > 0: "the grade (felony) is not among [misdemeanor]"
};
EligibilityDecision decide_eligibility(const RecordGroup& g, const AmountBands& bands, const Scope& scope,
                                       Mechanism mechanism, Date date);

/// The share of group `g` that an action with `scope` and legal date `date` reaches
/// (0 to 1). Offenses after `date` are never reached.
/// The share of a group's offenses committed at the ages a scope allows (age_at_least,
/// age_under), from the age profile of arrestees, uniform within a band; the last band runs
/// to 80. 1 without an age condition.
double age_share(const std::vector<AgeBandShare>& ages, const Scope& scope);

double eligible_fraction(const RecordGroup& g, const AmountBands& bands, const Scope& scope,
                         Mechanism mechanism, Date date);

/// A sentence for each of `actions` (current law left out) that reaches no record group
/// of its jurisdiction, saying why when the population holds no records of an offense in its
/// scope there (a federal what-if on trafficking finds none: only simple possession counts are
/// encoded). Empty when every action reaches something.
std::vector<std::pair<int, std::string>> unreached_actions(const RecordPopulation& pop, const LawLibrary& law,
                                                           const std::vector<ResolvedAction>& actions);

/// Evaluates every resolved action taking effect on or before `as_of` against every group,
/// jurisdiction by jurisdiction on up to `threads` threads (0: every hardware thread). The
/// plan is the same for any thread count.
EligibilityPlan plan_eligibility(const RecordPopulation& pop,
                                 const std::vector<ResolvedAction>& actions, Date as_of, int threads = 1);

}  // namespace reliefsim
