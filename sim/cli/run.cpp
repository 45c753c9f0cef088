// reliefsim run SCENARIO: law → population → eligibility → projection → report.
#include <algorithm>
#include <iostream>

#include "sim/cli/options.hpp"
#include "sim/cli/pipeline.hpp"
#include "sim/cli/workspace.hpp"
#include "sim/delivery/delivery.hpp"
#include "sim/eligibility/eligibility.hpp"
#include "sim/population/record_population.hpp"
#include "sim/projection/projection.hpp"
#include "sim/report/tables.hpp"

namespace reliefsim {

namespace {
constexpr const char* kDefaultScenario = "us_2022_and_governors";
}

int cmd_run(const Args& args) {
  CommonOptions o;
  std::string scenario_name = kDefaultScenario;
  std::string report_dir;
  bool timeline = false, wide = false;
  po::options_description d("options");
  add_common_options(d, o);
  d.add_options()("scenario", po::value(&scenario_name), "scenario id (scenarios/<id>.yaml) or path")
                 ("report-dir", po::value(&report_dir), "also write <scenario>.csv, .json and .md into this folder")
                 ("timeline", po::bool_switch(&timeline), "also report every month end from the first action's date to the as-of date")
                 ("wide", po::bool_switch(&wide), "with --format csv: one row per jurisdiction and a Total row, a column per measure and unit with its p05 and p95 (for map and chart tools)");
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

  // Format everything first, so that nothing is written unless everything succeeded.
  const std::string main_text =
      wide ? format_wide_csv(projection, labels, info) : format_projection(projection, labels, info, format);
  std::vector<std::pair<std::string, std::string>> writes;
  if (!o.out.empty()) writes.emplace_back(o.out, main_text);
  if (!report_dir.empty()) {
    for (auto [ext, f] : {std::pair{".csv", Format::csv}, {".json", Format::json}, {".md", Format::md}})
      writes.emplace_back(report_dir + "/" + scenario->id + ext, format_projection(projection, labels, info, f));
  }
  for (const auto& [path, text] : writes) {
    if (auto err = write_file_atomic(path, text); !err.empty()) {
      std::cerr << "reliefsim run: " << err << "\n";
      return kExitBadInput;
    }
  }
  if (o.out.empty()) std::cout << main_text;
  if (!report_dir.empty())
    std::cerr << "wrote " << report_dir << "/" << scenario->id << ".{csv,json,md}\n";
  return kExitOk;
}

}  // namespace reliefsim
