// Options shared by several subcommands, and their validation. Stage: cli.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/program_options.hpp>

#include "sim/base/date.hpp"
#include "sim/cli/commands.hpp"
#include "sim/report/tables.hpp"

namespace reliefsim {

namespace po = boost::program_options;

struct CommonOptions {
  std::string root;
  std::string as_of;  ///< empty: the scenario's own date
  std::uint64_t seed = 20221006;
  int replicates = 1000;
  int threads = 0;
  std::string format = "table";
  std::string out;
  std::string baseline = "current_law";  ///< current_law or none
  bool verbose = false;  ///< tables print every note in full
};

/// Adds --root, --as-of, --seed, --replicates, --threads, --format, --out, --baseline, --verbose to `d`.
void add_common_options(po::options_description& d, CommonOptions& o);

/// Parses `args`; on --help prints `usage` and `d` and returns kExitOk in *early_exit;
/// on a command-line error prints it and returns kExitUsage in *early_exit.
po::variables_map parse_options(const char* name, const std::string& usage, const Args& args,
                                po::options_description& d, const po::positional_options_description& pos,
                                std::optional<int>& early_exit);

/// Checks values: a real --as-of date, replicates 1..1,000,000, a known --format.
/// Prints "reliefsim NAME: …" and returns false on a bad value.
bool validate(const char* name, const CommonOptions& o, std::optional<Date>& as_of, Format& format);

}  // namespace reliefsim
