// The bad-input corpus (issue 10): each broken file in tests/fixtures/bad/{states,scenarios,
// federal}/ comes with the exact messages it must produce, caret included, in
// <name>.expected (reviewed by hand when written). The folder says which loader reads it;
// scenarios follow `extends` into tests/fixtures/scenarios/.
// RELIEFSIM_UPDATE_GOLDEN=1 rewrites the .expected files, to be reviewed before commit.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/load/data_loader.hpp"
#include "sim/load/law_loader.hpp"
#include "sim/load/scenario_loader.hpp"
#include "tests/test_support.hpp"

using namespace reliefsim;
namespace fs = std::filesystem;

TEST_CASE("each broken fixture yields its own messages at the right line and column") {
  const fs::path dir = fs::path(RELIEFSIM_SOURCE_DIR) / "tests/fixtures/bad";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 40);
  const ScenarioSource source = [](const std::string& id) -> std::optional<std::pair<std::string, std::string>> {
    const fs::path p = fs::path(RELIEFSIM_SOURCE_DIR) / "tests/fixtures/scenarios" / (id + ".yaml");
    if (!fs::exists(p)) return std::nullopt;
    return std::make_pair("tests/fixtures/scenarios/" + id + ".yaml", testing::read_whole_file(p));
  };
  for (const auto& f : files) {
    const std::string name = f.stem().string();
    const std::string kind = f.parent_path().filename().string();
    const std::string shown = "tests/fixtures/bad/" + kind + "/" + f.filename().string();
    const std::string text = testing::read_whole_file(f);
    Diagnostics problems;
    if (kind == "states") {
      CHECK_MESSAGE(!load_jurisdiction(text, shown, problems), name);
    } else if (kind == "scenarios") {
      CHECK_MESSAGE(!load_scenario(text, shown, problems, source), name);
    } else {
      PopulationInputs in;
      load_federal_counts(text, shown, in, problems);
    }
    std::string actual;
    for (const auto& p : problems) actual += format_diagnostic(p, text) + "\n";
    const fs::path expected_path = f.parent_path() / (name + ".expected");
    if (std::getenv("RELIEFSIM_UPDATE_GOLDEN")) {
      std::ofstream(expected_path, std::ios::binary) << actual;
      continue;
    }
    INFO("fixture " << name);
    CHECK_FALSE(problems.empty());
    CHECK(actual == testing::read_whole_file(expected_path));
  }
}

TEST_CASE("every bad input makes 'reliefsim check' exit 1 with its first message, print nothing on stdout, in bounded time and memory") {
  const fs::path dir = fs::path(RELIEFSIM_SOURCE_DIR) / "tests/fixtures/bad";
  int cases = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".yaml") continue;
    const std::string rel = fs::relative(e.path(), RELIEFSIM_SOURCE_DIR).string();
    const std::string expected = testing::read_whole_file(e.path().parent_path() / (e.path().stem().string() + ".expected"));
    const std::string first_line = expected.substr(0, expected.find('\n'));
#ifdef RELIEFSIM_SANITIZED
    const std::string limits = "timeout 20";  // AddressSanitizer reserves far more address space than it uses
#else
    const std::string limits = "ulimit -v 2000000; timeout 20";  // 2 GB of address space, 20 s
#endif
    const auto r = testing::run_reliefsim("check " + rel + " --root .", limits);
    INFO(rel);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find(first_line) != std::string::npos);
    ++cases;
  }
  CHECK(cases >= 40);
}
