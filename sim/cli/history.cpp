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
  std::string since_text;
  po::options_description d("options");
  add_common_options(d, o);
  d.add_options()("since", po::value(&since_text),
                  "report only what was made eligible and cleared after this date (YYYY-MM-DD), as published tallies do");
  po::positional_options_description pos;
  std::optional<int> early;
  parse_options("history",
                "usage: reliefsim history [--as-of DATE] [options]\n\n"
                "Runs every record-relief provision and mass pardon in states/ that took effect on or\n"
                "before DATE (default: today), each through its own delivery model, and reports per\n"
                "jurisdiction and in total what they made eligible and what they had cleared by DATE.\n"
                "For a blanket pardon, 'eligible' is what it pardoned; 'cleared' what was also updated\n"
                "in the record (docs/methodology.md, \"Current law as the baseline\"). With --since,\n"
                "the figures are the differences between the two dates, replicate by replicate.\n",
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
  std::optional<Date> since;
  if (!since_text.empty()) {
    since = Date::parse(since_text);
    if (!since || *since >= date) {
      std::cerr << "reliefsim history: --since: expected a date YYYY-MM-DD before " << date.to_string() << ", got '"
                << since_text << "'\n";
      return kExitBadInput;
    }
  }
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
  Projection& projection = result->projection;
  if (since) {
    // Current law as it stood on `since`, run on its own (one projection over both dates
    // would credit a group to the later of two overlapping actions on both dates). Every
    // parameter is drawn by name and replicate, so the two runs are paired and each row of
    // `date` less its row of `since` is a difference replicate by replicate.
    Scenario before = current_law_scenario(*ws.law, everywhere, *since, {});
    before.id = history.id;
    before.file = history.file;
    std::optional<PipelineResult> earlier;
    if (!before.actions.empty()) {
      earlier = run_pipeline(ws, before, {*since}, settings);
      if (!earlier) return fail_with_problems("history", ws);
    }
    for (auto& r : projection.rows) {
      r.if_board_agrees.reset();
      if (earlier)
        for (const auto& s : earlier->projection.rows)
          if (s.jurisdiction == r.jurisdiction && s.measure == r.measure && s.unit == r.unit)
            for (size_t k = 0; k < r.replicates.size(); ++k) r.replicates[k] -= s.replicates[k];
      r.interval = summarize(r.replicates);
    }
  }

  RunInfo info;
  info.scenario_id = history.id;
  info.title = history.title;
  info.as_of = date.to_string();
  info.version = RELIEFSIM_VERSION;
  info.inputs = ws.input_hashes();
  info.show_already_relieved = false;
  info.adults = ws.inputs.adults;
  info.per_capita_columns = true;
  info.subtitle = std::to_string(history.actions.size()) +
                  " provisions and mass pardons; overlapping ones count each record once (overlapping-actions-max)" +
                  (since ? "\nfigures are those of " + date.to_string() + " less those of " + since->to_string() +
                               ": what was made eligible and cleared in between"
                         : "");
  if (since) info.title = "Record relief enacted in states/: what changed from " + since->to_string() + " to " + date.to_string();
  const std::string text = format_projection(projection, ws.labels(), info, format);
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
