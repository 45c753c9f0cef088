// reliefsim report SCENARIO [SCENARIO…] --out DIR: a self-contained HTML report with the
// same figures as CSV, JSON and Markdown beside it. DIR is replaced whole, or not at all.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <algorithm>
#include <set>

#include "sim/cli/options.hpp"
#include "sim/cli/pipeline.hpp"
#include "sim/base/sha256.hpp"
#include "sim/projection/comparison.hpp"
#include "sim/fiscal/fiscal_note.hpp"
#include "sim/report/fiscal_table.hpp"
#include "sim/report/html_report.hpp"
#include "sim/report/race_table.hpp"
#include "sim/report/web_assets.hpp"

namespace fs = std::filesystem;

namespace reliefsim {

namespace {

// Writes `files` (name → text) as directory `dir`: into a temporary directory first, then
// renamed into place, so that a failure leaves any previous report as it was.
std::string write_directory_atomic(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  std::error_code ec;
  const fs::path target(dir);
  const fs::path tmp = target.string() + ".tmp." + std::to_string(::getpid());
  fs::remove_all(tmp, ec);
  if (!fs::create_directories(tmp, ec) && ec) return "cannot create " + tmp.string();
  for (const auto& [name, text] : files) {
    if (auto err = write_file_atomic((tmp / name).string(), text); !err.empty()) {
      fs::remove_all(tmp, ec);
      return err;
    }
  }
  if (fs::exists(target, ec)) {
    const fs::path old = target.string() + ".old." + std::to_string(::getpid());
    fs::rename(target, old, ec);
    if (ec) {
      fs::remove_all(tmp, ec);
      return "cannot move the previous report " + dir + " aside";
    }
    fs::rename(tmp, target, ec);
    if (ec) {
      fs::rename(old, target, ec);
      fs::remove_all(tmp, ec);
      return "cannot move the new report into " + dir;
    }
    fs::remove_all(old, ec);
  } else {
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
    fs::rename(tmp, target, ec);
    if (ec) {
      fs::remove_all(tmp, ec);
      return "cannot move the new report into " + dir;
    }
  }
  return "";
}

}  // namespace

int cmd_report(const Args& args) {
  CommonOptions o;
  std::vector<std::string> names;
  po::options_description d("options");
  add_common_options(d, o);
  d.add_options()("scenario", po::value(&names)->multitoken(), "scenario ids or paths");
  po::positional_options_description pos;
  pos.add("scenario", -1);
  std::optional<int> early;
  parse_options("report",
                "usage: reliefsim report SCENARIO [SCENARIO…] --out DIR\n\n"
                "Writes DIR/index.html, a page that opens offline from disk: a U.S. map, a ranked chart\n"
                "with 90% intervals, the clearance timeline, side-by-side scenarios with paired\n"
                "differences (each scenario against current law, and against the first scenario where\n"
                "both act on the same jurisdictions), a table per jurisdiction, the methodology and every source; and beside\n"
                "it each scenario's data on the as-of date (tidy CSV, JSON, Markdown, and _wide.csv with a\n"
                "row per jurisdiction for Datawrapper or Flourish) and its monthly _timeline.csv. DIR is replaced whole\n"
                "only when everything succeeded.\n",
                args, d, pos, early);
  if (early) return *early;
  if (names.empty() || o.out.empty()) {
    std::cerr << "reliefsim report: name a scenario and --out DIR; see 'reliefsim report --help'\n";
    return kExitUsage;
  }
  std::optional<Date> as_of;
  Format format = Format::table;
  if (!validate("report", o, as_of, format)) return kExitBadInput;
  auto opened = open_workspace("report", o.root, Load::everything);
  if (!opened) return kExitBadInput;
  Workspace& ws = *opened;
  auto asset = [&](const std::string& rel) -> std::string {
    const std::string path = (ws.root == "." ? rel : (fs::path(ws.root) / rel).string());
    const size_t before = ws.problems.size();
    auto text = ws.read(path);
    if (!text) {
      ws.problems.resize(before);
      ws.problems.push_back({{path, 0, 0}, "the report's libraries are missing", "run scripts/setup.sh, which installs them"});
      return "";
    }
    return *text;
  };
  ReportAssets assets;
  assets.vega = asset(kVegaPath);
  assets.vega_lite = asset(kVegaLitePath);
  assets.vega_embed = asset(kVegaEmbedPath);
  assets.us_states_topojson = asset(kUsStatesPath);
  if (const std::string module = asset(kVegaInterpreterPath); !module.empty()) {
    if (auto script = interpreter_script(module)) assets.vega_interpreter = std::move(*script);
    else ws.problems.push_back({{kVegaInterpreterPath, 0, 0}, "not the vega-interpreter module expected (its import or export line changed)",
                                "update interpreter_script in sim/report/web_assets.cpp"});
  }
  std::vector<Scenario> scenarios;
  for (const auto& n : names)
    if (auto s = ws.load_scenario_named(n)) scenarios.push_back(std::move(*s));
  if (!ws.problems.empty()) return fail_with_problems("report", ws, "the previous report, if any, is untouched");
  // The later of the scenarios' dates: each is shown at work, not before it acts.
  Date latest = scenarios.front().as_of;
  for (const auto& s : scenarios) latest = std::max(latest, s.as_of);
  const Date date = as_of.value_or(latest);
  std::vector<double> edges;
  std::vector<StatusQuery> statuses;
  for (const auto& s : scenarios) {
    for (double e : amount_edges(ws, s)) edges.push_back(e);
    for (const auto& q : status_queries(ws, s)) statuses.push_back(q);
  }
  auto population = build_population_for(ws, edges, date, statuses);
  if (!population) return fail_with_problems("report", ws, "the previous report, if any, is untouched");
  std::vector<Projection> projections;
  for (const auto& s : scenarios) {
    // The timeline runs at least three years past the scenario's first action.
    Diagnostics ignored;
    Date first = date;
    for (const auto& a : resolve_actions(s, *ws.law, ignored)) first = std::min(first, a.date);
    const Date until = std::max(date, first.add_months(36));
    auto p = project_scenario(ws, *population, s, timeline_dates(ws, s, date, until), {o.seed, o.replicates, o.threads, false, o.baseline == "current_law"});
    if (!p) return fail_with_problems("report", ws, "the previous report, if any, is untouched");
    projections.push_back(std::move(*p));
  }
  // Differences on the as-of date only.
  std::vector<Projection> at_date;
  for (const auto& p : projections) {
    Projection q = p;
    q.rows.erase(std::remove_if(q.rows.begin(), q.rows.end(), [&](const ProjectionRow& r) { return r.as_of != date; }),
                 q.rows.end());
    at_date.push_back(std::move(q));
  }
  // Each scenario against current law (what fiscal notes and staff need), then each against
  // the first where both act on the same jurisdictions: a one-state measure less a national
  // one is not a comparison anyone can publish.
  std::vector<Projection> diffs;
  std::vector<std::string> diff_names;
  std::vector<std::string> unlike;
  if (o.baseline == "current_law")
    for (const auto& s : scenarios) {
      auto p = project_against_current_law(ws, *population, s, {date}, {o.seed, o.replicates, o.threads, false, true});
      if (!p) return fail_with_problems("report", ws, "the previous report, if any, is untouched");
      diffs.push_back(std::move(*p));
      diff_names.push_back(s.id + " against current law");
    }
  for (size_t i = 1; i < at_date.size(); ++i) {
    if (at_date[i].jurisdictions != at_date[0].jurisdictions) {
      unlike.push_back(scenarios[i].id);
      continue;
    }
    diffs.push_back(paired_difference(at_date[i], at_date[0]));
    diff_names.push_back(scenarios[i].id + " minus " + scenarios[0].id);
  }

  RunInfo info;
  info.as_of = date.to_string();
  info.version = RELIEFSIM_VERSION;
  info.inputs = ws.input_hashes();
  info.adults = ws.inputs.adults;
  info.per_capita_columns = true;
  for (const auto& [j, text] : population->notes)
    for (const auto& p : projections)
      if (std::find(p.jurisdictions.begin(), p.jurisdictions.end(), j) != p.jurisdictions.end()) {
        info.notes.push_back(text);
        break;
      }
  if (!unlike.empty()) {
    std::string names_text;
    for (const auto& n : unlike) names_text += (names_text.empty() ? "" : ", ") + n;
    info.notes.push_back("no difference from " + scenarios.front().id + " is shown for " + names_text +
                         ": they act on other jurisdictions, so the difference would compare unlike things");
  }
  for (size_t i = 0; i < at_date.size(); ++i)
    if (auto drivers = drivers_note(at_date[i], ws.labels(), info.as_of); !drivers.empty())
      info.notes.push_back(scenarios[i].id + ": " + drivers);
  for (size_t i = 0; i < projections.size(); ++i)
    for (const auto& n : board_gate_notes(projections[i], ws.labels(), info.as_of))
      info.notes.push_back(scenarios[i].id + ": " + n);
  // Every source the run used: the scenarios and their actions (with the provisions they
  // name), the assumptions, and the input files.
  std::vector<ReportSource> sources;
  std::set<std::string> seen;
  auto add_refs = [&](const References& refs, const std::string& note) {
    for (const auto& c : refs) {
      const std::string key = c.title + "|" + c.href;
      if (!seen.insert(key).second) continue;
      sources.push_back({c.title, c.href, note.empty() ? c.statute : note});
    }
  };
  for (const auto& s : scenarios) {
    add_refs(s.reference, "scenario " + s.id);
    Diagnostics ignored;
    for (const auto& a : resolve_actions(s, *ws.law, ignored)) add_refs(a.reference, "");
  }
  std::vector<ReportAssumption> assumptions;
  for (const auto& a : ws.inputs.assumptions) {
    assumptions.push_back({a.id, a.description, a.distribution.describe()});
    add_refs(a.reference, "assumption " + a.id);
  }
  for (const auto& f : ws.files) sources.push_back({f.path, "", "input file, sha256 " + sha256_hex(f.text).substr(0, 16)});
  std::map<std::string, double> population_by_postal;
  // Per capita: residents aged 18 and over (the people who can hold a record).
  for (const auto& [postal, adults] : ws.inputs.adults)
    if (postal != "US") population_by_postal[postal] = adults;

  // Who is reached, by race, and the workload each scenario puts on courts and agencies.
  const FiscalModel fiscal_model = FiscalModel::build(ws.inputs, ws.problems);
  if (!ws.problems.empty()) return fail_with_problems("report", ws, "the previous report, if any, is untouched");
  std::vector<RaceSplit> race_splits;
  std::vector<FiscalNote> fiscal_notes;
  for (size_t i = 0; i < scenarios.size(); ++i) {
    race_splits.push_back(race_split_for(ws, *population, scenarios[i], at_date[i], date, o.threads));
    Diagnostics ignored;
    fiscal_notes.push_back(estimate_fiscal_note(at_date[i], resolve_actions(scenarios[i], *ws.law, ignored), fiscal_model, date));
  }

  std::vector<ReportScenario> report_scenarios;
  for (size_t i = 0; i < scenarios.size(); ++i) {
    ReportScenario rs{scenarios[i].id, scenarios[i].title, scenarios[i].description, &projections[i], {}, "", "", ""};
    rs.drivers = drivers_note(at_date[i], ws.labels(), info.as_of);
    rs.by_race_json = format_race_split(race_splits[i], ws.labels(), scenarios[i].id, Format::json);
    rs.fiscal_json = format_fiscal_note(fiscal_notes[i], fiscal_model, ws.labels(), scenarios[i].id, Format::json);
    // What "cleared" means for this scenario's mechanisms, in the order they first appear.
    std::set<std::string> said;
    Diagnostics ignored;
    for (const auto& a : resolve_actions(scenarios[i], *ws.law, ignored)) {
      std::string m;
      switch (a.mechanism) {
        case Mechanism::blanket_pardon:
          m = a.records_updated_by_agency
                  ? "A pardon relieves every record it reaches on its date; it counts as cleared once the record's keeper has annotated it."
                  : "A pardon relieves every record it reaches on its date; it counts as cleared only once the person has applied for proof of it (a certificate), as few do.";
          break;
        case Mechanism::automatic_court_expungement:
        case Mechanism::automatic_repository_sealing:
        case Mechanism::prosecutor_initiated:
          m = "An automatic expungement or sealing needs no one to ask: a record counts as cleared when the court or repository has sealed or expunged it, at their pace.";
          break;
        case Mechanism::petition_expungement:
        case Mechanism::petition_sealing:
        case Mechanism::petition_vacatur:
        case Mechanism::certificate_on_application:
        case Mechanism::application_pardon:
          m = "Relief a person must ask for counts as cleared when the person has applied and it was granted; few of those eligible do.";
          break;
        case Mechanism::law_change:
          m = "A change in the law going forward clears no past record.";
          break;
      }
      if (said.insert(m).second) rs.cleared_means.push_back(m);
    }
    report_scenarios.push_back(std::move(rs));
  }
  std::vector<ReportDifference> report_diffs;
  for (size_t i = 0; i < diffs.size(); ++i) report_diffs.push_back({diff_names[i], &diffs[i]});
  const auto labels = ws.labels();
  std::vector<std::pair<std::string, std::string>> files;
  files.emplace_back("index.html", format_html_report(report_scenarios, report_diffs, labels, population_by_postal, info,
                                                      assumptions, sources, assets));
  for (size_t i = 0; i < scenarios.size(); ++i) {
    RunInfo si = info;
    si.scenario_id = scenarios[i].id;
    si.title = scenarios[i].title;
    // On the as-of date: the tidy table, JSON, Markdown and the wide table for chart tools;
    // the months around it in a timeline file of their own, named as such.
    for (auto [ext, f] : {std::pair{".csv", Format::csv}, {".json", Format::json}, {".md", Format::md}})
      files.emplace_back(scenarios[i].id + ext, format_projection(at_date[i], labels, si, f));
    files.emplace_back(scenarios[i].id + "_wide.csv", format_wide_csv(at_date[i], labels, si));
    files.emplace_back(scenarios[i].id + "_timeline.csv", format_projection(projections[i], labels, si, Format::csv));
    files.emplace_back(scenarios[i].id + "_race.csv", format_race_split(race_splits[i], labels, scenarios[i].id, Format::csv));
    files.emplace_back(scenarios[i].id + "_fiscal.csv",
                       format_fiscal_note(fiscal_notes[i], fiscal_model, labels, scenarios[i].id, Format::csv));
  }
  if (auto err = write_directory_atomic(o.out, files); !err.empty()) {
    std::cerr << "reliefsim report: " << err << "; the previous report, if any, is untouched\n";
    return kExitBadInput;
  }
  std::cerr << "wrote " << o.out << "/index.html and " << scenarios.size() * 7 << " data files\n";
  return kExitOk;
}

}  // namespace reliefsim
