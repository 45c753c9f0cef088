// Workspace: the files a run reads (states/, scenarios/, data/) and what loading them
// gave. Stage: cli — the only place that touches the disk besides output.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/base/diagnostic.hpp"
#include "sim/law/jurisdiction.hpp"
#include "sim/load/law_loader.hpp"
#include "sim/load/scenario_loader.hpp"
#include "sim/population/inputs.hpp"
#include "sim/report/tables.hpp"
#include "sim/scenario/scenario.hpp"

namespace reliefsim {

/// The project root: --root if given, else the nearest directory at or above the
/// working directory holding states/ and scenarios/, else the source tree reliefsim was
/// built from. nullopt (with a message) when none of these exists.
std::optional<std::string> find_root(const std::string& given, std::string& error);

struct Workspace {
  std::string root;
  std::vector<SourceFile> files;   ///< every file read, for hashes and carets
  Diagnostics problems;
  std::optional<LawLibrary> law;
  PopulationInputs inputs;

  /// Reads and loads states/*.yaml and data/.
  void load_law_and_data() {
    load_states();
    load_data();
  }
  void load_states();
  void load_data();
  /// Loads a scenario given by id (scenarios/<id>.yaml) or by path, following `extends`.
  std::optional<Scenario> load_scenario_named(const std::string& name, const std::vector<Override>& overrides = {});
  /// What the scenario loader reads `extends` through: scenarios/<id>.yaml of this root.
  ScenarioSource scenario_source();
  /// Reads a file relative to the working directory or, failing that, the root. The path
  /// shown in messages is the one given.
  std::optional<std::string> read(const std::string& path);

  std::vector<InputFile> input_hashes() const;
  std::vector<JurisdictionLabel> labels() const;
  /// Prints every problem to stderr with its source line and caret; returns the count.
  size_t print_problems() const;
};

enum class Load { nothing, states, everything };

/// A workspace rooted as --root or the working directory says, with `what` loaded. On a
/// problem prints it as "reliefsim COMMAND: …" and returns nullopt.
std::optional<Workspace> open_workspace(const char* command, const std::string& root, Load what);

/// Prints every problem of `ws` and a closing line "reliefsim COMMAND: N problems; WHAT";
/// returns kExitBadInput.
int fail_with_problems(const char* command, const Workspace& ws, const char* what = "nothing was written");

/// Today's date from the system clock (UTC): the default of `laws --as-of`.
Date today();

/// Writes `text` to `path` atomically: a temporary file beside it, then rename, so that a
/// failed run never leaves a half-written file. Returns an error message or "".
std::string write_file_atomic(const std::string& path, const std::string& text);

}  // namespace reliefsim
