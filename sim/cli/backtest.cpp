// reliefsim backtest [CASES]: replays enacted actions and compares the projections with
// what was reported afterwards. A case used to fit a parameter (data/calibration.yaml) is
// projected with the parameter fitted without it: every case is scored out of sample.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "sim/cli/backtest_runner.hpp"
#include "sim/cli/options.hpp"
#include "sim/report/tables.hpp"
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
                "ratio. A case used to fit a parameter (data/calibration.yaml) is projected with the\n"
                "median fitted without it. The last two lines, 'inside_90: K/N' and\n"
                "'median_abs_log_ratio: X', are these leave-one-out scores; the lines before them give\n"
                "the in-sample scores (every case with the full fit).\n",
                args, d, pos, early);
  if (early) return *early;
  std::optional<Date> as_of;
  Format format = Format::table;
  if (!validate("backtest", o, as_of, format)) return kExitBadInput;
  auto opened = open_workspace("backtest", o.root, Load::everything);
  if (!opened) return kExitBadInput;
  Workspace& ws = *opened;
  auto cases = read_backtest_cases(ws, cases_path);
  if (!cases) return fail_with_problems("backtest", ws);
  const ProjectionSettings settings{o.seed, o.replicates, o.threads, false, o.baseline == "current_law"};
  std::vector<BacktestScore> scores, in_sample;
  std::string table, md_table =
      "| case | measure, unit | as of | reported | projected median | 90% interval | inside | ratio | scored |\n"
      "|---|---|---|---:|---:|---:|---|---:|---|\n";
  char line[512];
  std::snprintf(line, sizeof line, "%-20s %-5s %-8s %-12s %-10s %12s %12s %27s %7s %7s\n", "case", "where", "measure",
                "unit", "as of", "reported", "projected", "90% interval", "inside", "ratio");
  table += line;
  int fitted_cases = 0;
  for (const BacktestCase& c : *cases) {
    // The parameters fitted on this case, at their median fitted without it.
    std::vector<std::unique_ptr<CalibratedMedian>> held_out;
    for (const auto& p : ws.inputs.calibration)
      for (const auto& [case_id, median] : p.leave_one_out)
        if (case_id == c.id) held_out.push_back(std::make_unique<CalibratedMedian>(ws.inputs, p.id, median, p.fitted.b));
    const auto iv = project_case(ws, c, settings);
    if (!iv) break;
    const BacktestScore s = score_case(c.reported, *iv, c.calibration);
    scores.push_back(s);
    const bool fitted = !held_out.empty();
    if (fitted) {
      ++fitted_cases;
      held_out.clear();  // the full fit, for the in-sample score
      const auto full = project_case(ws, c, settings);
      if (!full) break;
      in_sample.push_back(score_case(c.reported, *full, c.calibration));
    } else {
      in_sample.push_back(s);
    }
    char interval[64];
    std::snprintf(interval, sizeof interval, "%.0f-%.0f", s.projected.p05, s.projected.p95);
    std::snprintf(line, sizeof line, "%-20s %-5s %-8s %-12s %-10s %12.0f %12.0f %27s %7s %7.2f%s\n", c.id.c_str(),
                  c.jurisdiction.c_str(), std::string(to_string(c.measure)).c_str(), std::string(to_string(c.unit)).c_str(),
                  c.as_of.to_string().c_str(), c.reported, s.projected.median, interval, s.inside ? "yes" : "no",
                  std::exp(s.log_ratio), fitted ? "  (leave-one-out)" : c.calibration ? "  (calibration)" : "");
    table += line;
    md_table += "| " + c.id + " | " + std::string(to_string(c.measure)) + " " + std::string(to_string(c.unit)) + " | " +
                c.as_of.to_string() + " | " + grouped(c.reported) + " | " + grouped(s.projected.median) + " | " +
                grouped(s.projected.p05) + "-" + grouped(s.projected.p95) + " | " + (s.inside ? "yes" : "no") + " | ";
    std::snprintf(line, sizeof line, "%.2f", std::exp(s.log_ratio));
    md_table += std::string(line) + " | " + (fitted ? "leave-one-out" : c.calibration ? "calibration" : "out of sample") + " |\n";
  }
  if (!ws.problems.empty()) return fail_with_problems("backtest", ws, "no summary");
  // Markdown: the table docs/validation.md shows, generated so that it cannot go stale.
  if (format == Format::md) table = md_table;
  const BacktestSummary sum = summarize_backtest(scores);
  const BacktestSummary fit = summarize_backtest(in_sample);
  std::string out = "Backtest: " + std::to_string(scores.size()) + " enacted actions against reported outcomes, " +
                    std::to_string(o.replicates) + " replicates, seed " + std::to_string(o.seed) +
                    "\nratio = projected median / reported\n\n" + table + "\n";
  if (format != Format::table && format != Format::md) {
    std::cerr << "reliefsim backtest: --format: expected table or md\n";
    return kExitUsage;
  }
  if (sum.calibration_scored > 0) {
    std::snprintf(line, sizeof line, "calibration cases (not in the summary): inside %d/%d, median |log ratio| %.3f\n",
                  sum.calibration_inside, sum.calibration_scored, sum.calibration_median_abs_log_ratio);
    out += line;
  }
  if (fitted_cases > 0) {
    std::snprintf(line, sizeof line,
                  "%d cases were used to fit data/calibration.yaml and are scored above with the fit that left each out;\n"
                  "with the full fit instead (in sample): inside_90 %d/%d, median |log ratio| %.3f\n",
                  fitted_cases, fit.inside, fit.scored, fit.median_abs_log_ratio);
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
