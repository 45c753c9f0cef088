#include "sim/cli/pipeline.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "sim/report/tables.hpp"
#include "sim/scenario/current_law.hpp"

namespace reliefsim {

std::vector<double> amount_edges(const Workspace& ws, const Scenario& scenario) {
  std::vector<double> edges;
  if (!ws.law) return edges;
  Diagnostics ignored;  // reported where the scenario is projected
  for (const auto& a : resolve_actions(scenario, *ws.law, ignored))
    if (a.scope.max_amount_grams) edges.push_back(*a.scope.max_amount_grams);
  return edges;
}

std::vector<StatusQuery> status_queries(const Workspace& ws, const Scenario& scenario) {
  std::vector<StatusQuery> out;
  if (!ws.law) return out;
  Diagnostics ignored;  // reported where the scenario is projected
  for (const auto& a : resolve_actions(scenario, *ws.law, ignored))
    if (a.scope.status_on) out.push_back(*a.scope.status_on);
  return out;
}

std::vector<int> jurisdictions_of(const Workspace& ws, const Scenario& scenario) {
  std::set<int> where;
  if (!ws.law) return {};
  Diagnostics ignored;  // reported where the scenario is projected
  for (const auto& a : resolve_actions(scenario, *ws.law, ignored)) where.insert(a.jurisdiction);
  return {where.begin(), where.end()};
}

std::optional<RecordPopulation> build_population_for(Workspace& ws, const std::vector<double>& edges, Date alive_on,
                                                     const std::vector<StatusQuery>& statuses,
                                                     const std::vector<int>& only) {
  if (!ws.law) return std::nullopt;
  const size_t before = ws.problems.size();
  PopulationOptions options;
  options.only_jurisdictions = only;
  options.extra_band_edges = edges;
  options.status_queries = statuses;
  options.alive_on = alive_on;
  RecordPopulation pop = build_population(*ws.law, ws.inputs, options, ws.problems);
  if (ws.problems.size() != before) return std::nullopt;
  return pop;
}

std::optional<Projection> project_scenario(Workspace& ws, const RecordPopulation& population, const Scenario& scenario,
                                           const std::vector<Date>& dates, const ProjectionSettings& settings,
                                           ReplicateDraws* draws) {
  if (!ws.law || dates.empty()) return std::nullopt;
  const size_t before = ws.problems.size();
  auto actions = resolve_actions(scenario, *ws.law, ws.problems);
  const DeliveryModel delivery = DeliveryModel::build(ws.inputs, ws.problems);
  if (ws.problems.size() != before) return std::nullopt;
  const Date last = *std::max_element(dates.begin(), dates.end());
  // Every replicate's figures are kept until the intervals are taken: refuse, with the
  // largest count that fits, a run that would need more memory than a laptop has.
  {
    std::set<int> where;
    for (const auto& a : actions) where.insert(a.jurisdiction);
    constexpr double kMaxBytes = 8.0 * (1 << 30);
    const double per_replicate = double(dates.size()) * double(where.size() + 1) * kMeasures.size() *
                                 kProjectionUnits.size() * sizeof(double);
    if (per_replicate * settings.replicates > kMaxBytes) {
      char text[320];
      std::snprintf(text, sizeof text,
                    "%d replicates of %zu dates over %zu jurisdictions need about %.0f GB of memory, more than the "
                    "8 GB reliefsim allows itself; expected --replicates of at most %.0f here",
                    settings.replicates, dates.size(), where.size(), per_replicate * settings.replicates / (1 << 30),
                    std::floor(kMaxBytes / per_replicate));
      ws.problems.push_back({{scenario.file, 1, 1}, text, "or fewer dates (a shorter timeline)"});
      return std::nullopt;
    }
  }
  // Current law acts first: its actions live as long as this projection needs them.
  Scenario current_law;
  if (settings.current_law_baseline) {
    std::set<int> where;
    std::map<int, Date> first_action;  // ongoing provisions have reached offenses up to then
    for (const auto& a : actions) {
      where.insert(a.jurisdiction);
      auto [it, fresh] = first_action.emplace(a.jurisdiction, a.date);
      if (!fresh && a.date < it->second) it->second = a.date;
    }
    current_law = current_law_scenario(*ws.law, where, last, provisions_replayed(scenario, *ws.law), first_action);
    for (auto& r : resolve_actions(current_law, *ws.law, ws.problems)) {
      r.current_law = true;
      actions.push_back(std::move(r));
    }
    if (ws.problems.size() != before) return std::nullopt;
  }
  // Every status question must have been put to the population when it was built.
  for (const auto& r : actions)
    if (r.scope.status_on &&
        std::find(population.status_queries.begin(), population.status_queries.end(), *r.scope.status_on) ==
            population.status_queries.end())
      throw std::logic_error("the population was built without the status question of action '" + r.action->id + "'");
  // Courts' capacity scales with the jurisdiction's residents (2020 census).
  for (auto& r : actions)
    for (const auto& p : ws.inputs.race.population)
      if (p.postal == ws.law->jurisdictions[static_cast<size_t>(r.jurisdiction)].postal) r.residents = p.total;
  return project(population, plan_eligibility(population, actions, last, settings.threads), actions, delivery, dates,
                 settings, draws);
}

std::optional<Projection> project_against_current_law(Workspace& ws, const RecordPopulation& population,
                                                      const Scenario& scenario, const std::vector<Date>& dates,
                                                      ProjectionSettings settings, ReplicateDraws* draws) {
  settings.current_law_baseline = true;
  settings.against_current_law = true;
  return project_scenario(ws, population, scenario, dates, settings, draws);
}

std::vector<std::string> run_notes(const Workspace& ws, const Scenario& scenario, const RecordPopulation& population,
                                   const Projection& projection, const std::vector<ResolvedAction>& actions, Date as_of) {
  std::vector<std::string> notes;
  const auto labels = ws.labels();
  if (auto drivers = drivers_note(projection, labels, as_of.to_string()); !drivers.empty()) notes.push_back(drivers);
  // A run on or before its actions' first day shows nothing cleared: say why, rather than
  // print zeros that read as a finding.
  std::optional<Date> first;
  for (const auto& a : actions)
    if (a.mechanism != Mechanism::law_change) first = first ? std::min(*first, a.date) : a.date;
  if (first && *first >= as_of)
    notes.push_back("as of " + as_of.to_string() + " no action of this scenario has been in force for a day (the first " +
                    (*first == as_of ? "takes effect that day" : "takes effect on " + first->to_string()) +
                    "), so nothing is cleared yet; pass --as-of a later date, or --timeline, to see it at work");
  // A scenario of law changes only (a medical bill, rescheduling) clears nothing: say so
  // plainly, with each action's own explanation.
  std::vector<const Action*> law_changes;
  for (const auto& a : scenario.actions)
    if (a.mechanism == Mechanism::law_change && a.provision.empty()) law_changes.push_back(&a);
  if (law_changes.size() == scenario.actions.size()) {
    std::string ids;
    for (const auto* a : law_changes) ids += (ids.empty() ? "" : ", ") + a->id;
    notes.push_back("This scenario clears no records: its actions (" + ids +
                    ") change the law going forward and hold no record-relief clause.");
    for (const auto* a : law_changes)
      if (!a->description.empty()) notes.push_back(a->id + ": " + a->description);
  }
  for (const auto& [j, text] : population.notes)
    if (std::find(projection.jurisdictions.begin(), projection.jurisdictions.end(), j) != projection.jurisdictions.end())
      notes.push_back(text);
  for (const auto& [j, text] : unreached_actions(population, *ws.law, actions)) notes.push_back(text);
  return notes;
}

std::vector<Date> timeline_dates(Workspace& ws, const Scenario& scenario, Date as_of, std::optional<Date> until) {
  std::vector<Date> dates = {as_of};
  if (!ws.law) return dates;
  Date first = as_of;
  Diagnostics ignored;  // reported where the scenario is projected
  for (const auto& a : resolve_actions(scenario, *ws.law, ignored)) first = std::min(first, a.date);
  const Date end = until.value_or(as_of);
  for (Date d = *Date::from_ymd(first.year(), first.month(), days_in_month(first.year(), first.month()));
       d < end && dates.size() <= 600;) {
    if (d != as_of) dates.push_back(d);
    const Date next = d.add_months(1);
    d = *Date::from_ymd(next.year(), next.month(), days_in_month(next.year(), next.month()));
  }
  return dates;
}

std::optional<PipelineResult> run_pipeline(Workspace& ws, const Scenario& scenario, std::vector<Date> dates,
                                           const ProjectionSettings& settings) {
  if (dates.empty()) return std::nullopt;
  PipelineResult out;
  auto population = build_population_for(ws, amount_edges(ws, scenario), dates.front(), status_queries(ws, scenario),
                                         jurisdictions_of(ws, scenario));
  if (!population) return std::nullopt;
  out.population = std::move(*population);
  auto projection = project_scenario(ws, out.population, scenario, dates, settings);
  if (!projection) return std::nullopt;
  out.projection = std::move(*projection);
  out.actions = resolve_actions(scenario, *ws.law, ws.problems);
  return out;
}

}  // namespace reliefsim

namespace reliefsim {

RaceSplit race_split_for(const Workspace& ws, const RecordPopulation& population, const Scenario& scenario,
                         const Projection& p, Date as_of, int threads) {
  Diagnostics ignored;  // the projection resolved the same actions without problems
  const auto actions = resolve_actions(scenario, *ws.law, ignored);
  std::vector<RacePopulation> residents;
  for (const auto& r : ws.inputs.race.population)
    for (size_t j = 0; j < ws.law->jurisdictions.size(); ++j)
      if (ws.law->jurisdictions[j].postal == r.postal)
        residents.push_back({static_cast<int>(j), {r.black, r.white, r.total - r.black - r.white}});
  return split_by_race(population, plan_eligibility(population, actions, as_of, threads), actions, p, as_of, residents);
}

}  // namespace reliefsim
