// reliefsim check [PATH…]: validates law, scenario and data files and reports every
// problem, each starting file:line:column:.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "sim/cli/options.hpp"
#include "sim/cli/workspace.hpp"
#include "sim/fiscal/fiscal_note.hpp"
#include "sim/load/citation_sources.hpp"
#include "sim/load/data_loader.hpp"
#include "sim/load/rule_case_loader.hpp"
#include "sim/load/scenario_loader.hpp"

namespace fs = std::filesystem;

namespace reliefsim {

namespace {

enum class FileKind { state, scenario, assumptions, calibration, federal_counts, rule_cases, age_sex, race, unknown };

// By folder first (states/, scenarios/), then by name; a broken file cannot be asked.
FileKind kind_of(const std::string& path) {
  const fs::path p(path);
  const std::string parent = p.parent_path().filename().string();
  const std::string name = p.filename().string();
  if (parent == "states") return FileKind::state;
  if (parent == "scenarios") return FileKind::scenario;
  if (parent == "law") return FileKind::rule_cases;
  if (name == "assumptions.yaml") return FileKind::assumptions;
  if (name == "calibration.yaml") return FileKind::calibration;
  if (parent == "federal") return FileKind::federal_counts;
  if (name == "arrest_age_sex.yaml") return FileKind::age_sex;
  if (name == "race.yaml") return FileKind::race;
  return FileKind::unknown;
}

void collect(const std::string& path, std::vector<std::string>& out, Diagnostics& problems) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> found;
    for (const auto& e : fs::recursive_directory_iterator(path, ec))
      if (e.is_regular_file() && e.path().extension() == ".yaml") found.push_back(e.path().string());
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  } else if (fs::is_regular_file(path, ec)) {
    out.push_back(path);
  } else {
    problems.push_back({{path, 0, 0}, "no such file or folder", ""});
  }
}

}  // namespace

int cmd_check(const Args& args) {
  CommonOptions o;
  std::vector<std::string> paths;
  po::options_description d("options");
  d.add_options()("help,h", "show this help")
                 ("root", po::value(&o.root), "project folder (default: found from the working directory)")
                 ("path", po::value(&paths)->multitoken(), "files or folders to check");
  po::positional_options_description pos;
  pos.add("path", -1);
  std::optional<int> early;
  parse_options("check",
                "usage: reliefsim check [PATH…]\n\n"
                "Validates law (states/), scenario (scenarios/) and data files and reports every problem.\n"
                "With no PATH, checks states/, scenarios/, data/ and tests/law/ of the project.\n",
                args, d, pos, early);
  if (early) return *early;
  auto opened = open_workspace("check", o.root, Load::nothing);
  if (!opened) return kExitBadInput;
  Workspace& ws = *opened;
  const std::string* root = &ws.root;
  auto in_root = [&](const char* rel) { return *root == "." ? std::string(rel) : (fs::path(*root) / rel).string(); };
  if (paths.empty()) paths = {in_root("states"), in_root("scenarios"), in_root("data"), in_root("tests/law")};
  std::vector<std::string> files;
  for (const auto& p : paths) collect(p, files, ws.problems);

  std::vector<SourceFile> states;
  std::vector<std::string> scenarios;
  bool assumptions_checked = false;
  for (const auto& f : files) {
    const FileKind k = kind_of(f);
    if (k == FileKind::unknown) {
      ws.problems.push_back({{f, 0, 0}, "cannot tell what this file is",
                             "law files go in a states/ folder and scenarios in a scenarios/ folder"});
      continue;
    }
    auto text = ws.read(f);
    if (!text) continue;
    if (k == FileKind::state) states.push_back({f, *text});
    else if (k == FileKind::scenario) scenarios.push_back(f);
    else if (k == FileKind::assumptions) {
      const size_t before = ws.problems.size();
      load_assumptions(*text, f, ws.inputs, ws.problems);
      assumptions_checked = ws.problems.size() == before;
    }
    else if (k == FileKind::calibration) load_calibration(*text, f, ws.inputs, ws.problems);
    else if (k == FileKind::rule_cases) load_rule_cases(*text, f, ws.problems);
    else if (k == FileKind::age_sex) load_age_sex(*text, f, ws.inputs, ws.problems);
    else if (k == FileKind::race) load_race(*text, f, ws.inputs, ws.problems);
    else load_federal_counts(*text, f, ws.inputs, ws.problems);
  }
  // The fiscal figures' assumptions (`run --fiscal`): present, and within their bounds.
  if (assumptions_checked) FiscalModel::build(ws.inputs, ws.problems);
  std::optional<LawLibrary> law;
  if (!states.empty()) law = load_law_library(states, ws.problems);
  if (!scenarios.empty() && states.empty()) {
    // Scenarios are checked against the project's law.
    Workspace base;
    base.root = *root;
    base.load_law_and_data();
    if (base.problems.empty()) law = base.law;
  }
  for (const auto& f : scenarios) {
    auto s = load_scenario(*ws.read(f), f, ws.problems, ws.scenario_source());
    if (s && law) resolve_actions(*s, *law, ws.problems);
  }
  // Citations that point only at copies of their source: warnings, not errors (the files
  // still load), counted in the closing line.
  std::vector<std::string> mirrors;
  const std::string mirror_file = in_root("data/citation_mirrors.txt");
  if (std::error_code ec; fs::is_regular_file(mirror_file, ec)) {
    if (auto text = ws.read(mirror_file)) mirrors = parse_mirror_hosts(*text);
  }
  int citations = 0, mirror_citations = 0, mirror_only = 0;
  Diagnostics warnings;
  if (!mirrors.empty())
    for (const auto& f : files) {
      const FileKind k = kind_of(f);
      if (k != FileKind::state && k != FileKind::scenario) continue;
      auto text = ws.read(f);
      if (!text) continue;
      ReferenceListCheck c = check_reference_sources(*text, f, mirrors);
      citations += c.citations;
      mirror_citations += c.mirror_citations;
      mirror_only += static_cast<int>(c.mirror_only.size());
      warnings.insert(warnings.end(), c.mirror_only.begin(), c.mirror_only.end());
    }
  const size_t n = ws.print_problems();
  for (const auto& w : warnings) std::cerr << format_diagnostic(w, "") << "\n";
  const std::string sources =
      mirrors.empty() ? std::string("; citation sources not checked (no data/citation_mirrors.txt)")
                      : "; " + std::to_string(mirror_only) + " reference list" + (mirror_only == 1 ? "" : "s") +
                            " cite only copies of their sources (" + std::to_string(mirror_citations) + " of " +
                            std::to_string(citations) + " citations point at a copy)";
  if (n > 0) {
    std::cerr << "reliefsim check: " << n << " problem" << (n == 1 ? "" : "s") << " in " << files.size()
              << " file" << (files.size() == 1 ? "" : "s") << "\n";
    return kExitBadInput;
  }
  std::cout << "checked " << files.size() << " file" << (files.size() == 1 ? "" : "s") << ": no problems" << sources << "\n";
  return kExitOk;
}

}  // namespace reliefsim
