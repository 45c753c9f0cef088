// The pipeline of one scenario, from loaded inputs to a projection: shared by `run`,
// `backtest`, `compare` and `sweep`. Stage: cli.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/cli/workspace.hpp"
#include "sim/projection/projection.hpp"
#include "sim/projection/race_split.hpp"

namespace reliefsim {

struct PipelineResult {
  std::vector<ResolvedAction> actions;
  RecordPopulation population;
  Projection projection;
};

/// The amount limits of `scenario`'s actions, which the population must have as band edges.
std::vector<double> amount_edges(const Workspace& ws, const Scenario& scenario);

/// The sentence-status questions of `scenario`'s actions (scope status_on), which the
/// population must answer; those of the law files it adds itself.
std::vector<StatusQuery> status_queries(const Workspace& ws, const Scenario& scenario);

/// The jurisdictions `scenario`'s actions name (indices into the law library), in order.
std::vector<int> jurisdictions_of(const Workspace& ws, const Scenario& scenario);

/// The population of every jurisdiction (or of `only`'s, when not empty) with `edges` as
/// extra band edges, answering `statuses`, and people counted alive on `alive_on`. Problems
/// go to ws.problems and give nullopt.
std::optional<RecordPopulation> build_population_for(Workspace& ws, const std::vector<double>& edges, Date alive_on,
                                                     const std::vector<StatusQuery>& statuses = {},
                                                     const std::vector<int>& only = {});

/// Projects `scenario` on `population` (which must hold the scenario's amount limits as
/// band edges) for every date of `dates`. Problems go to ws.problems and give nullopt.
/// `draws` (ReplicateDraws), made for `population` with the settings' seed and replicates,
/// lets many scenarios on one population share what they draw; the figures do not change.
std::optional<Projection> project_scenario(Workspace& ws, const RecordPopulation& population, const Scenario& scenario,
                                           const std::vector<Date>& dates, const ProjectionSettings& settings,
                                           ReplicateDraws* draws = nullptr);

/// The scenario against current law, the figure fiscal notes and legislative staff need: a
/// world with the scenario's actions and current law, less a world with current law alone,
/// replicate by replicate (docs/methodology.md, "Against current law"). Eligible and
/// already_relieved are those of the current-law baseline; cleared leaves out, date by date,
/// what current law would have cleared of the same records by then anyway (an ongoing
/// petition law, a court-run expungement still under way, a law that takes effect later).
std::optional<Projection> project_against_current_law(Workspace& ws, const RecordPopulation& population,
                                                      const Scenario& scenario, const std::vector<Date>& dates,
                                                      ProjectionSettings settings, ReplicateDraws* draws = nullptr);

/// What a run says besides its figures, in the order it prints them: the jurisdictions that
/// hold half the total, a run on or before its actions' first day, a scenario of law changes
/// only, then the population's coverage notes for the jurisdictions in the projection and
/// the actions that reach no records. Shared by `run` and `serve`, whose outputs must match.
std::vector<std::string> run_notes(const Workspace& ws, const Scenario& scenario, const RecordPopulation& population,
                                   const Projection& projection, const std::vector<ResolvedAction>& actions, Date as_of);

/// `as_of` and every month end from the month of the scenario's first action up to it, or
/// up to `until` when given (at most fifty years of months): the dates of a timeline.
std::vector<Date> timeline_dates(Workspace& ws, const Scenario& scenario, Date as_of,
                                 std::optional<Date> until = std::nullopt);

/// Both steps, with people counted alive on the first of `dates`.
std::optional<PipelineResult> run_pipeline(Workspace& ws, const Scenario& scenario, std::vector<Date> dates,
                                           const ProjectionSettings& settings);

}  // namespace reliefsim

namespace reliefsim {

/// `p`'s people eligible, cleared and left with no record on `as_of`, split by race
/// (split_by_race), with the scenario's own actions (not current law's) giving each state's mix.
/// Eligibility is planned on `threads` threads (0: every hardware thread); the split is the same.
RaceSplit race_split_for(const Workspace& ws, const RecordPopulation& population, const Scenario& scenario,
                         const Projection& p, Date as_of, int threads = 1);

}  // namespace reliefsim
