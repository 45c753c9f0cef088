// Rule tests: dated facts written from the sources (tests/law/<postal>.yaml), checked
// against the encoded law of states/<postal>.yaml.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "sim/load/rule_case_loader.hpp"
#include "tests/test_support.hpp"

using namespace reliefsim;
namespace fs = std::filesystem;

TEST_CASE("every jurisdiction's dated facts from the sources agree with the encoded law") {
  Workspace ws = testing::load_project();
  REQUIRE(ws.law);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(RELIEFSIM_SOURCE_DIR) / "tests/law"))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  int cases = 0;
  for (const auto& f : files) {
    std::string postal = f.stem().string();
    for (auto& c : postal) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const Jurisdiction* j = ws.law->find(postal);
    REQUIRE_MESSAGE(j, f.string() << " names no jurisdiction in states/");
    Diagnostics problems;
    const auto rule_cases = load_rule_cases(*ws.read(f.string()), f.string(), problems);
    for (const auto& p : problems) FAIL_CHECK(format_diagnostic(p));
    CHECK_MESSAGE(rule_cases.size() >= 3, f.string() << " has fewer than three dated facts");
    for (const auto& c : rule_cases) {
      for (const auto& m : check_rule_case(*j, c))
        FAIL_CHECK(c.where.file << ":" << c.where.line << ": " << c.name << ": " << m);
      ++cases;
    }
  }
  // Every jurisdiction in states/ has its rule tests.
  for (const auto& j : ws.law->jurisdictions) {
    std::string lower = j.postal;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK_MESSAGE(fs::exists(fs::path(RELIEFSIM_SOURCE_DIR) / "tests/law" / (lower + ".yaml")),
                  "no tests/law/" << lower << ".yaml for " << j.postal);
  }
  CHECK(cases >= 3 * static_cast<int>(ws.law->jurisdictions.size()));
}
