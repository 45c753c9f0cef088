// reliefsim backtest [CASES]: replays enacted actions and compares the projections with
// what was reported afterwards.
#include <cmath>
#include <cstdio>
#include <iostream>

#include "sim/cli/options.hpp"
#include "sim/cli/pipeline.hpp"
#include "sim/load/backtest_loader.hpp"
#include "sim/projection/backtest.hpp"

namespace reliefsim {

int cmd_backtest(const Args& args) {
  CommonOptions o;
  std::string cases_path = "tests/backtest_cases.yaml";
  po::options_description d("options");
  add_common_options(d, o);
  d.add_options()("cases", po::value(&cases_path), "case file (default tests/backtest_cases.yaml)");
  po::positional_options_description pos;
  pos.add("cases", 1);
  std::optional<int> early;
  parse_options("backtest",
                "usage: reliefsim backtest [CASES] [options]\n\n"
                "Replays each enacted action of the case file as a scenario and compares the projection\n"
                "with the reported outcome: reported, projected median, 90% interval, inside or not,\n"
                "ratio. The last two lines are 'inside_90: K/N' and 'median_abs_log_ratio: X' over the\n"
                "cases not used for calibration.\n",
                args, d, pos, early);
  if (early) return *early;
  std::optional<Date> as_of;
  Format format = Format::table;
  if (!validate("backtest", o, as_of, format)) return kExitBadInput;
  auto opened = open_workspace("backtest", o.root, Load::everything);
  if (!opened) return kExitBadInput;
  Workspace& ws = *opened;
  std::optional<std::string> text = ws.read(cases_path);
  if (!text && ws.root != ".") {
    ws.problems.clear();
    text = ws.read(ws.root + "/" + cases_path);
    if (text) cases_path = ws.root + "/" + cases_path;
  }
  std::vector<BacktestCase> cases;
  if (text) cases = load_backtest_cases(*text, cases_path, ws.problems);
  if (!ws.problems.empty()) return fail_with_problems("backtest", ws);
  std::vector<BacktestScore> scores;
  std::string table;
  char line[512];
  std::snprintf(line, sizeof line, "%-20s %-5s %-8s %-12s %-10s %12s %12s %27s %7s %7s\n", "case", "where", "measure",
                "unit", "as of", "reported", "projected", "90% interval", "inside", "ratio");
  table += line;
  for (const BacktestCase& c : cases) {
    auto scenario = ws.load_scenario_named(c.scenario);
    if (!scenario) break;
    auto result = run_pipeline(ws, *scenario, {c.as_of}, {o.seed, o.replicates, o.threads, false, o.baseline == "current_law"});
    if (!result) break;
    const ProjectionRow* row = nullptr;
    for (const auto& r : result->projection.rows) {
      const bool place = c.jurisdiction == "Total"
                             ? r.jurisdiction < 0
                             : r.jurisdiction >= 0 && ws.law->jurisdictions[static_cast<size_t>(r.jurisdiction)].postal == c.jurisdiction;
      if (place && r.measure == c.measure && r.unit == c.unit) row = &r;
    }
    if (!row) {
      ws.problems.push_back({c.where, "case '" + c.id + "': scenario '" + c.scenario + "' does not reach jurisdiction '" +
                                          c.jurisdiction + "'", "name a jurisdiction the scenario acts in, or Total"});
      break;
    }
    const BacktestScore s = score_case(c.reported, row->interval, c.calibration);
    scores.push_back(s);
    char interval[64];
    std::snprintf(interval, sizeof interval, "%.0f-%.0f", s.projected.p05, s.projected.p95);
    std::snprintf(line, sizeof line, "%-20s %-5s %-8s %-12s %-10s %12.0f %12.0f %27s %7s %7.2f%s\n", c.id.c_str(),
                  c.jurisdiction.c_str(), std::string(to_string(c.measure)).c_str(), std::string(to_string(c.unit)).c_str(),
                  c.as_of.to_string().c_str(), c.reported, s.projected.median, interval, s.inside ? "yes" : "no",
                  std::exp(s.log_ratio), c.calibration ? "  (calibration)" : "");
    table += line;
  }
  if (!ws.problems.empty()) return fail_with_problems("backtest", ws, "no summary");
  const BacktestSummary sum = summarize_backtest(scores);
  std::string out = "Backtest: " + std::to_string(scores.size()) + " enacted actions against reported outcomes, " +
                    std::to_string(o.replicates) + " replicates, seed " + std::to_string(o.seed) +
                    "\nratio = projected median / reported\n\n" + table + "\n";
  if (sum.calibration_scored > 0) {
    std::snprintf(line, sizeof line, "calibration cases (not in the summary): inside %d/%d, median |log ratio| %.3f\n",
                  sum.calibration_inside, sum.calibration_scored, sum.calibration_median_abs_log_ratio);
    out += line;
  }
  std::snprintf(line, sizeof line, "inside_90: %d/%d\nmedian_abs_log_ratio: %.3f\n", sum.inside, sum.scored,
                sum.median_abs_log_ratio);
  out += line;
  if (!o.out.empty()) {
    if (auto err = write_file_atomic(o.out, out); !err.empty()) {
      std::cerr << "reliefsim backtest: " << err << "\n";
      return kExitBadInput;
    }
    return kExitOk;
  }
  std::cout << out;
  return kExitOk;
}

}  // namespace reliefsim
