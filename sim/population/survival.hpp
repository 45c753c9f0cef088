// Survival: the share of people arrested in a year who are alive on a later date, from
// SSA period life tables and the age and sex of arrestees. Stage: population.
// (docs/methodology.md, survival-life-tables and arrestee-mortality-multiplier.)
#pragma once

#include "sim/base/date.hpp"
#include "sim/population/inputs.hpp"

namespace reliefsim {

struct SurvivalShares {
  double alive = 1;     ///< mean over age and sex of S, the probability of being alive
  double alive_sq = 1;  ///< mean of S², so that S^m for m in [1, 2] can be taken between them
};

class SurvivalModel {
 public:
  /// `d` must hold life tables and age bands (the loader checks it).
  explicit SurvivalModel(const Demography& d) : d_(d) {}

  /// For offenses committed in `offense_year` (taken at mid-year), alive on `on`.
  SurvivalShares shares(int offense_year, Date on) const;

  /// Probability that a person aged `age` in `year` is alive `years` later, using the
  /// period table of the tabulated calendar year nearest the middle of the interval and
  /// log-linear interpolation between tabulated ages.
  double survival(bool male, double age, double year, double years) const;

 private:
  double lx(int table_year, bool male, double age) const;
  const Demography& d_;
};

}  // namespace reliefsim
