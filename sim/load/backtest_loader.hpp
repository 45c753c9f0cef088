// Loads a backtest case file (tests/backtest_cases.yaml and files like it). Stage: load.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/base/citation.hpp"
#include "sim/base/date.hpp"
#include "sim/base/diagnostic.hpp"
#include "sim/base/units.hpp"

namespace reliefsim {

/// One enacted action and what was reported of it afterwards.
struct BacktestCase {
  std::string id;
  std::string scenario;      ///< scenario id or path: the action as enacted
  std::string jurisdiction;  ///< postal code, or "Total"
  Measure measure = Measure::cleared;
  Unit unit = Unit::records;
  Date as_of;                ///< date of the report
  double reported = 0;
  bool calibration = false;  ///< a delivery parameter was set from this case (scored apart)
  References reference;
  std::string note;
  SourceLocation where;
};

std::vector<BacktestCase> load_backtest_cases(std::string_view text, const std::string& file, Diagnostics& problems);

}  // namespace reliefsim
