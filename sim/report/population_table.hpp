// The `population` outputs: one jurisdiction's record holders on a date, as tidy rows with
// the `run` columns, or as a table. Stage: report.
#pragma once

#include <string>
#include <vector>

#include "sim/projection/population_summary.hpp"
#include "sim/report/tables.hpp"

namespace reliefsim {

std::string format_population(const std::vector<SummaryRow>& rows, const JurisdictionLabel& label,
                              const RunInfo& info, int replicates, std::uint64_t seed, Format format);

}  // namespace reliefsim
