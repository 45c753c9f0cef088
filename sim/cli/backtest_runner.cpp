#include "sim/cli/backtest_runner.hpp"

#include "sim/cli/pipeline.hpp"

namespace reliefsim {

std::optional<std::vector<BacktestCase>> read_backtest_cases(Workspace& ws, std::string path) {
  std::optional<std::string> text = ws.read(path);
  if (!text && ws.root != ".") {
    ws.problems.clear();
    path = ws.root + "/" + path;
    text = ws.read(path);
  }
  if (!text) return std::nullopt;
  auto cases = load_backtest_cases(*text, path, ws.problems);
  if (!ws.problems.empty()) return std::nullopt;
  return cases;
}

std::optional<Interval> project_case(Workspace& ws, const BacktestCase& c, const ProjectionSettings& settings) {
  auto scenario = ws.load_scenario_named(c.scenario);
  if (!scenario) return std::nullopt;
  auto result = run_pipeline(ws, *scenario, {c.as_of}, settings);
  if (!result) return std::nullopt;
  for (const auto& r : result->projection.rows) {
    const bool place = c.jurisdiction == "Total"
                           ? r.jurisdiction < 0
                           : r.jurisdiction >= 0 && ws.law->jurisdictions[static_cast<size_t>(r.jurisdiction)].postal == c.jurisdiction;
    if (place && r.measure == c.measure && r.unit == c.unit) return r.interval;
  }
  ws.problems.push_back({c.where, "case '" + c.id + "': scenario '" + c.scenario + "' does not reach jurisdiction '" +
                                      c.jurisdiction + "'", "name a jurisdiction the scenario acts in, or Total"});
  return std::nullopt;
}

CalibratedMedian::CalibratedMedian(PopulationInputs& inputs, const std::string& id, double median, double sigma) {
  assumption_ = inputs.find_assumption(id);
  if (!assumption_) return;
  saved_ = assumption_->distribution;
  assumption_->distribution = {Distribution::Kind::lognormal, median, sigma, 0};  // lognormal: median a, sigma b
}

CalibratedMedian::~CalibratedMedian() {
  if (assumption_) assumption_->distribution = saved_;
}

std::vector<const BacktestCase*> cases_paced_by_courts(Workspace& ws, const std::vector<BacktestCase>& cases) {
  std::vector<const BacktestCase*> out;
  for (const auto& c : cases) {
    auto scenario = ws.load_scenario_named(c.scenario);
    if (!scenario || !ws.law) continue;
    Diagnostics ignored;
    for (const auto& a : resolve_actions(*scenario, *ws.law, ignored))
      if (a.mechanism == Mechanism::automatic_court_expungement || a.mechanism == Mechanism::prosecutor_initiated) {
        out.push_back(&c);
        break;
      }
  }
  return out;
}

}  // namespace reliefsim
