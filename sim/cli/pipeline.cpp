#include "sim/cli/pipeline.hpp"

#include <algorithm>

namespace reliefsim {

std::optional<PipelineResult> run_pipeline(Workspace& ws, const Scenario& scenario, std::vector<Date> dates,
                                           const ProjectionSettings& settings) {
  if (!ws.law || dates.empty()) return std::nullopt;
  const size_t before = ws.problems.size();
  PipelineResult out;
  out.actions = resolve_actions(scenario, *ws.law, ws.problems);
  PopulationOptions options;
  for (const auto& a : out.actions)
    if (a.scope.max_amount_grams) options.extra_band_edges.push_back(*a.scope.max_amount_grams);
  const Date last = *std::max_element(dates.begin(), dates.end());
  options.alive_on = dates.front();
  out.population = build_population(*ws.law, ws.inputs, options, ws.problems);
  const DeliveryModel delivery = DeliveryModel::build(ws.inputs, ws.problems);
  if (ws.problems.size() != before) return std::nullopt;
  const EligibilityPlan plan = plan_eligibility(out.population, out.actions, last);
  out.projection = project(out.population, plan, out.actions, delivery, dates, settings);
  return out;
}

}  // namespace reliefsim
