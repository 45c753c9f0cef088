// The pipeline of one scenario, from loaded inputs to a projection: shared by `run` and
// `backtest`. Stage: cli.
#pragma once

#include <optional>
#include <vector>

#include "sim/cli/workspace.hpp"
#include "sim/projection/projection.hpp"

namespace reliefsim {

struct PipelineResult {
  std::vector<ResolvedAction> actions;
  RecordPopulation population;
  Projection projection;
};

/// Resolves `scenario` against the workspace's law, builds the population with people
/// alive on the last of `dates`, and projects every date. Problems go to ws.problems and
/// give nullopt.
std::optional<PipelineResult> run_pipeline(Workspace& ws, const Scenario& scenario, std::vector<Date> dates,
                                           const ProjectionSettings& settings);

}  // namespace reliefsim
