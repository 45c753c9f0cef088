// Each broken file in tests/fixtures/bad/ comes with the exact messages it must produce,
// caret included, in <name>.expected (reviewed by hand when written). The file name says
// which loader reads it: state_*, scenario_* or federal_*.
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

using namespace reliefsim;
namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("each broken fixture yields its own messages at the right line and column") {
  const fs::path dir = fs::path(RELIEFSIM_SOURCE_DIR) / "tests/fixtures/bad";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 10);
  for (const auto& f : files) {
    const std::string name = f.stem().string();
    const std::string shown = "tests/fixtures/bad/" + f.filename().string();
    const std::string text = slurp(f);
    Diagnostics problems;
    if (name.rfind("state_", 0) == 0) {
      CHECK_MESSAGE(!load_jurisdiction(text, shown, problems), name);
    } else if (name.rfind("scenario_", 0) == 0) {
      CHECK_MESSAGE(!load_scenario(text, shown, problems), name);
    } else {
      PopulationInputs in;
      load_federal_counts(text, shown, in, problems);
    }
    std::string actual;
    for (const auto& p : problems) actual += format_diagnostic(p, text) + "\n";
    const fs::path expected_path = dir / (name + ".expected");
    if (std::getenv("RELIEFSIM_UPDATE_GOLDEN")) {
      std::ofstream(expected_path, std::ios::binary) << actual;
      continue;
    }
    INFO("fixture " << name);
    CHECK_FALSE(problems.empty());
    CHECK(actual == slurp(expected_path));
  }
}
