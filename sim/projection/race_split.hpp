// Race split: a projection's people eligible, cleared and left with no record, split by the
// race of the record holders, with the disparity ratio advocates quote (share of those
// reached over share of the population). Stage: projection. Pure computation.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "sim/eligibility/eligibility.hpp"
#include "sim/projection/projection.hpp"

namespace reliefsim {

/// The measures split by race, in output order: people eligible, people cleared, people left
/// with no marijuana record.
inline constexpr std::array<std::pair<Measure, Unit>, 3> kRaceSplitMeasures = {
    std::pair{Measure::eligible, Unit::people}, std::pair{Measure::cleared, Unit::people},
    std::pair{Measure::cleared, Unit::people_fully_cleared}};

struct RaceSplitRow {
  int jurisdiction = -1;  ///< index into the law library; -1 for the total
  /// Black, white, other; nullopt: people in jurisdictions with no race profile (not split),
  /// so that the rows of a jurisdiction add up to its figure in every replicate.
  std::optional<Race> race;
  Measure measure = Measure::eligible;
  Unit unit = Unit::people;
  std::vector<double> replicates;
  Interval interval;
};

/// Share of each race in the population of the jurisdictions in scope (2020 census, all
/// ages) and, per replicate, its share of the people eligible; their ratio is the disparity.
struct RaceDisparity {
  Race race = Race::black;
  double population_share = 0;
  Interval eligible_share;  ///< share of the split people eligible, over replicates
  Interval ratio;           ///< eligible_share / population_share, over replicates
};

struct RaceSplit {
  Date as_of;
  std::vector<RaceSplitRow> rows;  ///< by jurisdiction (library order, total last), race, measure
  std::vector<RaceDisparity> disparity;  ///< national (all jurisdictions in scope), by race
};

/// Residents by race of one jurisdiction (2020 census): black, white, other.
struct RacePopulation {
  int jurisdiction = -1;
  std::array<double, 3> people = {0, 0, 0};
};

/// Splits `p`'s figures on `as_of` by race. Within a jurisdiction, the people the scenario's
/// own actions reach (not current law's) are weighted by group with every parameter at its
/// median, and each group's people take the race shares of its state and year
/// (RecordPopulation::race); that mix splits each replicate's figure, so the races add up to
/// it exactly. The cleared take the mix of the eligible (docs/methodology.md, "race-split").
RaceSplit split_by_race(const RecordPopulation& pop, const EligibilityPlan& plan,
                        const std::vector<ResolvedAction>& actions, const Projection& p, Date as_of,
                        const std::vector<RacePopulation>& residents);

}  // namespace reliefsim
