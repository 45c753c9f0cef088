// RaceProfile: the share of each state-year's marijuana arrests of Black, white and other
// people, by iterative proportional fitting (Eigen) of a states × {Black, not Black} table
// to the states' arrest totals and the national Black share. Stage: population.
// (docs/methodology.md, race-ipf.)
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "sim/population/arrest_series.hpp"
#include "sim/population/inputs.hpp"

namespace reliefsim {

enum class Race { black, white, other };
inline constexpr std::array<Race, 3> kRaces = {Race::black, Race::white, Race::other};
std::string_view to_string(Race r);

struct RaceShares {
  std::array<double, 3> share = {0, 0, 0};  ///< by Race, adding up to 1
};

struct RaceFit {
  /// shares[postal][year]
  std::map<std::string, std::map<int, RaceShares>> shares;
  /// Largest relative miss of a margin after fitting, over all years (for the tests).
  double worst_margin_error = 0;
  int iterations = 0;
};

/// Fits every year of `arrests` (postal → series). States missing from the census table
/// are left out (they get no race split).
RaceFit fit_race_profile(const std::map<std::string, const JurisdictionArrests*>& arrests, const RaceInputs& in);

}  // namespace reliefsim
