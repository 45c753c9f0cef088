#include "sim/cli/workspace.hpp"

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

#include "sim/base/sha256.hpp"
#include "sim/base/spellcheck.hpp"
#include "sim/load/data_loader.hpp"
#include "sim/load/scenario_loader.hpp"

namespace fs = std::filesystem;

namespace reliefsim {

std::optional<std::string> find_root(const std::string& given, std::string& error) {
  auto is_root = [](const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p / "states", ec) && fs::is_directory(p / "scenarios", ec);
  };
  if (!given.empty()) {
    if (is_root(given)) return given;
    error = "--root " + given + " has no states/ and scenarios/ folders";
    return std::nullopt;
  }
  std::error_code ec;
  for (fs::path p = fs::current_path(ec); !ec && !p.empty(); p = p.parent_path()) {
    if (is_root(p)) {
      // Show paths relative to the working directory when the root is it.
      return p == fs::current_path(ec) ? std::string(".") : p.string();
    }
    if (p == p.parent_path()) break;
  }
  if (is_root(RELIEFSIM_SOURCE_DIR)) return std::string(RELIEFSIM_SOURCE_DIR);
  error = "cannot find a reliefsim tree (folders states/ and scenarios/) here or above; use --root DIR";
  return std::nullopt;
}

namespace {

std::optional<std::string> slurp(const fs::path& p) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string join(const std::string& root, const std::string& rel) {
  return root == "." ? rel : (fs::path(root) / rel).string();
}

std::vector<std::string> yaml_files_in(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".yaml") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::optional<std::string> Workspace::read(const std::string& path) {
  for (const auto& f : files)
    if (f.path == path) return f.text;
  // A link could lead anywhere on the machine; the project's inputs are regular files.
  std::error_code ec;
  if (fs::is_symlink(path, ec)) {
    problems.push_back({{path, 0, 0}, "is a symbolic link; reliefsim reads only regular files",
                        "copy the file here instead of linking it"});
    return std::nullopt;
  }
  auto text = slurp(path);
  if (!text) {
    problems.push_back({{path, 0, 0}, "cannot read this file (missing, a folder, or not readable)", ""});
    return std::nullopt;
  }
  files.push_back({path, *text});
  return text;
}

void Workspace::load_states() {
  std::vector<SourceFile> states;
  for (const auto& p : yaml_files_in(join(root, "states")))
    if (auto t = read(p)) states.push_back({p, *t});
  if (states.empty()) problems.push_back({{join(root, "states"), 0, 0}, "no .yaml files in states/", ""});
  law = load_law_library(states, problems);
}

void Workspace::load_data() {
  struct Table {
    const char* path;
    void (*load)(std::string_view, const std::string&, PopulationInputs&, Diagnostics&);
  };
  static const Table kTables[] = {
      {"data/arrests/ucr_state_1985_2008.csv", load_state_arrests},
      {"data/arrests/state_post2008.csv", load_state_arrests},
      {"data/arrests/national_1965_2020.csv", load_national_arrests},
      {"data/arrests/national_drug_arrests.csv", load_national_drug_arrests},
      {"data/federal/ussc_simple_possession.yaml", load_federal_counts},
      {"data/demography/ssa_life_tables.csv", load_life_tables},
      {"data/demography/arrest_age_sex.yaml", load_age_sex},
      {"data/demography/race.yaml", load_race},
      {"data/demography/state_race_2020.csv", load_state_race_population},
      {"data/demography/state_adults_2019.csv", load_state_adults},
      {"data/assumptions.yaml", load_assumptions},
      {"data/calibration.yaml", load_calibration},  // after the assumptions it overrides
  };
  for (const auto& t : kTables) {
    const std::string p = join(root, t.path);
    if (auto text = read(p)) t.load(*text, p, inputs, problems);
  }
}

std::optional<Scenario> Workspace::load_scenario_named(const std::string& name, const std::vector<Override>& overrides) {
  std::error_code ec;
  std::string path = name;
  if (!fs::is_regular_file(path, ec)) {
    path = join(root, "scenarios/" + name + ".yaml");
    if (!fs::is_regular_file(path, ec)) {
      std::vector<std::string> ids;
      for (const auto& p : yaml_files_in(join(root, "scenarios"))) ids.push_back(fs::path(p).stem().string());
      problems.push_back({{name, 0, 0}, "no scenario '" + name + "': expected an id from scenarios/ or a file path",
                          did_you_mean(name, ids)});
      return std::nullopt;
    }
  }
  auto text = read(path);
  if (!text) return std::nullopt;
  return load_scenario_variant(*text, path, problems, scenario_source(), overrides);
}

ScenarioSource Workspace::scenario_source() {
  return [this](const std::string& id) -> std::optional<std::pair<std::string, std::string>> {
    const std::string path = join(root, "scenarios/" + id + ".yaml");
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    const size_t before = problems.size();
    auto text = read(path);
    problems.resize(before);  // a missing file is reported by the loader, at the extends
    if (!text) return std::nullopt;
    return std::make_pair(path, *text);
  };
}

std::vector<InputFile> Workspace::input_hashes() const {
  std::vector<InputFile> out;
  for (const auto& f : files) out.push_back({f.path, sha256_hex(f.text)});
  return out;
}

std::vector<JurisdictionLabel> Workspace::labels() const {
  std::vector<JurisdictionLabel> out;
  if (law)
    for (const auto& j : law->jurisdictions) out.push_back({j.name, j.postal, j.fips, j.level == Level::federal});
  return out;
}

size_t Workspace::print_problems() const {
  for (const auto& d : problems) {
    std::string_view source;
    for (const auto& f : files)
      if (f.path == d.where.file) source = f.text;
    std::cerr << format_diagnostic(d, source) << "\n";
  }
  return problems.size();
}

std::optional<Workspace> open_workspace(const char* command, const std::string& root, Load what) {
  std::string error;
  auto found = find_root(root, error);
  if (!found) {
    std::cerr << "reliefsim " << command << ": " << error << "\n";
    return std::nullopt;
  }
  Workspace ws;
  ws.root = *found;
  if (what == Load::states) ws.load_states();
  if (what == Load::everything) ws.load_law_and_data();
  if (what != Load::nothing && (!ws.problems.empty() || !ws.law)) {
    fail_with_problems(command, ws);
    return std::nullopt;
  }
  return ws;
}

int fail_with_problems(const char* command, const Workspace& ws, const char* what) {
  const size_t n = ws.print_problems();
  std::cerr << "reliefsim " << command << ": " << n << " problem" << (n == 1 ? "" : "s") << "; " << what << "\n";
  return 1;  // kExitBadInput (commands.hpp)
}

Date today() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return *Date::from_ymd(utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

std::string write_file_atomic(const std::string& path, const std::string& text) {
  std::error_code ec;
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return "cannot write " + tmp;
    out << text;
    out.flush();
    if (!out) {
      fs::remove(tmp, ec);
      return "cannot write " + tmp + " (disk full?)";
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return "cannot move " + tmp + " to " + path;
  }
  return "";
}

}  // namespace reliefsim
