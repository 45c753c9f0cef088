// reliefsim calibrate: fits the median of court-review-capacity to the reported outcomes of
// the backtest cases it paces, and each case's leave-one-out median, into
// data/calibration.yaml (docs/validation.md, "Calibration").
#include <cmath>
#include <cstdio>
#include <iostream>

#include "sim/base/minimize.hpp"
#include "sim/cli/backtest_runner.hpp"
#include "sim/cli/options.hpp"

namespace reliefsim {

namespace {

constexpr const char* kParameter = "court-review-capacity";
// The fitted distribution keeps this log-scale spread: one state's courts inform the fit,
// and capacity surely differs between states, by an amount no source measures.
constexpr double kFittedSigma = 0.5;
// Search range of the median, records a month per 100,000 residents.
constexpr double kLowest = 10, kHighest = 5000;

}  // namespace

int cmd_calibrate(const Args& args) {
  CommonOptions o;
  o.replicates = 200;
  std::string cases_path = "tests/backtest_cases.yaml";
  po::options_description d("options");
  add_common_options(d, o);
  d.add_options()("cases", po::value(&cases_path), "case file (default tests/backtest_cases.yaml)");
  po::positional_options_description pos;
  std::optional<int> early;
  parse_options("calibrate",
                "usage: reliefsim calibrate [options]\n\n"
                "Fits the median of court-review-capacity (records a month per 100,000 residents) by\n"
                "least squares on log ratios to the backtest cases whose actions courts carry out, and,\n"
                "for each of those cases, the median fitted without it; writes data/calibration.yaml\n"
                "(or --out), which every run then uses and `backtest` scores leave-one-out.\n",
                args, d, pos, early);
  if (early) return *early;
  std::optional<Date> as_of;
  Format format = Format::table;
  if (!validate("calibrate", o, as_of, format)) return kExitBadInput;
  auto opened = open_workspace("calibrate", o.root, Load::everything);
  if (!opened) return kExitBadInput;
  Workspace& ws = *opened;
  // Fit against the prior, not a previous fit.
  for (const auto& c : ws.inputs.calibration)
    if (Assumption* a = ws.inputs.find_assumption(c.id)) a->distribution = c.prior;
  auto cases = read_backtest_cases(ws, cases_path);
  if (!cases) return fail_with_problems("calibrate", ws);
  const auto fit_set = cases_paced_by_courts(ws, *cases);
  if (fit_set.empty()) {
    std::cerr << "reliefsim calibrate: no case in " << cases_path << " is carried out by courts; nothing to fit\n";
    return kExitBadInput;
  }
  const ProjectionSettings settings{o.seed, o.replicates, o.threads, false, o.baseline == "current_law"};
  bool failed = false;
  // Sum of squared log ratios of the projected medians to the reported figures.
  auto loss = [&](double log_median, const BacktestCase* left_out) {
    // Fitted with the spread it will be used with.
    CalibratedMedian at(ws.inputs, kParameter, std::exp(log_median), kFittedSigma);
    double sum = 0;
    for (const BacktestCase* c : fit_set) {
      if (c == left_out) continue;
      const auto iv = project_case(ws, *c, settings);
      if (!iv) {
        failed = true;
        return 0.0;
      }
      const double r = std::log(std::max(iv->median, 1.0) / c->reported);
      sum += r * r;
    }
    return sum;
  };
  auto fit = [&](const BacktestCase* left_out) {
    return minimize_golden([&](double x) { return loss(x, left_out); }, std::log(kLowest), std::log(kHighest), 0.01);
  };
  const Minimum all = fit(nullptr);
  if (failed) return fail_with_problems("calibrate", ws);
  std::string ids, loo;
  char line[256];
  std::printf("%s: fitted on %zu cases, median %.1f records a month per 100,000 residents (loss %.3f, %d evaluations)\n",
              kParameter, fit_set.size(), std::exp(all.x), all.value, all.evaluations);
  for (const BacktestCase* c : fit_set) {
    const Minimum without = fit(c);
    if (failed) return fail_with_problems("calibrate", ws);
    ids += (ids.empty() ? "" : ", ") + c->id;
    std::snprintf(line, sizeof line, "      - {case: %s, median: %.1f}\n", c->id.c_str(), std::exp(without.x));
    loo += line;
    std::printf("  without %-14s median %.1f\n", c->id.c_str(), std::exp(without.x));
  }
  std::snprintf(line, sizeof line, "    distribution: {lognormal: {median: %.1f, sigma: %.2f}}\n", std::exp(all.x), kFittedSigma);
  const std::string text =
      "# Written by `reliefsim calibrate` (seed " + std::to_string(o.seed) + ", " + std::to_string(o.replicates) +
      " replicates, cases of " + cases_path +
      "); do not edit by hand: run it again.\n"
      "# Each entry replaces the prior of data/assumptions.yaml with the fitted distribution; its median is\n"
      "# fitted by least squares on log ratios to the reported outcomes of `fitted_on`, and each of those\n"
      "# cases also has the median fitted without it, which `backtest` uses to score it (docs/validation.md).\n"
      "calibration:\n"
      "  - id: " + std::string(kParameter) + "\n" + line +
      "    fitted_on: [" + ids + "]\n"
      "    note: The sigma is stated, not fitted (docs/methodology.md#court-review-capacity).\n"
      "    leave_one_out:\n" + loo;
  const std::string out = o.out.empty() ? (ws.root == "." ? std::string("data/calibration.yaml") : ws.root + "/data/calibration.yaml") : o.out;
  if (auto err = write_file_atomic(out, text); !err.empty()) {
    std::cerr << "reliefsim calibrate: " << err << "\n";
    return kExitBadInput;
  }
  std::cerr << "wrote " << out << "\n";
  return kExitOk;
}

}  // namespace reliefsim
