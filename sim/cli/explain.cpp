// reliefsim explain STATE SCENARIO: why each group of a jurisdiction's records is eligible
// or not, with the rule, its citation and the delivering mechanism.
#include <cmath>
#include <iostream>

#include "sim/base/spellcheck.hpp"
#include "sim/cli/options.hpp"
#include "sim/cli/pipeline.hpp"
#include "sim/projection/explanation.hpp"
#include "sim/report/text_format.hpp"

namespace reliefsim {

int cmd_explain(const Args& args) {
  CommonOptions o;
  std::vector<std::string> positional;
  po::options_description d("options");
  add_common_options(d, o);
  d.add_options()("args", po::value(&positional)->multitoken(), "STATE SCENARIO");
  po::positional_options_description pos;
  pos.add("args", 2);
  std::optional<int> early;
  parse_options("explain",
                "usage: reliefsim explain STATE [SCENARIO] [--as-of DATE] [--format table|csv]\n\n"
                "For each group of STATE's records (offense, grade when committed, disposition, amount,\n"
                "decade), the action that makes it eligible and the mechanism that delivers it, or the\n"
                "rule of each action that keeps it out, with the citation. Records are counted at the\n"
                "median of every parameter. SCENARIO defaults to us_2022_and_governors, as for run.\n",
                args, d, pos, early);
  if (early) return *early;
  if (positional.size() == 1) positional.push_back("us_2022_and_governors");  // run's default scenario
  if (positional.size() != 2) {
    std::cerr << "reliefsim explain: name a jurisdiction and, if not the default scenario, a scenario, such as "
                 "'explain MO mo_amendment_3_2022'\n";
    return kExitUsage;
  }
  std::optional<Date> as_of;
  Format format = Format::table;
  if (!validate("explain", o, as_of, format)) return kExitBadInput;
  auto opened = open_workspace("explain", o.root, Load::everything);
  if (!opened) return kExitBadInput;
  Workspace& ws = *opened;
  std::string code = positional[0];
  for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  int j = -1;
  for (size_t i = 0; i < ws.law->jurisdictions.size(); ++i)
    if (ws.law->jurisdictions[i].postal == code) j = static_cast<int>(i);
  if (j < 0) {
    std::cerr << "reliefsim explain: no jurisdiction '" << positional[0] << "' in states/";
    if (auto m = closest_match(code, ws.law->postal_codes(), 1); !m.empty()) std::cerr << "; did you mean '" << m << "'?";
    std::cerr << "\n";
    return kExitBadInput;
  }
  auto scenario = ws.load_scenario_named(positional[1]);
  if (!scenario) return fail_with_problems("explain", ws);
  const Date date = as_of.value_or(scenario->as_of);
  // Only STATE's groups are explained: the others are not built.
  auto population = build_population_for(ws, amount_edges(ws, *scenario), date, status_queries(ws, *scenario), {j});
  if (!population) return fail_with_problems("explain", ws);
  const auto actions = resolve_actions(*scenario, *ws.law, ws.problems);
  if (!ws.problems.empty()) return fail_with_problems("explain", ws);
  const auto rows = explain_eligibility(*population, j, actions, date);
  std::string out;
  if (format == Format::csv) {
    out = "offense,grade,disposition,amount,decade,records,eligible,rule,citation\n";
    for (const auto& r : rows)
      out += r.offense + "," + r.grade + "," + r.disposition + "," + csv_field(r.amount) + "," + r.decade + "," +
             std::to_string(std::llround(r.records)) + "," + (r.eligible ? "yes" : "no") + "," + csv_field(r.rule) + "," +
             csv_field(r.citation) + "\n";
  } else {
    const auto& jur = ws.law->jurisdictions[static_cast<size_t>(j)];
    out = "Why " + jur.name + "'s records are or are not reached by " + scenario->id + " (as of " + date.to_string() +
          "; records at the median of every parameter)\n\n";
    for (const auto& r : rows) {
      out += r.offense + ", " + r.grade + ", " + r.disposition + ", " + r.amount + ", " + r.decade + ": " +
             std::to_string(std::llround(r.records)) + " records\n    " + r.rule + "\n";
      if (!r.citation.empty()) out += "    source: " + r.citation + "\n";
    }
  }
  if (!o.out.empty()) {
    if (auto err = write_file_atomic(o.out, out); !err.empty()) {
      std::cerr << "reliefsim explain: " << err << "\n";
      return kExitBadInput;
    }
    return kExitOk;
  }
  std::cout << out;
  return kExitOk;
}

}  // namespace reliefsim
