// Formats a race split (sim/projection/race_split.hpp) as a table, Markdown, a JSON member
// or its own CSV. Stage: report. Computes nothing.
//
// As with the fiscal figures, the tidy CSV of `run` is an interface, so the race figures
// never go into it: `run --by-race` prints them under the table (table, md), as a "by_race"
// member of the JSON, or with --format csv as this file's own CSV (kRaceHeader).
#pragma once

#include <string>
#include <vector>

#include "sim/projection/race_split.hpp"
#include "sim/report/tables.hpp"

namespace reliefsim {

/// One row per jurisdiction (and Total), race (black, white, other, not_split), measure and
/// unit; then, for the Total, the disparity rows: measure eligible_share (unit share) and
/// disparity_ratio (unit ratio), with three decimals.
inline constexpr const char* kRaceHeader = "scenario,jurisdiction,postal,fips,race,measure,unit,as_of,median,p05,p95";

std::string format_race_split(const RaceSplit& split, const std::vector<JurisdictionLabel>& labels,
                              const std::string& scenario_id, Format format);

}  // namespace reliefsim
