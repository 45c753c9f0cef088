// The subcommand table and the exit codes. Stage: cli (may use every stage). Each
// subcommand lives in its own file, parses its options, calls load → core → report,
// and returns one of the exit codes below.
#pragma once

#include <string>
#include <vector>

namespace reliefsim {

enum ExitCode : int {
  kExitOk = 0,
  kExitBadInput = 1,  ///< a file or a value is wrong: messages say where and what was expected
  kExitUsage = 2,     ///< the command line is wrong (unknown subcommand or option)
  kExitInternal = 3,  ///< a bug in reliefsim: please report it
};

using Args = std::vector<std::string>;

struct Subcommand {
  const char* name;
  const char* summary;
  int (*run)(const Args& args);  ///< args exclude the program and subcommand names
};

/// The table `reliefsim help` prints.
const std::vector<Subcommand>& subcommands();

int run_cli(int argc, char** argv);

// One function per file in sim/cli/.
int cmd_check(const Args& args);
int cmd_run(const Args& args);
int cmd_laws(const Args& args);
int cmd_population(const Args& args);
int cmd_backtest(const Args& args);
int cmd_history(const Args& args);
int cmd_calibrate(const Args& args);
int cmd_compare(const Args& args);
int cmd_sweep(const Args& args);
int cmd_bench(const Args& args);
int cmd_report(const Args& args);
int cmd_explain(const Args& args);
int cmd_serve(const Args& args);
int cmd_help(const Args& args);

}  // namespace reliefsim
