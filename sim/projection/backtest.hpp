// Backtest scoring: a projection against what was reported of an enacted action.
// Stage: projection (pure).
#pragma once

#include <string>
#include <vector>

#include "sim/base/quantile.hpp"

namespace reliefsim {

struct BacktestScore {
  double reported = 0;
  Interval projected;
  bool inside = false;     ///< reported within [p05, p95]
  double log_ratio = 0;    ///< ln(projected median / reported)
  bool calibration = false;
};

BacktestScore score_case(double reported, const Interval& projected, bool calibration);

struct BacktestSummary {
  int inside = 0, scored = 0;          ///< cases not used for calibration
  double median_abs_log_ratio = 0;     ///< over the same cases
  int calibration_inside = 0, calibration_scored = 0;
  double calibration_median_abs_log_ratio = 0;
};

BacktestSummary summarize_backtest(const std::vector<BacktestScore>& scores);

}  // namespace reliefsim
