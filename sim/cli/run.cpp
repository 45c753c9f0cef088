// reliefsim run SCENARIO: law → population → eligibility → projection → report.
#include <algorithm>
#include <iostream>

#include "sim/cli/options.hpp"
#include "sim/cli/pipeline.hpp"
#include "sim/cli/workspace.hpp"
#include "sim/delivery/delivery.hpp"
#include "sim/eligibility/eligibility.hpp"
#include "sim/fiscal/fiscal_note.hpp"
#include "sim/population/record_population.hpp"
#include "sim/projection/projection.hpp"
#include "sim/report/fiscal_table.hpp"
#include "sim/report/race_table.hpp"
#include "sim/report/tables.hpp"

namespace reliefsim {

namespace {
constexpr const char* kDefaultScenario = "us_2022_and_governors";
}

int cmd_run(const Args& args) {
  CommonOptions o;
  std::string scenario_name = kDefaultScenario;
  std::string report_dir;
  bool timeline = false, wide = false, fiscal = false, by_race = false;
  po::options_description d("options");
  add_common_options(d, o);
  d.add_options()("scenario", po::value(&scenario_name), "scenario id (scenarios/<id>.yaml) or path")
                 ("report-dir", po::value(&report_dir), "also write <scenario>.csv, .json and .md into this folder")
                 ("timeline", po::bool_switch(&timeline), "also report every month end from the first action's date to the as-of date")
                 ("wide", po::bool_switch(&wide), "with --format csv: one row per jurisdiction and a Total row, a column per measure and unit with its p05 and p95 (for map and chart tools)")
                 ("by-race", po::bool_switch(&by_race), "also split people eligible, cleared and left with no record by race, with the disparity ratio (share of the eligible over share of residents): under the table, as \"by_race\" in JSON; with --format csv the race CSV instead of the tidy one (docs/methodology.md, \"race-split\")")
                 ("fiscal", po::bool_switch(&fiscal), "also report the workload and cost on courts and agencies (cases to review, staff hours, cost) as fiscal notes do: under the table, as \"fiscal\" in JSON; with --format csv the fiscal CSV instead of the tidy one (docs/methodology.md, \"Fiscal-note figures\")");
  po::positional_options_description pos;
  pos.add("scenario", 1);
  std::optional<int> early;
  parse_options("run", std::string("usage: reliefsim run [SCENARIO] [options]\n\n"
                                   "Projects how many records, convictions and people SCENARIO makes eligible,\n"
                                   "per jurisdiction and in total, with a 90% interval. SCENARIO defaults to ") +
                           kDefaultScenario + ".\n",
                args, d, pos, early);
  if (early) return *early;
  std::optional<Date> as_of;
  Format format = Format::table;
  if (!validate("run", o, as_of, format)) return kExitBadInput;
  if (wide && (format != Format::csv || timeline)) {
    std::cerr << "reliefsim run: --wide: expected with --format csv and without --timeline (one date, one row per jurisdiction)\n";
    return kExitUsage;
  }
  if (by_race && (wide || (fiscal && o.format == "csv"))) {
    std::cerr << "reliefsim run: --by-race has its own CSV; it does not combine with --wide, or with --fiscal and --format csv "
                 "(--report-dir writes every CSV)\n";
    return kExitUsage;
  }
  if (fiscal && wide) {
    std::cerr << "reliefsim run: --fiscal: expected without --wide (the fiscal CSV has its own columns)\n";
    return kExitUsage;
  }
  auto opened = open_workspace("run", o.root, Load::everything);
  if (!opened) return kExitBadInput;
  Workspace& ws = *opened;
  auto scenario = ws.load_scenario_named(scenario_name);
  if (!ws.problems.empty() || !scenario) return fail_with_problems("run", ws);
  const Date date = as_of.value_or(scenario->as_of);
  const std::vector<Date> dates = timeline ? timeline_dates(ws, *scenario, date) : std::vector<Date>{date};
  auto result = run_pipeline(ws, *scenario, dates, {o.seed, o.replicates, o.threads, false, o.baseline == "current_law"});
  if (!result) return fail_with_problems("run", ws);
  const RecordPopulation& pop = result->population;
  const Projection& projection = result->projection;
  std::optional<FiscalNote> fiscal_note;
  std::optional<FiscalModel> fiscal_model;
  if (fiscal) {
    fiscal_model = FiscalModel::build(ws.inputs, ws.problems);
    if (!ws.problems.empty()) return fail_with_problems("run", ws);
    fiscal_note = estimate_fiscal_note(projection, result->actions, *fiscal_model, date);
  }
  std::optional<RaceSplit> race_split;
  if (by_race) race_split = race_split_for(ws, pop, *scenario, projection, date, o.threads);

  RunInfo info;
  info.scenario_id = scenario->id;
  info.title = scenario->title;
  info.as_of = date.to_string();
  info.version = RELIEFSIM_VERSION;
  info.inputs = ws.input_hashes();
  info.show_already_relieved = o.baseline == "current_law";
  info.verbose = o.verbose;
  info.adults = ws.inputs.adults;
  info.per_capita_columns = true;
  info.notes = run_notes(ws, *scenario, pop, projection, result->actions, date);
  const auto labels = ws.labels();

  // Format everything first, so that nothing is written unless everything succeeded. The
  // fiscal figures never enter the tidy CSV, whose columns other people's scripts read: with
  // --format csv they are their own CSV, and --report-dir writes them to <scenario>.fiscal.csv.
  auto formatted = [&](Format f) {
    std::string text = format_projection(projection, labels, info, f);
    if (race_split) {
      const std::string figures = format_race_split(*race_split, labels, scenario->id, f);
      if (f == Format::json) text = append_json_member(text, "by_race", figures);
      else if (f == Format::csv) text = figures;
      else text += figures;
    }
    if (!fiscal_note) return text;
    const std::string figures = format_fiscal_note(*fiscal_note, *fiscal_model, labels, scenario->id, f);
    if (f == Format::json) return append_json_member(text, "fiscal", figures);
    if (f == Format::csv) return figures;
    return text + figures;
  };
  const std::string main_text = wide ? format_wide_csv(projection, labels, info) : formatted(format);
  std::vector<std::pair<std::string, std::string>> writes;
  if (!o.out.empty()) writes.emplace_back(o.out, main_text);
  if (!report_dir.empty()) {
    for (auto [ext, f] : {std::pair{".csv", Format::csv}, {".json", Format::json}, {".md", Format::md}})
      writes.emplace_back(report_dir + "/" + scenario->id + ext,
                          f == Format::csv ? format_projection(projection, labels, info, f) : formatted(f));
    if (race_split)
      writes.emplace_back(report_dir + "/" + scenario->id + ".race.csv",
                          format_race_split(*race_split, labels, scenario->id, Format::csv));
    if (fiscal_note)
      writes.emplace_back(report_dir + "/" + scenario->id + ".fiscal.csv",
                          format_fiscal_note(*fiscal_note, *fiscal_model, labels, scenario->id, Format::csv));
  }
  for (const auto& [path, text] : writes) {
    if (auto err = write_file_atomic(path, text); !err.empty()) {
      std::cerr << "reliefsim run: " << err << "\n";
      return kExitBadInput;
    }
  }
  if (o.out.empty()) std::cout << main_text;
  if (!report_dir.empty())
    std::cerr << "wrote " << report_dir << "/" << scenario->id << ".{csv," << (fiscal_note ? "fiscal.csv," : "")
              << (race_split ? "race.csv," : "") << "json,md}\n";
  return kExitOk;
}

}  // namespace reliefsim
