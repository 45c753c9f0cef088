// The `compare` outputs: scenarios side by side with paired differences. Stage: report.
#pragma once

#include <string>
#include <vector>

#include "sim/report/tables.hpp"

namespace reliefsim {

struct ComparedScenario {
  std::string id;
  std::string title;
  const Projection* projection = nullptr;
};

struct ComparedDifference {
  std::string label;  ///< "b minus a"
  const Projection* projection = nullptr;
};

/// Table and Markdown show `measure` in `unit` per jurisdiction; CSV and JSON carry every
/// row, scenarios first (scenario column = the id), then differences (the label).
std::string format_comparison(const std::vector<ComparedScenario>& scenarios,
                              const std::vector<ComparedDifference>& differences,
                              const std::vector<JurisdictionLabel>& labels, const RunInfo& info, Measure measure,
                              Unit unit, Format format);

}  // namespace reliefsim
