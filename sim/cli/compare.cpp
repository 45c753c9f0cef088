// reliefsim compare A B [C…]: scenarios side by side, with differences from paired
// replicates.
#include <algorithm>
#include <functional>
#include <set>
#include <iostream>

#include "sim/cli/options.hpp"
#include "sim/cli/pipeline.hpp"
#include "sim/projection/comparison.hpp"
#include "sim/report/comparison_table.hpp"

namespace reliefsim {

int cmd_compare(const Args& args) {
  CommonOptions o;
  std::vector<std::string> names;
  std::string measure_text, unit_text = "records";
  bool against_current_law = false;
  po::options_description d("options");
  add_common_options(d, o);
  d.add_options()("scenario", po::value(&names)->multitoken(), "scenario ids or paths (two or more)")
                 ("measure", po::value(&measure_text),
                  "eligible or cleared (the table; CSV/JSON carry both); default: eligible, and cleared too when the "
                  "scenarios act by different mechanisms")
                 ("unit", po::value(&unit_text)->default_value(unit_text), "people, people_fully_cleared, convictions, cases, charges or records (the table)")
                 ("against-current-law", po::bool_switch(&against_current_law),
                  "also show each scenario against current law: what it adds to what the law already on the books "
                  "clears by the date (paired replicates)");
  po::positional_options_description pos;
  pos.add("scenario", -1);
  std::optional<int> early;
  parse_options("compare",
                "usage: reliefsim compare A B [C…] [options]\n\n"
                "Projects the scenarios with the same seed, so that each replicate draws the same value of\n"
                "every parameter in all of them, and shows them side by side with their differences from\n"
                "the first (B minus A), whose 90% intervals come from the paired replicates.\n\n"
                "With --against-current-law (one scenario is then enough), each scenario is also shown\n"
                "against current law: a world with the scenario and the relief already enacted in\n"
                "states/, less a world with that relief alone, replicate by replicate.\n",
                args, d, pos, early);
  if (early) return *early;
  if (names.size() < (against_current_law ? 1u : 2u)) {
    std::cerr << "reliefsim compare: name two scenarios or more (or one with --against-current-law); see 'reliefsim compare --help'\n";
    return kExitUsage;
  }
  std::optional<Date> as_of;
  Format format = Format::table;
  if (!validate("compare", o, as_of, format)) return kExitBadInput;
  Measure measure = Measure::eligible;
  if (measure_text == "cleared") measure = Measure::cleared;
  else if (!measure_text.empty() && measure_text != "eligible") {
    std::cerr << "reliefsim compare: --measure: expected eligible or cleared, got '" << measure_text << "'\n";
    return kExitBadInput;
  }
  const auto unit = parse_unit(unit_text);
  if (!unit || *unit == Unit::arrests) {
    std::cerr << "reliefsim compare: --unit: expected people, people_fully_cleared, convictions, cases, charges or records, got '"
              << unit_text << "'\n";
    return kExitBadInput;
  }
  auto opened = open_workspace("compare", o.root, Load::everything);
  if (!opened) return kExitBadInput;
  Workspace& ws = *opened;
  std::vector<Scenario> scenarios;
  for (const auto& n : names)
    if (auto s = ws.load_scenario_named(n)) scenarios.push_back(std::move(*s));
  if (!ws.problems.empty()) return fail_with_problems("compare", ws);
  // The later of the scenarios' dates: each is shown at work, not before it acts.
  Date latest = scenarios.front().as_of;
  for (const auto& s : scenarios) latest = std::max(latest, s.as_of);
  const Date date = as_of.value_or(latest);
  // One population for all, holding every scenario's amount limits: the draws line up.
  std::vector<double> edges;
  std::vector<StatusQuery> statuses;
  std::vector<int> where;  // the groups of these jurisdictions only: no projection reads others
  for (const auto& s : scenarios) {
    for (double e : amount_edges(ws, s)) edges.push_back(e);
    for (const auto& q : status_queries(ws, s)) statuses.push_back(q);
    for (int j : jurisdictions_of(ws, s)) where.push_back(j);
  }
  std::sort(where.begin(), where.end());
  where.erase(std::unique(where.begin(), where.end()), where.end());
  auto population = build_population_for(ws, edges, date, statuses, where);
  if (!population) return fail_with_problems("compare", ws);
  std::vector<Projection> projections;
  for (const auto& s : scenarios) {
    ProjectionSettings settings{o.seed, o.replicates, o.threads, false, o.baseline == "current_law"};
    // Against current law as the baseline, the same replicates give the figures against it.
    settings.first_date_against_current_law_too = against_current_law && settings.current_law_baseline;
    auto p = project_scenario(ws, *population, s, {date}, settings);
    if (!p) return fail_with_problems("compare", ws);
    projections.push_back(std::move(*p));
  }
  std::vector<Projection> diffs;
  std::vector<std::string> diff_names;
  for (size_t i = 1; i < projections.size(); ++i) {
    diffs.push_back(paired_difference(projections[i], projections[0]));
    diff_names.push_back(scenarios[i].id + " minus " + scenarios[0].id);
  }
  if (against_current_law)
    for (size_t i = 0; i < scenarios.size(); ++i) {
      const Scenario& s = scenarios[i];
      if (!projections[i].against_current_law.empty()) {
        diffs.push_back(first_date_against_current_law(projections[i]));
      } else {
        auto p = project_against_current_law(ws, *population, s, {date}, {o.seed, o.replicates, o.threads, false, true});
        if (!p) return fail_with_problems("compare", ws);
        diffs.push_back(std::move(*p));
      }
      diff_names.push_back(s.id + " against current law");
    }
  std::vector<ComparedScenario> compared;
  for (size_t i = 0; i < scenarios.size(); ++i) compared.push_back({scenarios[i].id, scenarios[i].title, &projections[i]});
  std::vector<ComparedDifference> differences;
  for (size_t i = 0; i < diffs.size(); ++i) differences.push_back({diff_names[i], &diffs[i]});
  RunInfo info;
  info.as_of = date.to_string();
  info.version = RELIEFSIM_VERSION;
  info.inputs = ws.input_hashes();
  info.adults = ws.inputs.adults;  // per_100k_adults and rank, as run's CSV has them
  info.per_capita_columns = true;
  std::string text = format_comparison(compared, differences, ws.labels(), info, measure, *unit, format);
  // Eligible alone misleads when one scenario clears by itself and another waits for
  // petitions: unless a measure was asked for, the table shows what is cleared as well.
  if (measure_text.empty() && (format == Format::table || format == Format::md)) {
    std::vector<std::string> mechanisms;
    for (const auto& s : scenarios) {
      std::vector<Diagnostic> ignored;  // the projections above resolved them without problems
      std::set<std::string> own;
      for (const auto& r : resolve_actions(s, *ws.law, ignored)) own.insert(std::string(to_string(r.mechanism)));
      std::string joined;
      for (const auto& m : own) joined += (joined.empty() ? "" : ", ") + m;
      mechanisms.push_back(joined);
    }
    if (std::adjacent_find(mechanisms.begin(), mechanisms.end(), std::not_equal_to<>()) != mechanisms.end()) {
      std::string which;
      for (size_t i = 0; i < scenarios.size(); ++i)
        which += (i ? "; " : "") + scenarios[i].id + ": " + mechanisms[i];
      text += std::string("\n") +
              "The scenarios act by different mechanisms (" + which +
              "), so records eligible do not say what each clears; records cleared by " + info.as_of + ":\n\n" +
              format_comparison(compared, differences, ws.labels(), info, Measure::cleared, *unit, format);
    }
  }
  if (!o.out.empty()) {
    if (auto err = write_file_atomic(o.out, text); !err.empty()) {
      std::cerr << "reliefsim compare: " << err << "\n";
      return kExitBadInput;
    }
    return kExitOk;
  }
  std::cout << text;
  return kExitOk;
}

}  // namespace reliefsim
