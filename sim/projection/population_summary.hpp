// Population summary: who holds marijuana records in one jurisdiction on a date, in
// records, convictions and people, by grade and by decade of the offense, with 90%
// intervals over Monte Carlo replicates. Stage: projection (pure).
#pragma once

#include <string>
#include <vector>

#include "sim/base/quantile.hpp"
#include "sim/base/units.hpp"
#include "sim/population/record_population.hpp"
#include "sim/projection/projection.hpp"

namespace reliefsim {

struct SummaryRow {
  std::string measure;  ///< "held", "held_grade_felony", "held_decade_1990s", ...
  Unit unit = Unit::records;
  std::vector<double> replicates;
  Interval interval;
};

/// Records (and the convictions and people behind them) of offenses committed before
/// `as_of` in `jurisdiction`. Replicates draw parameters exactly as `project` does.
std::vector<SummaryRow> summarize_population(const RecordPopulation& pop, int jurisdiction, Date as_of,
                                             const ProjectionSettings& settings);

}  // namespace reliefsim
