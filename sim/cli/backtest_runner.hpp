// Projecting one backtest case (an enacted action and what was reported of it), shared by
// `backtest` and `calibrate`. Stage: cli.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/cli/workspace.hpp"
#include "sim/load/backtest_loader.hpp"
#include "sim/projection/projection.hpp"

namespace reliefsim {

/// Reads the case file at `path` (relative to the working directory or the project root).
std::optional<std::vector<BacktestCase>> read_backtest_cases(Workspace& ws, std::string path);

/// The projected interval of case `c`'s measure on its date; problems go to ws.problems.
std::optional<Interval> project_case(Workspace& ws, const BacktestCase& c, const ProjectionSettings& settings);

/// Sets assumption `id` to a lognormal with `median` and `sigma` for as long as the object
/// lives, then restores it.
class CalibratedMedian {
 public:
  CalibratedMedian(PopulationInputs& inputs, const std::string& id, double median, double sigma);
  ~CalibratedMedian();
  CalibratedMedian(const CalibratedMedian&) = delete;
  CalibratedMedian& operator=(const CalibratedMedian&) = delete;

 private:
  Assumption* assumption_ = nullptr;
  Distribution saved_;
};

/// The backtest cases whose scenarios act by a mechanism `court-review-capacity` paces
/// (automatic court expungement, prosecutor-initiated relief): the cases it is fitted on.
std::vector<const BacktestCase*> cases_paced_by_courts(Workspace& ws, const std::vector<BacktestCase>& cases);

}  // namespace reliefsim
