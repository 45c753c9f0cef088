// Projection: Monte Carlo replicates of a scenario's figures, per jurisdiction and in
// total, summarised as a median and a 90% interval. Stage: projection (depends on
// eligibility, population, scenario, law, base). Pure computation: no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/base/quantile.hpp"
#include "sim/base/units.hpp"
#include "sim/eligibility/eligibility.hpp"

namespace reliefsim {

struct ProjectionSettings {
  std::uint64_t seed = 20221006;
  int replicates = 1000;
  int threads = 0;  ///< 0: all hardware threads. Results do not depend on it.
  /// Evaluate group by group instead of through pre-summed terms: slower, kept as the
  /// reference the fast path is tested against.
  bool reference = false;
};

/// The units `run` reports for eligibility (docs/methodology.md, "Units and conversions").
inline constexpr std::array<Unit, 5> kEligibleUnits = {Unit::people, Unit::convictions, Unit::cases,
                                                       Unit::charges, Unit::records};

struct ProjectionRow {
  int jurisdiction = -1;  ///< index into the law library; -1 for the total
  Measure measure = Measure::eligible;
  Unit unit = Unit::records;
  std::vector<double> replicates;  ///< one value per replicate, in replicate order
  Interval interval;
};

struct Projection {
  std::vector<ProjectionRow> rows;  ///< per jurisdiction in library order, then totals
  std::vector<int> jurisdictions;   ///< jurisdictions in scope, in library order
  int replicates = 0;
  std::uint64_t seed = 0;
};

/// Runs the replicates. Replicate r draws every parameter from keyed_uniform(seed, name, r),
/// so output is identical for any thread count. Jurisdictions in scope: those any action
/// names.
Projection project(const RecordPopulation& pop, const EligibilityPlan& plan,
                   const std::vector<ResolvedAction>& actions, const ProjectionSettings& settings);

}  // namespace reliefsim
