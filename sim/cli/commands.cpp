#include "sim/cli/commands.hpp"

#include <cstring>
#include <exception>
#include <iostream>

#include "sim/base/spellcheck.hpp"

namespace reliefsim {

const std::vector<Subcommand>& subcommands() {
  static const std::vector<Subcommand> k = {
      {"check", "validate states/, scenarios/ and data/ files; report every problem", cmd_check},
      {"run", "project how many records and people a scenario makes eligible", cmd_run},
      {"laws", "compare every jurisdiction's cannabis law on a date, or show one's timeline", cmd_laws},
      {"population", "who holds marijuana records in a jurisdiction on a date, with 90% intervals", cmd_population},
      {"compare", "scenarios side by side, with differences from paired replicates", cmd_compare},
      {"report", "a self-contained HTML report with a map, charts, tables and sources, and its data", cmd_report},
      {"explain", "why each group of a jurisdiction's records is eligible or not, with the rule and its source", cmd_explain},
      {"serve", "a local page with a scenario's knobs: change one, see the table and map again", cmd_serve},
      {"sweep", "a grid of variants of a scenario's knobs, and which knob moves the result most", cmd_sweep},
      {"backtest", "replay enacted actions and compare projections with reported outcomes", cmd_backtest},
      {"calibrate", "fit court-review-capacity to reported outcomes, with leave-one-out fits, into data/calibration.yaml", cmd_calibrate},
      {"history", "what the record relief already enacted in states/ has cleared by a date, by jurisdiction", cmd_history},
      {"bench", "time and memory of the main jobs on this machine", cmd_bench},
      {"help", "list the subcommands, or show one's options", cmd_help},
  };
  return k;
}

static const char* kExitCodes =
    "Exit codes: 0 ok; 1 bad input (a file or a value; messages start file:line:column:);\n"
    "            2 usage error (unknown subcommand or option); 3 internal error (a bug).\n";

int cmd_help(const Args& args) {
  if (!args.empty()) {
    for (const auto& s : subcommands())
      if (args[0] == s.name) return s.run({"--help"});
    std::vector<std::string> names;
    for (const auto& s : subcommands()) names.emplace_back(s.name);
    std::cerr << "reliefsim help: unknown subcommand '" << args[0] << "'";
    if (auto m = closest_match(args[0], names); !m.empty()) std::cerr << "; did you mean '" << m << "'?";
    std::cerr << "\n";
    return kExitUsage;
  }
  std::cout << "usage: reliefsim <subcommand> [options]   (reliefsim <subcommand> --help for its options)\n\n"
               "Projects how many marijuana records a pardon, ballot measure or bill makes eligible.\n\n"
               "subcommands:\n";
  for (const auto& s : subcommands()) {
    std::string name = s.name;
    name.resize(10, ' ');
    std::cout << "  " << name << "  " << s.summary << "\n";
  }
  std::cout << "\n" << kExitCodes;
  return kExitOk;
}

const char* exit_codes_text() { return kExitCodes; }

int run_cli(int argc, char** argv) {
  try {
    if (argc < 2) {
      cmd_help({});
      return kExitUsage;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h") return cmd_help({});
    if (name == "--version") {
      std::cout << "reliefsim " << RELIEFSIM_VERSION << "\n";
      return kExitOk;
    }
    Args args(argv + 2, argv + argc);
    for (const auto& s : subcommands())
      if (name == s.name) return s.run(args);
    std::vector<std::string> names;
    for (const auto& s : subcommands()) names.emplace_back(s.name);
    std::cerr << "reliefsim: unknown subcommand '" << name << "'";
    if (auto m = closest_match(name, names); !m.empty()) std::cerr << "; did you mean '" << m << "'?";
    std::cerr << "\nrun 'reliefsim help' for the list\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "reliefsim: internal error: " << e.what() << "\nplease report this as a bug\n";
    return kExitInternal;
  } catch (...) {
    std::cerr << "reliefsim: internal error\nplease report this as a bug\n";
    return kExitInternal;
  }
}

}  // namespace reliefsim
