// reliefsim population STATE [--as-of DATE]: who holds marijuana records in a jurisdiction.
#include <algorithm>
#include <iostream>

#include "sim/base/spellcheck.hpp"
#include "sim/cli/options.hpp"
#include "sim/cli/workspace.hpp"
#include "sim/population/record_population.hpp"
#include "sim/projection/population_summary.hpp"
#include "sim/report/population_table.hpp"

namespace reliefsim {

int cmd_population(const Args& args) {
  CommonOptions o;
  std::string state;
  po::options_description d("options");
  add_common_options(d, o);
  d.add_options()("state", po::value(&state), "a postal code: MO, DC, US");
  po::positional_options_description pos;
  pos.add("state", 1);
  std::optional<int> early;
  parse_options("population",
                "usage: reliefsim population [STATE] [--as-of DATE] [options]\n\n"
                "People with a marijuana record alive on DATE, the records and convictions they hold,\n"
                "by grade and by decade of the offense, and the people still under sentence, each with a\n"
                "90% interval. Without STATE, the national total (every state, D.C. and federal).\n"
                "DATE defaults to today.\n",
                args, d, pos, early);
  if (early) return *early;
  std::optional<Date> as_of;
  Format format = Format::table;
  if (!validate("population", o, as_of, format)) return kExitBadInput;
  auto opened = open_workspace("population", o.root, Load::everything);
  if (!opened) return kExitBadInput;
  Workspace& ws = *opened;
  std::string code = state;
  for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  int j = -1;
  for (size_t i = 0; i < ws.law->jurisdictions.size(); ++i)
    if (ws.law->jurisdictions[i].postal == code) j = static_cast<int>(i);
  if (j < 0 && !state.empty()) {
    std::cerr << "reliefsim population: no jurisdiction '" << state << "' in states/";
    if (auto m = closest_match(code, ws.law->postal_codes(), 1); !m.empty()) std::cerr << "; did you mean '" << m << "'?";
    std::cerr << "\n";
    return kExitBadInput;
  }
  const Date date = as_of.value_or(today());
  PopulationOptions popt;
  popt.alive_on = date;
  for (SentenceStatus st : {SentenceStatus::incarcerated, SentenceStatus::probation, SentenceStatus::parole})
    popt.status_queries.push_back({date, status_bit(st)});
  const RecordPopulation pop = build_population(*ws.law, ws.inputs, popt, ws.problems);
  if (!ws.problems.empty()) return fail_with_problems("population", ws);
  const ProjectionSettings settings{o.seed, o.replicates, o.threads, false};
  std::vector<SummaryRow> rows;
  JurisdictionLabel label;
  if (j >= 0) {
    rows = summarize_population(pop, j, date, settings);
    label = ws.labels()[static_cast<size_t>(j)];
  } else {
    // The nation: every jurisdiction's groups summed in each replicate.
    label = {"Total", "", "", false};
    rows = summarize_population(pop, -1, date, settings);
  }
  RunInfo info;
  info.scenario_id = "population";
  info.as_of = date.to_string();
  info.version = RELIEFSIM_VERSION;
  info.inputs = ws.input_hashes();
  info.verbose = o.verbose;
  for (const auto& [jj, text] : pop.notes)
    if (jj == j || j < 0) info.notes.push_back(text);
  const std::string text = format_population(rows, label, info, o.replicates, o.seed, format);
  if (!o.out.empty()) {
    if (auto err = write_file_atomic(o.out, text); !err.empty()) {
      std::cerr << "reliefsim population: " << err << "\n";
      return kExitBadInput;
    }
    return kExitOk;
  }
  std::cout << text;
  return kExitOk;
}

}  // namespace reliefsim
