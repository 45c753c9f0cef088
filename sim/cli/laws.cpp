// reliefsim laws [STATE] --as-of DATE: every jurisdiction's law on a date, or one
// jurisdiction's timeline with its citations.
#include <iostream>

#include "sim/base/spellcheck.hpp"
#include "sim/cli/options.hpp"
#include "sim/cli/workspace.hpp"
#include "sim/load/law_loader.hpp"
#include "sim/report/laws_table.hpp"

namespace reliefsim {

int cmd_laws(const Args& args) {
  CommonOptions o;
  std::string state;
  po::options_description d("options");
  d.add_options()("help,h", "show this help")
                 ("root", po::value(&o.root), "project folder (default: found from the working directory)")
                 ("as-of", po::value(&o.as_of), "date of the comparison, YYYY-MM-DD (default: today)")
                 ("format", po::value(&o.format)->default_value("table"), "table, csv, json or md")
                 ("out", po::value(&o.out), "write to this file (atomically) instead of standard output")
                 ("state", po::value(&state), "a postal code (MO, DC, US): print its timeline instead");
  po::positional_options_description pos;
  pos.add("state", 1);
  std::optional<int> early;
  parse_options("laws",
                "usage: reliefsim laws [--as-of DATE] [--format F]\n"
                "       reliefsim laws STATE [--format F]\n\n"
                "Compares every jurisdiction's cannabis law on DATE (medical, adult use and its limit,\n"
                "decriminalization, strongest record relief, pardon power, mass pardons), or prints\n"
                "one jurisdiction's timeline with the citation of every value.\n",
                args, d, pos, early);
  if (early) return *early;
  std::optional<Date> as_of;
  Format format = Format::table;
  if (!validate("laws", o, as_of, format)) return kExitBadInput;
  auto opened = open_workspace("laws", o.root, Load::states);
  if (!opened) return kExitBadInput;
  Workspace& ws = *opened;
  std::string text;
  if (!state.empty()) {
    std::string code = state;
    for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const Jurisdiction* j = ws.law->find(code);
    if (!j) {
      std::cerr << "reliefsim laws: no jurisdiction '" << state << "' in states/";
      if (auto m = closest_match(code, ws.law->postal_codes(), 1); !m.empty()) std::cerr << "; did you mean '" << m << "'?";
      std::cerr << "\n";
      return kExitBadInput;
    }
    text = format_timeline(*j, format);
  } else {
    text = format_laws(*ws.law, as_of.value_or(today()), format);
  }
  if (!o.out.empty()) {
    if (auto err = write_file_atomic(o.out, text); !err.empty()) {
      std::cerr << "reliefsim laws: " << err << "\n";
      return kExitBadInput;
    }
    return kExitOk;
  }
  std::cout << text;
  return kExitOk;
}

}  // namespace reliefsim
