#include "sim/report/sweep_table.hpp"

#include <algorithm>
#include <cmath>

#include "sim/report/tables.hpp"
#include "sim/report/text_format.hpp"

namespace reliefsim {
namespace {


}  // namespace

std::string sweep_effects(const SweepResult& r) {
  struct Effect {
    std::string path, low_value, high_value;
    double low, high;
  };
  std::vector<Effect> effects;
  for (size_t k = 0; k < r.knobs.size(); ++k) {
    const size_t n = r.knobs[k].values.size();
    std::vector<double> sum(n, 0), count(n, 0);
    for (size_t i = 0; i < r.totals.size(); ++i) {
      sum[r.levels[i][k]] += r.totals[i].median;
      count[r.levels[i][k]] += 1;
    }
    size_t lo = 0, hi = 0;
    for (size_t v = 0; v < n; ++v) {
      sum[v] /= std::max(1.0, count[v]);
      if (sum[v] < sum[lo]) lo = v;
      if (sum[v] > sum[hi]) hi = v;
    }
    effects.push_back({r.knobs[k].path, r.knobs[k].values[lo], r.knobs[k].values[hi], sum[lo], sum[hi]});
  }
  std::stable_sort(effects.begin(), effects.end(),
                   [](const Effect& a, const Effect& b) { return a.high - a.low > b.high - b.low; });
  std::string out = "sweep: " + std::to_string(r.totals.size()) + " variants of " + r.scenario_id + ", total " + r.measure +
                    " " + r.unit + " (median) as of " + r.as_of + "; knobs by how much they move it:\n";
  for (const auto& e : effects) {
    // Compared as printed: a knob whose means round to the same whole number moves nothing
    // a reader could see.
    if (grouped(e.high) == grouped(e.low))
      out += "  " + e.path + ": does not move it (" + grouped(e.low) + " at every value)\n";
    else
      out += "  " + e.path + ": " + grouped(e.low) + " at " + e.low_value + " to " + grouped(e.high) + " at " +
             e.high_value + " (a range of " + grouped(e.high - e.low) + ")\n";
  }
  return out;
}

std::string sweep_table(const SweepResult& r, bool markdown) {
  const std::string what = "total " + r.measure + " " + r.unit;
  std::string out = markdown ? "## Sweep of `" + r.scenario_id + "`\n\n" + "Median and 90% interval of the " + what +
                                   " as of " + r.as_of + ".\n\n"
                             : "sweep of " + r.scenario_id + ": " + what + " as of " + r.as_of +
                                   "; median (90% interval)\n\n";
  std::vector<std::vector<std::string>> cells;
  if (r.knobs.size() == 2) {
    // Knob A down, knob B across: the grid a reader scans for where the two interact.
    const auto& a = r.knobs[0];
    const auto& b = r.knobs[1];
    std::vector<std::string> head = {a.path + " \\ " + b.path};
    for (const auto& v : b.values) head.push_back(v);
    cells.push_back(head);
    for (size_t i = 0; i < a.values.size(); ++i) {
      std::vector<std::string> line = {a.values[i]};
      for (size_t j = 0; j < b.values.size(); ++j) line.push_back(interval_text(r.totals[i * b.values.size() + j]));
      cells.push_back(line);
    }
    out += aligned_table(cells, 1, markdown);
  } else {
    std::vector<std::string> head;
    for (const auto& k : r.knobs) head.push_back(k.path);
    head.push_back(what);
    cells.push_back(head);
    for (size_t i = 0; i < r.totals.size(); ++i) {
      std::vector<std::string> line;
      for (size_t k = 0; k < r.knobs.size(); ++k) line.push_back(r.knobs[k].values[r.levels[i][k]]);
      line.push_back(interval_text(r.totals[i]));
      cells.push_back(line);
    }
    out += aligned_table(cells, r.knobs.size(), markdown);
  }
  return out + "\n" + sweep_effects(r);
}

}  // namespace reliefsim
