// reliefsim sweep SCENARIO --vary PATH=V1,V2,… [--vary …]: a grid of variants of a
// scenario's knobs, as one tidy CSV with a column per knob, and which knob moves the result
// most.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>

#include "sim/cli/options.hpp"
#include "sim/cli/pipeline.hpp"
#include "sim/report/sweep_table.hpp"
#include "sim/report/tables.hpp"
#include "sim/report/text_format.hpp"

namespace reliefsim {
namespace {

// "a,b,[c,d],{e: 1, f: 2}" → a | b | [c,d] | {e: 1, f: 2}: commas inside brackets stay.
std::vector<std::string> split_values(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  for (char c : text) {
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') --depth;
    if (c == ',' && depth == 0) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

constexpr size_t kMaxVariants = 100000;

}  // namespace

int cmd_sweep(const Args& args) {
  CommonOptions o;
  std::string scenario_name;
  std::vector<std::string> varies;
  std::string measure_text = "eligible", unit_text = "records";
  o.format = "csv";  // a sweep's main output is its tidy CSV; md and table print the summary grid
  po::options_description d("options");
  add_common_options(d, o);
  d.add_options()("scenario", po::value(&scenario_name), "scenario id or path")
                 ("vary", po::value(&varies)->multitoken(), "PATH=V1,V2,…: a knob and its values (repeatable)")
                 ("measure", po::value(&measure_text)->default_value(measure_text), "eligible or cleared (the summary)")
                 ("unit", po::value(&unit_text)->default_value(unit_text), "the unit of the summary");
  po::positional_options_description pos;
  pos.add("scenario", 1);
  std::optional<int> early;
  parse_options("sweep",
                "usage: reliefsim sweep SCENARIO --vary PATH=V1,V2,… [--vary …] [options]\n\n"
                "Runs every combination of the values (PATH as in a scenario's overrides, such as\n"
                "actions.expunge.scope.max_amount.value; values in YAML) with the same seed, writes one\n"
                "tidy CSV (the run columns and one column per knob), and says which knob moves the total\n"
                "most. With --format md or table it prints the totals instead, one line per variant, or\n"
                "with two knobs a grid (the first knob down, the second across). A progress bar shows on a\n"
                "terminal.\n",
                args, d, pos, early);
  if (early) return *early;
  if (scenario_name.empty() || varies.empty()) {
    std::cerr << "reliefsim sweep: name a scenario and at least one --vary PATH=V1,V2; see 'reliefsim sweep --help'\n";
    return kExitUsage;
  }
  std::optional<Date> as_of;
  Format format = Format::csv;
  if (!validate("sweep", o, as_of, format)) return kExitBadInput;
  if (format == Format::json) {
    std::cerr << "reliefsim sweep: --format: expected csv, md or table (a sweep has no JSON form), got 'json'\n";
    return kExitBadInput;
  }
  const Measure measure = measure_text == "cleared" ? Measure::cleared : Measure::eligible;
  const auto unit = parse_unit(unit_text);
  if ((measure_text != "eligible" && measure_text != "cleared") || !unit) {
    std::cerr << "reliefsim sweep: --measure eligible|cleared and --unit people|convictions|cases|charges|records\n";
    return kExitBadInput;
  }
  std::vector<SweepKnob> knobs;
  size_t variants = 1;
  for (const auto& v : varies) {
    const auto eq = v.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == v.size()) {
      std::cerr << "reliefsim sweep: --vary: expected PATH=V1,V2,… such as actions.expunge.scope.max_amount.value=1,3, got '"
                << v << "'\n";
      return kExitBadInput;
    }
    knobs.push_back({v.substr(0, eq), split_values(v.substr(eq + 1))});
    variants *= knobs.back().values.size();
    if (variants > kMaxVariants) {
      std::cerr << "reliefsim sweep: more than " << kMaxVariants << " variants; narrow the grid\n";
      return kExitBadInput;
    }
  }
  auto opened = open_workspace("sweep", o.root, Load::everything);
  if (!opened) return kExitBadInput;
  Workspace& ws = *opened;
  // Every variant first: a mistake in any knob is reported before anything runs.
  std::vector<std::vector<size_t>> grid;
  std::vector<Scenario> scenarios;
  for (size_t i = 0; i < variants; ++i) {
    std::vector<size_t> level(knobs.size());
    std::vector<Override> overrides;
    size_t rest = i;
    for (size_t k = knobs.size(); k-- > 0;) {
      level[k] = rest % knobs[k].values.size();
      rest /= knobs[k].values.size();
    }
    for (size_t k = 0; k < knobs.size(); ++k) overrides.push_back({knobs[k].path, knobs[k].values[level[k]]});
    auto s = ws.load_scenario_named(scenario_name, overrides);
    if (!s) return fail_with_problems("sweep", ws);
    grid.push_back(level);
    scenarios.push_back(std::move(*s));
  }
  const Date date = as_of.value_or(scenarios.front().as_of);
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
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  auto population = build_population_for(ws, edges, date, statuses, where);
  if (!population) return fail_with_problems("sweep", ws);
  ReplicateDraws draws(*population, o.seed, o.replicates);  // shared by every variant
  draws.keep_term_sums = true;  // variants that change only delivery reuse their terms' sums

  const bool progress = ::isatty(STDERR_FILENO);
  std::string csv = std::string(kTidyHeader);
  for (const auto& k : knobs) csv += "," + csv_field(k.path);
  csv += "\n";
  std::vector<Interval> totals(variants);
  const auto labels = ws.labels();
  for (size_t i = 0; i < variants; ++i) {
    auto p = project_scenario(ws, *population, scenarios[i], {date}, {o.seed, o.replicates, o.threads, false, o.baseline == "current_law"}, &draws);
    if (!p) return fail_with_problems("sweep", ws);
    RunInfo info;
    info.scenario_id = scenarios[i].id;
    info.as_of = date.to_string();
    std::string knob_cells;
    for (size_t k = 0; k < knobs.size(); ++k) knob_cells += "," + csv_field(knobs[k].values[grid[i][k]]);
    const std::string rows = format_projection(*p, labels, info, Format::csv);
    size_t start = rows.find('\n') + 1;
    while (start < rows.size()) {
      const size_t end = rows.find('\n', start);
      csv += rows.substr(start, end - start) + knob_cells + "\n";
      start = end + 1;
    }
    for (const auto& r : p->rows)
      if (r.jurisdiction < 0 && r.measure == measure && r.unit == *unit) totals[i] = r.interval;
    if (progress) {
      const int width = 40, done = static_cast<int>(width * (i + 1) / variants);
      std::cerr << "\r[" << std::string(static_cast<size_t>(done), '=') << std::string(static_cast<size_t>(width - done), ' ')
                << "] " << (i + 1) << "/" << variants << std::flush;
    }
  }
  if (progress) std::cerr << "\n";
  SweepResult result{scenarios.front().id, measure_text, unit_text, date.to_string(), {}, grid, totals};
  for (const auto& k : knobs) result.knobs.push_back({k.path, k.values});
  // CSV: the rows are the output and the summary goes to stderr; md and table: the summary
  // is the output.
  const std::string text = format == Format::csv ? csv : sweep_table(result, format == Format::md);
  if (!o.out.empty()) {
    if (auto err = write_file_atomic(o.out, text); !err.empty()) {
      std::cerr << "reliefsim sweep: " << err << "\n";
      return kExitBadInput;
    }
  } else {
    std::cout << text;
  }
  if (format == Format::csv) std::cerr << sweep_effects(result);
  return kExitOk;
}

}  // namespace reliefsim
