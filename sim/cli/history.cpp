// reliefsim history: every record-relief provision and mass pardon enacted in states/ up
// to a date, run as one scenario: what current law has made eligible and cleared so far.
#include <iostream>

#include "sim/cli/options.hpp"
#include "sim/cli/pipeline.hpp"
#include "sim/cli/workspace.hpp"
#include "sim/report/tables.hpp"
#include "sim/scenario/current_law.hpp"

namespace reliefsim {

int cmd_history(const Args& args) {
  CommonOptions o;
  po::options_description d("options");
  add_common_options(d, o);
  po::positional_options_description pos;
  std::optional<int> early;
  parse_options("history",
                "usage: reliefsim history [--as-of DATE] [options]\n\n"
                "Runs every record-relief provision and mass pardon in states/ that took effect on or\n"
                "before DATE (default: today), each through its own delivery model, and reports per\n"
                "jurisdiction and in total what they made eligible and what they had cleared by DATE.\n"
                "For a blanket pardon, 'eligible' is what it pardoned; 'cleared' what was also updated\n"
                "in the record (docs/methodology.md, \"Current law as the baseline\").\n",
                args, d, pos, early);
  if (early) return *early;
  std::optional<Date> as_of;
  Format format = Format::table;
  if (!validate("history", o, as_of, format)) return kExitBadInput;
  auto opened = open_workspace("history", o.root, Load::everything);
  if (!opened) return kExitBadInput;
  Workspace& ws = *opened;
  if (!ws.law) return fail_with_problems("history", ws);
  const Date date = as_of.value_or(today());
  std::set<int> everywhere;
  for (size_t j = 0; j < ws.law->jurisdictions.size(); ++j) everywhere.insert(static_cast<int>(j));
  Scenario history = current_law_scenario(*ws.law, everywhere, date, {});
  history.id = "history";
  history.title = "Record relief enacted in states/ up to " + date.to_string();
  history.as_of = date;
  history.file = "states/";
  if (history.actions.empty()) {
    std::cerr << "reliefsim history: no record relief in states/ took effect on or before " << date.to_string() << "\n";
    return kExitBadInput;
  }
  // The actions are current law itself: nothing is subtracted from them.
  ProjectionSettings settings{o.seed, o.replicates, o.threads, false, false};
  auto result = run_pipeline(ws, history, {date}, settings);
  if (!result) return fail_with_problems("history", ws);

  RunInfo info;
  info.scenario_id = history.id;
  info.title = history.title;
  info.as_of = date.to_string();
  info.version = RELIEFSIM_VERSION;
  info.inputs = ws.input_hashes();
  info.show_already_relieved = false;
  info.subtitle = std::to_string(history.actions.size()) +
                  " provisions and mass pardons; overlapping ones count each record once (overlapping-actions-max)";
  const std::string text = format_projection(result->projection, ws.labels(), info, format);
  if (!o.out.empty()) {
    if (auto err = write_file_atomic(o.out, text); !err.empty()) {
      std::cerr << "reliefsim history: " << err << "\n";
      return kExitBadInput;
    }
  } else {
    std::cout << text;
  }
  return kExitOk;
}

}  // namespace reliefsim
