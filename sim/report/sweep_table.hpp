// The `sweep` summaries: which knob moves the total, and the totals as a table or, with
// two knobs, as a grid of knob A × knob B. Stage: report (formats, computes only means).
#pragma once

#include <string>
#include <vector>

#include "sim/base/quantile.hpp"

namespace reliefsim {

struct SweepKnob {
  std::string path;                 ///< as in a scenario's overrides
  std::vector<std::string> values;  ///< as given on the command line
};

struct SweepResult {
  std::string scenario_id, measure, unit, as_of;  ///< what the totals are
  std::vector<SweepKnob> knobs;
  /// One entry per variant, in the order the grid is enumerated (the last knob fastest):
  /// the value index of each knob, and the national total of the measure in the unit.
  std::vector<std::vector<size_t>> levels;
  std::vector<Interval> totals;
};

/// For each knob, the mean total (median over replicates) at each of its values, averaged
/// over the other knobs' values; knobs ordered by the range of those means, largest first.
/// A knob whose means do not differ says so plainly.
std::string sweep_effects(const SweepResult& r);

/// The totals, one line per variant (knob values, median and 90% interval), or with exactly
/// two knobs a grid: the first knob's values down, the second's across. Markdown or text.
std::string sweep_table(const SweepResult& r, bool markdown);

}  // namespace reliefsim
