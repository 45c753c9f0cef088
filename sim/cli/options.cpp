#include "sim/cli/options.hpp"

#include <iostream>

namespace reliefsim {

const char* exit_codes_text();

void add_common_options(po::options_description& d, CommonOptions& o) {
  d.add_options()
      ("help,h", "show this help")
      ("root", po::value(&o.root), "project folder holding states/, scenarios/, data/ (default: found from the working directory)")
      ("as-of", po::value(&o.as_of), "date of the projection, YYYY-MM-DD (default: the scenario's as_of)")
      ("seed", po::value(&o.seed)->default_value(o.seed), "random seed; the same seed gives byte-identical output")
      ("replicates", po::value(&o.replicates)->default_value(o.replicates), "Monte Carlo replicates (1 to 1000000)")
      ("threads", po::value(&o.threads)->default_value(o.threads), "worker threads (0: all cores); output does not depend on it")
      ("format", po::value(&o.format)->default_value(o.format), "table, csv, json or md")
      ("out", po::value(&o.out), "write to this file (atomically) instead of standard output")
      ("baseline", po::value(&o.baseline)->default_value(o.baseline),
       "current_law: records earlier law already relieved are not eligible again (already_relieved); "
       "none: count the legal scope alone")
      ("verbose", po::bool_switch(&o.verbose), "print every note in full (for example each jurisdiction's years without encoded law)");
}

po::variables_map parse_options(const char* name, const std::string& usage, const Args& args,
                                po::options_description& d, const po::positional_options_description& pos,
                                std::optional<int>& early_exit) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(d).positional(pos).run(), vm);
    if (vm.count("help")) {
      std::cout << usage << "\n" << d << "\n" << exit_codes_text();
      early_exit = kExitOk;
      return vm;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "reliefsim " << name << ": " << e.what() << "\nsee 'reliefsim " << name << " --help'\n";
    early_exit = kExitUsage;
  }
  return vm;
}

bool validate(const char* name, const CommonOptions& o, std::optional<Date>& as_of, Format& format) {
  if (!o.as_of.empty()) {
    as_of = Date::parse(o.as_of);
    if (!as_of) {
      std::cerr << "reliefsim " << name << ": --as-of: expected a date YYYY-MM-DD such as 2022-10-06, got '" << o.as_of << "'\n";
      return false;
    }
    // The population holds offenses from 1970; its forecasts are not meant past 2050.
    if (as_of->year() < 1970 || as_of->year() > 2050) {
      std::cerr << "reliefsim " << name << ": --as-of: expected a date between 1970-01-01 and 2050-12-31, got " << o.as_of
                << "\n";
      return false;
    }
  }
  if (o.replicates < 1 || o.replicates > 1000000) {
    std::cerr << "reliefsim " << name << ": --replicates: expected 1 to 1000000, got " << o.replicates << "\n";
    return false;
  }
  if (o.threads < 0 || o.threads > 256) {
    std::cerr << "reliefsim " << name << ": --threads: expected 0 to 256, got " << o.threads << "\n";
    return false;
  }
  if (o.baseline != "current_law" && o.baseline != "none") {
    std::cerr << "reliefsim " << name << ": --baseline: expected current_law or none, got '" << o.baseline << "'\n";
    return false;
  }
  if (o.format == "table") format = Format::table;
  else if (o.format == "csv") format = Format::csv;
  else if (o.format == "json") format = Format::json;
  else if (o.format == "md") format = Format::md;
  else {
    std::cerr << "reliefsim " << name << ": --format: expected table, csv, json or md, got '" << o.format << "'\n";
    return false;
  }
  return true;
}

}  // namespace reliefsim
