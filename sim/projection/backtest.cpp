#include "sim/projection/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace reliefsim {

BacktestScore score_case(double reported, const Interval& projected, bool calibration) {
  BacktestScore s;
  s.reported = reported;
  s.projected = projected;
  s.calibration = calibration;
  s.inside = projected.p05 <= reported && reported <= projected.p95;
  // A projection of zero against a positive report is as far off as can be; it is scored
  // at the ratio of one record to the report.
  s.log_ratio = std::log(std::max(projected.median, 1.0) / reported);
  return s;
}

namespace {
double median_abs(std::vector<double> v) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  for (double& x : v) x = std::abs(x);
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
}  // namespace

BacktestSummary summarize_backtest(const std::vector<BacktestScore>& scores) {
  BacktestSummary out;
  std::vector<double> scored, calibration;
  for (const auto& s : scores) {
    if (s.calibration) {
      ++out.calibration_scored;
      out.calibration_inside += s.inside;
      calibration.push_back(s.log_ratio);
    } else {
      ++out.scored;
      out.inside += s.inside;
      scored.push_back(s.log_ratio);
    }
  }
  out.median_abs_log_ratio = median_abs(scored);
  out.calibration_median_abs_log_ratio = median_abs(calibration);
  return out;
}

}  // namespace reliefsim
